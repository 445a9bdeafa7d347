"""A CNN learns the digits (apps/cnn_digits.py) and the digits CNN engine's messages (playground/cnn.py).

``STRINGS``: key -> ``(English, Korean)`` (see ``playground.i18n``)."""

STRINGS: dict[str, tuple[str, str]] = {
    # -- the landing page's line (apps/landing.py) ---------------------------------------------------------
    "landing.cnn_digits": ("A CNN learns the digits", "CNN이 숫자를 배웁니다"),
    "landing.cnn_digits.what": ("A small CNN against a fully connected network of the same size, live: filters, feature "
                                "maps, confusion matrices, a shift test, your own drawing.",
                                "같은 크기의 완전 연결 신경망과 작은 CNN을 실시간으로 비교합니다: 필터, 특성 맵, 혼동 행렬, "
                                "이동 시험, 직접 그린 숫자."),
    # -- playground/cnn.py: what the engine refuses or reports ---------------------------------------------
    "cnn.field.channels": ("channels", "channels(채널 수)"),
    "cnn.field.kernel": ("kernel", "kernel(필터 크기)"),
    "cnn.field.pool": ("pool", "pool(풀링)"),
    "cnn.field.optimizer": ("optimizer", "optimizer(옵티마이저)"),
    "cnn.field.lr": ("lr (learning rate)", "lr (학습률)"),
    "cnn.field.batch_size": ("batch_size", "batch_size(배치 크기)"),
    "cnn.field.train_fraction": ("train_fraction", "train_fraction(훈련 데이터 비율)"),
    "cnn.field.seed": ("seed", "seed(시드)"),
    "cnn.bad_channels": ("channels={value!r} is not allowed; choose the first block's from {first} and the second "
                         "block's (if any) from {second}",
                         "channels={value!r}: 허용되지 않는 값입니다. 첫 블록은 {first} 중에서, 둘째 블록(있다면)은 "
                         "{second} 중에서 고르세요"),
    "cnn.diverged": ("Training diverged at epoch {epoch} (the loss became huge or NaN): lower the learning rate "
                     "(now {lr}) and press Reset.",
                     "에폭 {epoch}에서 학습이 발산했습니다 (손실이 아주 커지거나 NaN이 되었습니다): 학습률(지금 {lr})을 "
                     "낮추고 초기화를 누르세요."),
    # -- apps/cnn_digits.py -------------------------------------------------------------------------------
    "cnn_digits.heading": ("A CNN learns the digits, against a fully connected network of the same size",
                           "같은 크기의 완전 연결 신경망과 겨루며 CNN이 숫자를 배웁니다"),
    "cnn_digits.start": ("Press Play: both networks train on the same mini-batches of 8 × 8 digits. Draw a digit on the "
                         "left to ask them both.",
                         "실행을 누르세요: 두 신경망이 8 × 8 숫자 이미지의 같은 미니배치로 학습합니다. 왼쪽에 숫자를 그려 "
                         "두 신경망에게 물어보세요."),
    "cnn_digits.head_network": ("The CNN", "CNN"),
    "cnn_digits.head_training": ("Training (both networks)", "학습 (두 신경망 모두)"),
    "cnn_digits.head_digit": ("The digit shown", "보여 줄 숫자"),
    "cnn_digits.c1": ("block 1 channels", "블록 1 채널 수"),
    "cnn_digits.c2": ("block 2 channels", "블록 2 채널 수"),
    "cnn_digits.c2_none": ("none (one block)", "없음 (블록 하나)"),
    "cnn_digits.kernel": ("filter size", "필터 크기"),
    "cnn_digits.pool": ("pooling", "풀링"),
    "cnn_digits.pool.max": ("max", "최대"),
    "cnn_digits.pool.avg": ("average", "평균"),
    "cnn_digits.optimizer": ("optimizer", "옵티마이저"),
    "cnn_digits.optimizer.adam": ("Adam", "Adam"),
    "cnn_digits.optimizer.sgd": ("SGD + momentum", "SGD + 모멘텀"),
    "cnn_digits.lr": ("learning rate", "학습률"),
    "cnn_digits.batch_size": ("batch size", "배치 크기"),
    "cnn_digits.layer_conv": ("conv {k}×{k}, {c} channels, ReLU", "합성곱 {k}×{k}, 채널 {c}개, ReLU"),
    "cnn_digits.layer_pool.max": ("2×2 max pooling", "2×2 최대 풀링"),
    "cnn_digits.layer_pool.avg": ("2×2 average pooling", "2×2 평균 풀링"),
    "cnn_digits.params_cnn": ("<b style='color:#0877bd'>CNN</b>: {layers} → linear to 10 classes: <b>{n}</b> parameters",
                              "<b style='color:#0877bd'>CNN</b>: {layers} → 10개 클래스로 가는 선형층: 파라미터 <b>{n}</b>개"),
    "cnn_digits.params_mlp": ("<b style='color:#f59322'>MLP</b>: 64 pixels → {hidden} ReLU units → 10 classes: <b>{n}</b> "
                              "parameters (about as many)",
                              "<b style='color:#f59322'>MLP</b>: 픽셀 64개 → ReLU 유닛 {hidden}개 → 클래스 10개: 파라미터 "
                              "<b>{n}</b>개 (거의 같은 수)"),
    "cnn_digits.show": ("show", "보기"),
    "cnn_digits.source_test": ("a test digit", "테스트 숫자"),
    "cnn_digits.source_drawing": ("your drawing", "직접 그린 숫자"),
    "cnn_digits.test_digit": ("test digit no.", "테스트 숫자 번호"),
    "cnn_digits.next_mistake": ("Next CNN mistake", "CNN의 다음 오답"),
    "cnn_digits.next_mistake_tip": ("the next test digit that the CNN gets wrong", "CNN이 틀리는 다음 테스트 숫자"),
    "cnn_digits.no_mistake": ("The CNN gets every test digit right.", "CNN이 모든 테스트 숫자를 맞힙니다."),
    "cnn_digits.mistake": ("Test digit {index} is a {label}; the CNN says {pred}.",
                           "테스트 숫자 {index}번은 {label}인데, CNN은 {pred}(이)라고 합니다."),
    "cnn_digits.clear": ("Clear", "지우기"),
    "cnn_digits.clear_tip": ("a blank pad to draw a digit on", "숫자를 그릴 빈 칸"),
    "cnn_digits.pen_draw_tip": ("the mouse draws a thick stroke", "마우스로 굵은 획을 그립니다"),
    "cnn_digits.center": ("centre and scale my drawing, as the training digits were",
                          "훈련 숫자처럼 내 그림을 가운데로 옮기고 크기를 맞추기"),
    "cnn_digits.net_cnn": ("CNN", "CNN"),
    "cnn_digits.net_mlp": ("MLP", "MLP"),
    "cnn_digits.train": ("train", "훈련"),
    "cnn_digits.test": ("test", "테스트"),
    "cnn_digits.epoch": ("epoch", "에폭"),
    "cnn_digits.says": ("says {digit} ({p})", "답: {digit} ({p})"),
    "cnn_digits.answer_test": ("Test digit {index} (a {label}):", "테스트 숫자 {index}번 ({label}):"),
    "cnn_digits.answer_drawing": ("Your drawing:", "직접 그린 숫자:"),
    "cnn_digits.test_accuracy": ("test accuracy: CNN {cnn}, MLP {mlp}", "테스트 정확도: CNN {cnn}, MLP {mlp}"),
    "cnn_digits.shift_px": ("moved {px} px", "{px}픽셀 이동"),
    "cnn_digits.shift_summary": ("<b>Shift test</b> (the test digits moved 0, 1 and 2 pixels right, left, up and down): "
                                 "CNN {cnn0} → {cnn1} → {cnn2}; MLP {mlp0} → {mlp1} → {mlp2}.",
                                 "<b>이동 시험</b> (테스트 숫자를 오른쪽, 왼쪽, 위, 아래로 0, 1, 2픽셀 이동): "
                                 "CNN {cnn0} → {cnn1} → {cnn2}; MLP {mlp0} → {mlp1} → {mlp2}."),
    "cnn_digits.panel_draw": ("Draw a digit (16 × 16)", "숫자를 그리세요 (16 × 16)"),
    "cnn_digits.panel_input": ("What the networks read", "신경망이 읽는 이미지"),
    "cnn_digits.panel_input_label": ("A test digit: {label}", "테스트 숫자: {label}"),
    "cnn_digits.panel_probs": ("Softmax outputs: P(digit)", "소프트맥스 출력: P(숫자)"),
    "cnn_digits.panel_filters": ("The CNN's first-layer filters", "CNN 첫 층의 필터"),
    "cnn_digits.panel_filters_size": ("First-layer filters ({c} of {k} × {k})", "첫 층의 필터 ({k} × {k} 필터 {c}개)"),
    "cnn_digits.panel_conv1": ("Block 1: convolution + ReLU", "블록 1: 합성곱 + ReLU"),
    "cnn_digits.panel_pool1": ("Block 1: pooling", "블록 1: 풀링"),
    "cnn_digits.panel_conv2": ("Block 2: convolution + ReLU", "블록 2: 합성곱 + ReLU"),
    "cnn_digits.panel_pool2": ("Block 2: pooling", "블록 2: 풀링"),
    "cnn_digits.panel_conv1_size": ("Block 1: conv + ReLU, {c} maps of {h} × {w}", "블록 1: 합성곱 + ReLU, {h} × {w} 맵 {c}개"),
    "cnn_digits.panel_pool1_size": ("Block 1: pooled, {c} maps of {h} × {w}", "블록 1: 풀링, {h} × {w} 맵 {c}개"),
    "cnn_digits.panel_conv2_size": ("Block 2: conv + ReLU, {c} maps of {h} × {w}", "블록 2: 합성곱 + ReLU, {h} × {w} 맵 {c}개"),
    "cnn_digits.panel_pool2_size": ("Block 2: pooled, {c} maps of {h} × {w}", "블록 2: 풀링, {h} × {w} 맵 {c}개"),
    "cnn_digits.panel_loss": ("Loss (solid: training, dashed: test)", "손실 (실선: 훈련, 점선: 테스트)"),
    "cnn_digits.panel_acc": ("Accuracy (solid: training, dashed: test)", "정확도 (실선: 훈련, 점선: 테스트)"),
    "cnn_digits.panel_shift": ("Shift test: accuracy on moved test digits", "이동 시험: 옮긴 테스트 숫자의 정확도"),
    "cnn_digits.panel_conf_cnn": ("CNN: confusion matrix (test digits)", "CNN: 혼동 행렬 (테스트 숫자)"),
    "cnn_digits.panel_conf_mlp": ("MLP: confusion matrix (test digits)", "MLP: 혼동 행렬 (테스트 숫자)"),
}
