"""Gradient descent you can draw: models with two weights, their loss surface and optimizer paths.

>>> p = make_problem("logistic")
>>> path = descend(p, "adam", lr=0.1, start=(-3.0, 3.0), steps=50)
>>> path.points.shape, path.diverged
((51, 2), False)

Two problems, both fitted to data so that a batch, a mini-batch or one point can give the gradient:

``logistic``  logistic regression without a bias, ``P(y=1) = σ(w₁x₁ + w₂x₂)``, on two overlapping
              Gaussian clouds: a round, gently curved bowl.
``ravine``    least squares ``½ mean (w₁x₁ + w₂x₂ − y)²`` with correlated features: a long, narrow
              diagonal valley (the Hessian's eigenvalues differ 50-fold). Plain gradient descent zig-zags
              across it; momentum and Adam run along it.

Paths are made by ``torch.optim`` (SGD, SGD with momentum 0.9, RMSprop, Adam), exactly as a network is
trained, so what a learner sees is what PyTorch does. A path whose loss or weights blow up stops and
says so (``diverged``), it never raises.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from playground import optimizers
from playground.i18n import Labels, Text

torch.set_num_threads(1)

OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam")
OPTIMIZER_NAMES = Labels("optimizer.", OPTIMIZERS)  # "SGD", "SGD + momentum", ... in the current language


PROBLEMS = ("logistic", "ravine")
MAX_STEPS = 5000
DIVERGED_WEIGHT = 1e3  # |w| beyond this (or a non-finite loss) ends a path as diverged


def make_optimizer(name: str, params, lr: float) -> torch.optim.Optimizer:
    """The torch optimizer called ``name`` (the same settings as the Playground's sessions)."""
    return optimizers.make(name, params, lr=lr)


@dataclass(frozen=True)
class TwoWeightProblem:
    """A model with weights ``w = (w₁, w₂)`` and its data ``X`` (n × 2), ``y`` (n)."""

    name: str
    kind: str  # "logistic" or "least_squares"
    X: np.ndarray
    y: np.ndarray
    bounds: tuple  # (lo, hi) of both weight axes, for drawing
    label: str = ""
    start: tuple = (-3.0, 3.0)  # a start point that shows the surface's character
    lr: float = 0.1  # a learning rate that shows it too

    def __repr__(self):
        return f"TwoWeightProblem({self.name!r}, {self.kind}, n={len(self.y)}, bounds={self.bounds})"

    @property
    def n(self) -> int:
        return len(self.y)

    def loss(self, w: torch.Tensor, idx=None) -> torch.Tensor:
        """The mean loss at weights ``w`` (a tensor of 2) on all points or on the points ``idx``."""
        X = torch.as_tensor(self.X if idx is None else self.X[idx], dtype=w.dtype)
        y = torch.as_tensor(self.y if idx is None else self.y[idx], dtype=w.dtype)
        z = X @ w
        if self.kind == "logistic":
            return torch.nn.functional.binary_cross_entropy_with_logits(z, y)
        return 0.5 * ((z - y) ** 2).mean()

    def losses(self, W) -> np.ndarray:
        """The full-data loss at many weight pairs ``W`` (m × 2), vectorised in NumPy."""
        W = np.asarray(W, float)
        Z = W @ self.X.T  # m × n
        if self.kind == "logistic":
            return (np.logaddexp(0.0, Z) - self.y * Z).mean(axis=1)
        return 0.5 * ((Z - self.y) ** 2).mean(axis=1)

    def grid(self, resolution: int = 80):
        """``(ws, Z)``: the axis values and the loss at every ``(ws[j], ws[i])`` as ``Z[i, j]``."""
        if isinstance(resolution, bool) or not isinstance(resolution, (int, np.integer)) or not 2 <= resolution <= 400:
            raise ValueError(f"resolution={resolution!r} is not allowed; it must be a whole number from 2 to 400")
        ws = np.linspace(*self.bounds, resolution)
        g1, g2 = np.meshgrid(ws, ws)
        return ws, self.losses(np.column_stack([g1.ravel(), g2.ravel()])).reshape(resolution, resolution)

    def minimum(self) -> np.ndarray:
        """The weights with the lowest loss (closed form for least squares, Newton's method for logistic)."""
        X, y = self.X, self.y
        if self.kind == "least_squares":
            return np.linalg.solve(X.T @ X, X.T @ y)
        w = np.zeros(2)
        for _ in range(50):
            p = 1 / (1 + np.exp(-(X @ w)))
            H = (X * (p * (1 - p))[:, None]).T @ X / len(y)
            w = w - np.linalg.solve(H + 1e-9 * np.eye(2), X.T @ (p - y) / len(y))
        return w


def make_problem(name: str = "logistic", *, n_points: int = 200, seed: int = 0) -> TwoWeightProblem:
    """The two-weight problem called ``name`` (``logistic`` or ``ravine``) on ``n_points`` points."""
    if name not in PROBLEMS:
        raise ValueError(f"problem={name!r} is not allowed; choose one of {', '.join(PROBLEMS)}")
    if isinstance(n_points, bool) or not isinstance(n_points, (int, np.integer)) or not 4 <= n_points <= 5000:
        raise ValueError(f"n_points={n_points!r} is not allowed; it must be a whole number from 4 to 5000")
    rng = np.random.default_rng(seed)
    if name == "logistic":
        # two overlapping clouds around ±(1, 0.5): the best weights are finite, near (1.5, 0.8)
        y = (np.arange(n_points) % 2).astype(float)
        X = rng.normal(0, 1, (n_points, 2)) + np.where(y[:, None] == 1, 1, -1) * np.array([1.0, 0.5])
        return TwoWeightProblem(name, "logistic", X, y, (-4.0, 4.0), "logistic regression, 2 weights",
                                start=(-3.0, 3.0), lr=0.1)
    # correlated features: covariance with eigenvalues 1 and 0.02 along the diagonals
    u = np.array([1.0, 1.0]) / np.sqrt(2)
    v = np.array([1.0, -1.0]) / np.sqrt(2)
    Z = rng.normal(0, 1, (n_points, 2))
    X = Z[:, :1] * u + Z[:, 1:] * np.sqrt(0.02) * v
    w_true = np.array([1.0, -1.0])
    y = X @ w_true + rng.normal(0, 0.1, n_points)
    return TwoWeightProblem(name, "least_squares", X, y, (-3.0, 3.0), "badly conditioned: a narrow valley",
                            start=(-2.5, 1.5), lr=0.3)


@dataclass
class Path:
    """Where an optimizer went: ``points`` ((steps+1) × 2, the start first), the full-data ``losses``
    at each, the mini-batch ``batches`` used by each step (None for full batch), and whether it
    ``diverged`` (then the path ends at the last finite point and ``message`` says why)."""

    optimizer: str
    lr: float
    batch_size: int | None
    points: np.ndarray
    losses: np.ndarray
    batches: list = field(default_factory=list)
    diverged: bool = False
    message: str = ""

    def __repr__(self):
        end = self.points[-1]
        return (f"Path({self.optimizer}, lr={self.lr:g}, batch={self.batch_size or 'all'}, steps={len(self.points) - 1}, "
                f"end=({end[0]:.3f}, {end[1]:.3f}), loss={self.losses[-1]:.4f}, diverged={self.diverged})")

    @property
    def label(self) -> str:
        return OPTIMIZER_NAMES.get(self.optimizer, self.optimizer)


def batch_schedule(n: int, batch_size: int | None, steps: int, *, seed: int = 0) -> list:
    """The points each of ``steps`` steps uses: None (all) for full batch; otherwise consecutive
    slices of a new random order every epoch, as a DataLoader with ``shuffle=True`` would."""
    if batch_size is None or batch_size >= n:
        return [None] * steps
    gen = torch.Generator().manual_seed(seed)
    out, order, pos = [], None, n
    for _ in range(steps):
        if pos >= n:
            order, pos = torch.randperm(n, generator=gen).numpy(), 0
        out.append(order[pos:pos + batch_size])
        pos += batch_size
    return out


def _check_args(optimizer, lr, start, steps, batch_size):
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer={optimizer!r} is not allowed; choose one of {', '.join(OPTIMIZERS)}")
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not 0 < lr <= 1000:
        raise ValueError(f"lr={lr!r} is not allowed; it must be a number above 0 and at most 1000")
    if len(start) != 2 or not all(np.isfinite(start)):
        raise ValueError(f"start={start!r} is not allowed; it must be two finite numbers (w₁, w₂)")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or not 0 <= steps <= MAX_STEPS:
        raise ValueError(f"steps={steps!r} is not allowed; it must be a whole number from 0 to {MAX_STEPS}")
    if batch_size is not None and (isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer))
                                   or batch_size < 1):
        raise ValueError(f"batch_size={batch_size!r} is not allowed; it must be a whole number of at least 1, or None for all")


def descend(problem: TwoWeightProblem, optimizer: str = "sgd", *, lr: float = 0.1, start=(-3.0, 3.0),
            steps: int = 100, batch_size: int | None = None, seed: int = 0) -> Path:
    """Follow ``optimizer`` from ``start`` for ``steps`` steps on ``problem``.

    ``batch_size=None`` (or ≥ n) is batch gradient descent, 1 is stochastic, anything between is
    mini-batch. The weights are a float64 tensor stepped by the torch optimizer.
    """
    _check_args(optimizer, lr, start, steps, batch_size)
    w = torch.tensor([float(start[0]), float(start[1])], dtype=torch.float64, requires_grad=True)
    opt = make_optimizer(optimizer, [w], lr)
    batches = batch_schedule(problem.n, batch_size, steps, seed=seed)
    points = [w.detach().numpy().copy()]
    diverged, message = False, ""
    for i, idx in enumerate(batches):
        opt.zero_grad()
        problem.loss(w, idx).backward()
        optimizers.step(opt)
        now = w.detach().numpy().copy()
        if not np.all(np.isfinite(now)) or np.abs(now).max() > DIVERGED_WEIGHT:
            diverged = True
            message = Text("descent.diverged", name=Text(f"optimizer.{optimizer}"), step=i + 1, lr=lr)
            batches = batches[:i]
            break
        points.append(now)
    pts = np.array(points)
    losses = problem.losses(pts)
    if not diverged and not np.all(np.isfinite(losses)):  # pragma: no cover (|w| ≤ 1e3 keeps losses finite)
        diverged, message = True, Text("descent.not_finite", name=Text(f"optimizer.{optimizer}"))
    return Path(optimizer, float(lr), None if batch_size is None or batch_size >= problem.n else int(batch_size),
                pts, losses, [None if b is None else np.asarray(b) for b in batches], diverged, message)


def race(problem: TwoWeightProblem, *, lr: float, start=(-3.0, 3.0), steps: int = 100,
         optimizers=OPTIMIZERS, batch_size: int | None = None, seed: int = 0) -> dict:
    """One path per optimizer from the same start, with the same learning rate and batches."""
    return {name: descend(problem, name, lr=lr, start=start, steps=steps, batch_size=batch_size, seed=seed)
            for name in optimizers}


def batch_paths(problem: TwoWeightProblem, *, lr: float, start=(-3.0, 3.0), steps: int = 100,
                batch_size: int = 10, optimizer: str = "sgd", seed: int = 0) -> dict:
    """Batch (all points), mini-batch (``batch_size``) and stochastic (one point) paths, same steps."""
    return {"batch": descend(problem, optimizer, lr=lr, start=start, steps=steps, batch_size=None, seed=seed),
            "mini-batch": descend(problem, optimizer, lr=lr, start=start, steps=steps, batch_size=batch_size, seed=seed),
            "stochastic": descend(problem, optimizer, lr=lr, start=start, steps=steps, batch_size=1, seed=seed)}
