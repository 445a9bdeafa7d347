"""How networks learn and how they overfit: four apps.

    from playground import apps
    apps.LossSurface()          # gradient descent on a two-weight loss surface; optimizers race
    apps.Overfitting()          # train vs validation live; L1, L2, dropout, early stopping, more data
    apps.CrossValidation()      # k-fold cross-validation over one hyperparameter, with a progress bar
    apps.ClassifierMetrics()    # confusion matrix, accuracy, precision and recall, threshold

Every app shows one FigureWidget, never a traceback (errors become a message line) and does its
long work in small steps on the kernel's event loop, so that buttons stay responsive.
"""

from __future__ import annotations

import html
import time

import ipywidgets as W
import numpy as np
import torch

from playground import data as datasets
from playground import descent, probes
from playground.apps.base import App, LiveApp
from playground.apps.common import Messages
from playground.config import REGS, Config, preset
from playground.controls import REG_LABELS, REG_RATES
from playground.data import DATASETS
from playground.i18n import Labels, t
from playground.live import FramePacer, LiveLoop
from playground.session import Session
from playground.validation import CrossValidator, FixedDataSession, weight_stats
from playground.views.cv_figure import CVFigure
from playground.views.colors import SURFACE
from playground.views.descent_figure import DescentFigure
from playground.views.metrics_figure import MetricsFigure, class_surface_scale
from playground.views.overfit_figure import OverfitFigure, weight_histogram

_STYLE = {"description_width": "110px"}
_WIDE = W.Layout(width="330px")  # shared: never change its properties for one widget


def _button(description, tooltip="", width="90px", style=""):
    return W.Button(description=description, tooltip=tooltip, button_style=style, layout=W.Layout(width=width))


# ---------------------------------------------------------------------------------------------
# 1. Gradient descent on a loss surface
# ---------------------------------------------------------------------------------------------

DESCENT_LRS = (1e-4, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 10.0, 30.0)
DESCENT_BATCHES = (1, 2, 5, 10, 20, 50, 100)
SURFACE_RES = 90
PROBLEM_LABELS = Labels("ls.problem.", descent.PROBLEMS)  # "bowl: logistic regression", ...
MODES = Labels("ls.mode.", ("optimizers", "batches"))  # "optimizers race", ...


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
                                         description=t("ls.surface"),
                                         style={"description_width": "60px", "button_width": "190px"})
        self.w_mode = W.ToggleButtons(options=[(v, k) for k, v in MODES.items()], value=mode, description=t("ls.compare"),
                                      style={"description_width": "60px", "button_width": "240px"})
        self.w_lr = W.SelectionSlider(options=tuple(sorted(set(DESCENT_LRS) | {lr or self.problem.lr})),
                                      value=lr or self.problem.lr, description=t("controls.lr"), style=_STYLE,
                                      layout=_WIDE)
        self.w_optimizer = W.Dropdown(options=[(descent.OPTIMIZER_NAMES[o], o) for o in descent.OPTIMIZERS],
                                      value=optimizer, description=t("controls.optimizer"), style=_STYLE, layout=_WIDE)
        self.w_batch = W.SelectionSlider(options=DESCENT_BATCHES, value=batch_size, description=t("ls.batch"),
                                         style=_STYLE, layout=_WIDE)
        self.w_steps = W.IntSlider(steps, min=5, max=500, step=5, description=t("ls.steps"), style=_STYLE, layout=_WIDE)
        self.w_w1 = W.FloatSlider(0.0, min=lo, max=hi, step=0.1, description=t("ls.start", w="w₁"), style=_STYLE,
                                  layout=_WIDE)
        self.w_w2 = W.FloatSlider(0.0, min=lo, max=hi, step=0.1, description=t("ls.start", w="w₂"), style=_STYLE,
                                  layout=_WIDE)
        for w, cls in ((self.w_problem, "problem"), (self.w_mode, "mode"), (self.w_lr, "lr"),
                       (self.w_optimizer, "optimizer"), (self.w_batch, "batch"), (self.w_steps, "steps"),
                       (self.w_w1, "w1"), (self.w_w2, "w2")):
            w.add_class(f"pg-ls-{cls}")
        self.play = _button(t("app.play"), t("ls.play_tip"), style="success")
        self.show_all = _button(t("ls.show_all"), t("ls.show_all_tip"), width="90px")
        self.play.on_click(lambda _: self._guard(self._toggle_play))
        self.show_all.on_click(lambda _: self._guard(self._show_everything))
        self.summary = W.HTML()
        self.summary.add_class("pg-ls-summary")
        self._quiet = False
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
        with self._hold():
            self.w_w1.value = float(np.clip(w1, lo, hi))
            self.w_w2.value = float(np.clip(w2, lo, hi))
        self._recompute()

    def _hold(self):
        app = self

        class Hold:
            def __enter__(self):
                app._quiet = True

            def __exit__(self, *exc):
                app._quiet = False
        return Hold()

    def _new_problem(self, start=None):
        self.loop.pause()
        self.problem = p = descent.make_problem(self.w_problem.value)
        ws, Z = p.grid(SURFACE_RES)
        self.floor = float(min(Z.min(), p.losses([p.minimum()])[0]))
        self.figure.set_surface(ws, Z, p.minimum())
        lo, hi = p.bounds
        with self._hold():
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
        self.messages.say(" ".join(diverged), "warn") if diverged else self.messages.say("")
        self.render()

    def _labels(self):
        if self.w_mode.value == "optimizers":
            return {k: descent.OPTIMIZER_NAMES[k] for k in self.paths}
        n = self.problem.n
        return {"batch": t("ls.batch_all", n=n), "mini-batch": t("ls.mini_batch", n=self.w_batch.value),
                "stochastic": t("ls.stochastic")}

    def render(self):
        labels = self._labels()
        paths = [(labels[k] + (t("ls.diverged_suffix") if v.diverged else ""), v.points, v.losses)
                 for k, v in self.paths.items()]
        self.figure.update((self.w_w1.value, self.w_w2.value), paths, self.shown, self.floor)
        k = self.shown
        def value(v):
            return (t("ls.diverged") if v.diverged and k >= len(v.points) - 1
                    else f"{v.losses[min(k, len(v.losses) - 1)]:.4f}")
        parts = [f"{html.escape(labels[name])} <b>{value(v)}</b>" for name, v in self.paths.items()]
        self.summary.value = (f"<span class='pg-ls-step'>{t('ls.step', k=k)}</span> · {t('ls.loss')} "
                              + " · ".join(parts) + t("ls.lowest", floor=self.floor))

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


# ---------------------------------------------------------------------------------------------
# 2. Overfitting and regularisation
# ---------------------------------------------------------------------------------------------

MODEL_SIZES = {"big": (16, 16, 16), "medium": (8, 8), "small": (4,), "tiny": (2,)}  # labels: of.model.* in i18n
OVERFIT_BASE = dict(optimizer="momentum", lr=0.03)  # Adam's normalised steps would hide L1's shrinkage
NEAR_ZERO = 0.01
OVERFIT_RES = 50


class Overfitting(LiveApp):
    """A network big enough to learn the noise of few points; training vs validation loss live, and
    the remedies: L1 and L2 (penalty or weight decay), dropout, early stopping, more data, a smaller model."""

    def __init__(self, config: Config | None = None, *, lang: str | None = None, **changes):
        super().__init__(config or preset("overfit", **OVERFIT_BASE), lang=lang, **changes)
        c = self.session.config
        self.figure = OverfitFigure()
        self.best = None  # (epoch, validation loss, weights) while early stopping watches
        self.stopped_early = False
        self.w = {
            "model": W.Dropdown(options=_with_option(MODEL_SIZES, c.hidden), value=c.hidden,
                                description=t("of.model_size"), style=_STYLE, layout=_WIDE),
            "n_points": W.IntSlider(c.n_points, min=20, max=1000, step=20, description=t("controls.points"),
                                    style=_STYLE, layout=_WIDE),
            "noise": W.IntSlider(round(c.noise * 100), min=0, max=50, step=5, description=t("controls.noise"),
                                 style=_STYLE, layout=_WIDE),
            "reg": W.Dropdown(options=[(REG_LABELS[r], r) for r in REGS], value=c.reg, description=t("controls.reg"),
                              style=_STYLE, layout=_WIDE),
            "reg_rate": W.SelectionSlider(options=tuple(sorted(set(REG_RATES) | {c.reg_rate})), value=c.reg_rate,
                                          description=t("of.strength"), style=_STYLE, layout=_WIDE),
            "dropout": W.FloatSlider(c.dropout, min=0, max=0.8, step=0.05, description=t("controls.dropout"),
                                     style=_STYLE, layout=_WIDE),
        }
        for name, widget in self.w.items():
            widget.add_class(f"pg-of-{name.replace('_', '-')}")
            widget.observe(lambda ch, name=name: self._guard(self._on_widget, name), "value")
        self.early = W.Checkbox(False, description=t("of.early"), indent=False, layout=W.Layout(width="130px"))
        self.patience = W.IntSlider(100, min=10, max=500, step=10, description=t("of.patience"),
                                    style={"description_width": "60px"}, layout=W.Layout(width="200px"),
                                    tooltip=t("of.patience_tip"))
        self.early.add_class("pg-of-early")
        self.early.observe(lambda _: self._guard(self._on_early), "value")
        self.pin_button = _button(t("of.pin"), t("of.pin_tip"), width="130px")
        self.pin_button.on_click(lambda _: self._guard(self._pin))
        self.stats = W.HTML()
        self.stats.add_class("pg-of-stats")
        controls = W.VBox([W.HTML(f"<b>{t('of.data')}</b>"), self.w["n_points"], self.w["noise"],
                           W.HTML(f"<b>{t('of.model')}</b>"), self.w["model"], self.w["dropout"],
                           W.HTML(f"<b>{t('of.regularisation')}</b>"), self.w["reg"], self.w["reg_rate"],
                           W.HBox([self.early, self.patience]), self.pin_button, self.stats],
                          layout=W.Layout(width="350px", min_width="350px"))
        self.widget = W.VBox([self.toolbar, self.messages,
                              W.HBox([controls, W.VBox([self.figure.fig], layout=W.Layout(flex="1 1 auto",
                                                                                         min_width="600px"))]),
                              self.pacer])
        self.widget.add_class("pg-overfitting")
        self._show_config()
        self._redraw_points()
        self.render()

    # -- settings -------------------------------------------------------------------------------
    def set(self, **changes):
        """Change settings from code as the widgets would: ``app.set(reg="l1", reg_rate=0.01)``."""
        self._apply(self.session.config.replace(**changes))

    def _on_widget(self, name):
        if self._quiet_widgets:
            return
        v = self.w[name].value
        value = v / 100 if name == "noise" else round(v, 2) if name == "dropout" else v
        self._apply(self.session.config.replace(**{"hidden" if name == "model" else name: value}))

    _quiet_widgets = False

    def _show_config(self):
        c = self.session.config
        self._quiet_widgets = True
        try:
            self.w["model"].options = _with_option(MODEL_SIZES, c.hidden)
            self.w["model"].value = c.hidden
            self.w["n_points"].value, self.w["noise"].value = c.n_points, round(c.noise * 100)
            self.w["reg"].value = c.reg
            self.w["reg_rate"].options = tuple(sorted(set(REG_RATES) | {c.reg_rate}))
            self.w["reg_rate"].value = c.reg_rate
            self.w["reg_rate"].disabled = c.reg == "none"
            self.w["dropout"].value = c.dropout
        finally:
            self._quiet_widgets = False

    def _apply(self, new: Config):
        if new.reg != "none" and new.reg_rate == 0 and self.session.config.reg == "none":
            new = new.replace(reg_rate=0.01)  # switching a regulariser on with strength 0 would do nothing
        kind = self.session.apply(new)
        self._show_config()
        if kind == "same":
            return
        if kind == "live":
            self.messages.say(t("of.live", what=t(f"of.what.{new.reg}")))
        else:
            self.best, self.stopped_early = None, False
            self.messages.say(t(f"rebuild.{kind}"))
            self._redraw_points()
        if not self.loop.running:
            self.render()

    def _on_early(self):
        self.best, self.stopped_early = None, False
        if self.early.value:
            self.messages.say(t("of.early_on", n=self.patience.value))

    def _pin(self):
        c = self.session.config
        reg = t("of.no_reg") if c.reg == "none" else f"{REG_LABELS[c.reg]} {c.reg_rate:g}"
        label = t("of.pin_label", reg=reg, dropout=c.dropout, epoch=self.session.epoch)
        self.figure.pin(weight_histogram(weight_stats(self.session)["values"]), label)
        self.messages.say(t("of.pinned", label=label))

    # -- training -------------------------------------------------------------------------------
    def start(self):
        if self.stopped_early:
            self.best, self.stopped_early = None, False
        super().start()

    def reset(self):
        self.best, self.stopped_early = None, False
        super().reset()

    def train_frame(self):
        if not self.early.value:
            return super().train_frame()
        end = time.perf_counter() + self.loop.work_budget_s
        s = self.session
        while s.status == "ok" and not self.stopped_early:
            s.train_epochs(1)
            self._watch()
            if time.perf_counter() >= end:
                break

    def _watch(self):
        s = self.session
        val = s.evaluate(s.Xte, s.yte)[0]
        if self.best is None or val < self.best[1] - 1e-4:
            self.best = (s.epoch, val, {k: v.clone() for k, v in s.model.state_dict().items()})
        elif s.epoch - self.best[0] >= self.patience.value:
            with torch.no_grad():
                for k, v in s.model.state_dict().items():
                    v.copy_(self.best[2][k])  # in place: the NumPy fast path shares these tensors
            self.stopped_early = True

    def _frame(self):
        more = super()._frame()
        if self.stopped_early:
            e, val, _ = self.best
            self.messages.say(t("of.stopped", n=self.patience.value, epoch=e, loss=val))
            self.render()
            return False
        return more

    # -- drawing --------------------------------------------------------------------------------
    def _redraw_points(self):
        s = self.session
        self.figure.set_points(s.X, s.y, s.train_idx, s.test_idx, DATASETS[s.config.dataset].bounds)

    def render(self):
        s = self.session
        g = probes.decision_grid(s, OVERFIT_RES)
        stats = weight_stats(s, NEAR_ZERO)
        best = (self.best[0], self.best[1]) if self.best is not None else None
        title = t("of.weights_title", count=stats["count"], zero=stats["zero"], near=stats["near_zero"], eps=NEAR_ZERO,
                  mean=np.abs(stats["values"]).mean())
        self.figure.update(xs=g["xs"], z=g["z"], history=s.history, best=best,
                           counts=weight_histogram(stats["values"]), title=title)
        self.stats.value = ("<div style='font-size:12px;color:#444'>"
                            + t("of.stats", zero=f"<b class='pg-of-zero'>{stats['zero']}</b>", count=stats["count"],
                                near=f"<b class='pg-of-near'>{stats['near_zero']}</b>") + "</div>")
        self.epoch_label.value = self.epoch_text()

    def epoch_text(self) -> str:
        s = self.session
        h = s.history
        return (f"<span class='pg-epoch-value'>{t('app.epoch', epoch=s.epoch)}</span> · "
                + t("of.epoch_text", train=h["train_loss"][-1], val=h["test_loss"][-1], acc=h["test_acc"][-1]))


def _with_option(options: dict, value: tuple):
    """Dropdown options ``(label, hidden)`` of ``MODEL_SIZES``, plus ``value`` (from a link) if it is another."""
    items = [(t(f"of.model.{name}"), hidden) for name, hidden in options.items()]
    if value not in options.values():
        items.append(("-".join(map(str, value)) or t("of.no_hidden"), value))
    return items


# ---------------------------------------------------------------------------------------------
# 3. Validation and k-fold cross-validation
# ---------------------------------------------------------------------------------------------

CV_BASE = dict(dataset="moons", n_points=120, noise=0.3, hidden=(16, 16), activation="relu", init="he",
               optimizer="momentum", lr=0.03, batch_size=10, reg="l2")
CV_PARAMS = {  # name: (label, Config field, values, config changes that make the field matter)
    "reg_rate": ("cv.param.reg_rate", "reg_rate", (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3), dict(reg="l2")),
    "dropout": ("cv.param.dropout", "dropout", (0.0, 0.1, 0.2, 0.3, 0.5), dict(reg="none", reg_rate=0.0)),
    "lr": ("cv.param.lr", "lr", (0.001, 0.003, 0.01, 0.03, 0.1, 0.3), dict(reg="none", reg_rate=0.0)),
}  # the labels are keys of playground.i18n.TABLE ("L2 strength", ...)


class CrossValidation(App):
    """Choose a hyperparameter by k-fold cross-validation: a test set is held back, the rest is split
    into k folds, and every candidate value is trained k times, validated each time on another fold."""

    def __init__(self, config: Config | None = None, *, param: str = "reg_rate", k: int = 5, epochs: int = 100,
                 lang: str | None = None, **changes):
        self._use_language(lang)
        if param not in CV_PARAMS:
            raise ValueError(t("config.choose", name="param", value=param, allowed=", ".join(CV_PARAMS)))
        self.messages = Messages()
        self.base = (config or Config(**CV_BASE)).replace(**changes)
        self.figure = CVFigure()
        self.task = None
        self._cancel = False
        self.cv = None
        self.w_param = W.Dropdown(options=[(t(v[0]), k) for k, v in CV_PARAMS.items()], value=param,
                                  description=t("cv.param"), style=_STYLE, layout=_WIDE)
        self.w_k = W.IntSlider(k, min=2, max=10, description=t("cv.k"), style=_STYLE, layout=_WIDE)
        self.w_epochs = W.IntSlider(epochs, min=20, max=400, step=20, description=t("cv.epochs"), style=_STYLE,
                                    layout=_WIDE)
        self.w_points = W.IntSlider(self.base.n_points, min=40, max=600, step=20, description=t("controls.points"),
                                    style=_STYLE, layout=_WIDE)
        self.w_noise = W.IntSlider(round(self.base.noise * 100), min=0, max=50, step=5, description=t("controls.noise"),
                                   style=_STYLE, layout=_WIDE)
        self.w_fold = W.IntSlider(1, min=1, max=k, description=t("cv.fold"), style=_STYLE, layout=_WIDE)
        for w, cls in ((self.w_param, "param"), (self.w_k, "k"), (self.w_epochs, "epochs"), (self.w_points, "points"),
                       (self.w_noise, "noise"), (self.w_fold, "fold")):
            w.add_class(f"pg-cv-{cls}")
            if w is not self.w_fold:
                w.observe(lambda _: self._guard(self._prepare), "value")
        self.w_fold.observe(lambda _: self._guard(self._draw_split), "value")
        self.run_button = _button(t("cv.run"), t("cv.run_tip"), width="180px", style="success")
        self.run_button.on_click(lambda _: self._guard(self._toggle_run))
        self.progress = W.IntProgress(0, min=0, max=1, description="", layout=W.Layout(width="260px"))
        self.progress.add_class("pg-cv-progress")
        self.status = W.HTML()
        self.status.add_class("pg-cv-status")
        self.table = W.HTML()
        self.table.add_class("pg-cv-table")
        controls = W.VBox([self.w_param, self.w_k, self.w_epochs, W.HTML(f"<b>{t('of.data')}</b>"), self.w_points,
                           self.w_noise,
                           self.w_fold, self.table], layout=W.Layout(width="350px", min_width="350px"))
        self.widget = W.VBox([W.HBox([self.run_button, self.progress, self.status],
                                     layout=W.Layout(align_items="center")), self.messages,
                              W.HBox([controls, W.VBox([self.figure.fig], layout=W.Layout(flex="1 1 auto",
                                                                                         min_width="600px"))])])
        self.widget.add_class("pg-cross-validation")
        self._prepare()

    def __repr__(self):
        return f"CrossValidation({self.w_param.value}, k={self.w_k.value}, {self.cv!r})"

    # -- settings -------------------------------------------------------------------------------
    def config(self) -> Config:
        label, field_, values, needs = CV_PARAMS[self.w_param.value]
        return self.base.replace(n_points=self.w_points.value, noise=self.w_noise.value / 100, **needs)

    def _prepare(self):
        """A new split (and no scores yet) for the current settings."""
        self._cancel = True
        label, field_, values, _ = CV_PARAMS[self.w_param.value]
        self.cv = CrossValidator(self.config(), param=field_, values=values, k=self.w_k.value,
                                 epochs=self.w_epochs.value)
        self.w_fold.max = self.w_k.value
        self.progress.value, self.progress.max = 0, self.cv.total
        self.status.value = ("<span style='color:#444'>"
                             + t("cv.plan", n=len(values), k=self.w_k.value, total=len(values) * self.w_k.value)
                             + "</span>")
        self.messages.say("")
        self._draw_split()
        self._draw_scores()

    def _draw_split(self):
        r, f = self.cv.result, self.w_fold.value - 1
        train, val = r.folds[min(f, len(r.folds) - 1)]
        self.figure.set_split(self.cv.X, self.cv.y, train, val, r.test_idx, DATASETS[self.base.dataset].bounds,
                              t("cv.split_title", f=f + 1, k=r.k, train=len(train), val=len(val),
                                test=len(r.test_idx)))

    def _draw_scores(self):
        r = self.cv.result
        label = t(CV_PARAMS[self.w_param.value][0])
        finished = r.done == r.scores.size
        best = r.best_index if finished else None
        test = r.test_score if finished else None
        self.figure.set_scores(r.values, r.scores, r.mean, r.std, best=best, test_score=test, axis_title=label,
                               score_name=t("cv.val_accuracy"))
        BOLD = " style='font-weight:bold'"
        rows = "".join(
            f"<tr{BOLD if i == best else ''}><td>{v:g}</td><td>{m:.3f}</td><td>± {s:.3f}</td></tr>"
            if not np.isnan(m) else f"<tr><td>{v:g}</td><td>…</td><td></td></tr>"
            for i, (v, m, s) in enumerate(zip(r.values, r.mean, r.std)))
        self.table.value = (f"<table style='font-size:12px;margin-top:6px'><tr><th>{html.escape(label)}</th>"
                            f"<th>{t('cv.mean_accuracy')}</th><th>{t('cv.spread')}</th></tr>{rows}</table>")

    # -- running --------------------------------------------------------------------------------
    def _toggle_run(self):
        if self.task is not None and not self.task.done():
            self._cancel = True
            return
        self.start()

    def start(self):
        """Run the cross-validation as a task on the kernel's event loop (buttons stay responsive)."""
        import asyncio
        if self.cv.result.done:
            self._prepare()
        self._cancel = False
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # ipykernel runs callbacks outside a coroutine in some versions
            loop = asyncio.get_event_loop()
        self.task = loop.create_task(self.run_async())

    async def run_async(self):
        import asyncio
        self.run_button.description, self.run_button.button_style = t("cv.cancel"), "warning"
        self.messages.say(t("cv.running"))
        try:
            cv = self.cv
            for event in cv.steps():
                if self._cancel or cv is not self.cv:  # Cancel pressed, or a setting changed (a new split)
                    self.messages.say(t("cv.stopped"), "warn")
                    return
                self._on_event(event)
                await asyncio.sleep(0.001)  # let clicks and the page's messages through
        except Exception as exc:  # noqa: BLE001 (the learner sees a message)
            self.messages.say(t("app.went_wrong", error=exc), "error")
        finally:
            self.run_button.description, self.run_button.button_style = t("cv.run"), "success"

    def run(self):
        """Everything at once, without an event loop (scripts and tests)."""
        if self.cv.result.done:
            self._prepare()
        for event in self.cv.steps():
            self._on_event(event)
        return self.cv.result

    def _on_event(self, event):
        self.progress.value = event["done"]
        r = self.cv.result
        stage = event["stage"]
        if stage == "fold":
            self.status.value = t("cv.status_fold", value=event["value"], f=event["fold"] + 1, k=r.k,
                                  done=event["fold_done"], total=r.scores.size)
        elif stage == "fold done":
            self._draw_scores()
        elif stage == "test":
            self.status.value = t("cv.status_test", value=event["value"], n=len(r.folds[0][0]) + len(r.folds[0][1]))
        elif stage == "finished":
            self._draw_scores()
            label = t(CV_PARAMS[self.w_param.value][0])
            m, s = r.mean[r.best_index], r.std[r.best_index]
            self.status.value = f"<b>{t('cv.done')}</b>"
            self.messages.say(t("cv.best", label=label, best=r.best_value, mean=m, std=s, k=r.k, test=r.test_score,
                                n=len(r.test_idx)))


# ---------------------------------------------------------------------------------------------
# 4. Evaluating a classifier
# ---------------------------------------------------------------------------------------------

METRIC_DATASETS = {
    "blobs": ("cm.data.blobs", dict(dataset="blobs", n_points=300, noise=0.25, hidden=(6,), activation="relu",
                                  init="he", optimizer="adam", lr=0.01, batch_size=10)),
    "spiral3": ("cm.data.spiral3", dict(dataset="spiral3", n_points=300, noise=0.1, hidden=(16, 16), activation="relu",
                                         init="he", optimizer="adam", lr=0.01, batch_size=10)),
    "iris": ("cm.data.iris", dict(dataset="blobs", hidden=(8,), activation="tanh",
                                                       optimizer="adam", lr=0.01, batch_size=10)),
    "moons": ("cm.data.moons", dict(dataset="moons", n_points=300, noise=0.35, hidden=(8, 8),
                                                activation="relu", init="he", optimizer="adam", lr=0.01, batch_size=10)),
}
IRIS_SCALE = 2.0  # standardised iris measurements × 2 fill the playground's [-6, 6] plane
METRICS_RES = 60
CURVE_THRESHOLDS = np.round(np.linspace(0.01, 0.99, 99), 2)


def iris_session(config: Config, features=(2, 3), *, seed: int = 0):
    """A session on two iris measurements (standardised, ×2), half of the flowers for training.

    Returns ``(session, feature_names, class_names)``. The session's config says ``dataset="blobs"``
    (three classes, multi-class) only to borrow its bounds and problem; the data is iris."""
    X4, y, feature_names, class_names = datasets.load_iris()
    cols = list(features)
    if len(cols) != 2 or len(set(cols)) != 2 or not all(0 <= c < 4 for c in cols):
        raise ValueError(f"features={features!r} is not allowed; choose two different measurements from 0 to 3")
    X = X4[:, cols]
    X = (X - X.mean(axis=0)) / X.std(axis=0) * IRIS_SCALE
    train, test = datasets.split(y, 0.5, seed=seed)
    session = FixedDataSession(config.replace(dataset="blobs", problem="multiclass", loss="ce", n_points=len(y)),
                               X, y, train, test)
    return session, [feature_names[c] for c in cols], list(class_names)


def precision_recall_curve(y_true, p_blue, thresholds=CURVE_THRESHOLDS):
    """Precision and recall of the blue class (1) when ``P(blue) ≥ t``, for every ``t``."""
    y_true = np.asarray(y_true).astype(bool)
    pred = np.asarray(p_blue)[None, :] >= np.asarray(thresholds)[:, None]
    tp = (pred & y_true).sum(axis=1)
    predicted = pred.sum(axis=1)
    precision = np.where(predicted > 0, tp / np.maximum(predicted, 1), 1.0)  # nothing predicted: no false alarm
    recall = tp / max(int(y_true.sum()), 1)
    return precision, recall


class ClassifierMetrics(LiveApp):
    """Train a classifier live and judge it: confusion matrix, accuracy, per-class precision and
    recall, and for a binary problem the decision threshold that trades precision for recall."""

    def __init__(self, data: str = "blobs", *, iris_features=(2, 3), threshold: float = 0.5, lang: str | None = None,
                 **changes):
        self._use_language(lang)
        if data not in METRIC_DATASETS:
            raise ValueError(t("config.choose", name="data", value=data, allowed=", ".join(METRIC_DATASETS)))
        super().__init__(Config().replace(**METRIC_DATASETS["blobs"][1]))
        self.figure = MetricsFigure()
        self.data = data
        self.changes = changes
        X4_names = [t(f"iris.feature{i}") for i in range(4)]  # datasets.load_iris()'s names, in the language
        self.w_data = W.Dropdown(options=[(t(v[0]), k) for k, v in METRIC_DATASETS.items()], value=data,
                                 description=t("cm.data"), style=_STYLE, layout=_WIDE)
        self.w_fx = W.Dropdown(options=list(zip(X4_names, range(4))), value=iris_features[0],
                               description=t("cm.across"), style=_STYLE, layout=W.Layout(width="330px"))
        self.w_fy = W.Dropdown(options=list(zip(X4_names, range(4))), value=iris_features[1],
                               description=t("cm.up"), style=_STYLE, layout=W.Layout(width="330px"))
        self.w_split = W.ToggleButtons(options=[(t("fig.test_points"), "test"), (t("fig.training_points"), "train")],
                                       value="test", description=t("cm.judge_on"),
                                       style={"description_width": "110px", "button_width": "110px"})
        self.w_threshold = W.FloatSlider(threshold, min=0.05, max=0.95, step=0.05, description=t("cm.threshold"),
                                         style=_STYLE, layout=_WIDE, tooltip=t("cm.threshold_tip"))
        for w, cls in ((self.w_data, "data"), (self.w_fx, "fx"), (self.w_fy, "fy"), (self.w_split, "split"),
                       (self.w_threshold, "threshold")):
            w.add_class(f"pg-cm-{cls}")
        self.w_data.observe(lambda _: self._guard(self._load), "value")
        self.w_fx.observe(lambda _: self._guard(self._load), "value")
        self.w_fy.observe(lambda _: self._guard(self._load), "value")
        self.w_split.observe(lambda _: self._guard(self.render), "value")
        self.w_threshold.observe(lambda _: self._guard(self.render), "value")
        self.scores = W.HTML()
        self.scores.add_class("pg-cm-scores")
        controls = W.VBox([self.w_data, self.w_fx, self.w_fy, self.w_split, self.w_threshold, self.scores],
                          layout=W.Layout(width="350px", min_width="350px"))
        self.widget = W.VBox([self.toolbar, self.messages,
                              W.HBox([controls, W.VBox([self.figure.fig], layout=W.Layout(flex="1 1 auto",
                                                                                         min_width="600px"))]),
                              self.pacer])
        self.widget.add_class("pg-classifier-metrics")
        self._load()

    def _load(self):
        """Build the session for the chosen data (weights start again)."""
        self.loop.pause()
        data = self.w_data.value
        base = Config().replace(**METRIC_DATASETS[data][1]).replace(**self.changes)
        if data == "iris":
            if self.w_fx.value == self.w_fy.value:
                raise ValueError(t("cm.two_different"))
            self.session, _axes, self.class_names = iris_session(base, (self.w_fx.value, self.w_fy.value))
            axes = tuple(t("cm.standardised", name=t(f"iris.feature{i}"), scale=IRIS_SCALE)
                         for i in (self.w_fx.value, self.w_fy.value))
        else:
            self.session = Session(base)
            n = self.session.config.n_classes
            self.class_names = [t("fig.orange"), t("fig.blue")] if n == 2 else [t("fig.class_k", k=k) for k in range(n)]
            axes = ("x₁", "x₂")
        binary = self.session.config.problem == "binary"
        self.w_threshold.disabled = not binary
        self.w_fx.layout.display = self.w_fy.layout.display = None if data == "iris" else "none"
        s = self.session
        self.figure.set_points(s.X, s.y, s.train_idx, s.test_idx, DATASETS[s.config.dataset].bounds,
                               self.class_names, axes)
        self.messages.say(t("cm.loaded", data=t(METRIC_DATASETS[data][0]), train=len(s.train_idx),
                            test=len(s.test_idx)))
        self.render()

    def metrics(self) -> dict:
        """The metrics shown: ``probes.session_metrics`` on the chosen split at the threshold."""
        return probes.session_metrics(self.session, self.w_split.value, self.w_threshold.value)

    def render(self):
        s, c = self.session, self.session.config
        g = probes.decision_grid(s, METRICS_RES)
        m = self.metrics()
        split_name = t("cm.split_train") if self.w_split.value == "train" else t("cm.split_test")
        curve = None
        if c.problem == "binary":
            z = (g["z"] >= self.w_threshold.value).astype(float)
            zrange, scale = (0, 1), SURFACE
            idx = s.train_idx if self.w_split.value == "train" else s.test_idx
            prec, rec = precision_recall_curve(s.y[idx], s.predict(s.X[idx]))
            curve = (CURVE_THRESHOLDS, prec, rec)
        else:
            z, zrange, scale = g["z"], (-0.5, c.n_classes - 0.5), class_surface_scale(c.n_classes)
        self.figure.update(xs=g["xs"], z=z, zrange=zrange, colorscale=scale, confusion=m["confusion"],
                           precision=m["precision"], recall=m["recall"], split=split_name, curve=curve,
                           threshold=self.w_threshold.value)
        rows = "".join(f"<tr><td>{html.escape(name)}</td><td>{p:.2f}</td><td>{r:.2f}</td></tr>"
                       for name, p, r in zip(self.class_names, m["precision"], m["recall"]))
        self.scores.value = (f"<div style='font-size:13px;margin-top:6px'>{t('cm.accuracy_on', split=split_name)} "
                             f"<b class='pg-cm-accuracy'>{m['accuracy']:.1%}</b>"
                             f"<table style='margin-top:4px'><tr><th>{t('cm.class')}</th><th>{t('cm.precision')}</th>"
                             f"<th>{t('cm.recall')}</th></tr>{rows}</table><div style='color:#555;margin-top:4px'>"
                             f"{t('cm.explain')}</div></div>")
        self.epoch_label.value = self.epoch_text()
