"""Gradient flow: vanishing and exploding gradients, layer by layer, live.

    from playground import apps
    apps.GradientFlow()                      # one deep network and its remedies
    apps.GradientFlow(preset="deep-sigmoid", hidden=(8,) * 20)
    apps.GradientCompare()                   # two networks, same data and seed, side by side

Each frame trains a little, then draws, per layer from the input to the output, the size of the
gradient (‖∂L/∂W‖ and mean |∂L/∂a|, from ``probes.grad_stats``) on a log scale, its history, the
activation distributions with their saturated and dead fractions, the output and the loss.
"""

from __future__ import annotations

import time

import ipywidgets as W

from playground import probes
from playground.activations import ACTIVATIONS, CORE
from playground.apps.base import LiveApp
from playground.config import INITS, MAX_LAYERS, Config, preset as preset_config
from playground.controls import (ACTIVATION_LABELS, DATASET_LABELS, DATASET_SHORT, LEARNING_RATES, OPTIMIZER_LABELS,
                                 FieldControls, choice, depth_width, flag, selection)
from playground.data import DATASETS
from playground.i18n import Labels, t
from playground.session import Session
from playground.views.gradient_figure import GradientCompareFigure, GradientFigure, GradientHistory

SURFACE_RES = 40
ACTIVATION_CHOICES = tuple(a for a in CORE if not ACTIVATIONS[a].identity)  # sigmoid, tanh, relu, leaky ReLU
INIT_SHORT = Labels("gradient_flow.init.", INITS)  # "uniform ±0.5", "too small (std 0.01)", ...
DATASET_CHOICES = tuple(n for n in DATASET_SHORT if DATASETS[n].kind == "binary")
REBUILD_NOTE = Labels("rebuild.", ("rebuilt", "new data"))

# The textbook cases (config.PRESETS) as buttons, with what to look for.
CASES = Labels("gradient_flow.case.", ("deep-sigmoid", "exploding", "relu-he", "sigmoid-batchnorm", "sigmoid-residual"))
CASE_TEXT = Labels("gradient_flow.case_text.", CASES)

# Pairs for the compare view: what A and B set (everything else is shared). The names are the
# API's (``GradientCompare(pair=...)``); the buttons show ``PAIR_LABELS``.
PAIRS = {
    "sigmoid + small init vs ReLU + He": (dict(activation="sigmoid", init="small"), dict(activation="relu", init="he")),
    "sigmoid vs + batch norm": (dict(activation="sigmoid"), dict(activation="sigmoid", batch_norm=True)),
    "sigmoid vs + residual": (dict(activation="sigmoid", init="xavier", lr=0.1),
                              dict(activation="sigmoid", init="xavier", lr=0.1, residual=True)),
    "ReLU: He vs too-large init": (dict(activation="relu", init="he"), dict(activation="relu", init="large")),
}
PAIR_LABELS = {name: f"gradient_flow.pair{i}" for i, name in enumerate(PAIRS)}  # keys of playground.i18n.TABLE
SIDE_FIELDS = ("activation", "init", "batch_norm", "residual", "lr")
SIDE_DEFAULTS = dict(activation="sigmoid", init="uniform", batch_norm=False, residual=False, lr=0.03)
COMPARE_BASE = dict(dataset="circle", hidden=(8,) * 10)
GRADIENT_FIELDS = ("depth", "width", "activation", "init", "batch_norm", "residual", "lr", "optimizer", "dataset")


def gradient_controls(config: Config, names=GRADIENT_FIELDS, *, label_width="100px") -> FieldControls:
    """Widgets for ``names`` of this app's settings (depth and width together make ``hidden``)."""
    style, wide = {"description_width": label_width}, W.Layout(width="300px")
    make = {
        "depth": lambda: depth_width("depth", min=0, max=MAX_LAYERS, description=t("controls.hidden"), style=style,
                                     layout=wide),
        "width": lambda: depth_width("width", min=1, max=32, description=t("gradient_flow.width"), style=style, layout=wide),
        "activation": lambda: choice("activation", ACTIVATION_CHOICES, ACTIVATION_LABELS,
                                     description=t("controls.activation"), style=style, layout=wide),
        "init": lambda: choice("init", INIT_SHORT, INIT_SHORT, description=t("controls.init"), style=style,
                               layout=wide),
        "batch_norm": lambda: flag("batch_norm", description=t("controls.batch_norm"), layout=W.Layout(width="110px")),
        "residual": lambda: flag("residual", description=t("controls.residual"), layout=W.Layout(width="100px")),
        "lr": lambda: selection("lr", LEARNING_RATES, value=0.03, description=t("controls.lr"), style=style,
                                layout=wide),
        "optimizer": lambda: choice("optimizer", OPTIMIZER_LABELS, OPTIMIZER_LABELS,
                                    description=t("controls.optimizer"), style=style, layout=wide),
        "dataset": lambda: choice("dataset", DATASET_CHOICES, DATASET_LABELS, description=t("gradient_flow.dataset"),
                                  style=style, layout=wide),
    }
    return FieldControls(config, {name: make[name]() for name in names}, css="pg-gf-")


def _epoch_position(session) -> float:
    """Where training is, in epochs (fractional between epoch ends)."""
    return session.steps / max(session.steps_per_epoch, 1)


def _surface(session):
    """The output over the input plane as values in [0, 1] (P(blue), a class or a squashed value)."""
    g = probes.decision_grid(session, SURFACE_RES)
    c = session.config
    if c.problem == "binary":
        return g["z"]
    if c.problem == "multiclass":
        return g["z"] / max(c.n_classes - 1, 1)
    return (g["z"].clip(-1, 1) + 1) / 2


def describe(c: Config) -> str:
    """'sigmoid, too small (std 0.01), batch norm, lr 0.03': what a compare side is."""
    parts = [ACTIVATION_LABELS.get(c.activation, c.activation), t(f"gradient_flow.init_word.{c.init}")]
    parts += [t("controls.batch_norm")] * c.batch_norm + [t("controls.residual")] * c.residual + [t("gradient_flow.lr", lr=c.lr)]
    return ", ".join(parts)


class GradientFlow(LiveApp):
    """One deep network: its gradient per layer, their history, activations, output and loss."""

    def __init__(self, config: Config | None = None, *, preset: str | None = None, query: str | None = None,
                 lang: str | None = None, **changes):
        """``preset`` (a name in ``config.PRESETS``), ``config`` and ``changes`` set the start
        (default: the deep-sigmoid case); a page link (Voilà's ``?hidden=8,8,8&...``) or ``query``
        overrides them."""
        self._use_language(lang)
        if config is None:
            config = preset_config(preset or "deep-sigmoid")
        elif preset is not None:
            raise ValueError(t("gradient_flow.config_or_preset"))
        super().__init__(config, **changes)
        config = self.session.config
        self.figure = GradientFigure()
        self.heat = GradientHistory()
        self._recorded_steps = None
        self.listen(gradient_controls(config))
        self.heat_key = W.ToggleButtons(options=[("‖∂L/∂W‖", "weight"), (t("gradient_flow.mean_act"), "act")],
                                        tooltips=[t("gradient_flow.heat_weight_tip"), t("gradient_flow.heat_act_tip")],
                                        style={"button_width": "110px"}, layout=W.Layout(width="auto"))
        self.case_buttons = {}
        for name, label in CASES.items():
            b = W.Button(description=label, tooltip=t(f"preset.{name}"), layout=W.Layout(width="auto"))
            b.add_class("pg-gf-case")
            b.on_click(lambda _b, name=name: self._guard(self.load_preset, name))
            self.case_buttons[name] = b
        self._build_widgets()
        self.heat_key.observe(lambda _: self._guard(self.render), "value")
        self._redraw_all()
        note, kind = self.follow_link(query)
        start = next((name for name in CASES if preset_config(name) == self.session.config), None)
        self.messages.say(note or (CASE_TEXT[start] if start else ""), kind)

    def _build_widgets(self):
        c = self.controls
        cases = W.HBox([W.HTML(f"<b>{t('gradient_flow.cases')}</b>", layout=W.Layout(width="120px")), *self.case_buttons.values()],
                       layout=W.Layout(flex_flow="row wrap", align_items="center"))
        settings = W.VBox([c.box("depth", "width", "activation"), c.box("init", "lr", "optimizer"),
                           W.HBox([W.HBox([c.w["batch_norm"], c.w["residual"]], layout=W.Layout(width="300px")),
                                   c.w["dataset"], W.HTML(f"&nbsp;&nbsp;{t('gradient_flow.history_shows')}&nbsp;"), self.heat_key],
                                  layout=W.Layout(align_items="center"))])
        self.widget = W.VBox([W.HTML(f"<h3 style='margin:4px 0'>{t('gradient_flow.heading')}</h3>"),
                              cases, settings, self.toolbar, self.messages, self.figure.fig,
                              W.HBox([W.HTML(f"<b>{t('link.share')}</b>&nbsp;"), self.share_link()],
                                     layout=W.Layout(align_items="center")),
                              self.pacer])
        self.widget.add_class("pg-gradient-flow")
        self.link.layout.width = "760px"

    # -- settings ---------------------------------------------------------------------------
    def load_preset(self, name: str):
        """A textbook case (a name in ``config.PRESETS``), from its initial weights."""
        new = preset_config(name)
        if self.apply(new) == "same":
            self.reset()
        self.messages.say(CASE_TEXT[name] if name in CASES else t(f"preset.{name}"))

    def reset(self):
        self.heat.clear()
        self._recorded_steps = None
        super().reset()

    def trains_while_idle(self) -> bool:
        """One session: it also trains while the page paints, so a slow page slows the pictures,
        not the training (the compare view trains in frames only, to keep its lockstep)."""
        return True

    # -- drawing ----------------------------------------------------------------------------
    def _redraw_all(self):
        self.redraw()
        self.render()

    def redraw(self):
        s, c = self.session, self.session.config
        self.heat.clear()
        self._recorded_steps = None
        self.figure.set_layers(len(c.hidden), c.activation)
        self.figure.set_points(s.X, s.y, s.train_idx, DATASETS[c.dataset].bounds)

    def render(self):
        """Draw the current state (one frame)."""
        s = self.session
        grads = acts = surface = None
        if s.status == "ok":  # after a divergence the last picture stays
            grads, acts, surface = probes.grad_stats(s), probes.activation_stats(s), _surface(s)
            if s.steps != self._recorded_steps:
                self.heat.add(_epoch_position(s), grads["weight_grad_norm"], grads["act_grad_mean_abs"])
                self._recorded_steps = s.steps
        self.figure.update(grads=grads, acts=acts, surface=surface, history=s.history, heat=self.heat,
                           heat_key=self.heat_key.value)
        self.epoch_label.value = self.epoch_text()

class GradientCompare(LiveApp):
    """Two networks, A and B, trained in lockstep on the same data and seed; both gradient
    profiles on one log axis."""

    def __init__(self, a: dict | None = None, b: dict | None = None, *, pair: str | None = None,
                 lang: str | None = None, **shared):
        """``pair`` (a name in ``PAIRS``) sets what A and B differ in; ``a`` and ``b`` override it
        (fields from ``SIDE_FIELDS``); ``shared`` changes apply to both (e.g. ``hidden=(8,) * 20``)."""
        self._use_language(lang)
        if pair is not None and pair not in PAIRS:
            raise ValueError(t("gradient_flow.unknown_pair", pair=pair, allowed=", ".join(PAIRS)))
        base = Config().replace(**{**COMPARE_BASE, **shared})
        side_a, side_b = PAIRS[pair or next(iter(PAIRS))]
        super().__init__(base.replace(**{**SIDE_DEFAULTS, **side_a, **(a or {})}))
        self.other = Session(base.replace(**{**SIDE_DEFAULTS, **side_b, **(b or {})}))
        self.sessions = {"A": self.session, "B": self.other}
        self.firsts = {side: GradientHistory() for side in "AB"}
        self._recorded = {side: None for side in "AB"}
        self._told = []
        self.figure = GradientCompareFigure()
        self.shared = gradient_controls(base, ("depth", "width", "dataset"))
        self.sides = {side: gradient_controls(s.config, SIDE_FIELDS, label_width="95px")
                      for side, s in self.sessions.items()}
        self.pair_buttons = {}
        for name in PAIRS:
            btn = W.Button(description=t(PAIR_LABELS[name]), layout=W.Layout(width="auto"))
            btn.add_class("pg-gf-pair")
            btn.on_click(lambda _b, name=name: self._guard(self.load_pair, name))
            self.pair_buttons[name] = btn
        for ctl in (self.shared, *self.sides.values()):
            ctl.on_change(lambda _name: self._guard(self._on_control))
        self._build_widgets()
        self._redraw_all()

    def _build_widgets(self):
        def side_box(side, color):
            c = self.sides[side]
            return W.VBox([W.HTML(f"<b style='color:{color}'>{t('gradient_flow.network_side', side=side)}</b>"),
                           c.w["activation"], c.w["init"],
                           c.w["lr"], c.box("batch_norm", "residual")],
                          layout=W.Layout(border=f"2px solid {color}", padding="4px", margin="2px 8px 2px 0"))
        pairs = W.HBox([W.HTML(f"<b>{t('gradient_flow.compare')}</b>", layout=W.Layout(width="80px")), *self.pair_buttons.values()],
                       layout=W.Layout(flex_flow="row wrap", align_items="center"))
        shared = W.VBox([W.HTML(t("gradient_flow.both")), *self.shared.w.values()],
                        layout=W.Layout(padding="4px"))
        self.widget = W.VBox([W.HTML(f"<h3 style='margin:4px 0'>{t('gradient_flow.compare_heading')}</h3>"),
                              pairs, W.HBox([side_box("A", "#0877bd"), side_box("B", "#f59322"), shared]),
                              self.toolbar, self.messages, self.figure.fig, self.pacer])
        self.widget.add_class("pg-gradient-compare")

    # -- settings ---------------------------------------------------------------------------
    def set(self, a: dict | None = None, b: dict | None = None, **shared):
        """Change settings from code: ``app.set(a=dict(init="xavier"), hidden=(8,) * 20)``."""
        A, B = self.session.config, self.other.config
        self._apply(A.replace(**{**(a or {}), **shared}), B.replace(**{**(b or {}), **shared}))

    def load_pair(self, name: str):
        """One of ``PAIRS``, from the initial weights (shared settings are kept)."""
        side_a, side_b = PAIRS[name]
        kinds = self._apply(self.session.config.replace(**{**SIDE_DEFAULTS, **side_a}),
                            self.other.config.replace(**{**SIDE_DEFAULTS, **side_b}))
        if kinds == ("same", "same"):
            self.reset()
        self.messages.say(f"A: {describe(self.session.config)}.  B: {describe(self.other.config)}.")

    def _on_control(self):
        try:
            read = {side: self.shared.read(self.sides[side].read(s.config)) for side, s in self.sessions.items()}
        except ValueError:
            self.show_controls()  # the widgets go back to what is running
            raise
        self._apply(read["A"], read["B"])

    def show_controls(self):
        for side, s in self.sessions.items():
            self.sides[side].show(s.config)
        self.shared.show(self.session.config)

    def _apply(self, new_a: Config, new_b: Config):
        """A and B move together through the template's cycle (``apply_together``)."""
        return self.apply_together((self.session, new_a), (self.other, new_b))

    def on_rebuilt(self, kind: str):
        rebuilt = [side for side, kind in zip("AB", self.last_kinds) if kind in REBUILD_NOTE]
        self.messages.say(t("gradient_flow.rebuilt", sides=t("gradient_flow.and").join(rebuilt)))
        self._redraw_all()

    # -- training ---------------------------------------------------------------------------
    def train_frame(self):
        """Both networks make the same number of steps, in growing chunks, for this frame's time."""
        end, chunk = time.perf_counter() + self.loop.work_budget_s, 1
        live = [s for s in self.sessions.values() if s.status == "ok"]
        while live:
            t0 = time.perf_counter()
            for s in live:
                s.step(chunk)
            now = time.perf_counter()
            if now >= end:
                break
            per_step = (now - t0) / chunk
            chunk = max(1, min(chunk * 2, int((end - now) / max(per_step, 1e-7))))
            live = [s for s in live if s.status == "ok"]

    def _frame(self):
        self.train_frame()
        self.render()
        return False if self._report_divergence() == 2 else None

    def _report_divergence(self) -> int:
        bad = [side for side, s in self.sessions.items() if s.status == "diverged"]
        if bad and bad != self._told:
            names = t("gradient_flow.and").join(bad)
            self.messages.say(t("gradient_flow.diverged", sides=names)
                              + (t("gradient_flow.other_goes_on") if len(bad) == 1 else t("gradient_flow.try_smaller")), "error")
        self._told = bad
        return len(bad)

    def start(self):
        if self._report_divergence() == 2:
            return
        self.loop.start()

    def _step_once(self):
        for s in self.sessions.values():
            s.step(1)
        self.render()
        self._report_divergence()

    def reset(self):
        for side, s in self.sessions.items():
            s.reset()
            self.firsts[side].clear()
            self._recorded[side] = None
        self._told = []
        self.messages.say(t("gradient_flow.reset"))
        self.render()

    # -- drawing ----------------------------------------------------------------------------
    def _redraw_all(self):
        A = self.session
        for side in "AB":
            self.firsts[side].clear()
            self._recorded[side] = None
        self.figure.set_layers(len(A.config.hidden), {side: describe(s.config) for side, s in self.sessions.items()})
        self.figure.set_points(A.X, A.y, A.train_idx, DATASETS[A.config.dataset].bounds)
        self.render()

    def render(self):
        grads, surfaces = {}, {}
        for side, s in self.sessions.items():
            grads[side] = surfaces[side] = None
            if s.status == "ok":
                grads[side], surfaces[side] = probes.grad_stats(s), _surface(s)
                if s.steps != self._recorded[side]:
                    self.firsts[side].add(_epoch_position(s), grads[side]["weight_grad_norm"],
                                          grads[side]["act_grad_mean_abs"])
                    self._recorded[side] = s.steps
        self.figure.update(grads=grads, surfaces=surfaces,
                           histories={side: s.history for side, s in self.sessions.items()}, firsts=self.firsts)
        self.epoch_label.value = self.epoch_text()

    def epoch_text(self) -> str:
        A, B = self.session, self.other
        return (f"<span class='pg-epoch-value'>{t('app.epoch', epoch=A.epoch)}</span> · "
                f"<span style='color:#0877bd'>A: {t('figure.train_loss')} {A.train_loss:.3f}</span> · "
                f"<span style='color:#c46f00'>B: {t('figure.train_loss')} {B.train_loss:.3f}</span>")
