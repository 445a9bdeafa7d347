"""Compile the fast path's kernels into numba's on-disk cache, so that no learner waits for a compile.

    python -m playground.warm

``scripts/setup`` and Binder's ``postBuild`` run it after installing. It trains one tiny session on
the fast path, which compiles ``fastkernel.train`` (~5-10 s) or loads it from the cache, and says
which. Every session uses the same compiled code: the activation, loss and optimizer are arguments.
"""

from __future__ import annotations

import sys
import time


def warm() -> str:
    """Train a tiny session on the compiled path; say whether its kernel was compiled or loaded from cache."""
    from playground import fastpath
    from playground.session import Session

    kernel = fastpath.kernel()
    if kernel is None:
        return "numba is not installed: sessions train on the NumPy fast path (nothing to compile)"
    s = Session(n_points=20, batch_size=4)
    t0 = time.perf_counter()
    s.train_epochs(1)
    stats = kernel.train.stats
    how = "loaded from the cache" if sum(stats.cache_hits.values()) else "compiled into the cache"
    return f"fast-path kernel {how} in {time.perf_counter() - t0:.1f} s ({stats.cache_path})"


if __name__ == "__main__":
    print(warm())
    sys.exit(0)
