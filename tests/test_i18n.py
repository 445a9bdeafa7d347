"""Languages: one table of English and Korean strings (playground.i18n), how the language is chosen
(set_language, an app's lang=, the page's ?lang=, PLAYGROUND_LANG), ?lang= in shareable links, and
no English left on screen when an app is built in Korean."""

from __future__ import annotations

import html
import re
import string
import sys
import types

import numpy as np
import pytest

from playground import i18n
from playground.i18n import TABLE, t

HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Words that stay as they are in Korean: names, abbreviations, units, file types, math functions.
ALLOWED = {
    "ReLU", "tanh", "Adam", "SGD", "RMSprop", "MSE", "BCE", "MAE", "RMSE", "CE", "ELU", "GELU", "SiLU", "XOR", "AND", "OR",
    "NAND", "PCA", "PC", "Xavier", "Glorot", "He", "Kaiming", "TensorFlow", "Playground", "PyTorch", "Transformer",
    "NaN", "setosa", "versicolor", "virginica", "cm", "pt", "json", "csv", "py", "float32", "torch", "optim",
    "weight_decay", "log", "sin", "std", "en", "ko", "English", "True", "False", "lr", "px",
    "CNN", "MLP", "IoU", "Net",  # as the course notes write them (U-Net)
    "CSV",
}
ALLOWED |= {"RNN", "LSTM", "GRU", "RBM"}  # names kept in Korean: the recurrent cells, the Boltzmann machine


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch):
    """Every test starts with no language chosen and no page or environment asking for one."""
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    i18n.set_language(None)
    yield
    i18n.set_language(None)


def fields(text: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def english_words(text: str) -> list:
    """Words of Latin letters in ``text`` that are not allowed to stay English: markup, plotly's
    %{...} fields and function names written as ``name(`` (math: step(z), softmax(z)) are skipped."""
    text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)  # CSS is not shown
    text = re.sub(r"<code>.*?</code>", " ", text, flags=re.S)  # literal names (a file's columns) stay as they are
    text = re.sub(r"<[^>]*>|%\{[^}]*\}|&[a-z]+;|\{[^}]*\}", " ", text)
    words = []
    for m in re.finditer(r"[A-Za-z_][A-Za-z0-9_]*", text):
        word = m.group(0)
        if len(word) < 2 or word in ALLOWED or text[m.end():m.end() + 1] == "(":
            continue
        if re.fullmatch(r"[xyzwhbaWLpfk][0-9]*", word):  # x1, w2, b ... in formulas
            continue
        words.append(word)
    return words


# -- the table -------------------------------------------------------------------------------------------
def test_every_entry_has_english_and_korean_with_the_same_fields():
    assert len(TABLE) > 400
    for key, texts in TABLE.items():
        assert isinstance(texts, tuple) and len(texts) == len(i18n.LANGUAGES), key
        en, ko = texts
        assert en.strip() and ko.strip(), f"{key}: empty text"
        assert fields(en) == fields(ko), f"{key}: {fields(en)} vs {fields(ko)}"


def test_korean_is_korean_unless_the_english_has_nothing_to_translate():
    for key, (en, ko) in TABLE.items():
        if not HANGUL.search(ko):
            assert not english_words(ko), f"{key}: {ko!r} is still English: {english_words(ko)}"


def test_korean_uses_the_course_notes_terms():
    ko = {key: texts[1] for key, texts in TABLE.items()}
    assert ko["controls.lr"] == "학습률" and ko["controls.activation"] == "활성화 함수"
    assert ko["controls.hidden"] == "은닉층" and ko["controls.reg"] == "규제"
    assert ko["controls.batch_norm"] == "배치 정규화" and "기울기 소실" in ko["landing.gradients"]
    assert "과적합" in ko["landing.overfitting"] and ko["classifier_metrics.recall"] == "재현율"


def test_the_engines_english_names_are_the_tables():
    from playground import config, data, descent, neuron, warping
    for name, (text, _) in config.PRESETS.items():
        assert i18n.tr(f"preset.{name}", "en") == text
    for name, spec in data.DATASETS.items():
        assert i18n.tr(f"dataset.{name}", "en") == spec.label
    rows = neuron.xor_inequalities()
    assert [i18n.tr(f"perceptron.xor_row{k}", "en") for k in range(4)] + [i18n.tr("perceptron.xor_sum", "en")] == rows
    for name, (label, _, _) in warping.HAND_PRESETS.items():
        assert i18n.tr(f"hand.preset_tip.{name}", "en") == label
    assert [i18n.tr(f"warp.stage{k}", "en") for k in range(4)] == list(warping.STAGE_NAMES)
    assert [i18n.tr(f"iris.feature{k}", "en") for k in range(4)] == data.load_iris()[2]
    assert dict(descent.OPTIMIZER_NAMES) == {"sgd": "SGD", "momentum": "SGD + momentum", "rmsprop": "RMSprop",
                                             "adam": "Adam"}
    assert dict(config.INIT_LABELS)["uniform"] == "uniform(-0.5, 0.5) (TensorFlow Playground)"


def test_labels_follow_the_language():
    from playground.controls import ACTIVATION_LABELS, DATASET_SHORT
    assert ACTIVATION_LABELS["sigmoid"] == "sigmoid" and list(DATASET_SHORT)[0] == "circle"
    with i18n.using("ko"):
        assert ACTIVATION_LABELS["sigmoid"] == "시그모이드" and DATASET_SHORT["circle"] == "원"
    with pytest.raises(KeyError):
        ACTIVATION_LABELS["swish"]


def test_t_formats_and_names_a_missing_key():
    assert t("app.epoch", epoch=1024) == "Epoch <b>1,024</b>"
    with i18n.using("ko"):
        assert t("app.epoch", epoch=1024) == "에폭 <b>1,024</b>"
    with pytest.raises(KeyError, match="no string 'nope'"):
        t("nope")


# -- choosing the language -------------------------------------------------------------------------------
def test_the_language_is_decided_at_the_page_boundary(monkeypatch):
    from playground.apps.page import decide_language
    assert decide_language() == "en" == i18n.language()
    monkeypatch.setenv(i18n.ENV_VAR, "ko")
    monkeypatch.setenv("QUERY_STRING", "lang=ko")
    assert i18n.language() == "en"  # i18n itself never reads the environment or the page
    monkeypatch.delenv("QUERY_STRING")
    assert decide_language() == "ko" and t("app.play") == "실행"
    monkeypatch.setenv("QUERY_STRING", "dataset=xor&lang=en")
    assert decide_language() == "en"  # the page's ?lang= beats the environment
    monkeypatch.setenv("QUERY_STRING", "lang=fr")
    assert decide_language() == "ko"  # a bad ?lang= is ignored here (the app says so)
    assert i18n.set_language("en") == "en" and decide_language() == "en"  # an explicit choice beats both
    assert decide_language("ko") == "ko" == i18n.chosen()  # an app's lang= is such a choice
    assert i18n.set_language(None) == "ko"


def test_an_unknown_language_is_a_clear_error(monkeypatch):
    from playground.apps.page import decide_language
    with pytest.raises(ValueError, match=r"language 'fr' is not available; choose one of en, ko"):
        i18n.set_language("fr")
    assert i18n.set_language(" KO ") == "ko"
    i18n.set_language(None)
    monkeypatch.setenv(i18n.ENV_VAR, "klingon")
    with pytest.warns(UserWarning, match="PLAYGROUND_LANG"):
        assert decide_language() == "en"


def test_using_restores_the_language():
    i18n.set_language("ko")
    with i18n.using("en") as lang:
        assert lang == "en" and t("app.reset") == "Reset"
    assert i18n.language() == "ko"


def test_config_errors_carry_a_field_and_a_code_and_are_worded_in_any_language():
    from playground.config import Config
    from playground.errors import SettingError
    with pytest.raises(SettingError, match=r"lr \(learning rate\)=-1 is not allowed; it must be a number from") as err:
        Config(lr=-1)
    assert (err.value.field, err.value.code) == ("lr", "config.range") and err.value.params["value"] == -1
    assert re.search(r"lr \(학습률\)=-1: 허용되지 않는 값입니다. 1e-07부터 100까지의 숫자여야", err.value.words("ko"))
    with i18n.using("ko"):  # the engine does not word it for the page: str() stays English
        with pytest.raises(ValueError, match="unknown setting 'banana' in the link") as err:
            Config.from_query("banana=1")
        assert "링크에 알 수 없는 설정 'banana'" in i18n.word(err.value) and err.value.field == "banana"
        with pytest.raises(ValueError) as err:
            Config(batch_norm=True, batch_size=1)
        assert "배치 정규화" in i18n.word(err.value)


def test_engine_messages_are_worded_in_the_pages_language():
    from playground import descent
    path = descent.descend(descent.make_problem("ravine"), lr=30.0, start=(1.0, 1.0), steps=50)
    assert path.diverged and "diverged" in path.message  # as a str: English
    ko = i18n.word(path.message, "ko")
    assert "발산" in ko and "학습률" in ko
    with i18n.using("ko"):
        assert i18n.word(path.message) == ko


def test_what_a_learner_typed_is_cut_in_messages():
    from playground.config import Config
    with pytest.raises(ValueError) as err:
        Config.from_query("dataset=" + "x" * 60_000)
    assert len(str(err.value)) < 400 and "xxx…" in str(err.value)
    with pytest.raises(ValueError) as err:
        Config.from_query("x" * 60_000 + "=1")
    assert len(str(err.value)) < 500 and "…" in str(err.value)
    assert len(i18n.word(err.value, "ko")) < 500
    with pytest.raises(ValueError) as err:
        Config.from_query("hidden=" + ",".join(["1"] * 30_000))
    assert len(str(err.value)) < 300
    assert i18n.t("link.bad_language", lang="y" * 500).count("y") == i18n.MAX_ECHO - 2  # the quote, then "…"


# -- ?lang= in links ---------------------------------------------------------------------------------------
def test_lang_leaves_the_link_before_the_config_is_read():
    from playground.apps.common import read_link, split_language
    from playground.config import Config
    rest, lang, note = split_language("?lang=ko&lr=0.1#top")
    assert (str(rest), lang, note) == ("lr=0.1#top", "ko", None)
    rest, lang, note = split_language("lr=0.1")
    assert (str(rest), lang, note) == ("lr=0.1", None, None)
    fallback = Config(dataset="xor")
    config, note, kind = read_link("lang=ko&lr=0.1&hidden=8,8", fallback)
    assert config == Config(lr=0.1, hidden=(8, 8)) and note == "Settings restored from the link." and kind == "info"
    assert read_link("lang=ko", fallback) == (fallback, "", "info")
    assert read_link("", fallback) == (fallback, "", "info")


def test_a_bad_lang_is_a_message_not_an_error():
    from playground.apps.common import config_from_link, read_link
    from playground.config import Config
    fallback = Config(dataset="xor")
    config, note, kind = read_link("lang=fr", fallback)
    assert config == fallback and kind == "warn"
    assert "'fr' could not be used; choose en (English) or ko (한국어)" in note
    config, note = config_from_link("lr=0.3&lang=xx", fallback)  # the settings still apply
    assert config.lr == 0.3 and "Settings restored" in note and "'xx'" in note
    config, note, kind = read_link("lr=banana&lang=ko", fallback)
    assert config == fallback and kind == "warn" and "could not be used" in note


def test_copied_links_keep_the_pages_language(monkeypatch):
    from playground.apps.common import copy_link_html, with_language
    assert with_language("http://h/voila/render/p.ipynb?lr=0.1") == "http://h/voila/render/p.ipynb?lr=0.1"
    with i18n.using("ko"):
        assert with_language("p.ipynb?lr=0.1") == "p.ipynb?lr=0.1&lang=ko"
        assert with_language("p.ipynb?lang=en&lr=0.1") == "p.ipynb?lr=0.1&lang=ko"
        assert with_language("p.ipynb") == "p.ipynb?lang=ko"
        html_ = copy_link_html("p.ipynb?lr=0.1")
        assert "value='p.ipynb?lr=0.1&amp;lang=ko'" in html_ and "링크 복사" in html_ and "복사됨" in html_
    monkeypatch.setenv(i18n.ENV_VAR, "ko")
    i18n.set_language("en")  # the server speaks Korean, this page English: the link says so
    assert with_language("p.ipynb?lr=0.1") == "p.ipynb?lr=0.1&lang=en"


def test_a_preheated_kernel_waits_for_its_request_once(monkeypatch):
    from playground.apps import page
    calls = []

    def wait_for_request():
        calls.append(1)
        monkeypatch.setenv("QUERY_STRING", "lang=ko&lr=0.1")  # what Voilà's request info sets (undone after)

    fake = types.ModuleType("voila.utils")
    fake.wait_for_request = wait_for_request
    monkeypatch.setitem(sys.modules, "voila.utils", fake)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setattr(page, "_PREHEAT_QUERY", None)
    assert page.decide_language() == "en"  # before the request: nothing known yet, and nothing waited for
    assert not calls and page.language_note() is None
    assert page.page_query() == "lang=ko&lr=0.1" and page.page_query() == "lang=ko&lr=0.1"
    assert len(calls) == 1 and page.decide_language(wait=True) == "ko" and len(calls) == 1


# -- the apps, built in Korean ---------------------------------------------------------------------------
def _strings(widget):
    """Every text a person sees in a widget tree: labels, options, tooltips, tab titles, the text
    of HTML widgets, and the titles, axis titles, legend names and hover texts of its figures."""
    import ipywidgets as W
    out, stack, seen = [], [widget], set()
    while stack:
        w = stack.pop()
        if id(w) in seen:
            continue
        seen.add(id(w))
        if hasattr(w, "batch_update") and hasattr(w, "data"):
            layout = w.layout
            out += [a.text for a in layout.annotations or () if a.text]
            out += [layout[k].title.text for k in layout if k.startswith(("xaxis", "yaxis")) and layout[k].title.text]
            for tr in w.data:
                if tr.name and tr.showlegend is not False:
                    out.append(tr.name)
                if getattr(tr, "hovertemplate", None):
                    out.append(tr.hovertemplate)
            continue
        for name in ("description", "tooltip", "placeholder"):
            value = getattr(w, name, None)
            if isinstance(value, str) and value:
                out.append(value)
        if isinstance(w, (W.HTML, W.Label, W.Text)) and w.value:
            out.append(w.value)
        out += [x for x in getattr(w, "_options_labels", ()) or ()]
        out += [x for x in getattr(w, "tooltips", ()) or () if x]
        out += [x for x in getattr(w, "titles", ()) or () if x]
        stack.extend(getattr(w, "children", ()) or ())
    return [s for s in out if isinstance(s, str)]


# How a few apps are built for the check (every other app of the registry: its defaults).
KOREAN_BUILD_ARGS = {"Playground": dict(query="")}


def _korean_apps():
    """Every app of the registry (``playground.apps``) built in Korean (lang="ko"), and a few more states."""
    from playground import apps
    from playground.apps.landing import app_list, dataset_gallery
    built = {name: getattr(apps, name)(lang="ko", **KOREAN_BUILD_ARGS.get(name, {})) for name in apps.__all__}
    xor = apps.Perceptron(gate="xor", lang="ko")
    xor.show_textbook()
    built["Perceptron xor"] = xor
    built["XorNetwork"]._step_once()
    forward = built["ForwardPass"]
    forward.layer.value = forward.layer.max
    built["LossSurface batches"] = apps.LossSurface(mode="batches", lang="ko")
    built["Overfitting"]._step_once()
    built["ClassifierMetrics moons"] = apps.ClassifierMetrics("moons", lang="ko")
    built["ClassifierMetrics iris"] = apps.ClassifierMetrics("iris", lang="ko")
    warp = apps.SpaceWarp(hidden=(8, 3), lang="ko")
    warp.set_stage(1.5)
    built["SpaceWarp (8, 3)"] = warp
    built["Playground"].localize()  # its own labels are still English in apps/playground.py: put into Korean
    built["landing"] = types.SimpleNamespace(widget=app_list())
    built["gallery"] = types.SimpleNamespace(widget=dataset_gallery())
    return built


@pytest.fixture(scope="module")
def korean_apps():
    i18n.set_language(None)
    with pytest.MonkeyPatch.context() as mp, i18n.using("ko"):
        mp.delenv("QUERY_STRING", raising=False)  # no page link: each app's own start
        mp.delenv(i18n.ENV_VAR, raising=False)
        built = _korean_apps()
    yield built
    for app in built.values():
        loop = getattr(app, "loop", None)
        if loop is not None:
            loop.pause()


def test_no_english_is_left_in_the_korean_apps(korean_apps):
    left = {}
    for name, app in korean_apps.items():
        widget = app.widget
        strings = _strings(widget)
        assert any(HANGUL.search(s) for s in strings), f"{name}: nothing Korean at all"
        bad = sorted({s for s in strings if english_words(s)})
        if bad:
            left[name] = [(s[:120], english_words(s)) for s in bad]
    assert not left, "English left in the Korean apps:\n" + "\n".join(f"{k}: {v}" for k, v in left.items())


def test_korean_apps_show_korean_labels(korean_apps):
    flow = korean_apps["GradientFlow"]
    assert flow.play.description == "실행" and flow.reset_button.description == "초기화"
    assert flow.controls.w["lr"].description == "학습률"
    assert korean_apps["Playground"].controls.lr.description == "학습률"
    assert "실행을 누르세요" in korean_apps["XorNetwork"].messages.value or "에폭" in korean_apps["XorNetwork"].epoch_label.value
    assert korean_apps["Perceptron xor"].explain.value.count("이려면") == 4


def test_the_lang_keyword_checks_the_language():
    from playground import apps
    with pytest.raises(ValueError, match="choose one of en, ko"):
        apps.Perceptron(lang="fr")


def test_labels_made_before_the_language_was_known_are_put_into_it():
    """A preheated Voilà kernel builds the app, then the page's request says ?lang=ko."""
    from playground import apps
    app = apps.Perceptron()
    assert app.textbook.description == "Show textbook weights"
    with i18n.using("ko"):
        app.localize()
        assert app.textbook.description == "예시 가중치 보기"
        assert app.activation._options_labels == ("계단 함수", "시그모이드") and app.activation.value == "step"
        assert app.figure.fig.layout.annotations[0].text == TABLE["gates.title_inputs"][1]
        assert "가중치와 편향" in _strings(app.widget)[-1] or any("가중치와 편향" in s for s in _strings(app.widget))
    assert i18n.translate_text("Reset") == "Reset"
    with i18n.using("ko"):
        assert i18n.translate_text("Reset") == "초기화" and i18n.translate_text("not a label") == "not a label"
        assert i18n.translate_text("learning rate") == "학습률" and i18n.translate_text("loss") == "손실 함수"


def test_a_bad_page_language_is_said_in_the_app(monkeypatch):
    from playground import apps
    monkeypatch.setenv("QUERY_STRING", "lang=fr")
    app = apps.Activations()
    app.localize()
    assert "'fr' could not be used" in html.unescape(app.messages.value)
    assert np.isfinite(app.slope.value)


def test_a_voila_page_in_korean_links_back_to_the_korean_landing_page(monkeypatch):
    from playground.apps.base import back_link
    monkeypatch.setenv("VOILA_REQUEST_URL", "http://127.0.0.1:8866/voila/render/playground.ipynb?lang=ko")
    from playground.apps.page import decide_language
    monkeypatch.setenv("QUERY_STRING", "lang=ko&lr=0.1")
    decide_language()  # where the app is built
    link = back_link()
    assert "href='index.ipynb?lang=ko'" in link.value and "모든 앱" in link.value
    monkeypatch.setenv("QUERY_STRING", "lr=0.1")
    decide_language()
    assert back_link() is None  # English: the notebook's own markdown link is enough
    monkeypatch.delenv("VOILA_REQUEST_URL")
    monkeypatch.setenv("QUERY_STRING", "lang=ko")
    decide_language()
    assert back_link() is None  # JupyterLab: no page to link from
