"""Benchmark the space-warping app in headless Chromium: frames painted per second while it trains.

Starts Voilà on a free port (notebooks/, ./voila.json, as scripts/serve), opens
/voila/render/space_warping.ipynb, presses Play in its main app (part 3: circle, hidden layers 3
and 2, ReLU) for ``--seconds``, then plays the stage animation once, and reads
``window.__playgroundFrames.times`` (the FramePacer's paint times). Prints:

  page_s              page.goto -> every figure of the page drawn (Voilà runs the notebook first)
  fps                 frames painted per second while training
  frame_ms_p50, _p95  time between painted frames while training
  epochs              epochs trained in those seconds
  stage_fps           frames painted per second while the stages play (no training)
  stage_frames        frames painted during the stage animation

Usage:  .venv/bin/python benchmarks/space_warp.py [--seconds 10] [--screenshot out.png]
The last line holds name=value pairs.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import time
from pathlib import Path

from playground_dev import servers
from playground_dev.chromium import EXTERNAL_URL, launch_chromium

ROOT = servers.ROOT
APP = "/voila/render/space_warping.ipynb"
MAIN_APP = 2  # the third SpaceWarp on the page: hidden layers 3 and 2
FRAMES = "() => { const f = window.__playgroundFrames || {acks: 0, times: []};" \
         " return {acks: f.acks, times: Array.from(f.times)}; }"
PLOTS_DRAWN = """(n) => { const gds = document.querySelectorAll('.js-plotly-plot');
  return gds.length >= n && Array.from(gds).every(gd => gd._fullData && gd._fullData.length > 0); }"""


@contextlib.contextmanager
def voila(timeout: float = 60.0):
    """Voilà on notebooks/ with ./voila.json, as scripts/serve runs it (playground_dev/servers.py)."""
    with servers.voila_server("notebooks/", timeout=timeout,
                              log_path=ROOT / "test-output" / "voila-space-warp-bench.log") as server:
        yield server.url


def epoch(app) -> int:
    text = app.locator(".pg-epoch .pg-epoch-value").inner_text()
    return int(re.search(r"Epoch\s+([\d,]+)", text).group(1).replace(",", ""))


def rate(times, t0, t1):
    inside = [t for t in times if t0 <= t <= t1]
    gaps = sorted(b - a for a, b in zip(inside, inside[1:]))
    fps = (len(inside) - 1) / ((inside[-1] - inside[0]) / 1000) if len(inside) > 2 else 0.0
    pct = lambda q: round(gaps[min(len(gaps) - 1, int(q * len(gaps)))], 1) if gaps else None  # noqa: E731
    return round(fps, 1), pct(0.5), pct(0.95), len(inside)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0, help="how long to train and watch")
    ap.add_argument("--screenshot", type=Path, help="save a screenshot of the main app here")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with voila() as url, sync_playwright() as pw:
        browser = launch_chromium(pw)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route(EXTERNAL_URL, lambda route: route.abort())
        page = context.new_page()
        page.set_default_timeout(180_000)
        t0 = time.monotonic()
        page.goto(url + APP)
        page.wait_for_selector("#loading", state="detached")
        n_apps = page.locator(".pg-space-warp, .pg-hand-warp").count()
        page.wait_for_function(PLOTS_DRAWN, arg=n_apps)
        page_s = time.monotonic() - t0
        app = page.locator(".pg-space-warp").nth(MAIN_APP)
        app.scroll_into_view_if_needed()
        e0 = epoch(app)
        w0 = page.evaluate("() => performance.now()")
        app.get_by_role("button", name="Play", exact=True).click()
        time.sleep(args.seconds)
        w1 = page.evaluate("() => performance.now()")
        app.get_by_role("button", name="Pause", exact=True).click()
        time.sleep(1.0)
        trained = epoch(app) - e0
        fps, p50, p95, _ = rate(page.evaluate(FRAMES)["times"], w0 + 1000, w1)  # the first second ramps up
        s0 = page.evaluate("() => performance.now()")
        app.locator(".pg-stage-play").click()
        page.wait_for_function("(el) => el.textContent.includes('play the stages')",
                               arg=app.locator(".pg-stage-play").element_handle(), timeout=30_000)
        s1 = page.evaluate("() => performance.now()")
        stage_fps, _, _, stage_frames = rate(page.evaluate(FRAMES)["times"], s0, s1)
        if args.screenshot:
            app.screenshot(path=str(args.screenshot))
        browser.close()
    print(f"app=space_warp page_s={page_s:.1f} fps={fps} frame_ms_p50={p50} frame_ms_p95={p95} "
          f"epochs={trained} stage_fps={stage_fps} stage_frames={stage_frames}")


if __name__ == "__main__":
    main()
