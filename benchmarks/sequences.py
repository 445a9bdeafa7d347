"""Benchmark the sequences page (apps.Sequences) in headless Chromium.

Starts Voilà on a free port serving notebooks/ (with ./voila.json, as scripts/serve does), opens
sequences.ipynb, picks the cell (``--cell``), presses Play, watches for ``--seconds`` and prints:

  fps                  frames painted per second (the FramePacer's acknowledgements, from
                       window.__playgroundFrames.times: the paint times)
  frame_ms_p50, _p95   time between painted frames
  canvas_frames_per_s  frames the panels canvas drew (window.__panelsCanvas)
  epochs_per_s         training speed seen on the page (the epoch counter)
  first_picture_s      page.goto -> the four panels drawn once

Usage:  .venv/bin/python benchmarks/sequences.py [--seconds 10] [--cell rnn|lstm|gru] [--runs 1]
The last line holds name=value pairs (medians over runs).
"""

import argparse
import statistics
import time

from playwright.sync_api import sync_playwright

from playground_dev import live_harness as H
from playground_dev import servers
from playground_dev.chromium import launch_chromium

APP = ".pg-sequences"
CELLS = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}


def epoch(page) -> int:
    return int(page.locator(f"{APP} .pg-epoch-value b").inner_text().replace(",", ""))


def canvas_frames(page) -> int:
    return page.evaluate("() => globalThis.__panelsCanvas?.frames ?? 0")


def one_run(browser, base, args):
    page = H.new_page(browser)
    t0 = time.monotonic()
    page.goto(f"{base}/voila/render/sequences.ipynb", wait_until="commit", timeout=300_000)
    page.wait_for_function("() => (globalThis.__panelsCanvas?.frames ?? 0) > 0", timeout=300_000)
    first = time.monotonic() - t0
    if args.cell != "rnn":
        page.locator(APP).get_by_role("button", name=CELLS[args.cell], exact=True).click()
        page.get_by_text(f"New {CELLS[args.cell]}").wait_for(timeout=60_000)
    page.locator(APP).get_by_role("button", name="Play").click()
    H.wait_for_frames(page, 3, timeout=120)
    start, e0, c0, t_start = H.frames(page), epoch(page), canvas_frames(page), time.monotonic()
    time.sleep(args.seconds)
    end, e1, c1, t_end = H.frames(page), epoch(page), canvas_frames(page), time.monotonic()
    page.locator(APP).get_by_role("button", name="Pause").click()
    times = [t for t in end["times"] if t > (start["times"][-1] if start["times"] else 0)]
    gaps = sorted(b - a for a, b in zip(times, times[1:]))
    span_s = (times[-1] - times[0]) / 1000 if len(times) > 1 else float("nan")
    page.context.close()
    return dict(fps=round((len(times) - 1) / span_s, 1) if len(times) > 1 else 0.0,
                frame_ms_p50=round(gaps[len(gaps) // 2], 1) if gaps else None,
                frame_ms_p95=round(gaps[min(len(gaps) - 1, int(0.95 * len(gaps)))], 1) if gaps else None,
                canvas_frames_per_s=round((c1 - c0) / (t_end - t_start), 1),
                epochs_per_s=round((e1 - e0) / (t_end - t_start), 1), first_picture_s=round(first, 1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0, help="how long to watch frames")
    ap.add_argument("--cell", choices=sorted(CELLS), default="lstm")
    ap.add_argument("--runs", type=int, default=1, help="page loads (each with a new kernel)")
    args = ap.parse_args()
    results = []
    with servers.voila_server("notebooks/", timeout=120.0, stop_timeout=15.0,
                              log_path=servers.ROOT / "test-output" / "benchmark-voila.log") as server, \
            sync_playwright() as pw:
        browser = launch_chromium(pw)
        for i in range(args.runs):
            results.append(one_run(browser, server.url, args))
            print(f"run {i + 1}: {results[-1]}", flush=True)
        browser.close()
    keys = ["fps", "frame_ms_p50", "frame_ms_p95", "canvas_frames_per_s", "epochs_per_s", "first_picture_s"]
    med = {k: statistics.median(r[k] for r in results if r[k] is not None) for k in keys}
    print(" ".join([f"app=sequences cell={args.cell}", *(f"{k}={round(v, 2)}" for k, v in med.items())]))


if __name__ == "__main__":
    main()
