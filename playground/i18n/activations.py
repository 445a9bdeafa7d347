"""Activation functions and their derivatives (apps/activations.py).

``STRINGS``: key -> ``(English, Korean)`` (see ``playground.i18n``)."""

STRINGS: dict[str, tuple[str, str]] = {
    # -- apps/activations.py ---------------------------------------------------------------------------
    "activations.bad_vector": ("could not read {text!r}: type numbers separated by commas, e.g. 2, 1, 0.1",
                       "{text!r}을(를) 읽을 수 없습니다: 숫자를 쉼표로 구분해 입력하세요. 예: 2, 1, 0.1"),
    "activations.vector_size": ("type 1 to 8 finite numbers separated by commas (got {n})",
                        "유한한 숫자 1~8개를 쉼표로 구분해 입력하세요 (입력: {n}개)"),
    "activations.slope": ("leaky slope a", "리키 기울기 a"),
    "activations.vector": ("softmax of z =", "z의 소프트맥스, z ="),
    "activations.title_f": ("f(x) and its derivative f'(x)", "f(x)와 도함수 f'(x)"),
    "activations.title_softmax": ("softmax(z) = eᶻ / Σ eᶻ", "softmax(z) = eᶻ / Σ eᶻ"),
    "activations.range_of_f": ("range of f", "f의 치역"),
    "activations.largest_slope": ("largest slope", "가장 큰 기울기"),
    "activations.z_input": ("z (input)", "z (입력)"),
    "activations.component": ("component k", "성분 k"),
    "activations.at_x": (" at x = {x}", " (x = {x}에서)"),
    "activations.every_positive": (" for every x > 0", " (모든 x > 0에서)"),
    "activations.th_function": ("function", "함수"),
    "activations.th_largest": ("largest f'", "가장 큰 f'"),
    "activations.th_ten_layers": ("(largest f')¹⁰: 10 layers at best", "(가장 큰 f')¹⁰: 10개 층에서 최선의 경우"),
    "activations.lower_limit": ("lower limit {bound:g}", "하한 {bound:g}"),
    "activations.upper_limit": ("upper limit {bound:g}", "상한 {bound:g}"),
    "activations.title_slope": ("f(x) and f'(x): largest slope f' = {top:.3g}{where}",
                        "f(x)와 f'(x): 가장 큰 기울기 f' = {top:.3g}{where}"),
    "activations.info": ("<b>{label}</b> · range {range} · largest slope f' = {top:.3g}. {meaning}",
                 "<b>{label}</b> · 치역 {range} · 가장 큰 기울기 f' = {top:.3g}. {meaning}"),
    "activations.softmax_sum": ("softmax(z): {n} numbers that sum to {total:.2f}", "softmax(z): 합이 {total:.2f}인 숫자 {n}개"),
    "activations.largest": ("largest: z{k} with probability {p:.3f}", "가장 큰 것: z{k}, 확률 {p:.3f}"),
    "activations.info.sigmoid": ("sigmoid σ(x) = 1 / (1 + e⁻ˣ)", "시그모이드 σ(x) = 1 / (1 + e⁻ˣ)"),
    "activations.info.tanh": ("tanh(x)", "tanh(x)"),
    "activations.info.relu": ("ReLU max(0, x)", "ReLU max(0, x)"),
    "activations.info.leaky_relu": ("leaky ReLU max(a·x, x)", "리키 ReLU max(a·x, x)"),
    "activations.info.elu": ("ELU: x, or eˣ - 1 for x < 0", "ELU: x, 단 x < 0이면 eˣ - 1"),
    "activations.info.gelu": ("GELU x·Φ(x)", "GELU x·Φ(x)"),
    "activations.info.linear": ("linear (no activation)", "선형 (활성화 함수 없음)"),
    "activations.info.silu": ("SiLU (swish) x·σ(x)", "SiLU (스위시) x·σ(x)"),
    "activations.info.softplus": ("softplus log(1 + eˣ)", "소프트플러스 log(1 + eˣ)"),
    "activations.meaning.sigmoid": (
        "Backpropagation multiplies the error by f'(z) at every layer. Sigmoid's f' is at most 0.25, and almost 0 "
        "once |z| > 5 (saturated): through ten sigmoid layers the gradient is multiplied by at most 0.25¹⁰ ≈ 10⁻⁶ "
        "times the layers' weights, so unless the weights are large it fades. That is the vanishing gradient.",
        "역전파는 층마다 오차에 f'(z)를 곱합니다. 시그모이드의 f'은 최대 0.25이고, |z| > 5이면 거의 0입니다 (포화). "
        "시그모이드 층 열 개를 지나면 기울기에 층들의 가중치와 함께 많아야 0.25¹⁰ ≈ 10⁻⁶이 곱해지므로, 가중치가 크지 "
        "않으면 기울기가 사라집니다. 이것이 기울기 소실입니다."),
    "activations.meaning.tanh": (
        "tanh is a stretched sigmoid (tanh(x) = 2σ(2x) - 1): centred on 0 and f' up to 1, four times sigmoid's, but "
        "it saturates too, so deep tanh networks still lose their gradient.",
        "tanh는 늘인 시그모이드입니다 (tanh(x) = 2σ(2x) - 1): 0을 중심으로 하고 f'이 최대 1로 시그모이드의 네 배지만, "
        "역시 포화되므로 깊은 tanh 신경망도 기울기를 잃습니다."),
    "activations.meaning.relu": (
        "ReLU's f' is exactly 1 wherever the neuron is active: the gradient passes through undiminished, and it is "
        "cheap. But for z < 0 both f and f' are 0: a neuron that is negative for every input never learns again "
        "(a dead ReLU).",
        "ReLU의 f'은 뉴런이 활성인 곳에서 정확히 1입니다: 기울기가 줄지 않고 통과하며 계산도 쌉니다. 하지만 z < 0이면 "
        "f와 f' 모두 0입니다: 모든 입력에서 음수인 뉴런은 다시는 학습하지 못합니다 (죽은 ReLU)."),
    "activations.meaning.leaky_relu": (
        "Leaky ReLU keeps a small slope a for z < 0, so the gradient never becomes exactly 0 and neurons cannot die. "
        "A common choice is a = 0.01; move the slider.",
        "리키 ReLU는 z < 0에서도 작은 기울기 a를 남겨 기울기가 정확히 0이 되지 않으므로 뉴런이 죽지 않습니다. "
        "흔히 a = 0.01을 씁니다. 슬라이더를 움직여 보세요."),
    "activations.meaning.elu": (
        "ELU is smooth, x for x > 0 and eˣ - 1 below: outputs can be negative (down to -1), f' never reaches 0 for "
        "finite z.",
        "ELU는 매끄럽습니다. x > 0이면 x, 그 아래에서는 eˣ - 1: 출력이 음수(-1까지)가 될 수 있고, 유한한 z에서 f'이 "
        "0이 되지 않습니다."),
    "activations.meaning.gelu": (
        "GELU = x·Φ(x) (Φ: the normal distribution's CDF) is a smooth ReLU used in Transformers. It dips below 0 near "
        "x ≈ -0.75 and its slope overshoots 1 (1.13 at x = √2).",
        "GELU = x·Φ(x) (Φ: 정규분포의 누적분포함수)는 Transformer에서 쓰는 매끄러운 ReLU입니다. x ≈ -0.75 근처에서 "
        "0 아래로 내려가고, 기울기가 1을 넘습니다 (x = √2에서 1.13)."),
    "activations.meaning.silu": (
        "SiLU (swish) = x·σ(x) is another smooth ReLU, used in EfficientNet and many language models. It dips below 0 "
        "(to -0.28 at x ≈ -1.28) and its slope overshoots 1 (1.10 at x ≈ 2.40). Far below 0, f and f' fade to 0 as "
        "ReLU's do, but gradually rather than at once.",
        "SiLU(스위시) = x·σ(x)는 EfficientNet과 여러 언어 모델에서 쓰는 또 하나의 매끄러운 ReLU입니다. 0 아래로 "
        "내려가고 (x ≈ -1.28에서 -0.28까지) 기울기가 1을 넘습니다 (x ≈ 2.40에서 1.10). 0보다 훨씬 작은 곳에서는 "
        "ReLU처럼 f와 f'이 0에 가까워지지만, 한 번에가 아니라 서서히 그렇게 됩니다."),
    "activations.meaning.softplus": (
        "softplus = log(1 + eˣ) is a smooth ReLU that is always positive. Its derivative is the sigmoid σ(x): between "
        "0 and 1, reaching 1 only as x grows, and small but never 0 for negative x, so its neurons cannot die.",
        "소프트플러스 = log(1 + eˣ)는 항상 양수인 매끄러운 ReLU입니다. 도함수는 시그모이드 σ(x)입니다: 0과 1 사이이고, "
        "x가 커질 때에야 1에 다가가며, 음수 x에서도 작지만 0이 되지 않으므로 뉴런이 죽지 않습니다."),
}
