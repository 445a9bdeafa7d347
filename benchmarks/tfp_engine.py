"""TensorFlow Playground's own engine (its ``nn.ts``, run in node) on the same data as ours.

    .venv/bin/python benchmarks/tfp_engine.py     # TFP's figures alone; benchmarks/engine.py prints them beside ours

``benchmarks/tfp/nn.js`` is TFP's ``src/nn.ts`` transpiled (Apache 2.0, its licence beside it; no npm
package carries it); ``benchmarks/tfp/bench.js`` times it as TFP's page uses it: an epoch is its
``oneStep`` (every training point forward and back, an update every ``batch`` points, then the loss on
the training and the test points), the grid is its ``updateDecisionBoundary`` (every neuron over a
100 × 100 grid). Same points as our sessions (labels ±1), same network shape, tanh, learning rate.
Without node it says so and gives nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "tfp" / "bench.js"


def node() -> str | None:
    return shutil.which("node") or shutil.which("nodejs")


def tfp_figures(configs: dict, *, seconds=1.0, trials=3, grid_runs=15, resolution=100) -> dict | None:
    """``{name: {"epochs_per_s", "neurons_grid_ms"}}`` of TFP's engine on the data of each ``Config`` in
    ``configs`` (binary problems on x1, x2), or None without node."""
    exe = node()
    if exe is None:
        return None
    from playground import data as datasets
    from playground.session import generated_data

    networks = []
    for name, c in configs.items():
        X, y, train, test = generated_data(c)
        points = lambda idx: [[float(X[i, 0]), float(X[i, 1]), 2.0 * float(y[i]) - 1.0] for i in idx]  # noqa: E731
        networks.append(dict(name=name, hidden=list(c.hidden), train=points(train), test=points(test),
                             batch=c.batch_size, lr=c.lr, seconds=seconds, trials=trials, density=resolution,
                             bounds=list(datasets.DATASETS[c.dataset].bounds), grid_runs=grid_runs))
    out = subprocess.run([exe, str(BENCH)], input=json.dumps({"networks": networks}), capture_output=True,
                         text=True, timeout=600, check=True)
    return json.loads(out.stdout)


def main():
    from engine import NETWORKS  # benchmarks/engine.py: the same networks

    figures = tfp_figures({f"{n}_b{b}": c.replace(batch_size=b) for n, c in NETWORKS.items() for b in (10, 100)})
    if figures is None:
        print("node is not installed: TensorFlow Playground's engine was not run (apt-get install nodejs)")
        return
    for name, f in figures.items():
        print(f"{name:<16} {f['epochs_per_s']:>9,.0f} epochs/s  all-neuron grid {f['neurons_grid_ms']:.2f} ms  "
              f"[load {os.getloadavg()[0]:.1f}]")


if __name__ == "__main__":
    main()
