"""Activation functions and their derivatives on one plot, and softmax on a vector you edit.

    from playground import apps
    apps.Activations()
    apps.Activations(name="leaky_relu", slope=0.2, vector="3, 1, -2")
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground import neuron
from playground.activations import ACTIVATIONS
from playground.apps.base import App
from playground.apps.common import Messages
from playground.controls import ACTIVATION_LABELS, parse_vector
from playground.i18n import Labels, t
from playground.views.colors import BLUE, CLASS_COLORS, ORANGE

NAMES = tuple(a.name for a in ACTIVATIONS.values() if not a.identity)  # linear has nothing to show
XS = np.linspace(-5, 5, 401)
MEANING = Labels("activations.meaning.", NAMES)  # what each one means for learning (playground.i18n)


class Activations(App):
    """One activation and its derivative, their range and largest slope; softmax of a vector."""

    F, DF, RANGE, MAXPT, BARS_Z, BARS_P = range(6)

    def __init__(self, name="sigmoid", *, slope=0.1, vector="2, 1, 0.1", lang: str | None = None):
        self._use_language(lang)
        if name not in NAMES:
            raise ValueError(t("config.choose", name="name", value=name, allowed=", ".join(NAMES)))
        self.messages = Messages()
        self.name = W.ToggleButtons(options=[(ACTIVATION_LABELS[k], k) for k in NAMES], value=name,
                                    style={"button_width": "90px"})
        self.name.add_class("pg-act-name")
        self.slope = W.FloatSlider(slope, min=0.0, max=0.5, step=0.01, description=t("activations.slope"),
                                   style={"description_width": "100px"}, layout=W.Layout(width="340px"))
        self.slope.add_class("pg-slider-slope")
        self.vector = W.Text(vector, description=t("activations.vector"), continuous_update=False,
                             style={"description_width": "110px"}, layout=W.Layout(width="340px"))
        self.vector.add_class("pg-softmax-input")
        self.info = W.HTML()
        self.table = W.HTML(self._summary_table())
        fig = make_subplots(rows=1, cols=2, column_widths=[0.58, 0.42], horizontal_spacing=0.09,
                            subplot_titles=(t("activations.title_f"), t("activations.title_softmax")))
        fig.add_trace(go.Scatter(x=XS, y=[], mode="lines", name="f(x)", line=dict(color=BLUE, width=3)), 1, 1)
        fig.add_trace(go.Scatter(x=XS, y=[], mode="lines", name="f'(x)", line=dict(color=ORANGE, width=3, dash="dash")),
                      1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines+text", name=t("activations.range_of_f"), textposition="top right",
                                 line=dict(color="#777", width=1.5, dash="dot"), textfont=dict(color="#555")), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=t("activations.largest_slope"),
                                 marker=dict(size=12, color=ORANGE, line=dict(width=2, color="#222")),
                                 textfont=dict(color="#8a4b00", size=13)), 1, 1)
        fig.add_trace(go.Bar(x=[], y=[], name=t("activations.z_input"), marker_color="#bbbbbb", texttemplate="%{y:.2f}",
                             textposition="outside"), 1, 2)
        fig.add_trace(go.Bar(x=[], y=[], name="softmax(z)", marker_color=BLUE, texttemplate="%{y:.3f}",
                             textposition="outside"), 1, 2)
        fig.update_layout(height=430, margin=dict(l=50, r=20, t=40, b=40), plot_bgcolor="white", uirevision="keep",
                          dragmode=False, legend=dict(orientation="h", x=0, y=-0.14), barmode="group",
                          hovermode="closest")
        fig.update_xaxes(range=[-5, 5], title_text="x", zeroline=True, zerolinecolor="#ccc", gridcolor="#eee",
                         row=1, col=1)
        fig.update_yaxes(range=[-1.5, 2.5], zeroline=True, zerolinecolor="#ccc", gridcolor="#eee", row=1, col=1)
        fig.update_xaxes(title_text=t("activations.component"), row=1, col=2)
        fig.update_yaxes(gridcolor="#eee", row=1, col=2)
        self.fig = go.FigureWidget(fig)
        self.name.observe(lambda _: self._guard(self.render), "value")
        self.slope.observe(lambda _: self._guard(self.render), "value")
        self.vector.observe(lambda _: self._guard(self.render_softmax), "value")
        self.widget = W.VBox([W.HBox([self.name, self.slope]), self.info, self.fig,
                              W.HBox([self.vector, self.messages]), self.table])
        self.widget.add_class("pg-activations")
        self.render()
        self.render_softmax()

    @staticmethod
    def _summary_table():
        rows = []
        for key in NAMES:
            act = ACTIVATIONS[key]
            at, top = neuron.derivative_max(key, slope=0.01)
            where = (" (x > 0)" if act.steepest is None else " (x → ∞)" if at == np.inf else
                     t("activations.at_x", x=0 if at == 0 else f"{at:.2f}"))
            rows.append(f"<tr><td style='padding:2px 10px'>{ACTIVATION_LABELS[key]}</td><td style='padding:2px 10px'>"
                        f"{act.range_text}</td><td style='padding:2px 10px'>{top:.3g}{where}"
                        f"</td><td style='padding:2px 10px'>{top ** 10:.1e}</td></tr>")
        return ("<table style='border-collapse:collapse;font-size:14px;margin-top:6px'><tr>"
                + "".join(f"<th>{t(k)}</th>" for k in ("activations.th_function", "activations.range_of_f", "activations.th_largest",
                                                        "activations.th_ten_layers"))
                + "</tr>" + "".join(rows) + "</table>")

    def render(self):
        key, a = self.name.value, self.slope.value
        self.slope.disabled = key != "leaky_relu"
        f = neuron.activation_fn(key, XS, slope=a)
        df = neuron.derivative(key, XS, slope=a)
        act = ACTIVATIONS[key]
        range_text, (lo, hi) = act.range_text, act.range
        label = t(act.info_key)
        at, top = neuron.derivative_max(key, slope=a)
        rx, ry, rt = [], [], []
        for bound, name in ((lo, "activations.lower_limit"), (hi, "activations.upper_limit")):
            if bound is not None:
                rx += [-5, 5, None]
                ry += [bound, bound, None]
                rt += [t(name, bound=bound), "", ""]
        with self.fig.batch_update():
            d = self.fig.data
            d[self.F].update(y=np.round(f, 4), name=f"f(x) = {label}")
            d[self.DF].update(y=np.round(df, 4))
            d[self.RANGE].update(x=rx, y=ry, text=rt)
            flat = act.steepest is None  # the maximum holds for every x > 0: mark one point
            mx = 2.0 if flat else XS[-1] if at == np.inf else at  # f' only approaches it: mark the edge
            d[self.MAXPT].update(x=[mx], y=[top])
            where = (t("activations.every_positive") if flat else " (x → ∞)" if at == np.inf else
                     t("activations.at_x", x=f"{at:.2f}"))
            self.fig.layout.annotations[0].text = t("activations.title_slope", top=top, where=where)
        self.info.value = ("<div style='font-size:15px;max-width:1000px'>"
                           + t("activations.info", label=html.escape(label), range=range_text, top=top,
                               meaning=html.escape(MEANING[key])) + "</div>")

    def render_softmax(self):
        z = parse_vector(self.vector.value)
        p = neuron.softmax(z)
        ks = [f"z{k + 1}" for k in range(z.size)]
        with self.fig.batch_update():
            self.fig.data[self.BARS_Z].update(x=ks, y=np.round(z, 3))
            self.fig.data[self.BARS_P].update(x=ks, y=np.round(p, 4),
                                              marker_color=[CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(z.size)])
            self.fig.layout.annotations[1].text = t("activations.softmax_sum", n=z.size, total=p.sum())
            lo = min(0.0, float(z.min())) * 1.25 - 0.1
            self.fig.layout.yaxis2.range = [lo, max(1.0, float(z.max())) * 1.25 + 0.1]
        self.messages.say(t("activations.largest", k=int(p.argmax()) + 1, p=p.max()))
