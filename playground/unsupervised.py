"""Learning without labels: the same 2-D points grouped by k-means (scikit-learn's ``KMeans``), and
how well the groups it finds match the labels it was never shown.

>>> import numpy as np
>>> X = np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [5.1, 5.0]])
>>> groups = kmeans(X, 2, seed=0)
>>> bool(groups["labels"][0] == groups["labels"][1] != groups["labels"][2])
True
"""

from __future__ import annotations

from itertools import permutations

import numpy as np

CLASSIFICATION = ("gauss", "blobs", "moons", "circle", "xor", "spiral", "spiral3")  # datasets with labels


def kmeans(X, k, *, seed=0) -> dict:
    """``{"labels", "centers", "inertia"}``: ``k`` groups of the rows of ``X`` (each point in the
    group of its nearest centre), k-means++ started ``n_init=10`` times, seeded."""
    from sklearn.cluster import KMeans
    X = np.asarray(X, float)
    if not 1 <= int(k) <= min(10, len(X)):
        raise ValueError(f"k={k!r} is not allowed; choose 1 to {min(10, len(X))} groups")
    km = KMeans(n_clusters=int(k), n_init=10, random_state=seed).fit(X)
    return {"labels": km.labels_.astype(int), "centers": km.cluster_centers_, "inertia": float(km.inertia_)}


def agreement(groups, y) -> float:
    """The share of points whose group, matched to classes one-to-one in the best way, is their
    label (1.0: k-means found the classes exactly; with k ≠ the number of classes, the best partial
    matching)."""
    groups, y = np.asarray(groups), np.asarray(y)
    gs, cs = np.unique(groups), np.unique(y)
    table = np.array([[np.sum((groups == g) & (y == c)) for c in cs] for g in gs])
    if len(gs) <= len(cs):
        best = max(sum(table[i, j] for i, j in enumerate(p)) for p in permutations(range(len(cs)), len(gs)))
    else:
        best = max(sum(table[i, j] for j, i in enumerate(p)) for p in permutations(range(len(gs)), len(cs)))
    return float(best / len(y))
