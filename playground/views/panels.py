"""Canvas panels for the image apps: pixel grids, tiles, bars and curves in one small anywidget.

The Playground's canvas (``playground_canvas``) showed that a canvas draws a live frame in a few
milliseconds where plotly needs 50-80; this is the same idea as a kit the CNN apps share:

- ``grid(values, ...)``: one image or matrix, cell by cell: a colour scale, a box (a filter's
  window), a marked cell, a ring of padding, numbers in the cells, row and column labels;
  a grid panel may be **drawn on with the mouse** (``draw=``) and **clicked** (``click=True``);
- ``tiles(stack, ...)``: several small images in a row (filters, feature maps), each with a label;
- ``bars(groups, series, ...)``: grouped bars (softmax outputs of two networks);
- ``curves(series, ...)``: lines over epochs (loss and accuracy).

    panels = Panels({"input": Panel("Input", 300, 300, draw=Brush(0)), "fmap": Panel("Feature map", 240, 240, click=True)},
                    rows=[["input", "fmap"]])
    panels.show(input=grid(x, lo=0, hi=1, scale="gray"), fmap=grid(f, lo=-3, hi=3, scale="diverging"))
    panels.on_draw(lambda name, values, done: ...)     # values: the drawn image, (rows, cols) in [0, 1]
    panels.on_cell(lambda name, r, c, tile: ...)       # a click on a cell (tile: which tile, or -1)

Python keeps what it sent (``frame``); ``data(name)`` and ``values(name)`` decode it, so headless
tests check exactly what the page draws. Views know nothing about training.
"""

from __future__ import annotations

from dataclasses import dataclass

import anywidget
import numpy as np
import traitlets

from playground.views.colors import BLUE, DIVERGING, ORANGE
from playground.views.fit import esm

COLORS = {
    "gray": [[0.0, "#ffffff"], [1.0, "#1a1a1a"]],  # ink on paper: 0 white, 1 black
    "diverging": DIVERGING,  # negative orange, 0 grey, positive blue
    "blues": [[0.0, "#ffffff"], [1.0, BLUE]],
    "oranges": [[0.0, "#ffffff"], [1.0, ORANGE]],
}
MAX_DRAW_CELLS = 64 * 64  # a drawing message larger than this is ignored


def _f32(values) -> bytes:
    return np.ascontiguousarray(values, np.float32).tobytes()


def _num(v) -> float:
    v = float(v)
    return v if np.isfinite(v) else 0.0


@dataclass(frozen=True)
class Brush:
    """A grid that the learner draws on: the brush paints every cell within ``radius`` cells of
    the pointer (0: one cell), softer towards its rim."""

    radius: float = 0.0


@dataclass(frozen=True)
class Panel:
    """One panel: its title (a string in the page's language), size on the page (CSS pixels),
    whether its cells can be clicked and whether it can be drawn on (a ``Brush``)."""

    title: str
    width: int
    height: int
    click: bool = False
    draw: Brush | None = None

    def spec(self) -> dict:
        out = dict(title=self.title, width=int(self.width), height=int(self.height), click=bool(self.click))
        if self.draw is not None:
            out["draw"] = dict(radius=float(self.draw.radius))
        return out


# -- what one panel shows ---------------------------------------------------------------------------
def symmetric(values, floor: float = 1e-6) -> tuple[float, float]:
    """A colour range centred on 0 that holds every value: (-m, m)."""
    m = float(np.nanmax(np.abs(values))) if np.size(values) else 0.0
    m = max(m if np.isfinite(m) else 0.0, floor)
    return -m, m


def grid(values, *, lo=None, hi=None, scale="gray", box=None, mark=None, pad: int = 0, numbers: bool = False,
         digits: int = 2, rlabels=None, clabels=None, seq: int = 0, title: str | None = None) -> dict:
    """A 2-D array drawn cell by cell. ``box``: (r0, c0, r1, c1), a rectangle (end exclusive);
    ``mark``: (r, c), one cell outlined; ``pad``: the outer ring of this many cells is padding;
    ``seq``: the last drawing of the page this picture includes (for a drawn panel)."""
    v = np.asarray(values, np.float32)
    if v.ndim != 2:
        raise ValueError(f"a grid needs a 2-D array; got shape {v.shape}")
    if lo is None or hi is None:
        lo, hi = (float(np.nanmin(v)), float(np.nanmax(v))) if v.size else (0.0, 1.0)
    out = dict(kind="grid", rows=int(v.shape[0]), cols=int(v.shape[1]), v=_f32(v), lo=_num(lo), hi=_num(hi),
               scale=scale, pad=int(pad), numbers=bool(numbers), digits=int(digits), seq=int(seq))
    if box is not None:
        out["box"] = [int(b) for b in box]
    if mark is not None:
        out["mark"] = [int(m) for m in mark]
    if rlabels is not None:
        out["rlabels"] = [str(s) for s in rlabels]
    if clabels is not None:
        out["clabels"] = [str(s) for s in clabels]
    if title is not None:
        out["title"] = title
    return out


def tiles(stack, *, lo=None, hi=None, scale="diverging", labels=None, columns: int | None = None, mark=None,
          each: bool = True, title: str | None = None) -> dict:
    """Images of one shape side by side: ``stack`` is (n, rows, cols). With ``each`` (and no
    ``lo``/``hi``), every tile gets its own symmetric colour range, else one range for all."""
    v = np.asarray(stack, np.float32)
    if v.ndim != 3:
        raise ValueError(f"tiles need a 3-D array (n, rows, cols); got shape {v.shape}")
    n = v.shape[0]
    if lo is None or hi is None:
        if each:
            ranges = [symmetric(t) for t in v]
            lo, hi = [r[0] for r in ranges], [r[1] for r in ranges]
        else:
            lo, hi = symmetric(v)
    out = dict(kind="tiles", n=int(n), rows=int(v.shape[1]), cols=int(v.shape[2]), v=_f32(v), scale=scale,
               lo=[_num(x) for x in lo] if np.ndim(lo) else _num(lo), hi=[_num(x) for x in hi] if np.ndim(hi) else _num(hi),
               columns=int(columns or n))
    if labels is not None:
        out["labels"] = [str(s) for s in labels]
    if mark is not None:
        out["mark"] = int(mark)
    if title is not None:
        out["title"] = title
    return out


def bars(groups, series, *, lo: float = 0.0, hi: float = 1.0, mark=None, log: bool = False,
         title: str | None = None) -> dict:
    """Grouped bars: ``series`` is a list of (name, colour, values per group). With ``log`` the
    axis is logarithmic from ``lo`` to ``hi`` (both > 0; a grid line per power of ten)."""
    out = dict(kind="bars", groups=[str(g) for g in groups], lo=_num(lo), hi=_num(hi), log=bool(log),
               series=[dict(name=str(n), color=c, values=_f32(v)) for n, c, v in series])
    if mark is not None:
        out["mark"] = int(mark)
    if title is not None:
        out["title"] = title
    return out


def curves(series, *, lo=None, hi=None, xlabel: str = "", title: str | None = None) -> dict:
    """Lines: ``series`` is a list of (name, colour, x, y, dashed)."""
    out = dict(kind="curves", xlabel=xlabel,
               series=[dict(name=str(n), color=c, x=_f32(x), y=_f32(y), dash=bool(d)) for n, c, x, y, d in series])
    if lo is not None:
        out["lo"] = _num(lo)
    if hi is not None:
        out["hi"] = _num(hi)
    if title is not None:
        out["title"] = title
    return out


class Panels(anywidget.AnyWidget):
    """The panels of one app, in ``rows`` (lists of panel names). ``show(**data)`` sends a frame
    (the panels not named keep what they showed; ``None`` hides a panel)."""

    _esm = esm("panels.js")
    scale = traitlets.Float(1.0).tag(sync=True)  # presenter mode: text, points and lines this much larger
    spec = traitlets.Dict().tag(sync=True)
    frame = traitlets.Dict().tag(sync=True)
    pen = traitlets.Unicode("draw").tag(sync=True)  # "draw" or "erase"

    def __init__(self, panels: dict, rows=None, **kwargs):
        super().__init__(**kwargs)
        self.panels = dict(panels)
        self.rows = [list(r) for r in (rows or [list(self.panels)])]
        self.frames = 0
        self._data: dict = {}
        self._versions: dict = {}
        self._on_cell, self._on_draw = [], []
        self.on_msg(self._handle_message)
        self.add_class("pg-panels-widget")
        self._send_spec()

    def _send_spec(self):
        self.spec = dict(panels={name: p.spec() for name, p in self.panels.items()}, rows=self.rows, colors=COLORS)

    def retitle(self, titles: dict):
        """New titles (the page's language changed): ``{name: title}``."""
        changed = False
        for name, title in titles.items():
            p = self.panels[name]
            if p.title != title:
                self.panels[name] = Panel(title, p.width, p.height, p.click, p.draw)
                changed = True
        if changed:
            self._send_spec()

    # -- frames --------------------------------------------------------------------------------
    def show(self, **data):
        """Send one frame: ``name=grid(...)`` (or ``tiles``, ``bars``, ``curves``; ``None`` hides it)."""
        unknown = set(data) - set(self.panels)
        if unknown:
            raise ValueError(f"no panel {sorted(unknown)}; panels: {', '.join(self.panels)}")
        for name, d in data.items():  # a version per panel: the page redraws only the panels that changed
            old = self._data.get(name)
            if d is not None:
                same = old is not None and {k: v for k, v in old.items() if k != "ver"} == d
                self._versions[name] = self._versions.get(name, 0) + (not same)
                d = dict(d, ver=self._versions[name])
            self._data[name] = d
        self.frames += 1
        self.frame = dict(id=self.frames, panels={k: v for k, v in self._data.items() if v is not None})

    def data(self, name: str) -> dict | None:
        """What panel ``name`` shows, as sent (None when hidden)."""
        return self._data.get(name)

    def values(self, name: str) -> np.ndarray:
        """The array panel ``name`` shows: (rows, cols) for a grid, (n, rows, cols) for tiles."""
        d = self._data[name]
        v = np.frombuffer(d["v"], np.float32)
        return v.reshape(d["rows"], d["cols"]) if d["kind"] == "grid" else v.reshape(d["n"], d["rows"], d["cols"])

    def series(self, name: str) -> dict:
        """Bars or curves of panel ``name``: {series name: values} (curves: (x, y))."""
        d = self._data[name]
        if d["kind"] == "bars":
            return {s["name"]: np.frombuffer(s["values"], np.float32) for s in d["series"]}
        return {s["name"]: (np.frombuffer(s["x"], np.float32), np.frombuffer(s["y"], np.float32)) for s in d["series"]}

    # -- from the page -------------------------------------------------------------------------
    def on_cell(self, fn):
        """``fn(name, r, c, tile)`` when the learner clicks a cell of a clickable panel."""
        self._on_cell.append(fn)

    def on_draw(self, fn):
        """``fn(name, values, done, seq)`` while the learner draws (``done`` when the stroke ends);
        ``values`` is the whole drawn image, (rows, cols), clipped to [0, 1]."""
        self._on_draw.append(fn)

    def _handle_message(self, _widget, content, _buffers=None):
        if not isinstance(content, dict):
            return
        try:
            name = str(content["panel"])
            if name not in self.panels:
                return
            if content.get("type") == "cell":
                args = (name, int(content["r"]), int(content["c"]), int(content.get("tile", -1)))
                listeners = self._on_cell
            elif content.get("type") == "draw":
                rows, cols = int(content["rows"]), int(content["cols"])
                if not 0 < rows * cols <= MAX_DRAW_CELLS or self.panels[name].draw is None:
                    return
                values = np.asarray(content["values"], np.float64).reshape(rows, cols)
                values = np.clip(np.nan_to_num(values), 0, 1)
                args = (name, values, bool(content.get("done")), int(content.get("seq", 0)))
                listeners = self._on_draw
            else:
                return
        except (KeyError, TypeError, ValueError):
            return  # a malformed message from the page is ignored
        for fn in listeners:
            fn(*args)
