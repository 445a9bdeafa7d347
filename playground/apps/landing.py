"""The landing page's picture: every dataset as a small thumbnail (no plotly, nothing to load)."""

from __future__ import annotations

import html

import ipywidgets as W

from playground.controls import DATASET_SHORT
from playground.data import DATASETS
from playground.views.thumbnails import dataset_thumbnail


def dataset_gallery(size: int = 72) -> W.HTML:
    """One row of dataset thumbnails with their names."""
    cells = "".join(
        f"<figure style='display:inline-block;margin:4px;text-align:center'>"
        f"<img src='{dataset_thumbnail(name, size)}' width='{size}' height='{size}' alt='{html.escape(DATASETS[name].label)}'>"
        f"<figcaption style='font-size:11px'>{html.escape(short)}</figcaption></figure>"
        for name, short in DATASET_SHORT.items())
    return W.HTML(f"<div class='pg-gallery'>{cells}</div>")
