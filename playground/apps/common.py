"""What every app shares: reading the page's link (its settings and its language), messages,
take-home links, and labels put into the page's language."""

from __future__ import annotations

import base64
import html
import os
import re
from urllib.parse import unquote_plus

import ipywidgets as W

from playground.config import Config
from playground.i18n import check_language, default_language, language, query_language, t, translate_text

_PREHEAT_QUERY: str | None = None  # a preheated kernel's page query, once its request came


def page_query() -> str:
    """The query string of the Voilà page this kernel serves ('' in JupyterLab or a script).

    With preheated kernels the notebook runs before anybody asks for it; Voilà then hands
    the request over when it comes (``voila.utils.wait_for_request``), once: later calls
    return the same query (a second wait would never end).
    """
    global _PREHEAT_QUERY
    if os.environ.get("VOILA_PREHEAT") == "True":
        if _PREHEAT_QUERY is None:
            from voila.utils import wait_for_request
            wait_for_request()
            _PREHEAT_QUERY = os.environ.get("QUERY_STRING", "")
        return _PREHEAT_QUERY
    return os.environ.get("QUERY_STRING", "")


def split_language(query: str) -> tuple[str, str | None, str]:
    """``(query without lang, lang or None, message)``: ``lang`` is a page setting, not a ``Config``
    field, so it leaves the link before the config is read. A language other than those of
    ``playground.i18n.LANGUAGES`` gives None and a message for the learner, never an error."""
    query = query.split("?", 1)[1] if "?" in query else query
    query, hash_ = (query.split("#", 1) + [""])[:2]
    keep, langs = [], []
    for part in query.split("&"):
        key, _, value = part.partition("=")
        if unquote_plus(key).strip() == "lang":
            langs.append(unquote_plus(value))
        elif part:
            keep.append(part)
    rest = "&".join(keep) + (f"#{hash_}" if hash_ else "")
    if not langs:
        return rest, None, ""
    try:
        return rest, check_language(langs[-1]), ""
    except ValueError:
        return rest, None, t("link.bad_language", lang=langs[-1])


def language_note(query: str | None = None) -> str:
    """A message if the page's link (default: ``QUERY_STRING``, never waiting) asks for an unknown language."""
    lang = query_language(query)
    return split_language(f"lang={lang}")[2] if lang is not None else ""


def page_url() -> str:
    """The page address without its query ('' when not served by Voilà)."""
    url = os.environ.get("VOILA_REQUEST_URL", "")
    return url.split("?", 1)[0]


def read_link(query: str, fallback: Config) -> tuple[Config, str, str]:
    """``(config, message, kind)`` of a shareable link: its config, or ``fallback`` when it has none
    or a bad one; ``kind`` is "info" or "warn" (for ``Messages.say``). ``lang`` (the page's
    language) is not part of the config: it is taken out first, and a bad one is a message."""
    query, _lang, lang_note = split_language(query)
    if not query.strip("?&"):
        return fallback, lang_note, "warn" if lang_note else "info"
    try:
        config, note, kind = Config.from_query(query), t("link.restored"), "info"
    except ValueError as exc:
        config, note, kind = fallback, t("link.failed", error=exc), "warn"
    return config, " ".join(filter(None, (note, lang_note))), "warn" if lang_note else kind


def config_from_link(query: str, fallback: Config) -> tuple[Config, str]:
    """The config of a shareable link, or ``fallback`` when there is none.

    Returns ``(config, message)``; a bad link gives ``fallback`` and a message, never an error.
    See ``read_link``, which also says whether the message is a warning.
    """
    config, note, _kind = read_link(query, fallback)
    return config, note


def with_language(url: str) -> str:
    """``url`` with ``lang=`` of the current language when it is not the one a bare link gets."""
    lang = language()
    if lang == default_language() and query_language(url) is None:
        return url
    base, _, rest = url.partition("?")
    rest, _old, _note = split_language(rest)
    return f"{base}?{rest}&lang={lang}" if rest else f"{base}?lang={lang}"


LABEL_STYLE = {"description_width": "110px"}
WIDE = W.Layout(width="330px")  # shared: never change its properties for one widget


def button(description, tooltip="", width="90px", style=""):
    return W.Button(description=description, tooltip=tooltip, button_style=style, layout=W.Layout(width=width))


class Messages(W.HTML):
    """One line for the learner: info, a warning or an error (never a traceback)."""

    COLORS = {"info": "#1d4e89", "warn": "#8a5a00", "error": "#a12020"}

    def say(self, text: str, kind: str = "info"):
        text = translate_text(text)  # a fixed message of the table given in another language
        self.value = (f"<div class='pg-message pg-{kind}' style='color:{self.COLORS[kind]};min-height:1.4em'>"
                      f"{html.escape(text)}</div>") if text else "<div class='pg-message' style='min-height:1.4em'></div>"


def download_link(filename: str, payload: bytes | str, label: str, mime: str = "application/octet-stream") -> str:
    data = payload.encode() if isinstance(payload, str) else payload
    return (f"<a download='{html.escape(filename)}' href='data:{mime};base64,{base64.b64encode(data).decode()}' "
            f"style='margin-right:1em'>{html.escape(translate_text(label))}</a>")


def copy_link_html(url: str) -> str:
    """A read-only field with the link (keeping the page's language) and a button that copies it."""
    safe = html.escape(with_language(url), quote=True)
    copied = html.escape(t("link.copied").replace("'", "’"), quote=True)  # inside a JS string in an attribute
    label = html.escape(t("link.field"), quote=True)
    return (f"<input class='pg-link' readonly value='{safe}' aria-label='{label}' style='width:70%' "
            f"onclick='this.select()'> "
            f"<button class='pg-copy' onclick=\"navigator.clipboard && navigator.clipboard.writeText("
            f"this.previousElementSibling.value); this.textContent='{copied}'\">{html.escape(t('link.copy'))}</button>")


# -- labels built before the page's language was known --------------------------------------------
_TEXT_BETWEEN_TAGS = re.compile(r"(?<=>)([^<>]+)(?=<)|^([^<>]+)$")
_LABEL_TRAITS = ("description", "tooltip", "placeholder")


def _translate_html(value: str, lang: str) -> str:
    def one(m):
        text = m.group(0)
        core = html.unescape(text.strip().replace("&nbsp;", " "))
        new = translate_text(core, lang)
        return text if new == core else text.replace(text.strip(), html.escape(new, quote=False))
    return _TEXT_BETWEEN_TAGS.sub(one, value)


def _localize_figure(fig, lang):
    def put(obj, prop):
        value = getattr(obj, prop, None)
        if isinstance(value, str) and value and translate_text(value, lang) != value:
            setattr(obj, prop, translate_text(value, lang))

    with fig.batch_update():
        layout = fig.layout
        for a in layout.annotations or ():
            put(a, "text")
        put(layout.title, "text")
        for name in layout:
            if name.startswith(("xaxis", "yaxis")):
                put(layout[name].title, "text")
        for trace in fig.data:
            put(trace, "name")
            put(trace, "hovertemplate")


def localize(root: W.Widget, lang: str | None = None) -> None:
    """Put every fixed label in the widget tree ``root`` (descriptions, tooltips, option labels,
    tab titles, text of HTML widgets, and its FigureWidgets' titles, axis titles and trace names)
    that is a string of the ``playground.i18n`` table in another language into ``lang`` (default:
    the current language). A preheated Voilà kernel builds its app before the page's request
    says which language it wants; formatted texts are redrawn by the app's next ``render()``."""
    lang = language() if lang is None else check_language(lang)
    stack, seen = [root], set()
    while stack:
        w = stack.pop()
        if id(w) in seen:
            continue
        seen.add(id(w))
        if hasattr(w, "batch_update") and hasattr(w, "data"):  # a plotly FigureWidget
            _localize_figure(w, lang)
            continue
        for name in _LABEL_TRAITS:
            value = getattr(w, name, None)
            if isinstance(value, str) and value and translate_text(value, lang) != value:
                setattr(w, name, translate_text(value, lang))
        if isinstance(w, (W.HTML, W.Label)) and w.value:
            new = _translate_html(w.value, lang)
            if new != w.value:
                w.value = new
        labels = getattr(w, "_options_labels", None)
        if labels:
            new = tuple(translate_text(x, lang) for x in labels)
            if new != tuple(labels):
                w.set_trait("_options_labels", new)  # the values and the selection stay as they are
        for name in ("tooltips", "titles"):
            items = getattr(w, name, None)
            if items:
                new = [translate_text(x, lang) if isinstance(x, str) else x for x in items]
                if new != list(items):
                    setattr(w, name, type(items)(new))
        stack.extend(getattr(w, "children", ()) or ())
