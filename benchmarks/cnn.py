"""The CNN apps' speed: training images per second, and the live digits CNN page in Chromium.

Run from the repository root:   .venv/bin/python benchmarks/cnn.py [--seconds 10] [--no-browser]

Engine (no kernel, no browser; ``playground.cnn``, one torch thread as in the kernels):

  cnn_images_s      training images per second of the digits CNN alone (its own model and
                    optimizer from ``Race``, mini-batches of the app's default size, 32)
  race_images_s     training images per second while the app trains the CNN *and* the MLP in
                    lockstep (``Race.train_for``): each image counts once, both networks learn it
  unet_images_s     training images per second of the tiny U-Net with skips alone (notebook 12)
  unet_race_images_s  the same while the app trains it with and without skips in lockstep
  render_ms_p50     the app's ``render()`` while training (the expensive pictures, the confusion
                    matrices and the shift test, are redrawn at most every 0.5 s and 2 s)

Browser (Voilà started here on a free port with ./voila.json, plus a preheated kernel for
notebooks/11_cnn_digits.ipynb; headless Chromium):

  first_picture_s   navigation start -> the live picture has drawn its first frame, on the first
                    request once the preheated kernels are idle (what a learner opening the page on a
                    running server gets)
  fps               frames painted per second while training (``__playgroundFrames.times``: the
                    FramePacer's acknowledgements, stamped after the paint), over ``--seconds``
                    after 2 s of warm-up
  page_images_s     training images per second in the page over the same window (epochs counted
                    by the page × training digits / seconds)
  draw_ms_p50       the canvas panels drawing one frame, in the page
  pause_stop_ms     Pause click -> the last frame painted after it

Aims (issue 13): >= 15 frames/s with >= 2,000 training images/s for the digits CNN; first picture <= 5 s
preheated.
The machine is shared: numbers are noisy. The last line is ``name=value`` pairs.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

from playground_dev import servers, voila_page as V  # noqa: E402

NOTEBOOK = "11_cnn_digits.ipynb"
# voila.json preheats the landing page and the Playground; this server also preheats the CNN page
PREHEAT = r"--VoilaKernelManager.preheat_denylist=^(?!.*(index|playground|11_cnn_digits)\.ipynb$)"
FIRST_PICTURE = """() => { const p = window.__playgroundPanels;
  return p && p.frames >= 1 && document.querySelector('.pg-canvas-conf_cnn') ? performance.now() : null; }"""


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else None


# -- engine ----------------------------------------------------------------------------------------
def images_per_second(model, opt, X, y, loss_fn, seconds: float) -> float:
    """Training images per second of ``model`` alone: mini-batches of 32 in a fixed shuffled order."""
    import torch

    order = torch.randperm(len(y), generator=torch.Generator().manual_seed(0))
    n, t0, pos = 0, time.perf_counter(), 0
    while time.perf_counter() - t0 < seconds:
        if pos >= len(y):
            pos = 0
        idx = order[pos:pos + 32]
        pos += len(idx)
        loss = loss_fn(model(X[idx]), y[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        n += len(idx)
    return n / (time.perf_counter() - t0)


def engine(seconds: float) -> dict:
    import torch
    import torch.nn.functional as F

    from playground import cnn
    race = cnn.Race()
    cnn_rate = images_per_second(race.models["cnn"], race.optimizers["cnn"], torch.from_numpy(race.Xtr[:, None]),
                                 torch.from_numpy(race.ytr), F.cross_entropy, seconds)

    race = cnn.Race()
    t0, before = time.perf_counter(), race.images_trained
    race.train_for(seconds)
    race_rate = (race.images_trained - before) / (time.perf_counter() - t0)

    from playground import blocks
    unet = blocks.SegRace()
    unet_rate = images_per_second(unet.models["skips"], unet.optimizers["skips"],
                                  torch.from_numpy(unet.Xtr[:, None]), torch.from_numpy(unet.ytr),
                                  F.binary_cross_entropy_with_logits, seconds)
    unet = blocks.SegRace()
    t0, before = time.perf_counter(), unet.images_trained
    unet.train_for(seconds)
    unet_race_rate = (unet.images_trained - before) / (time.perf_counter() - t0)

    from playground.apps.cnn_digits import CnnDigits
    app = CnnDigits()
    app.loop._running = True  # render as during training: the slow pictures are throttled
    times = []
    for _ in range(40):
        app.session.train_for(0.02)
        t = time.perf_counter()
        app.render()
        times.append(1000 * (time.perf_counter() - t))
    app.loop._running = False
    return dict(cnn_images_s=round(cnn_rate), race_images_s=round(race_rate), unet_images_s=round(unet_rate),
                unet_race_images_s=round(unet_race_rate),
                render_ms_p50=round(statistics.median(times), 1), render_ms_max=round(max(times), 1))


# -- browser ---------------------------------------------------------------------------------------
def epoch(page) -> int:
    text = page.locator(".pg-cnn-digits .pg-epoch-value").inner_text()
    return int(re.search(r"([\d,]+)", text).group(1).replace(",", ""))


def browser(seconds: float) -> dict:
    from playground import cnn
    n_train = len(cnn.Race().ytr)
    with servers.voila_server("notebooks/", args=[PREHEAT], log_path=V.ROOT / "test-output" / "voila-cnn-bench.log",
                              timeout=90) as server:
        waited = V.wait_for_idle_kernels(server.proc.pid, timeout=240, min_kernels=3)
        print(f"Voilà at {server.url}; preheated kernels idle after {waited:.0f} s", flush=True)
        with V.chromium() as chromium:
            page = V.new_page(chromium)
            page.set_default_timeout(180_000)
            page.goto(f"{server.url}/voila/render/{NOTEBOOK}", wait_until="commit")
            first = page.wait_for_function(FIRST_PICTURE, polling="raf", timeout=180_000).json_value() / 1000
            app = page.locator(".pg-cnn-digits")
            app.scroll_into_view_if_needed()
            page.evaluate("""() => document.addEventListener('click', (e) => {
                if ((e.target.closest('button') || {}).textContent?.trim() === 'Pause') window.__pauseClick = performance.now();
            }, true)""")
            app.get_by_role("button", name="Play", exact=True).click()
            time.sleep(2.0)
            t0, e0 = page.evaluate("() => performance.now()"), epoch(page)
            time.sleep(seconds)
            t1, e1 = page.evaluate("() => performance.now()"), epoch(page)
            app.get_by_role("button", name="Pause", exact=True).click()
            app.get_by_role("button", name="Play", exact=True).wait_for()
            time.sleep(1.5)
            times = V.frames(page)["times"]
            inside = [t for t in times if t0 <= t <= t1]
            click = page.evaluate("() => window.__pauseClick")
            after = [t for t in times if t > click]
            draw = page.evaluate("() => window.__playgroundPanels.drawMs.slice(-200)")
            secs = (t1 - t0) / 1000
            return dict(first_picture_s=round(first, 2), fps=round(len(inside) / secs, 1),
                        page_images_s=round((e1 - e0) * n_train / secs), epochs=e1 - e0,
                        draw_ms_p50=round(pct(draw, 0.5), 1), pause_stop_ms=round(max(after) - click) if after else 0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0, help="how long to train and watch")
    ap.add_argument("--no-browser", action="store_true", help="the engine figures only")
    args = ap.parse_args()
    figures = engine(min(args.seconds, 5.0))
    print("engine:", figures, flush=True)
    if not args.no_browser:
        page = browser(args.seconds)
        print("browser:", page, flush=True)
        figures.update(page)
    print(" ".join(f"{k}={v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
