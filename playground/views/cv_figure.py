"""The cross-validation figure: the data split into training, validation and test points for one
fold, and the per-fold scores with their mean ± spread for each value of the hyperparameter.

Plotly only; ``update`` takes plain arrays.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.i18n import t
from playground.views.colors import CLASS_COLORS

ROLES = (("training", "circle", 8, "white"), ("validation", "diamond", 10, "black"),
         ("test", "square", 8, "#555"))  # names: cvfig.<role> in playground.i18n


class CVFigure:
    TRAIN, VAL, TEST = 0, 1, 2
    FOLDS, MEAN, BEST, TEST_SCORE = 3, 4, 5, 6

    def __init__(self, height=500):
        fig = make_subplots(rows=1, cols=2, column_widths=[0.42, 0.58], horizontal_spacing=0.1,
                            subplot_titles=(t("cv_figure.title_split"), t("cv_figure.title_scores")))
        for role, symbol, size, rim in ROLES:
            marker = dict(symbol=symbol, size=size, line=dict(width=1.5 if rim else 2, color=rim or "#555"))
            fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=t(f"cv_figure.{role}"), marker=marker,
                                     hovertemplate=t(f"cv_figure.hover_{role}")), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=t("cv_figure.one_fold"),
                                 marker=dict(size=8, color="#56b4e9", opacity=0.8, line=dict(width=1, color="#1d4e89")),
                                 hovertemplate=t("cv_figure.hover_fold")), 1, 2)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines+markers", name=t("cv_figure.mean"),
                                 line=dict(color="#222", width=2), marker=dict(size=9, color="#222"),
                                 error_y=dict(type="data", array=[], visible=True, color="#222", thickness=1.5, width=8),
                                 hovertemplate=t("cv_figure.hover_mean")), 1, 2)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=t("cv_figure.best"),
                                 marker=dict(symbol="star", size=18, color="#f0e442", line=dict(width=1, color="#333")),
                                 hoverinfo="skip"), 1, 2)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers+text", name=t("cv_figure.test_score"),
                                 textposition="middle right", marker=dict(symbol="square", size=11, color="#d55e00"),
                                 hovertemplate=t("cv_figure.hover_test_score")), 1, 2)
        fig.update_layout(height=height, margin=dict(l=50, r=10, t=40, b=40), plot_bgcolor="white",
                          legend=dict(orientation="h", x=0, y=-0.16, font=dict(size=11)), uirevision="keep",
                          dragmode=False, hovermode="closest")
        fig.update_xaxes(constrain="domain", row=1, col=1)
        fig.update_yaxes(scaleanchor="x", constrain="domain", row=1, col=1)
        # no axis lines here: plotly.js draws them at NaN (console errors) while this subplot has no data
        fig.update_xaxes(type="category", row=1, col=2)
        fig.update_yaxes(gridcolor="#eee", row=1, col=2)
        self.fig = go.FigureWidget(fig)

    def set_split(self, X, y, train_idx, val_idx, test_idx, bounds, title):
        colors = np.array(CLASS_COLORS)
        with self.fig.batch_update():
            for trace, idx in ((self.TRAIN, train_idx), (self.VAL, val_idx), (self.TEST, test_idx)):
                tr = self.fig.data[trace]
                tr.x, tr.y = np.round(X[idx, 0], 3), np.round(X[idx, 1], 3)
                tr.marker.color = list(colors[np.asarray(y[idx], int)])
            self.fig.layout.xaxis.range = list(bounds)
            self.fig.layout.yaxis.range = list(bounds)
            self.fig.layout.annotations[0].text = title

    def set_scores(self, labels, scores, mean, std, *, best=None, test_score=None, axis_title="", score_name=""):
        """``scores`` (values × folds, NaN where not run yet); ``best`` an index; ``test_score`` a number."""
        labels = [str(v) for v in labels]
        rows, cols = np.nonzero(~np.isnan(scores))
        with self.fig.batch_update():
            f = self.fig.data[self.FOLDS]
            f.x = [labels[r] for r in rows]
            f.y = scores[rows, cols]
            f.customdata = [t("cv_figure.fold_of", label=labels[r], f=c + 1) for r, c in zip(rows, cols)]
            m = self.fig.data[self.MEAN]
            done = ~np.isnan(mean)
            m.x = [lab for lab, d in zip(labels, done) if d]
            m.y = mean[done]
            m.error_y.array = std[done]
            b, ts = self.fig.data[self.BEST], self.fig.data[self.TEST_SCORE]
            b.x, b.y = ([labels[best]], [mean[best]]) if best is not None else ([], [])
            ts.x, ts.y, ts.text = (([labels[best]], [test_score], [t("cv_figure.test_text", score=test_score)])
                                if best is not None and test_score is not None and np.isfinite(test_score)
                                else ([], [], []))
            self.fig.layout.xaxis2.title.text = axis_title
            self.fig.layout.xaxis2.categoryarray = labels
            self.fig.layout.xaxis2.categoryorder = "array"
            # an empty category axis has no range: plotly.js would draw its lines at NaN (console errors)
            self.fig.layout.xaxis2.range = [-0.5, len(labels) - 0.5]
            self.fig.layout.yaxis2.title.text = score_name
