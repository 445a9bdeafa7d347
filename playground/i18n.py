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
    "activation.silu": ("SiLU", "SiLU"),
    "activation.softplus": ("softplus", "소프트플러스"),
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
    # -- figures: words many of them use ---------------------------------------------------------------
    "fig.epoch": ("epoch", "에폭"),
    "fig.loss": ("loss", "손실"),
    "fig.train_loss": ("train loss", "훈련 손실"),
    "fig.test_loss": ("test loss", "테스트 손실"),
    "fig.layer": ("layer", "층"),
    "fig.training_points": ("training points", "훈련 데이터"),
    "fig.test_points": ("test points", "테스트 데이터"),
    "fig.validation_points": ("validation points", "검증 데이터"),
    "fig.class_k": ("class {k}", "클래스 {k}"),
    "fig.orange": ("orange", "주황"),
    "fig.blue": ("blue", "파랑"),
    # -- apps/first_steps.py: the perceptron ---------------------------------------------------------
    "perceptron.step": ("step", "계단 함수"),
    "perceptron.activation": ("activation f", "활성화 함수 f"),
    "perceptron.gate": ("target gate", "목표 게이트"),
    "perceptron.textbook": ("Show textbook weights", "교재의 가중치 보기"),
    "perceptron.textbook_tip": ("weights from the course notes for the chosen gate", "고른 게이트에 대한 강의 노트의 가중치"),
    "perceptron.weights_bias": ("Weights and bias", "가중치와 편향"),
    "perceptron.no_textbook_xor": ("There are no textbook weights for XOR: no single line separates it (see below).",
                                   "XOR에는 교재의 가중치가 없습니다: 직선 하나로는 나눌 수 없습니다 (아래 참고)."),
    "perceptron.textbook_done": ("The course notes' {gate}: w = ({w1}, {w2}), b = {b}.",
                                 "강의 노트의 {gate}: w = ({w1}, {w2}), b = {b}."),
    "perceptron.check_ok": ("<b style='color:#1a7f37'>✓ These weights implement {name}</b>: all four rows are right.",
                            "<b style='color:#1a7f37'>✓ 이 가중치는 {name}을(를) 구현합니다</b>: 네 행이 모두 맞습니다."),
    "perceptron.check_not": ("<b style='color:#a12020'>✗ Not {name} yet</b>: {right} of 4 rows right.",
                             "<b style='color:#a12020'>✗ 아직 {name}이(가) 아닙니다</b>: 4행 중 {right}행이 맞습니다."),
    "perceptron.check_also": (" (They implement {names}.)", " (이 가중치는 {names}을(를) 구현합니다.)"),
    "perceptron.check_xor_hint": (" No line can get all four right: 3 is the best.",
                                  " 어떤 직선도 네 행을 모두 맞힐 수 없습니다: 3행이 최선입니다."),
    "perceptron.why_xor": (
        "<b>Why no line works for XOR.</b> The output is 1 on the side of the line where w·x + b &gt; 0. For XOR "
        "the blue points (0,1), (1,0) sit on one diagonal and the orange points (0,0), (1,1) on the other. The four "
        "rows ask for:<ul>{items}</ul>{sum} The fix is a second layer: see the next notebook.",
        "<b>XOR에는 왜 직선이 안 될까요?</b> 출력은 직선에서 w·x + b &gt; 0인 쪽에서 1입니다. XOR에서는 파란 점 "
        "(0,1), (1,0)이 한 대각선에, 주황 점 (0,0), (1,1)이 다른 대각선에 있습니다. 네 행이 요구하는 것은:"
        "<ul>{items}</ul>{sum} 해결책은 두 번째 층입니다: 다음 노트북을 보세요."),
    "perceptron.xor_row0": ("(0,0) → 0 needs  b ≤ 0", "(0,0) → 0 이려면  b ≤ 0"),
    "perceptron.xor_row1": ("(0,1) → 1 needs  w2 + b > 0", "(0,1) → 1 이려면  w2 + b > 0"),
    "perceptron.xor_row2": ("(1,0) → 1 needs  w1 + b > 0", "(1,0) → 1 이려면  w1 + b > 0"),
    "perceptron.xor_row3": ("(1,1) → 0 needs  w1 + w2 + b ≤ 0", "(1,1) → 0 이려면  w1 + w2 + b ≤ 0"),
    "perceptron.xor_sum": ("Add the two middle ones: w1 + w2 + 2b > 0.  Add the first and the last: w1 + w2 + 2b ≤ 0.  "
                           "Both cannot hold, so no (w1, w2, b) works.",
                           "가운데 두 식을 더하면 w1 + w2 + 2b > 0.  첫째와 마지막 식을 더하면 w1 + w2 + 2b ≤ 0.  "
                           "둘 다 성립할 수는 없으므로 어떤 (w1, w2, b)도 안 됩니다."),
    "gates.truth_table": ("truth table", "진리표"),
    "gates.title_inputs": ("Inputs x = (x₁, x₂): output of the neuron and the line w·x + b = 0",
                           "입력 x = (x₁, x₂): 뉴런의 출력과 직선 w·x + b = 0"),
    "gates.title_activation": ("Activation: output y = f(z) for each input's z", "활성화 함수: 각 입력의 z에 대한 출력 y = f(z)"),
    "gates.w_arrow": ("w (points to y = 1)", "w (y = 1 쪽을 가리킴)"),
    "gates.inputs_on_f": ("inputs on f", "f 위의 입력"),
    "gates.title_handset": ("Hand-set network: XOR = AND(NAND(x), OR(x))", "손으로 정한 신경망: XOR = AND(NAND(x), OR(x))"),
    "gates.title_hidden_space": ("Hidden space (h₁, h₂) = (NAND, OR): one line (AND) splits XOR",
                                 "은닉 공간 (h₁, h₂) = (NAND, OR): 직선 하나(AND)가 XOR을 나눕니다"),
    "gates.title_trained": ("Trained 2-2-1 network: output and the hidden units' lines",
                            "학습한 2-2-1 신경망: 출력과 은닉 뉴런들의 직선"),
    "gates.title_trained_loss": ("Trained network: loss", "학습한 신경망: 손실"),
    "gates.and_line": ("AND line", "AND 직선"),
    "gates.hidden_space": ("hidden space", "은닉 공간"),
    "gates.hidden_line": ("hidden neuron {k}: W₁ row · x + b = 0", "은닉 뉴런 {k}: W₁의 행 · x + b = 0"),
    # -- apps/first_steps.py: XOR with a hidden layer --------------------------------------------------
    "xor.new_weights": ("New random weights", "새 무작위 가중치"),
    "xor.new_weights_tip": ("start again from other random weights (another seed)",
                            "다른 무작위 가중치(다른 시드)에서 다시 시작합니다"),
    "xor.press_play": ("Press Play: the 2-2-1 network starts from random weights and learns XOR.",
                       "실행을 누르세요: 2-2-1 신경망이 무작위 가중치에서 시작해 XOR을 학습합니다."),
    "xor.by_hand": ("By hand:", "손으로 정하면:"),
    "xor.reseeded": ("New random weights (seed {seed}). Press Play.", "새 무작위 가중치 (시드 {seed}). 실행을 누르세요."),
    "xor.weights_now": ("trained weights now:", "지금까지 학습된 가중치:"),
    "xor.solved": ("Solved: all training points right after {epochs} epochs. Play on: the loss keeps falling as the "
                   "network grows more certain.",
                   "해결: {epochs} 에폭 뒤 모든 훈련 데이터를 맞혔습니다. 계속 실행해 보세요: 신경망이 더 확신할수록 "
                   "손실은 계속 줄어듭니다."),
    "xor.stuck": ("Stuck? With only two hidden neurons some starting weights end in a local minimum (a corner stays "
                  "wrong). Try New random weights.",
                  "막혔나요? 은닉 뉴런이 둘뿐이면 어떤 초기 가중치는 지역 최솟값에 빠집니다 (한 모서리가 계속 틀립니다). "
                  "새 무작위 가중치를 눌러 보세요."),
    "fig.hover_p_blue_1": ("x₁ %{x:.1f}<br>x₂ %{y:.1f}<br>P(blue) %{z:.2f}<extra></extra>",
                           "x₁ %{x:.1f}<br>x₂ %{y:.1f}<br>P(파랑) %{z:.2f}<extra></extra>"),
    "fig.hover_p_blue_2": ("x₁ %{x:.2f}<br>x₂ %{y:.2f}<br>P(blue) %{z:.2f}<extra></extra>",
                           "x₁ %{x:.2f}<br>x₂ %{y:.2f}<br>P(파랑) %{z:.2f}<extra></extra>"),
    "fig.hover_p_blue": ("P(blue) %{z:.2f}<extra></extra>", "P(파랑) %{z:.2f}<extra></extra>"),
    # -- apps/forward_pass.py --------------------------------------------------------------------------
    "forward.width": ("neurons (first)", "뉴런 수 (첫 층)"),
    "forward.previous": ("◀ Previous layer", "◀ 이전 층"),
    "forward.next": ("Next layer ▶", "다음 층 ▶"),
    "forward.all": ("All layers", "모든 층"),
    "forward.train": ("Train 20 epochs", "20 에폭 학습"),
    "forward.train_tip": ("so that the weights mean something: the output learns the circle",
                          "가중치가 의미를 갖도록: 출력이 원을 학습합니다"),
    "forward.network": ("Network", "신경망"),
    "forward.input_point": ("Input point", "입력 점"),
    "forward.new_network": ("New network {sizes} with random weights.", "무작위 가중치를 가진 새 신경망 {sizes}."),
    "forward.new_weights": ("New random weights: the same input gives other numbers.",
                            "새 무작위 가중치: 같은 입력이 다른 숫자를 냅니다."),
    "forward.trained": ("Trained to epoch {epoch}: test accuracy {acc:.0%}. Same formula, new weights.",
                        "{epoch} 에폭까지 학습했습니다: 테스트 정확도 {acc:.0%}. 같은 식, 새 가중치입니다."),
    "forward.formula": ("Every layer does the same thing: <b>a(l) = f( W(l) · a(l-1) + b(l) )</b>, with a(0) = x, "
                        "f = {f} in the hidden layers and sigmoid at the output (ŷ = P(blue)).",
                        "모든 층이 같은 일을 합니다: <b>a(l) = f( W(l) · a(l-1) + b(l) )</b>. 여기서 a(0) = x, "
                        "은닉층에서는 f = {f}, 출력층에서는 시그모이드입니다 (ŷ = P(파랑))."),
    "forward.layer0": ("Layer 0 is the input: x = ({x1:.2f}, {x2:.2f}), a 2×1 column. Press <b>Next layer ▶</b>.",
                       "0층은 입력입니다: x = ({x1:.2f}, {x2:.2f}), 2×1 열벡터. <b>다음 층 ▶</b>을 누르세요."),
    "forward.done_layer": ("layer {l}: {shapes}", "{l}층: {shapes}"),
    "forward.computed": ("Computed so far: {done}", "지금까지 계산한 것: {done}"),
    "forward.output": ("<b>Output ŷ = {p:.3f}</b>: the network says {color} ({sure:.0%} sure).",
                       "<b>출력 ŷ = {p:.3f}</b>: 신경망은 {color}이라고 답합니다 ({sure:.0%} 확신)."),
    "forward.title_pick": ("Pick an input x (click the plane)", "입력 x를 고르세요 (평면을 클릭)"),
    "forward.title_network": ("The network, layer by layer", "층별로 본 신경망"),
    "forward.your_input": ("your input", "고른 입력"),
    "forward.not_computed": ("not computed yet", "아직 계산 안 됨"),
    "forward.layer_step": ("<b>Layer {l}</b>: z({l}) = W({l}) {prev} + b({l}), then {cur} = {f}(z({l})). Shapes: {shapes}.",
                           "<b>{l}층</b>: z({l}) = W({l}) {prev} + b({l}), 그다음 {cur} = {f}(z({l})). 모양: {shapes}."),
    "forward.first_neuron": ("first neuron:", "첫 번째 뉴런:"),
    # -- apps/activations.py ---------------------------------------------------------------------------
    "act.bad_vector": ("could not read {text!r}: type numbers separated by commas, e.g. 2, 1, 0.1",
                       "{text!r}을(를) 읽을 수 없습니다: 숫자를 쉼표로 구분해 입력하세요. 예: 2, 1, 0.1"),
    "act.vector_size": ("type 1 to 8 finite numbers separated by commas (got {n})",
                        "유한한 숫자 1~8개를 쉼표로 구분해 입력하세요 (입력: {n}개)"),
    "act.slope": ("leaky slope a", "리키 기울기 a"),
    "act.vector": ("softmax of z =", "z의 소프트맥스, z ="),
    "act.title_f": ("f(x) and its derivative f'(x)", "f(x)와 도함수 f'(x)"),
    "act.title_softmax": ("softmax(z) = eᶻ / Σ eᶻ", "softmax(z) = eᶻ / Σ eᶻ"),
    "act.range_of_f": ("range of f", "f의 치역"),
    "act.largest_slope": ("largest slope", "가장 큰 기울기"),
    "act.z_input": ("z (input)", "z (입력)"),
    "act.component": ("component k", "성분 k"),
    "act.at_x": (" at x = {x}", " (x = {x}에서)"),
    "act.every_positive": (" for every x > 0", " (모든 x > 0에서)"),
    "act.th_function": ("function", "함수"),
    "act.th_largest": ("largest f'", "가장 큰 f'"),
    "act.th_ten_layers": ("(largest f')¹⁰: 10 layers at best", "(가장 큰 f')¹⁰: 10개 층에서 최선의 경우"),
    "act.lower_limit": ("lower limit {bound:g}", "하한 {bound:g}"),
    "act.upper_limit": ("upper limit {bound:g}", "상한 {bound:g}"),
    "act.title_slope": ("f(x) and f'(x): largest slope f' = {top:.3g}{where}",
                        "f(x)와 f'(x): 가장 큰 기울기 f' = {top:.3g}{where}"),
    "act.info": ("<b>{label}</b> · range {range} · largest slope f' = {top:.3g}. {meaning}",
                 "<b>{label}</b> · 치역 {range} · 가장 큰 기울기 f' = {top:.3g}. {meaning}"),
    "act.softmax_sum": ("softmax(z): {n} numbers that sum to {total:.2f}", "softmax(z): 합이 {total:.2f}인 숫자 {n}개"),
    "act.largest": ("largest: z{k} with probability {p:.3f}", "가장 큰 것: z{k}, 확률 {p:.3f}"),
    "act.info.sigmoid": ("sigmoid σ(x) = 1 / (1 + e⁻ˣ)", "시그모이드 σ(x) = 1 / (1 + e⁻ˣ)"),
    "act.info.tanh": ("tanh(x)", "tanh(x)"),
    "act.info.relu": ("ReLU max(0, x)", "ReLU max(0, x)"),
    "act.info.leaky_relu": ("leaky ReLU max(a·x, x)", "리키 ReLU max(a·x, x)"),
    "act.info.elu": ("ELU: x, or eˣ - 1 for x < 0", "ELU: x, 단 x < 0이면 eˣ - 1"),
    "act.info.gelu": ("GELU x·Φ(x)", "GELU x·Φ(x)"),
    "act.info.linear": ("linear (no activation)", "선형 (활성화 함수 없음)"),
    "act.info.silu": ("SiLU (swish) x·σ(x)", "SiLU (스위시) x·σ(x)"),
    "act.info.softplus": ("softplus log(1 + eˣ)", "소프트플러스 log(1 + eˣ)"),
    "act.meaning.sigmoid": (
        "Backpropagation multiplies the error by f'(z) at every layer. Sigmoid's f' is at most 0.25, and almost 0 "
        "once |z| > 5 (saturated): ten sigmoid layers shrink the gradient by at least 0.25¹⁰ ≈ 10⁻⁶. That is the "
        "vanishing gradient.",
        "역전파는 층마다 오차에 f'(z)를 곱합니다. 시그모이드의 f'은 최대 0.25이고, |z| > 5이면 거의 0입니다 (포화). "
        "시그모이드 층 열 개는 기울기를 적어도 0.25¹⁰ ≈ 10⁻⁶배로 줄입니다. 이것이 기울기 소실입니다."),
    "act.meaning.tanh": (
        "tanh is a stretched sigmoid (tanh(x) = 2σ(2x) - 1): centred on 0 and f' up to 1, four times sigmoid's, but "
        "it saturates too, so deep tanh networks still lose their gradient.",
        "tanh는 늘인 시그모이드입니다 (tanh(x) = 2σ(2x) - 1): 0을 중심으로 하고 f'이 최대 1로 시그모이드의 네 배지만, "
        "역시 포화되므로 깊은 tanh 신경망도 기울기를 잃습니다."),
    "act.meaning.relu": (
        "ReLU's f' is exactly 1 wherever the neuron is active: the gradient passes through undiminished, and it is "
        "cheap. But for z < 0 both f and f' are 0: a neuron that is negative for every input never learns again "
        "(a dead ReLU).",
        "ReLU의 f'은 뉴런이 활성인 곳에서 정확히 1입니다: 기울기가 줄지 않고 통과하며 계산도 쌉니다. 하지만 z < 0이면 "
        "f와 f' 모두 0입니다: 모든 입력에서 음수인 뉴런은 다시는 학습하지 못합니다 (죽은 ReLU)."),
    "act.meaning.leaky_relu": (
        "Leaky ReLU keeps a small slope a for z < 0, so the gradient never becomes exactly 0 and neurons cannot die. "
        "The notes use a = 0.01; move the slider.",
        "리키 ReLU는 z < 0에서도 작은 기울기 a를 남겨 기울기가 정확히 0이 되지 않으므로 뉴런이 죽지 않습니다. "
        "강의 노트는 a = 0.01을 씁니다. 슬라이더를 움직여 보세요."),
    "act.meaning.elu": (
        "ELU is smooth, x for x > 0 and eˣ - 1 below: outputs can be negative (down to -1), f' never reaches 0 for "
        "finite z.",
        "ELU는 매끄럽습니다. x > 0이면 x, 그 아래에서는 eˣ - 1: 출력이 음수(-1까지)가 될 수 있고, 유한한 z에서 f'이 "
        "0이 되지 않습니다."),
    "act.meaning.gelu": (
        "GELU = x·Φ(x) (Φ: the normal distribution's CDF) is a smooth ReLU used in Transformers. It dips below 0 near "
        "x ≈ -0.75 and its slope overshoots 1 (1.13 at x = √2).",
        "GELU = x·Φ(x) (Φ: 정규분포의 누적분포함수)는 Transformer에서 쓰는 매끄러운 ReLU입니다. x ≈ -0.75 근처에서 "
        "0 아래로 내려가고, 기울기가 1을 넘습니다 (x = √2에서 1.13)."),
    "act.meaning.silu": (
        "SiLU (swish) = x·σ(x) is another smooth ReLU, used in EfficientNet and many language models. It dips below 0 "
        "(to -0.28 at x ≈ -1.28) and its slope overshoots 1 (1.10 at x ≈ 2.40). Far below 0, f and f' fade to 0 as "
        "ReLU's do, but gradually rather than at once.",
        "SiLU(스위시) = x·σ(x)는 EfficientNet과 여러 언어 모델에서 쓰는 또 하나의 매끄러운 ReLU입니다. 0 아래로 "
        "내려가고 (x ≈ -1.28에서 -0.28까지) 기울기가 1을 넘습니다 (x ≈ 2.40에서 1.10). 0보다 훨씬 작은 곳에서는 "
        "ReLU처럼 f와 f'이 0에 가까워지지만, 한 번에가 아니라 서서히 그렇게 됩니다."),
    "act.meaning.softplus": (
        "softplus = log(1 + eˣ) is a smooth ReLU that is always positive. Its derivative is the sigmoid σ(x): between "
        "0 and 1, reaching 1 only as x grows, and small but never 0 for negative x, so its neurons cannot die.",
        "소프트플러스 = log(1 + eˣ)는 항상 양수인 매끄러운 ReLU입니다. 도함수는 시그모이드 σ(x)입니다: 0과 1 사이이고, "
        "x가 커질 때에야 1에 다가가며, 음수 x에서도 작지만 0이 되지 않으므로 뉴런이 죽지 않습니다."),
    # -- apps/losses.py, views/loss_figure.py ----------------------------------------------------------
    "losses.not_binary": ("Losses compares binary losses; dataset {dataset!r} is a {problem} problem",
                          "Losses는 이진 분류의 손실을 비교합니다. 데이터셋 {dataset!r}은(는) {problem} 문제입니다"),
    "losses.p": ("prediction p for a blue point", "파란 점에 대한 예측 p"),
    "losses.logits": ("logits z of 3 classes", "클래스 3개의 로짓 z"),
    "losses.target": ("true class", "정답 클래스"),
    "losses.y_true": ("targets y", "정답 y"),
    "losses.y_pred": ("predictions ŷ", "예측 ŷ"),
    "losses.sec_binary": ("Binary: one sigmoid output, cross-entropy (BCE) or MSE",
                          "이진 분류: 시그모이드 출력 하나, 교차 엔트로피(BCE) 또는 MSE"),
    "losses.sec_multi": ("Multi-class: softmax outputs, cross-entropy with the true class",
                         "다중 클래스 분류: 소프트맥스 출력, 정답 클래스에 대한 교차 엔트로피"),
    "losses.sec_regression": ("Regression: MSE, MAE, RMSE", "회귀: MSE, MAE, RMSE"),
    "losses.sec_networks": ("Two identical networks (same data, weights and seed): cross-entropy vs MSE",
                            "똑같은 두 신경망 (같은 데이터, 가중치, 시드): 교차 엔트로피 대 MSE"),
    "losses.press_play": ("Press Play: both networks start from the same weights; only the loss differs.",
                          "실행을 누르세요: 두 신경망은 같은 가중치에서 시작하고, 손실 함수만 다릅니다."),
    "losses.ce_word": ("cross-entropy", "교차 엔트로피"),
    "losses.pushes": ("cross-entropy pushes {ratio:.1f}× harder here. MSE's extra factor p(1 − p) = σ'(z) is {factor:.3f}: "
                      "it vanishes exactly when the prediction is confidently wrong.",
                      "여기서는 교차 엔트로피가 {ratio:.1f}배 더 세게 밉니다. MSE에 더 붙는 인수 p(1 − p) = σ'(z)는 "
                      "{factor:.3f}입니다: 예측이 자신 있게 틀릴 때 바로 이 값이 사라집니다."),
    "losses.onehot": ("onehot", "원-핫"),
    "losses.mse_punishes": ("(MSE punishes the one big error most)", "(MSE는 큰 오차 하나를 가장 크게 벌합니다)"),
    "losses.reset": ("Reset: both networks back to the same initial weights.",
                     "초기화: 두 신경망 모두 같은 초기 가중치로 돌아갔습니다."),
    "losses.test_accuracy": ("test accuracy:", "테스트 정확도:"),
    "losses.trained_ce": ("trained with cross-entropy: {acc:.0%}", "교차 엔트로피로 학습: {acc:.0%}"),
    "losses.trained_mse": ("trained with MSE: {acc:.0%}", "MSE로 학습: {acc:.0%}"),
    "lossfig.title_loss": ("Loss of one blue point (y = 1) vs the prediction p", "파란 점 하나(y = 1)의 손실과 예측 p"),
    "lossfig.title_push": ("How hard it pushes: |∂L/∂z| (z: the output before sigmoid)",
                           "얼마나 세게 미는가: |∂L/∂z| (z: 시그모이드 전의 출력)"),
    "lossfig.title_multi": ("Multi-class: softmax + cross-entropy", "다중 클래스 분류: 소프트맥스 + 교차 엔트로피"),
    "lossfig.title_accuracy": ("Test accuracy: same network, two losses", "테스트 정확도: 같은 신경망, 두 손실 함수"),
    "lossfig.title_ce": ("trained with cross-entropy (BCE)", "교차 엔트로피(BCE)로 학습"),
    "lossfig.title_mse": ("trained with MSE", "MSE로 학습"),
    "lossfig.ce_curve": ("cross-entropy −log p", "교차 엔트로피 −log p"),
    "lossfig.ce_grad": ("|p − 1| (cross-entropy)", "|p − 1| (교차 엔트로피)"),
    "lossfig.x_p_blue": ("prediction p = P(blue)  (wrong ← → right)", "예측 p = P(파랑)  (틀림 ← → 맞음)"),
    "lossfig.x_p": ("prediction p  (wrong ← → right)", "예측 p  (틀림 ← → 맞음)"),
    "lossfig.softmax_title": ("Softmax, true class {target}: CE = −log {p:.2f} = {loss:.2f}",
                              "소프트맥스, 정답 클래스 {target}: CE = −log {p:.2f} = {loss:.2f}"),
    "losses.mean": ("mean", "평균"),
    "rebuild.rebuilt": ("The network changed: it was rebuilt with new initial weights.",
                        "신경망이 바뀌어 새 초기 가중치로 다시 만들었습니다."),
    "rebuild.new data": ("New data: the network starts again from its initial weights.",
                         "새 데이터: 신경망이 초기 가중치에서 다시 시작합니다."),
    # -- apps/gradient_flow.py -----------------------------------------------------------------------
    "gf.init.uniform": ("uniform ±0.5", "균등분포 ±0.5"),
    "gf.init.small": ("too small (std 0.01)", "너무 작게 (표준편차 0.01)"),
    "gf.init.xavier": ("Xavier / Glorot", "Xavier / Glorot"),
    "gf.init.he": ("He / Kaiming", "He / Kaiming"),
    "gf.init.large": ("too large (std 1.5)", "너무 크게 (표준편차 1.5)"),
    "gf.init_word.uniform": ("uniform ±0.5 init", "균등분포 ±0.5 초기화"),
    "gf.init_word.small": ("too small init", "너무 작은 초기화"),
    "gf.init_word.xavier": ("Xavier / Glorot init", "Xavier / Glorot 초기화"),
    "gf.init_word.he": ("He / Kaiming init", "He / Kaiming 초기화"),
    "gf.init_word.large": ("too large init", "너무 큰 초기화"),
    "gf.lr": ("lr {lr:g}", "학습률 {lr:g}"),
    "gf.case.deep-sigmoid": ("Vanishing: deep sigmoid", "소실: 깊은 시그모이드"),
    "gf.case.exploding": ("Exploding: too-large init", "폭주: 너무 큰 초기화"),
    "gf.case.relu-he": ("Fix: ReLU + He init", "해결: ReLU + He 초기화"),
    "gf.case.sigmoid-batchnorm": ("Fix: batch norm", "해결: 배치 정규화"),
    "gf.case.sigmoid-residual": ("Fix: residual connections", "해결: 잔차 연결"),
    "gf.case_text.deep-sigmoid": (
        "Vanishing: each sigmoid layer multiplies the gradient by at most 0.25 times its weights, so the bars fall "
        "about tenfold per layer toward the input. Press Play: the first layers hardly learn.",
        "소실: 시그모이드 층마다 기울기에 많아야 0.25 곱하기 가중치를 곱하므로, 입력 쪽으로 갈수록 막대가 층마다 약 "
        "10분의 1로 줄어듭니다. 실행을 누르세요: 앞쪽 층들은 거의 학습하지 못합니다."),
    "gf.case_text.exploding": (
        "Exploding: with weights of std 1.5 the error signal |∂L/∂a| grows about threefold per layer toward the input "
        "and every weight gradient is about 10⁴. Press Play: steps that large make training diverge.",
        "폭주: 표준편차 1.5인 가중치에서는 오차 신호 |∂L/∂a|가 입력 쪽으로 층마다 약 세 배씩 커지고, 모든 가중치의 "
        "기울기가 약 10⁴입니다. 실행을 누르세요: 그렇게 큰 걸음은 학습을 발산시킵니다."),
    "gf.case_text.relu-he": (
        "ReLU's slope is 1 where it is active and He's weights keep the signal's size: all bars stay within one order "
        "of magnitude, and the network learns.",
        "ReLU의 기울기는 활성인 곳에서 1이고 He 초기화 가중치는 신호의 크기를 유지합니다: 모든 막대가 한 자릿수 안에 "
        "머물고, 신경망이 학습합니다."),
    "gf.case_text.sigmoid-batchnorm": (
        "Batch norm rescales every layer's inputs into sigmoid's steep middle: the gradient no longer fades with depth.",
        "배치 정규화는 층마다 입력을 시그모이드의 가파른 가운데로 다시 맞춥니다: 깊어져도 기울기가 더는 사라지지 "
        "않습니다."),
    "gf.case_text.sigmoid-residual": (
        "Skip connections add each layer's input to its output, so |∂L/∂a| reaches the first layers undiminished "
        "(layer 1 has no skip: 2 inputs, 8 neurons). Here with Xavier init and learning rate 0.1: untick residual and "
        "the same network vanishes again.",
        "건너뛰기(잔차) 연결은 층마다 입력을 출력에 더하므로 |∂L/∂a|가 줄지 않고 앞쪽 층까지 닿습니다 (1층에는 건너뛰기가 "
        "없습니다: 입력 2개, 뉴런 8개). 여기서는 Xavier 초기화와 학습률 0.1을 씁니다: 잔차 연결을 끄면 같은 신경망에서 "
        "기울기가 다시 소실됩니다."),
    "gf.pair0": ("sigmoid + small init vs ReLU + He", "시그모이드 + 작은 초기화 대 ReLU + He"),
    "gf.pair1": ("sigmoid vs + batch norm", "시그모이드 대 + 배치 정규화"),
    "gf.pair2": ("sigmoid vs + residual", "시그모이드 대 + 잔차 연결"),
    "gf.pair3": ("ReLU: He vs too-large init", "ReLU: He 대 너무 큰 초기화"),
    "gf.width": ("neurons each", "층마다 뉴런 수"),
    "gf.dataset": ("dataset", "데이터셋"),
    "gf.config_or_preset": ("give either a config or a preset, not both", "config와 preset 중 하나만 주세요"),
    "gf.mean_act": ("mean |∂L/∂a|", "평균 |∂L/∂a|"),
    "gf.heat_weight_tip": ("history of the weight gradients", "가중치 기울기의 기록"),
    "gf.heat_act_tip": ("history of the error signal", "오차 신호의 기록"),
    "gf.cases": ("Textbook cases:", "교과서 사례:"),
    "gf.history_shows": ("history shows", "기록에 보일 값"),
    "gf.heading": ("Gradient flow: how much of the error signal reaches each layer",
                   "기울기 흐름: 오차 신호가 각 층에 얼마나 닿는가"),
    "gf.unknown_pair": ("unknown pair {pair!r}; choose one of {allowed}", "알 수 없는 비교 {pair!r}. 다음 중에서 고르세요: {allowed}"),
    "gf.network_side": ("Network {side}", "신경망 {side}"),
    "gf.compare": ("Compare:", "비교:"),
    "gf.both": ("<b>Both</b> (same data, same seed)", "<b>둘 다</b> (같은 데이터, 같은 시드)"),
    "gf.compare_heading": ("Compare two networks: same data, same seed", "두 신경망 비교: 같은 데이터, 같은 시드"),
    "gf.and": (" and ", "와 "),
    "gf.rebuilt": ("Rebuilt {sides} with new initial weights.", "{sides}을(를) 새 초기 가중치로 다시 만들었습니다."),
    "gf.diverged": ("{sides} diverged (the loss became too large or NaN)", "{sides}이(가) 발산했습니다 (손실이 너무 커졌거나 NaN)"),
    "gf.other_goes_on": ("; the other one goes on training.", ". 다른 하나는 계속 학습합니다."),
    "gf.try_smaller": (". Try smaller learning rates, then Reset.", ". 더 작은 학습률을 고른 뒤 초기화하세요."),
    "gf.reset": ("Reset: both networks back to the same initial weights as before.",
                 "초기화: 두 신경망 모두 처음과 같은 초기 가중치로 돌아갔습니다."),
    # -- views/gradient_figure.py --------------------------------------------------------------------
    "gfig.nan": ("not a number", "숫자가 아님"),
    "gfig.out": ("out", "출력"),
    "gfig.not_finite": ("not finite", "유한하지 않음"),
    "gfig.no_output_gradient": ("no gradient at the output", "출력층에 기울기가 없음"),
    "gfig.underflow": ("0 (below float32's smallest number)", "0 (float32의 가장 작은 수보다 작음)"),
    "gfig.ratio": ("first layer ÷ output layer: {ratio}", "첫 층 ÷ 출력층: {ratio}"),
    "gfig.size": ("size", "크기"),
    "gfig.title_bars": ("Gradient size per layer, input → output (log scale)", "층별 기울기 크기, 입력 → 출력 (로그 눈금)"),
    "gfig.title_bars_ratio": ("Gradient size per layer (log scale) · ‖∂L/∂W‖ of the {ratio}",
                              "층별 기울기 크기 (로그 눈금) · ‖∂L/∂W‖의 {ratio}"),
    "gfig.title_output": ("Output over the input plane", "입력 평면 위의 출력"),
    "gfig.title_history": ("History: ‖∂L/∂W‖ per layer", "기록: 층별 ‖∂L/∂W‖"),
    "gfig.title_history_of": ("History: {what} per layer (last {n} frames)", "기록: 층별 {what} (최근 {n}개 프레임)"),
    "gfig.title_acts": ("Activations per layer", "층별 활성화 값"),
    "gfig.title_acts_of": ("Activations per layer ({activation})", "층별 활성화 값 ({activation})"),
    "gfig.title_loss": ("Loss: training (solid), test (dotted)", "손실: 훈련 (실선), 테스트 (점선)"),
    "gfig.w_name": ("‖∂L/∂W‖ (weights)", "‖∂L/∂W‖ (가중치)"),
    "gfig.a_name": ("mean |∂L/∂a| (error signal)", "평균 |∂L/∂a| (오차 신호)"),
    "gfig.hover_heat": ("%{y}, epoch %{x:.1f}: 10^%{z:.1f}<extra></extra>", "%{y}, 에폭 %{x:.1f}: 10^%{z:.1f}<extra></extra>"),
    "gfig.band_90": ("5–95 % of values", "값의 5–95 %"),
    "gfig.median": ("median", "중앙값"),
    "gfig.hover_median": ("%{x}: median %{y:.3f}<extra></extra>", "%{x}: 중앙값 %{y:.3f}<extra></extra>"),
    "gfig.saturated": ("saturated % (right axis)", "포화 % (오른쪽 축)"),
    "gfig.dead": ("dead ReLU % (right axis)", "죽은 ReLU % (오른쪽 축)"),
    "gfig.hover_epoch_3f": ("epoch %{x}: %{y:.3f}", "에폭 %{x}: %{y:.3f}"),
    "gfig.hover_epoch_3g": ("epoch %{x:.1f}: %{y:.3g}", "에폭 %{x:.1f}: %{y:.3g}"),
    "gfig.gradient_size": ("gradient size", "기울기 크기"),
    "gfig.layer_axis": ("layer (input → output)", "층 (입력 → 출력)"),
    "gfig.activation_value": ("activation value", "활성화 값"),
    "gfig.saturated_dead": ("saturated / dead (%)", "포화 / 죽은 뉴런 (%)"),
    "gfig.title_profile": ("Gradient size per layer (log scale)", "층별 기울기 크기 (로그 눈금)"),
    "gfig.profile_ratios": (" · ‖∂L/∂W‖ of the first ÷ output layer: {ratios}", " · 첫 층 ÷ 출력층의 ‖∂L/∂W‖: {ratios}"),
    "gfig.title_training_loss": ("Training loss", "훈련 손실"),
    "gfig.side_output": ("{side}: output", "{side}: 출력"),
    "gfig.title_first": ("Gradient reaching the first layer ‖∂L/∂W₁‖", "첫 층에 닿는 기울기 ‖∂L/∂W₁‖"),
    "gfig.exactly_zero": (" ({sides}: exactly 0)", " ({sides}: 정확히 0)"),
    # -- warping.py: the spaces' names, views and notes ------------------------------------------------
    "warping.no_layer": ("layer {space!r} does not exist; choose 0 (the input) ", "{space!r}층은 없습니다. 0(입력)"),
    "warping.no_layer_to": ("to {hidden} (the hidden layers)", "부터 {hidden}(은닉층)까지 고르세요"),
    "warping.no_layer_none": ("(this network has no hidden layer)", "을 고르세요 (이 신경망에는 은닉층이 없습니다)"),
    "warping.input": ("input", "입력"),
    "warping.layer": ("layer {k}", "{k}층"),
    "warping.no_neuron_one": ("neuron {n} does not exist: {where} has {width} neuron (1 to {width})",
                              "뉴런 {n}은(는) 없습니다: {where}의 뉴런은 {width}개입니다 (1부터 {width}까지)"),
    "warping.no_neuron_many": ("neuron {n} does not exist: {where} has {width} neurons (1 to {width})",
                               "뉴런 {n}은(는) 없습니다: {where}의 뉴런은 {width}개입니다 (1부터 {width}까지)"),
    "warping.none": ("none", "없음"),
    "warping.pick_neurons": ("pick 2 or 3 different neurons of {where}, not {picked}",
                             "{where}의 서로 다른 뉴런 2개나 3개를 고르세요 ({picked}은(는) 안 됩니다)"),
    "warping.no_second_feature": ("(no second feature)", "(두 번째 특성 없음)"),
    "warping.no_second_neuron": ("(no second neuron)", "(두 번째 뉴런 없음)"),
    "warping.some_features": ("{n} of its {width} features", "특성 {width}개 중 {n}개"),
    "warping.some_neurons": ("{n} of its {width} neurons", "뉴런 {width}개 중 {n}개"),
    "warping.pc_label": ("PC{i} of {where} ({share:.0%})", "{where}의 PC{i} ({share:.0%})"),
    "warping.pca_note": ("PCA ({dims} of {width} directions, {share:.0%} of the spread)",
                         "PCA ({width}개 방향 중 {dims}개, 퍼짐의 {share:.0%})"),
    # -- apps/space_warp.py ----------------------------------------------------------------------------
    "warp.features_plane": ("x₁, x₂ (the plane)", "x₁, x₂ (평면)"),
    "warp.features_squares": ("x₁², x₂² (squares)", "x₁², x₂² (제곱)"),
    "warp.features_3d": ("x₁, x₂, x₁x₂ (3-D)", "x₁, x₂, x₁x₂ (3차원)"),
    "warp.view.auto": ("automatic", "자동"),
    "warp.view.n2": ("2 neurons (2-D)", "뉴런 2개 (2차원)"),
    "warp.view.n3": ("3 neurons (3-D)", "뉴런 3개 (3차원)"),
    "warp.view.p2": ("PCA, 2-D", "PCA, 2차원"),
    "warp.view.p3": ("PCA, 3-D", "PCA, 3차원"),
    "warp.two_class": ("space warping shows two-class problems; dataset {dataset!r} is {problem}: choose one of {allowed}",
                       "공간 변형은 두 클래스 문제만 보여 줍니다. 데이터셋 {dataset!r}은(는) {problem} 문제입니다: "
                       "다음 중에서 고르세요: {allowed}"),
    "warp.plain_layers": ("space warping shows plain layers f(W·a + b): turn batch norm and dropout off",
                          "공간 변형은 평범한 층 f(W·a + b)만 보여 줍니다: 배치 정규화와 드롭아웃을 끄세요"),
    "warp.default_instead": ("{error}. Showing the default network instead.", "{error}. 대신 기본 신경망을 보여 줍니다."),
    "warp.stage0": ("input", "입력"),
    "warp.stage1": ("W·a", "W·a"),
    "warp.stage2": ("W·a + b", "W·a + b"),
    "warp.stage3": ("f(W·a + b)", "f(W·a + b)"),
    "warp.stage": ("stage", "단계"),
    "warp.play_stages": ("▶ play the stages", "▶ 단계 재생"),
    "warp.play_stages_tip": ("from the input to the layer's output", "입력에서 층의 출력까지"),
    "warp.stop": ("■ stop", "■ 멈춤"),
    "warp.see": ("see", "보기"),
    "warp.through": ("through", "보는 방법"),
    "warp.neurons": ("neurons", "뉴런"),
    "warp.neurons_placeholder": ("e.g. 1, 2, 3", "예: 1, 2, 3"),
    "warp.turn": ("turn", "회전"),
    "warp.tilt": ("tilt", "기울임"),
    "warp.edge_on": ("look along the output plane", "출력 평면을 따라 보기"),
    "warp.layers": ("layers", "층"),
    "warp.bad_stage": ("stage {stage!r} is not allowed; it must be a number from 0 to {last}",
                       "단계 {stage!r}은(는) 허용되지 않습니다. 0부터 {last}까지의 숫자여야 합니다"),
    "warp.which_neurons": ("say which neurons to show, e.g. neurons=(1, 2)",
                           "보여 줄 뉴런을 정하세요. 예: neurons=(1, 2)"),
    "warp.the_input": ("the input", "입력"),
    "warp.automatic_view": ("automatic view", "자동 보기"),
    "warp.view_neurons": ("neurons {neurons}", "뉴런 {neurons}"),
    "warp.view_pca": ("PCA in {dims}-D", "{dims}차원 PCA"),
    "warp.all": ("all", "전체"),
    "warp.bad_neurons": ("neurons {text!r}: write neuron numbers separated by commas, e.g. 1, 2",
                         "뉴런 {text!r}: 뉴런 번호를 쉼표로 구분해 쓰세요. 예: 1, 2"),
    "warp.input_plane": ("Input: the plane (x₁, x₂)", "입력: 평면 (x₁, x₂)"),
    "warp.input_features": ("Input features ({names})", "입력 특성 ({names})"),
    "warp.linear_layer": ("W·a + b (linear)", "W·a + b (선형)"),
    "warp.layer_head_one": ("Layer {k} ({n} neuron): {what}", "{k}층 (뉴런 {n}개): {what}"),
    "warp.layer_head_many": ("Layer {k} ({n} neurons): {what}", "{k}층 (뉴런 {n}개): {what}"),
    "warp.seen_through": ("seen through {note}: no lines", "{note}(으)로 본 모습: 직선 없음"),
    "warp.stage_note": ("stage {t:.2f}: {words}", "단계 {t:.2f}: {words}"),
    "warp.black_line": ("black line: {acc:.0%} of the points on their side", "검은 직선: 점의 {acc:.0%}가 제 편에 있음"),
    "warp.best_line": ("best line: {acc:.0%} of the points on their side", "가장 좋은 직선: 점의 {acc:.0%}가 제 편에 있음"),
    "warp.dashed_lines": ("dashed lines: layer {k}'s neurons are 0", "점선: {k}층의 뉴런이 0인 곳"),
    "warp.dashed_planes": ("dashed planes: layer {k}'s neurons are 0", "점선 평면: {k}층의 뉴런이 0인 곳"),
    "warp.its_input": ("its input", "층의 입력"),
    "warp.inputs": ("inputs", "입력"),
    "warp.hidden": ("hidden", "은닉층"),
    "warp.hidden_placeholder": ("neurons per layer, e.g. 3, 2", "층마다 뉴런 수, 예: 3, 2"),
    "warp.heading": ("Space warping: each hidden layer re-draws the plane", "공간 변형: 은닉층마다 평면을 다시 그립니다"),
    "warp.same_weights": ("The same weights, now with {activation}: compare the pictures, then press Play to train on "
                          "(Reset goes back to the initial weights).",
                          "같은 가중치, 이제 {activation}: 그림을 비교한 뒤 실행을 눌러 계속 학습하세요 "
                          "(초기화하면 초기 가중치로 돌아갑니다)."),
    "warp.hand_default_instead": ("{error}. Showing the default instead.", "{error}. 대신 기본값을 보여 줍니다."),
    "warp.from_identity": ("{error}. Starting from the identity.", "{error}. 항등 변환에서 시작합니다."),
    "warp.not_offered": ("activation={activation!r} is not offered here; choose one of {allowed}",
                         "activation={activation!r}은(는) 여기서 쓸 수 없습니다. 다음 중에서 고르세요: {allowed}"),
    "warp.two_features": ("the hand-set layer is 2 × 2: pick two input features, not {n}",
                          "손으로 정하는 층은 2 × 2입니다: 입력 특성을 {n}개가 아니라 2개 고르세요"),
    "hand.preset.identity": ("identity", "항등"),
    "hand.preset.rotate": ("rotate", "회전"),
    "hand.preset.stretch": ("stretch", "늘이기"),
    "hand.preset.xor-fold": ("xor-fold", "XOR 접기"),
    "hand.preset_tip.identity": ("do nothing: W = I, b = 0", "아무것도 안 함: W = I, b = 0"),
    "hand.preset_tip.rotate": ("rotate by 45°", "45° 회전"),
    "hand.preset_tip.stretch": ("stretch h₁, squash h₂", "h₁은 늘이고 h₂는 누르기"),
    "hand.preset_tip.xor-fold": ("the textbook XOR fold: h = ReLU(x₁ + x₂, x₁ + x₂ − 1)",
                                 "교과서의 XOR 접기: h = ReLU(x₁ + x₂, x₁ + x₂ − 1)"),
    "hand.with": ("<b>h = f(W·x + b)</b>, with", "<b>h = f(W·x + b)</b>, 여기서"),
    "hand.heading": ("Warp the plane by hand: find W and b that make one line enough",
                     "손으로 평면 변형하기: 직선 하나로 충분해지는 W와 b를 찾으세요"),
    "hand.try": ("Try:", "해 보기:"),
    "hand.bad_shapes": ("W must be 2 × 2 and b must have 2 entries, not {w} and {b}",
                        "W는 2 × 2, b는 원소 2개여야 합니다 ({w}, {b}은(는) 안 됩니다)"),
    "hand.bad_range": ("every weight and bias must be a number from {lo:g} to {hi:g}",
                       "모든 가중치와 편향은 {lo:g}부터 {hi:g}까지의 숫자여야 합니다"),
    "hand.separates": ("one line separates the classes", "직선 하나가 클래스를 나눕니다"),
    "hand.not_yet": ("no line separates them all yet", "아직 모두를 나누는 직선이 없습니다"),
    "hand.score": ("The best line in (h₁, h₂) puts <b>{acc:.0%}</b> of the points on their side: {verdict}.",
                   "(h₁, h₂)에서 가장 좋은 직선은 점의 <b>{acc:.0%}</b>를 제 편에 둡니다: {verdict}."),
    "hand.nothing_to_train": ("Nothing to train here: move the sliders (or use SpaceWarp to train).",
                              "여기서는 학습할 것이 없습니다: 슬라이더를 움직이세요 (학습하려면 SpaceWarp를 쓰세요)."),
    "wfig.data_orange": ("data: class orange", "데이터: 주황 클래스"),
    "wfig.data_blue": ("data: class blue", "데이터: 파랑 클래스"),
    "wfig.grid_orange": ("plane's grid: net says orange", "평면의 격자: 신경망이 주황이라고 함"),
    "wfig.grid_blue": ("plane's grid: net says blue", "평면의 격자: 신경망이 파랑이라고 함"),
    "wfig.next_layer_zero": ("next layer's neurons = 0", "다음 층의 뉴런 = 0"),
    "wfig.output_line": ("output's line: P(blue) = ½", "출력의 직선: P(파랑) = ½"),
    # -- apps/loss_surface.py: gradient descent on a loss surface -------------------------------------------
    "ls.problem.logistic": ("bowl: logistic regression", "그릇: 로지스틱 회귀"),
    "ls.problem.ravine": ("ravine: badly conditioned", "협곡: 조건이 나쁜 문제"),
    "ls.mode.optimizers": ("optimizers race", "옵티마이저 경주"),
    "ls.mode.batches": ("batch vs mini-batch vs stochastic", "배치 대 미니배치 대 확률적"),
    "ls.surface": ("surface", "곡면"),
    "ls.compare": ("compare", "비교"),
    "ls.batch": ("mini-batch size", "미니배치 크기"),
    "ls.steps": ("steps", "단계 수"),
    "ls.start": ("start {w}", "시작 {w}"),
    "ls.play_tip": ("draw the paths step by step", "경로를 한 단계씩 그립니다"),
    "ls.show_all": ("Show all", "모두 보기"),
    "ls.show_all_tip": ("draw the whole paths at once", "경로 전체를 한 번에 그립니다"),
    "ls.batch_all": ("batch (all {n} points)", "배치 (점 {n}개 전부)"),
    "ls.mini_batch": ("mini-batch ({n} points)", "미니배치 (점 {n}개)"),
    "ls.stochastic": ("stochastic (1 point)", "확률적 (점 1개)"),
    "ls.diverged_suffix": (" (diverged)", " (발산)"),
    "ls.diverged": ("diverged", "발산"),
    "ls.step": ("step <b>{k}</b>", "단계 <b>{k}</b>"),
    "ls.loss": ("loss:", "손실:"),
    "ls.lowest": (" · lowest possible <b>{floor:.4f}</b>", " · 가능한 최저값 <b>{floor:.4f}</b>"),
    "dfig.title_surface": ("Loss surface (darker = higher): click to start there", "손실 곡면 (진할수록 높음): 클릭한 곳에서 시작"),
    "dfig.title_curve": ("Loss after each step", "단계마다의 손실"),
    "dfig.hover_surface": ("w₁ %{x:.2f}<br>w₂ %{y:.2f}<br>loss %{customdata:.4f}<extra></extra>",
                           "w₁ %{x:.2f}<br>w₂ %{y:.2f}<br>손실 %{customdata:.4f}<extra></extra>"),
    "dfig.minimum": ("minimum", "최솟값"),
    "dfig.hover_minimum": ("lowest loss at (%{x:.2f}, %{y:.2f})<extra></extra>", "가장 낮은 손실: (%{x:.2f}, %{y:.2f})<extra></extra>"),
    "dfig.start": ("start", "시작"),
    "dfig.hover_start": ("start (%{x:.2f}, %{y:.2f})<extra></extra>", "시작 (%{x:.2f}, %{y:.2f})<extra></extra>"),
    "dfig.path": ("path {i}", "경로 {i}"),
    "dfig.hover_path": ("step %{customdata}<br>(%{x:.3f}, %{y:.3f})<extra>%{fullData.name}</extra>",
                        "단계 %{customdata}<br>(%{x:.3f}, %{y:.3f})<extra>%{fullData.name}</extra>"),
    "dfig.hover_curve": ("step %{x}: loss %{y:.4f}<extra>%{fullData.name}</extra>",
                         "단계 %{x}: 손실 %{y:.4f}<extra>%{fullData.name}</extra>"),
    "dfig.step": ("step", "단계"),
    "dfig.loss_log": ("loss (log scale)", "손실 (로그 눈금)"),
    "dfig.loss_above_floor": ("loss − lowest possible loss (log scale)", "손실 − 가능한 최저 손실 (로그 눈금)"),
    # -- apps/overfitting.py: overfitting and regularisation --------------------------------------------
    "of.model.big": ("big: 16-16-16", "큼: 16-16-16"),
    "of.model.medium": ("medium: 8-8", "중간: 8-8"),
    "of.model.small": ("small: 4", "작음: 4"),
    "of.model.tiny": ("tiny: 2", "아주 작음: 2"),
    "of.no_hidden": ("no hidden layer", "은닉층 없음"),
    "of.model_size": ("model size", "모델 크기"),
    "of.strength": ("strength", "강도"),
    "of.early": ("early stopping", "조기 종료"),
    "of.patience": ("patience", "기다릴 에폭"),
    "of.patience_tip": ("epochs without a better validation loss", "검증 손실이 나아지지 않고 지나도 되는 에폭 수"),
    "of.pin": ("Pin histogram", "히스토그램 고정"),
    "of.pin_tip": ("keep this histogram as a grey outline to compare the next run",
                   "이 히스토그램을 회색 윤곽선으로 남겨 다음 실행과 비교합니다"),
    "of.data": ("Data", "데이터"),
    "of.model": ("Model", "모델"),
    "of.regularisation": ("Regularisation", "규제"),
    "of.what.none": ("No regularisation", "규제 없음"),
    "of.what.l1": ("L1 penalty: every step also pulls each weight toward 0 by a fixed amount, so small weights become "
                   "exactly 0", "L1 벌점: 단계마다 모든 가중치를 일정한 양만큼 0 쪽으로 당기므로, 작은 가중치는 정확히 0이 "
                   "됩니다"),
    "of.what.l2": ("L2 penalty: the loss gets + ½·rate·Σw², so every weight shrinks in proportion to its size",
                   "L2 벌점: 손실에 + ½·강도·Σw²가 더해지므로, 모든 가중치가 제 크기에 비례해 줄어듭니다"),
    "of.what.decay": ("L2 as weight decay: the optimizer's weight_decay shrinks every weight (and bias) each step, as "
                      "torch.optim.SGD(..., weight_decay=rate)",
                      "가중치 감쇠로서의 L2: 옵티마이저의 weight_decay가 단계마다 모든 가중치(와 편향)를 줄입니다. "
                      "torch.optim.SGD(..., weight_decay=강도)처럼"),
    "of.live": ("{what}; training goes on from the same weights.", "{what}. 학습은 같은 가중치에서 계속됩니다."),
    "of.early_on": ("Early stopping: training stops when the validation loss has not improved for {n} epochs, and goes "
                    "back to the best weights.",
                    "조기 종료: 검증 손실이 {n} 에폭 동안 나아지지 않으면 학습을 멈추고 가장 좋았던 가중치로 돌아갑니다."),
    "of.no_reg": ("no regularisation", "규제 없음"),
    "of.pin_label": ("{reg}, dropout {dropout:g}, epoch {epoch}", "{reg}, 드롭아웃 {dropout:g}, 에폭 {epoch}"),
    "of.pinned": ("Pinned ({label}). Change a setting, press Reset and Play to compare.",
                  "고정했습니다 ({label}). 설정을 바꾸고 초기화와 실행을 눌러 비교하세요."),
    "of.stopped": ("Early stopping: no better validation loss for {n} epochs; back to the weights of epoch {epoch:,} "
                   "(validation loss {loss:.3f}).",
                   "조기 종료: {n} 에폭 동안 검증 손실이 나아지지 않았습니다. {epoch:,} 에폭의 가중치로 돌아갑니다 "
                   "(검증 손실 {loss:.3f})."),
    "of.weights_title": ("All {count} weights: <b>{zero}</b> exactly 0, <b>{near}</b> with |w| < {eps:g}, mean |w| {mean:.3f}",
                         "가중치 {count}개 전체: 정확히 0인 것 <b>{zero}</b>개, |w| < {eps:g}인 것 <b>{near}</b>개, "
                         "평균 |w| {mean:.3f}"),
    "of.stats": ("weights exactly 0: {zero} of {count} · near 0: {near}", "정확히 0인 가중치: {count}개 중 {zero}개 · 0 근처: {near}개"),
    "of.epoch_text": ("training loss {train:.3f} · validation loss <b>{val:.3f}</b> · validation accuracy {acc:.1%}",
                      "훈련 손실 {train:.3f} · 검증 손실 <b>{val:.3f}</b> · 검증 정확도 {acc:.1%}"),
    "ofig.title_surface": ("Decision surface: P(blue)", "결정 경계: P(파랑)"),
    "ofig.title_loss": ("Loss: training vs validation", "손실: 훈련 대 검증"),
    "ofig.title_weights": ("All weights", "모든 가중치"),
    "ofig.hover_training": ("training (%{x:.2f}, %{y:.2f})<extra></extra>", "훈련 (%{x:.2f}, %{y:.2f})<extra></extra>"),
    "ofig.hover_validation": ("validation (%{x:.2f}, %{y:.2f})<extra></extra>", "검증 (%{x:.2f}, %{y:.2f})<extra></extra>"),
    "ofig.training_loss": ("training loss", "훈련 손실"),
    "ofig.validation_loss": ("validation loss", "검증 손실"),
    "ofig.best": ("best validation", "가장 좋은 검증"),
    "ofig.hover_best": ("best validation loss %{y:.3f} at epoch %{x}<extra></extra>",
                        "가장 좋은 검증 손실 %{y:.3f} (에폭 %{x})<extra></extra>"),
    "ofig.weights_now": ("weights now", "지금 가중치"),
    "ofig.hover_weights": ("w ≈ %{x:.2f}: %{y} weights<extra></extra>", "w ≈ %{x:.2f}: 가중치 %{y}개<extra></extra>"),
    "ofig.pinned": ("pinned", "고정됨"),
    "ofig.hover_pinned": ("pinned w ≈ %{x:.2f}: %{y} weights<extra></extra>", "고정됨 w ≈ %{x:.2f}: 가중치 %{y}개<extra></extra>"),
    "ofig.weight_value": ("weight value (weights beyond ±2 are counted at the ends)", "가중치 값 (±2 밖의 가중치는 양 끝에 셉니다)"),
    "ofig.how_many": ("how many", "개수"),
    "ofig.stop_here": ("stop here", "여기서 멈춤"),
    "ofig.pinned_label": ("pinned: {label}", "고정됨: {label}"),
    # -- apps/cross_validation.py: validation and k-fold cross-validation -----------------------------------
    "cv.param.reg_rate": ("L2 strength", "L2 규제 강도"),
    "cv.param.dropout": ("dropout rate", "드롭아웃 비율"),
    "cv.param.lr": ("learning rate", "학습률"),
    "cv.param": ("hyperparameter", "하이퍼파라미터"),
    "cv.k": ("folds (k)", "폴드 수 (k)"),
    "cv.epochs": ("epochs per run", "실행당 에폭"),
    "cv.fold": ("show fold", "보여 줄 폴드"),
    "cv.run": ("Run cross-validation", "교차 검증 실행"),
    "cv.run_tip": ("train every value on every fold", "모든 값을 모든 폴드에서 학습합니다"),
    "cv.cancel": ("Cancel", "취소"),
    "cv.plan": ("{n} values × {k} folds = {total} trainings, then one on all non-test points",
                "값 {n}개 × 폴드 {k}개 = 학습 {total}번, 그다음 테스트가 아닌 모든 점으로 한 번"),
    "cv.split_title": ("Fold {f} of {k}: {train} train · {val} validation · {test} test",
                       "폴드 {f}/{k}: 훈련 {train} · 검증 {val} · 테스트 {test}"),
    "cv.val_accuracy": ("validation accuracy", "검증 정확도"),
    "cv.mean_accuracy": ("mean accuracy", "평균 정확도"),
    "cv.spread": ("spread", "퍼짐"),
    "cv.running": ("Running: every value is trained on every fold...", "실행 중: 모든 값을 모든 폴드에서 학습합니다..."),
    "cv.stopped": ("Stopped. Press Run to start again.", "멈췄습니다. 다시 시작하려면 실행을 누르세요."),
    "cv.status_fold": ("value {value:g}, fold {f} of {k} · {done} of {total} folds done",
                       "값 {value:g}, 폴드 {f}/{k} · 폴드 {total}개 중 {done}개 완료"),
    "cv.status_test": ("training {value:g} on all {n} non-test points", "{value:g}을(를) 테스트가 아닌 점 {n}개 전부로 학습 중"),
    "cv.done": ("done", "완료"),
    "cv.best": ("Best {label}: {best:g} (mean validation accuracy {mean:.3f} ± {std:.3f} over {k} folds). Trained on all "
                "non-test points, it scores {test:.3f} on the {n} test points it never saw.",
                "가장 좋은 {label}: {best:g} (폴드 {k}개의 평균 검증 정확도 {mean:.3f} ± {std:.3f}). 테스트가 아닌 모든 "
                "점으로 학습하면, 한 번도 보지 못한 테스트 데이터 {n}개에서 {test:.3f}점을 받습니다."),
    "cvfig.training": ("training points", "훈련 데이터"),
    "cvfig.validation": ("validation (this fold) points", "검증 (이 폴드) 데이터"),
    "cvfig.test": ("test (held back) points", "테스트 (따로 둔) 데이터"),
    "cvfig.hover_training": ("training (%{x:.2f}, %{y:.2f})<extra></extra>", "훈련 (%{x:.2f}, %{y:.2f})<extra></extra>"),
    "cvfig.hover_validation": ("validation (this fold) (%{x:.2f}, %{y:.2f})<extra></extra>",
                               "검증 (이 폴드) (%{x:.2f}, %{y:.2f})<extra></extra>"),
    "cvfig.hover_test": ("test (held back) (%{x:.2f}, %{y:.2f})<extra></extra>",
                         "테스트 (따로 둔) (%{x:.2f}, %{y:.2f})<extra></extra>"),
    "cvfig.title_split": ("The data, split", "나눈 데이터"),
    "cvfig.title_scores": ("Validation score per fold", "폴드별 검증 점수"),
    "cvfig.one_fold": ("one fold", "폴드 하나"),
    "cvfig.hover_fold": ("%{customdata}<br>score %{y:.3f}<extra></extra>", "%{customdata}<br>점수 %{y:.3f}<extra></extra>"),
    "cvfig.mean": ("mean ± spread (std)", "평균 ± 퍼짐 (표준편차)"),
    "cvfig.hover_mean": ("mean %{y:.3f}<extra></extra>", "평균 %{y:.3f}<extra></extra>"),
    "cvfig.best": ("best mean", "가장 좋은 평균"),
    "cvfig.test_score": ("test score of the chosen value", "고른 값의 테스트 점수"),
    "cvfig.hover_test_score": ("test score %{y:.3f}<extra></extra>", "테스트 점수 %{y:.3f}<extra></extra>"),
    "cvfig.fold_of": ("{label}, fold {f}", "{label}, 폴드 {f}"),
    "cvfig.test_text": ("test {score:.3f}", "테스트 {score:.3f}"),
    # -- apps/classifier_metrics.py: evaluating a classifier --------------------------------------------------
    "cm.data.blobs": ("Three blobs", "덩어리 세 개"),
    "cm.data.spiral3": ("Three-arm spiral", "세 갈래 나선"),
    "cm.data.iris": ("Iris flowers (2 of 4 measurements)", "붓꽃 (측정값 4개 중 2개)"),
    "cm.data.moons": ("Moons (binary: threshold)", "초승달 (이진 분류: 임계값)"),
    "cm.data": ("data", "데이터"),
    "cm.across": ("iris: across", "붓꽃: 가로축"),
    "cm.up": ("iris: up", "붓꽃: 세로축"),
    "cm.judge_on": ("judge on", "평가할 데이터"),
    "cm.threshold": ("threshold", "임계값"),
    "cm.threshold_tip": ("predict blue when P(blue) ≥ threshold", "P(파랑) ≥ 임계값이면 파랑으로 예측합니다"),
    "cm.two_different": ("choose two different iris measurements", "서로 다른 붓꽃 측정값 두 개를 고르세요"),
    "cm.standardised": ("{name} (standardised ×{scale:g})", "{name} (표준화 ×{scale:g})"),
    "cm.loaded": ("{data}: {train} training and {test} test points. Press Play and watch the confusion matrix fill its "
                  "diagonal.",
                  "{data}: 훈련 데이터 {train}개, 테스트 데이터 {test}개. 실행을 누르고 혼동 행렬의 대각선이 채워지는 것을 "
                  "보세요."),
    "cm.split_train": ("training", "훈련"),
    "cm.split_test": ("test", "테스트"),
    "cm.accuracy_on": ("accuracy on the {split} points:", "{split} 데이터에서의 정확도:"),
    "cm.class": ("class", "클래스"),
    "cm.precision": ("precision", "정밀도"),
    "cm.recall": ("recall", "재현율"),
    "cm.explain": ("precision: of the points called this class, the share that are; recall: of the points of this "
                   "class, the share found.",
                   "정밀도: 이 클래스라고 예측한 점 가운데 실제로 그 클래스인 비율. 재현율: 이 클래스인 점 가운데 찾아낸 "
                   "비율."),
    "iris.feature0": ("sepal length (cm)", "꽃받침 길이 (cm)"),
    "iris.feature1": ("sepal width (cm)", "꽃받침 너비 (cm)"),
    "iris.feature2": ("petal length (cm)", "꽃잎 길이 (cm)"),
    "iris.feature3": ("petal width (cm)", "꽃잎 너비 (cm)"),
    "mfig.title_surface": ("Prediction over the input plane", "입력 평면 위의 예측"),
    "mfig.confusion": ("Confusion matrix ({split} points)", "혼동 행렬 ({split} 데이터)"),
    "mfig.per_class": ("Precision and recall per class ({split} points)", "클래스별 정밀도와 재현율 ({split} 데이터)"),
    "mfig.title_per_class": ("Precision and recall per class", "클래스별 정밀도와 재현율"),
    "mfig.title_curve": ("Binary: precision and recall vs threshold", "이진 분류: 임계값에 따른 정밀도와 재현율"),
    "mfig.binary_only": ("Precision and recall vs threshold: binary problems only",
                         "임계값에 따른 정밀도와 재현율: 이진 분류에서만"),
    "mfig.blue_curve": ("Blue class: precision and recall vs threshold", "파랑 클래스: 임계값에 따른 정밀도와 재현율"),
    "mfig.hover_confusion": ("true %{y}, predicted %{x}: %{z} points<extra></extra>",
                             "정답 %{y}, 예측 %{x}: 점 %{z}개<extra></extra>"),
    "mfig.precision_blue": ("precision (blue class)", "정밀도 (파랑 클래스)"),
    "mfig.recall_blue": ("recall (blue class)", "재현율 (파랑 클래스)"),
    "mfig.predicted": ("predicted class", "예측 클래스"),
    "mfig.true": ("true class", "정답 클래스"),
    "mfig.threshold_axis": ("threshold on P(blue)", "P(파랑)의 임계값"),
    # -- apps/landing.py: the landing page's list of apps -----------------------------------------------
    "landing.app": ("App", "앱"),
    "landing.what": ("What you do there", "여기서 하는 일"),
    "landing.datasets": ("The datasets the apps use:", "앱에서 쓰는 데이터셋:"),
    "landing.perceptron": ("The neuron and the perceptron", "뉴런과 퍼셉트론"),
    "landing.perceptron.what": ("Set w₁, w₂ and b by hand and make AND, OR and NAND gates; see why XOR fails.",
                                "w₁, w₂, b를 손으로 정해 AND, OR, NAND 게이트를 만들고, XOR이 왜 안 되는지 봅니다."),
    "landing.xor": ("XOR with a hidden layer", "은닉층으로 푸는 XOR"),
    "landing.xor.what": ("NAND and OR feed an AND: two layers solve XOR, by hand and then trained.",
                         "NAND와 OR이 AND로 들어갑니다: 두 층이 XOR을 풉니다. 먼저 손으로, 그다음 학습으로."),
    "landing.forward": ("Forward propagation", "순전파"),
    "landing.forward.what": ("Follow one point through every layer: a(l) = f(W(l) a(l-1) + b(l)), with shapes.",
                             "점 하나가 모든 층을 지나는 과정을 따라갑니다: a(l) = f(W(l) a(l-1) + b(l)), 행렬 모양과 함께."),
    "landing.activations": ("Activation functions", "활성화 함수"),
    "landing.activations.what": ("Sigmoid, tanh, ReLU, leaky ReLU, ELU, GELU and softmax, each with its derivative.",
                                 "시그모이드, tanh, ReLU, 리키 ReLU, ELU, GELU, 소프트맥스를 각각의 도함수와 함께 봅니다."),
    "landing.losses": ("Outputs and losses", "출력과 손실 함수"),
    "landing.losses.what": ("BCE, softmax cross-entropy, MSE, MAE: why MSE learns slowly for classification.",
                            "BCE, 소프트맥스 교차 엔트로피, MSE, MAE: 분류에서 MSE가 왜 느리게 학습하는지 봅니다."),
    "landing.playground": ("Playground", "플레이그라운드"),
    "landing.playground.what": ("The decision-boundary explorer: data, network, training, all live.",
                                "결정 경계 탐험기: 데이터, 신경망, 학습을 모두 실시간으로."),
    "landing.space_warping": ("Space warping", "공간 변형"),
    "landing.space_warping.what": ("Watch each hidden layer fold and squash the plane until one line separates the "
                                   "classes.",
                                   "은닉층마다 평면을 접고 눌러, 결국 직선 하나로 클래스가 나뉘는 것을 봅니다."),
    "landing.descent": ("Gradient descent", "경사 하강법"),
    "landing.descent.what": ("Paths on a loss surface: learning rates, batch sizes and optimizers racing.",
                             "손실 곡면 위의 경로: 학습률, 배치 크기, 옵티마이저가 경주합니다."),
    "landing.gradients": ("Vanishing and exploding gradients", "기울기 소실과 폭주"),
    "landing.gradients.what": ("Gradient size layer by layer, live; and the remedies.",
                               "층마다 기울기 크기를 실시간으로 보고, 해결책을 시험합니다."),
    "landing.overfitting": ("Overfitting and regularisation", "과적합과 규제"),
    "landing.overfitting.what": ("Train vs validation loss; L1, L2, dropout, early stopping, more data.",
                                 "훈련 손실 대 검증 손실; L1, L2, 드롭아웃, 조기 종료, 더 많은 데이터."),
    "landing.validation": ("Validation and k-fold", "검증과 k겹 교차 검증"),
    "landing.validation.what": ("Train / validation / test splits and k-fold cross-validation of a hyperparameter.",
                                "훈련 / 검증 / 테스트 분할과 하이퍼파라미터의 k겹 교차 검증."),
    "landing.metrics": ("Evaluating a classifier", "분류기 평가"),
    "landing.metrics.what": ("Confusion matrix, accuracy, precision and recall, live; a threshold to trade them.",
                             "혼동 행렬, 정확도, 정밀도, 재현율을 실시간으로; 둘을 맞바꾸는 임계값."),
    # -- the Playground (apps/playground.py and its canvas): ready for that module to use ---------------
    "playground.speed.step": ("slow: 1 step a frame", "느리게: 프레임마다 1단계"),
    "playground.speed.epoch": ("1 epoch a frame", "프레임마다 1 에폭"),
    "playground.speed.fast": ("fast: as many as fit", "빠르게: 되는 만큼"),
    "playground.speed": ("speed", "속도"),
    "playground.regenerate": ("Regenerate", "다시 만들기"),
    "playground.regenerate_tip": ("new data (a new seed)", "새 데이터 (새 시드)"),
    "playground.show_test": ("show test points", "테스트 데이터 보기"),
    "playground.discretize": ("discretize output", "출력 이산화"),
    "playground.draw": ("draw points", "점 그리기"),
    "playground.draw_off": ("off", "끄기"),
    "playground.draw_orange": ("orange", "주황"),
    "playground.draw_blue": ("blue", "파랑"),
    "playground.draw_off_tip": ("clicking the output does nothing", "출력을 클릭해도 아무 일도 없습니다"),
    "playground.draw_class0_tip": ("click the output to add class 0", "출력을 클릭해 클래스 0 점을 더합니다"),
    "playground.draw_class1_tip": ("click the output to add class 1", "출력을 클릭해 클래스 1 점을 더합니다"),
    "playground.code": ("Show PyTorch code", "PyTorch 코드 보기"),
    "playground.code_tip": ("a standalone script that trains this network", "이 신경망을 학습하는 독립 실행 스크립트"),
    "playground.downloads": ("Prepare downloads", "내려받기 준비"),
    "playground.downloads_tip": ("weights (.pt, .json) and data (.csv) as they are now",
                                 "지금의 가중치(.pt, .json)와 데이터(.csv)"),
    "playground.tab_data": ("Data", "데이터"),
    "playground.tab_network": ("Network", "신경망"),
    "playground.tab_training": ("Training", "학습"),
    "playground.take_home": ("Take it home", "가져가기"),
    "playground.out_p_blue": ("P(blue)", "P(파랑)"),
    "playground.out_class": ("class {k}", "클래스 {k}"),
    "playground.out_value": ("value", "값"),
    "playground.input_name": ("input {feature}", "입력 {feature}"),
    "playground.output_name": ("output {k}", "출력 {k}"),
    "playground.neuron_name": ("layer {layer}, neuron {neuron}", "{layer}층, 뉴런 {neuron}"),
    "playground.click_again": ("{name} (click it again for the output)", "{name} (다시 클릭하면 출력으로)"),
    "playground.title_binary": ("Output: P(blue) over the input plane", "출력: 입력 평면 위의 P(파랑)"),
    "playground.title_multiclass": ("Output: most likely class", "출력: 가장 가능성 높은 클래스"),
    "playground.title_regression": ("Output: predicted value", "출력: 예측값"),
    "playground.added_point": ("Added a point at ({x1:.2f}, {x2:.2f}).", "({x1:.2f}, {x2:.2f})에 점을 더했습니다."),
    "playground.download_weights_pt": ("weights (.pt)", "가중치 (.pt)"),
    "playground.download_weights_json": ("weights (.json)", "가중치 (.json)"),
    "playground.download_data": ("data (.csv)", "데이터 (.csv)"),
    "playground.download_code": ("code (.py)", "코드 (.py)"),
    "playground.history_train_loss": ("train loss", "훈련 손실"),
    "playground.history_test_loss": ("test loss", "테스트 손실"),
    "playground.history_train_acc": ("train accuracy", "훈련 정확도"),
    "playground.history_test_acc": ("test accuracy", "테스트 정확도"),
    "playground.title_network": ("Network: each neuron's output over the input plane (click one)",
                                 "신경망: 입력 평면 위 각 뉴런의 출력 (하나를 클릭하세요)"),
    "playground.title_plane": ("Output", "출력"),
    "playground.title_grads": ("Gradient size per layer ‖∂L/∂W‖ (log scale)", "층별 기울기 크기 ‖∂L/∂W‖ (로그 눈금)"),
    "playground.title_loss": ("Loss and accuracy", "손실과 정확도"),
    "playground.click_hint": ("click: show it large", "클릭: 크게 보기"),
    "playground.class": ("class", "클래스"),
    "playground.output": ("output", "출력"),
    "playground.epoch": ("epoch", "에폭"),
    "playground.inputs": ("inputs", "입력"),
    "playground.layer": ("layer {l}", "{l}층"),
    "playground.out": ("out", "출력"),
    # -- apps/common.py: links and messages --------------------------------------------------------
    "link.bad_language": ("The link's language {lang!r} could not be used; choose en (English) or ko (한국어).",
                          "링크의 언어 {lang!r}은(는) 쓸 수 없습니다. en(English) 또는 ko(한국어)를 고르세요."),
    "link.restored": ("Settings restored from the link.", "링크의 설정을 불러왔습니다."),
    "link.failed": ("The link's settings could not be used ({error}); starting from the defaults.",
                    "링크의 설정을 쓸 수 없어 기본 설정으로 시작합니다 ({error})."),
    "link.copy": ("Copy link", "링크 복사"),
    "link.field": ("link to these settings", "이 설정의 링크"),
    "link.copied": ("Copied", "복사됨"),
    "link.share": ("Share these settings:", "이 설정 공유하기:"),
    # -- apps/base.py: what every live app has -----------------------------------------------------
    "app.all_apps": ("← All apps", "← 모든 앱"),
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
