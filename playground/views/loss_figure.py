"""The losses figure: loss and gradient against the prediction (BCE vs MSE), a softmax + cross-entropy
example, and two networks trained side by side (accuracy, and each one's output over the plane)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.i18n import t
from playground.views.colors import BLUE, CLASS_COLORS, ORANGE, SURFACE

CE_COLOR, MSE_COLOR = "#1b7837", "#7b3294"  # cross-entropy and MSE, everywhere in this app


def _r(a, digits=3):
    return np.round(np.asarray(a, float), digits)


class LossFigure:
    (L_BCE, L_MSE, L_PT, G_BCE, G_MSE, G_PT, SOFTMAX, ACC_CE, ACC_MSE, SURF_CE, PTS_CE, SURF_MSE, PTS_MSE) = range(13)

    def __init__(self, height=720):
        fig = make_subplots(
            rows=2, cols=3, horizontal_spacing=0.07, vertical_spacing=0.16,
            subplot_titles=(t("loss_figure.title_loss"), t("loss_figure.title_push"), t("loss_figure.title_multi"),
                            t("loss_figure.title_accuracy"), t("loss_figure.title_ce"), t("loss_figure.title_mse")))
        ps = np.linspace(0.005, 0.995, 199)
        self.ps = ps
        fig.add_trace(go.Scatter(x=ps, y=[], mode="lines", name=t("loss_figure.ce_curve"), line=dict(color=CE_COLOR, width=3)),
                      1, 1)
        fig.add_trace(go.Scatter(x=ps, y=[], mode="lines", name="MSE (1 − p)²", line=dict(color=MSE_COLOR, width=3)), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", showlegend=False, marker=dict(size=11, color="#222"),
                                 hovertemplate="p = %{x:.2f}: %{y:.3f}<extra></extra>"), 1, 1)
        fig.add_trace(go.Scatter(x=ps, y=[], mode="lines", name=t("loss_figure.ce_grad"), showlegend=False,
                                 line=dict(color=CE_COLOR, width=3)), 1, 2)
        fig.add_trace(go.Scatter(x=ps, y=[], mode="lines", name="|2(p − 1)p(1 − p)| (MSE)", showlegend=False,
                                 line=dict(color=MSE_COLOR, width=3)), 1, 2)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", showlegend=False, marker=dict(size=11, color="#222"),
                                 hovertemplate="p = %{x:.2f}: %{y:.3f}<extra></extra>"), 1, 2)
        fig.add_trace(go.Bar(x=[], y=[], showlegend=False, texttemplate="%{y:.2f}", textposition="outside",
                             hovertemplate="%{x}: p = %{y:.3f}<extra></extra>"), 1, 3)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=t("losses.ce_word"), showlegend=False,
                                 line=dict(color=CE_COLOR, width=3)), 2, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name="MSE", showlegend=False,
                                 line=dict(color=MSE_COLOR, width=3)), 2, 1)
        for col in (2, 3):
            fig.add_trace(go.Heatmap(x=[], y=[], z=[[0.5]], zmin=0, zmax=1, colorscale=SURFACE, showscale=False,
                                     hovertemplate=t("figure.hover_p_blue")), 2, col)
            fig.add_trace(go.Scatter(x=[], y=[], mode="markers", showlegend=False, hoverinfo="skip",
                                     marker=dict(size=5, line=dict(width=0.5, color="white"))), 2, col)
        fig.update_layout(height=height, margin=dict(l=45, r=15, t=40, b=40), plot_bgcolor="white", uirevision="keep",
                          dragmode=False, hovermode="closest", legend=dict(orientation="h", x=0, y=1.09))
        fig.update_xaxes(title_text=t("loss_figure.x_p_blue"), range=[0, 1], row=1, col=1)
        fig.update_yaxes(range=[0, 4], gridcolor="#eee", row=1, col=1)
        fig.update_xaxes(title_text=t("loss_figure.x_p"), range=[0, 1], row=1, col=2)
        fig.update_yaxes(range=[0, 1.05], gridcolor="#eee", row=1, col=2)
        fig.update_yaxes(range=[0, 1.15], gridcolor="#eee", row=1, col=3)
        fig.update_xaxes(title_text=t("figure.epoch"), row=2, col=1)
        fig.update_yaxes(range=[0.4, 1.02], gridcolor="#eee", tickformat=".0%", row=2, col=1)
        for col in (2, 3):
            fig.update_xaxes(range=[-6, 6], visible=False, row=2, col=col)
            fig.update_yaxes(range=[-6, 6], visible=False, row=2, col=col)
        self.fig = go.FigureWidget(fig)

    def set_curves(self, g):
        """``g``: ``neuron.loss_gradients`` at the logits of ``self.ps`` with y = 1, plus the losses."""
        with self.fig.batch_update():
            d = self.fig.data
            d[self.L_BCE].y = _r(-np.log(self.ps))
            d[self.L_MSE].y = _r((1 - self.ps) ** 2)
            d[self.G_BCE].y = _r(np.abs(g["dbce_dz"]))
            d[self.G_MSE].y = _r(np.abs(g["dmse_dz"]))

    def mark(self, p, losses, grads):
        with self.fig.batch_update():
            self.fig.data[self.L_PT].update(x=[p, p], y=_r(losses))
            self.fig.data[self.G_PT].update(x=[p, p], y=_r(np.abs(grads)))

    def set_softmax(self, probs, target, loss):
        ks = [t("figure.class_k", k=k) for k in range(len(probs))]
        colors = [CLASS_COLORS[k % len(CLASS_COLORS)] if k == target else "#cccccc" for k in range(len(probs))]
        with self.fig.batch_update():
            self.fig.data[self.SOFTMAX].update(x=ks, y=_r(probs), marker_color=colors)
            self.fig.layout.annotations[2].text = t("loss_figure.softmax_title", target=target, p=probs[target], loss=loss)

    def set_points(self, X, y):
        colors = [BLUE if v else ORANGE for v in y]
        with self.fig.batch_update():
            for trace in (self.PTS_CE, self.PTS_MSE):
                self.fig.data[trace].update(x=_r(X[:, 0], 2), y=_r(X[:, 1], 2), marker=dict(color=colors))

    def update_training(self, *, xs, surf_ce, surf_mse, epochs_ce, acc_ce, epochs_mse, acc_mse, titles):
        with self.fig.batch_update():
            d = self.fig.data
            d[self.SURF_CE].update(x=xs, y=xs, z=_r(surf_ce))
            d[self.SURF_MSE].update(x=xs, y=xs, z=_r(surf_mse))
            d[self.ACC_CE].update(x=list(epochs_ce), y=list(_r(acc_ce)))
            d[self.ACC_MSE].update(x=list(epochs_mse), y=list(_r(acc_mse)))
            self.fig.layout.annotations[4].text = titles[0]
            self.fig.layout.annotations[5].text = titles[1]
