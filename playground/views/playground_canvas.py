"""The Playground app's live picture: network graph, output plane, gradient bars, loss curves.

One small anywidget draws all four panels on canvases (``playground_canvas.js``). A frame is a
few binary arrays (~20 KB) that the page draws in a few milliseconds; a plotly FigureWidget
with the same panels cost the page 50-80 ms per frame here and capped the picture at ~5 frames
per second. It knows nothing about training: ``update`` takes probe results (plain arrays).

Python keeps what it sent (``structure``, ``points``, ``frame``); the readers below decode it, so
headless tests check exactly what the page draws.
"""

from __future__ import annotations

import logging
import math

import anywidget
import numpy as np
import traitlets

from playground.i18n import t
from playground.views.colors import CLASS_COLORS, CLASS_SYMBOLS, DIVERGING, SURFACE
from playground.views.fit import esm
from playground.views.network import NetworkLayout

log = logging.getLogger(__name__)
MAX_COORDINATE = 1e6  # a click's plane coordinates beyond this (or not finite) come from no real page
HISTORY_KEYS = ("train_loss", "test_loss", "train_acc", "test_acc")
HISTORY_COLORS = ("#333333", "#999999", "#2a9d8f", "#94d2bd")
TITLES = ("network", "plane", "grads", "loss", "click_hint", "class", "output", "epoch")  # playground.<...>


def _f32(values) -> bytes:
    return np.ascontiguousarray(values, np.float32).tobytes()


def quantize(grid) -> np.ndarray:
    """Values in [-1, 1] (clipped) as bytes 0..254; NaN becomes 255 (drawn white)."""
    v = np.asarray(grid, np.float32)
    q = np.rint((np.clip(np.nan_to_num(v), -1, 1) + 1) * 127).astype(np.uint8)
    q[np.isnan(v)] = 255
    return q


class PlaygroundCanvas(anywidget.AnyWidget):
    """Set the network with ``set_network``, the data with ``set_points``, then ``update`` per frame.

    ``on_select(fn(layer, neuron))`` and ``on_plane_click(fn(x1, x2))`` receive clicks.
    """

    _esm = esm("playground_canvas.js")
    scale = traitlets.Float(1.0).tag(sync=True)  # presenter mode: text, points and lines this much larger
    structure = traitlets.Dict().tag(sync=True)
    points = traitlets.Dict().tag(sync=True)
    frame = traitlets.Dict().tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.layout_ = None  # the NetworkLayout of the current network
        self.surface_scale = "light"
        self.surface_bounds = (-6.0, 6.0)
        self.frames = 0
        self._on_select, self._on_plane = [], []
        self.on_msg(self._handle_message)
        self.add_class("pg-live-canvas")

    # -- structure and data (change rarely) --------------------------------------------------
    def set_network(self, sizes, input_labels, output_labels):
        """A new network shape: tile positions and labels."""
        L = self.layout_ = NetworkLayout(sizes)
        n_hidden = len(sizes) - 2
        names = [[t("playground.input_name", feature=label) for label in input_labels]]
        names += [[t("playground.neuron_name", layer=l + 1, neuron=i + 1) for i in range(n)] for l, n in enumerate(sizes[1:-1])]
        names.append([t("playground.output_name", k=i + 1) for i in range(len(output_labels))])
        self.structure = dict(
            sizes=list(sizes), tile=L.tile, width=L.width, height=L.height, count=int(sum(sizes)),
            origins=[o.tolist() for o in L.origins],
            input_labels=list(input_labels), output_labels=list(output_labels),
            column_titles=[t("playground.inputs")] + [t("playground.layer", l=l + 1) for l in range(n_hidden)]
            + [t("playground.output")],
            neuron_names=names, grad_labels=[f"L{l + 1}" for l in range(n_hidden)] + [t("playground.out")],
            history_keys=list(HISTORY_KEYS), history_colors=list(HISTORY_COLORS),
            history_names=[t(f"playground.history_{k}") for k in HISTORY_KEYS],
            colors=dict(diverging=DIVERGING, surface=SURFACE, classes=CLASS_COLORS, symbols=CLASS_SYMBOLS),
            titles={k: t(f"playground.title_{k}" if k in ("network", "plane", "grads", "loss") else f"playground.{k}")
                    for k in TITLES})

    def set_surface_kind(self, problem, n_classes):
        """One colour per class for multi-class; a light orange-blue scale otherwise."""
        self.surface_scale = "classes" if problem == "multiclass" else "light"

    def set_points(self, X, y, train_idx, test_idx, *, problem, bounds, show_test=True):
        """The data points: class by colour and symbol, test points outlined in black."""
        idx = np.concatenate([train_idx, test_idx if show_test else test_idx[:0]]).astype(int)
        test = np.zeros(len(idx), np.uint8)
        test[len(train_idx):] = 1
        self.surface_bounds = tuple(float(b) for b in bounds)
        self.points = dict(x=_f32(X[idx, 0]), y=_f32(X[idx, 1]), label=_f32(np.asarray(y, float)[idx]),
                           test=test.tobytes(), problem=problem, bounds=list(self.surface_bounds))

    # -- every frame -------------------------------------------------------------------------
    def update(self, **frame):
        """One frame: the surface (n×n over the plane, row 0 at the bottom), every neuron's tile
        (``mosaic_grids[l]`` is (n_l, tile, tile) in [-1, 1]), the weight matrices, per-layer
        gradient norms and the history curves (the arguments of ``encode``), sent to the page."""
        self.frame = self.encode(**frame)

    def encode(self, *, surface, zrange, mosaic_grids, weights, grad_norms, history, title, selected=None) -> dict:
        """The frame ``update`` sends, as bytes and numbers; assigning it to ``frame`` sends it."""
        surface = np.asarray(surface, np.float32)
        tiles = np.concatenate([quantize(g).reshape(-1) for g in mosaic_grids])
        self.frames += 1
        return dict(
            id=self.frames, n=int(surface.shape[0]), surface=surface.tobytes(),
            zrange=[float(zrange[0]), float(zrange[1])], scale=self.surface_scale, title=title,
            tiles=tiles.tobytes(), weights=[_f32(w) for w in weights],
            grads=_f32(grad_norms),
            history={k: _f32(history[k]) for k in ("epoch",) + HISTORY_KEYS},
            selected=list(selected) if selected is not None else None)

    # -- readers (what the page draws) -------------------------------------------------------
    def surface(self) -> np.ndarray:
        n = self.frame["n"]
        return np.frombuffer(self.frame["surface"], np.float32).reshape(n, n)

    def tiles(self) -> np.ndarray:
        """(neurons, tile, tile) bytes as sent (255 = NaN)."""
        t = self.structure["tile"]
        return np.frombuffer(self.frame["tiles"], np.uint8).reshape(-1, t, t)

    def weights(self) -> list:
        sizes = self.structure["sizes"]
        return [np.frombuffer(b, np.float32).reshape(sizes[l + 1], sizes[l]) for l, b in enumerate(self.frame["weights"])]

    def grads(self) -> np.ndarray:
        return np.frombuffer(self.frame["grads"], np.float32)

    def history(self) -> dict:
        return {k: np.frombuffer(v, np.float32) for k, v in self.frame["history"].items()}

    def point_arrays(self) -> dict:
        p = self.points
        return dict(x=np.frombuffer(p["x"], np.float32), y=np.frombuffer(p["y"], np.float32),
                    label=np.frombuffer(p["label"], np.float32), test=np.frombuffer(p["test"], np.uint8).astype(bool))

    # -- clicks ----------------------------------------------------------------------------
    def on_select(self, fn):
        self._on_select.append(fn)

    def on_plane_click(self, fn):
        self._on_plane.append(fn)

    def _handle_message(self, _widget, content, _buffers=None):
        if not isinstance(content, dict):
            return
        try:
            if content.get("type") == "select":
                args, listeners = (int(content["layer"]), int(content["neuron"])), self._on_select
            elif content.get("type") == "plane":
                args, listeners = (float(content["x"]), float(content["y"])), self._on_plane
            else:
                return
        except (KeyError, TypeError, ValueError, OverflowError):
            log.warning("PlaygroundCanvas: ignored a malformed message: %.100r", content)
            return
        if listeners is self._on_plane and not all(math.isfinite(a) and abs(a) <= MAX_COORDINATE for a in args):
            log.warning("PlaygroundCanvas: ignored a click outside any plane: %.100r", content)
            return
        for fn in listeners:
            fn(*args)
