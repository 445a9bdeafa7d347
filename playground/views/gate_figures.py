"""Figures for the perceptron and XOR apps: the truth-table square, the decision line, the
activation curve, the hand-set XOR network and a trained 2-2-1 network.

Plotly only, no training: the apps hand in arrays (from ``playground.neuron`` and probes).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.i18n import t
from playground.views.colors import BLUE, CLASS_SYMBOLS, ORANGE, SURFACE

BOUNDS = (-0.5, 1.5)
INPUT_LABELS = ["(0,0)", "(0,1)", "(1,0)", "(1,1)"]
HIDDEN_COLORS = ("#7b3294", "#1b7837")  # the two hidden neurons' lines


def _r(a, digits=3):
    return np.round(np.asarray(a, float), digits)


def _square_axes(fig, row, col, title_x="x₁", title_y="x₂", bounds=BOUNDS):
    fig.update_xaxes(range=list(bounds), title_text=title_x, dtick=0.5, zeroline=False, row=row, col=col,
                     constrain="domain")
    fig.update_yaxes(range=list(bounds), title_text=title_y, dtick=0.5, zeroline=False, row=row, col=col,
                     scaleanchor="x" if (row, col) == (1, 1) else None)


def _point_trace(name=None):
    return go.Scatter(x=[], y=[], mode="markers+text", name=name or t("gates.truth_table"), showlegend=False, textposition="top center",
                      textfont=dict(size=13, color="#222"), cliponaxis=False,
                      marker=dict(size=18, line=dict(width=2, color="#222")),
                      hovertemplate="%{text}<extra></extra>")


def point_style(targets):
    k = np.asarray(targets, int)
    return [BLUE if v else ORANGE for v in k], [CLASS_SYMBOLS[1] if v else CLASS_SYMBOLS[0] for v in k]


class PerceptronFigure:
    """Left: the input square with the neuron's output as background, the line w·x + b = 0, an
    arrow along w (the side where the output is 1) and the four inputs coloured by the chosen
    gate. Right: the activation f(z) with the four weighted sums on it."""

    SURFACE, LINE, ARROW, POINTS, CURVE, ZPOINTS = range(6)
    GRID = 61

    def __init__(self, height=430):
        fig = make_subplots(rows=1, cols=2, column_widths=[0.52, 0.48], horizontal_spacing=0.1,
                            subplot_titles=(t("gates.title_inputs"), t("gates.title_activation")))
        fig.add_trace(go.Heatmap(x=[], y=[], z=[[0.5]], zmin=0, zmax=1, colorscale=SURFACE, showscale=False,
                                 hovertemplate="x₁ %{x:.2f}<br>x₂ %{y:.2f}<br>y %{z:.2f}<extra></extra>"), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", line=dict(color="#222", width=3), name="w·x + b = 0",
                                 hoverinfo="skip"), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines+markers", line=dict(color="#555", width=2),
                                 marker=dict(symbol="arrow", size=12, angleref="previous", color="#555"),
                                 name=t("gates.w_arrow"), hoverinfo="skip"), 1, 1)
        fig.add_trace(_point_trace(), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", line=dict(color="#444", width=2), name="f(z)",
                                 showlegend=False, hoverinfo="skip"), 1, 2)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=t("gates.inputs_on_f"), showlegend=False,
                                 marker=dict(size=16, line=dict(width=2, color="#222")),
                                 hovertemplate="%{text}: z = %{x:.2f}, y = %{y:.2f}<extra></extra>"), 1, 2)
        fig.update_layout(height=height, margin=dict(l=50, r=20, t=40, b=40), plot_bgcolor="white",
                          uirevision="keep", dragmode=False, hovermode="closest",
                          legend=dict(orientation="h", x=0, y=-0.16))
        _square_axes(fig, 1, 1)
        fig.update_xaxes(range=[-3, 3], title_text="z = w₁x₁ + w₂x₂ + b", zeroline=True, zerolinecolor="#bbb",
                         row=1, col=2)
        fig.update_yaxes(range=[-0.15, 1.2], title_text="y", row=1, col=2)
        fig.add_hline(y=0.5, line=dict(color="#bbb", dash="dot"), row=1, col=2)
        self.fig = go.FigureWidget(fig)
        xs = np.linspace(*BOUNDS, self.GRID)
        self.xs = xs
        self.grid = np.column_stack([g.ravel() for g in np.meshgrid(xs, xs)])

    def update(self, *, surface, segment, arrow, X, targets, z, y, curve, labels):
        """``surface``: (GRID, GRID) outputs; ``segment``/``arrow``: (xs, ys) or None; ``X`` the four
        inputs, ``targets`` the gate's answers, ``z``/``y`` each input's sum and output; ``curve``
        = (zs, f(zs)); ``labels`` the text next to each point."""
        colors, symbols = point_style(targets)
        with self.fig.batch_update():
            d = self.fig.data
            d[self.SURFACE].update(x=self.xs, y=self.xs, z=_r(surface))
            d[self.LINE].update(x=[] if segment is None else list(segment[0]),
                                y=[] if segment is None else list(segment[1]))
            d[self.ARROW].update(x=[] if arrow is None else list(arrow[0]), y=[] if arrow is None else list(arrow[1]))
            d[self.POINTS].update(x=X[:, 0], y=X[:, 1], text=labels,
                                  marker=dict(color=colors, symbol=symbols))
            d[self.CURVE].update(x=curve[0], y=_r(curve[1]))
            zc = np.clip(z, -2.95, 2.95)
            d[self.ZPOINTS].update(x=_r(zc), y=_r(y), text=INPUT_LABELS, marker=dict(color=colors, symbol=symbols))


class XorFigure:
    """Top left: the hand-set network (inputs → NAND, OR → AND) with its weights. Top right: the
    four inputs in the hidden space (h₁, h₂) = (NAND, OR) with the AND line. Bottom left: the
    trained network's output over the input square, its two hidden units' lines and the data.
    Bottom right: the trained network's loss."""

    NET_EDGES, NET_NODES, NET_WEIGHTS, HSPACE_LINE, HSPACE_POINTS, SURFACE, HID_LINE_1, HID_LINE_2, DATA, LOSS = range(10)
    GRID = 50

    def __init__(self, height=720):
        fig = make_subplots(rows=2, cols=2, horizontal_spacing=0.1, vertical_spacing=0.14,
                            subplot_titles=(t("gates.title_handset"), t("gates.title_hidden_space"),
                                            t("gates.title_trained"), t("gates.title_trained_loss")))
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", line=dict(color="#999", width=2), hoverinfo="skip",
                                 showlegend=False), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers+text", text=[], textposition="middle center",
                                 marker=dict(size=46, color="#f4f4f4", line=dict(width=2, color="#333")),
                                 textfont=dict(size=12), hoverinfo="skip", showlegend=False, cliponaxis=False), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="text", text=[], textfont=dict(size=12, color="#1d4e89"),
                                 hoverinfo="skip", showlegend=False), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", line=dict(color="#222", width=3), name=t("gates.and_line"),
                                 showlegend=False, hoverinfo="skip"), 1, 2)
        fig.add_trace(_point_trace(t("gates.hidden_space")), 1, 2)
        fig.add_trace(go.Heatmap(x=[], y=[], z=[[0.5]], zmin=0, zmax=1, colorscale=SURFACE, showscale=False,
                                 hovertemplate="x₁ %{x:.2f}<br>x₂ %{y:.2f}<br>P(1) %{z:.2f}<extra></extra>"), 2, 1)
        for k, color in enumerate(HIDDEN_COLORS):
            fig.add_trace(go.Scatter(x=[], y=[], mode="lines", line=dict(color=color, width=3, dash="dash"),
                                     name=t("gates.hidden_line", k=k + 1), hoverinfo="skip"), 2, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", showlegend=False, hoverinfo="skip",
                                 marker=dict(size=11, line=dict(width=1.5, color="white"))), 2, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", line=dict(color="#333", width=2), name=t("figure.train_loss"),
                                 showlegend=False), 2, 2)
        fig.update_layout(height=height, margin=dict(l=50, r=20, t=40, b=40), plot_bgcolor="white",
                          uirevision="keep", dragmode=False, hovermode="closest",
                          legend=dict(orientation="h", x=0, y=-0.08))
        fig.update_xaxes(visible=False, range=[-0.35, 2.4], row=1, col=1)
        fig.update_yaxes(visible=False, range=[-0.7, 1.7], row=1, col=1)
        _square_axes(fig, 1, 2, "h₁ = NAND(x)", "h₂ = OR(x)")
        _square_axes(fig, 2, 1)
        fig.update_xaxes(title_text=t("figure.epoch"), row=2, col=2)
        fig.update_yaxes(title_text=t("figure.loss"), rangemode="tozero", row=2, col=2)
        self.fig = go.FigureWidget(fig)
        self.xs = np.linspace(*BOUNDS, self.GRID)
        self.grid = np.column_stack([g.ravel() for g in np.meshgrid(self.xs, self.xs)])

    def draw_handset(self, layers, hidden_points, targets, and_segment, labels):
        """The hand-set network's drawing and its hidden space (drawn once)."""
        pos = {"x1": (0, 1), "x2": (0, 0), "h1": (1, 1), "h2": (1, 0), "y": (2, 0.5)}
        W1, b1, W2, b2 = layers[0]["W"], layers[0]["b"], layers[1]["W"], layers[1]["b"]
        ex, ey, wx, wy, wt = [], [], [], [], []
        for j, h in enumerate(("h1", "h2")):
            for i, x in enumerate(("x1", "x2")):
                (x0, y0), (x1, y1) = pos[x], pos[h]
                ex += [x0, x1, None]
                ey += [y0, y1, None]
                frac = 0.3 if i == j else 0.22
                wx.append(x0 + frac * (x1 - x0))
                wy.append(y0 + frac * (y1 - y0) + 0.08)
                wt.append(f"{W1[j, i]:+g}")
            (x0, y0), (x1, y1) = pos[h], pos["y"]
            ex += [x0, x1, None]
            ey += [y0, y1, None]
            wx.append(x0 + 0.45 * (x1 - x0))
            wy.append(y0 + 0.45 * (y1 - y0) + 0.08)
            wt.append(f"{W2[0, j]:+g}")
        for (name, bias) in (("h1", b1[0]), ("h2", b1[1]), ("y", b2[0])):
            wx.append(pos[name][0])
            wy.append(pos[name][1] - 0.3)
            wt.append(f"b = {bias:+g}")
        names = {"x1": "x₁", "x2": "x₂", "h1": "NAND", "h2": "OR", "y": "AND"}
        with self.fig.batch_update():
            d = self.fig.data
            d[self.NET_EDGES].update(x=ex, y=ey)
            d[self.NET_NODES].update(x=[p[0] for p in pos.values()], y=[p[1] for p in pos.values()],
                                     text=[names[k] for k in pos])
            d[self.NET_WEIGHTS].update(x=wx, y=wy, text=wt)
            d[self.HSPACE_LINE].update(x=[] if and_segment is None else list(and_segment[0]),
                                       y=[] if and_segment is None else list(and_segment[1]))
            colors, symbols = point_style(targets)
            hp = np.asarray(hidden_points, float).copy()
            hp[1, 0] -= 0.07  # (0,1) and (1,0) land on the same hidden point: set them apart a little
            hp[2, 0] += 0.07
            d[self.HSPACE_POINTS].update(x=hp[:, 0], y=hp[:, 1], text=labels, marker=dict(color=colors, symbol=symbols),
                                         textposition=["top center", "top left", "bottom right", "top center"])

    def update_trained(self, *, surface, lines, X, y, epochs, losses):
        colors = np.where(np.asarray(y) > 0, BLUE, ORANGE)
        with self.fig.batch_update():
            d = self.fig.data
            d[self.SURFACE].update(x=self.xs, y=self.xs, z=_r(surface))
            for trace, seg in zip((self.HID_LINE_1, self.HID_LINE_2), lines):
                # arrays (sent as binary): a list with the NaN between two lines is not JSON, and
                # JupyterLab shows the warning under the app
                d[trace].update(x=[] if seg is None else _r(seg[0]), y=[] if seg is None else _r(seg[1]))
            d[self.DATA].update(x=_r(X[:, 0]), y=_r(X[:, 1]), marker=dict(color=list(colors)))
            d[self.LOSS].update(x=list(epochs), y=list(_r(losses, 4)))
