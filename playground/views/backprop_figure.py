"""The backward pass drawn as a computation graph (as micrograd draws one): every node with its
forward value and, once backpropagation has reached it, its gradient; the weights on the edges with
theirs. Plus the HTML of one step (the chain rule written out) and the one-neuron chain's figure.
"""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from playground.i18n import t
from playground.views.colors import BLUE, DIVERGING, ORANGE

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
DONE, NOW, TODO = "#333", "#d62728", "#bbb"


def node_name(kind, l, j=0, i=None, L=None) -> str:
    """"L", "ŷ", "z(2)₁", "a(1)₂", "x₂", "W(2)₁₂", "b(1)₁" (indices from 1)."""
    sub = lambda k: str(k + 1).translate(_SUB)  # noqa: E731
    if kind == "loss":
        return "L"
    if kind == "p":
        return "ŷ"
    if kind in ("x",) or (kind == "a" and l == 0):
        return f"x{sub(j)}"
    if kind == "W":
        return f"W({l}){sub(j)}{sub(i)}"
    return f"{kind}({l}){sub(j)}"


def graph_nodes(sizes):
    """``{(kind, l, j): (x, y)}``: x, then z(l) and a(l) per hidden layer, then z(L), ŷ and L."""
    L = len(sizes) - 1
    pos = {}
    for l, n in enumerate(sizes):
        ys = (np.arange(n) - (n - 1) / 2)[::-1]
        for j in range(n):
            if l == 0:
                pos[("a", 0, j)] = (0.0, ys[j])
            else:
                pos[("z", l, j)] = (column(l, "z"), ys[j])
                pos[("p" if l == L else "a", l, j)] = (column(l, "a"), ys[j])
    pos[("loss", L, 0)] = (column(L, "a") + LINK, 0.0)
    return pos


SPAN, LINK = 2.4, 1.0  # the width of a layer's weights (room for their labels) and of a link z → a


def column(l, kind) -> float:
    """x of layer l's z or a column (the input is a(0), at 0)."""
    return l * (SPAN + LINK) - (LINK if kind == "z" else 0.0)


class BackpropFigure:
    """The graph: edges (positive and negative weights, the fixed links z → a), the weights' labels
    and the nodes, each node ``value`` over ``∂ grad``."""

    EDGES_POS, EDGES_NEG, LINKS, WEIGHTS, NODES = range(5)

    def __init__(self, height=430, width=None):  # width None: the app's (views.fit)
        fig = go.Figure()
        for color, thick in ((BLUE, 1.6), (ORANGE, 1.6), ("#999", 1.2)):
            fig.add_trace(go.Scatter(x=[], y=[], mode="lines", line=dict(color=color, width=thick), hoverinfo="skip",
                                     showlegend=False, opacity=0.6))
        fig.add_trace(go.Scatter(x=[], y=[], mode="text", textfont=dict(size=10), showlegend=False,
                                 hovertemplate="%{hovertext}<extra></extra>", hovertext=[]))
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers+text", textposition="middle center", showlegend=False,
                                 textfont=dict(size=11, color="#111"), cliponaxis=False,
                                 marker=dict(size=54, cmin=-1, cmax=1, colorscale=DIVERGING, color=[],
                                             line=dict(width=2, color=DONE)),
                                 hovertemplate="%{hovertext}<extra></extra>", hovertext=[]))
        fig.update_layout(height=height, width=width, margin=dict(l=20, r=20, t=40, b=20), plot_bgcolor="white",
                          title=dict(text=t("backprop.title_graph"), x=0.02, font=dict(size=14)),
                          uirevision="keep", dragmode=False, hovermode="closest")
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
        self.fig = go.FigureWidget(fig)

    def update(self, *, sizes, weights, run, upto, numeric=None):
        """Draw the network ``weights`` (``[{"W", "b"}]``) with the forward values of ``run``
        (``backprop.backward_steps``) and the gradients of its first ``upto`` steps; the step
        ``upto`` is outlined in red. ``numeric``: finite-difference gradients to show beside the weights'."""
        L = len(sizes) - 1
        pos = graph_nodes(sizes)
        steps = run["steps"]
        known = {(s["kind"], s["l"], s["j"], s["i"]): s["grad"] for s in steps[:upto]}
        now = steps[upto - 1] if upto else None
        grad_of = lambda key: known.get(key + (None,))  # noqa: E731
        edges = {True: ([], []), False: ([], [])}
        wx, wy, wtext, whover = [], [], [], []
        for l in range(1, L + 1):
            W = np.asarray(weights[l - 1]["W"], float)
            for j in range(W.shape[0]):
                for i in range(W.shape[1]):
                    (x0, y0), (x1, y1) = pos[("a", l - 1, i)], pos[("z", l, j)]
                    xs, ys = edges[W[j, i] >= 0]
                    xs.extend([x0, x1, None])
                    ys.extend([y0, y1, None])
                    g = known.get(("W", l, j, i))
                    label = f"{W[j, i]:+.2f}" + ("" if g is None else f" | ∂{g:+.3f}")
                    if g is not None and numeric is not None:
                        label += f" ≈{numeric[l - 1]['W'][j, i]:+.3f}"
                    is_now = now is not None and (now["kind"], now["l"], now["j"], now["i"]) == ("W", l, j, i)
                    at = 0.22 + 0.56 * i / max(1, W.shape[1] - 1)  # labels of one source together, apart from the others
                    wx.append(x0 + at * (x1 - x0))
                    wy.append(y0 + at * (y1 - y0) + 0.1)
                    wtext.append(f"<b style='color:{NOW}'>{label}</b>" if is_now else label)
                    whover.append(f"{node_name('W', l, j, i)} = {W[j, i]:+.4f}"
                                  + ("" if g is None else f"<br>∂L/∂{node_name('W', l, j, i)} = {g:+.6f}"))
        links_x, links_y = [], []
        for (kind, l, j), (x, y) in pos.items():
            if kind in ("a", "p") and l > 0:
                links_x.extend([x - LINK, x, None])
                links_y.extend([y, y, None])
        links_x.extend([column(L, "a"), column(L, "a") + LINK, None])
        links_y.extend([pos[("p", L, 0)][1], 0.0, None])
        values = {("loss", L, 0): run["loss"], ("p", L, 0): run["p"]}
        for l in range(1, L + 1):
            for j, z in enumerate(run["zs"][l - 1]):
                values[("z", l, j)] = float(z)
                if l < L:
                    values[("a", l, j)] = float(run["as"][l - 1][j])
        nx, ny, text, hover, color, line, width = [], [], [], [], [], [], []
        top = max((abs(g) for g in known.values()), default=1.0) or 1.0
        for key, (x, y) in pos.items():
            kind, l, j = key
            name = node_name(kind, l, j)
            v = values.get(key)
            if v is None:  # an input
                continue
            g = grad_of(key)
            nx.append(x)
            ny.append(y)
            estimate = ("" if g is None or numeric is None or kind == "loss" else
                        f"<br>≈{numeric[l - 1]['a' if kind == 'p' else kind][j]:+.3f}")
            text.append(f"{v:.3f}<br>" + ("∂ ?" if g is None else f"∂ {g:+.3f}") + estimate)
            hover.append(f"{name} = {v:+.4f}<br>" + (t("backprop.not_yet") if g is None else f"∂L/∂{name} = {g:+.6f}"))
            color.append(0.0 if g is None else float(np.clip(-g / top, -1, 1)))
            is_now = now is not None and (now["kind"], now["l"], now["j"]) == key and now["kind"] not in ("W",)
            line.append(NOW if is_now else (DONE if g is not None else TODO))
            width.append(4 if is_now else 2)
        for j in range(sizes[0]):  # the inputs: values only, they get no gradient here
            x, y = pos[("a", 0, j)]
            nx.append(x)
            ny.append(y)
            text.append(f"{run['x'][j]:.2f}")
            hover.append(f"{node_name('x', 0, j)} = {run['x'][j]:+.4f}")
            color.append(0.0)
            line.append(DONE)
            width.append(2)
        widest = max(sizes)
        with self.fig.batch_update():
            d = self.fig.data
            d[self.EDGES_POS].update(x=edges[True][0], y=edges[True][1])
            d[self.EDGES_NEG].update(x=edges[False][0], y=edges[False][1])
            d[self.LINKS].update(x=links_x, y=links_y)
            d[self.WEIGHTS].update(x=wx, y=wy, text=wtext, hovertext=whover)
            d[self.NODES].update(x=nx, y=ny, text=text, hovertext=hover,
                                 marker=dict(color=color, line=dict(color=line, width=width)))
            self.fig.layout.xaxis.range = [-0.5, column(L, "a") + LINK + 0.5]
            self.fig.layout.yaxis.range = [-(widest + 1) / 2 - 0.2, (widest + 1) / 2 + 0.1]
            self.fig.layout.annotations = [
                dict(x=x, y=-(widest + 1) / 2, showarrow=False, font=dict(size=12), text=f"<b>{label}</b>")
                for x, label in [(0, "x")] + [(column(l, "z"), f"z({l})") for l in range(1, L + 1)]
                + [(column(l, "a"), f"a({l})") for l in range(1, L)]
                + [(column(L, "a"), "ŷ = σ(z)"), (column(L, "a") + LINK, "L")]]


def _num(v, digits=4):
    return f"{v:+.{digits}f}"


def step_html(step, L, *, loss, y, numeric=None) -> str:
    """One step of the backward pass: the node, the gradient from above, the local derivative, the
    chain rule's product and the forward value reused; ``numeric`` adds the finite difference."""
    kind, l, j, i = step["kind"], step["l"], step["j"], step["i"]
    name = node_name(kind, l, j, i)
    head = f"<b>{html.escape(t('backprop.node', name=name, value=step['value']))}</b>"
    if kind == "loss":
        return head + "<br>" + t("backprop.start", loss=t(f"backprop.loss_{loss}"))
    lines = [head]
    for term in step["terms"]:
        via = node_name(*term["via"])
        lines.append(t("backprop.term", name=name, via=via, local=_num(term["local"]),
                       upstream=_num(term["upstream"]), local_is=t(_local_key(kind, l == L, loss), name=name, via=via,
                                                                   y=y)))
    rule = " + ".join(f"({_num(tm['local'])})·({_num(tm['upstream'])})" for tm in step["terms"])
    lines.append(t("backprop.chain", name=name, rule=rule, grad=_num(step["grad"], 6)))
    if step["reuse"] is not None:
        rk, rl, ri, rv = step["reuse"]
        if rv is None:
            lines.append(t("backprop.reuse_weights", l=rl))
        else:
            lines.append(t("backprop.reuse", name=node_name(rk, rl, ri), value=_num(rv)))
    if numeric is not None:  # every node but the loss itself (ŷ is the output layer's a)
        g = numeric[l - 1]["a" if kind == "p" else kind][(j, i) if kind == "W" else j]
        lines.append(t("backprop.numeric", name=name, num=_num(g, 6), diff=abs(g - step["grad"])))
    return "<div class='pg-bp-step' style='line-height:1.7'>" + "<br>".join(lines) + "</div>"


def _local_key(kind, output, loss):
    if kind == "p":
        return f"backprop.local_p_{loss}"
    if kind == "z" and output:
        return "backprop.local_sigmoid"
    return {"z": "backprop.local_f", "W": "backprop.local_w", "b": "backprop.local_b", "a": "backprop.local_a"}[kind]


class ChainFigure:
    """|∂L/∂z(l)| per layer of the one-neuron chain (log scale), with the bound |∂L/∂z(out)|·(w/4)^k."""

    BARS, BOUND = range(2)

    def __init__(self, height=330):
        fig = go.Figure()
        fig.add_trace(go.Bar(x=[], y=[], marker_color=BLUE, name=t("backprop.chain_grad"), text=[],
                             textposition="outside", hovertemplate="%{x}: %{y:.3g}<extra></extra>"))
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines+markers", line=dict(color=ORANGE, dash="dash"),
                                 name=t("backprop.chain_bound"), hovertemplate="%{x}: %{y:.3g}<extra></extra>"))
        fig.update_layout(height=height, margin=dict(l=60, r=20, t=40, b=40), plot_bgcolor="white",
                          title=dict(text=t("backprop.chain_title"), x=0.02, font=dict(size=14)),
                          legend=dict(orientation="h", y=-0.18), uirevision="keep")
        fig.update_yaxes(type="log", title_text="|∂L/∂z(l)|", gridcolor="#eee", exponentformat="power")
        self.fig = go.FigureWidget(fig)

    def update(self, out, w):
        rows = out["rows"]
        names = [f"z({r['l']})" for r in rows] + [t("backprop.chain_output")]
        grads = [abs(r["grad"]) for r in rows] + [abs(out["top"])]
        depth = len(rows)
        bound = [abs(out["top"]) * (abs(w) / 4) ** (depth + 1 - r["l"]) for r in rows] + [abs(out["top"])]
        with self.fig.batch_update():
            self.fig.data[self.BARS].update(x=names, y=[max(g, 1e-300) for g in grads],
                                            text=[f"{g:.1e}" for g in grads])
            self.fig.data[self.BOUND].update(x=names, y=bound)
