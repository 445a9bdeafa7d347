"""Engine speed: epochs per second (compiled fast path, NumPy fast path, PyTorch) and grid times, beside
TensorFlow Playground's own engine run in node on the same data; what numba adds to a kernel.

    .venv/bin/python benchmarks/engine.py [--quick]

Prints figures, asserts nothing. Networks: TensorFlow Playground's default (circle, 500 points, 50 % train,
2-4-2-1 tanh, SGD 0.03, batch 10, BCE) and a 6×8 tanh network on the spiral, each at batch 10, 100 and the
full 250 training points. Epochs per second: ``Session.train_epochs`` for at least 1 s, best of 3, a new
session each time (its history records every epoch until it holds 1,000, as the app's does). Grids:
``probes.decision_grid(s, 100)`` and ``probes.neuron_grids(s, 100)``, median of several runs. TFP:
``benchmarks/tfp_engine.py`` (skipped without node). Numba: a fresh interpreter imports it and loads the
compiled kernel from its cache (``python -m playground.warm`` fills it), timed, and its RSS before and
after. ``--quick``: batch 10 and 100 only, no NumPy and torch paths. The machine is shared and noisy:
every figure is printed with the load average; compare ratios, not single runs. The last line holds
every figure as ``name=value``.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from playground import probes  # noqa: E402
from playground.config import Config  # noqa: E402
from playground.session import Session  # noqa: E402

NETWORKS = {
    "default": Config(),
    "spiral6x8": Config(dataset="spiral", hidden=(8,) * 6),
}
BATCHES = {"b10": 10, "b100": 100, "full": 250}
ENGINES = ("compiled", "numpy", "torch")
TARGETS = {"default_b10": 5500, "spiral6x8_b10": 500, "default_b100": 9000}  # issue 16, epochs/s

NUMBA_COST = """
import json, os, sys, time
def rss():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) / 1024
from playground.session import Session
s = Session()
before = rss()
t0 = time.perf_counter(); import numba; t1 = time.perf_counter()
s.train_epochs(1); t2 = time.perf_counter()
s.train_epochs(1); t3 = time.perf_counter()
from playground import fastkernel
print(json.dumps(dict(import_ms=(t1 - t0) * 1e3, load_ms=((t2 - t1) - (t3 - t2)) * 1e3, rss_before=before,
                      rss_after=rss(), compiled=sum(fastkernel.train.stats.cache_misses.values()))))
"""


def load() -> str:
    return f"[load {os.getloadavg()[0]:.1f}]"


def epochs_per_second(config, *, engine="compiled", seconds=1.0, trials=3):
    """Best of ``trials`` runs of train_epochs for at least ``seconds`` each, on ``engine`` (one of ENGINES)."""
    best = 0.0
    for _ in range(trials):
        s = Session(config)
        if engine == "torch":
            s.fast = None
        elif engine == "numpy":
            s.fast.use_kernel = False
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


def numba_cost() -> dict:
    """What importing numba and loading the compiled kernel adds to a fresh interpreter (ms, MB)."""
    out = subprocess.run([sys.executable, "-c", NUMBA_COST], capture_output=True, text=True, timeout=300, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="batch 10 and 100, compiled path only")
    args = parser.parse_args()
    engines = ENGINES[:1] if args.quick else ENGINES
    batches = {k: v for k, v in BATCHES.items() if not args.quick or k != "full"}
    figures = {}
    print("epochs/s  " + " ".join(f"{e:>10}" for e in engines))
    for net, config in NETWORKS.items():
        for label, batch in batches.items():
            c = config.replace(batch_size=batch)
            row = {e: epochs_per_second(c, engine=e) for e in engines}
            for e, v in row.items():
                figures[f"{net}_{label}_{e}_epochs_per_s"] = v
            target = TARGETS.get(f"{net}_{label}")
            print(f"{net:<11} {batch:>4} " + " ".join(f"{v:>10,.0f}" for v in row.values())
                  + (f"   target >= {target:,}" if target else "") + f"  {load()}")
    print()
    print(f"{'network':<11} {'decision grid 100² ms':>22} {'all neurons 100² ms':>20}")
    for net, config in NETWORKS.items():
        s = Session(config)
        s.train_epochs(5)
        grid = median_ms(lambda: probes.decision_grid(s, 100))
        neurons = median_ms(lambda: probes.neuron_grids(s, 100))
        figures[f"{net}_grid_ms"] = grid
        figures[f"{net}_neurons_grid_ms"] = neurons
        print(f"{net:<11} {grid:>22.2f} {neurons:>20.2f}  {load()}")
    print()
    cost = numba_cost()
    figures.update(numba_import_ms=cost["import_ms"], numba_load_ms=cost["load_ms"],
                   numba_rss_mb=cost["rss_after"] - cost["rss_before"])
    print(f"numba in a fresh kernel: import {cost['import_ms']:.0f} ms, kernel loaded from the cache in "
          f"{cost['load_ms']:.0f} ms (at the first training, not at start), RSS {cost['rss_before']:.0f} -> "
          f"{cost['rss_after']:.0f} MB (+{cost['rss_after'] - cost['rss_before']:.0f})  {load()}"
          + ("" if not cost["compiled"] else "  NOTE: it compiled: run python -m playground.warm first"))
    print()
    from tfp_engine import tfp_figures  # benchmarks/tfp_engine.py

    tfp = tfp_figures({f"{n}_{b}": NETWORKS[n].replace(batch_size=BATCHES[b]) for n in NETWORKS for b in ("b10", "b100")})
    if tfp is None:
        print("node is not installed: no comparison with TensorFlow Playground's engine (apt-get install nodejs)")
    else:
        print("Against TensorFlow Playground's engine (nn.ts in node), same data, run just now:")
        print(f"{'':<16} {'':<20} {'ours':>9} {'TFP':>9} {'ours/TFP':>9}")
        for name, ref in tfp.items():
            net = name.rsplit("_", 1)[0]
            figures[f"tfp_{name}_epochs_per_s"] = ref["epochs_per_s"]
            rows = [("epochs/s", figures[f"{name}_compiled_epochs_per_s"], ref["epochs_per_s"])]
            if name.endswith("b10"):
                figures[f"tfp_{net}_neurons_grid_ms"] = ref["neurons_grid_ms"]
                rows.append(("all-neuron grid ms", figures[f"{net}_neurons_grid_ms"], ref["neurons_grid_ms"]))
            for what, ours, theirs in rows:
                print(f"{name:<16} {what:<20} {ours:>9,.1f} {theirs:>9,.1f} {ours / theirs:>9.2f}  {load()}")
        print("(epochs/s: ratio > 1 is faster than TFP; grid ms: ratio < 1 is faster)")
    print(" ".join(f"{k}={v:.4g}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
