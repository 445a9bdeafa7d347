"""What every app shares: reading the page's link (its settings and its language), messages,
take-home links, and labels put into the page's language."""

from __future__ import annotations

import base64
import html
import re

import ipywidgets as W

from playground.apps.page import default_language, language_note, page_query, page_url, split_language  # noqa: F401
from playground.config import Config
from playground.i18n import Sentences, Text, check_language, language, t, translate_text, word


def read_link(query: str, fallback: Config, check=None) -> tuple[Config, str, str]:
    """``(config, message, kind)`` of a shareable link: its config, or ``fallback`` when it has none
    or a bad one (or one that ``check(config)`` refuses with a ValueError: settings the app cannot
    show); ``kind`` is "info" or "warn" (for ``Messages.say``). ``lang`` (the page's
    language) is not part of the config: it is taken out first, and a bad one is a message. The
    message is a ``Sentences``: English as a ``str``, worded in the page's language by ``Messages``."""
    query, _lang, lang_note = split_language(query)
    if not query:
        return fallback, Sentences(lang_note), "warn" if lang_note else "info"
    try:
        config, note, kind = Config.from_query(query), Text("link.restored"), "info"
        if check is not None:
            config = check(config)
    except ValueError as exc:
        config, note, kind = fallback, Text("link.failed", error=exc), "warn"
    return config, Sentences(note, lang_note), "warn" if lang_note else kind


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
    base, _, rest = url.partition("?")
    rest, _old, note = split_language(rest)
    if lang == default_language() and _old is None and note is None:
        return url
    rest = str(rest)
    return f"{base}?{rest}&lang={lang}" if rest else f"{base}?lang={lang}"


LABEL_STYLE = {"description_width": "110px"}
WIDE = W.Layout(width="330px")  # shared: never change its properties for one widget


def button(description, tooltip="", width="90px", style=""):
    return W.Button(description=description, tooltip=tooltip, button_style=style, layout=W.Layout(width=width))


class Messages(W.HTML):
    """One line for the learner: info, a warning or an error (never a traceback). What it is
    given may be an engine's message or error (``Text``, ``SettingError``): it is worded in the
    page's language, and again when the page's language becomes known (``reword``)."""

    COLORS = {"info": "#1d4e89", "warn": "#8a5a00", "error": "#a12020"}
    RANK = {"info": 0, "warn": 1, "error": 2}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.said, self.kind = "", "info"
        self.say("")

    def say(self, text, kind: str = "info"):
        """Show ``text`` (a string, a ``Text``, an exception) in place of what was said."""
        self.said, self.kind = text, kind
        self.reword()

    def add(self, text, kind: str = "info"):
        """Show ``text`` after what is said already (unless it is said already); the line takes
        the graver of the two kinds."""
        if not text or str(text) in str(self.said):
            return
        self.say(Sentences(self.said, text), max(self.kind, kind, key=self.RANK.get))

    def reword(self):
        """Say it again in the current language."""
        text = word(self.said) if hasattr(self.said, "words") else translate_text(str(self.said))
        kind = self.kind
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
    for w in widgets_in(root):
        if hasattr(w, "batch_update") and hasattr(w, "data"):  # a plotly FigureWidget
            _localize_figure(w, lang)
            continue
        if isinstance(w, Messages):
            w.reword()
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


def widgets_in(root: W.Widget):
    """Every widget of the tree ``root`` (``root`` first, each once), through ``children``."""
    stack, seen = [root], set()
    while stack:
        w = stack.pop()
        if id(w) in seen:
            continue
        seen.add(id(w))
        yield w
        stack.extend(getattr(w, "children", ()) or ())
