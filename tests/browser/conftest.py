"""Fixtures for tests that drive the served Voila app in Debian's headless Chromium.

Fixtures
    voila_url   (session)  "http://127.0.0.1:<port>": Voila serving notebooks/ with ./voila.json
    lab         (session)  playground_dev.servers.Server: JupyterLab on a copy of notebooks/ (one
                           per worker that runs JupyterLab's tests: tests/conftest.py SHARED_SERVERS)
    browser     (session)  playwright Browser on /usr/bin/chromium, headless
    page        (function) a fresh context + Page; ``page.console_errors`` collects console
                           errors and page errors, and the test fails at teardown if any remain
                           that are not known noise (clear the list to accept some);
                           ``page.external_requests`` lists requests and WebSockets that tried
                           to leave the machine (aborted; a dead proxy stops what slips past),
                           and the test fails if there are any
    output_dir  (function) test-output/<test name>/, created, for screenshots

Helper
    wait_for_voila_app(page, timeout=60.0, selector=None)   (tests.browser.support)

Every test in this directory is marked ``browser``.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from playground_dev.chromium import CHROMIUM, EXTERNAL_URL, is_external, launch_chromium
from playground_dev.servers import OUTPUT_ROOT, ServerError, start_jupyterlab, start_voila, stop
from tests.browser.support import (  # noqa: F401  (re-exported for tests)
    DEAD_PROXY,
    ConsoleError,
    is_known_noise,
    wait_for_voila_app,
)

ROOT = Path(__file__).resolve().parents[2]
VOILA_START_TIMEOUT = 60.0  # seconds until Voila answers 200 on /
VOILA_STOP_TIMEOUT = 10.0  # seconds between SIGTERM and SIGKILL

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def worker_log(name: str) -> Path:
    """test-output/<name>.log, or <name>-gw<n>.log in pytest-xdist's worker n (each has its servers)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return OUTPUT_ROOT / (f"{name}-{worker}.log" if worker else f"{name}.log")


# --- Voila --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def voila_url():
    """Start Voila on notebooks/ (config: ./voila.json, as scripts/serve) and yield its base URL."""
    try:
        server = start_voila("notebooks/", log_path=worker_log("voila"), timeout=VOILA_START_TIMEOUT)
    except ServerError as exc:
        pytest.fail(str(exc))
    try:
        yield server.url
    finally:
        stop(server, VOILA_STOP_TIMEOUT)


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab on a copy of notebooks/ (running cells changes a notebook, and JupyterLab saves
    it by itself after a while: the repository's notebooks stay untouched); yields the Server."""
    root = tmp_path_factory.mktemp("lab-notebooks")
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(notebook, root)
    shutil.copytree(ROOT / "notebooks" / "ko", root / "ko")  # the Korean edition, next to its landing page
    try:
        server = start_jupyterlab(root, log_path=worker_log("jupyterlab"))
    except ServerError as exc:
        pytest.fail(str(exc))
    try:
        yield server
    finally:
        stop(server)


# --- Chromium -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (never `playwright install`)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/test (it installs it) "
                    "or `apt-get install -y chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def output_dir(request) -> Path:
    """test-output/<test name>/ (created): put screenshots and other artefacts here."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name).strip("_") or "test"
    path = OUTPUT_ROOT / name
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def page(browser, request, output_dir):
    """A new browser context and page.

    ``page.console_errors`` is a list of ConsoleError (console messages of type "error" and
    uncaught page errors). After the test, any entry left that is not known noise (Voilà's
    shutdown 403) fails the test; a test that expects an error should remove it from the list.
    Requests to external hosts are aborted and listed in ``page.external_requests``, with any
    WebSocket opened to one (the context's dead proxy, ``DEAD_PROXY``, keeps it from connecting):
    any fails the test (nothing on these pages may come from the internet).
    On failure a screenshot is saved as output_dir/failure.png.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900}, proxy=DEAD_PROXY)
    external: list[str] = []

    def abort_external(route):
        external.append(route.request.url)
        route.abort()

    context.route(EXTERNAL_URL, abort_external)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.console_errors = []  # list[ConsoleError]; tests may inspect, remove or clear entries
    pg.external_requests = external

    def on_console(msg):
        if msg.type == "error":
            pg.console_errors.append(ConsoleError("console", msg.text, (msg.location or {}).get("url", "")))

    def on_page_error(exc):
        pg.console_errors.append(ConsoleError("pageerror", f"{exc.name}: {exc.message}" if exc.name else str(exc)))

    pg.on("websocket", lambda ws: is_external(ws.url) and external.append(ws.url))
    pg.on("console", on_console)
    pg.on("pageerror", on_page_error)
    try:
        yield pg
    finally:
        call = getattr(request.node, "rep_call", None)
        if call is not None and call.failed:
            try:
                pg.screenshot(path=str(output_dir / "failure.png"), full_page=True)
            except Exception:  # noqa: BLE001 - best effort only
                pass
        context.close()
    assert not external, "requests tried to leave the machine:\n" + "\n".join(external)
    unexpected = [e for e in pg.console_errors if not is_known_noise(e)]
    assert not unexpected, "browser console errors:\n" + "\n".join(map(str, unexpected))
