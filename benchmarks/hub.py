"""What a JupyterHub on this machine holds: N learners through the hub, a quarter of them playing.

Run from the repository root:   .venv/bin/python benchmarks/hub.py [--users 3,6,10] [--seconds 20]

For each N, a fresh hub from deploy/jupyterhub_config.py (playground_dev/hub.py: the test login,
servers as this user, free ports) and N Chromium contexts that log in together (0.5 s apart), land
on the Voilà landing page and open the Playground. Printed per N: each learner's seconds from
pressing "Sign in" to the Playground's first picture (p50 / max), the frames/s painted by the
playing quarter (Play pressed on them) over ``--seconds``, and the resident memory of each
learner's server with its kernels (mean / max), the numbers behind the guarantees and limits of
deploy/. The last line of each N is ``name=value`` pairs. The machine is shared: give its load.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import statistics
import tempfile
import time
from pathlib import Path

import psutil

from playground_dev.chromium import EXTERNAL_URL, launch_chromium
from playground_dev.hub import PASSWORD, hub_server
from playground_dev.visitors import tree_rss

PICTURE = "() => { const c = window.__playgroundCanvas; return c ? c.frames : 0; }"
MB = 1024 ** 2


async def learner(browser, hub, user: str, delay: float) -> dict:
    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    await context.route(EXTERNAL_URL, lambda route: route.abort())
    page = await context.new_page()
    page.set_default_timeout(600_000)
    await page.goto(f"{hub.url}/hub/login")
    await page.fill("input[name=username]", user)
    await page.fill("input[name=password]", PASSWORD)
    start = time.monotonic()
    await page.click("#login_submit")
    await page.wait_for_url(f"**/user/{user}/voila/render/notebooks/index.ipynb*")
    await page.wait_for_selector("a[href^='playground.ipynb']")
    landed = time.monotonic() - start
    await page.locator("a[href^='playground.ipynb']").first.click()
    await page.wait_for_function(f"({PICTURE})() >= 1")
    return {"user": user, "page": page, "landing_s": landed, "picture_s": time.monotonic() - start}


def server_memory(hub) -> dict[str, int]:
    """Resident bytes of each learner's server with its kernels."""
    out = {}
    for proc in psutil.Process(hub.server.proc.pid).children(recursive=True):
        try:
            if "jupyterhub-singleuser" in " ".join(proc.cmdline()):
                out[proc.environ().get("JUPYTERHUB_USER", str(proc.pid))] = tree_rss(proc.pid)
        except psutil.Error:
            pass
    return out


async def measure(n: int, seconds: float) -> dict:
    from playwright.async_api import async_playwright

    users = [f"learner{i:02d}" for i in range(1, n + 1)]
    with tempfile.TemporaryDirectory(prefix="hub-bench-") as state, \
            hub_server(Path(state), users) as hub:
        async with async_playwright() as pw:
            browser = await launch_chromium(pw)
            rows = await asyncio.gather(*(learner(browser, hub, u, 0.5 * i) for i, u in enumerate(users)))
            playing = rows[:math.ceil(n / 4)]
            for row in playing:
                await row["page"].get_by_role("button", name="Play", exact=True).click()
            await asyncio.sleep(3)
            before = [await row["page"].evaluate(PICTURE) for row in playing]
            t0 = time.monotonic()
            await asyncio.sleep(seconds)
            after = [await row["page"].evaluate(PICTURE) for row in playing]
            fps = [(a - b) / (time.monotonic() - t0) for a, b in zip(after, before)]
            memory = server_memory(hub)
            await browser.close()
    pictures = [r["picture_s"] for r in rows]
    mem = list(memory.values())
    print(f"N={n} ({len(playing)} playing): first picture p50 {statistics.median(pictures):.1f} s, max "
          f"{max(pictures):.1f} s (landing page p50 {statistics.median(r['landing_s'] for r in rows):.1f} s); "
          f"frames/s of the playing: min {min(fps):.1f}, median {statistics.median(fps):.1f}; memory per learner's "
          f"server: mean {statistics.mean(mem) / MB:,.0f} MB, max {max(mem) / MB:,.0f} MB", flush=True)
    result = {"users": n, "playing": len(playing), "picture_p50_s": round(statistics.median(pictures), 1),
              "picture_max_s": round(max(pictures), 1), "fps_min": round(min(fps), 1),
              "fps_median": round(statistics.median(fps), 1), "server_mb_mean": round(statistics.mean(mem) / MB),
              "server_mb_max": round(max(mem) / MB), "load_avg": round(os.getloadavg()[0], 2)}
    print(" ".join(f"{k}={v}" for k, v in result.items()), flush=True)
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", default="3,6,10", help="numbers of learners, comma-separated")
    ap.add_argument("--seconds", type=float, default=20.0, help="how long the playing pages are measured")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start", flush=True)
    for n in (int(x) for x in args.users.split(",")):
        asyncio.run(measure(n, args.seconds))


if __name__ == "__main__":
    main()
