"""The Playground app's one FigureWidget: network graph, decision surface, gradients, loss curves.

It knows plotly and nothing about training: ``update`` takes probe results (plain arrays).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.views.colors import BLUE, CLASS_COLORS, CLASS_SYMBOLS, DIVERGING, ORANGE, SURFACE
from playground.views.network import LINK_WIDTHS, NetworkLayout

HISTORY_COLORS = {"train_loss": "#333333", "test_loss": "#888888", "train_acc": "#2a9d8f", "test_acc": "#94d2bd"}
HISTORY_NAMES = {"train_loss": "train loss", "test_loss": "test loss", "train_acc": "train accuracy",
                 "test_acc": "test accuracy"}
LINK_KEYS = [(w, s) for w in LINK_WIDTHS for s in "+-"]


def _round(z, digits=3):
    return np.round(np.asarray(z, float), digits)


class PlaygroundFigure:
    """Builds the figure once; later calls only change trace data inside ``batch_update``."""

    # trace indices
    SURFACE, TRAIN, TEST, NETWORK, LABELS, GRADS = 0, 1, 2, 3, 4, 5
    LINKS = 6
    HISTORY = LINKS + len(LINK_KEYS)

    def __init__(self, height=640):
        fig = make_subplots(
            rows=2, cols=2, column_widths=[0.54, 0.46], row_heights=[0.7, 0.3],
            horizontal_spacing=0.07, vertical_spacing=0.12,
            subplot_titles=("Network: each neuron's output over the input plane (click one)", "Output",
                            "Gradient size per layer ‖∂L/∂W‖ (log scale)", "Loss and accuracy"))
        fig.add_trace(go.Heatmap(z=[[0.5]], zmin=0, zmax=1, colorscale=SURFACE, showscale=False,
                                 hovertemplate="x₁ %{x:.2f}<br>x₂ %{y:.2f}<br>output %{z:.3f}<extra></extra>"), 1, 2)
        for name, line in (("train", "white"), ("test", "black")):
            fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=f"{name} points", showlegend=False,
                                     marker=dict(size=6, line=dict(width=1, color=line)),
                                     hovertemplate=f"{name} %{{x:.2f}}, %{{y:.2f}}<extra></extra>"), 1, 2)
        fig.add_trace(go.Image(source="", hoverinfo="none"), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="text", textfont=dict(size=11, color="#444"),
                                 hoverinfo="skip", showlegend=False), 1, 1)
        fig.add_trace(go.Bar(x=[], y=[], marker_color="#7f7f7f", showlegend=False,
                             hovertemplate="%{x}: %{y:.2e}<extra></extra>"), 2, 1)
        for width, sign in LINK_KEYS:
            fig.add_trace(go.Scatter(x=[], y=[], mode="lines", hoverinfo="skip", showlegend=False,
                                     line=dict(width=width, color=BLUE if sign == "+" else ORANGE)), 1, 1)
        for key, color in HISTORY_COLORS.items():
            fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=HISTORY_NAMES[key],
                                     line=dict(color=color, width=2, dash="dot" if "acc" in key else None)), 2, 2)
        fig.update_layout(height=height, margin=dict(l=40, r=10, t=40, b=30), plot_bgcolor="white",
                          legend=dict(orientation="h", x=0.54, y=-0.07, font=dict(size=11)),
                          uirevision="keep", dragmode=False, hovermode="closest")
        fig.update_xaxes(visible=False, row=1, col=1)
        fig.update_yaxes(visible=False, autorange="reversed", scaleanchor="x", row=1, col=1)
        fig.update_yaxes(scaleanchor="x2", row=1, col=2)
        fig.update_yaxes(type="log", row=2, col=1, exponentformat="power")
        fig.update_xaxes(title_text="epoch", row=2, col=2)
        fig.update_xaxes(showline=True, linecolor="#ccc", row=2)
        self.fig = go.FigureWidget(fig)
        self.layout = None
        self.surface_bounds = (-6.0, 6.0)

    # -- structure and data (change rarely) --------------------------------------------------
    def set_network(self, sizes, input_labels, output_labels):
        """A new network shape: tile positions and labels."""
        self.layout = NetworkLayout(sizes)
        L = self.layout
        xs, ys, texts = [], [], []
        for (x0, y0), label in zip(L.origins[0], input_labels):
            xs.append(x0 - 2)
            ys.append(y0 + L.tile / 2)
            texts.append(label)
        for (x0, y0), label in zip(L.origins[-1], output_labels):
            xs.append(x0 + L.tile + 2)
            ys.append(y0 + L.tile / 2)
            texts.append(label)
        with self.fig.batch_update():
            t = self.fig.data[self.LABELS]
            t.x, t.y, t.text = xs, ys, texts
            t.textposition = ["middle left"] * len(input_labels) + ["middle right"] * len(output_labels)
            pad = L.tile * 3
            self.fig.layout.xaxis.range = [-pad, L.width + pad]
            self.fig.layout.yaxis.range = [L.height + L.tile, -L.tile]
            self.fig.data[self.GRADS].x = [f"L{i + 1}" for i in range(len(sizes) - 2)] + ["out"]

    def set_surface_kind(self, problem, n_classes):
        """Diverging orange-blue for a probability or a value; one colour per class otherwise."""
        s = self.fig.data[self.SURFACE]
        if problem == "multiclass":
            scale = []
            for k in range(n_classes):
                color = CLASS_COLORS[k % len(CLASS_COLORS)]
                scale += [[k / n_classes, color], [(k + 1) / n_classes, color]]
            s.colorscale, s.opacity = scale, 0.55
        else:
            s.colorscale, s.opacity = SURFACE, 1.0

    def set_points(self, X, y, train_idx, test_idx, *, problem, bounds, show_test=True):
        """The data points: class by colour and symbol, test points outlined in black."""
        with self.fig.batch_update():
            for trace, idx in ((self.fig.data[self.TRAIN], train_idx), (self.fig.data[self.TEST], test_idx)):
                idx = idx if trace is self.fig.data[self.TRAIN] or show_test else idx[:0]
                trace.x, trace.y = X[idx, 0].copy(), X[idx, 1].copy()
                if problem == "regression":
                    trace.marker.color = np.asarray(y[idx], float)
                    trace.marker.colorscale, trace.marker.cmin, trace.marker.cmax = DIVERGING, -1, 1
                    trace.marker.symbol = "circle"
                else:
                    labels = np.asarray(y[idx], int)
                    trace.marker.color = [CLASS_COLORS[c % len(CLASS_COLORS)] for c in labels]
                    trace.marker.symbol = [CLASS_SYMBOLS[c % len(CLASS_SYMBOLS)] for c in labels]
            self.surface_bounds = tuple(bounds)
            self.fig.layout.xaxis2.range = list(bounds)
            self.fig.layout.yaxis2.range = list(bounds)

    # -- every frame -------------------------------------------------------------------------
    def update(self, *, surface, zrange, mosaic_grids, weights, grad_norms, history, title):
        """One frame: the surface (2-D array over the plane), every neuron's tile, link widths,
        per-layer gradient norms and the history curves."""
        fig = self.fig
        with fig.batch_update():
            s = fig.data[self.SURFACE]
            s.z = _round(surface)
            s.zmin, s.zmax = zrange
            x0, dx = surface_axis(surface, self.surface_bounds)
            s.x0, s.dx, s.y0, s.dy = x0, dx, x0, dx  # not s.x0: inside batch_update it reads the old value
            fig.data[self.NETWORK].source = self.layout.mosaic(mosaic_grids)
            segments = self.layout.links(weights)
            for k, key in enumerate(LINK_KEYS):
                xs, ys = segments.get(key, ([], []))
                trace = fig.data[self.LINKS + k]
                trace.x, trace.y = xs, ys
            g = np.asarray(grad_norms, float)
            fig.data[self.GRADS].y = np.where(np.isfinite(g) & (g > 0), g, np.nan)
            for k, key in enumerate(HISTORY_COLORS):
                trace = fig.data[self.HISTORY + k]
                values = np.asarray(history[key], float)
                if np.isnan(values).all():
                    trace.x, trace.y = [], []
                else:
                    trace.x, trace.y = np.asarray(history["epoch"], float), _round(values, 4)
            fig.layout.annotations[1].text = title


def surface_axis(surface, bounds):
    """x0 and dx of a heatmap covering ``bounds`` with ``surface.shape[1]`` cells."""
    lo, hi = bounds
    n = np.asarray(surface).shape[1]
    return lo, (hi - lo) / (n - 1)
