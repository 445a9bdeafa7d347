"""The playground on JupyterHub, for real: deploy/jupyterhub_config.py run by this venv's
JupyterHub (playground_dev/hub.py: a test login, servers as this user, free ports, a kernel
culling timeout of 15 s instead of 600), the pinned configurable-http-proxy in front.

- Three learners log in from Chromium; each lands on the Voilà landing page in a server of their
  own, follows its link to the Playground, and sees the picture move after Play.
- The Korean entry point opens through the hub and speaks Korean.
- A kernel whose tab has closed is culled inside its learner's server; the open ones stay.
- A learner cannot reach another learner's server (403).
- Stopping the hub stops everything it started (servers, kernels, proxy).
"""

from __future__ import annotations

import time

import psutil
import pytest

from playground_dev.chromium import EXTERNAL_URL
from playground_dev.hub import hub_server, log_in
from playground_dev.servers import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.hub, pytest.mark.slow]

USERS = ["ada", "ben", "cy"]
CULL = 15  # s, the test's kernel culling timeout (the deployment's: 600)
PICTURE = "() => { const c = window.__playgroundCanvas; return c ? c.frames : 0; }"
KOREAN_INDEX = ("notebooks/ko/index.ipynb" if (ROOT / "notebooks" / "ko" / "index.ipynb").exists()
                else "notebooks/index.ipynb?lang=ko")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    with hub_server(tmp_path_factory.mktemp("hub"), USERS, cull_idle_timeout=CULL) as hub:
        yield hub
        started = psutil.Process(hub.server.proc.pid).children(recursive=True)
    assert started, "the hub started no process"
    gone, alive = psutil.wait_procs(started, timeout=20)
    assert not alive, f"left running after the hub stopped: {[p.pid for p in alive]}"


@pytest.fixture(scope="module")
def learners(hub, browser):
    """A logged-in browser context per learner, on their landing page."""
    contexts = {}
    for user in USERS:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route(EXTERNAL_URL, lambda route: route.abort())
        page = context.new_page()
        page.set_default_timeout(60_000)
        log_in(page, hub, user)
        page.wait_for_selector("#loading", state="detached", timeout=240_000)
        page.wait_for_selector("a[href^='playground.ipynb']", timeout=120_000)  # the landing app drawn
        contexts[user] = page
    yield contexts
    for page in contexts.values():
        page.context.close()


def kernels(page, hub, user) -> list[str]:
    reply = page.context.request.get(f"{hub.url}/user/{user}/api/kernels")
    assert reply.status == 200, reply.status
    return [k["id"] for k in reply.json()]


def test_each_learner_lands_on_the_landing_page_in_a_server_of_their_own(hub, learners):
    for user, page in learners.items():
        assert f"/user/{user}/voila/render/notebooks/index.ipynb" in page.url
        assert page.locator("a[href^='playground.ipynb']").count() >= 1
        assert "Traceback" not in page.inner_text("body")
    owners = []
    for proc in psutil.Process(hub.server.proc.pid).children(recursive=True):
        if "jupyterhub-singleuser" in " ".join(proc.cmdline()):
            owners.append(proc.environ().get("JUPYTERHUB_USER"))
    assert sorted(owners) == sorted(USERS)  # one server process per learner


def test_each_learner_opens_the_playground_and_sees_it_move(hub, learners):
    for user, page in learners.items():
        page.locator("a[href^='playground.ipynb']").first.click()
        page.wait_for_url(f"**/user/{user}/voila/render/notebooks/playground.ipynb*")
        page.wait_for_function(f"({PICTURE})() >= 1", timeout=240_000)
        page.get_by_role("button", name="Play", exact=True).click()
        before = page.evaluate(PICTURE)
        page.wait_for_function(f"({PICTURE})() >= {before + 10}", timeout=120_000)
        page.get_by_role("button", name="Pause", exact=True).click()


def test_the_korean_entry_point_works_through_the_hub(hub, learners):
    page = learners["ben"].context.new_page()
    page.goto(hub.user_url("ben", KOREAN_INDEX), timeout=240_000)
    page.wait_for_selector("#loading", state="detached", timeout=240_000)
    page.wait_for_selector("a[href*='playground.ipynb']", timeout=120_000)  # the landing app drawn
    text = page.inner_text("body")
    assert sum("\uac00" <= ch <= "\ud7a3" for ch in text) > 50, text[:500]  # Hangul syllables
    page.close()


def test_a_kernel_left_idle_is_culled_inside_its_learners_server(hub, learners):
    home = learners["cy"]
    before = set(kernels(home, hub, "cy"))
    tab = home.context.new_page()
    tab.goto(hub.user_url("cy", "notebooks/01_neuron_perceptron.ipynb"), timeout=240_000)
    tab.wait_for_selector("#loading", state="detached", timeout=240_000)
    left = set(kernels(home, hub, "cy")) - before
    assert len(left) == 1, left
    tab.close()
    deadline = time.monotonic() + CULL + 60
    while time.monotonic() < deadline and left & set(kernels(home, hub, "cy")):
        time.sleep(2)
    assert not left & set(kernels(home, hub, "cy")), "the idle kernel was not culled"
    assert "seconds of inactivity" in hub.server.log_path.read_text(errors="replace")  # the server's culler


def test_a_learner_cannot_reach_another_learners_server(hub, learners):
    ada = learners["ada"].context
    for path in ("api/kernels", "voila/render/notebooks/index.ipynb"):
        reply = ada.request.get(f"{hub.url}/user/ben/{path}")
        assert reply.status == 403, (path, reply.status, reply.url)
    assert ada.request.get(f"{hub.url}/user/ada/api/kernels").status == 200
