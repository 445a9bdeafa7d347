"""Forward propagation step by step (apps/forward_pass.py).

``STRINGS``: key -> ``(English, Korean)`` (see ``playground.i18n``)."""

STRINGS: dict[str, tuple[str, str]] = {
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
}
