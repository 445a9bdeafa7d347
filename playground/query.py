"""The one reader of query strings: ``Config.from_query`` reads a link's settings with it, and the
page boundary (``playground.apps.page``) the page's language.

>>> q = Query.parse("http://host/p.ipynb?lang=k+o&lr=0.1#top")
>>> q.values("lang"), q.typed("lang"), str(q.without("lang"))
(['k o'], ['k+o'], 'lr=0.1#top')

A query is ``a=1&b=2``, with or without ``?``, or a whole URL; the ``#...`` part is kept aside.
Keys and values are percent-decoded and a ``+`` is a space (as browsers' forms and
``urllib.parse.urlencode`` write them); ``typed`` gives a value as the person wrote it (``+``
kept), which is what a message repeats. A part without ``=`` is a key with an empty value;
empty parts are skipped; spaces around a key are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, unquote_plus


@dataclass(frozen=True)
class Pair:
    key: str  # decoded, without surrounding spaces
    value: str  # decoded, "+" read as a space
    typed: str  # decoded, "+" as typed
    written: str  # the part exactly as it was in the query


@dataclass(frozen=True)
class Query:
    pairs: tuple[Pair, ...] = ()
    fragment: str = ""

    @classmethod
    def parse(cls, text: str | None) -> "Query":
        text = text or ""
        text = text.split("?", 1)[1] if "?" in text else text
        text, _, fragment = text.partition("#")
        pairs = []
        for part in text.split("&"):
            if not part:
                continue
            key, _, value = part.partition("=")
            pairs.append(Pair(unquote_plus(key).strip(), unquote_plus(value), unquote(value), part))
        return cls(tuple(pairs), fragment)

    def keys(self) -> list[str]:
        return [p.key for p in self.pairs]

    def values(self, key: str) -> list[str]:
        """Every value of ``key``, in order."""
        return [p.value for p in self.pairs if p.key == key]

    def typed(self, key: str) -> list[str]:
        """Every value of ``key`` as it was typed (a ``+`` stays a ``+``)."""
        return [p.typed for p in self.pairs if p.key == key]

    def without(self, key: str) -> "Query":
        """The same query without ``key`` (the other parts as they were written)."""
        return Query(tuple(p for p in self.pairs if p.key != key), self.fragment)

    def __bool__(self) -> bool:
        return bool(self.pairs)

    def __str__(self) -> str:
        """The query as written (without ``?``), its fragment kept."""
        return "&".join(p.written for p in self.pairs) + (f"#{self.fragment}" if self.fragment else "")
