"""Serve tests/browser/live_probe.ipynb with Voila and drive it in Chromium.

Shared by ``tests/browser/test_live_browser.py`` (which takes ``browser``/``page`` from
conftest.py), ``benchmarks/live_loop.py`` and ``benchmarks/gradient_flow.py``. Voila serves the
probe's directory, not notebooks/, so the probe notebook gets a server of its own.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
from pathlib import Path

from playground_dev import servers
from playground_dev.chromium import EXTERNAL_URL

REPO = servers.ROOT
PROBE_DIR = REPO / "tests" / "browser"  # live_probe.ipynb
NOTEBOOK = "live_probe.ipynb"

# Installs a capture-phase click listener so the page itself timestamps the Pause click.
CLICK_CLOCK = """() => document.addEventListener('click', (e) => {
  if ((e.target.closest('button') || {}).textContent?.trim() === 'Pause')
    window.__pauseClickT = performance.now();
}, true)"""


free_port = servers.free_port


@contextlib.contextmanager
def voila_server(env_extra: dict | None = None, timeout: float = 60.0):
    """Start Voila on a free port serving this directory; yield (render_url, log_path).

    Run from a fresh temporary directory, so Voila does not read the repository's voila.json:
    no preheated kernel, the probe's environment (``LIVE_PROBE_LOG``, ``env_extra``) reaches the
    kernel, and ``playground`` is importable through PYTHONPATH. The page uses the repository's
    template, as voila.json would have it (nothing fetched from the internet)."""
    workdir = Path(tempfile.mkdtemp(prefix="live-probe-"))
    log_path = workdir / "states.jsonl"
    env = {"LIVE_PROBE_LOG": str(log_path),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
           **(env_extra or {})}
    with servers.voila_server(PROBE_DIR, args=["--VoilaConfiguration.preheat_kernel=False",
                                                   "--VoilaConfiguration.template=playground"], cwd=workdir,
                              env_extra=env, log_path=workdir / "voila.log", timeout=timeout,
                              stop_timeout=15.0) as server:
        yield f"{server.url}/voila/render/{NOTEBOOK}", log_path


def new_page(browser):
    """A page in a fresh context whose requests to other hosts (a CDN font) are aborted."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(EXTERNAL_URL, lambda route: route.abort())
    return context.new_page()


def plot_sample(page) -> list:
    """Trace count and a corner of the heatmap as drawn by plotly.js in the page."""
    return page.evaluate("""() => {
      const gd = document.querySelector('.js-plotly-plot');
      if (!gd || !gd.data) return [0, null];
      return [gd.data.length, Array.from(gd.data[0].z[0].slice(0, 5))];
    }""")


def frames(page) -> dict:
    return page.evaluate("() => window.__playgroundFrames || {acks: 0, times: [], lastId: 0}")


def wait_for_frames(page, n: int = 3, timeout: float = 90.0) -> None:
    """Wait until the page has painted ``n`` acknowledged frames (plotly's JS loads first)."""
    page.wait_for_function(f"() => (window.__playgroundFrames || {{}}).acks >= {n}",
                           timeout=timeout * 1000)


def read_states(log_path: Path) -> list[dict]:
    if not log_path.exists():
        return []
    return [json.loads(line) for line in log_path.read_text().splitlines() if line.strip()]


def wait_for_state(log_path: Path, reason: str, timeout: float, after: int = 0) -> dict | None:
    """The first state with ``reason`` among log lines ``after`` onwards, waiting up to
    ``timeout`` seconds for it (every page load's kernel appends to the same log)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for state in read_states(log_path)[after:]:
            if state["reason"] == reason:
                return state
        time.sleep(0.1)
    return None


def measure(page, log_path: Path, seconds: float = 5.0) -> dict:
    """Watch frames for ``seconds``, click Pause, watch 1.5 s more; return the figures."""
    page.evaluate(CLICK_CLOCK)
    start = frames(page)
    t0 = page.evaluate("() => performance.now()")
    time.sleep(seconds)
    mid = frames(page)
    t1 = page.evaluate("() => performance.now()")
    seen = len(read_states(log_path))
    page.get_by_role("button", name="Pause").click()
    time.sleep(1.5)
    end = frames(page)
    click_t = page.evaluate("() => window.__pauseClickT")
    paused = wait_for_state(log_path, "paused", 5.0, after=seen) or {}
    stats = paused.get("stats", {})
    after_click = [t for t in end["times"] if t > click_t]
    return dict(
        frames=mid["acks"] - start["acks"],
        fps=round((mid["acks"] - start["acks"]) / ((t1 - t0) / 1000), 1),
        rtt_ms_p50=stats.get("rtt_ms_p50"), rtt_ms_p95=stats.get("rtt_ms_p95"),
        kernel_fps=stats.get("fps"), work_budget_ms=round(1000 * paused.get("budget", 0), 1),
        frames_after_pause=len(after_click),
        pause_to_last_frame_ms=round(max(after_click) - click_t, 1) if after_click else 0.0,
    )
