"""Fitting the screen, headless (issue 18): presenter mode set by a link (``presenter=1``) and by
the page's toggle is the same state; plotly sizes scale and come back; a link's page settings never
reach the config. What the page draws at each width is tested in tests/browser/test_fit_browser.py."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from playground import apps
from playground.apps import page
from playground.apps.common import read_link, widgets_in
from playground.config import Config
from playground.views.fit import PLOTLY_FONT, PRESENTER_SCALE, PageFit, is_figure, scale_figure


@pytest.fixture(autouse=True)
def no_page(monkeypatch):
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)


def state(app):
    """What presenter mode changes: the root's class, the toggle, every canvas' scale, every
    figure's font size and the sizes of its traces."""
    root = app.page_widget()
    figures = [w for w in widgets_in(app.widget) if is_figure(w)]
    return dict(
        css="pg-presenter" in root._dom_classes, toggle=app.presenter_toggle.value,
        scales=[w.scale for w in widgets_in(app.widget) if not is_figure(w) and w.has_trait("scale")],
        figures=[(f.layout.font.size or PLOTLY_FONT, [t.to_plotly_json().get("marker", {}).get("size") for t in f.data],
                  [t.to_plotly_json().get("line", {}).get("width") for t in f.data]) for f in figures])


@pytest.mark.parametrize("make", [apps.Playground, apps.Losses, apps.CnnDigits, apps.Sequences])
def test_the_link_and_the_toggle_set_the_same_presenter_mode(monkeypatch, make):
    plain = make()
    plain.show_page()
    before = state(plain)
    assert not before["css"] and not before["toggle"]

    monkeypatch.setenv("QUERY_STRING", "presenter=1")
    linked = make()
    linked.show_page()
    monkeypatch.delenv("QUERY_STRING")
    plain.presenter_toggle.value = True  # a learner clicks the toggle
    assert linked.presenter and plain.presenter
    assert state(linked) == state(plain)
    on = state(plain)
    assert on["css"] and on["toggle"]
    assert all(s == PRESENTER_SCALE for s in on["scales"]) and (on["scales"] or on["figures"])
    for (size, *_), (size0, *_) in zip(on["figures"], before["figures"]):
        assert size == pytest.approx(PRESENTER_SCALE * size0)

    plain.presenter_toggle.value = False
    assert state(plain) == before


def test_a_figure_scales_its_fonts_markers_and_lines_and_comes_back():
    fig = go.FigureWidget(go.Scatter(x=[1], y=[1], mode="markers+lines", marker=dict(size=8, line=dict(width=1)),
                                     line=dict(width=2), textfont=dict(size=10)))
    fig.add_annotation(text="a", font=dict(size=16))
    scale_figure(fig, 1.5)
    trace = fig.data[0]
    assert (fig.layout.font.size, trace.marker.size, trace.marker.line.width, trace.line.width, trace.textfont.size,
            fig.layout.annotations[0].font.size) == (18, 12, 1.5, 3, 15, 24)
    trace.marker.size = 20  # the app draws its points at a new size while presenting
    scale_figure(fig, 1.0)
    assert (fig.layout.font.size, trace.marker.size, trace.line.width, fig.layout.annotations[0].font.size) == (12, 20, 2, 16)
    scale_figure(fig, 1.5)
    assert trace.marker.size == 30


def test_presenter_is_a_page_setting_not_a_config_field():
    assert page.presenter("presenter=1") and page.presenter("dataset=xor&presenter=on") and page.presenter("presenter")
    assert not page.presenter("presenter=0") and not page.presenter("") and not page.presenter("presenter=maybe")
    config, note, kind = read_link("presenter=1&lr=0.1", Config())
    assert config == Config().replace(lr=0.1) and kind == "info"
    config, note, kind = read_link("presenter=1", Config())
    assert config == Config() and kind == "info" and not str(note)


def test_every_app_is_shown_in_a_root_that_fits_it():
    app = apps.Perceptron()
    root = app.show_page()
    assert "pg-app" in root._dom_classes and root.children[1] is app.widget
    assert isinstance(root.children[-1], PageFit)
    figures = [w for w in widgets_in(app.widget) if is_figure(w)]
    assert figures and all(f._config.get("responsive") for f in figures)  # the page may re-size them
    assert all(f.layout.width is None for f in figures)  # ... to the app's width, not a fixed one


def test_the_space_warping_panels_fit_the_width_the_page_reports():
    app = apps.SpaceWarp(dataset="circle", hidden=(3, 2), activation="relu")
    app.show_page()
    app.render()
    fig = app.figure.fig
    wide, shown = fig.layout.width, app.figure.shown
    assert shown == 3 and wide > 700
    app.fit.width = 700  # the page says: the app is 700 px wide
    assert fig.layout.width == 700 and app.figure.shown == shown
    plot_w = 700 - fig.layout.margin.l - fig.layout.margin.r
    domain = fig.layout.xaxis1.domain
    side = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert plot_w * (domain[1] - domain[0]) == pytest.approx(side, abs=1)  # still square
    app.fit.width = 300  # narrower than three readable panels: the page scales the figure (views.fit)
    assert fig.layout.width == 75 + 3 * 170
    app.fit.width = 3000
    assert fig.layout.width == wide


def _sizes_of(app) -> list[dict]:
    """Every explicit font size, marker size and line width of every figure of ``app``."""
    from playground.views.fit import _sizes
    figures = [w for w in widgets_in(app.widget) if is_figure(w)]
    out = []
    for f in figures:
        out.append({("font", "size"): PLOTLY_FONT, **dict(_sizes(f.layout.to_plotly_json()))})  # plotly's default
        out += [dict(_sizes(trace.to_plotly_json())) for trace in f.data]
    return out


@pytest.mark.parametrize("name", apps.__all__)
def test_presenter_mode_survives_the_frames_an_app_draws(name):
    """Frames draw annotations, points and lines again (a step of the backward pass, a new warp):
    in presenter mode they come out 1.5 times as large as the same frames of the plain app."""
    plain, shown = getattr(apps, name)(), getattr(apps, name)()
    plain.show_page()
    shown.show_page()
    shown.presenter_toggle.value = True
    for app in (plain, shown):
        for _ in range(2):
            if callable(getattr(getattr(app, "session", None), "train_for", None)):
                app.session.train_for(0.01)
            for name in app.draws:
                if callable(getattr(app, name, None)):
                    getattr(app, name)()
    for small, large in zip(_sizes_of(plain), _sizes_of(shown), strict=True):
        assert large.keys() == small.keys()
        for path, size in small.items():
            assert large[path] == pytest.approx(PRESENTER_SCALE * size, abs=1e-3), (name, path)
