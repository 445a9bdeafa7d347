"""Every user-facing string in English and Korean, and the language the apps speak.

    from playground import i18n
    i18n.t("app.play")                       # 'Play', or '실행' in Korean
    i18n.t("app.epoch", epoch="1,024")       # formatted with str.format
    i18n.set_language("ko")                  # JupyterLab: the apps built after this speak Korean

The language is, in this order: the one given to ``set_language`` (or to an app's ``lang=``),
the page's ``?lang=ko`` (Voilà puts the query in ``QUERY_STRING``), the environment variable
``PLAYGROUND_LANG``, else English. Plain Python: the engine may import this module.

``TABLE`` maps a key to ``(English, Korean)``. A string used with ``t(key, **fmt)`` is formatted
with ``str.format`` (plotly's ``%{x}`` must then be written ``%{{x}}``); one used without
arguments is returned as it is. Korean terms follow the course notes (학습률, 활성화 함수, 은닉층,
손실, 기울기 소실, 과적합, 규제 for regularisation and 배치 정규화 for batch norm, 에폭, ...).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping
from contextlib import contextmanager
from urllib.parse import parse_qsl

LANGUAGES = ("en", "ko")
LANGUAGE_NAMES = {"en": "English", "ko": "한국어"}
ENV_VAR = "PLAYGROUND_LANG"

_chosen: str | None = None  # set_language's choice, if any
_warned: set = set()


def check_language(lang) -> str:
    """``lang`` if it is one of ``LANGUAGES`` (case and spaces ignored), else a ValueError."""
    code = lang.strip().lower() if isinstance(lang, str) else lang
    if code not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not available; choose one of {', '.join(LANGUAGES)} "
                         f"({', '.join(f'{k}: {v}' for k, v in LANGUAGE_NAMES.items())})")
    return code


def query_language(query: str | None = None):
    """The ``lang`` of a query string (default: the page's, from ``QUERY_STRING``), as given, or None."""
    query = os.environ.get("QUERY_STRING", "") if query is None else query
    query = query.split("?", 1)[1] if "?" in query else query
    langs = [v for k, v in parse_qsl(query.split("#", 1)[0], keep_blank_values=True) if k == "lang"]
    return langs[-1] if langs else None


def default_language() -> str:
    """The language without ``set_language`` or a page query: ``PLAYGROUND_LANG``, else English."""
    env = os.environ.get(ENV_VAR, "").strip()
    if not env:
        return "en"
    try:
        return check_language(env)
    except ValueError as exc:
        if env not in _warned:
            _warned.add(env)
            warnings.warn(f"{ENV_VAR}: {exc}; using English", stacklevel=3)
        return "en"


def language() -> str:
    """The current language code ("en" or "ko")."""
    if _chosen is not None:
        return _chosen
    lang = query_language()
    if lang is not None:
        try:
            return check_language(lang)
        except ValueError:
            pass  # a bad ?lang= is the app's message to give (apps.common.config_from_link)
    return default_language()


def set_language(lang: str | None) -> str:
    """Speak ``lang`` ("en" or "ko") from now on; ``None`` goes back to the page or environment's
    choice. Returns the language now in force. Apps built before keep their labels (build them again)."""
    global _chosen
    _chosen = None if lang is None else check_language(lang)
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


def t(key: str, /, **fmt) -> str:
    """The string ``key`` in the current language, formatted with ``fmt`` if given."""
    try:
        entry = TABLE[key]
    except KeyError:
        raise KeyError(f"no string {key!r} in playground.i18n.TABLE") from None
    text = entry[LANGUAGES.index(language())]
    return text.format(**fmt) if fmt else text


def tr(key: str, lang: str, /, **fmt) -> str:
    """The string ``key`` in ``lang`` (whatever the current language is)."""
    text = TABLE[key][LANGUAGES.index(check_language(lang))]
    return text.format(**fmt) if fmt else text


def has(key: str) -> bool:
    return key in TABLE


def translate_text(text: str, lang: str | None = None) -> str:
    """``text`` in ``lang`` (default: the current language) if it is, exactly, a string of the
    table in another language and takes no arguments; otherwise ``text`` unchanged. Used for
    labels built before the page's language was known (a preheated Voilà kernel)."""
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


def _reverse() -> dict:
    """Every static string (no ``{field}``) in every language -> its key (the first one)."""
    global _REVERSE
    if _REVERSE is None:
        _REVERSE = {}
        for key, texts in TABLE.items():
            if any("{" in s and "}" in s and "%{" not in s for s in texts):
                continue  # formatted: only whole strings can be recognised
            for s in texts:
                _REVERSE.setdefault(s, key)
    return _REVERSE


# -----------------------------------------------------------------------------------------------
# The table: key -> (English, Korean). Grouped by where the strings are shown.
# -----------------------------------------------------------------------------------------------
TABLE: dict[str, tuple[str, str]] = {
    # -- names of choices, shared by every app ------------------------------------------------------
    "optimizer.sgd": ("SGD", "SGD"),
    "optimizer.momentum": ("SGD + momentum", "SGD + 모멘텀"),
    "optimizer.rmsprop": ("RMSprop", "RMSprop"),
    "optimizer.adam": ("Adam", "Adam"),
    "activation.linear": ("linear (none)", "선형 (없음)"),
    "activation.sigmoid": ("sigmoid", "시그모이드"),
    "activation.tanh": ("tanh", "tanh"),
    "activation.relu": ("ReLU", "ReLU"),
    "activation.leaky_relu": ("leaky ReLU", "리키 ReLU"),
    "activation.elu": ("ELU", "ELU"),
    "activation.gelu": ("GELU", "GELU"),
    "activation.short_linear": ("linear", "선형"),
    "init.uniform": ("uniform(-0.5, 0.5) (TensorFlow Playground)", "균등분포(-0.5, 0.5) (TensorFlow Playground)"),
    "init.small": ("small normal (std 0.01)", "작은 정규분포 (표준편차 0.01)"),
    "init.xavier": ("Xavier / Glorot", "Xavier / Glorot"),
    "init.he": ("He / Kaiming", "He / Kaiming"),
    "init.large": ("too large normal (std 1.5)", "너무 큰 정규분포 (표준편차 1.5)"),
    "reg.none": ("none", "없음"),
    "reg.l1": ("L1", "L1"),
    "reg.l2": ("L2 (penalty)", "L2 (벌점 항)"),
    "reg.decay": ("L2 (weight decay)", "L2 (가중치 감쇠)"),
    "loss.bce": ("binary cross-entropy", "이진 교차 엔트로피"),
    "loss.ce": ("softmax cross-entropy", "소프트맥스 교차 엔트로피"),
    "loss.mse": ("mean squared error", "평균 제곱 오차"),
    "loss.mae": ("mean absolute error", "평균 절대 오차"),
    "problem.binary": ("binary classification", "이진 분류"),
    "problem.multiclass": ("multi-class", "다중 클래스 분류"),
    "problem.regression": ("regression", "회귀"),
    "dataset_short.circle": ("Circle", "원"),
    "dataset_short.xor": ("XOR", "XOR"),
    "dataset_short.gauss": ("Gaussians", "가우시안"),
    "dataset_short.spiral": ("Spiral", "나선"),
    "dataset_short.moons": ("Moons", "초승달"),
    "dataset_short.blobs": ("3 blobs", "덩어리 3개"),
    "dataset_short.spiral3": ("3 spirals", "나선 3개"),
    "dataset_short.plane": ("Plane", "평면"),
    "dataset_short.multigauss": ("Bumps", "봉우리"),
    "dataset.circle": ("Circle", "원"),
    "dataset.xor": ("Exclusive or", "배타적 논리합 (XOR)"),
    "dataset.gauss": ("Two Gaussians", "가우시안 두 개"),
    "dataset.spiral": ("Spiral", "나선"),
    "dataset.moons": ("Moons", "초승달"),
    "dataset.blobs": ("Three blobs", "덩어리 세 개"),
    "dataset.spiral3": ("Three-arm spiral", "세 갈래 나선"),
    "dataset.plane": ("Plane (regression)", "평면 (회귀)"),
    "dataset.multigauss": ("Gaussian bumps (regression)", "가우시안 봉우리 (회귀)"),
    "dataset.gate_and": ("AND gate", "AND 게이트"),
    "dataset.gate_or": ("OR gate", "OR 게이트"),
    "dataset.gate_nand": ("NAND gate", "NAND 게이트"),
    "dataset.gate_xor": ("XOR gate", "XOR 게이트"),
    # config.PRESETS, as buttons' tooltips and messages
    "preset.tfp-default": ("TensorFlow Playground's default: circle, 4-2 tanh, SGD 0.03, batch 10",
                           "TensorFlow Playground의 기본값: 원, 4-2 tanh, SGD 0.03, 배치 10"),
    "preset.xor-no-hidden": ("XOR with no hidden layer: one line cannot split it",
                             "은닉층 없는 XOR: 직선 하나로는 나눌 수 없습니다"),
    "preset.xor-one-hidden": ("XOR with one hidden layer of 4 neurons", "뉴런 4개짜리 은닉층 하나로 푸는 XOR"),
    "preset.circle-squares": ("circle with x1² and x2² features and no hidden layer: separable by a line",
                              "x1², x2² 특성을 쓰고 은닉층이 없는 원: 직선으로 나눌 수 있습니다"),
    "preset.spiral-tanh": ("spiral with a 6×8 tanh network and Adam", "6×8 tanh 신경망과 Adam으로 푸는 나선"),
    "preset.spiral-relu": ("spiral with a 6×8 ReLU network and Adam", "6×8 ReLU 신경망과 Adam으로 푸는 나선"),
    "preset.too-high-lr": ("learning rate 3: watch the loss jump around or diverge",
                           "학습률 3: 손실이 널뛰거나 발산하는 것을 보세요"),
    "preset.deep-sigmoid": ("deep sigmoid network: gradients vanish toward the input",
                            "깊은 시그모이드 신경망: 입력 쪽으로 갈수록 기울기가 소실됩니다"),
    "preset.exploding": ("deep ReLU network with too large weights: gradients explode toward the input",
                         "가중치가 너무 큰 깊은 ReLU 신경망: 입력 쪽으로 갈수록 기울기가 폭주합니다"),
    "preset.relu-he": ("deep ReLU network with He initialisation: gradients stay the same size",
                       "He 초기화를 쓴 깊은 ReLU 신경망: 기울기 크기가 그대로 유지됩니다"),
    "preset.sigmoid-batchnorm": ("deep sigmoid network with batch norm", "배치 정규화를 쓴 깊은 시그모이드 신경망"),
    "preset.sigmoid-residual": ("deep sigmoid network with residual connections", "잔차 연결을 쓴 깊은 시그모이드 신경망"),
    "preset.overfit": ("few noisy points and a big network: it learns the noise",
                       "노이즈 섞인 적은 점과 큰 신경망: 노이즈까지 학습합니다"),
    "preset.blobs": ("three classes with softmax and cross-entropy", "소프트맥스와 교차 엔트로피로 푸는 세 클래스"),
    "preset.regression-plane": ("regression: learn a tilted plane", "회귀: 기울어진 평면을 학습합니다"),
    # -- controls.py: the Playground's panels (also used by other apps) -------------------------------
    "controls.bad_hidden": ("hidden layers {text!r}: write neuron counts separated by commas, e.g. 4, 2",
                            "은닉층 {text!r}: 뉴런 수를 쉼표로 구분해 쓰세요. 예: 4, 2"),
    "controls.bad_seed": ("seed {text!r} is not a whole number; type one such as 0 or 42",
                          "시드 {text!r}은(는) 정수가 아닙니다. 0이나 42 같은 정수를 입력하세요"),
    "controls.no_feature": ("pick at least one input feature", "입력 특성을 하나 이상 고르세요"),
    "controls.points": ("points", "점 개수"),
    "controls.noise": ("noise (%)", "노이즈 (%)"),
    "controls.training_percent": ("training (%)", "훈련 데이터 (%)"),
    "controls.seed": ("seed", "시드"),
    "controls.feature_tip": ("input feature {label}", "입력 특성 {label}"),
    "controls.hidden": ("hidden layers", "은닉층"),
    "controls.hidden_placeholder": ("neurons per layer, e.g. 8, 8, 4", "층마다 뉴런 수, 예: 8, 8, 4"),
    "controls.add_layer": ("+ layer", "+ 층"),
    "controls.add_layer_tip": ("add a hidden layer", "은닉층을 하나 더합니다"),
    "controls.remove_layer": ("− layer", "− 층"),
    "controls.remove_layer_tip": ("remove the last hidden layer", "마지막 은닉층을 뺍니다"),
    "controls.activation": ("activation", "활성화 함수"),
    "controls.init": ("initial weights", "초기 가중치"),
    "controls.batch_norm": ("batch norm", "배치 정규화"),
    "controls.residual": ("residual", "잔차 연결"),
    "controls.dropout": ("dropout", "드롭아웃"),
    "controls.problem": ("problem", "문제"),
    "controls.loss": ("loss", "손실 함수"),
    "controls.optimizer": ("optimizer", "옵티마이저"),
    "controls.lr": ("learning rate", "학습률"),
    "controls.batch_size": ("batch size", "배치 크기"),
    "controls.reg": ("regularisation", "규제"),
    "controls.reg_rate": ("reg. rate", "규제 강도"),
    "controls.inputs": ("Inputs", "입력"),
    # -- apps/common.py: links and messages --------------------------------------------------------
    "link.bad_language": ("The link's language {lang!r} could not be used; choose en (English) or ko (한국어).",
                          "링크의 언어 {lang!r}은(는) 쓸 수 없습니다. en(English) 또는 ko(한국어)를 고르세요."),
    "link.restored": ("Settings restored from the link.", "링크의 설정을 불러왔습니다."),
    "link.failed": ("The link's settings could not be used ({error}); starting from the defaults.",
                    "링크의 설정을 쓸 수 없어 기본 설정으로 시작합니다 ({error})."),
    "link.copy": ("Copy link", "링크 복사"),
    "link.copied": ("Copied", "복사됨"),
    "link.share": ("Share these settings:", "이 설정 공유하기:"),
    # -- apps/base.py: what every live app has -----------------------------------------------------
    "app.play": ("Play", "실행"),
    "app.pause": ("Pause", "일시정지"),
    "app.play_tip": ("train continuously", "계속 학습합니다"),
    "app.step": ("Step", "한 단계"),
    "app.step_tip": ("one optimizer step", "옵티마이저 한 단계"),
    "app.reset": ("Reset", "초기화"),
    "app.reset_tip": ("back to the same initial weights", "같은 초기 가중치로 돌아갑니다"),
    "app.reset_done": ("Reset: the same initial weights as before.", "초기화: 처음과 같은 초기 가중치입니다."),
    "app.tab_closed": ("Paused: the page was closed or hidden.", "일시정지: 페이지가 닫혔거나 숨겨졌습니다."),
    "app.paused_error": ("Paused after an error: {error}", "오류로 일시정지했습니다: {error}"),
    "app.went_wrong": ("Something went wrong: {error}", "문제가 생겼습니다: {error}"),
    "app.epoch": ("Epoch <b>{epoch:,}</b>", "에폭 <b>{epoch:,}</b>"),
    "app.losses": ("train loss {train:.3f} · test loss {test:.3f}", "훈련 손실 {train:.3f} · 테스트 손실 {test:.3f}"),
    "app.test_accuracy": (" · test accuracy <b>{acc:.1%}</b>", " · 테스트 정확도 <b>{acc:.1%}</b>"),
    "app.rebuilt": ("The network changed: it was rebuilt with new initial weights.",
                    "신경망이 바뀌어 새 초기 가중치로 다시 만들었습니다."),
    "app.new_data": ("New data: the network starts again from its initial weights.",
                     "새 데이터: 신경망이 초기 가중치에서 다시 시작합니다."),
    # -- engine messages the learner sees -------------------------------------------------------------
    "session.diverged": ("Training diverged at epoch {epoch} (the loss became too large or NaN). "
                         "Try a smaller learning rate than {lr:g}, then Reset.",
                         "{epoch} 에폭에서 학습이 발산했습니다 (손실이 너무 커졌거나 NaN이 되었습니다). "
                         "{lr:g}보다 작은 학습률을 고른 뒤 초기화하세요."),
    "descent.diverged": ("{name} diverged at step {step}: with learning rate {lr:g} each step overshoots the bottom "
                         "by more than it gains. Try a smaller learning rate.",
                         "{name}이(가) {step}단계에서 발산했습니다: 학습률 {lr:g}에서는 한 걸음마다 바닥을 얻는 것보다 "
                         "더 많이 지나칩니다. 더 작은 학습률을 써 보세요."),
    "descent.not_finite": ("{name} diverged: the loss is no longer a finite number.",
                           "{name}이(가) 발산했습니다: 손실이 더 이상 유한한 숫자가 아닙니다."),
    # -- config.py: why a setting is refused (the learner sees these) -----------------------------
    "config.choose": ("{name}={value!r} is not allowed; choose one of {allowed}",
                      "{name}={value!r}: 허용되지 않는 값입니다. 다음 중에서 고르세요: {allowed}"),
    "config.range": ("{name}={value!r} is not allowed; it must be {kind} from {lo} to {hi}",
                     "{name}={value!r}: 허용되지 않는 값입니다. {lo}부터 {hi}까지의 {kind}여야 합니다"),
    "config.kind_int": ("a whole number", "정수"),
    "config.kind_number": ("a number", "숫자"),
    "config.tuple_of": ("{name}={value!r} is not allowed; it must be a tuple of {what}",
                        "{name}={value!r}: 허용되지 않는 값입니다. {what}의 튜플이어야 합니다"),
    "config.tuple_features": ("names from {names}", "다음 이름들({names})"),
    "config.tuple_hidden": ("whole numbers from 1 to {max_width}, one per hidden layer",
                            "은닉층마다 하나씩, 1부터 {max_width}까지의 정수"),
    "config.features_distinct": ("features={value!r} is not allowed; pick one or more distinct of {names}",
                                 "features={value!r}: 허용되지 않는 값입니다. 다음 중 서로 다른 것을 하나 이상 고르세요: {names}"),
    "config.too_many_layers": ("hidden={value!r} is not allowed; at most {max_layers} hidden layers",
                               "hidden={value!r}: 허용되지 않는 값입니다. 은닉층은 최대 {max_layers}개입니다"),
    "config.bool": ("{name}={value!r} is not allowed; it must be True or False",
                    "{name}={value!r}: 허용되지 않는 값입니다. True 또는 False여야 합니다"),
    "config.problem_for_dataset": (
        "problem={value!r} is not allowed for dataset {dataset!r}; choose one of {allowed}",
        "problem={value!r}: 데이터셋 {dataset!r}에는 허용되지 않습니다. 다음 중에서 고르세요: {allowed}"),
    "config.batch_norm_batch": (
        "batch_size=1 is not allowed with batch norm; batch norm needs at least 2 points per batch",
        "batch_size=1은 배치 정규화와 함께 쓸 수 없습니다. 배치 정규화에는 배치마다 2개 이상의 점이 필요합니다"),
    "config.unknown_settings": ("unknown setting(s) {names}; known: {known}",
                                "알 수 없는 설정: {names}. 가능한 설정: {known}"),
    "config.link_unknown": ("unknown setting {key!r} in the link; known: {known}",
                            "링크에 알 수 없는 설정 {key!r}이(가) 있습니다. 가능한 설정: {known}"),
    "config.link_twice": ("setting {key!r} appears twice in the link", "링크에 설정 {key!r}이(가) 두 번 나옵니다"),
    "config.link_not": ("{key}={raw!r} in the link is not {expected}", "링크의 {key}={raw!r}은(는) {expected}이(가) 아닙니다"),
    "config.expect_bool": ("1 or 0", "1 또는 0"),
    "config.expect_int": ("a whole number", "정수"),
    "config.expect_float": ("a number", "숫자"),
    "config.expect_ints": ("comma-separated whole numbers", "쉼표로 구분한 정수들"),
    "config.expect_names": ("comma-separated names", "쉼표로 구분한 이름들"),
    "config.unknown_preset": ("unknown preset {name!r}; choose one of {allowed}",
                              "알 수 없는 프리셋 {name!r}. 다음 중에서 고르세요: {allowed}"),
    # field names as the messages above name them (the link's keys stay as they are)
    "field.dataset": ("dataset", "dataset(데이터셋)"),
    "field.n_points": ("n_points", "n_points(점 개수)"),
    "field.noise": ("noise", "noise(노이즈)"),
    "field.train_fraction": ("train_fraction", "train_fraction(훈련 데이터 비율)"),
    "field.seed": ("seed", "seed(시드)"),
    "field.features": ("features", "features(입력 특성)"),
    "field.hidden": ("hidden", "hidden(은닉층)"),
    "field.hidden_width": ("hidden (neurons per layer)", "hidden (층마다 뉴런 수)"),
    "field.activation": ("activation", "activation(활성화 함수)"),
    "field.init": ("init", "init(가중치 초기화)"),
    "field.batch_norm": ("batch_norm", "batch_norm(배치 정규화)"),
    "field.residual": ("residual", "residual(잔차 연결)"),
    "field.dropout": ("dropout", "dropout(드롭아웃)"),
    "field.problem": ("problem", "problem(문제 종류)"),
    "field.loss": ("loss (for a {problem} problem)", "loss ({problem} 문제의 손실 함수)"),
    "field.optimizer": ("optimizer", "optimizer(옵티마이저)"),
    "field.lr": ("lr (learning rate)", "lr (학습률)"),
    "field.batch_size": ("batch_size", "batch_size(배치 크기)"),
    "field.reg": ("reg (regularisation)", "reg (규제)"),
    "field.reg_rate": ("reg_rate", "reg_rate(규제 강도)"),
}
