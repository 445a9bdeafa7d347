"""Figures of the Gradient-flow apps: per-layer gradient sizes on a log scale, their history,
activation distributions, the decision surface and the loss.

They know plotly and nothing about training: ``update`` takes probe results (plain arrays).
One FigureWidget per app, built once; frames only change trace data inside ``batch_update``.
"""

from __future__ import annotations

from collections import deque

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.activations import ACTIVATIONS, short_label
from playground.i18n import t
from playground.views.colors import BLUE, CLASS_COLORS, ORANGE, SURFACE

W_COLOR, A_COLOR = "#3a3a3a", "#009e73"  # ‖∂L/∂W‖ dark grey, mean |∂L/∂a| green (Okabe & Ito)
BAND_COLOR, SAT_COLOR, DEAD_COLOR = "#0072b2", "#d55e00", "#000000"
SIDE_COLORS = {"A": BLUE, "B": ORANGE}
LOG_RANGE = (-12, 4)  # history heatmap colours: 10⁻¹² (or less) .. 10⁴ (or more)
HISTORY_FRAMES = 200
WIDTH = None  # the width of the app (views.fit re-sizes a figure first drawn in a hidden Voilà cell)
_SUP = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def pow10(k: int) -> str:
    """'10⁻³' for k=-3."""
    return "10" + str(int(k)).translate(_SUP)


def sci(x: float) -> str:
    """A magnitude for people: '3·10⁻⁸', '0.25', '1.2·10⁴', '0'."""
    if not np.isfinite(x):
        return "∞" if x > 0 else t("gradient_figure.nan")
    if x == 0:
        return "0"
    if 0.01 <= abs(x) < 1000:
        return f"{x:.2g}"
    k = int(np.floor(np.log10(abs(x))))
    m = x / 10**k
    return pow10(k) if round(m, 1) == 1 else f"{m:.1f}·{pow10(k)}"


def layer_names(n_hidden: int) -> list:
    """'L1' .. 'Ln', then 'out': from the input to the output."""
    return [f"L{i + 1}" for i in range(n_hidden)] + [t("gradient_figure.out")]


def positive(values) -> np.ndarray:
    """Values a log axis can draw: zero, negative or non-finite become NaN (no bar)."""
    v = np.asarray(values, float)
    return np.where(np.isfinite(v) & (v > 0), v, np.nan)


def ratio_value(values) -> str:
    """How the first layer's gradient compares with the output layer's: '3·10⁻⁸'."""
    v = np.asarray(values, float)
    if len(v) < 2:
        return "–"
    if not np.isfinite(v).all():
        return t("gradient_figure.not_finite")
    if v[-1] == 0:
        return t("gradient_figure.no_output_gradient")
    return t("gradient_figure.underflow") if v[0] == 0 else sci(v[0] / v[-1])


def ratio_text(values) -> str:
    """'first layer ÷ output layer: 3·10⁻⁸' (the title of a gradient profile)."""
    return "" if len(values) < 2 else t("gradient_figure.ratio", ratio=ratio_value(values))


def _round(z, digits=3):
    return np.round(np.asarray(z, float), digits)


class GradientHistory:
    """The last ``maxlen`` frames of per-layer gradient sizes (a bounded ring, oldest first)."""

    def __init__(self, maxlen: int = HISTORY_FRAMES):
        self.frames = deque(maxlen=maxlen)

    def __len__(self):
        return len(self.frames)

    def clear(self):
        self.frames.clear()

    def add(self, epoch: float, weight_grad_norm, act_grad_mean_abs):
        """Record one frame; a different number of layers (a new network) starts over."""
        w, a = np.array(weight_grad_norm, float), np.array(act_grad_mean_abs, float)
        if self.frames and len(self.frames[-1][1]) != len(w):
            self.clear()
        self.frames.append((float(epoch), w, a))

    def matrix(self, key: str = "weight"):
        """``(epochs, z)``: z is layers × frames of log10 values, clipped to ``LOG_RANGE``
        (0 and underflow show as the smallest colour)."""
        if not self.frames:
            return np.zeros(0), np.zeros((0, 0))
        col = 1 if key == "weight" else 2
        z = np.column_stack([f[col] for f in self.frames])
        with np.errstate(divide="ignore", invalid="ignore"):
            logz = np.log10(np.abs(z))
        logz = np.where(np.isnan(logz), LOG_RANGE[1], logz)  # NaN: it blew up
        return np.array([f[0] for f in self.frames]), np.clip(logz, *LOG_RANGE)

    def series(self, layer: int = 0, key: str = "weight"):
        """``(epochs, values)`` of one layer over time."""
        col = 1 if key == "weight" else 2
        return (np.array([f[0] for f in self.frames]), np.array([f[col][layer] for f in self.frames]))


def _log_colorbar(x, y, length):
    ticks = list(range(LOG_RANGE[0], LOG_RANGE[1] + 1, 2))
    return dict(x=x, y=y, len=length, thickness=12, tickvals=ticks, ticktext=[pow10(k) for k in ticks],
                title=dict(text=t("gradient_figure.size"), side="top"), tickfont=dict(size=10))


def _domain(fig, row, col, axis="x"):
    sub = fig.get_subplot(row, col)
    return tuple((sub.xaxis if axis == "x" else sub.yaxis).domain)


def _style(fig):
    # ticklabeloverflow="allow": plotly.js otherwise measures every tick label on every redraw
    # (about a tenth of a frame's drawing time in Chromium, profiled)
    axis = dict(showline=True, linecolor="#bbb", gridcolor="#eee", zeroline=False, ticklabeloverflow="allow")
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)
    for a in fig.layout.annotations:
        a.font = dict(size=13, color="#222")


def _surface_traces(fig, row, col, name=""):
    fig.add_trace(go.Heatmap(z=[[0.5]], zmin=0, zmax=1, colorscale=SURFACE, showscale=False, name=name,
                             hovertemplate=t("figure.hover_p_blue_2")), row, col)
    fig.add_trace(go.Scatter(x=[], y=[], mode="markers", showlegend=False, hoverinfo="skip",
                             marker=dict(size=4, line=dict(width=0.5, color="white"))), row, col)
    fig.update_xaxes(title_text="x₁", row=row, col=col, showgrid=False, constrain="domain")
    fig.update_yaxes(title_text="x₂", row=row, col=col, showgrid=False, scaleanchor=fig.data[-1].xaxis,
                     constrain="domain")


def _set_points(fig, surface_idx, X, y, idx, bounds):
    pts = fig.data[surface_idx + 1]
    labels = np.asarray(y[idx]).astype(int) if len(idx) else np.zeros(0, int)
    pts.x, pts.y = np.asarray(X[idx, 0], float), np.asarray(X[idx, 1], float)
    pts.marker.color = [CLASS_COLORS[k % len(CLASS_COLORS)] for k in labels]
    s = fig.data[surface_idx]
    fig.layout["xaxis" + s.xaxis[1:]].range = list(bounds)
    fig.layout["yaxis" + s.yaxis[1:]].range = list(bounds)


def _set_surface(fig, surface_idx, z, bounds):
    s = fig.data[surface_idx]
    z = np.asarray(z, float)
    lo, hi = bounds
    s.z = _round(z)
    s.x0, s.y0 = lo, lo
    s.dx = s.dy = (hi - lo) / max(z.shape[1] - 1, 1)


class GradientFigure:
    """One network: gradient bars per layer, their history, activations, output and loss."""

    # trace indices
    BARS_W, BARS_A, SURFACE, POINTS, HEAT = 0, 1, 2, 3, 4
    Q05, Q95, Q25, Q75, MEDIAN, SATURATED, DEAD = 5, 6, 7, 8, 9, 10, 11
    TRAIN_LOSS, TEST_LOSS = 12, 13
    # subplot titles (annotation indices)
    T_BARS, T_SURFACE, T_HEAT, T_ACTS, T_LOSS = range(5)

    def __init__(self, width=WIDTH, height=850):
        fig = make_subplots(
            rows=2, cols=3, column_widths=[0.36, 0.33, 0.31], row_heights=[0.53, 0.47],
            specs=[[{"colspan": 2}, None, {}], [{}, {"secondary_y": True}, {}]],
            horizontal_spacing=0.08, vertical_spacing=0.2,
            subplot_titles=(t("gradient_figure.title_bars"), t("gradient_figure.title_output"), t("gradient_figure.title_history"),
                            t("gradient_figure.title_acts"), t("gradient_figure.title_loss")))
        bar = dict(hovertemplate="%{x}: %{customdata:.3g}<extra>%{fullData.name}</extra>", legend="legend")
        fig.add_trace(go.Bar(x=[], y=[], name=t("gradient_figure.w_name"), marker_color=W_COLOR, **bar), 1, 1)
        fig.add_trace(go.Bar(x=[], y=[], name=t("gradient_figure.a_name"), marker_color=A_COLOR, **bar), 1, 1)
        _surface_traces(fig, 1, 3)
        x0, x1 = _domain(fig, 2, 1)
        x1 -= 0.03  # room for the colour bar before the next panel
        fig.update_xaxes(domain=[x0, x1], row=2, col=1)
        fig.layout.annotations[self.T_HEAT].x = (x0 + x1) / 2
        y0, y1 = _domain(fig, 2, 1, "y")
        fig.add_trace(go.Heatmap(z=[[None]], x=[0], y=[t("gradient_figure.out")], zmin=LOG_RANGE[0], zmax=LOG_RANGE[1],
                                 colorscale="Viridis", colorbar=_log_colorbar(x1 + 0.005, (y0 + y1) / 2, y1 - y0),
                                 hovertemplate=t("gradient_figure.hover_heat")), 2, 1)
        band = dict(mode="lines", line=dict(width=0), hoverinfo="skip", legend="legend2")
        fig.add_trace(go.Scatter(x=[], y=[], showlegend=False, **band), 2, 2)
        fig.add_trace(go.Scatter(x=[], y=[], fill="tonexty", fillcolor="rgba(0,114,178,0.15)",
                                 name=t("gradient_figure.band_90"), **band), 2, 2)
        fig.add_trace(go.Scatter(x=[], y=[], showlegend=False, **band), 2, 2)
        fig.add_trace(go.Scatter(x=[], y=[], fill="tonexty", fillcolor="rgba(0,114,178,0.35)",
                                 name="25–75 %", **band), 2, 2)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines+markers", name=t("gradient_figure.median"), legend="legend2",
                                 line=dict(color=BAND_COLOR, width=2), marker=dict(size=4),
                                 hovertemplate=t("gradient_figure.hover_median")), 2, 2)
        frac = dict(opacity=0.45, legend="legend2", hovertemplate="%{x}: %{y:.0f} %<extra>%{fullData.name}</extra>")
        fig.add_trace(go.Bar(x=[], y=[], name=t("gradient_figure.saturated"), marker_color=SAT_COLOR, **frac),
                      2, 2, secondary_y=True)
        fig.add_trace(go.Bar(x=[], y=[], name=t("gradient_figure.dead"), marker_color=DEAD_COLOR, **frac),
                      2, 2, secondary_y=True)
        for name, color, dash in ((t("figure.train_loss"), "#222222", None), (t("figure.test_loss"), "#888888", "dot")):
            fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=name, showlegend=False,
                                     line=dict(color=color, width=2, dash=dash),
                                     hovertemplate=t("gradient_figure.hover_epoch_3f") + "<extra>" + name + "</extra>"), 2, 3)
        bx0, _ = _domain(fig, 1, 1)
        by0, _ = _domain(fig, 1, 1, "y")
        ax0, _ = _domain(fig, 2, 2)
        ay0, _ = _domain(fig, 2, 2, "y")
        small = dict(font=dict(size=11), bgcolor="rgba(255,255,255,0.8)", orientation="h", xanchor="left",
                     yanchor="top")
        fig.update_layout(
            width=width, height=height, margin=dict(l=60, r=20, t=40, b=90), plot_bgcolor="white",
            barmode="group", bargap=0.25, uirevision="keep", dragmode=False, hovermode="closest",
            legend=dict(x=bx0, y=by0 - 0.085, **small),
            legend2=dict(x=ax0 - 0.04, y=ay0 - 0.1, traceorder="normal", **small))
        fig.update_yaxes(type="log", exponentformat="power", title_text=t("gradient_figure.gradient_size"), row=1, col=1)
        fig.update_xaxes(title_text=t("gradient_figure.layer_axis"), row=1, col=1)
        fig.update_xaxes(title_text=t("figure.epoch"), row=2, col=1)
        fig.update_yaxes(title_text=t("figure.layer"), row=2, col=1)
        fig.update_xaxes(title_text=t("figure.layer"), row=2, col=2)
        fig.update_yaxes(title_text=t("gradient_figure.activation_value"), row=2, col=2, secondary_y=False)
        fig.update_yaxes(title_text=t("gradient_figure.saturated_dead"), title_standoff=2, range=[0, 100], dtick=25, row=2,
                         col=2, secondary_y=True, showgrid=False)
        fig.update_xaxes(title_text=t("figure.epoch"), row=2, col=3)
        fig.update_yaxes(rangemode="tozero", row=2, col=3)
        _style(fig)
        self.fig = go.FigureWidget(fig)
        self.bounds = (-6.0, 6.0)
        self.names = [t("gradient_figure.out")]

    # -- structure (changes rarely) ----------------------------------------------------------
    def set_layers(self, n_hidden: int, activation: str):
        """A new network: layer names, and which of the saturated / dead fractions applies."""
        self.names = names = layer_names(n_hidden)
        d, blank = self.fig.data, np.full(len(names), np.nan)
        with self.fig.batch_update():  # layer names are sent here only, not with every frame
            for idx in (self.BARS_W, self.BARS_A):
                d[idx].x, d[idx].y, d[idx].customdata = names, blank, blank
            for idx in (self.Q05, self.Q95, self.Q25, self.Q75, self.MEDIAN, self.SATURATED, self.DEAD):
                d[idx].x, d[idx].y = names[:-1], blank[:-1]
            d[self.HEAT].x, d[self.HEAT].y, d[self.HEAT].z = [0], names, [[None]] * len(names)
            act = ACTIVATIONS[activation]
            d[self.SATURATED].visible = act.saturated is not None
            d[self.DEAD].visible = act.dies
            name = short_label(activation)
            self.fig.layout.annotations[self.T_ACTS].text = t("gradient_figure.title_acts_of", activation=name)

    def set_points(self, X, y, idx, bounds):
        self.bounds = tuple(bounds)
        with self.fig.batch_update():
            _set_points(self.fig, self.SURFACE, X, y, idx, bounds)

    # -- every frame -------------------------------------------------------------------------
    def update(self, *, grads=None, acts=None, surface=None, history=None, heat=None, heat_key="weight"):
        """One frame. ``grads``: probes.grad_stats; ``acts``: probes.activation_stats; ``surface``:
        P(blue) over the plane (2-D); ``history``: Session.history; ``heat``: a GradientHistory.
        Parts left as None keep their last picture (e.g. after a divergence)."""
        fig, d = self.fig, self.fig.data
        with fig.batch_update():
            if grads is not None:
                for idx, key in ((self.BARS_W, "weight_grad_norm"), (self.BARS_A, "act_grad_mean_abs")):
                    v = np.asarray(grads[key], float)
                    d[idx].y, d[idx].customdata = positive(v), v
                fig.layout.annotations[self.T_BARS].text = t("gradient_figure.title_bars_ratio",
                                                             ratio=ratio_text(grads["weight_grad_norm"]))
            if heat is not None:
                x, z = heat.matrix(heat_key)
                h = d[self.HEAT]
                if z.size:
                    h.x, h.z = x, _round(z)
                fig.layout.annotations[self.T_HEAT].text = t(
                    "gradient_figure.title_history_of", what="‖∂L/∂W‖" if heat_key == "weight" else t("gradient_flow.mean_act"),
                    n=heat.frames.maxlen)
            if acts is not None:
                q = np.asarray(acts["quantiles"], float).reshape(-1, 5)
                for idx, col in ((self.Q05, 0), (self.Q95, 4), (self.Q25, 1), (self.Q75, 3), (self.MEDIAN, 2)):
                    d[idx].y = _round(q[:, col], 4)
                d[self.SATURATED].y = _round(100 * np.asarray(acts["saturated_frac"]), 1)
                d[self.DEAD].y = _round(100 * np.asarray(acts["dead_frac"]), 1)
            if surface is not None:
                _set_surface(fig, self.SURFACE, surface, self.bounds)
            if history is not None:
                epochs = np.asarray(history["epoch"], float)
                for idx, key in ((self.TRAIN_LOSS, "train_loss"), (self.TEST_LOSS, "test_loss")):
                    d[idx].x, d[idx].y = epochs, _round(history[key], 4)


class GradientCompareFigure:
    """Two networks, A and B: both gradient profiles on one log axis, both outputs, both losses."""

    PROFILES = {("A", "weight"): 0, ("A", "act"): 1, ("B", "weight"): 2, ("B", "act"): 3}
    LOSS = {"A": 4, "B": 5}
    SURFACE = {"A": 6, "B": 8}  # each followed by its points
    FIRST = {"A": 10, "B": 11}
    T_PROFILE, T_LOSS, T_SURFACE_A, T_SURFACE_B, T_FIRST = range(5)

    def __init__(self, width=WIDTH, height=800):
        fig = make_subplots(
            rows=2, cols=3, column_widths=[0.34, 0.34, 0.32], row_heights=[0.52, 0.48],
            specs=[[{"colspan": 2}, None, {}], [{}, {}, {}]], horizontal_spacing=0.08, vertical_spacing=0.22,
            subplot_titles=(t("gradient_figure.title_profile"), t("gradient_figure.title_training_loss"),
                            t("gradient_figure.side_output", side="A"), t("gradient_figure.side_output", side="B"), t("gradient_figure.title_first")))
        for (side, key), _ in sorted(self.PROFILES.items(), key=lambda kv: kv[1]):
            fig.add_trace(go.Scatter(
                x=[], y=[], mode="lines+markers", name=f"{side}: {'‖∂L/∂W‖' if key == 'weight' else t('gradient_flow.mean_act')}",
                line=dict(color=SIDE_COLORS[side], width=3 if key == "weight" else 1.5,
                          dash=None if key == "weight" else "dot"),
                marker=dict(size=8 if key == "weight" else 5, symbol="circle" if side == "A" else "diamond"),
                customdata=[], hovertemplate="%{x}: %{customdata:.3g}<extra>%{fullData.name}</extra>",
                legend="legend"), 1, 1)
        for side in "AB":
            fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=side, legend="legend2",
                                     line=dict(color=SIDE_COLORS[side], width=2)), 1, 3)
        _surface_traces(fig, 2, 1, "A")
        _surface_traces(fig, 2, 2, "B")
        for side in "AB":
            fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=side, showlegend=False,
                                     line=dict(color=SIDE_COLORS[side], width=2),
                                     hovertemplate=t("gradient_figure.hover_epoch_3g") + "<extra>" + side + "</extra>"), 2, 3)
        bx0, _ = _domain(fig, 1, 1)
        by0, _ = _domain(fig, 1, 1, "y")
        lx0, _ = _domain(fig, 1, 3)
        small = dict(font=dict(size=11), bgcolor="rgba(255,255,255,0.8)", orientation="h", xanchor="left",
                     yanchor="top")
        fig.update_layout(width=width, height=height, margin=dict(l=60, r=20, t=40, b=60), plot_bgcolor="white",
                          uirevision="keep", dragmode=False, hovermode="closest",
                          legend=dict(x=bx0, y=by0 - 0.085, **small), legend2=dict(x=lx0, y=by0 - 0.085, **small))
        fig.update_yaxes(type="log", exponentformat="power", title_text=t("gradient_figure.gradient_size"), row=1, col=1)
        fig.update_xaxes(title_text=t("gradient_figure.layer_axis"), row=1, col=1)
        fig.update_xaxes(title_text=t("figure.epoch"), row=1, col=3)
        fig.update_yaxes(title_text=t("figure.loss"), rangemode="tozero", row=1, col=3)
        fig.update_xaxes(title_text=t("figure.epoch"), row=2, col=3)
        fig.update_yaxes(type="log", exponentformat="power", title_text="‖∂L/∂W₁‖", row=2, col=3)
        _style(fig)
        self.fig = go.FigureWidget(fig)
        self.bounds = (-6.0, 6.0)
        self.names = [t("gradient_figure.out")]

    def set_layers(self, n_hidden: int, labels: dict):
        """Layer names, and the two configurations' short descriptions (``{"A": ..., "B": ...}``)."""
        self.names = layer_names(n_hidden)
        blank = np.full(len(self.names), np.nan)
        with self.fig.batch_update():  # layer names are sent here only, not with every frame
            for idx in self.PROFILES.values():
                tr = self.fig.data[idx]
                tr.x, tr.y, tr.customdata = self.names, blank, blank
            self.fig.layout.annotations[self.T_SURFACE_A].text = f"A: {labels['A']}"
            self.fig.layout.annotations[self.T_SURFACE_B].text = f"B: {labels['B']}"

    def set_points(self, X, y, idx, bounds):
        self.bounds = tuple(bounds)
        with self.fig.batch_update():
            for side in "AB":
                _set_points(self.fig, self.SURFACE[side], X, y, idx, bounds)

    def update(self, *, grads: dict, surfaces: dict, histories: dict, firsts: dict):
        """One frame. Each argument maps "A"/"B" to: probes.grad_stats (or None to keep the last
        picture), P(blue) over the plane (or None), Session.history, a GradientHistory."""
        fig, d, zero = self.fig, self.fig.data, []
        with fig.batch_update():
            for side in "AB":
                g = grads.get(side)
                if g is not None:
                    for key, probe_key in (("weight", "weight_grad_norm"), ("act", "act_grad_mean_abs")):
                        v = np.asarray(g[probe_key], float)
                        tr = d[self.PROFILES[side, key]]
                        tr.y, tr.customdata = positive(v), v
                if surfaces.get(side) is not None:
                    _set_surface(fig, self.SURFACE[side], surfaces[side], self.bounds)
                h = histories[side]
                d[self.LOSS[side]].x, d[self.LOSS[side]].y = np.asarray(h["epoch"], float), _round(h["train_loss"], 4)
                x, v = firsts[side].series(0)
                d[self.FIRST[side]].x, d[self.FIRST[side]].y = x, positive(v)
                if len(v) and v[-1] == 0:
                    zero.append(side)
            fig.layout.annotations[self.T_FIRST].text = (
                t("gradient_figure.title_first") + (t("gradient_figure.exactly_zero", sides=t("gradient_flow.and").join(zero)) if zero else ""))
            ratios = [f"{side} {ratio_value(grads[side]['weight_grad_norm'])}"
                      for side in "AB" if grads.get(side) is not None and len(self.names) > 1]
            fig.layout.annotations[self.T_PROFILE].text = (
                t("gradient_figure.title_profile") + (t("gradient_figure.profile_ratios", ratios=", ".join(ratios)) if ratios else ""))
