"""Restricted Boltzmann machines, live: filters, a digit and its reconstruction after k Gibbs steps,
the pseudo-likelihood over time; then a deep belief network against raw pixels.

    from playground import apps
    apps.RBMDigits()
    apps.RBMDigits(n_hidden=64)
"""

from __future__ import annotations

import math

import ipywidgets as W
import numpy as np

from playground import rbm
from playground.apps.base import LiveApp
from playground.controls import FieldControls, choice, selection
from playground.i18n import t
from playground.views.colors import BLUE, CLASS_COLORS
from playground.views.panels_canvas import PanelsCanvas, curves, curves_panel, heatmap, heatmap_panel

HIDDEN = (16, 36, 64, 100)
RATES = (0.01, 0.02, 0.05, 0.1, 0.2)


def mosaic(images, cols, size=8):
    """Images (n, size²) side by side in rows of ``cols``, one blank (NaN) pixel between them."""
    n = len(images)
    rows = math.ceil(n / cols)
    out = np.full((rows * (size + 1) - 1, cols * (size + 1) - 1), np.nan)
    for k, img in enumerate(images):
        r, c = divmod(k, cols)
        out[r * (size + 1):r * (size + 1) + size, c * (size + 1):c * (size + 1) + size] = img.reshape(size, size)
    return out


class RBMDigits(LiveApp):
    """A Bernoulli RBM on binarised digits, trained by contrastive divergence (scikit-learn)."""

    def __init__(self, config: rbm.RBMConfig | None = None, *, lang: str | None = None, **changes):
        super().__init__(config, lang=lang, **changes)
        style, wide = {"description_width": "110px"}, W.Layout(width="330px")
        self.listen(FieldControls(self.session.config, {
            "n_hidden": choice("n_hidden", HIDDEN, widget=W.ToggleButtons, description=t("rbm.hidden"),
                               style={"button_width": "60px"}),
            "lr": selection("lr", RATES, description=t("controls.lr"), style=style, layout=wide),
        }, css="pg-rbm-"))
        self.digit = W.IntSlider(0, min=0, max=len(self.session.Xte) - 1, description=t("rbm.digit"), style=style,
                                 layout=wide)
        self.k = W.IntSlider(5, min=1, max=10, description=t("rbm.k"), style=style, layout=wide)
        self.k.add_class("pg-slider-gibbs")
        for w in (self.digit, self.k):
            w.observe(lambda _: None if self._quiet else self._guard(self._redraw_if_idle), "value")
        self.canvas = PanelsCanvas([
            heatmap_panel("filters", t("rbm.title_filters"), width=300, height=300, left=10),
            heatmap_panel("recon", t("rbm.title_recon"), width=520, height=150, left=10),
            curves_panel("pl", t("rbm.title_pl"), width=520, height=200),
        ], columns=2)
        self.dbn_button = W.Button(description=t("rbm.dbn"), button_style="info", layout=W.Layout(width="300px"))
        self.dbn_button.on_click(lambda _: self._guard(self.compare))
        self.dbn = W.HTML()
        self.dbn.add_class("pg-rbm-dbn")
        w = self.controls.w
        self.widget = W.VBox([self.toolbar, self.messages, W.HBox([w["n_hidden"], w["lr"]]),
                              W.HBox([self.digit, self.k]), self.canvas, W.HBox([self.dbn_button]), self.dbn,
                              self.pacer])
        self.widget.add_class("pg-rbm")
        self.render()

    def make_session(self, config, changes):
        return rbm.RBMSession((config or rbm.RBMConfig()).replace(**changes))

    def trains_while_idle(self) -> bool:
        return True

    def epoch_text(self) -> str:
        s = self.session
        return t("rbm.epoch", steps=s.steps, train=s.train_loss, test=s.test_loss)

    def render(self):
        s = self.session
        W_ = s.rbm.components_
        scale = np.abs(W_).max(axis=1, keepdims=True) + 1e-12
        cols = math.ceil(math.sqrt(len(W_)))
        v = s.Xte[self.digit.value]
        recs = rbm.reconstruct(s.rbm, v, self.k.value)
        shown = [v, recs[0]] + ([recs[-1]] if self.k.value > 1 else [])
        self.canvas.update(
            filters=heatmap(mosaic(W_ / scale, cols), xlabel=t("rbm.filters_note")),
            recon=heatmap(mosaic([2 * img - 1 for img in shown], len(shown)),
                          xlabel=t("rbm.recon_note", k=self.k.value)),
            pl=curves({t("rbm.train"): (s.history["train_loss"], BLUE),
                       t("rbm.test"): (s.history["test_loss"], CLASS_COLORS[2])}, xlabel=t("rbm.steps_axis")))
        self.epoch_label.value = self.epoch_text()

    def compare(self):
        """The deep belief network of the notes against logistic regression on the pixels."""
        X, y = rbm.binarised_digits()
        progress = lambda stage: setattr(self.dbn, "value", t(f"rbm.stage_{stage}"))  # noqa: E731
        acc = rbm.deep_belief_network(X, y, progress=progress)
        self.dbn.value = t("rbm.dbn_result", dbn=acc["dbn"], pixels=acc["pixels"])
