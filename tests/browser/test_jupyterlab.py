"""The same notebooks run in JupyterLab, in a real browser.

JupyterLab (this venv's, playground_dev/servers.py: 127.0.0.1, no token, settings in a temporary
directory) serves a copy of notebooks/ (running cells changes a notebook, and JupyterLab saves it
by itself after a while: the repository's notebooks stay untouched). For each notebook the test
opens it, runs every cell from the menu (Run → Run All Cells), waits for the app's pictures,
then works the app as a learner would and sees the picture change:

- playground.ipynb: Play; the epoch counter (``.pg-epoch``) rises and the picture changes; Pause.
- 01_neuron_perceptron.ipynb: a weight slider moved with the keyboard; the figure changes.
- ko/01_neuron_perceptron.ipynb (the Korean edition): the app speaks Korean by itself, its button
  works, and the markdown's answers (``<details>``) are folded until 답 is clicked.

No output cell shows an error, and no request leaves the machine. Screenshots go to output_dir.
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from playground_dev.chromium import is_external
from tests.browser.support import PICTURES, ConsoleError, is_known_noise

OPEN_TIMEOUT = 120.0  # s: JupyterLab's page and the notebook panel
RUN_TIMEOUT = 240.0  # s: a fresh kernel imports torch and plotly, then the app draws
ERROR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"

# A fingerprint of every picture on the page: canvases' pixels and plotly figures' data.
SNAPSHOT = r"""() => {
  const out = [];
  document.querySelectorAll('.jp-Notebook canvas').forEach((c) => {
    if (!c.closest('.js-plotly-plot') && c.width && c.height) out.push(c.toDataURL());
  });
  document.querySelectorAll('.jp-Notebook .js-plotly-plot').forEach((gd) => {
    out.push(JSON.stringify((gd.data || []).map((t) => [t.x, t.y, t.z])));
  });
  return out;
}"""
ALL_DRAWN = f"() => {{ const p = ({PICTURES})(); return p.length > 0 && p.every(x => x.drawn); }}"


LAB_VIEWPORT = {"width": 1400, "height": 1000}


@contextmanager
def lab_page_in(browser, output_dir, request, viewport=None):
    """A page in a fresh context (``viewport``: CSS pixels); requests off the machine are aborted
    and fail the test, and so do console errors (other than known noise)."""
    context = browser.new_context(viewport=viewport or LAB_VIEWPORT)
    left: list[str] = []

    def only_this_machine(route):
        if is_external(route.request.url):
            left.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", only_this_machine)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(
        ConsoleError("console", m.text, (m.location or {}).get("url", ""))))
    page.on("pageerror", lambda e: page.console_errors.append(ConsoleError("pageerror", str(e))))
    failed = False
    try:
        yield page
    except BaseException:
        failed = True
        raise
    finally:
        call = getattr(request.node, "rep_call", None)
        if failed or (call is not None and call.failed):
            try:
                page.screenshot(path=str(output_dir / "failure.png"))
            except Exception:  # noqa: BLE001 - best effort only
                pass
        _shut_kernels_down(page)
        context.close()
    assert not left, "requests tried to leave the machine:\n" + "\n".join(left)
    unexpected = [e for e in page.console_errors if not is_known_noise(e)]
    assert not unexpected, "browser console errors:\n" + "\n".join(map(str, unexpected))


@pytest.fixture
def lab_page(browser, lab, output_dir, request):
    """``lab_page_in`` for a test of this module."""
    with lab_page_in(browser, output_dir, request) as page:
        yield page


def _shut_kernels_down(page) -> None:
    """Shut the page's kernels down through JupyterLab's REST API (no token in these tests)."""
    try:
        page.evaluate("""async () => {
          const xsrf = (document.cookie.match(/(?:^|;\\s*)_xsrf=([^;]*)/) || [])[1] || '';
          const headers = {'X-XSRFToken': decodeURIComponent(xsrf)};
          const kernels = await (await fetch('/api/kernels', {headers})).json();
          await Promise.all(kernels.map((k) => fetch('/api/kernels/' + k.id, {method: 'DELETE', headers})));
        }""")
    except Exception:  # noqa: BLE001 - best effort: stopping the server stops them anyway
        pass


CELLS_STARTED = ("() => Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) "
                 ".jp-CodeCell .jp-InputPrompt')).some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))")


def open_and_run_all(page, base_url: str, notebook: str) -> None:
    """Open ``notebook`` in JupyterLab, wait for its kernel, then Run → Run All Cells (again if
    no cell has started within 30 s: a click during start-up can be lost)."""
    # ?reset: a fresh workspace, not the previous test's tabs (whose kernels would start again)
    page.goto(f"{base_url}/lab/tree/{notebook}?reset", timeout=OPEN_TIMEOUT * 1000)
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first
    panel.wait_for(state="visible", timeout=OPEN_TIMEOUT * 1000)
    # a kernel choice dialog appears only if the notebook's kernel is unknown: accept the default
    select = page.locator(".jp-Dialog .jp-mod-accept")
    if select.count():
        select.first.click()
    # the status bar says "Python 3 (ipykernel) | Idle" once the kernel has started
    page.locator(".jp-StatusBar-Widget", has_text=re.compile(r"\|\s*Idle")).first.wait_for(
        timeout=RUN_TIMEOUT * 1000)
    for _attempt in range(3):
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        item = page.locator(".lm-Menu-item:not(.lm-mod-disabled)", has_text=re.compile(r"^Run All Cells"))
        item.first.wait_for(state="visible")
        item.first.click()
        try:
            page.wait_for_function(CELLS_STARTED, timeout=30_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    pytest.fail("Run → Run All Cells did not start any cell")


def wait_for_pictures(page) -> None:
    """Every cell has run (no ``[*]`` prompt left) and every picture on the page has drawn."""
    page.wait_for_function(
        "() => { const prompts = Array.from(document.querySelectorAll("
        "'.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt'));"
        " return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent)); }",
        timeout=RUN_TIMEOUT * 1000)
    page.wait_for_function(ALL_DRAWN, timeout=RUN_TIMEOUT * 1000, polling=500)


def assert_no_error_output(page) -> None:
    errors = page.locator(ERROR_OUTPUT)
    assert errors.count() == 0, f"an output cell shows an error: {errors.first.inner_text()[:500]}"


def epoch(page) -> int:
    text = page.locator(".pg-epoch .pg-epoch-value").first.inner_text()
    m = re.search(r"([\d,]+)", text)
    assert m, f"no epoch number in {text!r}"
    return int(m.group(1).replace(",", ""))


def test_the_playground_runs_in_jupyterlab(lab_page, lab, output_dir):
    page = lab_page
    open_and_run_all(page, lab.url, "playground.ipynb")
    wait_for_pictures(page)
    assert_no_error_output(page)
    page.screenshot(path=str(output_dir / "playground-ran.png"))
    before, e0 = page.evaluate(SNAPSHOT), epoch(page)

    page.get_by_role("button", name="Play", exact=True).click()
    deadline = time.monotonic() + 90
    while epoch(page) <= e0 + 5 and time.monotonic() < deadline:
        time.sleep(0.5)
    e1 = epoch(page)
    assert e1 > e0, f"the epoch counter stayed at {e0} after Play"
    page.wait_for_function(f"(before) => JSON.stringify(({SNAPSHOT})()) !== JSON.stringify(before)",
                           arg=before, timeout=60_000, polling=500)
    page.get_by_role("button", name="Pause", exact=True).click()
    page.get_by_role("button", name="Play", exact=True).wait_for(timeout=30_000)
    page.screenshot(path=str(output_dir / "playground-trained.png"))
    assert_no_error_output(page)


def test_the_perceptron_runs_in_jupyterlab(lab_page, lab, output_dir):
    page = lab_page
    open_and_run_all(page, lab.url, "01_neuron_perceptron.ipynb")
    wait_for_pictures(page)
    assert_no_error_output(page)
    page.screenshot(path=str(output_dir / "perceptron-ran.png"))
    before = page.evaluate(SNAPSHOT)

    handle = page.locator(".jp-Notebook .widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(f"(before) => JSON.stringify(({SNAPSHOT})()) !== JSON.stringify(before)",
                           arg=before, timeout=60_000, polling=500)
    page.screenshot(path=str(output_dir / "perceptron-moved.png"))
    assert_no_error_output(page)


def test_the_korean_edition_runs_in_jupyterlab(lab_page, lab, output_dir):
    page = lab_page
    open_and_run_all(page, lab.url, "ko/01_neuron_perceptron.ipynb")
    wait_for_pictures(page)
    assert_no_error_output(page)
    notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first
    notebook.get_by_role("button", name="예시 가중치 보기").click()
    notebook.locator(".pg-message", has_text="흔히 쓰는 값").wait_for(state="visible")
    answer = notebook.locator(".jp-RenderedMarkdown details").first
    assert not answer.evaluate("d => d.open")
    answer.locator("summary", has_text="답").click()
    assert answer.evaluate("d => d.open") and answer.get_by_text("예:").is_visible()
    page.screenshot(path=str(output_dir / "korean-perceptron.png"))
    assert_no_error_output(page)
