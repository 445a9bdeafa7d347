"""Gradient descent on a loss surface: optimizers race on a two-weight loss.

    from playground import apps
    apps.LossSurface()

The app shows one FigureWidget, never a traceback (errors become a message line) and does its
long work in small steps on the kernel's event loop, so that buttons stay responsive.
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from playground import descent
from playground.apps.base import App, LiveApp
from playground.apps.common import LABEL_STYLE, WIDE, Messages, button
from playground.i18n import Labels, Sentences, t
from playground.live import FramePacer, LiveLoop
from playground.views.descent_figure import DescentFigure


DESCENT_LRS = (1e-4, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 10.0, 30.0)
DESCENT_BATCHES = (1, 2, 5, 10, 20, 50, 100)
SURFACE_RES = 90
PROBLEM_LABELS = Labels("loss_surface.problem.", descent.PROBLEMS)  # "bowl: logistic regression", ...
MODES = Labels("loss_surface.mode.", ("optimizers", "batches"))  # "optimizers race", ...


class LossSurface(App):
    """A model with two weights, its loss over the plane of those weights, and the paths that
    gradient descent takes on it from a start point you choose (click the surface)."""

    def __init__(self, problem: str = "logistic", *, mode: str = "optimizers", lr: float | None = None,
                 steps: int = 100, batch_size: int = 10, start=None, optimizer: str = "sgd", lang: str | None = None):
        self._use_language(lang)
        if mode not in MODES:
            raise ValueError(t("config.choose", name="mode", value=mode, allowed=", ".join(MODES)))
        self.messages = Messages()
        self.problem = descent.make_problem(problem)
        self.figure = DescentFigure()
        self.paths = {}
        self.shown = 0
        self.pacer = FramePacer()
        self.loop = LiveLoop(self._frame, pacer=self.pacer, on_state=self._on_state)
        lo, hi = self.problem.bounds
        self.w_problem = W.ToggleButtons(options=[(v, k) for k, v in PROBLEM_LABELS.items()], value=problem,
                                         description=t("loss_surface.surface"),
                                         style={"description_width": "60px", "button_width": "190px"})
        self.w_mode = W.ToggleButtons(options=[(v, k) for k, v in MODES.items()], value=mode, description=t("loss_surface.compare"),
                                      style={"description_width": "60px", "button_width": "240px"})
        self.w_lr = W.SelectionSlider(options=tuple(sorted(set(DESCENT_LRS) | {lr or self.problem.lr})),
                                      value=lr or self.problem.lr, description=t("controls.lr"), style=LABEL_STYLE,
                                      layout=WIDE)
        self.w_optimizer = W.Dropdown(options=[(descent.OPTIMIZER_NAMES[o], o) for o in descent.OPTIMIZERS],
                                      value=optimizer, description=t("controls.optimizer"), style=LABEL_STYLE, layout=WIDE)
        self.w_batch = W.SelectionSlider(options=DESCENT_BATCHES, value=batch_size, description=t("loss_surface.batch"),
                                         style=LABEL_STYLE, layout=WIDE)
        self.w_steps = W.IntSlider(steps, min=5, max=500, step=5, description=t("loss_surface.steps"), style=LABEL_STYLE, layout=WIDE)
        self.w_w1 = W.FloatSlider(0.0, min=lo, max=hi, step=0.1, description=t("loss_surface.start", w="w₁"), style=LABEL_STYLE,
                                  layout=WIDE)
        self.w_w2 = W.FloatSlider(0.0, min=lo, max=hi, step=0.1, description=t("loss_surface.start", w="w₂"), style=LABEL_STYLE,
                                  layout=WIDE)
        for w, cls in ((self.w_problem, "problem"), (self.w_mode, "mode"), (self.w_lr, "lr"),
                       (self.w_optimizer, "optimizer"), (self.w_batch, "batch"), (self.w_steps, "steps"),
                       (self.w_w1, "w1"), (self.w_w2, "w2")):
            w.add_class(f"pg-ls-{cls}")
        self.play = button(t("app.play"), t("loss_surface.play_tip"), style="success")
        self.show_all = button(t("loss_surface.show_all"), t("loss_surface.show_all_tip"), width="90px")
        self.play.on_click(lambda _: self._guard(self._toggle_play))
        self.show_all.on_click(lambda _: self._guard(self._show_everything))
        self.summary = W.HTML()
        self.summary.add_class("pg-ls-summary")
        self.w_problem.observe(lambda _: self._guard(self._new_problem), "value")
        for w in (self.w_mode, self.w_lr, self.w_optimizer, self.w_batch, self.w_steps, self.w_w1, self.w_w2):
            w.observe(lambda _: self._guard(self._recompute), "value")
        self.figure.fig.data[self.figure.SURFACE].on_click(self._on_surface_click)
        controls = W.VBox([self.w_lr, self.w_steps, self.w_optimizer, self.w_batch, self.w_w1, self.w_w2],
                          layout=W.Layout(width="350px", min_width="350px"))
        self.widget = W.VBox([self.w_problem, self.w_mode, W.HBox([self.play, self.show_all, self.summary],
                                                                   layout=W.Layout(align_items="center")),
                              self.messages,
                              W.HBox([controls, W.VBox([self.figure.fig], layout=W.Layout(flex="1 1 auto",
                                                                                          min_width="600px"))]),
                              self.pacer])
        self.widget.add_class("pg-loss-surface")
        self._new_problem(start=start)

    def __repr__(self):
        return (f"LossSurface({self.problem.name!r}, mode={self.w_mode.value!r}, lr={self.w_lr.value:g}, "
                f"steps={self.w_steps.value}, start=({self.w_w1.value:.2f}, {self.w_w2.value:.2f}))")

    # -- settings -----------------------------------------------------------------------------
    def set(self, **changes):
        """Change settings from code as the widgets would: ``app.set(lr=1.0, mode="batches", start=(1, -2))``."""
        names = {"problem": self.w_problem, "mode": self.w_mode, "lr": self.w_lr, "optimizer": self.w_optimizer,
                 "batch_size": self.w_batch, "steps": self.w_steps}
        unknown = set(changes) - set(names) - {"start"}
        if unknown:
            raise ValueError(t("config.unknown_settings", names=", ".join(sorted(unknown)),
                               known=", ".join([*names, "start"])))
        for key, value in changes.items():
            if key == "lr" and value not in self.w_lr.options:
                self.w_lr.options = tuple(sorted(set(self.w_lr.options) | {value}))
            if key != "start":
                names[key].value = value
        if "start" in changes:
            self._set_start(*changes["start"])

    def _set_start(self, w1, w2):
        lo, hi = self.problem.bounds
        with self.quiet():
            self.w_w1.value = float(np.clip(w1, lo, hi))
            self.w_w2.value = float(np.clip(w2, lo, hi))
        self._recompute()

    def _new_problem(self, start=None):
        self.loop.pause()
        self.problem = p = descent.make_problem(self.w_problem.value)
        ws, Z = p.grid(SURFACE_RES)
        self.floor = float(min(Z.min(), p.losses([p.minimum()])[0]))
        self.figure.set_surface(ws, Z, p.minimum())
        lo, hi = p.bounds
        with self.quiet():
            for w in (self.w_w1, self.w_w2):
                w.value = 0.0
                w.min, w.max = lo, hi
            s = start if start is not None else p.start
            self.w_w1.value, self.w_w2.value = float(s[0]), float(s[1])
            if self.w_lr.value != p.lr and start is None:
                self.w_lr.value = p.lr
        self._recompute()

    # -- computing and drawing ---------------------------------------------------------------
    def _recompute(self):
        if self._quiet:
            return
        self.loop.pause()
        p, start = self.problem, (self.w_w1.value, self.w_w2.value)
        lr, steps = float(self.w_lr.value), int(self.w_steps.value)
        if self.w_mode.value == "optimizers":
            self.paths = descent.race(p, lr=lr, start=start, steps=steps)
            self.w_optimizer.disabled, self.w_batch.disabled = True, True
        else:
            self.paths = descent.batch_paths(p, lr=lr, start=start, steps=steps, batch_size=int(self.w_batch.value),
                                             optimizer=self.w_optimizer.value)
            self.w_optimizer.disabled, self.w_batch.disabled = False, False
        self.shown = steps
        diverged = [path.message for path in self.paths.values() if path.diverged]
        self.messages.say(Sentences(*diverged), "warn") if diverged else self.messages.say("")
        self.render()

    def _labels(self):
        if self.w_mode.value == "optimizers":
            return {k: descent.OPTIMIZER_NAMES[k] for k in self.paths}
        n = self.problem.n
        return {"batch": t("loss_surface.batch_all", n=n), "mini-batch": t("loss_surface.mini_batch", n=self.w_batch.value),
                "stochastic": t("loss_surface.stochastic")}

    def render(self):
        labels = self._labels()
        paths = [(labels[k] + (t("loss_surface.diverged_suffix") if v.diverged else ""), v.points, v.losses)
                 for k, v in self.paths.items()]
        self.figure.update((self.w_w1.value, self.w_w2.value), paths, self.shown, self.floor)
        k = self.shown
        def value(v):
            return (t("loss_surface.diverged") if v.diverged and k >= len(v.points) - 1
                    else f"{v.losses[min(k, len(v.losses) - 1)]:.4f}")
        parts = [f"{html.escape(labels[name])} <b>{value(v)}</b>" for name, v in self.paths.items()]
        self.summary.value = (f"<span class='pg-ls-step'>{t('loss_surface.step', k=k)}</span> · {t('loss_surface.loss')} "
                              + " · ".join(parts) + t("loss_surface.lowest", floor=self.floor))

    # -- animation ---------------------------------------------------------------------------
    def _toggle_play(self):
        if self.loop.running:
            self.loop.pause()
            return
        if self.shown >= self.w_steps.value:
            self.shown = 0
        self.loop.start()

    def _frame(self):
        steps = int(self.w_steps.value)
        self.shown = min(steps, self.shown + max(1, steps // 80))
        self.render()
        return False if self.shown >= steps else None

    def _show_everything(self):
        self.loop.pause()
        self.shown = int(self.w_steps.value)
        self.render()

    _on_state = LiveApp._on_state  # the same Play button and messages as the live apps

    def _on_surface_click(self, _trace, points, _state):
        if points.xs:
            self._guard(self._set_start, points.xs[0], points.ys[0])
