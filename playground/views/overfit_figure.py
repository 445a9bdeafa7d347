"""The overfitting figure: decision surface with training and validation points, train vs validation
loss, and a histogram of every weight (with an optional pinned histogram to compare against).

Plotly only; ``update`` takes plain arrays.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.i18n import t
from playground.views.colors import CLASS_COLORS, SURFACE

WEIGHT_RANGE = 2.0
BIN_WIDTH = 0.04
EDGES = np.arange(-WEIGHT_RANGE, WEIGHT_RANGE + BIN_WIDTH / 2, BIN_WIDTH) - BIN_WIDTH / 2  # a bin centred on 0
CENTERS = (EDGES[:-1] + EDGES[1:]) / 2


def weight_histogram(values) -> np.ndarray:
    """Counts per bin of ``CENTERS``; weights beyond the range go to the end bins."""
    v = np.clip(np.asarray(values, float).ravel(), EDGES[0] + 1e-9, EDGES[-1] - 1e-9)
    return np.histogram(v, EDGES)[0]


class OverfitFigure:
    SURFACE, TRAIN, VAL = 0, 1, 2
    TRAIN_LOSS, VAL_LOSS, BEST = 3, 4, 5
    HIST, PINNED = 6, 7

    def __init__(self, height=640):
        fig = make_subplots(rows=2, cols=2, column_widths=[0.45, 0.55], row_heights=[0.62, 0.38],
                            specs=[[{}, {}], [{"colspan": 2}, None]], horizontal_spacing=0.09, vertical_spacing=0.14,
                            subplot_titles=(t("overfit_figure.title_surface"), t("overfit_figure.title_loss"), t("overfit_figure.title_weights")))
        fig.add_trace(go.Heatmap(z=[[0.5]], zmin=0, zmax=1, colorscale=SURFACE, showscale=False,
                                 hovertemplate=t("figure.hover_p_blue_2")), 1, 1)
        for name, hover, rim, symbol in ((t("figure.training_points"), t("overfit_figure.hover_training"), "white", "circle"),
                                         (t("figure.validation_points"), t("overfit_figure.hover_validation"), "black", "diamond")):
            fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=name,
                                     marker=dict(size=8, symbol=symbol, line=dict(width=1.5, color=rim)),
                                     hovertemplate=hover), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=t("overfit_figure.training_loss"),
                                 line=dict(color="#333", width=2)), 1, 2)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=t("overfit_figure.validation_loss"),
                                 line=dict(color="#d55e00", width=2)), 1, 2)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers+text", name=t("overfit_figure.best"), textposition="top center",
                                 marker=dict(symbol="star", size=14, color="#f0e442", line=dict(width=1, color="#333")),
                                 hovertemplate=t("overfit_figure.hover_best")), 1, 2)
        fig.add_trace(go.Bar(x=np.round(CENTERS, 3), y=np.zeros(len(CENTERS)), width=BIN_WIDTH,
                             name=t("overfit_figure.weights_now"), marker_color="#0877bd",
                             hovertemplate=t("overfit_figure.hover_weights")), 2, 1)
        fig.add_trace(go.Bar(x=np.round(CENTERS, 3), y=np.zeros(len(CENTERS)), width=BIN_WIDTH, name=t("overfit_figure.pinned"),
                             marker=dict(color="rgba(0,0,0,0)", line=dict(color="#999", width=1.5)), visible=False,
                             hovertemplate=t("overfit_figure.hover_pinned")), 2, 1)
        fig.update_layout(height=height, margin=dict(l=50, r=10, t=40, b=30), plot_bgcolor="white", barmode="overlay",
                          legend=dict(orientation="h", x=0.0, y=1.1, font=dict(size=11)), uirevision="keep",
                          dragmode=False, hovermode="closest")
        fig.update_xaxes(constrain="domain", row=1, col=1)
        fig.update_yaxes(scaleanchor="x", constrain="domain", row=1, col=1)
        fig.update_xaxes(title_text=t("figure.epoch"), row=1, col=2, showline=True, linecolor="#ccc")
        fig.update_yaxes(title_text=t("descent_figure.loss_log"), type="log", row=1, col=2, showline=True, linecolor="#ccc",
                         exponentformat="power")
        fig.update_xaxes(title_text=t("overfit_figure.weight_value"), row=2, col=1,
                         range=[-WEIGHT_RANGE, WEIGHT_RANGE], showline=True, linecolor="#ccc")
        fig.update_yaxes(title_text=t("overfit_figure.how_many"), row=2, col=1, showline=True, linecolor="#ccc")
        self.fig = go.FigureWidget(fig)

    def set_points(self, X, y, train_idx, val_idx, bounds):
        colors = np.array(CLASS_COLORS)
        with self.fig.batch_update():
            for trace, idx in ((self.TRAIN, train_idx), (self.VAL, val_idx)):
                tr = self.fig.data[trace]
                tr.x, tr.y = np.round(X[idx, 0], 3), np.round(X[idx, 1], 3)
                tr.marker.color = list(colors[np.asarray(y[idx], int)])
            self.fig.layout.xaxis.range = list(bounds)
            self.fig.layout.yaxis.range = list(bounds)

    def update(self, *, xs, z, history, best, counts, title):
        """``z`` the surface on axis ``xs``; ``history`` the session's; ``best`` ``(epoch, loss)`` or None."""
        with self.fig.batch_update():
            s = self.fig.data[self.SURFACE]
            s.x = s.y = np.round(xs, 3)
            s.z = np.round(np.asarray(z, float), 3)
            ep = np.asarray(history["epoch"])
            self.fig.data[self.TRAIN_LOSS].x = self.fig.data[self.VAL_LOSS].x = ep
            self.fig.data[self.TRAIN_LOSS].y = np.maximum(np.asarray(history["train_loss"], float), 1e-6)
            self.fig.data[self.VAL_LOSS].y = np.maximum(np.asarray(history["test_loss"], float), 1e-6)
            b = self.fig.data[self.BEST]
            b.x, b.y = ([best[0]], [max(best[1], 1e-6)]) if best else ([], [])
            b.text = [t("overfit_figure.stop_here")] if best else []
            self.fig.data[self.HIST].y = counts
            self.fig.layout.annotations[2].text = title

    def pin(self, counts, label):
        with self.fig.batch_update():
            p = self.fig.data[self.PINNED]
            p.y, p.name, p.visible = counts, t("overfit_figure.pinned_label", label=label), True

    def unpin(self):
        self.fig.data[self.PINNED].visible = False

