"""How many page opens per minute the served site absorbs before it refuses, and its memory then.

Run from the repository root:   .venv/bin/python benchmarks/abuse.py [--minutes 3] [--workers 4]

Voilà serves notebooks/ with ./voila.json, as scripts/serve does (GuardedKernelManager: at most
40 kernels, unused ones shut down after 50 s, memory ceilings), on a free port. Two runs, each on
a fresh server, each ``--minutes`` long or until the first refusal:

- **without JavaScript**: ``--workers`` visitors fetch lesson pages one after the other, as
  ``curl`` does (each page starts a kernel that no page ever connects to);
- **with JavaScript**: ``--workers`` Chromium tabs each open a lesson page, wait until Voilà has
  run it and its widgets have connected, and close the tab (its kernel is left behind, unconnected).

The visitors come from 127.0.0.1, which the per-visitor ceiling leaves alone (``limit_loopback``),
so this measures the room's ceiling and the shutdown of unused kernels, not one visitor's share.
Printed per run: page opens, refusals (503 room full / 429), opens per minute, the most kernels at
once, and the resident memory of the server with its kernels at the first refusal (or at the end)
and at its peak. The last line is ``name=value`` pairs. The machine is shared: give its load.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import threading
import time

from playground_dev.chromium import EXTERNAL_URL, launch_chromium
from playground_dev.servers import OUTPUT_ROOT, voila_server
from playground_dev.visitors import fetch, kernel_processes, tree_rss

LESSONS = [f"/voila/render/{name}" for name in (
    "01_neuron_perceptron.ipynb", "02_xor_mlp.ipynb", "03_forward_propagation.ipynb", "04_activations.ipynb",
    "05_losses.ipynb", "09_metrics.ipynb")]
MB = 1024 ** 2


class Watch:
    """Samples the server's kernels and resident memory every second in a thread."""

    def __init__(self, pid: int):
        self.pid, self.peak_rss, self.peak_kernels = pid, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def now(self) -> tuple[int, int]:
        return tree_rss(self.pid), len(kernel_processes(self.pid))

    def _run(self):
        while not self._stop.wait(1.0):
            rss, kernels = self.now()
            self.peak_rss, self.peak_kernels = max(self.peak_rss, rss), max(self.peak_kernels, kernels)

    def stop(self):
        self._stop.set()
        self._thread.join()


class Tally:
    def __init__(self, watch: Watch, minutes: float):
        self.watch, self.opens, self.refusals, self.errors = watch, 0, {}, 0
        self.start, self.end = time.monotonic(), time.monotonic() + 60 * minutes
        self.at_refusal: tuple[float, int, int] | None = None  # (seconds, rss, kernels)

    def running(self) -> bool:
        return time.monotonic() < self.end and self.at_refusal is None

    def record(self, status: int):
        if status == 200:
            self.opens += 1
        elif status in (503, 429):
            self.refusals[status] = self.refusals.get(status, 0) + 1
            if self.at_refusal is None:
                self.at_refusal = (time.monotonic() - self.start, *self.watch.now())
        else:
            self.errors += 1

    def report(self, name: str) -> dict:
        elapsed = (self.at_refusal[0] if self.at_refusal else time.monotonic() - self.start)
        rss, kernels = (self.at_refusal[1], self.at_refusal[2]) if self.at_refusal else self.watch.now()
        per_min = self.opens / elapsed * 60
        when = f"at the first refusal ({elapsed:.0f} s)" if self.at_refusal else f"at the end ({elapsed:.0f} s, no refusal)"
        print(f"{name}: {self.opens} page opens in {elapsed:.0f} s = {per_min:.1f}/min; refusals {self.refusals or 0}, "
              f"errors {self.errors}; {when}: {kernels} kernels, {rss / MB:,.0f} MB; peak {self.watch.peak_kernels} "
              f"kernels, {self.watch.peak_rss / MB:,.0f} MB", flush=True)
        return {f"{name}_opens_per_min": round(per_min, 1), f"{name}_refused": bool(self.at_refusal),
                f"{name}_mb_then": round(rss / MB), f"{name}_peak_mb": round(self.watch.peak_rss / MB),
                f"{name}_peak_kernels": self.watch.peak_kernels}


def without_js(base: str, tally: Tally, workers: int):
    def visitor(i: int):
        n = i
        while tally.running():
            status, _ = fetch(base + LESSONS[n % len(LESSONS)], timeout=300)
            tally.record(status)
            n += workers
    threads = [threading.Thread(target=visitor, args=(i,)) for i in range(workers)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()


async def with_js(base: str, tally: Tally, workers: int):
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await launch_chromium(pw)

        async def visitor(i: int):
            n = i
            while tally.running():
                context = await browser.new_context(viewport={"width": 1280, "height": 900})
                await context.route(EXTERNAL_URL, lambda route: route.abort())
                page = await context.new_page()
                try:
                    resp = await page.goto(base + LESSONS[n % len(LESSONS)], wait_until="commit", timeout=300_000)
                    status = resp.status if resp else 0
                    if status == 200:  # Voilà ran every cell and showed them; the widgets connect
                        await page.wait_for_selector("#rendered_cells", state="visible", timeout=300_000)
                        await page.wait_for_selector("#loading", state="detached", timeout=300_000)
                        await page.wait_for_timeout(1000)
                    tally.record(status)
                except Exception as err:  # noqa: BLE001 (counted, the run goes on)
                    print(f"  tab {i}: {type(err).__name__}: {str(err).splitlines()[0][:120]}", flush=True)
                    tally.record(0)
                finally:
                    await context.close()  # the tab goes; Voilà's beacon fails, the kernel stays unconnected
                n += workers

        await asyncio.gather(*(visitor(i) for i in range(workers)))
        await browser.close()


def run(name: str, minutes: float, workers: int) -> dict:
    with voila_server(log_path=OUTPUT_ROOT / f"voila-abuse-{name}.log", timeout=120) as server:
        time.sleep(10)  # the preheated kernels of index and playground start
        watch = Watch(server.proc.pid)
        tally = Tally(watch, minutes)
        try:
            if name == "no_js":
                without_js(server.url, tally, workers)
            else:
                asyncio.run(with_js(server.url, tally, workers))
        finally:
            watch.stop()
        return tally.report(name)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=3.0, help="length of each run (it ends at the first refusal)")
    ap.add_argument("--workers", type=int, default=4, help="visitors opening pages at once")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start", flush=True)
    out = {}
    out.update(run("no_js", args.minutes, args.workers))
    out.update(run("js", args.minutes, args.workers))
    out["load_avg"] = round(os.getloadavg()[0], 2)
    print(" ".join(f"{k}={v}" for k, v in out.items()))


if __name__ == "__main__":
    main()
