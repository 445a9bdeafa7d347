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
from playground.controls import REG_LABELS, REG_RATES
from playground.data import DATASETS
from playground.i18n import t
from playground.validation import weight_stats
from playground.views.overfit_figure import OverfitFigure, weight_histogram


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
                                description=t("of.model_size"), style=LABEL_STYLE, layout=WIDE),
            "n_points": W.IntSlider(c.n_points, min=20, max=1000, step=20, description=t("controls.points"),
                                    style=LABEL_STYLE, layout=WIDE),
            "noise": W.IntSlider(round(c.noise * 100), min=0, max=50, step=5, description=t("controls.noise"),
                                 style=LABEL_STYLE, layout=WIDE),
            "reg": W.Dropdown(options=[(REG_LABELS[r], r) for r in REGS], value=c.reg, description=t("controls.reg"),
                              style=LABEL_STYLE, layout=WIDE),
            "reg_rate": W.SelectionSlider(options=tuple(sorted(set(REG_RATES) | {c.reg_rate})), value=c.reg_rate,
                                          description=t("of.strength"), style=LABEL_STYLE, layout=WIDE),
            "dropout": W.FloatSlider(c.dropout, min=0, max=0.8, step=0.05, description=t("controls.dropout"),
                                     style=LABEL_STYLE, layout=WIDE),
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
        self.pin_button = button(t("of.pin"), t("of.pin_tip"), width="130px")
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
            self.best = (s.epoch, val, s.snapshot())
        elif s.epoch - self.best[0] >= self.patience.value:
            s.restore(self.best[2], weights_only=True)
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
