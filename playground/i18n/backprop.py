"""Backpropagation step by step and the sigmoid chain (apps/backprop.py, views/backprop_figure.py).

``STRINGS``: key -> ``(English, Korean)`` (see ``playground.i18n``)."""

STRINGS: dict[str, tuple[str, str]] = {
    # -- apps/backprop.py: BackwardPass -----------------------------------------------------------------
    "backprop.loss": ("loss", "손실 함수"),
    "backprop.example": ("One training example", "학습 예제 하나"),
    "backprop.label_1": ("blue (1)", "파랑 (1)"),
    "backprop.label_0": ("orange (0)", "주황 (0)"),
    "backprop.step": ("step", "단계"),
    "backprop.previous": ("◀ Previous", "◀ 이전"),
    "backprop.next": ("Next step ▶", "다음 단계 ▶"),
    "backprop.all": ("All steps", "모든 단계"),
    "backprop.check": ("Check numerically (finite differences)", "수치로 확인 (유한 차분)"),
    "backprop.update": ("Update: W ← W − lr·∂L/∂W", "갱신: W ← W − lr·∂L/∂W"),
    "backprop.update_tip": ("one gradient-descent step on this example", "이 예제로 경사 하강법 한 걸음"),
    "backprop.updated": ("Updated with lr = {lr:g}: the loss went from {before:.4f} to {after:.4f}. "
                         "Step backward again for the new gradients.",
                         "lr = {lr:g}로 갱신했습니다: 손실이 {before:.4f}에서 {after:.4f}(으)로 바뀌었습니다. "
                         "새 기울기를 보려면 다시 역방향으로 단계를 밟으세요."),
    "backprop.intro": ("The forward pass is done: ŷ = {p:.4f}, loss L = {loss:.4f}. Backpropagation computes "
                       "∂L/∂(every node) from the loss back to the first weights, in {n} steps: press "
                       "<b>Next step ▶</b>.",
                       "순전파가 끝났습니다: ŷ = {p:.4f}, 손실 L = {loss:.4f}. 역전파는 손실에서 첫 가중치까지 거꾸로 "
                       "가며 모든 노드의 ∂L/∂를 {n} 단계로 계산합니다: <b>다음 단계 ▶</b>를 누르세요."),
    "backprop.summary": ("Step {k} of {n} · ŷ = {p:.4f}, y = {y} · L = {loss:.4f}",
                         "{n} 단계 중 {k} · ŷ = {p:.4f}, y = {y} · L = {loss:.4f}"),
    "backprop.update_text": ("<b>Every gradient is known.</b> The update W ← W − {lr:g}·∂L/∂W (and the same for "
                             "b) would take the loss on this example from {before:.4f} to <b>{after:.4f}</b>. "
                             "Press <b>Update</b> to take it.",
                             "<b>모든 기울기를 구했습니다.</b> 갱신 W ← W − {lr:g}·∂L/∂W (b도 같은 방법)은 이 예제의 "
                             "손실을 {before:.4f}에서 <b>{after:.4f}</b>(으)로 바꿉니다. <b>갱신</b>을 눌러 적용하세요."),
    # -- views/backprop_figure.py -----------------------------------------------------------------------
    "backprop.title_graph": ("The computation graph: each node's value and ∂ = ∂L/∂node; on the edges, "
                             "weight | ∂L/∂w",
                             "계산 그래프: 각 노드의 값과 ∂ = ∂L/∂노드, 연결선에는 가중치 | ∂L/∂w"),
    "backprop.not_yet": ("gradient: not reached yet", "기울기: 아직 도달하지 않음"),
    "backprop.node": ("{name} = {value:+.4f}", "{name} = {value:+.4f}"),
    "backprop.start": ("The start: ∂L/∂L = 1. The loss is {loss}.", "출발점: ∂L/∂L = 1. 손실은 {loss}입니다."),
    "backprop.loss_bce": ("binary cross-entropy, L = −y log ŷ − (1−y) log(1−ŷ)",
                          "이진 교차 엔트로피, L = −y log ŷ − (1−y) log(1−ŷ)"),
    "backprop.loss_mse": ("squared error, L = (ŷ − y)²", "제곱 오차, L = (ŷ − y)²"),
    "backprop.term": ("from <b>{via}</b>: local derivative {local_is} = {local}; gradient from above "
                      "∂L/∂{via} = {upstream}",
                      "<b>{via}</b>에서: 국소 미분 {local_is} = {local}; 위에서 온 기울기 ∂L/∂{via} = {upstream}"),
    "backprop.chain": ("chain rule: ∂L/∂{name} = {rule} = <b>{grad}</b>",
                       "연쇄 법칙: ∂L/∂{name} = {rule} = <b>{grad}</b>"),
    "backprop.reuse": ("reuses from the forward pass: {name} = {value}", "순전파에서 다시 쓰는 값: {name} = {value}"),
    "backprop.reuse_weights": ("reuses the weights W({l}) of the forward pass",
                               "순전파의 가중치 W({l})를 다시 씁니다"),
    "backprop.numeric": ("finite difference (L({name}+ε) − L({name}−ε)) / 2ε = {num} (differs by {diff:.1e})",
                         "유한 차분 (L({name}+ε) − L({name}−ε)) / 2ε = {num} (차이 {diff:.1e})"),
    "backprop.local_p_bce": ("∂L/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)) with y = {y}", "∂L/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ)), y = {y}"),
    "backprop.local_p_mse": ("∂L/∂ŷ = 2(ŷ − y) with y = {y}", "∂L/∂ŷ = 2(ŷ − y), y = {y}"),
    "backprop.local_sigmoid": ("∂ŷ/∂{name} = σ'(z) = ŷ(1 − ŷ)", "∂ŷ/∂{name} = σ'(z) = ŷ(1 − ŷ)"),
    "backprop.local_f": ("∂{via}/∂{name} = f'({name})", "∂{via}/∂{name} = f'({name})"),
    "backprop.local_w": ("∂{via}/∂{name} = the input this weight multiplies",
                         "∂{via}/∂{name} = 이 가중치가 곱해지는 입력"),
    "backprop.local_b": ("∂{via}/∂{name} = 1", "∂{via}/∂{name} = 1"),
    "backprop.local_a": ("∂{via}/∂{name} = the weight between them", "∂{via}/∂{name} = 둘 사이의 가중치"),
    # -- SigmoidChain -------------------------------------------------------------------------------------
    "backprop.chain_depth": ("hidden layers", "은닉층 수"),
    "backprop.chain_w": ("every weight w", "모든 가중치 w"),
    "backprop.chain_title": ("One neuron per layer: the gradient's size, layer by layer",
                             "층마다 뉴런 하나: 층별 기울기의 크기"),
    "backprop.chain_grad": ("|∂L/∂z(l)|", "|∂L/∂z(l)|"),
    "backprop.chain_bound": ("at most |∂L/∂z(out)| · (|w|/4)^k (the sigmoid's bound)",
                             "최대 |∂L/∂z(출력)| · (|w|/4)^k (시그모이드의 한계)"),
    "backprop.chain_output": ("output", "출력"),
    "backprop.chain_text": ("Each layer multiplies the gradient by w·f'(z). With {depth} hidden layers, the first "
                            "layer gets {ratio:.1e} of the output's gradient.",
                            "층마다 기울기에 w·f'(z)가 곱해집니다. 은닉층 {depth}개에서 첫 층은 출력 기울기의 "
                            "{ratio:.1e}배를 받습니다."),
}
