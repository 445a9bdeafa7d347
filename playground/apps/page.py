"""The page boundary: the one place that reads the Voilà request (``QUERY_STRING``,
``VOILA_REQUEST_URL``, ``VOILA_PREHEAT``) and ``PLAYGROUND_LANG``, and decides the language an app
speaks. Nothing else reads the environment for it: the engine and ``playground.i18n`` are told.

The language is, in this order: the app's ``lang=`` (or ``playground.set_language``), the
notebook's edition (a notebook in ``notebooks/ko/`` is the Korean edition: its prose is Korean, so
its apps speak Korean whatever the link says), the page's ``?lang=``, ``PLAYGROUND_LANG``, else
English. A bad ``?lang=`` is a note for the learner (``language_note``), a bad ``PLAYGROUND_LANG``
a warning for whoever started the server.

The page's link may also ask for presenter mode (``presenter=1``: text, points and lines large enough
for a projector; ``presenter``). ``lang`` and ``presenter`` are page settings, not ``Config`` fields:
``split_language`` takes both out of a link before its config is read.

A preheated Voilà kernel builds its app before anybody asks for the page: the request is known
only later (``request(wait=True)``, once: ``voila.utils.wait_for_request``). The app is then built
in the server's language and put into the page's when it is displayed (``App.localize``).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from playground import i18n
from playground.i18n import Text, check_language
from playground.query import Query

PAGE_SETTINGS = ("lang", "presenter")  # keys of a page link that are the page's, not the config's
PRESENTER_ON = ("", "1", "on", "yes", "true")
_PREHEAT_QUERY: str | None = None  # a preheated kernel's page query, once its request came
_warned: set = set()


def preheated() -> bool:
    """True in a kernel Voilà started before its page was asked for."""
    return os.environ.get("VOILA_PREHEAT") == "True"


def served() -> bool:
    """True in any kernel Voilà started for a page (preheated or not); False in JupyterLab."""
    return "VOILA_PREHEAT" in os.environ


def page_query(wait: bool = True) -> str:
    """The query string of the Voilà page this kernel serves ('' in JupyterLab or a script).

    A preheated kernel waits for its page's request the first time (``wait``; without it, '' until
    the request has come); later calls return the same query (a second wait would never end).
    """
    global _PREHEAT_QUERY
    if preheated():
        if _PREHEAT_QUERY is None:
            if not wait:
                return ""
            from voila.utils import wait_for_request
            wait_for_request()
            _PREHEAT_QUERY = os.environ.get("QUERY_STRING", "")
        return _PREHEAT_QUERY
    return os.environ.get("QUERY_STRING", "")


def page_url() -> str:
    """The page address without its query ('' when not served by Voilà)."""
    return os.environ.get("VOILA_REQUEST_URL", "").split("?", 1)[0]


def edition() -> str | None:
    """The language of the notebook this kernel runs, if it is an edition in another language than
    English: ``"ko"`` for ``notebooks/ko/*.ipynb``, else None. Voilà and Jupyter start a notebook's
    kernel in the notebook's folder, so the folder says it: one named after a language code, next to
    the landing page ``index.ipynb``."""
    here = Path.cwd()
    if here.name in i18n.LANGUAGES and here.name != "en" and (here.parent / "index.ipynb").is_file():
        return here.name
    return None


def default_language() -> str:
    """The language of a bare link: the notebook's edition, else ``PLAYGROUND_LANG`` (a bad one: a
    warning, once), else English."""
    if edition():
        return edition()
    env = os.environ.get(i18n.ENV_VAR, "").strip()
    if not env:
        return "en"
    try:
        return check_language(env)
    except ValueError as exc:
        if env not in _warned:
            _warned.add(env)
            warnings.warn(f"{i18n.ENV_VAR}: {exc}; using English", stacklevel=3)
        return "en"


def split_language(query: str | Query) -> tuple[Query, str | None, Text | None]:
    """``(query without the page settings, lang or None, note or None)``: ``lang`` and ``presenter``
    are page settings, not ``Config`` fields, so they leave the link before the config is read. A
    language other than those of ``playground.i18n.LANGUAGES`` gives None and a note for the learner
    (repeating what was typed), never an error."""
    query = query if isinstance(query, Query) else Query.parse(query)
    typed = query.typed("lang")
    rest = query
    for key in PAGE_SETTINGS:
        rest = rest.without(key)
    if not typed:
        return rest, None, None
    try:
        return rest, check_language(query.values("lang")[-1]), None
    except ValueError:
        return rest, None, Text("link.bad_language", lang=typed[-1])


def presenter(query: str | None = None, *, wait: bool = False) -> bool:
    """Whether the page's link (or ``query``) asks for presenter mode: ``presenter=1`` (or ``on``,
    ``yes``, ``true``, a bare ``presenter``); ``presenter=0`` or none: off."""
    values = Query.parse(page_query(wait) if query is None else query).values("presenter")
    return bool(values) and values[-1].strip().lower() in PRESENTER_ON


def language_note(wait: bool = False) -> Text | None:
    """A note if the page's link asks for a language there is not (None otherwise)."""
    return split_language(page_query(wait))[2]


def decide_language(lang: str | None = None, *, wait: bool = False) -> str:
    """Decide the language once, where an app is built (``wait``: or displayed, when a preheated
    kernel may learn its page's request), and put it in force; returns it. ``lang`` (an app's
    ``lang=``) is a choice like ``playground.set_language``: a bad one is a ValueError."""
    if lang is not None:
        i18n.set_language(lang)
    page_lang = edition() or split_language(page_query(wait))[1]
    return i18n.set_page_language(page_lang or default_language())
