"""The Korean edition of the course keeps in step with the English one.

Every notebook ``notebooks/NAME.ipynb`` has its Korean edition ``notebooks/ko/NAME.ipynb``, written
for Korean learners (not word for word) with the course notes' terms
(``playground/i18n/glossary.py``). For every pair this test checks:

- the code cells are the same (comments aside): the same app calls with the same arguments in the
  same order. The apps speak Korean on a Korean page because the notebook is in ``ko/``
  (``playground.apps.page.edition``), not because of its code;
- the same headings (levels, order), the same number of exercises and questions (top-level list
  items) in every section, and the same number of answers (``<details>``);
- each page links to its landing page (``index.ipynb``) and to its other edition (``ko/NAME`` from
  English, ``../NAME`` from Korean); every question under a "Questions" / "질문" heading has an answer
  a learner can unfold (``<details>``);
- no English sentence is left in the Korean prose (math, code, names and links excepted);
- every control an exercise names is written ``<kbd>label</kbd>``, and its label is a string of the
  table (``playground/i18n/``) that the page's apps really show in that language; the English and
  Korean pages name the same controls. Rename a button in the table and this test, not the lesson,
  breaks;
- the glossary's terms: an English page that uses a term has its Korean term in its Korean edition.

**Adding the Korean edition of a new page** (``notebooks/NAME.ipynb``): copy it to
``notebooks/ko/NAME.ipynb`` and give the copy new cell ids; keep its code cells as they are; write
every markdown cell in Korean for Korean learners, with the glossary's terms; its first line is
``[← 모든 앱](index.ipynb) · [English](../NAME.ipynb)`` and the English page's is
``[← All apps](index.ipynb) · [한국어](ko/NAME.ipynb)``; write the controls an exercise names as
``<kbd>label</kbd>`` with the label the app shows in each language (``t("key")`` of the string table);
give every question an answer in ``<details><summary>답</summary> … </details>`` (English:
``<summary>Answer</summary>``). Both landing pages find it through ``playground.apps.landing.APPS``.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from playground import apps, i18n
from playground.i18n import TABLE
from playground.i18n.glossary import TERMS
from tests.test_i18n import _strings

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
EDITION = "ko"
ENGLISH = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
QUESTIONS = {"en": "Questions", "ko": "질문"}
SUMMARY = {"en": "Answer", "ko": "답"}


def cells(path: Path, kind: str) -> list[str]:
    return ["".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == kind]


def markdown(name: str, lang: str) -> str:
    return "\n\n".join(cells(NOTEBOOKS / (name if lang == "en" else f"{lang}/{name}"), "markdown"))


def code(name: str, lang: str) -> list[str]:
    """The code cells without comments and trailing spaces."""
    path = NOTEBOOKS / (name if lang == "en" else f"{lang}/{name}")
    return [re.sub(r"[ \t]*#.*$", "", c, flags=re.M).strip() for c in cells(path, "code")]


def sections(md: str) -> list[tuple[str, str]]:
    """``(heading, body)`` pairs in order; the text before the first heading has heading ''."""
    parts = re.split(r"^(#{1,6} .*)$", md, flags=re.M)
    return [("", parts[0])] + list(zip(parts[1::2], parts[2::2]))


def items(body: str) -> list[str]:
    """The top-level list items of a section (numbered or bulleted), each with its indented lines."""
    return [m.group(0) for m in re.finditer(r"^(?:\d+\.|-) .*(?:\n(?:[ \t]+.*|[ \t]*)(?=\n))*", body, flags=re.M)]


def shape(md: str) -> list[tuple[str, int, int]]:
    """Per section: its heading level, how many exercises/questions, how many answers."""
    return [(h.split(" ")[0], len(items(b)), b.count("<details>")) for h, b in sections(md)]


def prose(md: str) -> str:
    """What is left to read as sentences: no math, code, markup, link targets or controls' labels."""
    md = re.sub(r"```.*?```|\$\$.*?\$\$|\$[^$]*\$|`[^`]*`", " ", md, flags=re.S)
    md = re.sub(r"<kbd>.*?</kbd>|<[^>]*>|\]\([^)]*\)", " ", md)
    return md


def english_runs(text: str) -> list[str]:
    """Runs of three or more words of Latin letters: an English phrase, not a name or a symbol."""
    return re.findall(r"\b[A-Za-z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*){2,}\b", text)


def controls(md: str) -> list[str]:
    return re.findall(r"<kbd>(.*?)</kbd>", md)


@functools.lru_cache(maxsize=None)
def shown(name: str, lang: str) -> frozenset:
    """Every text the apps of notebook ``name`` show when built in ``lang``."""
    texts = set()
    with i18n.using(lang):
        for call in re.findall(r"^apps\.\w+\(.*\)$", "\n".join(code(name, "en")), flags=re.M):
            texts.update(_strings(eval(call, {"apps": apps}).widget))
    return frozenset(texts)


@pytest.mark.parametrize("name", ENGLISH)
def test_every_notebook_has_its_korean_edition(name):
    assert (NOTEBOOKS / EDITION / name).is_file(), f"notebooks/{EDITION}/{name} is missing: see this test's docstring"


@pytest.mark.parametrize("name", ENGLISH)
def test_the_korean_edition_runs_the_same_code(name):
    assert code(name, EDITION) == code(name, "en")


@pytest.mark.parametrize("name", ENGLISH)
def test_the_same_sections_exercises_and_answers(name):
    assert shape(markdown(name, EDITION)) == shape(markdown(name, "en"))


@pytest.mark.parametrize("name", ENGLISH)
def test_each_page_links_to_its_landing_page_and_its_other_edition(name):
    en, ko = markdown(name, "en"), markdown(name, EDITION)
    if name == "index.ipynb":
        assert f"]({EDITION}/index.ipynb)" in en and "](../index.ipynb)" in ko
    else:
        assert "](index.ipynb)" in en and f"]({EDITION}/{name})" in en
        assert "](index.ipynb)" in ko and f"](../{name})" in ko


@pytest.mark.parametrize("lang", ["en", EDITION])
@pytest.mark.parametrize("name", ENGLISH)
def test_every_question_has_an_answer_to_unfold(name, lang):
    for heading, body in sections(markdown(name, lang)):
        if QUESTIONS[lang] in heading:
            for item in items(body):
                assert f"<details><summary>{SUMMARY[lang]}</summary>" in item, f"{name}: no answer to {item[:80]!r}"
    md = markdown(name, lang)
    assert md.count("<details>") == md.count("</details>") == md.count(f"<summary>{SUMMARY[lang]}</summary>")


@pytest.mark.parametrize("name", ENGLISH)
def test_no_english_sentence_is_left_in_the_korean_prose(name):
    assert english_runs(prose(markdown(name, EDITION))) == []


@pytest.mark.parametrize("name", ENGLISH)
def test_every_control_an_exercise_names_is_shown_by_the_app(name):
    named = {lang: controls(markdown(name, lang)) for lang in ("en", EDITION)}
    for lang, labels in named.items():
        missing = sorted(set(labels) - shown(name, lang))
        assert not missing, f"{name} ({lang}) names controls its apps do not show: {missing}"
    # the same controls on both pages: each Korean label is the table's translation of an English one
    left = Counter(named["en"])
    for label in named[EDITION]:
        match = [en for en in left if left[en] and any(texts == (en, label) for texts in TABLE.values())]
        assert match, f"{name}: <kbd>{label}</kbd> translates no control the English page names ({sorted(left)})"
        left[match[0]] -= 1
    assert not +left, f"{name}: the Korean page does not name {sorted((+left).elements())}"


@pytest.mark.parametrize("name", ENGLISH)
def test_the_korean_edition_uses_the_glossarys_terms(name):
    en, ko = prose(markdown(name, "en")).lower(), prose(markdown(name, EDITION))
    for term, korean in TERMS.items():
        if re.search(rf"\b{re.escape(term)}(s|es)?\b", en):
            assert korean in ko, f"{name}: the English page says {term!r}, the Korean one never {korean!r}"


def test_the_landing_pages_link_to_the_edition_of_their_language(monkeypatch):
    from playground.apps import landing, page
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.chdir(NOTEBOOKS)
    assert page.edition() is None and page.decide_language() == "en"
    html = landing.app_list().value
    assert "href='01_neuron_perceptron.ipynb'" in html and "href='ko/index.ipynb?lang=ko'" in html
    monkeypatch.setenv("QUERY_STRING", "lang=ko")  # the English landing page in Korean
    html = landing.app_list().value
    assert "href='ko/01_neuron_perceptron.ipynb?lang=ko'" in html and "href='index.ipynb?lang=en'" in html
    monkeypatch.chdir(NOTEBOOKS / EDITION)  # the Korean landing notebook, whatever the link says
    for query in ("", "lang=en"):
        monkeypatch.setenv("QUERY_STRING", query)
        assert page.edition() == EDITION and page.decide_language() == EDITION
        html = landing.app_list().value
        assert "href='01_neuron_perceptron.ipynb'" in html and "href='../index.ipynb?lang=en'" in html
        assert "뉴런과 퍼셉트론" in html
    i18n.set_page_language("en")


def test_the_readme_and_its_binder_links_name_the_korean_entry_point():
    readme = (ROOT / "README.md").read_text()
    for where in ("lab/tree", "voila/render"):
        assert f"urlpath={where}/notebooks/{EDITION}/index.ipynb" in readme
    for path in re.findall(r"urlpath=(?:lab/tree|voila/render)/(notebooks/[\w/]+\.ipynb)", readme):
        assert (ROOT / path).is_file(), path
