"""Networks over time: RNN, LSTM, GRU (apps/sequences.py).

``STRINGS``: key -> ``(English, Korean)`` (see ``playground.i18n``)."""

STRINGS: dict[str, tuple[str, str]] = {
    "sequences.task": ("task", "과제"),
    "sequences.task.first_bit": ("remember the first bit", "첫 비트 기억하기"),
    "sequences.task.parity": ("parity of the bits", "비트의 홀짝(패리티)"),
    "sequences.task.sine": ("next value of a noisy sine", "잡음 섞인 사인의 다음 값"),
    "sequences.cell.rnn": ("RNN", "RNN"),
    "sequences.cell.lstm": ("LSTM", "LSTM"),
    "sequences.cell.gru": ("GRU", "GRU"),
    "sequences.length": ("length T", "길이 T"),
    "sequences.hidden": ("hidden units", "은닉 유닛 수"),
    "sequences.title_loss": ("Loss (log scale)", "손실 (로그 눈금)"),
    "sequences.title_grad": ("Size of ∂L/∂h_t at each time step t (log scale)", "시점 t마다 ∂L/∂h_t의 크기 (로그 눈금)"),
    "sequences.title_hidden": ("Hidden state h_t of one sequence (rows: units)", "시퀀스 하나의 은닉 상태 h_t (행: 유닛)"),
    "sequences.title_gates": ("Gates of the same sequence over time", "같은 시퀀스의 시간에 따른 게이트"),
    "sequences.train": ("train", "학습"),
    "sequences.test": ("test", "테스트"),
    "sequences.epochs": ("epochs →", "에폭 →"),
    "sequences.time_axis": ("time step t = 1 … {T} →", "시점 t = 1 … {T} →"),
    "sequences.no_gates": ("a vanilla RNN has no gates: h_t = tanh(W x_t + U h_(t-1) + b)",
                           "기본 RNN에는 게이트가 없습니다: h_t = tanh(W x_t + U h_(t-1) + b)"),
    "sequences.example": ("One test sequence: {x} · target {y:.2f} · the network says {out:.2f}",
                          "테스트 시퀀스 하나: {x} · 정답 {y:.2f} · 신경망의 답 {out:.2f}"),
    "sequences.reach": ("The gradient reaching step 1 is {ratio:.1e} times the one at step {T}.",
                        "1번째 시점에 닿는 기울기는 {T}번째 시점 기울기의 {ratio:.1e}배입니다."),
    "sequences.rebuilt": ("New {cell} on sequences of {T} steps, with new data.",
                          "길이 {T}의 시퀀스와 새 데이터로 새 {cell}을 만들었습니다."),
}
