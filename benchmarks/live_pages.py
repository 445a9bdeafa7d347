"""Frames/s of every live app of the course (every app with a Play button), each played alone in Chromium.

Run from the repository root:

    .venv/bin/python benchmarks/live_pages.py                       # every page of the course
    .venv/bin/python benchmarks/live_pages.py --pages 05b_regression.ipynb,boltzmann.ipynb --seconds 8

One Voilà server on notebooks/ with ./voila.json, as scripts/serve runs it. Each page is opened in a
fresh context and waited for until every picture has drawn; then each of its apps with a *Play*
button is played alone for ``--seconds`` and paused again. Printed per app:

- **fps**: frames the page painted and acknowledged per second (the FramePacer's paint times,
  ``window.__playgroundFrames``: the same clock as ``benchmarks/browser.py``);
- **gap p50 / p95**: milliseconds between two painted frames;
- the load average at the end of the window (the machine is shared: read the figures with it).

Targets: the Playground >= 30 frames/s (``benchmarks/browser.py`` measures it in detail), every other live
app >= 20 (issue 16); the pages of issue 14 (regression, sequences, Boltzmann machines) aim at >= 15.
The last line is ``name=value`` pairs (one ``<page>#<app>=fps`` per app).
"""

from __future__ import annotations

import argparse
import os
import time

from playground.apps.landing import APPS
from playground_dev import voila_page as V
from playground_dev.servers import voila_server

TARGET_FPS = 20.0

# Voilà's spinner gone, the apps shown and every visible picture drawn.
READY = "() => !document.getElementById('loading') && !!document.querySelector('.pg-app') && " \
        "((p) => p.length > 0 && p.every((x) => x.drawn))((%s)())" % V.PICTURES


# The app's own class (pg-xor, pg-sequences, ...) on the widget its root holds.
NAME = "(root) => [...root.children].map((c) => [...c.classList].find((x) => x.startsWith('pg-') && " \
       "!x.startsWith('pg-app'))).find(Boolean)?.slice(3)"


def painted(page) -> list[float]:
    return page.evaluate("() => (window.__playgroundFrames || {times: []}).times.slice()")


def play_one(page, app, seconds: float) -> dict:
    """Play ``app`` (a locator of one ``.pg-app``) for ``seconds``; its painted frames per second."""
    before = painted(page)
    since = before[-1] if before else 0.0
    app.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_function(f"() => (window.__playgroundFrames || {{times: []}}).times.filter((t) => t > {since}).length >= 3",
                           timeout=120_000)
    start = painted(page)[-1]
    time.sleep(seconds)
    times = [t for t in painted(page) if t > start]
    app.get_by_role("button", name="Pause", exact=True).click()
    gaps = sorted(b - a for a, b in zip([start, *times], times))
    span_s = (times[-1] - start) / 1000 if times else float("nan")
    return dict(fps=round(len(times) / span_s, 1) if times else 0.0,
                gap_p50=round(gaps[len(gaps) // 2]) if gaps else None,
                gap_p95=round(gaps[min(len(gaps) - 1, int(0.95 * len(gaps)))]) if gaps else None,
                load=round(os.getloadavg()[0], 1))


def play_page(browser, base: str, notebook: str, seconds: float) -> list[dict]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(V.EXTERNAL_URL, lambda route: route.abort())
    V.allow_kernel_shutdown(context, base)
    page = context.new_page()
    rows = []
    try:
        page.goto(f"{base}/voila/render/{notebook}", wait_until="commit", timeout=300_000)
        page.wait_for_function(READY, timeout=300_000, polling=200)
        apps = page.locator(".pg-app")
        for i in range(apps.count()):
            app = apps.nth(i)
            if app.get_by_role("button", name="Play", exact=True).count() != 1:
                continue
            name = app.evaluate(NAME) or str(i)
            app.scroll_into_view_if_needed()
            rows.append(dict(page=notebook, app=name, **play_one(page, app, seconds)))
            print(f"{notebook:32s} {rows[-1]['app']:24s} {rows[-1]['fps']:6.1f} fps  gap p50 {rows[-1]['gap_p50']} ms"
                  f"  p95 {rows[-1]['gap_p95']} ms  (load {rows[-1]['load']})", flush=True)
        V.shutdown_voila_kernel(page)
    finally:
        context.close()
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", default="", help="comma-separated notebooks (default: every page of the course)")
    ap.add_argument("--seconds", type=float, default=8.0, help="how long each app plays")
    args = ap.parse_args()
    pages = [p.strip() for p in args.pages.split(",") if p.strip()] or [notebook for notebook, _ in APPS]
    load = os.getloadavg()
    print(f"{os.cpu_count()} cores; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; Chromium on the same cores",
          flush=True)
    rows = []
    log = V.ROOT / "test-output" / "voila-live-pages.log"
    with voila_server("notebooks/", timeout=120, log_path=log) as server, V.chromium() as browser:
        for notebook in pages:
            rows += play_page(browser, server.url, notebook, args.seconds)
    missed = [r for r in rows if r["fps"] < TARGET_FPS]
    print(f"\n{len(rows)} live apps; below {TARGET_FPS:.0f} frames/s: "
          + (", ".join(f"{r['page']}#{r['app']} ({r['fps']})" for r in missed) or "none"))
    print(" ".join(f"{r['page'].removesuffix('.ipynb')}#{r['app']}={r['fps']}" for r in rows))


if __name__ == "__main__":
    main()
