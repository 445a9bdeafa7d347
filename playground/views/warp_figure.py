"""The space-warping apps' one FigureWidget: one panel per space of the network, side by side.

Each panel shows the data points, a mesh of the input plane mapped into that space (coloured by
the class the network predicts there), the next layer's zero lines or the output's separating
line, and for 3-D views a box with named axes. It knows plotly and nothing about training:
``update`` takes ``warping.Panel`` objects (plain arrays) and the texts to show.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from playground.i18n import t
from playground.views.colors import BLUE, CLASS_SYMBOLS, ORANGE
from playground.views.fit import OWN_WIDTH

MESH_COLORS = ("#f7b36b", "#6aa9d6")  # lighter orange and blue: the mesh stays behind the points
LINE_COLOR, BOUNDARY_COLOR, BOX_COLOR = "#555555", "#111111", "#c8c8c8"
GAP = 0.05  # horizontal space between panels, as a share of the figure's width
GLYPH_PX = 4.0  # radius of a data point's glyph, in pixels
RANGE_STEP = 0.02  # a panel's range is re-sent only when it moved by more than this share of its span
PANEL_PX, SIDES_PX = 290, 75  # the figure's width: SIDES_PX + PANEL_PX per panel (one panel: ONE_PX)
ONE_PX = 450
MIN_PANEL_PX = 170  # a panel narrower than this is unreadable: the page scales the figure instead
MARGIN = dict(l=50, r=15, t=78)
LEGEND_ENTRY_PX, LEGEND_ROW_PX, AXIS_TITLE_PX = 200, 20, 42

# traces of one slot, in this order
MESH0, MESH1, BOX, LINES, BOUNDARY, POINTS0, POINTS1, AXIS_TEXT = range(8)
PER_SLOT = 8
LEGEND = (  # legend-only traces after the slots: (name's key in playground.i18n, mode, style)
    ("warp_figure.data_orange", "markers", dict(marker=dict(color=ORANGE, symbol=CLASS_SYMBOLS[0], size=8))),
    ("warp_figure.data_blue", "markers", dict(marker=dict(color=BLUE, symbol=CLASS_SYMBOLS[1], size=8))),
    ("warp_figure.grid_orange", "lines", dict(line=dict(color=MESH_COLORS[0], width=2))),
    ("warp_figure.grid_blue", "lines", dict(line=dict(color=MESH_COLORS[1], width=2))),
    ("warp_figure.next_layer_zero", "lines", dict(line=dict(color=LINE_COLOR, width=1.5, dash="dash"))),
    ("warp_figure.output_line", "lines", dict(line=dict(color=BOUNDARY_COLOR, width=3))),
)


def _round(a, digits=3):
    return np.round(np.asarray(a, float), digits)


def glyphs(points, radius: float, sides: int, phase: float = 0.0):
    """Each point as a small closed polygon (``sides`` corners), all in one polyline with NaN breaks.

    Plotly draws every marker of a scatter trace as an SVG element of its own; one filled path for
    all points of a class draws several times faster (measured here: markers were most of a frame)."""
    pts = np.asarray(points, float).reshape(-1, 2)
    angles = phase + 2 * np.pi * np.arange(sides + 1) / sides
    ring = radius * np.column_stack([np.cos(angles), np.sin(angles)])
    shapes = pts[:, None, :] + ring[None]
    breaks = np.full((len(pts), 1, 2), np.nan)
    return np.concatenate([shapes, breaks], axis=1).reshape(-1, 2)


def frame_size(n: int, room: int = 0):
    """``(width, height, bottom margin)`` in pixels for ``n`` panels, chosen so that every panel's
    plot area is square: equal units on both axes without plotly's ``scaleanchor``, which cost
    about a third of each redraw here. ``room``: the app's width in the page (0: unknown); panels
    narrow to fit it, down to ``MIN_PANEL_PX`` (the page scales a figure still wider: views.fit)."""
    width = SIDES_PX + (ONE_PX if n == 1 else PANEL_PX * n)
    if room > 0:
        width = min(width, max(SIDES_PX + MIN_PANEL_PX * n, room))
    plot_w = width - MARGIN["l"] - MARGIN["r"]
    per_row = max(1, plot_w // LEGEND_ENTRY_PX)
    bottom = AXIS_TITLE_PX + LEGEND_ROW_PX * -(-len(LEGEND) // per_row) + 8
    side = plot_w * (slot_domains(n, n)[0][1] - slot_domains(n, n)[0][0])
    return width, int(round(MARGIN["t"] + bottom + side)), bottom


def slot_domains(n: int, slots: int):
    """x domains of ``slots`` panels when ``n`` of them are shown (the rest get an empty sliver)."""
    width = (1 - GAP * (n - 1)) / n
    return [[i * (width + GAP), i * (width + GAP) + width] if i < n else [0.0, 0.001] for i in range(slots)]


class WarpFigure:
    """Builds the figure once with ``slots`` panels; later calls change data and texts in place."""

    def __init__(self, slots: int = 4):
        self.slots = slots
        fig = go.Figure()
        for i in range(slots):
            xa, ya = f"x{i + 1}", f"y{i + 1}"
            common = dict(xaxis=xa, yaxis=ya, showlegend=False)
            for k in range(2):
                fig.add_trace(go.Scatter(x=[], y=[], mode="lines", hoverinfo="skip", name=f"mesh {k}",
                                         line=dict(color=MESH_COLORS[k], width=1.2), **common))
            fig.add_trace(go.Scatter(x=[], y=[], mode="lines", hoverinfo="skip", name="box",
                                     line=dict(color=BOX_COLOR, width=1), **common))
            fig.add_trace(go.Scatter(x=[], y=[], mode="lines", hoverinfo="skip", name="next layer",
                                     line=dict(color=LINE_COLOR, width=1.5, dash="dash"), **common))
            fig.add_trace(go.Scatter(x=[], y=[], mode="lines", hoverinfo="skip", name="boundary",
                                     line=dict(color=BOUNDARY_COLOR, width=3), fillcolor="rgba(40,40,40,0.15)",
                                     **common))
            for k, color in enumerate((ORANGE, BLUE)):  # data points as glyph polygons (see ``glyphs``)
                # no white rim: in one path every rim would be drawn over every fill, and a dense
                # cluster would turn white; the glyphs' shapes (circle, diamond) tell the classes apart
                fig.add_trace(go.Scatter(x=[], y=[], mode="lines", fill="toself", fillcolor=color, name=f"class {k}",
                                         line=dict(color=color, width=0.5), hoverinfo="skip", **common))
            fig.add_trace(go.Scatter(x=[], y=[], mode="text", hoverinfo="skip", name="axes",
                                     textfont=dict(size=13, color="#333"), **common))
        for key, mode, style in LEGEND:
            fig.add_trace(go.Scatter(x=[None], y=[None], mode=mode, name=t(key), hoverinfo="skip",
                                     xaxis="x1", yaxis="y1", **style))
        axes = {}
        for i, domain in enumerate(slot_domains(1, slots)):
            axes[f"xaxis{i + 1}"] = dict(domain=domain, anchor=f"y{i + 1}", zeroline=True, zerolinecolor="#ddd",
                                         gridcolor="#f0f0f0", showline=True, linecolor="#bbb", mirror=True,
                                         title=dict(font=dict(size=13), standoff=4), ticks="outside",
                                         tickfont=dict(size=10))
            axes[f"yaxis{i + 1}"] = dict(domain=[0, 1], anchor=f"x{i + 1}", zeroline=True, zerolinecolor="#ddd",
                                         gridcolor="#f0f0f0", showline=True, linecolor="#bbb", mirror=True,
                                         title=dict(font=dict(size=13), standoff=2), ticks="outside",
                                         tickfont=dict(size=10))
        titles = [dict(text="", x=0.5, y=1.0, xref="paper", yref="paper", xanchor="center", yanchor="bottom",
                       showarrow=False, font=dict(size=13), align="center") for _ in range(slots)]
        width, height, bottom = frame_size(1)
        fig.update_layout(height=height, width=width, meta=OWN_WIDTH, margin=dict(MARGIN, b=bottom),
                          plot_bgcolor="white",
                          paper_bgcolor="white", dragmode=False, hovermode="closest", uirevision="keep",
                          legend=dict(orientation="h", x=0, y=0, yref="container", yanchor="bottom",
                                      entrywidth=LEGEND_ENTRY_PX, font=dict(size=12)),
                          annotations=titles, **axes)
        self.fig = go.FigureWidget(fig)
        self.sent_ranges: dict = {}
        self.panel_px = height - MARGIN["t"] - bottom
        self.shown = 0
        self.room = 0  # the app's width in the page (CSS px; 0: unknown), which the panels fit
        self.three_d = [False] * slots

    def trace(self, slot: int, kind: int):
        return self.fig.data[slot * PER_SLOT + kind]

    # -- structure: how many panels, which are 3-D --------------------------------------------
    def set_slots(self, n: int, three_d):
        """Show ``n`` panels; ``three_d[i]``: panel ``i`` is a 3-D view (axes hidden, a box drawn)."""
        if not 1 <= n <= self.slots:
            raise ValueError(f"{n} panels do not fit; this figure has room for 1 to {self.slots}")
        fig = self.fig
        with fig.batch_update():
            fig.layout.width, fig.layout.height, fig.layout.margin.b = frame_size(n, self.room)
            self.panel_px = fig.layout.height - MARGIN["t"] - fig.layout.margin.b
            for i, domain in enumerate(slot_domains(n, self.slots)):
                on = i < n
                flat = on and not three_d[i]
                xa, ya = fig.layout[f"xaxis{i + 1}"], fig.layout[f"yaxis{i + 1}"]
                xa.domain = domain
                xa.visible = ya.visible = flat
                title = fig.layout.annotations[i]
                title.x = (domain[0] + domain[1]) / 2
                title.visible = on
                if not on:
                    title.text = ""
                    for k in range(PER_SLOT):
                        tr = self.trace(i, k)
                        tr.x, tr.y = [], []
            self.shown, self.three_d = n, list(three_d) + [False] * (self.slots - len(three_d))
            self.sent_ranges = {}

    def set_room(self, width: int):
        """The app is ``width`` CSS pixels wide in the page: the panels shown fit it (call
        ``update`` next: a point's glyph is sized in pixels)."""
        self.room = int(width)
        if self.shown:
            self.set_slots(self.shown, self.three_d[:self.shown])

    # -- every frame ----------------------------------------------------------------------------
    def update(self, panels, titles, axis_titles):
        """Draw ``panels`` (``warping.Panel``) with their ``titles`` and ``axis_titles`` (x, y)."""
        fig = self.fig
        with fig.batch_update():
            for i, (p, title, (xt, yt)) in enumerate(zip(panels, titles, axis_titles)):
                for k in range(2):
                    xy = np.where((p.mesh_class == k)[:, None], p.mesh, np.nan)
                    tr = self.trace(i, MESH0 + k)
                    tr.x, tr.y = _round(xy[:, 0]), _round(xy[:, 1])
                xr, yr = self._ranges(i, p.xrange, p.yrange)
                radius = GLYPH_PX / self.panel_px * (xr[1] - xr[0])
                for k in range(2):  # class 0: circles (hexagons), class 1: diamonds, as CLASS_SYMBOLS
                    pts = p.points[np.asarray(p.labels) == k]
                    self._xy(self.trace(i, POINTS0 + k), glyphs(pts, radius * (1.0, 1.3)[k], (6, 4)[k]))
                self._xy(self.trace(i, LINES), p.lines)
                b = self.trace(i, BOUNDARY)
                self._xy(b, p.boundary)
                b.fill = "toself" if p.boundary_fill else "none"
                b.line.width = 2 if p.boundary_fill else 3
                self._xy(self.trace(i, BOX), p.box)
                text = self.trace(i, AXIS_TEXT)
                if p.three_d and len(p.axis_tips):
                    text.x, text.y = _round(p.axis_tips[:, 0]), _round(p.axis_tips[:, 1])
                    text.text = [lab.split(" (")[0] for lab in p.view.labels]
                else:
                    text.x, text.y, text.text = [], [], []
                xa, ya = fig.layout[f"xaxis{i + 1}"], fig.layout[f"yaxis{i + 1}"]
                xa.range, ya.range = list(xr), list(yr)
                xa.title.text, ya.title.text = xt, yt
                fig.layout.annotations[i].text = title

    def _ranges(self, slot, xrange, yrange):
        """The ranges to show: the last ones sent unless the new ones moved by more than
        ``RANGE_STEP`` of the span (a relayout redraws the whole panel: not every frame)."""
        new = tuple(round(float(v), 4) for v in (*xrange, *yrange))
        old = self.sent_ranges.get(slot)
        span = max(new[1] - new[0], new[3] - new[2], 1e-9)
        if old is None or max(abs(a - b) for a, b in zip(new, old)) > RANGE_STEP * span:
            self.sent_ranges[slot] = old = new
        return old[:2], old[2:]

    @staticmethod
    def _xy(trace, xy):
        xy = np.asarray(xy, float)
        if len(xy):
            trace.x, trace.y = _round(xy[:, 0]), _round(xy[:, 1])
        else:
            trace.x, trace.y = [], []
