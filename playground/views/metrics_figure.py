"""The classifier-metrics figure: decision surface, confusion matrix, per-class precision and recall,
and (binary problems) precision and recall against the decision threshold.

Plotly only; ``update`` takes plain arrays.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.i18n import t
from playground.views.colors import CLASS_COLORS, SURFACE

CONFUSION_SCALE = [[0.0, "#ffffff"], [1.0, "#1d4e89"]]


def class_surface_scale(n_classes):
    """A stepped colourscale: class k (0..K-1) gets a light version of its colour."""
    light = ["#f9be84", "#8dbde0", "#8fd6bd", "#e6b3d0", "#b4dcf3", "#f0a97f"]
    scale = []
    for k in range(n_classes):
        scale += [[k / n_classes, light[k]], [(k + 1) / n_classes, light[k]]]
    return scale


class MetricsFigure:
    SURFACE, TRAIN, TEST = 0, 1, 2
    CONFUSION = 3
    PRECISION, RECALL = 4, 5
    CURVE_P, CURVE_R, THRESHOLD = 6, 7, 8

    def __init__(self, height=700):
        fig = make_subplots(rows=2, cols=2, row_heights=[0.6, 0.4], horizontal_spacing=0.12, vertical_spacing=0.16,
                            subplot_titles=(t("metrics_figure.title_surface"), t("metrics_figure.confusion", split=t("classifier_metrics.split_test")),
                                            t("metrics_figure.title_per_class"), t("metrics_figure.title_curve")))
        fig.add_trace(go.Heatmap(z=[[0.0]], showscale=False, colorscale=SURFACE, hoverinfo="skip"), 1, 1)
        for name, rim, symbol in ((t("figure.training_points"), "white", "circle"), (t("figure.test_points"), "black", "diamond")):
            fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=name,
                                     marker=dict(size=7, symbol=symbol, line=dict(width=1, color=rim)),
                                     hovertemplate="%{customdata}<extra></extra>"), 1, 1)
        fig.add_trace(go.Heatmap(z=[[0]], colorscale=CONFUSION_SCALE, showscale=False, zmin=0, texttemplate="%{z}",
                                 textfont=dict(size=16), xgap=2, ygap=2,
                                 hovertemplate=t("metrics_figure.hover_confusion")), 1, 2)
        fig.add_trace(go.Bar(x=[], y=[], name=t("classifier_metrics.precision"), marker_color="#444444", texttemplate="%{y:.2f}",
                             textposition="outside"), 2, 1)
        fig.add_trace(go.Bar(x=[], y=[], name=t("classifier_metrics.recall"), marker_color="#cc79a7", texttemplate="%{y:.2f}",
                             textposition="outside"), 2, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=t("metrics_figure.precision_blue"), showlegend=False,
                                 line=dict(color="#444444", width=2)), 2, 2)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=t("metrics_figure.recall_blue"), showlegend=False,
                                 line=dict(color="#cc79a7", width=2)), 2, 2)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=t("classifier_metrics.threshold"), showlegend=False,
                                 line=dict(color="#222", width=2, dash="dot"), hoverinfo="skip"), 2, 2)
        fig.update_layout(height=height, margin=dict(l=50, r=10, t=40, b=30), plot_bgcolor="white", barmode="group",
                          legend=dict(orientation="h", x=0, y=1.08, font=dict(size=11)), uirevision="keep",
                          dragmode=False, hovermode="closest")
        fig.update_xaxes(constrain="domain", row=1, col=1)
        fig.update_yaxes(scaleanchor="x", constrain="domain", row=1, col=1)
        fig.update_xaxes(title_text=t("metrics_figure.predicted"), side="bottom", row=1, col=2, constrain="domain")
        fig.update_yaxes(title_text=t("metrics_figure.true"), autorange="reversed", row=1, col=2, scaleanchor="x2",
                         constrain="domain")
        fig.update_yaxes(range=[0, 1.18], row=2, col=1, gridcolor="#eee", tickvals=[0, 0.25, 0.5, 0.75, 1])
        fig.update_xaxes(title_text=t("metrics_figure.threshold_axis"), range=[0, 1], row=2, col=2, gridcolor="#eee")
        fig.update_yaxes(range=[0, 1.05], row=2, col=2, gridcolor="#eee")
        self.fig = go.FigureWidget(fig)

    def set_points(self, X, y, train_idx, test_idx, bounds, class_names, axis_titles=("x₁", "x₂")):
        colors = np.array(CLASS_COLORS)
        names = np.array(class_names)
        with self.fig.batch_update():
            for trace, idx in ((self.TRAIN, train_idx), (self.TEST, test_idx)):
                tr = self.fig.data[trace]
                tr.x, tr.y = np.round(X[idx, 0], 3), np.round(X[idx, 1], 3)
                tr.marker.color = list(colors[np.asarray(y[idx], int)])
                tr.customdata = list(names[np.asarray(y[idx], int)])
            self.fig.layout.xaxis.range = list(bounds)
            self.fig.layout.yaxis.range = list(bounds)
            self.fig.layout.xaxis.title.text, self.fig.layout.yaxis.title.text = axis_titles
            c = self.fig.data[self.CONFUSION]
            c.x = c.y = list(class_names)
            self.fig.data[self.PRECISION].x = self.fig.data[self.RECALL].x = list(class_names)

    def update(self, *, xs, z, zrange, colorscale, confusion, precision, recall, split, curve=None, threshold=None):
        with self.fig.batch_update():
            s = self.fig.data[self.SURFACE]
            s.x = s.y = np.round(xs, 3)
            s.z = np.round(np.asarray(z, float), 3)
            s.zmin, s.zmax = zrange
            s.colorscale = colorscale
            c = self.fig.data[self.CONFUSION]
            c.z = np.asarray(confusion).tolist()
            c.zmax = max(1, int(np.asarray(confusion).sum(axis=1).max()))
            self.fig.data[self.PRECISION].y = np.round(precision, 4)
            self.fig.data[self.RECALL].y = np.round(recall, 4)
            self.fig.layout.annotations[1].text = t("metrics_figure.confusion", split=split)
            self.fig.layout.annotations[2].text = t("metrics_figure.per_class", split=split)
            p, r, th = self.fig.data[self.CURVE_P], self.fig.data[self.CURVE_R], self.fig.data[self.THRESHOLD]
            if curve is None:
                p.x = p.y = r.x = r.y = th.x = th.y = []
                self.fig.layout.annotations[3].text = t("metrics_figure.binary_only")
            else:
                ths, prec, rec = curve
                p.x, p.y, r.x, r.y = ths, np.round(prec, 4), ths, np.round(rec, 4)
                th.x, th.y = [threshold, threshold], [0, 1.05]
                self.fig.layout.annotations[3].text = t("metrics_figure.blue_curve")
