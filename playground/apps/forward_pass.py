"""Forward propagation, one layer at a time: ``a(l) = f(W(l) a(l-1) + b(l))`` with numbers and shapes.

    from playground import apps
    apps.ForwardPass()                          # 2 → 3 → 2 → 1, tanh
    apps.ForwardPass(hidden=(4, 4, 2), activation="relu")
"""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from playground import neuron, probes
from playground.activations import CORE
from playground.apps.base import SessionApp
from playground.config import Config
from playground.controls import ACTIVATION_LABELS, FieldControls, choice, depth_width
from playground.i18n import t
from playground.views.forward_figure import ForwardFigure, layer_html

GRID = 40
ACTIVATIONS = CORE  # playground.activations' short list


class ForwardPass(SessionApp):
    """A small network on the circle data; pick an input and step through the layers."""

    DEFAULT = dict(dataset="circle", n_points=200, hidden=(3, 2), activation="tanh", optimizer="adam", lr=0.03,
                   seed=1)

    def __init__(self, config: Config | None = None, *, x=(2.0, 1.0), lang: str | None = None, **changes):
        super().__init__(config or Config().replace(**self.DEFAULT), lang=lang, **changes)
        c = self.session.config
        style, wide = {"description_width": "110px"}, W.Layout(width="330px")
        self.listen(FieldControls(c, {  # hidden layers narrow toward the output: 3, 2, 1
            "depth": depth_width("depth", narrowing=True, min=0, max=3, description=t("controls.hidden"),
                                 style=style, layout=wide),
            "width": depth_width("width", narrowing=True, value=3, min=1, max=5, description=t("forward.width"),
                                 style=style, layout=wide),
            "activation": choice("activation", ACTIVATIONS, ACTIVATION_LABELS, description=t("perceptron.activation"),
                                 style=style, layout=wide),
        }))
        self.x1 = W.FloatSlider(x[0], min=-6, max=6, step=0.1, description="x₁", style=style, layout=wide)
        self.x2 = W.FloatSlider(x[1], min=-6, max=6, step=0.1, description="x₂", style=style, layout=wide)
        self.x1.add_class("pg-slider-x1")
        self.layer = W.IntSlider(0, min=0, max=len(c.layer_sizes) - 1, description=t("figure.layer"),
                                 style={"description_width": "45px"}, layout=W.Layout(width="260px"))
        self.layer.add_class("pg-slider-layer")
        self.prev_button = W.Button(description=t("forward.previous"), layout=W.Layout(width="140px"))
        self.next_button = W.Button(description=t("forward.next"), button_style="info", layout=W.Layout(width="140px"))
        self.all_button = W.Button(description=t("forward.all"), layout=W.Layout(width="100px"))
        self.train_button = W.Button(description=t("forward.train"), layout=W.Layout(width="140px"),
                                     tooltip=t("forward.train_tip"))
        self.new_button = W.Button(description=t("xor.new_weights"), layout=W.Layout(width="160px"))
        self.steps = W.HTML()
        self.steps.add_class("pg-forward-steps")
        self.figure = ForwardFigure()
        for w in (self.x1, self.x2, self.layer):
            w.observe(lambda _: self._guard(self.render), "value")
        self.prev_button.on_click(lambda _: self._guard(self._move, -1))
        self.next_button.on_click(lambda _: self._guard(self._move, 1))
        self.all_button.on_click(lambda _: setattr(self.layer, "value", self.layer.max))
        self.train_button.on_click(lambda _: self._guard(self.train, 20))
        self.new_button.on_click(lambda _: self._guard(self._new_weights))
        self.figure.fig.data[ForwardFigure.SURFACE].on_click(lambda *args: self._guard(self._on_click, *args))
        left = W.VBox([W.HTML(f"<b>{t('forward.network')}</b>"), *self.controls.w.values(),
                       W.HTML(f"<b>{t('forward.input_point')}</b>"), self.x1, self.x2], layout=W.Layout(width="350px"))
        stepper = W.HBox([self.prev_button, self.next_button, self.all_button, self.layer],
                         layout=W.Layout(align_items="center"))
        self.widget = W.VBox([W.HBox([left, W.VBox([W.HBox([self.train_button, self.new_button]), self.messages,
                                                    stepper])]),
                              self.figure.fig, self.steps])
        self.widget.add_class("pg-forward")
        self.redraw()
        self.render()

    # -- actions -------------------------------------------------------------------------------
    def _on_click(self, _trace, points, _state):
        if points.xs:
            with self.widget.hold_sync():
                self.x1.value = round(float(points.xs[0]), 1)
                self.x2.value = round(float(points.ys[0]), 1)

    def _move(self, step):
        self.layer.value = int(np.clip(self.layer.value + step, 0, self.layer.max))

    def on_rebuilt(self, kind):
        self.layer.max = len(self.session.config.layer_sizes) - 1
        self.messages.say(t("forward.new_network", sizes=" → ".join(map(str, self.session.config.layer_sizes))))
        self.redraw()

    def _new_weights(self):
        self.set(seed=(self.session.config.seed + 1) % 1000)
        self.messages.say(t("forward.new_weights"))

    def train(self, epochs=20):
        """Train a little, so the output means something; the forward pass is the same arithmetic."""
        self.session.train_epochs(epochs)
        acc = self.session.history["test_acc"][-1]
        self.messages.say(t("forward.trained", epoch=self.session.epoch, acc=acc))
        self.redraw()
        self.render()

    # -- drawing -------------------------------------------------------------------------------
    def records(self):
        """The forward pass of the picked input (``neuron.forward_steps`` on the session's weights)."""
        c = self.session.config
        return neuron.forward_steps(probes.weights(self.session), [self.x1.value, self.x2.value], c.activation,
                                    "sigmoid")

    def names(self):
        n = len(self.session.config.layer_sizes)
        return ["x"] + [f"a({l})" for l in range(1, n - 1)] + ["ŷ"]

    def redraw(self):
        s = self.session
        g = probes.decision_grid(s, GRID)
        self.figure.set_data(s.X, s.y, g["xs"], g["z"])

    def render(self):
        recs = self.records()
        upto = self.layer.value
        names = self.names()
        values = [np.array([self.x1.value, self.x2.value])] + [np.asarray(r["a"]).ravel() for r in recs]
        weights = [r["W"] for r in recs]
        self.figure.update(point=(self.x1.value, self.x2.value), sizes=self.session.config.layer_sizes, values=values,
                           weights=weights, upto=upto, names=names)
        formula = ("<div style='font-size:15px;margin:4px 0'>"
                   + t("forward.formula", f=self.session.config.activation) + "</div>")
        if upto == 0:
            body = f"<div>{t('forward.layer0', x1=self.x1.value, x2=self.x2.value)}</div>"
        else:
            body = layer_html(recs[upto - 1], names)
            done = [t("forward.done_layer", l=r["l"], shapes=r["shapes"]) for r in recs[:upto]]
            body = (f"<div style='color:#555;font-size:13px'>{t('forward.computed', done='; '.join(done))}</div>"
                    + body)
            if upto == len(recs):
                p = float(np.ravel(recs[-1]["a"])[0])
                body += ("<div style='font-size:15px'>"
                         + t("forward.output", p=p, color=t("figure.blue") if p > 0.5 else t("figure.orange"),
                             sure=max(p, 1 - p)) + "</div>")
        self.steps.value = formula + body
