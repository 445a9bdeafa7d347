"""Benchmark the Gradient-flow app at depth 20 in headless Chromium.

Starts Voilà on a free port serving notebooks/, opens vanishing_gradients.ipynb with a page link
that makes the first app a 20-layer network (``?hidden=8,8,...&activation=sigmoid``), presses
Play, watches for ``--seconds`` and prints:

  fps                  frames painted per second (the FramePacer's acknowledgements, read from
                       window.__playgroundFrames.times, which it fills with paint times)
  frame_ms_p50, _p95   time between painted frames
  epochs_per_s         training speed seen on the page (the epoch counter)
  first_frame_s        page.goto -> the app's figure drawn (kernel start, notebook run, plotly's JS)
  depth, width         the network measured

Usage:  .venv/bin/python benchmarks/gradient_flow.py [--seconds 10] [--depth 20] [--runs 1]
The last line holds name=value pairs (medians over runs).
"""

import argparse
import re
import statistics
import time
from contextlib import contextmanager

from playwright.sync_api import sync_playwright

from playground_dev import servers
from playground_dev import live_harness as H
from playground_dev.chromium import launch_chromium

ROOT = servers.ROOT

APP = ".pg-gradient-flow"


@contextmanager
def voila_notebooks(timeout=120.0):
    """Voilà serving notebooks/ with ./voila.json (as scripts/serve does) on a free port."""
    with servers.voila_server("notebooks/", timeout=timeout, stop_timeout=15.0,
                              log_path=ROOT / "test-output" / "benchmark-voila.log") as server:
        yield server.url


def epoch(page):
    text = page.locator(f"{APP} .pg-epoch-value").inner_text()
    return int(re.search(r"Epoch\s+([\d,]+)", text).group(1).replace(",", ""))


def one_run(browser, base, args):
    page = H.new_page(browser)
    hidden = ",".join([str(args.width)] * args.depth)
    t0 = time.monotonic()
    page.goto(f"{base}/voila/render/vanishing_gradients.ipynb?hidden={hidden}&activation={args.activation}",
              wait_until="commit", timeout=300_000)
    page.wait_for_function(f"""() => {{ const gd = document.querySelector('{APP} .js-plotly-plot');
        return gd && gd.data && gd.data[0].x && gd.data[0].x.length === {args.depth + 1}; }}""", timeout=300_000)
    first = time.monotonic() - t0
    page.locator(APP).get_by_role("button", name="Play").click()
    H.wait_for_frames(page, 3, timeout=120)
    start, e0, t_start = H.frames(page), epoch(page), time.monotonic()
    time.sleep(args.seconds)
    end, e1, t_end = H.frames(page), epoch(page), time.monotonic()
    page.locator(APP).get_by_role("button", name="Pause").click()
    times = [t for t in end["times"] if t > (start["times"][-1] if start["times"] else 0)]
    gaps = sorted(b - a for a, b in zip(times, times[1:]))
    span_s = (times[-1] - times[0]) / 1000 if len(times) > 1 else float("nan")
    page.context.close()
    return dict(fps=round((len(times) - 1) / span_s, 1) if len(times) > 1 else 0.0,
                frame_ms_p50=round(gaps[len(gaps) // 2], 1) if gaps else None,
                frame_ms_p95=round(gaps[min(len(gaps) - 1, int(0.95 * len(gaps)))], 1) if gaps else None,
                epochs_per_s=round((e1 - e0) / (t_end - t_start), 1), first_frame_s=round(first, 1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0, help="how long to watch frames")
    ap.add_argument("--depth", type=int, default=20, help="hidden layers")
    ap.add_argument("--width", type=int, default=8, help="neurons per hidden layer")
    ap.add_argument("--activation", default="sigmoid")
    ap.add_argument("--runs", type=int, default=1, help="page loads (each with a new kernel)")
    args = ap.parse_args()
    results = []
    with voila_notebooks() as base, sync_playwright() as pw:
        browser = launch_chromium(pw)
        for i in range(args.runs):
            results.append(one_run(browser, base, args))
            print(f"run {i + 1}: {results[-1]}", flush=True)
        browser.close()
    keys = ["fps", "frame_ms_p50", "frame_ms_p95", "epochs_per_s", "first_frame_s"]
    med = {k: statistics.median(r[k] for r in results if r[k] is not None) for k in keys}
    print(" ".join([f"app=gradient_flow depth={args.depth} width={args.width} activation={args.activation}",
                    *(f"{k}={round(v, 2)}" for k, v in med.items())]))


if __name__ == "__main__":
    main()
