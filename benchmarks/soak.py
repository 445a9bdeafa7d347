"""Soak: play the Playground in headless Chromium for N minutes; does the kernel's memory grow?

Run from the repository root:   .venv/bin/python benchmarks/soak.py [--minutes 10] [--query ...]

Voilà (notebooks/, ./voila.json, free port) serves the app; after Play the kernel that trains is
found among the ``ipykernel_launcher`` processes under the Voilà server (the one using the most CPU
over 2 s: with a preheated pool the newest kernel is the spare one Voilà started after handing
ours out). Every minute it prints the kernel's RSS (/proc/<pid>/status VmRSS), frames painted in
that minute (``window.__playgroundFrames.acks``, the FramePacer's acknowledged frames) and the epoch.

Reported: RSS at the start of play (about 5 s after Play), after the first minute and at the end
(the first minute includes one-off growth: allocator arenas, message buffers, the history filling
up to its bound; growth after it is what would grow with time), and the frame rate in the first
and in the last minute. The last line is ``name=value`` pairs. The machine is shared: noisy.
"""

from __future__ import annotations

import argparse
import time


from playground_dev import voila_page as V


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=10.0, help="how long to play")
    ap.add_argument("--query", default="", help="page link settings, e.g. hidden=8,8,8,8,8,8&dataset=spiral")
    args = ap.parse_args()
    with V.voila_server() as (base, proc):
        V.wait_for_idle_kernels(proc.pid)
        with V.chromium() as browser:
            page = V.new_page(browser)
            page.goto(f"{base}{V.APP}{'?' + args.query if args.query else ''}", wait_until="commit",
                      timeout=180_000)
            V.wait_for_picture(page, timeout=180)
            page.get_by_role("button", name="Play", exact=True).click()
            page.get_by_role("button", name="Pause", exact=True).wait_for(state="visible", timeout=30_000)
            time.sleep(3.0)
            pid = V.training_kernel_pid(proc.pid)
            if pid is None:
                raise RuntimeError("no ipykernel_launcher process under the Voilà server")
            rss_start = V.rss_mb(pid)
            t_start, f_start, e_start = time.monotonic(), V.frames(page)["acks"], V.epoch(page)
            print(f"kernel pid {pid}: RSS {rss_start:.0f} MB at the start of play (epoch {e_start})", flush=True)
            per_minute, rss_minutes = [], []
            end = t_start + 60 * args.minutes
            t_prev, f_prev = t_start, f_start
            while time.monotonic() < end - 1:
                time.sleep(min(60.0, end - time.monotonic()))
                now, acks, ep, rss = time.monotonic(), V.frames(page)["acks"], V.epoch(page), V.rss_mb(pid)
                fps = (acks - f_prev) / (now - t_prev)
                per_minute.append(fps)
                rss_minutes.append(rss)
                print(f"  {(now - t_start) / 60:5.1f} min: RSS {rss:6.0f} MB, {fps:5.1f} frames/s, epoch {ep:,}",
                      flush=True)
                t_prev, f_prev = now, acks
            if not page.get_by_role("button", name="Pause", exact=True).is_visible():
                print("WARNING: the app is no longer playing (message: "
                      f"{page.locator('.pg-message').inner_text()!r})", flush=True)
            rss_end, e_end = V.rss_mb(pid), V.epoch(page)
            page.get_by_role("button", name="Pause", exact=True).click()
            page.context.close()
    minutes = (t_prev - t_start) / 60
    print(f"\nplayed {minutes:.1f} min, epochs {e_start:,} -> {e_end:,}")
    print(f"kernel RSS: {rss_start:.0f} MB at start, {rss_minutes[0]:.0f} MB after 1 min, {rss_end:.0f} MB at end "
          f"({rss_end - rss_start:+.0f} MB; {rss_end - rss_minutes[0]:+.0f} MB after the first minute)")
    print(f"frames/s: {per_minute[0]:.1f} in the first minute, {per_minute[-1]:.1f} in the last")
    print(" ".join(f"{k}={v}" for k, v in dict(
        soak_minutes=round(minutes, 1), rss_start_mb=round(rss_start), rss_end_mb=round(rss_end),
        rss_growth_mb=round(rss_end - rss_start), rss_1min_mb=round(rss_minutes[0]),
        rss_growth_after_1min_mb=round(rss_end - rss_minutes[0]), fps_first_min=round(per_minute[0], 1),
        fps_last_min=round(per_minute[-1], 1), epochs=e_end - e_start).items()))


if __name__ == "__main__":
    main()
