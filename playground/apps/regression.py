"""Regression as an activity: study hours → exam score, fitted live; MSE, MAE and RMSE side by side,
and a capacity control from a straight line (underfitting) to a large network (overfitting).

    from playground import apps
    apps.StudyHours()
    apps.StudyHours(hidden=(64, 64, 64), n_points=20, noise=0.25)
"""

from __future__ import annotations

import ipywidgets as W

from playground import regression
from playground.apps.base import LiveApp
from playground.config import Config
from playground.controls import FieldControls, choice, number, percent
from playground.i18n import t
from playground.session import Session
from playground.views.regression_figure import RegressionFigure

CAPACITIES = ((), (2,), (8,), (32, 32), (64, 64, 64))  # hidden layers: a straight line … a large network


def capacity_label(hidden) -> str:
    return t("regression.line") if not hidden else " × ".join(map(str, hidden))


class StudyHours(LiveApp):
    """Students' study hours and exam scores; a network fits the curve live."""

    DEFAULT = dict(dataset="plane", problem="regression", loss="mse", features=("x1",), hidden=(8,),
                   activation="tanh", optimizer="adam", lr=0.01, batch_size=10, n_points=40, noise=0.2,
                   train_fraction=0.5, seed=0)

    def __init__(self, config: Config | None = None, *, lang: str | None = None, **changes):
        super().__init__(config or Config(**self.DEFAULT), lang=lang, **changes)
        style, wide = {"description_width": "110px"}, W.Layout(width="330px")
        self.listen(FieldControls(self.session.config, {
            "hidden": choice("hidden", CAPACITIES, capacity_label, widget=W.ToggleButtons,
                             description=t("regression.capacity"), style={"button_width": "110px"}),
            "n_points": number("n_points", min=6, max=200, step=2, continuous_update=False,
                               description=t("regression.students"), style=style, layout=wide),
            "noise": percent("noise", min=0, max=50, step=5, continuous_update=False,
                             description=t("regression.luck"), style=style, layout=wide),
        }, css="pg-reg-"))
        self.metrics = W.HTML()
        self.metrics.add_class("pg-reg-metrics")
        self.figure = RegressionFigure()
        w = self.controls.w
        self.widget = W.VBox([self.toolbar, self.messages, w["hidden"], W.HBox([w["n_points"], w["noise"]]),
                              self.figure.fig, self.metrics, self.pacer])
        self.widget.add_class("pg-regression")
        self.redraw()
        self.render()

    def make_session(self, config, changes):
        return Session((config or Config()).replace(**changes), data=regression.study_hours_data)

    def trains_while_idle(self) -> bool:
        return True

    def redraw(self):
        s = self.session
        students = lambda idx: (regression.to_hours(s.X[idx]), regression.to_score(s.y[idx]))  # noqa: E731
        grid = regression.fitted_curve(s)[0]
        self.figure.set_points(students(s.train_idx), students(s.test_idx), (grid, regression.true_score(grid)))

    def render(self):
        s = self.session
        self.figure.update(regression.fitted_curve(s), s.history)
        self.epoch_label.value = self.epoch_text()
        rows = "".join(
            f"<tr><td>{t(f'regression.{split}')}</td>"
            + "".join(f"<td>{m[k]:.1f}</td>" for k in ("mse", "mae", "rmse")) + "</tr>"
            for split, m in (("train", regression.score_metrics(s, s.train_idx)),
                             ("test", regression.score_metrics(s, s.test_idx))))
        head = "".join(f"<th style='padding:0 10px'>{h}</th>" for h in ("", "MSE", "MAE", "RMSE"))
        self.metrics.value = (f"<table style='font-size:14px'><tr>{head}</tr>{rows}</table>"
                              f"<div style='color:#555'>{t('regression.units')}</div>")
