"""The opening page's figure: the same 2-D points twice, with their labels (supervised learning) and
grouped by k-means without them (unsupervised), the groups' centres marked."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from playground.i18n import t
from playground.views.colors import CLASS_COLORS, CLASS_SYMBOLS


class KindsFigure:
    LABELLED, GROUPED, CENTERS = range(3)

    def __init__(self, height=400):
        fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.08,
                            subplot_titles=(t("kinds.title_labels"), t("kinds.title_groups")))
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", showlegend=False,
                                 hovertemplate=t("kinds.hover_label")), 1, 1)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", showlegend=False,
                                 hovertemplate=t("kinds.hover_group")), 1, 2)
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=t("kinds.centers"), showlegend=False,
                                 marker=dict(symbol="x", size=16, color="#111", line=dict(width=2, color="white")),
                                 hoverinfo="skip"), 1, 2)
        fig.update_layout(height=height, margin=dict(l=40, r=20, t=40, b=30), plot_bgcolor="white",
                          uirevision="keep")
        for col in (1, 2):
            fig.update_xaxes(range=[-6.5, 6.5], title_text="x₁", row=1, col=col,
                             gridcolor="#eee", zeroline=False)
            fig.update_yaxes(range=[-6.5, 6.5], title_text="x₂", row=1, col=col, gridcolor="#eee", zeroline=False)
        self.fig = go.FigureWidget(fig)

    def update(self, X, y, groups, centers):
        X = np.round(np.asarray(X, float), 3)
        colors = lambda v: [CLASS_COLORS[int(c) % len(CLASS_COLORS)] for c in v]  # noqa: E731
        symbols = lambda v: [CLASS_SYMBOLS[int(c) % len(CLASS_SYMBOLS)] for c in v]  # noqa: E731
        with self.fig.batch_update():
            d = self.fig.data
            d[self.LABELLED].update(x=X[:, 0], y=X[:, 1], customdata=np.asarray(y, int),
                                    marker=dict(size=7, color=colors(y), symbol=symbols(y),
                                                line=dict(width=0.5, color="white")))
            d[self.GROUPED].update(x=X[:, 0], y=X[:, 1], customdata=np.asarray(groups, int) + 1,
                                   marker=dict(size=7, color=colors(np.asarray(groups) + 2), symbol="circle",
                                               line=dict(width=0.5, color="white")))
            d[self.CENTERS].update(x=np.round(centers[:, 0], 3), y=np.round(centers[:, 1], 3))
