"""Overfitting and regularisation: train vs validation live; L1, L2, dropout, early stopping, more data.

    from playground import apps
    apps.Overfitting()

The app shows one FigureWidget, never a traceback (errors become a message line) and does its
long work in small steps on the kernel's event loop, so that buttons stay responsive.
"""

from __future__ import annotations

import time

import ipywidgets as W
import numpy as np

from playground import probes
from playground.apps.base import LiveApp
from playground.apps.common import LABEL_STYLE, WIDE, button
from playground.config import REGS, Config, preset
from playground.controls import (OPTIMIZER_LABELS, REG_LABELS, REG_RATES, FieldControls, choice, number, percent,
                                 selection)
from playground.data import DATASETS
from playground.i18n import t
from playground.validation import weight_stats
from playground.views.overfit_figure import OverfitFigure, weight_histogram


MODEL_SIZES = {"big": (16, 16, 16), "medium": (8, 8), "small": (4,), "tiny": (2,)}  # labels: of.model.* in i18n
# The optimizers a learner can choose, with their learning rates. SGD + momentum first: Adam's
# normalised steps (about lr for every weight, whatever its gradient) hide L1's shrinkage of lr·strength.
OPTIMIZER_LR = {"momentum": 0.03, "adam": 0.01}
OPTIMIZER_CODE = {"momentum": "torch.optim.SGD", "adam": "torch.optim.Adam"}
OVERFIT_BASE = dict(optimizer="momentum", lr=OPTIMIZER_LR["momentum"])
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
        self.listen(FieldControls(c, {
            "model": choice("hidden", tuple(MODEL_SIZES.values()), _model_label, description=t("overfitting.model_size"),
                            style=LABEL_STYLE, layout=WIDE),
            "n_points": number("n_points", min=20, max=1000, step=20, description=t("controls.points"),
                               style=LABEL_STYLE, layout=WIDE),
            "noise": percent("noise", min=0, max=50, step=5, description=t("controls.noise"), style=LABEL_STYLE,
                             layout=WIDE),
            "optimizer": choice("optimizer", tuple(OPTIMIZER_LR), OPTIMIZER_LABELS, description=t("controls.optimizer"),
                                style=LABEL_STYLE, layout=WIDE),
            "reg": choice("reg", REGS, REG_LABELS, description=t("controls.reg"), style=LABEL_STYLE, layout=WIDE),
            "reg_rate": selection("reg_rate", REG_RATES, description=t("overfitting.strength"), style=LABEL_STYLE,
                                  layout=WIDE).off(lambda c: c.reg == "none"),
            "dropout": number("dropout", widget=W.FloatSlider, digits=2, min=0, max=0.8, step=0.05,
                              description=t("controls.dropout"), style=LABEL_STYLE, layout=WIDE),
        }, css="pg-of-"))
        self.early = W.Checkbox(False, description=t("overfitting.early"), indent=False, layout=W.Layout(width="130px"))
        self.patience = W.IntSlider(100, min=10, max=500, step=10, description=t("overfitting.patience"),
                                    style={"description_width": "60px"}, layout=W.Layout(width="200px"),
                                    tooltip=t("overfitting.patience_tip"))
        self.early.add_class("pg-of-early")
        self.early.observe(lambda _: self._guard(self._on_early), "value")
        self.pin_button = button(t("overfitting.pin"), t("overfitting.pin_tip"), width="130px")
        self.pin_button.on_click(lambda _: self._guard(self._pin))
        self.stats = W.HTML()
        self.stats.add_class("pg-of-stats")
        w = self.controls.w
        controls = W.VBox([W.HTML(f"<b>{t('overfitting.data')}</b>"), w["n_points"], w["noise"],
                           W.HTML(f"<b>{t('overfitting.model')}</b>"), w["model"], w["dropout"],
                           W.HTML(f"<b>{t('overfitting.regularisation')}</b>"), w["optimizer"], w["reg"], w["reg_rate"],
                           W.HBox([self.early, self.patience]), self.pin_button, self.stats],
                          layout=W.Layout(width="350px", min_width="350px"))
        self.widget = W.VBox([self.toolbar, self.messages,
                              W.HBox([controls, W.VBox([self.figure.fig], layout=W.Layout(flex="1 1 auto",
                                                                                         min_width="600px"))]),
                              self.pacer])
        self.widget.add_class("pg-overfitting")
        self.redraw()
        self.render()

    # -- settings -------------------------------------------------------------------------------
    def adjust(self, new: Config) -> Config:
        if new.reg != "none" and new.reg_rate == 0 and self.session.config.reg == "none":
            new = new.replace(reg_rate=0.01)  # switching a regulariser on with strength 0 would do nothing
        if new.optimizer != self.session.config.optimizer and new.optimizer in OPTIMIZER_LR:
            new = new.replace(lr=OPTIMIZER_LR[new.optimizer])  # each optimizer with the learning rate it needs
        return new

    def on_live(self, new: Config):
        what = t(f"overfitting.what.{new.reg}", code=OPTIMIZER_CODE.get(new.optimizer, "torch.optim"))
        self.messages.say(t("overfitting.live", what=what, optimizer=OPTIMIZER_LABELS[new.optimizer], lr=new.lr))
        if new.optimizer == "adam" and new.reg == "l1":
            self.messages.add(t("overfitting.l1_adam"), "warn")

    def on_rebuilt(self, kind: str):
        self.best, self.stopped_early = None, False
        super().on_rebuilt(kind)

    def _on_early(self):
        self.best, self.stopped_early = None, False
        if self.early.value:
            self.messages.say(t("overfitting.early_on", n=self.patience.value))

    def _pin(self):
        c = self.session.config
        reg = t("overfitting.no_reg") if c.reg == "none" else f"{REG_LABELS[c.reg]} {c.reg_rate:g}"
        label = t("overfitting.pin_label", reg=reg, dropout=c.dropout, epoch=self.session.epoch)
        self.figure.pin(weight_histogram(weight_stats(self.session)["values"]), label)
        self.messages.say(t("overfitting.pinned", label=label))

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
            self.best = (s.epoch, val, s.snapshot())
        elif s.epoch - self.best[0] >= self.patience.value:
            s.restore(self.best[2], weights_only=True)
            self.stopped_early = True

    def _frame(self):
        more = super()._frame()
        if self.stopped_early:
            e, val, _ = self.best
            self.messages.say(t("overfitting.stopped", n=self.patience.value, epoch=e, loss=val))
            self.render()
            return False
        return more

    # -- drawing --------------------------------------------------------------------------------
    def redraw(self):
        s = self.session
        self.figure.set_points(s.X, s.y, s.train_idx, s.test_idx, DATASETS[s.config.dataset].bounds)

    def render(self):
        s = self.session
        g = probes.decision_grid(s, OVERFIT_RES)
        stats = weight_stats(s, NEAR_ZERO)
        best = (self.best[0], self.best[1]) if self.best is not None else None
        title = t("overfitting.weights_title", count=stats["count"], zero=stats["zero"], near=stats["near_zero"], eps=NEAR_ZERO,
                  mean=np.abs(stats["values"]).mean())
        self.figure.update(xs=g["xs"], z=g["z"], history=s.history, best=best,
                           counts=weight_histogram(stats["values"]), title=title)
        self.stats.value = ("<div style='font-size:12px;color:#444'>"
                            + t("overfitting.stats", zero=f"<b class='pg-of-zero'>{stats['zero']}</b>", count=stats["count"],
                                near=f"<b class='pg-of-near'>{stats['near_zero']}</b>") + "</div>")
        self.epoch_label.value = self.epoch_text()

    def epoch_text(self) -> str:
        s = self.session
        h = s.history
        return (f"<span class='pg-epoch-value'>{t('app.epoch', epoch=s.epoch)}</span> · "
                + t("overfitting.epoch_text", train=h["train_loss"][-1], val=h["test_loss"][-1], acc=h["test_acc"][-1]))


def _model_label(hidden: tuple) -> str:
    """A model size's label: its name in ``MODEL_SIZES``, or its layers ("6-3") when a link brought another."""
    name = next((n for n, h in MODEL_SIZES.items() if h == hidden), None)
    return t(f"overfitting.model.{name}") if name else "-".join(map(str, hidden)) or t("overfitting.no_hidden")
