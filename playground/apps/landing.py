"""The landing page: the list of apps in course order, with links, and every dataset as a small
thumbnail (no plotly, nothing to load). Both speak the page's language (``?lang=ko``) and wait
for the page's request first, so a preheated kernel knows which language it is.

The course has an edition per language: the English notebooks in ``notebooks/``, the Korean ones
with the same names in ``notebooks/ko/`` (``tests/test_editions.py`` keeps each pair in step). A
landing page links to the edition of the language it speaks: ``index.ipynb?lang=ko`` and
``ko/index.ipynb`` both to ``ko/*.ipynb``."""

from __future__ import annotations

import html

import ipywidgets as W

from playground.apps import page
from playground.apps.common import with_language
from playground.controls import DATASET_LABELS, DATASET_SHORT
from playground.i18n import LANGUAGE_NAMES, LANGUAGES, language, t, word
from playground.views.thumbnails import dataset_thumbnail

# The apps in the order of the course: (notebook, key of its title and description in playground.i18n).
APPS = (
    ("00_kinds_of_learning.ipynb", "kinds"),
    ("01_neuron_perceptron.ipynb", "perceptron"),
    ("02_xor_mlp.ipynb", "xor"),
    ("03_forward_propagation.ipynb", "forward"),
    ("03b_backpropagation.ipynb", "backprop"),
    ("04_activations.ipynb", "activations"),
    ("05_losses.ipynb", "losses"),
    ("05b_regression.ipynb", "regression"),
    ("06_gradient_descent.ipynb", "descent"),
    ("playground.ipynb", "playground"),
    ("space_warping.ipynb", "space_warping"),
    ("vanishing_gradients.ipynb", "gradients"),
    ("07_overfitting.ipynb", "overfitting"),
    ("08_validation.ipynb", "validation"),
    ("09_metrics.ipynb", "metrics"),
    ("10_convolution.ipynb", "convolution"),
    ("11_cnn_digits.ipynb", "cnn_digits"),
    ("12_cnn_blocks.ipynb", "cnn_blocks"),
    ("sequences.ipynb", "sequences"),
    ("boltzmann.ipynb", "boltzmann"),
)


def edition_path(notebook: str, lang: str) -> str:
    """The relative path from this page to ``notebook`` in the edition of ``lang``: English in
    ``notebooks/``, another language in ``notebooks/<lang>/``."""
    here = page.edition() or "en"
    if lang == here:
        return notebook
    return ("../" if here != "en" else "") + ("" if lang == "en" else f"{lang}/") + notebook


def link(notebook: str) -> str:
    """The link from this page to ``notebook`` in the page's language (keeping ``?lang=``)."""
    return with_language(edition_path(notebook, language()))


def language_links() -> str:
    """Links to the landing page in the other languages ("한국어", "English")."""
    links = [f"<a class='pg-lang-{code}' href='{edition_path('index.ipynb', code)}?lang={code}'>"
             f"{html.escape(LANGUAGE_NAMES[code])}</a>" for code in LANGUAGES if code != language()]
    return f"<div class='pg-languages' style='margin:4px 0'>{' · '.join(links)}</div>"


def app_list() -> W.HTML:
    """The apps in course order, each a link (keeping the page's language) and what you do there."""
    page.decide_language(wait=True)  # a preheated kernel: wait until the page's request says which language
    note = page.language_note()
    note = (f"<div class='pg-message pg-warn' style='color:#8a5a00'>{html.escape(word(note))}</div>"
            if note else "")
    cell = "style='padding:4px 10px;text-align:left;vertical-align:top'"
    rows = "".join(
        f"<tr><td {cell}>{i}</td><td {cell}><a href='{html.escape(link(notebook), quote=True)}'>"
        f"{html.escape(t(f'landing.{key}'))}</a></td><td {cell}>{html.escape(t(f'landing.{key}.what'))}</td></tr>"
        for i, (notebook, key) in enumerate(APPS, 1))
    return W.HTML(f"<div class='pg-app-list'>{note}{language_links()}"
                  f"<table style='border-collapse:collapse;font-size:14px'><tr><th {cell}></th>"
                  f"<th {cell}>{t('landing.app')}</th><th {cell}>{t('landing.what')}</th></tr>{rows}</table></div>")


def dataset_gallery(size: int = 72) -> W.HTML:
    """One row of dataset thumbnails with their names."""
    page.decide_language(wait=True)
    cells = "".join(
        f"<figure style='display:inline-block;margin:4px;text-align:center'>"
        f"<img src='{dataset_thumbnail(name, size)}' width='{size}' height='{size}' alt='{html.escape(DATASET_LABELS[name])}'>"
        f"<figcaption style='font-size:11px'>{html.escape(short)}</figcaption></figure>"
        for name, short in DATASET_SHORT.items())
    return W.HTML(f"<div class='pg-gallery'><div>{html.escape(t('landing.datasets'))}</div>{cells}</div>")
