"""The forward-pass figure: the input plane with the picked point, and the network drawn as a graph
whose neurons show their values layer by layer. Plus HTML for ``a(l) = f(W(l) a(l-1) + b(l))`` as
matrices with their shapes.
"""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.activations import ACTIVATIONS, short_label
from playground.i18n import t
from playground.views.colors import BLUE, DIVERGING, ORANGE, SURFACE


def _r(a, digits=3):
    return np.round(np.asarray(a, float), digits)


class ForwardFigure:
    """Left: data, the network's output P(blue) over the plane, the picked input. Right: the graph."""

    SURFACE, POINTS, PICK, EDGES_POS, EDGES_NEG, NODES = range(6)

    def __init__(self, height=470):
        fig = make_subplots(rows=1, cols=2, column_widths=[0.4, 0.6], horizontal_spacing=0.06,
                            subplot_titles=(t("forward.title_pick"), t("forward.title_network")))
        fig.add_trace(go.Heatmap(x=[], y=[], z=[[0.5]], zmin=0, zmax=1, colorscale=SURFACE, showscale=False,
                                 hovertemplate=t("figure.hover_p_blue_1")), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", showlegend=False, hoverinfo="skip",
                                 marker=dict(size=5, opacity=0.7, line=dict(width=0.5, color="white"))), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=t("forward.your_input"), showlegend=False,
                                 marker=dict(symbol="star", size=20, color="#ffd400", line=dict(width=2, color="#222")),
                                 hovertemplate="x = (%{x:.2f}, %{y:.2f})<extra></extra>"), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", line=dict(color=BLUE, width=1.5), hoverinfo="skip",
                                 showlegend=False, opacity=0.6), 1, 2)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", line=dict(color=ORANGE, width=1.5), hoverinfo="skip",
                                 showlegend=False, opacity=0.6), 1, 2)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers+text", textposition="middle center", showlegend=False,
                                 textfont=dict(size=12, color="#111"), cliponaxis=False,
                                 marker=dict(size=44, cmin=-1, cmax=1, colorscale=DIVERGING, color=[],
                                             line=dict(width=2, color="#333")),
                                 hovertemplate="%{hovertext}<extra></extra>", hovertext=[]), 1, 2)
        fig.update_layout(height=height, margin=dict(l=40, r=20, t=40, b=30), plot_bgcolor="white",
                          uirevision="keep", dragmode=False, hovermode="closest")
        fig.update_xaxes(range=[-6, 6], title_text="x₁", row=1, col=1, constrain="domain")
        fig.update_yaxes(range=[-6, 6], title_text="x₂", scaleanchor="x", row=1, col=1)
        fig.update_xaxes(visible=False, row=1, col=2)
        fig.update_yaxes(visible=False, row=1, col=2)
        self.fig = go.FigureWidget(fig)

    def set_data(self, X, y, xs, surface):
        with self.fig.batch_update():
            self.fig.data[self.POINTS].update(x=_r(X[:, 0], 2), y=_r(X[:, 1], 2),
                                              marker=dict(color=[BLUE if v else ORANGE for v in y]))
            self.fig.data[self.SURFACE].update(x=xs, y=xs, z=_r(surface))

    def update(self, *, point, sizes, values, weights, upto, names):
        """``values[l]``: layer l's activations (l = 0 is the input); layers after ``upto`` are
        not computed yet and show '?'. ``weights[l]`` is W(l+1), (n_{l+1} × n_l)."""
        L = len(sizes)
        pos = []  # (layer, i) -> (x, y)
        for l, n in enumerate(sizes):
            ys = (np.arange(n) - (n - 1) / 2)[::-1]
            pos.append(np.column_stack([np.full(n, float(l)), ys]))
        xs_pos, ys_pos, xs_neg, ys_neg = [], [], [], []
        for l, W in enumerate(weights):
            for j in range(W.shape[0]):
                for i in range(W.shape[1]):
                    (x0, y0), (x1, y1) = pos[l][i], pos[l + 1][j]
                    target = (xs_pos, ys_pos) if W[j, i] >= 0 else (xs_neg, ys_neg)
                    target[0].extend([x0, x1, None])
                    target[1].extend([y0, y1, None])
        nx, ny, color, text, hover, line = [], [], [], [], [], []
        for l in range(L):
            for i in range(sizes[l]):
                nx.append(pos[l][i][0])
                ny.append(pos[l][i][1])
                known = l <= upto
                v = float(values[l][i]) if known else 0.0
                if not known or l == 0:
                    color.append(0.0)  # grey: the input, or not computed yet
                else:  # hidden values around [-1, 1]; the output is a probability, 0.5 is grey
                    color.append(float(np.clip(v, -1, 1)) if l < L - 1 else float(np.clip(2 * v - 1, -1, 1)))
                text.append(f"{v:.2f}" if known else "?")
                hover.append(f"{names[l]}[{i + 1}] = {v:.4f}" if known else
                             f"{names[l]}[{i + 1}]: {t('forward.not_computed')}")
                line.append("#d62728" if l == upto else "#333")
        widest = max(sizes)
        with self.fig.batch_update():
            d = self.fig.data
            d[self.PICK].update(x=[point[0]], y=[point[1]])
            d[self.EDGES_POS].update(x=xs_pos, y=ys_pos)
            d[self.EDGES_NEG].update(x=xs_neg, y=ys_neg)
            d[self.NODES].update(x=nx, y=ny, text=text, hovertext=hover,
                                 marker=dict(color=color, line=dict(color=line, width=[4 if c != "#333" else 2 for c in line])))
            self.fig.layout.xaxis2.range = [-0.5, L - 0.5]
            self.fig.layout.yaxis2.range = [-(widest + 1) / 2 - 0.3, (widest + 1) / 2]
            self.fig.layout.annotations = self.fig.layout.annotations[:2] + tuple(
                dict(x=l, y=-(widest + 1) / 2, xref="x2", yref="y2", showarrow=False, font=dict(size=13),
                     text=f"<b>{names[l]}</b> ({sizes[l]}×1)") for l in range(L))


def _matrix(a, label, shape=None, highlight=False):
    a = np.atleast_2d(np.asarray(a, float))
    if a.shape[0] == 1 and shape is not None and shape[1] == 1:
        a = a.T
    rows = "".join("<tr>" + "".join(f"<td>{v:+.2f}</td>" for v in row) + "</tr>" for row in a)
    shape = shape or a.shape
    bg = "background:#fff3cd;" if highlight else ""
    return (f"<div class='pg-mat' style='display:inline-block;vertical-align:middle;text-align:center;margin:0 4px'>"
            f"<table style='border-left:2px solid #333;border-right:2px solid #333;font-family:monospace;{bg}"
            f"font-size:13px;border-collapse:separate;border-spacing:6px 1px'>{rows}</table>"
            f"<div style='font-size:12px;color:#555'>{html.escape(label)}<br>{shape[0]}×{shape[1]}</div></div>")


def _op(symbol):
    return f"<span style='font-size:20px;vertical-align:middle;margin:0 4px'>{symbol}</span>"


def layer_html(rec, names) -> str:
    """One layer's step: W(l) · a(l-1) + b(l) = z(l), then a(l) = f(z(l)), with shapes, and the
    first neuron's sum written out."""
    l, W, a_prev, b, z, a = rec["l"], rec["W"], rec["a_prev"], rec["b"], rec["z"], rec["a"]
    n_out, n_in = W.shape
    prev, cur = names[l - 1], names[l]
    terms = " + ".join(f"({W[0, i]:+.2f})·({a_prev[i]:+.2f})" for i in range(n_in))
    f_name = short_label(rec["f"]) if rec["f"] in ACTIVATIONS else rec["f"]  # softmax is not one
    return ("<div class='pg-layer' style='margin:6px 0'>"
            + t("forward.layer_step", l=l, prev=prev, cur=cur, f=rec["f"], shapes=rec["shapes"]) + "<br>"
            + _matrix(W, f"W({l})", (n_out, n_in)) + _op("·") + _matrix(a_prev[:, None], prev, (n_in, 1)) + _op("+")
            + _matrix(b[:, None], f"b({l})", (n_out, 1)) + _op("=") + _matrix(z[:, None], f"z({l})", (n_out, 1))
            + _op(f"→ {html.escape(f_name)} →") + _matrix(np.asarray(a)[:, None], cur, (n_out, 1), highlight=True)
            + f"<div style='font-family:monospace;font-size:13px;margin-top:4px'>{t('forward.first_neuron')} z₁ = {terms} "
              f"+ ({b[0]:+.2f}) = {z[0]:+.3f};  {rec['f']}({z[0]:+.3f}) = {float(np.asarray(a)[0]):.3f}</div></div>")
