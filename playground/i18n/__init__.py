"""Every user-facing string in English and Korean, and the language the apps speak.

    from playground import i18n
    i18n.t("app.play")                       # 'Play', or '실행' in Korean
    i18n.t("app.epoch", epoch="1,024")       # formatted with str.format
    i18n.set_language("ko")                  # JupyterLab: the apps built after this speak Korean

**Where the strings are.** One module per app (``first_steps.py``, ``playground.py``, ...) and
``common.py`` for the words every app uses (names of choices, the control panels, links, buttons,
the engine's messages); each holds ``STRINGS = {key: (English, Korean)}``. ``TABLE`` is all of them
(a key in two modules is an error). A string used with ``t(key, **fmt)`` is formatted with
``str.format`` (plotly's ``%{x}`` must then be written ``%{{x}}``); one used without arguments is
returned as it is. Korean terms follow the course notes (학습률, 활성화 함수, 은닉층, 손실, 기울기 소실,
과적합, 규제 for regularisation and 배치 정규화 for batch norm, 에폭, ...).

**Which language.** This module never reads the environment or the page: the language in force is
the one given to ``set_language`` (a person's choice: JupyterLab, an app's ``lang=``), else the one
the page boundary decided (``playground.apps.page``: the Voilà page's ``?lang=``, else
``PLAYGROUND_LANG``), else English. The engine may import this module; what it says to a learner
is a ``Text`` (or a ``playground.errors.SettingError``): a key and its values, whose ``str()`` is
English and which the UI words in the page's language with ``word``.

**What a learner typed** is cut to ``MAX_ECHO`` characters (with "…") wherever a message shows it:
the fields ``{value}``, ``{raw}``, ``{text}``, ``{lang}`` and ``{key}`` hold such values.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import contextmanager

from playground.i18n import (activations, classifier_metrics, common, cross_validation, first_steps, forward_pass,
                             gradient_flow, landing, loss_surface, losses, overfitting, playground, space_warp)
from playground.i18n import backprop, kinds, rbm, regression, sequences
from playground.i18n import cnn_blocks, cnn_digits, convolution  # noqa: I001 (the CNN apps' modules, kept apart for merging)

LANGUAGES = ("en", "ko")
LANGUAGE_NAMES = {"en": "English", "ko": "한국어"}
ENV_VAR = "PLAYGROUND_LANG"  # read by playground.apps.page, never here
MAX_ECHO = 100  # characters of a learner's value that a message repeats
ECHOED = frozenset({"value", "raw", "text", "lang", "key"})  # fields that hold what a learner typed

# Their order breaks ties in translate_text (after the widget labels of _FIRST).
MODULES = (common, first_steps, forward_pass, activations, losses, gradient_flow, space_warp, loss_surface,
           overfitting, cross_validation, classifier_metrics, landing, playground,
           kinds, backprop, regression, sequences, rbm)
MODULES += (convolution, cnn_digits, cnn_blocks)


def _merge(modules) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for module in modules:
        twice = table.keys() & module.STRINGS.keys()
        if twice:
            raise RuntimeError(f"{module.__name__} repeats keys of another module: {sorted(twice)}")
        table.update(module.STRINGS)
    return table


TABLE: dict[str, tuple[str, str]] = _merge(MODULES)

_chosen: str | None = None  # set_language's choice, if any
_page: str = "en"  # what the page boundary decided (playground.apps.page)


def check_language(lang) -> str:
    """``lang`` if it is one of ``LANGUAGES`` (case and spaces ignored), else a ValueError."""
    code = lang.strip().lower() if isinstance(lang, str) else lang
    if code not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not available; choose one of {', '.join(LANGUAGES)} "
                         f"({', '.join(f'{k}: {v}' for k, v in LANGUAGE_NAMES.items())})")
    return code


def language() -> str:
    """The current language code ("en" or "ko")."""
    return _chosen if _chosen is not None else _page


def chosen() -> str | None:
    """``set_language``'s choice, or None when nobody chose (the page or the environment decides)."""
    return _chosen


def set_language(lang: str | None) -> str:
    """Speak ``lang`` ("en" or "ko") from now on; ``None`` goes back to the page's language.
    Returns the language now in force. Apps built before keep their labels (build them again)."""
    global _chosen
    _chosen = None if lang is None else check_language(lang)
    return language()


def set_page_language(lang: str) -> str:
    """What the page boundary decided (``playground.apps.page`` only). Returns the language in force."""
    global _page
    _page = check_language(lang)
    return language()


@contextmanager
def using(lang: str | None):
    """``with using("ko"): ...`` speaks ``lang`` inside the block only (``None``: no change)."""
    global _chosen
    old = _chosen
    if lang is not None:
        set_language(lang)
    try:
        yield language()
    finally:
        _chosen = old


# -- formatting ---------------------------------------------------------------------------------------
def shorten(text: str, limit: int = MAX_ECHO) -> str:
    """``text`` cut to ``limit`` characters, the last one "…" when it was longer."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


class _Echo:
    """A value a learner typed, as a message shows it: cut to ``MAX_ECHO`` characters."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return shorten(_safe(repr, self.value))

    def __str__(self):
        return shorten(_safe(str, self.value))

    def __format__(self, spec):
        return shorten(_safe(lambda v: format(v, spec), self.value))


def _safe(show, value) -> str:
    try:
        return show(value)
    except ValueError:  # an int beyond Python's 4300-digit limit for str(): its size instead
        return f"{'-' if value < 0 else ''}~1e{int(abs(value).bit_length() * 0.30103)}"


def _format(text: str, lang: str, fmt: dict) -> str:
    if not fmt:
        return text
    values = {}
    for name, value in fmt.items():
        if hasattr(value, "words"):  # a Text or an engine error: in this language
            value = value.words(lang)
        values[name] = _Echo(value) if name in ECHOED else value
    return text.format(**values)


def t(key: str, /, **fmt) -> str:
    """The string ``key`` in the current language, formatted with ``fmt`` if given."""
    return tr(key, language(), **fmt)


def tr(key: str, lang: str, /, **fmt) -> str:
    """The string ``key`` in ``lang`` (whatever the current language is)."""
    try:
        entry = TABLE[key]
    except KeyError:
        raise KeyError(f"no string {key!r} in playground.i18n.TABLE") from None
    return _format(entry[LANGUAGES.index(check_language(lang))], lang, fmt)


def has(key: str) -> bool:
    return key in TABLE


class Text(str):
    """A message of the table kept as its key and values, for the UI to word in the page's
    language (``word``); as a ``str`` it is the English text. The engine says things with it
    (``session.message``) without knowing who reads them."""

    key: str
    params: dict

    def __new__(cls, key: str, /, **params):
        self = super().__new__(cls, tr(key, "en", **params))
        self.key, self.params = key, params
        return self

    def words(self, lang: str | None = None) -> str:
        return tr(self.key, language() if lang is None else lang, **self.params)

    def __reduce__(self):
        return _text, (self.key, self.params)


def _text(key, params):
    return Text(key, **params)


class Sentences(str):
    """Messages said one after another (``Text``s or plain strings; empty ones left out): as a
    ``str`` the English sentences joined by a space; ``words(lang)`` in another language."""

    parts: tuple

    def __new__(cls, *parts):
        parts = tuple(p for p in parts if p)
        self = super().__new__(cls, " ".join(map(str, parts)))
        self.parts = parts
        return self

    def words(self, lang: str | None = None) -> str:
        return " ".join(word(p, lang) for p in self.parts)

    def __reduce__(self):
        return Sentences, self.parts


def word(message, lang: str | None = None) -> str:
    """A message in ``lang`` (default: the current language): a ``Text`` or an engine error
    (``SettingError``) is worded from the table; anything else is its ``str()``."""
    if hasattr(message, "words"):
        return message.words(language() if lang is None else lang)
    return str(message)


def translate_text(text: str, lang: str | None = None) -> str:
    """``text`` in ``lang`` (default: the current language) if it is, exactly, a string of the
    table in another language and takes no arguments; otherwise ``text`` unchanged. Used for
    labels built before the page's language was known (a preheated Voilà kernel)."""
    if hasattr(text, "words"):
        return text.words(language() if lang is None else lang)
    lang = language() if lang is None else lang
    key = _reverse().get(text)
    if key is None:
        return text
    return TABLE[key][LANGUAGES.index(lang)]


class Labels(Mapping):
    """A read-only dict ``{key: t(prefix + key)}`` over ``keys``, in their order: labels that follow
    the current language (``ACTIVATION_LABELS["relu"]``, ``.items()`` for dropdown options)."""

    def __init__(self, prefix: str, keys):
        self.prefix, self._keys = prefix, tuple(keys)

    def __getitem__(self, key):
        if key not in self._keys:
            raise KeyError(key)
        return t(f"{self.prefix}{key}")

    def __iter__(self):
        return iter(self._keys)

    def __len__(self):
        return len(self._keys)

    def __repr__(self):
        return f"Labels({self.prefix!r}, {dict(self)!r})"


_REVERSE: dict | None = None


_FIRST = ("app.", "controls.", "playground.", "link.", "rebuild.")  # widget labels win a tie
_NOT_LABELS = ("field.", "config.")  # parts of messages, never a label of their own


def _reverse() -> dict:
    """Every static string (no ``{field}``) in every language -> its key (labels' keys first)."""
    global _REVERSE
    if _REVERSE is None:
        _REVERSE = {}
        keys = sorted(TABLE, key=lambda k: not k.startswith(_FIRST))  # stable: table order otherwise
        for key in keys:
            texts = TABLE[key]
            if key.startswith(_NOT_LABELS) or any("{" in s and "}" in s and "%{" not in s for s in texts):
                continue  # formatted: only whole strings can be recognised
            for s in texts:
                _REVERSE.setdefault(s, key)
    return _REVERSE
