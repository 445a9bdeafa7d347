"""The opening page: the same points with labels (supervised learning) and without them, grouped by
k-means (unsupervised); one point as a sample with its features and its label.

    from playground import apps
    apps.KindsOfLearning()
    apps.KindsOfLearning(dataset="moons", k=2)
"""

from __future__ import annotations

import html

import ipywidgets as W

from playground import unsupervised
from playground.apps.base import App
from playground.apps.common import Messages
from playground.controls import DATASET_LABELS
from playground.data import DATASETS, make_dataset
from playground.i18n import t
from playground.views.kinds_figure import KindsFigure

N_POINTS = 240


class KindsOfLearning(App):
    """Pick a dataset and k: the labelled points beside k-means' groups of the same points."""

    def __init__(self, *, dataset="blobs", k=3, seed=0, lang: str | None = None):
        self._use_language(lang)
        if dataset not in unsupervised.CLASSIFICATION:
            raise ValueError(t("config.choose", name="dataset", value=dataset,
                               allowed=", ".join(unsupervised.CLASSIFICATION)))
        self.messages = Messages()
        self.seed = seed
        style, wide = {"description_width": "90px"}, W.Layout(width="330px")
        self.dataset = W.Dropdown(options=[(DATASET_LABELS[n], n) for n in unsupervised.CLASSIFICATION],
                                  value=dataset, description=t("kinds.dataset"), style=style, layout=wide)
        self.k = W.IntSlider(k, min=1, max=6, description=t("kinds.k"), style=style, layout=wide)
        self.k.add_class("pg-slider-k")
        self.sample = W.IntSlider(0, min=0, max=N_POINTS - 1, description=t("kinds.sample"), style=style,
                                  layout=wide)
        self.info = W.HTML()
        self.info.add_class("pg-kinds-info")
        self.figure = KindsFigure()
        for w in (self.dataset, self.k, self.sample):
            w.observe(lambda _: self._guard(self.render), "value")
        self.widget = W.VBox([W.HBox([self.dataset, self.k, self.sample]), self.messages, self.figure.fig,
                              self.info])
        self.widget.add_class("pg-kinds")
        self.render()

    def render(self):
        name = self.dataset.value
        X, y = make_dataset(name, N_POINTS, noise=0.1, seed=self.seed)
        groups = unsupervised.kmeans(X, self.k.value, seed=self.seed)
        self.figure.update(X, y, groups["labels"], groups["centers"])
        i = self.sample.value
        n_classes = DATASETS[name].n_classes
        match = unsupervised.agreement(groups["labels"], y)
        self.info.value = (
            f"<div>{t('kinds.sample_text', i=i + 1, n=N_POINTS, x1=X[i, 0], x2=X[i, 1], label=int(y[i]))}</div>"
            f"<div>{html.escape(t('kinds.match', k=self.k.value, classes=n_classes, match=match))}</div>")
