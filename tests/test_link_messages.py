"""What a careless or hostile link or text box makes the apps say (issue 19): long values are cut,
every message a learner can trigger is in the page's language, a bad ``lang`` is repeated as it
was typed, and a bad language never hides another note (nor the landing page's silence)."""

from __future__ import annotations

import html
import sys
import types

import pytest

from playground import i18n


@pytest.fixture(autouse=True)
def no_page(monkeypatch):
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)


def said(app) -> str:
    return html.unescape(app.messages.value)


def test_a_60000_character_link_value_is_cut_in_the_message():
    from playground import apps
    app = apps.Playground(query="dataset=" + "x" * 60_000)
    assert "could not be used" in said(app) and "xxx…" in said(app)
    assert len(said(app)) < 1000
    app = apps.Playground(query="x" * 60_000 + "=1")
    assert len(said(app)) < 1000


@pytest.mark.parametrize("lang, words", [("en", "whole number from 0 to 2147483647"), ("ko", "시드")])
def test_a_seed_of_5000_digits_gets_a_message_in_the_pages_language(lang, words):
    from playground import apps
    app = apps.Playground(query="", lang=lang)
    app.controls.seed.value = "9" * 5000
    text = said(app)
    assert "pg-error" in text and words in text and "…" in text
    assert "Exceeds" not in text and "4300" not in text and len(text) < 600


def test_an_engine_error_is_worded_in_the_language_of_the_page_once_it_is_known(monkeypatch):
    """A preheated kernel builds the Playground before its request: the link's message, made in
    English then, is Korean once the page says ?lang=ko."""
    from playground import apps
    from playground.apps import page

    def wait_for_request():
        monkeypatch.setenv("QUERY_STRING", "lang=ko&lr=banana")

    fake = types.ModuleType("voila.utils")
    fake.wait_for_request = wait_for_request
    monkeypatch.setitem(sys.modules, "voila.utils", fake)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setattr(page, "_PREHEAT_QUERY", None)
    app = apps.Playground()
    assert "lr='banana' in the link is not a number" in said(app) and app.play.description == "Play"
    app.localize()  # what displaying it does
    assert "링크의 설정을 쓸 수 없어" in said(app) and "숫자" in said(app) and "banana" in said(app)
    assert app.play.description == "실행"


def test_a_plus_in_a_bad_lang_is_shown_as_typed(monkeypatch):
    from playground import apps
    assert "'k+o'" in said(apps.Playground(query="lang=k+o"))
    monkeypatch.setenv("QUERY_STRING", "lang=k+o%21")
    app = apps.Activations()
    app.localize()
    assert "'k+o!' could not be used" in said(app)


def test_the_landing_page_says_a_bad_language(monkeypatch):
    from playground.apps.landing import app_list
    monkeypatch.setenv("QUERY_STRING", "lang=fr")
    text = html.unescape(app_list().value)
    assert "'fr' could not be used; choose en (English) or ko (한국어)" in text
    monkeypatch.setenv("QUERY_STRING", "lang=ko")
    assert "could not be used" not in html.unescape(app_list().value)


@pytest.mark.parametrize("query, build", [
    ("lang=fr&dataset=spiral3", dict(dataset="circle", hidden=())),  # the link's settings cannot be drawn
    ("lang=fr", dict(dataset="spiral3")),  # the app's own settings cannot be drawn
])
def test_space_warping_shows_a_bad_language_and_bad_settings_both(monkeypatch, query, build):
    from playground import apps
    monkeypatch.setenv("QUERY_STRING", query)
    app = apps.SpaceWarp(**build)
    app.localize()
    text = said(app)
    assert "two-class problems" in text and "'fr' could not be used" in text
    assert "Settings restored" not in text and ("pg-error" in text or "pg-warn" in text)


@pytest.mark.parametrize("lang, words", [("en", "300 points already"), ("ko", "300개입니다")])
def test_drawing_past_the_most_points_says_so_in_the_pages_language(monkeypatch, lang, words):
    from playground import apps, session
    monkeypatch.setattr(session, "MAX_POINTS", 300)  # (8000 really: 6000 clicks past the most generated)
    app = apps.Playground(query="", lang=lang, n_points=300)
    app.draw.value = 1  # "draw points: orange"
    app._on_plane_click(0.5, 0.5)  # what a click on the output plane calls
    assert words in said(app), said(app)
    assert len(app.session.X) == 300
