"""Why a learner's setting cannot be used, as the engine says it: which field, which reason (a key
of the string table, ``playground.i18n``) and the values it needs. The engine does not word it for
a page: ``str()`` is the English text, and the UI words it in the page's language (``words``).

    try:
        Config(lr=-1)
    except SettingError as exc:
        exc.field, exc.code        # 'lr', 'config.range'
        str(exc)                   # 'lr (learning rate)=-1 is not allowed; it must be a number from 1e-07 to 100'
        exc.words("ko")            # 'lr (학습률)=-1: 허용되지 않는 값입니다. ...'
"""

from __future__ import annotations

from playground.i18n import language, tr


class SettingError(ValueError):
    """A ``ValueError`` with ``field`` (the setting or link key it is about, or None), ``code``
    (its string's key) and ``params`` (the values the string is formatted with; a ``Text`` among
    them is worded in the same language)."""

    def __init__(self, code: str, field: str | None = None, /, **params):
        self.code, self.field, self.params = code, field, params
        super().__init__(tr(code, "en", **params))

    def words(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the current language)."""
        return tr(self.code, language() if lang is None else lang, **self.params)

    def __reduce__(self):
        return _rebuild, (self.code, self.field, self.params)


def _rebuild(code, field, params):
    return SettingError(code, field, **params)
