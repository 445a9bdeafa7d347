"""Backpropagation, one node at a time (the mirror of ``ForwardPass``), and the sigmoid chain.

    from playground import apps
    apps.BackwardPass()                              # 2 → 2 → 1, sigmoid, binary cross-entropy
    apps.BackwardPass(hidden=(3, 2), activation="tanh", loss="mse", x=(1.0, -0.5), y=0)
    apps.SigmoidChain(depth=8)
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from playground import backprop, probes
from playground.activations import CORE
from playground.apps.base import App, SessionApp
from playground.apps.common import Messages
from playground.config import Config
from playground.controls import (ACTIVATION_LABELS, LEARNING_RATES, LOSS_LABELS, FieldControls, choice,
                                 depth_width, selection)
from playground.i18n import t
from playground.views.backprop_figure import BackpropFigure, ChainFigure, node_name, step_html

RATES = tuple(r for r in LEARNING_RATES if 0.01 <= r <= 3.0)
CHAIN_ACTIVATIONS = ("sigmoid", "tanh", "relu")


class BackwardPass(SessionApp):
    """A small network and one training example: step backward through the graph, check the
    gradients numerically, then take the update ``W ← W − lr·∂L/∂W``."""

    DEFAULT = dict(dataset="xor", n_points=100, hidden=(2,), activation="sigmoid", loss="bce", optimizer="sgd",
                   lr=1.0, seed=3)

    def __init__(self, config: Config | None = None, *, x=(1.0, -0.5), y=1, lang: str | None = None, **changes):
        super().__init__(config or Config().replace(**self.DEFAULT), lang=lang, **changes)
        style, wide = {"description_width": "110px"}, W.Layout(width="330px")
        self.listen(FieldControls(self.session.config, {
            "depth": depth_width("depth", narrowing=True, min=1, max=2, description=t("controls.hidden"),
                                 style=style, layout=wide),
            "width": depth_width("width", narrowing=True, min=1, max=3, description=t("forward.width"),
                                 style=style, layout=wide),
            "activation": choice("activation", CORE, ACTIVATION_LABELS, description=t("perceptron.activation"),
                                 style=style, layout=wide),
            "loss": choice("loss", backprop.LOSSES, LOSS_LABELS, description=t("backprop.loss"), style=style,
                           layout=wide),
            "lr": selection("lr", RATES, description=t("controls.lr"), style=style, layout=wide),
        }, css="pg-bp-"))
        self.x1 = W.FloatSlider(x[0], min=-3, max=3, step=0.1, description="x₁", style=style, layout=wide)
        self.x2 = W.FloatSlider(x[1], min=-3, max=3, step=0.1, description="x₂", style=style, layout=wide)
        self.y = W.ToggleButtons(options=[(t("backprop.label_1"), 1), (t("backprop.label_0"), 0)], value=int(y),
                                 style={"button_width": "100px"})
        self.x1.add_class("pg-slider-x1")
        self.step = W.IntSlider(0, min=0, max=1, description=t("backprop.step"), style={"description_width": "45px"},
                                layout=W.Layout(width="300px"))
        self.step.add_class("pg-slider-step")
        self.prev_button = W.Button(description=t("backprop.previous"), layout=W.Layout(width="120px"))
        self.next_button = W.Button(description=t("backprop.next"), button_style="info", layout=W.Layout(width="120px"))
        self.all_button = W.Button(description=t("backprop.all"), layout=W.Layout(width="100px"))
        self.check = W.Checkbox(False, description=t("backprop.check"), indent=False, layout=W.Layout(width="260px"))
        self.check.add_class("pg-bp-check")
        self.update_button = W.Button(description=t("backprop.update"), button_style="success",
                                      layout=W.Layout(width="220px"), tooltip=t("backprop.update_tip"))
        self.new_button = W.Button(description=t("xor.new_weights"), layout=W.Layout(width="160px"))
        self.steps = W.HTML()
        self.steps.add_class("pg-bp-steps")
        self.summary = W.HTML()
        self.figure = BackpropFigure()
        for w in (self.x1, self.x2, self.y):
            w.observe(lambda _: None if self._quiet else self._guard(self._new_example), "value")
        for w in (self.step, self.check):
            w.observe(lambda _: None if self._quiet else self._guard(self.render), "value")
        self.prev_button.on_click(lambda _: self._move(-1))
        self.next_button.on_click(lambda _: self._move(1))
        self.all_button.on_click(lambda _: setattr(self.step, "value", self.step.max))
        self.update_button.on_click(lambda _: self._guard(self.take_update))
        self.new_button.on_click(lambda _: self._guard(self._new_weights))
        left = W.VBox([W.HTML(f"<b>{t('forward.network')}</b>"), *self.controls.w.values(),
                       W.HTML(f"<b>{t('backprop.example')}</b>"), self.x1, self.x2,
                       W.HBox([W.Label("y", layout=W.Layout(width="40px")), self.y])], layout=W.Layout(width="350px"))
        stepper = W.HBox([self.prev_button, self.next_button, self.all_button, self.step],
                         layout=W.Layout(align_items="center"))
        right = W.VBox([W.HBox([self.update_button, self.new_button]), self.check, self.messages, stepper,
                        self.summary])
        self.widget = W.VBox([W.HBox([left, right]), self.figure.fig, self.steps])
        self.widget.add_class("pg-backprop")
        self.run = None
        self.render()

    # -- actions -------------------------------------------------------------------------------
    def example(self):
        return [self.x1.value, self.x2.value], int(self.y.value)

    def _move(self, by):
        self.step.value = int(np.clip(self.step.value + by, 0, self.step.max))

    def _new_example(self):
        with self.quiet():
            self.step.value = 0
        self.render()

    def _new_weights(self):
        self.set(seed=(self.session.config.seed + 1) % 1000)
        self.messages.say(t("forward.new_weights"))

    def on_rebuilt(self, kind):
        self.messages.say(t("forward.new_network", sizes=" → ".join(map(str, self.session.config.layer_sizes))))
        with self.quiet():
            self.step.value = 0

    def take_update(self):
        """``W ← W − lr·∂L/∂W`` on the example: the session gets the new weights; the stepper starts again."""
        c = self.session.config
        x, y = self.example()
        run = self.compute()
        new = backprop.sgd_update(probes.weights(self.session), run["grads"], c.lr)
        self.session.load_weights(new)
        after = backprop.example_loss(probes.weights(self.session), x, y, c.activation, c.loss)
        self.messages.say(t("backprop.updated", lr=c.lr, before=run["loss"], after=after))
        with self.quiet():
            self.step.value = 0
        self.render()

    # -- drawing -------------------------------------------------------------------------------
    def compute(self):
        c = self.session.config
        x, y = self.example()
        return backprop.backward_steps(probes.weights(self.session), x, y, c.activation, c.loss)

    def render(self):
        c = self.session.config
        x, y = self.example()
        weights = probes.weights(self.session)
        self.run = run = self.compute()
        n = len(run["steps"])
        with self.quiet():
            self.step.max = n
        upto = self.step.value
        numeric = backprop.numeric_gradients(weights, x, y, c.activation, c.loss) if self.check.value else None
        self.figure.update(sizes=c.layer_sizes, weights=weights, run=run, upto=upto, numeric=numeric)
        L = len(c.layer_sizes) - 1
        if upto == 0:
            body = t("backprop.intro", loss=run["loss"], p=run["p"], n=n)
        else:
            body = step_html(run["steps"][upto - 1], L, loss=c.loss, y=y, numeric=numeric)
        if upto == n:
            body += self._update_html(run, weights, x, y)
        self.steps.value = f"<div style='font-size:14px'>{body}</div>"
        self.summary.value = t("backprop.summary", k=upto, n=n, loss=run["loss"], p=run["p"], y=y)

    def _update_html(self, run, weights, x, y):
        c = self.session.config
        new = backprop.sgd_update(weights, run["grads"], c.lr)
        after = backprop.example_loss(new, x, y, c.activation, c.loss)
        rows = "".join(
            f"<tr><td>{html.escape(node_name('W', l, j, i))}</td><td>{w['W'][j, i]:+.4f}</td>"
            f"<td>{g['W'][j, i]:+.4f}</td><td>{nw['W'][j, i]:+.4f}</td></tr>"
            for l, (w, g, nw) in enumerate(zip(weights, run["grads"], new), start=1)
            for j in range(w["W"].shape[0]) for i in range(w["W"].shape[1]))
        head = "".join(f"<th style='padding:0 8px'>{h}</th>" for h in
                       ("", "W", "∂L/∂W", f"W − {c.lr:g}·∂L/∂W"))
        return (f"<div class='pg-bp-update' style='margin-top:8px'>"
                + t("backprop.update_text", lr=c.lr, before=run["loss"], after=after)
                + f"<table style='font-family:monospace;font-size:13px'><tr>{head}</tr>{rows}</table></div>")


class SigmoidChain(App):
    """One neuron per layer: the gradient reaching layer l is a product of ``w · f'(z)``, one per
    layer above it; with the sigmoid each is at most ``w/4``."""

    def __init__(self, *, depth=6, w=1.0, activation="sigmoid", lang: str | None = None):
        self._use_language(lang)
        self.messages = Messages()
        style, wide = {"description_width": "110px"}, W.Layout(width="330px")
        self.depth = W.IntSlider(depth, min=1, max=20, description=t("backprop.chain_depth"), style=style,
                                 layout=wide)
        self.depth.add_class("pg-slider-depth")
        self.w = W.FloatSlider(w, min=-4, max=4, step=0.1, description=t("backprop.chain_w"), style=style,
                               layout=wide)
        self.activation = W.ToggleButtons(options=[(ACTIVATION_LABELS[k], k) for k in CHAIN_ACTIVATIONS],
                                          value=activation, style={"button_width": "90px"})
        self.table = W.HTML()
        self.figure = ChainFigure()
        for widget in (self.depth, self.w, self.activation):
            widget.observe(lambda _: self._guard(self.render), "value")
        self.widget = W.VBox([W.HBox([W.VBox([self.depth, self.w]), self.activation]), self.messages,
                              self.figure.fig, self.table])
        self.widget.add_class("pg-chain")
        self.render()

    def render(self):
        out = backprop.chain(self.depth.value, w=self.w.value, activation=self.activation.value)
        self.figure.update(out, self.w.value)
        rows = "".join(f"<tr><td>z({r['l']})</td><td>{r['z']:+.3f}</td><td>{r['slope']:.4f}</td>"
                       f"<td>{self.w.value * r['slope']:+.4f}</td><td>{r['grad']:+.3e}</td></tr>"
                       for r in out["rows"])
        head = "".join(f"<th style='padding:0 8px'>{h}</th>" for h in ("", "z", "f'(z)", "w·f'(z)", "∂L/∂z"))
        first = out["rows"][0]["grad"]
        ratio = abs(first / out["top"]) if out["top"] else 0.0
        self.table.value = (f"<div>{t('backprop.chain_text', depth=self.depth.value, ratio=ratio)}</div>"
                            f"<table style='font-family:monospace;font-size:13px'><tr>{head}</tr>{rows}</table>")
