"""Benchmark the browser-paced live loop in headless Chromium.

Serves tests/browser/live_probe.ipynb with Voila (one FigureWidget: 60x60 heatmap + scatter,
new random values every frame), watches it for a while, clicks Pause, and prints:

  fps                      frames painted per second in Chromium (acknowledged frames)
  rtt_ms_p50, rtt_ms_p95   kernel: frame sent -> page says it painted it
  kernel_fps               kernel: frames started per second (LiveLoop.stats())
  pause_to_last_frame_ms   page: Pause click -> last frame painted after it
  frames_after_pause       frames painted after the click (those already in flight)
  first_frame_s            page.goto -> 3rd painted frame (Voila run + plotly's JS)
  work_budget_ms           LiveLoop.work_budget_s at Pause (with --work, each frame first
                           keeps the CPU busy that long, standing in for training steps)
  work_share               with --work: work_budget_ms x kernel_fps, the share of wall time
                           spent "training" (0 without --work)

Usage:  .venv/bin/python benchmarks/live_loop.py [--seconds 10] [--runs 1] [--work]
The last line holds name=value pairs (medians over runs).
"""

import argparse
import statistics
import time


from playwright.sync_api import sync_playwright

from playground_dev import live_harness as H
from playground_dev.chromium import launch_chromium


def one_run(browser, url, log_path, seconds, work):
    page = H.new_page(browser)
    t0 = time.monotonic()
    page.goto(url)
    H.wait_for_frames(page, 3, timeout=120)
    first = time.monotonic() - t0
    figures = H.measure(page, log_path, seconds=seconds)
    page.context.close()
    share = figures["work_budget_ms"] * (figures["kernel_fps"] or 0) / 1000 if work else 0.0
    return dict(figures, first_frame_s=round(first, 1), work_share=round(share, 2))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0, help="how long to watch frames")
    ap.add_argument("--runs", type=int, default=1, help="page loads (each with a new kernel)")
    ap.add_argument("--work", action="store_true",
                    help="each frame first computes for loop.work_budget_s (adaptive work)")
    args = ap.parse_args()
    results = []
    env = {"LIVE_PROBE_WORK": "1" if args.work else "0"}
    with H.voila_server(env) as (url, log_path), sync_playwright() as pw:
        browser = launch_chromium(pw)
        for i in range(args.runs):
            results.append(one_run(browser, url, log_path, args.seconds, args.work))
            print(f"run {i + 1}: {results[-1]}", flush=True)
        browser.close()
    keys = ["fps", "rtt_ms_p50", "rtt_ms_p95", "kernel_fps", "pause_to_last_frame_ms",
            "frames_after_pause", "first_frame_s", "work_budget_ms", "work_share"]
    med = {k: statistics.median(r[k] for r in results if r[k] is not None) for k in keys}
    print(" ".join([f"work={int(args.work)}", *(f"{k}={round(v, 2)}" for k, v in med.items())]))


if __name__ == "__main__":
    main()
