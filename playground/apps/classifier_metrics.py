"""Evaluating a classifier: confusion matrix, accuracy, precision and recall, threshold.

    from playground import apps
    apps.ClassifierMetrics()

The app shows one FigureWidget, never a traceback (errors become a message line) and does its
long work in small steps on the kernel's event loop, so that buttons stay responsive.
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from playground import data as datasets
from playground import probes
from playground.apps.base import LiveApp
from playground.apps.common import LABEL_STYLE, WIDE
from playground.config import Config
from playground.data import DATASETS
from playground.i18n import t
from playground.session import FixedData, Session
from playground.views.colors import SURFACE
from playground.views.metrics_figure import MetricsFigure, class_surface_scale


METRIC_DATASETS = {
    "blobs": ("classifier_metrics.data.blobs", dict(dataset="blobs", n_points=300, noise=0.25, hidden=(6,), activation="relu",
                                  init="he", optimizer="adam", lr=0.01, batch_size=10)),
    "spiral3": ("classifier_metrics.data.spiral3", dict(dataset="spiral3", n_points=300, noise=0.1, hidden=(16, 16), activation="relu",
                                         init="he", optimizer="adam", lr=0.01, batch_size=10)),
    "iris": ("classifier_metrics.data.iris", dict(dataset="blobs", hidden=(8,), activation="tanh",
                                                       optimizer="adam", lr=0.01, batch_size=10)),
    "moons": ("classifier_metrics.data.moons", dict(dataset="moons", n_points=300, noise=0.35, hidden=(8, 8),
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
    session = Session(config.replace(dataset="blobs", problem="multiclass", loss="ce", n_points=len(y)),
                      data=FixedData(X, y, train, test))
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
                                 description=t("classifier_metrics.data"), style=LABEL_STYLE, layout=WIDE)
        self.w_fx = W.Dropdown(options=list(zip(X4_names, range(4))), value=iris_features[0],
                               description=t("classifier_metrics.across"), style=LABEL_STYLE, layout=W.Layout(width="330px"))
        self.w_fy = W.Dropdown(options=list(zip(X4_names, range(4))), value=iris_features[1],
                               description=t("classifier_metrics.up"), style=LABEL_STYLE, layout=W.Layout(width="330px"))
        self.w_split = W.ToggleButtons(options=[(t("figure.test_points"), "test"), (t("figure.training_points"), "train")],
                                       value="test", description=t("classifier_metrics.judge_on"),
                                       style={"description_width": "110px", "button_width": "110px"})
        self.w_threshold = W.FloatSlider(threshold, min=0.05, max=0.95, step=0.05, description=t("classifier_metrics.threshold"),
                                         style=LABEL_STYLE, layout=WIDE, tooltip=t("classifier_metrics.threshold_tip"))
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
                raise ValueError(t("classifier_metrics.two_different"))
            self.session, _axes, self.class_names = iris_session(base, (self.w_fx.value, self.w_fy.value))
            axes = tuple(t("classifier_metrics.standardised", name=t(f"iris.feature{i}"), scale=IRIS_SCALE)
                         for i in (self.w_fx.value, self.w_fy.value))
        else:
            self.session = Session(base)
            n = self.session.config.n_classes
            self.class_names = [t("figure.orange"), t("figure.blue")] if n == 2 else [t("figure.class_k", k=k) for k in range(n)]
            axes = ("x₁", "x₂")
        binary = self.session.config.problem == "binary"
        self.w_threshold.disabled = not binary
        self.w_fx.layout.display = self.w_fy.layout.display = None if data == "iris" else "none"
        s = self.session
        self.figure.set_points(s.X, s.y, s.train_idx, s.test_idx, DATASETS[s.config.dataset].bounds,
                               self.class_names, axes)
        self.messages.say(t("classifier_metrics.loaded", data=t(METRIC_DATASETS[data][0]), train=len(s.train_idx),
                            test=len(s.test_idx)))
        self.render()

    def metrics(self) -> dict:
        """The metrics shown: ``probes.session_metrics`` on the chosen split at the threshold."""
        return probes.session_metrics(self.session, self.w_split.value, self.w_threshold.value)

    def render(self):
        s, c = self.session, self.session.config
        g = probes.decision_grid(s, METRICS_RES)
        m = self.metrics()
        split_name = t("classifier_metrics.split_train") if self.w_split.value == "train" else t("classifier_metrics.split_test")
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
        self.scores.value = (f"<div style='font-size:13px;margin-top:6px'>{t('classifier_metrics.accuracy_on', split=split_name)} "
                             f"<b class='pg-cm-accuracy'>{m['accuracy']:.1%}</b>"
                             f"<table style='margin-top:4px'><tr><th>{t('classifier_metrics.class')}</th><th>{t('classifier_metrics.precision')}</th>"
                             f"<th>{t('classifier_metrics.recall')}</th></tr>{rows}</table><div style='color:#555;margin-top:4px'>"
                             f"{t('classifier_metrics.explain')}</div></div>")
        self.epoch_label.value = self.epoch_text()
