"""Validation and k-fold cross-validation over one hyperparameter, with a progress bar.

    from playground import apps
    apps.CrossValidation()

The app shows one FigureWidget, never a traceback (errors become a message line) and does its
long work in small steps on the kernel's event loop, so that buttons stay responsive.
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from playground.apps.base import App
from playground.apps.common import LABEL_STYLE, WIDE, Messages, button
from playground.config import Config
from playground.controls import FieldControls, number, percent
from playground.data import DATASETS
from playground.i18n import t
from playground.validation import CrossValidator
from playground.views.cv_figure import CVFigure


CV_BASE = dict(dataset="moons", n_points=120, noise=0.3, hidden=(16, 16), activation="relu", init="he",
               optimizer="momentum", lr=0.03, batch_size=10, reg="l2")
CV_PARAMS = {  # name: (label, Config field, values, config changes that make the field matter)
    "reg_rate": ("cross_validation.param.reg_rate", "reg_rate", (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3), dict(reg="l2")),
    "dropout": ("cross_validation.param.dropout", "dropout", (0.0, 0.1, 0.2, 0.3, 0.5), dict(reg="none", reg_rate=0.0)),
    "lr": ("cross_validation.param.lr", "lr", (0.001, 0.003, 0.01, 0.03, 0.1, 0.3), dict(reg="none", reg_rate=0.0)),
}  # the labels are keys of playground.i18n.TABLE ("L2 strength", ...)


class CrossValidation(App):
    """Choose a hyperparameter by k-fold cross-validation: a test set is held back, the rest is split
    into k folds, and every candidate value is trained k times, validated each time on another fold."""

    draws = App.draws + ("_draw_split", "_draw_scores")

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
                                  description=t("cross_validation.param"), style=LABEL_STYLE, layout=WIDE)
        self.w_k = W.IntSlider(k, min=2, max=10, description=t("cross_validation.k"), style=LABEL_STYLE, layout=WIDE)
        self.w_epochs = W.IntSlider(epochs, min=20, max=400, step=20, description=t("cross_validation.epochs"), style=LABEL_STYLE,
                                    layout=WIDE)
        self.data_controls = FieldControls(self.base, {  # the data: Config fields
            "points": number("n_points", min=40, max=600, step=20, description=t("controls.points"), style=LABEL_STYLE,
                             layout=WIDE),
            "noise": percent("noise", min=0, max=50, step=5, description=t("controls.noise"), style=LABEL_STYLE,
                             layout=WIDE),
        }, css="pg-cv-")
        self.data_controls.on_change(lambda _name: self._guard(self._prepare))
        self.w_fold = W.IntSlider(1, min=1, max=k, description=t("cross_validation.fold"), style=LABEL_STYLE, layout=WIDE)
        for w, cls in ((self.w_param, "param"), (self.w_k, "k"), (self.w_epochs, "epochs"), (self.w_fold, "fold")):
            w.add_class(f"pg-cv-{cls}")
            if w is not self.w_fold:
                w.observe(lambda _: self._guard(self._prepare), "value")
        self.w_fold.observe(lambda _: self._guard(self._draw_split), "value")
        self.run_button = button(t("cross_validation.run"), t("cross_validation.run_tip"), width="180px", style="success")
        self.run_button.on_click(lambda _: self._guard(self._toggle_run))
        self.progress = W.IntProgress(0, min=0, max=1, description="", layout=W.Layout(width="260px"))
        self.progress.add_class("pg-cv-progress")
        self.status = W.HTML()
        self.status.add_class("pg-cv-status")
        self.table = W.HTML()
        self.table.add_class("pg-cv-table")
        controls = W.VBox([self.w_param, self.w_k, self.w_epochs, W.HTML(f"<b>{t('overfitting.data')}</b>"),
                           *self.data_controls.w.values(),
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
        return self.data_controls.read(self.base).replace(**needs)

    def _prepare(self):
        """A new split (and no scores yet) for the current settings."""
        self._cancel = True
        label, field_, values, _ = CV_PARAMS[self.w_param.value]
        self.cv = CrossValidator(self.config(), param=field_, values=values, k=self.w_k.value,
                                 epochs=self.w_epochs.value)
        self.w_fold.max = self.w_k.value
        self.progress.value, self.progress.max = 0, self.cv.total
        self.status.value = ("<span style='color:#444'>"
                             + t("cross_validation.plan", n=len(values), k=self.w_k.value, total=len(values) * self.w_k.value)
                             + "</span>")
        self.messages.say("")
        self._draw_split()
        self._draw_scores()

    def _draw_split(self):
        r, f = self.cv.result, self.w_fold.value - 1
        train, val = r.folds[min(f, len(r.folds) - 1)]
        self.figure.set_split(self.cv.X, self.cv.y, train, val, r.test_idx, DATASETS[self.base.dataset].bounds,
                              t("cross_validation.split_title", f=f + 1, k=r.k, train=len(train), val=len(val),
                                test=len(r.test_idx)))

    def _draw_scores(self):
        r = self.cv.result
        label = t(CV_PARAMS[self.w_param.value][0])
        finished = r.done == r.scores.size
        best = r.best_index if finished else None
        test = r.test_score if finished else None
        self.figure.set_scores(r.values, r.scores, r.mean, r.std, best=best, test_score=test, axis_title=label,
                               score_name=t("cross_validation.val_accuracy"))
        BOLD = " style='font-weight:bold'"
        rows = "".join(
            f"<tr{BOLD if i == best else ''}><td>{v:g}</td><td>{m:.3f}</td><td>± {s:.3f}</td></tr>"
            if not np.isnan(m) else f"<tr><td>{v:g}</td><td>…</td><td></td></tr>"
            for i, (v, m, s) in enumerate(zip(r.values, r.mean, r.std)))
        self.table.value = (f"<table style='font-size:12px;margin-top:6px'><tr><th>{html.escape(label)}</th>"
                            f"<th>{t('cross_validation.mean_accuracy')}</th><th>{t('cross_validation.spread')}</th></tr>{rows}</table>")

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
        self.run_button.description, self.run_button.button_style = t("cross_validation.cancel"), "warning"
        self.messages.say(t("cross_validation.running"))
        try:
            cv = self.cv
            for event in cv.steps():
                if self._cancel or cv is not self.cv:  # Cancel pressed, or a setting changed (a new split)
                    self.messages.say(t("cross_validation.stopped"), "warn")
                    return
                self._on_event(event)
                await asyncio.sleep(0.001)  # let clicks and the page's messages through
        except Exception as exc:  # noqa: BLE001 (the learner sees a message)
            self.messages.say(t("app.went_wrong", error=exc), "error")
        finally:
            self.run_button.description, self.run_button.button_style = t("cross_validation.run"), "success"

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
            self.status.value = t("cross_validation.status_fold", value=event["value"], f=event["fold"] + 1, k=r.k,
                                  done=event["fold_done"], total=r.scores.size)
        elif stage == "fold done":
            self._draw_scores()
        elif stage == "test":
            self.status.value = t("cross_validation.status_test", value=event["value"], n=len(r.folds[0][0]) + len(r.folds[0][1]))
        elif stage == "finished":
            self._draw_scores()
            label = t(CV_PARAMS[self.w_param.value][0])
            m, s = r.mean[r.best_index], r.std[r.best_index]
            self.status.value = f"<b>{t('cross_validation.done')}</b>"
            self.messages.say(t("cross_validation.best", label=label, best=r.best_value, mean=m, std=s, k=r.k, test=r.test_score,
                                n=len(r.test_idx)))
