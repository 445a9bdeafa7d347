"""Engine speed: epochs per second (NumPy fast path and PyTorch path) and grid evaluation times.

    .venv/bin/python benchmarks/engine.py

Prints figures, asserts nothing. Networks: TensorFlow Playground's default (circle, 500 points, 50 % train,
2-4-2-1 tanh, SGD 0.03, batch 10, BCE) and a 6×8 tanh network on the spiral, each at batch 10, 100 and the
full 250 training points. Epochs per second: ``Session.train_epochs`` for at least 1 s, best of 3. Grids:
``probes.decision_grid(s, 100)`` and ``probes.neuron_grids(s, 100)``, median of several runs. The machine is
shared and noisy: compare ratios, not single runs. The last line holds every figure as ``name=value``.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import statistics  # noqa: E402
import time  # noqa: E402


from playground import probes  # noqa: E402
from playground.config import Config  # noqa: E402
from playground.session import Session  # noqa: E402

NETWORKS = {
    "default": Config(),
    "spiral6x8": Config(dataset="spiral", hidden=(8,) * 6),
}
BATCHES = {"b10": 10, "b100": 100, "full": 250}
# TensorFlow Playground's own engine (nn.ts), measured on this machine (batch 10; grid of all neurons 100×100)
TFP = {"default": {"epochs_per_s": 6200, "neurons_grid_ms": 5}, "spiral6x8": {"epochs_per_s": 620, "neurons_grid_ms": 46}}


def epochs_per_second(config, *, fast, seconds=1.0, trials=3):
    """Best of ``trials`` runs of train_epochs for at least ``seconds`` each."""
    best = 0.0
    for _ in range(trials):
        s = Session(config)
        if not fast:
            s.fast = None
        s.train_epochs(2)  # warm up
        chunk = 1
        epochs, t0 = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - t0) < seconds:
            s.train_epochs(chunk)
            epochs += chunk
            chunk = min(chunk * 2, 64)
        assert s.status == "ok", s.message
        best = max(best, epochs / elapsed)
    return best


def median_ms(fn, *, runs=15):
    fn()  # warm up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def main():
    figures = {}
    print(f"{'network':<11} {'batch':>5} {'fast epochs/s':>14} {'torch epochs/s':>15} {'speed-up':>9}")
    for net, config in NETWORKS.items():
        for label, batch in BATCHES.items():
            c = config.replace(batch_size=batch)
            fast = epochs_per_second(c, fast=True)
            slow = epochs_per_second(c, fast=False)
            figures[f"{net}_{label}_epochs_per_s"] = fast
            figures[f"{net}_{label}_torch_epochs_per_s"] = slow
            print(f"{net:<11} {batch:>5} {fast:>14,.0f} {slow:>15,.0f} {fast / slow:>8.1f}x")
    print()
    print(f"{'network':<11} {'decision grid 100² ms':>22} {'all neurons 100² ms':>20}")
    for net, config in NETWORKS.items():
        s = Session(config)
        s.train_epochs(5)
        grid = median_ms(lambda: probes.decision_grid(s, 100))
        neurons = median_ms(lambda: probes.neuron_grids(s, 100))
        figures[f"{net}_grid_ms"] = grid
        figures[f"{net}_neurons_grid_ms"] = neurons
        print(f"{net:<11} {grid:>22.2f} {neurons:>20.2f}")
    print()
    print("Against TensorFlow Playground's engine on this machine (batch 10):")
    print(f"{'network':<11} {'':<22} {'ours':>9} {'TFP':>9} {'ours/TFP':>9}")
    for net, ref in TFP.items():
        rows = [("epochs/s (fast path)", figures[f"{net}_b10_epochs_per_s"], ref["epochs_per_s"]),
                ("epochs/s (torch path)", figures[f"{net}_b10_torch_epochs_per_s"], ref["epochs_per_s"]),
                ("all-neuron grid ms", figures[f"{net}_neurons_grid_ms"], ref["neurons_grid_ms"])]
        for name, ours, theirs in rows:
            print(f"{net:<11} {name:<22} {ours:>9,.1f} {theirs:>9,} {ours / theirs:>9.2f}")
    print("(epochs/s: higher is better, ratio > 1 is faster than TFP; grid ms: lower is better, ratio < 1 is faster)")
    print(" ".join(f"{k}={v:.4g}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
