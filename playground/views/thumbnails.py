"""Small pictures of each dataset, for the dataset picker (NumPy only)."""

from __future__ import annotations

import numpy as np

from playground import data as datasets
from playground.views.colors import CLASS_COLORS, diverging_rgb, hex_rgb, png_data_uri


def dataset_thumbnail(name: str, size: int = 56) -> str:
    """A PNG data URI: 200 noise-free points of dataset ``name`` on a light background."""
    spec = datasets.DATASETS[name]
    X, y = datasets.make_dataset(name, 200, noise=0.0, seed=0)
    return points_thumbnail(X, y, spec.kind, spec.bounds, size)


def points_thumbnail(X, y, kind: str, bounds, size: int = 56) -> str:
    """A PNG data URI of points ``X`` (classes or values ``y``) in the square ``bounds``."""
    lo, hi = bounds
    img = np.full((size, size, 3), 245, np.uint8)
    px = np.clip(((np.asarray(X, float) - lo) / (hi - lo) * (size - 3)).astype(int) + 1, 1, size - 2)
    if kind == "regression":
        colors = diverging_rgb(np.asarray(y, float))
    else:
        colors = np.array([hex_rgb(CLASS_COLORS[int(c) % len(CLASS_COLORS)]) for c in y], np.uint8)
    for (cx, cy), color in zip(px, colors):
        img[size - 1 - cy - 1:size - 1 - cy + 1, cx - 1:cx + 1] = color
    return png_data_uri(img)
