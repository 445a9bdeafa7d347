"""Study hours → exam score: the students (training and test), the network's curve and the true one;
beside it the training and test loss over the epochs (log scale)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.i18n import t
from playground.views.colors import BLUE, ORANGE


class RegressionFigure:
    TRAIN, TEST, TRUTH, CURVE, LOSS_TRAIN, LOSS_TEST = range(6)

    def __init__(self, height=400):
        fig = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.1,
                            subplot_titles=(t("regression.title_fit"), t("regression.title_loss")))
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=t("regression.train"),
                                 marker=dict(color=BLUE, size=8, line=dict(width=1, color="white"))), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=t("regression.test"),
                                 marker=dict(color=ORANGE, size=8, symbol="diamond", line=dict(width=1, color="white"))),
                      1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=t("regression.truth"),
                                 line=dict(color="#999", width=1.5, dash="dot")), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=t("regression.model"), line=dict(color="#222", width=3)),
                      1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=t("regression.loss_train"), showlegend=False,
                                 line=dict(color=BLUE, width=2)), 1, 2)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=t("regression.loss_test"), showlegend=False,
                                 line=dict(color=ORANGE, width=2)), 1, 2)
        fig.update_layout(height=height, margin=dict(l=50, r=20, t=40, b=40), plot_bgcolor="white",
                          uirevision="keep", legend=dict(orientation="h", y=-0.15))
        fig.update_xaxes(range=[-0.3, 10.3], title_text=t("regression.hours"), gridcolor="#eee", row=1, col=1)
        fig.update_yaxes(range=[-5, 105], title_text=t("regression.score"), gridcolor="#eee", row=1, col=1)
        fig.update_xaxes(title_text=t("regression.epoch"), gridcolor="#eee", row=1, col=2)
        fig.update_yaxes(type="log", title_text="MSE", gridcolor="#eee", row=1, col=2)
        self.fig = go.FigureWidget(fig)

    def set_points(self, train, test, truth):
        """``train``/``test``: (hours, scores); ``truth``: (hours, scores) of the noiseless curve."""
        with self.fig.batch_update():
            d = self.fig.data
            for k, (h, s) in ((self.TRAIN, train), (self.TEST, test), (self.TRUTH, truth)):
                d[k].update(x=np.round(h, 3), y=np.round(s, 2))

    def update(self, curve, history):
        with self.fig.batch_update():
            d = self.fig.data
            d[self.CURVE].update(x=np.round(curve[0], 3), y=np.round(curve[1], 2))
            d[self.LOSS_TRAIN].update(x=list(history["epoch"]), y=list(history["train_loss"]))
            d[self.LOSS_TEST].update(x=list(history["epoch"]), y=list(history["test_loss"]))
