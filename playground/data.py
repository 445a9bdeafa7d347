"""Datasets: 2-D generators with one signature, input features, splits.

Every generator is ``make_<name>(n_points, *, noise=0.0, seed=None) -> (X, y)`` with ``X`` an
``(n_points, 2)`` float array and ``y`` integer class labels (0..K-1) or float targets
(regression). ``noise`` runs from 0 to 0.5 as in TensorFlow Playground; ``seed`` is an int
or a ``numpy.random.Generator``. The 2-D sets live on the square [-6, 6]², like TensorFlow
Playground's, except the logic gates which live near the unit square.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from playground import sklearn_equivalents as sk


def _rng(seed):
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def _check(n_points, noise):
    if isinstance(n_points, bool) or not isinstance(n_points, (int, np.integer)) or n_points < 1:
        raise ValueError(f"n_points={n_points!r} is not allowed; it must be a whole number of at least 1")
    if not 0 <= noise <= 0.5:
        raise ValueError(f"noise={noise!r} is not allowed; it must be from 0 to 0.5")


def _halves(n_points):
    return n_points // 2, n_points - n_points // 2


# -- binary classification ----------------------------------------------------------------
def make_circle(n_points, *, noise=0.0, seed=None):
    """A disc of one class (y=1) inside a ring of the other (y=0)."""
    _check(n_points, noise)
    rng, radius = _rng(seed), 5.0
    n_in, n_out = _halves(n_points)
    r = np.concatenate([rng.uniform(0, radius * 0.5, n_in), rng.uniform(radius * 0.7, radius, n_out)])
    angle = rng.uniform(0, 2 * np.pi, n_points)
    X = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
    jitter = rng.uniform(-radius, radius, (n_points, 2)) * noise
    y = (np.linalg.norm(X + jitter, axis=1) < radius * 0.5).astype(int)
    return X, y


def make_xor(n_points, *, noise=0.0, seed=None):
    """Quadrants: y=1 where x1·x2 > 0."""
    _check(n_points, noise)
    rng, padding = _rng(seed), 0.3
    X = rng.uniform(-5, 5, (n_points, 2))
    X += np.where(X > 0, padding, -padding)
    jitter = rng.uniform(-5, 5, (n_points, 2)) * noise
    y = ((X + jitter).prod(axis=1) >= 0).astype(int)
    return X, y


def make_gaussians(n_points, *, noise=0.0, seed=None):
    """Two Gaussian clouds around (2, 2) (y=1) and (-2, -2) (y=0); noise widens them."""
    _check(n_points, noise)
    rng = _rng(seed)
    std = np.sqrt(0.5 + noise / 0.5 * 3.5)
    n1, n0 = _halves(n_points)
    X = np.concatenate([rng.normal(2, std, (n1, 2)), rng.normal(-2, std, (n0, 2))])
    return X, np.r_[np.ones(n1, int), np.zeros(n0, int)]


def _spiral_arms(n_points, n_arms, noise, rng):
    sizes = [n_points // n_arms + (i < n_points % n_arms) for i in range(n_arms)]
    Xs, ys = [], []
    for arm, n in enumerate(sizes):
        i = np.arange(n) / max(n, 1)
        r = i * 5
        t = 1.75 * i * 2 * np.pi + arm * 2 * np.pi / n_arms
        pts = np.column_stack([r * np.sin(t), r * np.cos(t)]) + rng.uniform(-1, 1, (n, 2)) * noise * 2
        Xs.append(pts)
        ys.append(np.full(n, arm))
    return np.concatenate(Xs), np.concatenate(ys)


def make_spiral(n_points, *, noise=0.0, seed=None):
    """Two interleaved spiral arms (y=1 and y=0)."""
    _check(n_points, noise)
    X, arm = _spiral_arms(n_points, 2, noise, _rng(seed))
    return X, (arm == 0).astype(int)


def make_moons(n_points, *, noise=0.0, seed=None):
    """Two interleaving half circles (scikit-learn's ``make_moons``, scaled to the plane)."""
    _check(n_points, noise)
    rng = _rng(seed)
    X, y = sk.make_moons(n_points, noise=noise * 0.6, random_state=int(rng.integers(2**31)))
    return (X - [0.5, 0.25]) * 3.5, y.astype(int)


# -- multi-class ----------------------------------------------------------------------------
def make_blobs(n_points, *, noise=0.0, seed=None):
    """Three Gaussian blobs, one class each (y = 0, 1, 2)."""
    _check(n_points, noise)
    rng = _rng(seed)
    angles = np.deg2rad([90, 210, 330])
    centers = 3.5 * np.column_stack([np.cos(angles), np.sin(angles)])
    y = np.arange(n_points) % 3
    X = centers[y] + rng.normal(0, 0.6 + noise * 4, (n_points, 2))
    return X, y


def make_spiral3(n_points, *, noise=0.0, seed=None):
    """Three interleaved spiral arms, one class each."""
    _check(n_points, noise)
    return _spiral_arms(n_points, 3, noise, _rng(seed))


# -- regression -----------------------------------------------------------------------------
def make_plane(n_points, *, noise=0.0, seed=None):
    """A tilted plane: target (x1 + x2) / 10, in [-1.2, 1.2]."""
    _check(n_points, noise)
    rng = _rng(seed)
    X = rng.uniform(-6, 6, (n_points, 2))
    jitter = rng.uniform(-6, 6, (n_points, 2)) * noise
    return X, np.clip((X + jitter).sum(axis=1) / 10, -1, 1)


def make_multigauss(n_points, *, noise=0.0, seed=None):
    """Six Gaussian bumps of alternating sign: target in [-1, 1]."""
    _check(n_points, noise)
    rng = _rng(seed)
    bumps = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]])
    X = rng.uniform(-6, 6, (n_points, 2))
    P = X + rng.uniform(-6, 6, (n_points, 2)) * noise
    dist = np.linalg.norm(P[:, None, :] - bumps[None, :, :2], axis=2)
    values = bumps[:, 2] * np.clip(1 - dist / 2, 0, 1)
    pick = np.abs(values).argmax(axis=1)
    return X, values[np.arange(n_points), pick]


# -- logic gates ----------------------------------------------------------------------------
GATES = {"and": (0, 0, 0, 1), "or": (0, 1, 1, 1), "nand": (1, 1, 1, 0), "xor": (0, 1, 1, 0)}
TRUTH_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)


def truth_table(gate):
    """The four rows of a logic gate: ``(X, y)`` with X in {0, 1}²."""
    if gate not in GATES:
        raise ValueError(f"gate={gate!r} is not allowed; choose one of {', '.join(GATES)}")
    return TRUTH_INPUTS.copy(), np.array(GATES[gate])


def _gate_maker(gate):
    def make(n_points, *, noise=0.0, seed=None):
        _check(n_points, noise)
        X, y = truth_table(gate)
        idx = np.arange(n_points) % 4
        return X[idx] + _rng(seed).normal(0, noise * 0.4, (n_points, 2)), y[idx]
    make.__name__ = f"make_gate_{gate}"
    make.__doc__ = f"The {gate.upper()} truth table, repeated to n_points, jittered by noise."
    return make


# -- registry -------------------------------------------------------------------------------
@dataclass(frozen=True)
class DatasetSpec:
    label: str
    kind: str  # "binary", "multiclass" or "regression"
    make: Callable
    n_classes: int = 2
    bounds: tuple = (-6.0, 6.0)


DATASETS = {
    "circle": DatasetSpec("Circle", "binary", make_circle),
    "xor": DatasetSpec("Exclusive or", "binary", make_xor),
    "gauss": DatasetSpec("Two Gaussians", "binary", make_gaussians),
    "spiral": DatasetSpec("Spiral", "binary", make_spiral),
    "moons": DatasetSpec("Moons", "binary", make_moons),
    "blobs": DatasetSpec("Three blobs", "multiclass", make_blobs, 3),
    "spiral3": DatasetSpec("Three-arm spiral", "multiclass", make_spiral3, 3),
    "plane": DatasetSpec("Plane (regression)", "regression", make_plane, 1),
    "multigauss": DatasetSpec("Gaussian bumps (regression)", "regression", make_multigauss, 1),
    **{f"gate_{g}": DatasetSpec(f"{g.upper()} gate", "binary", _gate_maker(g), 2, (-0.5, 1.5)) for g in GATES},
}


def make_dataset(name, n_points=500, *, noise=0.0, seed=None):
    """Generate the dataset called ``name`` (a key of ``DATASETS``)."""
    if name not in DATASETS:
        raise ValueError(f"dataset={name!r} is not allowed; choose one of {', '.join(DATASETS)}")
    return DATASETS[name].make(n_points, noise=noise, seed=seed)


# -- input features -------------------------------------------------------------------------
FEATURES = {
    "x1": ("x₁", lambda X: X[:, 0]),
    "x2": ("x₂", lambda X: X[:, 1]),
    "x1sq": ("x₁²", lambda X: X[:, 0] ** 2),
    "x2sq": ("x₂²", lambda X: X[:, 1] ** 2),
    "x1x2": ("x₁x₂", lambda X: X[:, 0] * X[:, 1]),
    "sinx1": ("sin x₁", lambda X: np.sin(X[:, 0])),
    "sinx2": ("sin x₂", lambda X: np.sin(X[:, 1])),
}


def feature_matrix(X, names):
    """The chosen input features of 2-D points ``X``: an ``(n, len(names))`` array."""
    X = np.asarray(X, float)
    return np.column_stack([FEATURES[n][1](X) for n in names]) if len(X) else np.zeros((0, len(names)))


# -- splits ---------------------------------------------------------------------------------
def split(y, train_fraction=0.5, *, seed=None, stratify=True):
    """Indices ``(train, test)``, stratified by class when possible (scikit-learn's split, in NumPy)."""
    state = int(_rng(seed).integers(2**31))
    strat = y if stratify and np.issubdtype(np.asarray(y).dtype, np.integer) else None
    # scikit-learn's own count (floor), but at least one point on each side: 10 % of 4 points is 0
    n_train = min(max(int(train_fraction * len(y)), 1), len(y) - 1) if len(y) >= 2 else train_fraction
    try:
        train, test = sk.train_test_split(len(y), train_size=n_train, random_state=state, stratify=strat)
    except ValueError:  # a class too small to stratify, or too few points
        train, test = sk.train_test_split(len(y), train_size=n_train, random_state=state)
    return np.sort(train), np.sort(test)


def kfold(y, k=5, *, seed=None):
    """``k`` pairs ``(train, validation)``; every point is in exactly one validation fold."""
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 2 <= k <= len(y):
        raise ValueError(f"k={k!r} is not allowed; it must be a whole number from 2 to the number of points ({len(y)})")
    state = int(_rng(seed).integers(2**31))
    y = np.asarray(y)
    stratify = y if np.issubdtype(y.dtype, np.integer) and np.bincount(y).min(initial=k) >= k else None
    folds = sk.kfold_test_folds(len(y), k, random_state=state, stratify=stratify)  # scikit-learn's (Stratified)KFold
    every = np.arange(len(y))
    return [(np.setdiff1d(every, fold), np.sort(fold)) for fold in folds]


# -- real small data that ships with scikit-learn -------------------------------------------
def load_iris():
    """Iris: 150 flowers, 4 measurements, 3 species. Returns ``(X, y, feature_names, class_names)``."""
    return sk.load_iris()


def load_digits():
    """8×8 handwritten digits: 1,797 images as 64 pixel values, 10 classes. Same return shape."""
    data, target, _images = sk.load_digits()
    return data, target, [f"pixel_{r}_{c}" for r in range(8) for c in range(8)], [str(t) for t in range(10)]
