"""First steps: one neuron as a logic gate, and XOR with a hidden layer.

    from playground import apps
    apps.Perceptron()                 # sliders w1, w2, b; step or sigmoid; AND / OR / NAND / XOR
    apps.Perceptron(gate="xor")
    apps.XorNetwork()                 # NAND + OR -> AND by hand, then a 2-2-1 network trained live
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from playground import neuron, probes
from playground.apps.base import App, LiveApp
from playground.apps.common import Messages
from playground.config import Config
from playground.data import GATES, TRUTH_INPUTS
from playground.i18n import t
from playground.views.gate_figures import INPUT_LABELS, PerceptronFigure, XorFigure

GATE_NAMES = {"and": "AND", "or": "OR", "nand": "NAND", "xor": "XOR"}
_OK, _NO = "<span style='color:#1a7f37'>✓</span>", "<span style='color:#a12020'>✗</span>"


def _table(headers, rows, highlight=None):
    head = "".join(f"<th style='padding:2px 10px;{'background:#fff3cd' if i == highlight else ''}'>{h}</th>"
                   for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f"<td style='padding:2px 10px;text-align:center;"
                                    f"{'background:#fff8e1' if i == highlight else ''}'>{c}</td>"
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f"<table class='pg-table' style='border-collapse:collapse;font-size:14px'><tr>{head}</tr>{body}</table>"


class Perceptron(App):
    """One neuron y = f(w₁x₁ + w₂x₂ + b) on the four inputs of a truth table."""

    def __init__(self, w1=0.2, w2=0.2, b=0.1, *, gate="and", activation="step", lang: str | None = None):
        self._use_language(lang)
        if gate not in GATES:
            raise ValueError(t("config.choose", name="gate", value=gate, allowed=", ".join(GATES)))
        style, wide = {"description_width": "30px"}, W.Layout(width="320px")
        make = lambda name, v: W.FloatSlider(value=v, min=-2.0, max=2.0, step=0.05, description=name,  # noqa: E731
                                             style=style, layout=wide, continuous_update=True, readout_format=".2f")
        self.w1, self.w2, self.b = make("w₁", w1), make("w₂", w2), make("b", b)
        for s, name in ((self.w1, "w1"), (self.w2, "w2"), (self.b, "b")):
            s.add_class(f"pg-slider-{name}")
        self.activation = W.ToggleButtons(options=[(t("perceptron.step"), "step"), (t("activation.sigmoid"), "sigmoid")],
                                          value=activation, description=t("perceptron.activation"),
                                          style={"description_width": "90px", "button_width": "80px"})
        self.gate = W.ToggleButtons(options=[(v, k) for k, v in GATE_NAMES.items()], value=gate,
                                    description=t("perceptron.gate"), style={"description_width": "80px",
                                                                             "button_width": "60px"})
        self.textbook = W.Button(description=t("perceptron.textbook"), layout=W.Layout(width="200px"),
                                 tooltip=t("perceptron.textbook_tip"))
        self.messages = Messages()
        self.check = W.HTML()
        self.check.add_class("pg-check")
        self.table = W.HTML()
        self.explain = W.HTML()
        self.figure = PerceptronFigure()
        for w in (self.w1, self.w2, self.b, self.activation, self.gate):
            w.observe(lambda _: self._guard(self.render), "value")
        self.textbook.on_click(lambda _: self._guard(self.show_textbook))
        controls = W.VBox([W.HTML(f"<b>{t('perceptron.weights_bias')}</b>"), self.w1, self.w2, self.b, self.activation,
                           self.gate, self.textbook], layout=W.Layout(width="350px"))
        self.widget = W.VBox([W.HBox([controls, W.VBox([self.check, self.table])]), self.messages,
                              self.figure.fig, self.explain])
        self.widget.add_class("pg-perceptron")
        self.render()

    def set(self, w1=None, w2=None, b=None):
        """Set the weights from code (the figure follows)."""
        with self.widget.hold_sync():
            for slider, v in ((self.w1, w1), (self.w2, w2), (self.b, b)):
                if v is not None:
                    slider.value = v

    def show_textbook(self):
        gate = self.gate.value
        if gate == "xor":
            self.messages.say(t("perceptron.no_textbook_xor"), "warn")
            return
        (w1, w2), b = neuron.GATE_WEIGHTS[gate]
        self.set(w1, w2, b)
        self.messages.say(t("perceptron.textbook_done", gate=GATE_NAMES[gate], w1=w1, w2=w2, b=b))

    @property
    def weights(self):
        return (self.w1.value, self.w2.value), self.b.value

    def render(self):
        w, b = self.weights
        kind, gate = self.activation.value, self.gate.value
        rows = neuron.perceptron_table(w, b, kind)
        targets = np.array(GATES[gate])
        z = np.array([r["z"] for r in rows])
        y = np.array([r["output"] for r in rows])
        f = neuron.step if kind == "step" else neuron.sigmoid
        surface = f(self.figure.grid @ np.array(w) + b).reshape(self.figure.GRID, self.figure.GRID)
        segment = neuron.boundary_segment(w, b)
        arrow = None
        if segment is not None:
            mx, my = segment[0].mean(), segment[1].mean()
            n = np.array(w) / np.linalg.norm(w) * 0.3
            arrow = ([mx, mx + n[0]], [my, my + n[1]])
        zs = np.linspace(-3, 3, 241)
        labels = [f"{lab} → {r['output']:.2f}" if kind == "sigmoid" else f"{lab} → {r['answer']}"
                  for lab, r in zip(INPUT_LABELS, rows)]
        self.figure.update(surface=surface, segment=segment, arrow=arrow, X=TRUTH_INPUTS, targets=targets, z=z, y=y,
                           curve=(zs, f(zs).astype(float)), labels=labels)
        self._render_table(rows, gate, kind)
        self._render_check(w, b, gate)

    def _render_table(self, rows, gate, kind):
        (w1, w2), b = self.weights
        headers = ["x₁", "x₂", f"z = {w1:.2f}·x₁ {w2:+.2f}·x₂ {b:+.2f}", f"y = {kind}(z)"] + list(GATE_NAMES.values())
        out = []
        for r in rows:
            y_text = str(r["answer"]) if kind == "step" else f"{r['output']:.3f} → {r['answer']}"
            out.append([r["x1"], r["x2"], f"{r['z']:+.2f}", y_text]
                       + [_OK if r["matches"][g] else _NO for g in GATE_NAMES])
        self.table.value = _table(headers, out, highlight=4 + list(GATE_NAMES).index(gate))

    def _render_check(self, w, b, gate):
        done = neuron.gates_implemented(w, b)
        right = neuron.rows_right(gate, w, b)
        name = GATE_NAMES[gate]
        if gate in done:
            text = t("perceptron.check_ok", name=name)
        else:
            also = t("perceptron.check_also", names=", ".join(GATE_NAMES[g] for g in done)) if done else ""
            hint = t("perceptron.check_xor_hint") if gate == "xor" else ""
            text = t("perceptron.check_not", name=name, right=right) + also + hint
        self.check.value = f"<div class='pg-check-text' style='font-size:15px;margin:4px 0'>{text}</div>"
        if gate == "xor":
            items = "".join(f"<li>{html.escape(t(f'perceptron.xor_row{k}'))}</li>" for k in range(4))
            self.explain.value = ("<div style='max-width:900px'>"
                                  + t("perceptron.why_xor", items=items, sum=html.escape(t("perceptron.xor_sum")))
                                  + "</div>")
        else:
            self.explain.value = ""


class XorNetwork(LiveApp):
    """XOR with a hidden layer: the hand-set NAND/OR/AND network, and a 2-2-1 network trained live."""

    DEFAULT = dict(dataset="gate_xor", n_points=40, noise=0.0, hidden=(2,), activation="tanh", init="uniform",
                   optimizer="adam", lr=0.1, batch_size=4, seed=11)

    def __init__(self, config: Config | None = None, *, lang: str | None = None, **changes):
        super().__init__(config or Config().replace(**self.DEFAULT), lang=lang, **changes)
        self.figure = XorFigure()
        self.new_weights = W.Button(description=t("xor.new_weights"), layout=W.Layout(width="170px"),
                                    tooltip=t("xor.new_weights_tip"))
        self.new_weights.on_click(lambda _: self._guard(self.reseed))
        self.weights_box = W.HTML()
        self.weights_box.add_class("pg-xor-weights")
        self.handset = W.HTML(self._handset_table())
        self.widget = W.VBox([self.handset, W.HBox([self.toolbar, self.new_weights]), self.messages, self.figure.fig,
                              self.weights_box, self.pacer])
        self.widget.add_class("pg-xor")
        X, y = TRUTH_INPUTS, np.array(GATES["xor"])
        net = neuron.xor_network(X)
        w2, b2 = neuron.XOR_LAYERS[1]["W"][0], neuron.XOR_LAYERS[1]["b"][0]
        self.figure.draw_handset(neuron.XOR_LAYERS, net["h"], y, neuron.boundary_segment(w2, b2),
                                 [f"{lab} → h = ({h[0]}, {h[1]})" for lab, h in zip(INPUT_LABELS, net["h"])])
        self.messages.say(t("xor.press_play"))
        self._solved_at, self._said_stuck = None, False
        self.render()

    def reset(self):
        self._solved_at, self._said_stuck = None, False
        super().reset()

    def _handset_table(self):
        net = neuron.xor_network(TRUTH_INPUTS)
        rows = [[int(x[0]), int(x[1]), f"{z[0]:+.1f} → {h[0]}", f"{z[1]:+.1f} → {h[1]}", f"{z2:+.1f} → {y}"]
                for x, z, h, z2, y in zip(TRUTH_INPUTS, net["z1"], net["h"], net["z2"], net["y"])]
        return (f"<div style='font-size:14px'><b>{t('xor.by_hand')}</b> h₁ = NAND(x) = step(-0.5x₁ - 0.5x₂ + 0.7), "
                "h₂ = OR(x) = step(0.5x₁ + 0.5x₂ - 0.2), y = AND(h) = step(0.5h₁ + 0.5h₂ - 0.7).</div>"
                + _table(["x₁", "x₂", "h₁ = NAND", "h₂ = OR", "y = AND(h₁, h₂) = XOR"], rows, highlight=4))

    def train_frame(self):
        """One epoch (5 mini-batches) a frame: slow enough to watch the lines move."""
        self.session.train_epochs(1)

    def reseed(self):
        self.pause()
        self._solved_at, self._said_stuck = None, False
        self.set(seed=(self.session.config.seed + 1) % 1000)  # the template's cycle: new data, redraw, frame
        self.messages.say(t("xor.reseeded", seed=self.session.config.seed))

    def render(self):
        s = self.session
        fig = self.figure
        p = s.predict(fig.grid).reshape(fig.GRID, fig.GRID)
        wts = probes.weights(s)
        W1, b1 = wts[0]["W"], wts[0]["b"]
        segs = [neuron.boundary_segment(W1[k], b1[k]) for k in range(W1.shape[0])]
        rest = [sg for sg in segs[1:] if sg is not None]  # neurons 2, 3, ... share the second line trace
        lines = [segs[0], (np.concatenate([np.r_[sg[0], np.nan] for sg in rest]),
                           np.concatenate([np.r_[sg[1], np.nan] for sg in rest])) if rest else None]
        idx = s.train_idx
        fig.update_trained(surface=p, lines=lines, X=s.X[idx], y=s.y[idx], epochs=s.history["epoch"],
                           losses=s.history["train_loss"])
        self.epoch_label.value = self.epoch_text()
        fmt = lambda a: html.escape(np.array2string(np.asarray(a), precision=2, suppress_small=True))  # noqa: E731
        parts = [f"W{l + 1} = {fmt(w['W'])}, b{l + 1} = {fmt(w['b'])}" for l, w in enumerate(wts)]
        self.weights_box.value = (f"<div style='font-family:monospace;font-size:13px'>{t('xor.weights_now')} "
                                  + "; ".join(parts) + "</div>")
        acc = s.history["train_acc"][-1]
        if acc == 1.0 and s.epoch > 0 and self._solved_at is None:
            self._solved_at = s.epoch
            self.messages.say(t("xor.solved", epochs=s.epoch))
        elif s.epoch >= 150 and acc < 1.0 and self._said_stuck is False:
            self._said_stuck = True
            self.messages.say(t("xor.stuck"), "warn")
