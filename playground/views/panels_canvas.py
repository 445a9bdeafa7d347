"""Live panels on canvases: heatmaps and curves, for pictures that change every frame (the
sequence page's hidden states, gradients through time, gates and losses). The kit the design notes
ask for beside the Playground's own canvas: a frame is a few binary arrays the page draws in a few
milliseconds (``panels_canvas.js``), where a plotly figure with the same panels would cap the frame
rate.

    canvas = PanelsCanvas([heatmap_panel("h", "hidden state"), curves_panel("loss", "loss", log=True)])
    canvas.update(h=heatmap(values, row_labels=[...], xlabel="t"), loss=curves({"train": (ys, "#333")}))

Python keeps what it sent; ``values(panel)``/``series(panel)`` decode it for headless tests.
"""

from __future__ import annotations


import anywidget
import numpy as np
import traitlets

from playground.views.fit import esm
from playground.views.playground_canvas import quantize


def heatmap_panel(id_, title, *, width=420, height=200, left=50) -> dict:
    return dict(id=id_, kind="heatmap", title=title, width=width, height=height, left=left)


def curves_panel(id_, title, *, log=False, markers=False, ymin=None, width=420, height=200, left=50) -> dict:
    return dict(id=id_, kind="curves", title=title, log=log, markers=markers, ymin=ymin, width=width, height=height,
                left=left)


def heatmap(values, *, row_labels=(), xlabel="") -> dict:
    """``values`` (rows × cols) in [-1, 1] (clipped; NaN blank) as one panel's frame data."""
    v = np.atleast_2d(np.asarray(values, np.float32))
    return dict(rows=int(v.shape[0]), cols=int(v.shape[1]), values=quantize(v).tobytes(),
                row_labels=list(row_labels), xlabel=xlabel)


def curves(series: dict, *, xlabel="") -> dict:
    """``series``: name -> (values, colour)."""
    return dict(series=[dict(name=name, color=color, values=np.ascontiguousarray(vs, np.float32).tobytes())
                        for name, (vs, color) in series.items()], xlabel=xlabel)


class PanelsCanvas(anywidget.AnyWidget):
    """Panels laid out in ``columns`` columns; ``update(**{panel id: heatmap(...) or curves(...)})``."""

    _esm = esm("panels_canvas.js")
    scale = traitlets.Float(1.0).tag(sync=True)  # presenter mode: text, points and lines this much larger
    spec = traitlets.Dict().tag(sync=True)
    frame = traitlets.Dict().tag(sync=True)

    def __init__(self, panels, *, columns=2, **kwargs):
        super().__init__(**kwargs)
        self.frames = 0
        self.set_panels(panels, columns=columns)

    def set_panels(self, panels, *, columns=2):
        self.spec = dict(panels=list(panels), columns=columns)

    def update(self, **panels):
        self.frames += 1
        self.frame = dict(id=self.frames, panels=panels)

    # -- readers (what the page draws) -------------------------------------------------------
    def values(self, panel) -> np.ndarray:
        """A heatmap's bytes as sent (0..254; 255 = blank), rows × cols."""
        d = self.frame["panels"][panel]
        return np.frombuffer(d["values"], np.uint8).reshape(d["rows"], d["cols"])

    def series(self, panel) -> dict:
        return {s["name"]: np.frombuffer(s["values"], np.float32) for s in self.frame["panels"][panel]["series"]}
