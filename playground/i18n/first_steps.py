"""The perceptron and XOR with a hidden layer (apps/first_steps.py).

``STRINGS``: key -> ``(English, Korean)`` (see ``playground.i18n``)."""

STRINGS: dict[str, tuple[str, str]] = {
    # -- apps/first_steps.py: the perceptron ---------------------------------------------------------
    "perceptron.step": ("step", "계단 함수"),
    "perceptron.activation": ("activation f", "활성화 함수 f"),
    "perceptron.gate": ("target gate", "목표 게이트"),
    "perceptron.textbook": ("Show textbook weights", "예시 가중치 보기"),
    "perceptron.textbook_tip": ("a standard choice of weights for the chosen gate", "고른 게이트에 흔히 쓰는 가중치"),
    "perceptron.weights_bias": ("Weights and bias", "가중치와 편향"),
    "perceptron.no_textbook_xor": ("There are no textbook weights for XOR: no single line separates it (see below).",
                                   "XOR에는 예시 가중치가 없습니다: 직선 하나로는 나눌 수 없습니다 (아래 참고)."),
    "perceptron.textbook_done": ("A textbook choice for {gate}: w = ({w1}, {w2}), b = {b}.",
                                 "{gate}에 흔히 쓰는 값: w = ({w1}, {w2}), b = {b}."),
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
    "figure.hover_p_blue_1": ("x₁ %{x:.1f}<br>x₂ %{y:.1f}<br>P(blue) %{z:.2f}<extra></extra>",
                           "x₁ %{x:.1f}<br>x₂ %{y:.1f}<br>P(파랑) %{z:.2f}<extra></extra>"),
    "figure.hover_p_blue_2": ("x₁ %{x:.2f}<br>x₂ %{y:.2f}<br>P(blue) %{z:.2f}<extra></extra>",
                           "x₁ %{x:.2f}<br>x₂ %{y:.2f}<br>P(파랑) %{z:.2f}<extra></extra>"),
    "figure.hover_p_blue": ("P(blue) %{z:.2f}<extra></extra>", "P(파랑) %{z:.2f}<extra></extra>"),
}
