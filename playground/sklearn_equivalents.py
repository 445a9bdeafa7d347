"""scikit-learn's splits, ``make_moons`` and bundled data sets in NumPy, number for number.

A page that only needs its points split, drawn as moons, folded or the digits loaded should not
import scikit-learn for it: ``import sklearn`` pulls in SciPy and costs ~1.1 s of CPU on the
project's machine, more than the rest of a lesson page's start. These functions give exactly what
scikit-learn 1.x gives for the same ``random_state`` (the same calls to NumPy's legacy
``RandomState``, in the same order): same seed, same points, same curves as before.
``tests/test_sklearn_equivalents.py`` holds each one to scikit-learn itself, over many sizes and
seeds; scikit-learn stays the engine where it is the lesson (k-means, the RBM, logistic regression).

    train, test = train_test_split(100, train_size=50, random_state=7, stratify=y)
"""

from __future__ import annotations

import gzip
import importlib.util
from math import ceil, floor
from pathlib import Path

import numpy as np


def _random_state(seed) -> np.random.RandomState:
    """scikit-learn's ``check_random_state`` for the seeds used here (None, an int or a RandomState)."""
    if seed is None or isinstance(seed, (int, np.integer)):
        return np.random.RandomState(seed)
    if isinstance(seed, np.random.RandomState):
        return seed
    raise ValueError(f"random_state={seed!r} is not allowed; give None, a whole number or a RandomState")


def _sizes(n_samples: int, train_size, test_size) -> tuple[int, int]:
    """``model_selection._validate_shuffle_split``: ``(n_train, n_test)``, a ValueError when impossible."""
    for name, size in (("train_size", train_size), ("test_size", test_size)):
        if size is None:
            continue
        if isinstance(size, (int, np.integer)) and not 0 < size < n_samples:
            raise ValueError(f"{name}={size} should be either positive and smaller than the number of "
                             f"samples {n_samples} or a float in the (0, 1) range")
        if isinstance(size, float) and not 0 < size < 1:
            raise ValueError(f"{name}={size} should be either positive and smaller than the number of "
                             f"samples {n_samples} or a float in the (0, 1) range")
    if train_size is None and test_size is None:
        test_size = 0.25
    n_test = None if test_size is None else (ceil(test_size * n_samples) if isinstance(test_size, float)
                                             else int(test_size))
    n_train = None if train_size is None else (floor(train_size * n_samples) if isinstance(train_size, float)
                                               else int(train_size))
    n_train = n_samples - n_test if n_train is None else n_train
    n_test = n_samples - n_train if n_test is None else n_test
    if n_train + n_test > n_samples:
        raise ValueError(f"train_size + test_size = {n_train + n_test} is more than the {n_samples} samples")
    if n_train == 0:
        raise ValueError(f"with n_samples={n_samples}, train_size={train_size} and test_size={test_size} "
                         f"the training set would be empty")
    return n_train, n_test


def _approximate_mode(class_counts, n_draws, rng) -> np.ndarray:
    """``utils.extmath._approximate_mode``: draws per class, ties broken at random."""
    continuous = class_counts / class_counts.sum() * n_draws
    floored = np.floor(continuous)
    need_to_add = int(n_draws - floored.sum())
    if need_to_add > 0:
        remainder = continuous - floored
        for value in np.sort(np.unique(remainder))[::-1]:
            (inds,) = np.where(remainder == value)
            add_now = min(len(inds), need_to_add)
            inds = rng.choice(inds, size=add_now, replace=False)
            floored[inds] += 1
            need_to_add -= add_now
            if need_to_add == 0:
                break
    return floored.astype(int)


def train_test_split(n_samples: int, *, train_size=None, test_size=None, random_state=None, stratify=None):
    """Indices ``(train, test)`` of ``n_samples`` points, as ``sklearn.model_selection.train_test_split(
    np.arange(n_samples), ...)`` gives them (``ShuffleSplit``, or ``StratifiedShuffleSplit`` with
    ``stratify``), in its order; a ValueError where it raises one."""
    n_train, n_test = _sizes(n_samples, train_size, test_size)
    rng = _random_state(random_state)
    if stratify is None:
        permutation = rng.permutation(n_samples)
        return permutation[n_test:n_test + n_train], permutation[:n_test]
    y = np.asarray(stratify)
    classes, y_indices, class_counts = np.unique(y, return_inverse=True, return_counts=True)
    if np.min(class_counts) < 2:
        raise ValueError("the least populated class in y has only 1 member, which is too few")
    if n_train < len(classes) or n_test < len(classes):
        raise ValueError(f"train_size = {n_train} and test_size = {n_test} should each be at least the "
                         f"number of classes = {len(classes)}")
    class_indices = np.split(np.argsort(y_indices, kind="stable"), np.cumsum(class_counts)[:-1])
    n_i = _approximate_mode(class_counts, n_train, rng)
    t_i = _approximate_mode(class_counts - n_i, n_test, rng)
    train, test = [], []
    for i in range(len(classes)):
        taken = class_indices[i].take(rng.permutation(class_counts[i]), mode="clip")
        train.extend(taken[:n_i[i]])
        test.extend(taken[n_i[i]:n_i[i] + t_i[i]])
    return rng.permutation(train), rng.permutation(test)


def kfold_test_folds(n_samples: int, k: int, *, random_state=None, stratify=None) -> list[np.ndarray]:
    """The ``k`` validation folds (sorted indices) of ``KFold(k, shuffle=True)`` or, with ``stratify``
    (integer labels, each class at least ``k`` points), ``StratifiedKFold(k, shuffle=True)``."""
    rng = _random_state(random_state)
    if stratify is None:
        indices = np.arange(n_samples)
        rng.shuffle(indices)
        sizes = np.full(k, n_samples // k, dtype=int)
        sizes[:n_samples % k] += 1
        bounds = np.r_[0, np.cumsum(sizes)]
        return [np.sort(indices[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]
    y = np.asarray(stratify)
    _, y_idx, y_inv = np.unique(y, return_index=True, return_inverse=True)
    _, class_perm = np.unique(y_idx, return_inverse=True)
    y_encoded = class_perm[y_inv]  # classes numbered in order of first appearance
    n_classes = len(y_idx)
    y_order = np.sort(y_encoded)
    allocation = np.asarray([np.bincount(y_order[i::k], minlength=n_classes) for i in range(k)])
    test_folds = np.empty(len(y), dtype="i")
    for c in range(n_classes):
        folds_for_class = np.arange(k).repeat(allocation[:, c])
        rng.shuffle(folds_for_class)
        test_folds[y_encoded == c] = folds_for_class
    return [np.flatnonzero(test_folds == i) for i in range(k)]


def make_moons(n_samples: int, *, noise=None, random_state=None):
    """``sklearn.datasets.make_moons(n_samples, shuffle=True, noise=noise, random_state=...)``."""
    rng = _random_state(random_state)
    n_out = n_samples // 2
    n_in = n_samples - n_out
    X = np.vstack([np.append(np.cos(np.linspace(0, np.pi, n_out)), 1 - np.cos(np.linspace(0, np.pi, n_in))),
                   np.append(np.sin(np.linspace(0, np.pi, n_out)), 1 - np.sin(np.linspace(0, np.pi, n_in)) - 0.5)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    order = np.arange(n_samples)  # utils.shuffle: resample(replace=False)
    rng.shuffle(order)
    X, y = X[order], y[order]
    if noise is not None:
        X += rng.normal(scale=noise, size=X.shape)
    return X, y


# -- the data files scikit-learn ships (read where it installed them, without importing it) ---------

def _data_file(name: str) -> Path:
    spec = importlib.util.find_spec("sklearn")  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("scikit-learn is not installed: its bundled data sets come with it")
    return Path(list(spec.submodule_search_locations)[0]) / "datasets" / "data" / name


def load_digits():
    """``sklearn.datasets.load_digits()``'s ``data`` (1797 × 64 float), ``target`` (int), ``images`` (n × 8 × 8)."""
    with gzip.open(_data_file("digits.csv.gz"), "rt", encoding="utf-8") as f:
        data = np.loadtxt(f, delimiter=",")
    flat, target = data[:, :-1], data[:, -1].astype(int, copy=False)
    return flat, target, flat.reshape(-1, 8, 8)


IRIS_FEATURES = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]


def load_iris():
    """``sklearn.datasets.load_iris()``'s ``data`` (150 × 4), ``target``, ``feature_names``, ``target_names``."""
    lines = _data_file("iris.csv").read_text(encoding="utf-8").splitlines()
    head = lines[0].split(",")
    n, d = int(head[0]), int(head[1])
    rows = [line.split(",") for line in lines[1:n + 1]]
    data = np.array([r[:-1] for r in rows], dtype=np.float64).reshape(n, d)
    target = np.array([r[-1] for r in rows], dtype=int)
    return data, target, list(IRIS_FEATURES), head[2:]
