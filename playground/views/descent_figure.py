"""The loss-surface figure: the loss over two weights with optimizer paths, and loss per step.

Plotly only; ``update`` takes plain arrays (from ``playground.descent``).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.i18n import t

MAX_PATHS = 4
PATH_COLORS = ["#222222", "#d55e00", "#009e73", "#cc79a7"]  # Okabe & Ito, safe for colour blindness
SURFACE_SCALE = [[0.0, "#ffffff"], [0.35, "#c9dbe9"], [1.0, "#3b5b7a"]]


class DescentFigure:
    """One FigureWidget: left the loss surface (log-scaled colours) and the paths on it, right the loss per step."""

    SURFACE, MINIMUM, START = 0, 1, 2
    PATHS = 3  # MAX_PATHS path traces on the surface
    CURVES = PATHS + MAX_PATHS  # MAX_PATHS loss curves

    def __init__(self, height=520):
        fig = make_subplots(rows=1, cols=2, column_widths=[0.56, 0.44], horizontal_spacing=0.1,
                            subplot_titles=(t("descent_figure.title_surface"), t("descent_figure.title_curve")))
        fig.add_trace(go.Heatmap(z=[[0.0]], colorscale=SURFACE_SCALE, showscale=False, name=t("figure.loss"),
                                 hovertemplate=t("descent_figure.hover_surface")), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=t("descent_figure.minimum"), showlegend=False,
                                 marker=dict(symbol="star", size=16, color="#f0e442", line=dict(width=1, color="#333")),
                                 hovertemplate=t("descent_figure.hover_minimum")), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=t("descent_figure.start"), showlegend=False,
                                 marker=dict(symbol="circle-open", size=14, color="#000", line=dict(width=3)),
                                 hovertemplate=t("descent_figure.hover_start")), 1, 1)
        for i, color in enumerate(PATH_COLORS):
            fig.add_trace(go.Scatter(x=[], y=[], mode="lines+markers", name=t("descent_figure.path", i=i), legendgroup=str(i),
                                     line=dict(color=color, width=2), marker=dict(size=4, color=color),
                                     hovertemplate=t("descent_figure.hover_path")), 1, 1)
        for i, color in enumerate(PATH_COLORS):
            fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=t("descent_figure.path", i=i), legendgroup=str(i),
                                     showlegend=False, line=dict(color=color, width=2),
                                     hovertemplate=t("descent_figure.hover_curve")), 1, 2)
        fig.update_layout(height=height, margin=dict(l=50, r=10, t=40, b=40), plot_bgcolor="white",
                          legend=dict(orientation="h", x=0.0, y=-0.12), uirevision="keep", dragmode=False,
                          hovermode="closest")
        fig.update_xaxes(title_text="w₁", row=1, col=1, constrain="domain")
        fig.update_yaxes(title_text="w₂", row=1, col=1, scaleanchor="x", constrain="domain")
        fig.update_xaxes(title_text=t("descent_figure.step"), row=1, col=2, showline=True, linecolor="#ccc")
        fig.update_yaxes(title_text=t("descent_figure.loss_log"), type="log", row=1, col=2, showline=True, linecolor="#ccc",
                         exponentformat="power")
        self.fig = go.FigureWidget(fig)

    def set_surface(self, ws, Z, minimum):
        """A new surface: axis values ``ws``, losses ``Z`` (``Z[i, j]`` at ``(ws[j], ws[i])``), its minimum."""
        lo, hi = float(ws[0]), float(ws[-1])
        with self.fig.batch_update():
            s = self.fig.data[self.SURFACE]
            s.x, s.y = np.round(ws, 4), np.round(ws, 4)
            logz = np.log10(np.maximum(Z, 1e-12))
            s.z = np.round(logz, 3)
            s.customdata = np.round(Z, 4)
            s.zmin, s.zmax = float(logz.min()), float(logz.max())
            m = self.fig.data[self.MINIMUM]
            m.x, m.y = [float(minimum[0])], [float(minimum[1])]
            self.fig.layout.xaxis.range = [lo, hi]
            self.fig.layout.yaxis.range = [lo, hi]

    def update(self, start, paths, shown: int, floor: float):
        """Draw ``paths`` (a list of ``(name, points, losses)``) up to step ``shown`` from ``start``.
        ``floor`` is the lowest possible loss: curves show ``loss − floor`` so the approach stays visible."""
        with self.fig.batch_update():
            st = self.fig.data[self.START]
            st.x, st.y = [float(start[0])], [float(start[1])]
            for i in range(MAX_PATHS):
                tr, curve = self.fig.data[self.PATHS + i], self.fig.data[self.CURVES + i]
                if i < len(paths):
                    name, pts, losses = paths[i]
                    k = min(shown, len(pts) - 1) + 1
                    tr.x, tr.y = np.round(pts[:k, 0], 4), np.round(pts[:k, 1], 4)
                    tr.customdata = np.arange(k)
                    tr.name = curve.name = name
                    tr.visible = curve.visible = True
                    curve.x = np.arange(k)
                    curve.y = np.maximum(np.asarray(losses[:k], float) - floor, 1e-8)
                else:
                    tr.visible = curve.visible = False
                    tr.x = tr.y = curve.x = curve.y = []
            self.fig.layout.yaxis2.title.text = t("descent_figure.loss_above_floor")
