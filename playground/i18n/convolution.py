"""The convolution explorer (apps/convolution.py) and the convolution engine's messages
(playground/convolution.py).

``STRINGS``: key -> ``(English, Korean)`` (see ``playground.i18n``)."""

STRINGS: dict[str, tuple[str, str]] = {
    # -- the landing page's line (apps/landing.py) ---------------------------------------------------------
    "landing.convolution": ("Convolution and pooling", "합성곱과 풀링"),
    "landing.convolution.what": ("A filter slides over an image you can draw: feature maps, stride, padding, pooling, "
                                 "weight sharing, moving the image.",
                                 "직접 그릴 수 있는 이미지 위로 필터가 미끄러집니다: 특성 맵, 스트라이드, 패딩, 풀링, "
                                 "가중치 공유, 이미지 이동."),
    # -- playground/convolution.py: what the engine refuses -----------------------------------------------
    "convolution.field.image": ("image", "image(이미지)"),
    "convolution.field.filter": ("filter", "filter(필터)"),
    "convolution.field.pool": ("pool", "pool(풀링)"),
    "convolution.field.stride": ("stride", "stride(스트라이드)"),
    "convolution.field.padding": ("padding", "padding(패딩)"),
    "convolution.field.dx": ("shift right", "오른쪽 이동"),
    "convolution.field.dy": ("shift down", "아래쪽 이동"),
    "convolution.field.pool_size": ("pooling size", "풀링 크기"),
    "convolution.field.pool_stride": ("pooling stride", "풀링 스트라이드"),
    "convolution.bad_digit": ("digit {value!r} is not there; choose one from 0 to {hi}",
                              "숫자 이미지 {value!r}번은 없습니다. 0부터 {hi}까지에서 고르세요"),
    "convolution.bad_kernel_size": ("a filter of size {value!r} is not offered; choose {allowed}",
                                    "크기 {value!r}의 필터는 없습니다. {allowed} 중에서 고르세요"),
    "convolution.bad_weight": ("filter weight {value!r} is not a number; type numbers such as 1, -0.5 or 1/9",
                               "필터 가중치 {value!r}은(는) 숫자가 아닙니다. 1, -0.5, 1/9 같은 숫자를 입력하세요"),
    "convolution.weight_range": ("filter weight {value!r} is not allowed; use numbers from -1000 to 1000",
                                 "필터 가중치 {value!r}은(는) 쓸 수 없습니다. -1000부터 1000까지의 숫자를 쓰세요"),
    "convolution.kernel_shape": ("the filter must be a square of 3 rows of 3 numbers or 5 rows of 5; you typed {rows} "
                                 "row(s) of {cols} number(s)",
                                 "필터는 3개씩 3줄, 또는 5개씩 5줄인 정사각형이어야 합니다. 입력한 것은 {rows}줄, 줄마다 {cols}개입니다"),
    "convolution.kernel_too_big": ("a {k} × {k} filter does not fit on the {n} × {n} input with padding {p} "
                                   "({padded} × {padded}); use a smaller filter or more padding",
                                   "{k} × {k} 필터는 패딩 {p}을(를) 더한 {n} × {n} 입력({padded} × {padded})에 들어가지 "
                                   "않습니다. 더 작은 필터나 더 큰 패딩을 쓰세요"),
    "convolution.bad_step": ("{name}={value!r} is not allowed; it must be a whole number from {lo} to {hi}",
                             "{name}={value!r}: 허용되지 않는 값입니다. {lo}부터 {hi}까지의 정수여야 합니다"),
    "convolution.stride_too_big": ("a stride of {value!r} is larger than the {n} × {n} image: the filter would jump "
                                   "past it; use a stride from 1 to 4",
                                   "스트라이드 {value!r}은(는) {n} × {n} 이미지보다 큽니다. 필터가 이미지를 건너뛰어 "
                                   "버립니다. 1부터 4까지의 스트라이드를 쓰세요"),
    "convolution.transposed_too_small": ("a transposed convolution with kernel {k}, stride {s} and padding {p} leaves "
                                         "nothing of a {n} × {n} input; use less padding",
                                         "커널 {k}, 스트라이드 {s}, 패딩 {p}인 전치 합성곱은 {n} × {n} 입력에서 아무것도 "
                                         "남기지 않습니다. 패딩을 줄이세요"),
    "convolution.pool_too_big": ("a {size} × {size} pooling window does not fit on the {side} × {side} feature map; "
                                 "choose a smaller window (or a smaller stride or more padding for the convolution)",
                                 "{size} × {size} 풀링 창은 {side} × {side} 특성 맵에 들어가지 않습니다. 더 작은 창을 "
                                 "고르세요 (또는 합성곱의 스트라이드를 줄이거나 패딩을 늘리세요)"),
    # -- apps/convolution.py: the convolution explorer ------------------------------------------------------
    "convolution.heading": ("Convolution: a filter slides over the image", "합성곱: 필터가 이미지 위를 미끄러집니다"),
    "convolution.head_input": ("The input image (16 × 16)", "입력 이미지 (16 × 16)"),
    "convolution.head_filter": ("The filter (one convolution layer, one filter)", "필터 (합성곱층 하나, 필터 하나)"),
    "convolution.head_pool": ("Pooling on the feature map", "특성 맵에 풀링"),
    "convolution.head_move": ("Move the input", "입력 이동"),
    "convolution.image": ("image", "이미지"),
    "convolution.image.digit": ("a handwritten digit", "손글씨 숫자"),
    "convolution.image.vbars": ("vertical bars", "세로 막대"),
    "convolution.image.hbars": ("horizontal bars", "가로 막대"),
    "convolution.image.square": ("a square", "정사각형"),
    "convolution.image.checker": ("a checkerboard", "체커보드"),
    "convolution.image.letter": ("the letter A", "글자 A"),
    "convolution.image.drawing": ("your drawing", "직접 그린 그림"),
    "convolution.digit": ("digit no.", "숫자 번호"),
    "convolution.digit_label": ("a handwritten {label}", "손글씨 {label}"),
    "convolution.clear": ("Clear", "지우기"),
    "convolution.clear_tip": ("a blank image to draw on with the mouse", "마우스로 그릴 빈 이미지"),
    "convolution.invert": ("Invert", "반전"),
    "convolution.invert_tip": ("ink becomes paper and paper ink (1 − x)", "잉크와 바탕을 뒤바꿉니다 (1 − x)"),
    "convolution.pen_draw": ("draw", "그리기"),
    "convolution.pen_erase": ("erase", "지우개"),
    "convolution.pen_draw_tip": ("the mouse paints ink (1) on the input", "마우스로 입력에 잉크(1)를 칠합니다"),
    "convolution.pen_erase_tip": ("the mouse paints paper (0) on the input", "마우스로 입력에 바탕(0)을 칠합니다"),
    "convolution.draw_hint": ("draw on the input with the mouse", "마우스로 입력에 그려 보세요"),
    "convolution.filter": ("filter", "필터"),
    "convolution.filter.identity": ("identity (copies the input)", "항등 (입력을 그대로 복사)"),
    "convolution.filter.blur": ("blur (the mean)", "흐리기 (평균)"),
    "convolution.filter.sharpen": ("sharpen", "선명하게"),
    "convolution.filter.hedge": ("horizontal edges", "가로 경계선"),
    "convolution.filter.vedge": ("vertical edges", "세로 경계선"),
    "convolution.filter.diagonal": ("a diagonal line", "대각선"),
    "convolution.filter.custom": ("your own weights", "직접 입력한 가중치"),
    "convolution.kernel_size": ("filter size", "필터 크기"),
    "convolution.weights": ("weights", "가중치"),
    "convolution.weights_placeholder": ("one row per line, e.g. 1 0 -1", "한 줄에 한 행씩, 예: 1 0 -1"),
    "convolution.bias": ("bias", "편향"),
    "convolution.stride": ("stride", "스트라이드"),
    "convolution.padding": ("padding", "패딩"),
    "convolution.relu": ("ReLU after the convolution", "합성곱 뒤에 ReLU"),
    "convolution.pool": ("pooling", "풀링"),
    "convolution.pool.none": ("none", "없음"),
    "convolution.pool.max": ("max", "최대"),
    "convolution.pool.avg": ("average", "평균"),
    "convolution.pool_size": ("pool size", "풀링 크기"),
    "convolution.pool_stride": ("pool stride", "풀링 스트라이드"),
    "convolution.dx": ("move right", "오른쪽으로"),
    "convolution.dy": ("move down", "아래쪽으로"),
    "convolution.out_row": ("output pixel: row", "출력 픽셀: 행"),
    "convolution.out_col": ("column", "열"),
    "convolution.panel_input": ("Input (draw on it)", "입력 (그려 보세요)"),
    "convolution.panel_kernel": ("Filter", "필터"),
    "convolution.panel_fmap": ("Feature map (click a pixel)", "특성 맵 (픽셀을 클릭하세요)"),
    "convolution.panel_pooled": ("Pooled", "풀링 결과"),
    "convolution.panel_input_size": ("Input {n} × {n}", "입력 {n} × {n}"),
    "convolution.panel_input_padded": ("Input {n} × {n} + padding {p} = {padded} × {padded}",
                                       "입력 {n} × {n} + 패딩 {p} = {padded} × {padded}"),
    "convolution.panel_kernel_size": ("Filter {k} × {k}, bias {bias}", "필터 {k} × {k}, 편향 {bias}"),
    "convolution.panel_fmap_size": ("Feature map {size} × {size}{relu} (click a pixel)",
                                    "특성 맵 {size} × {size}{relu} (픽셀을 클릭하세요)"),
    "convolution.after_relu": (" after ReLU", ", ReLU 후"),
    "convolution.panel_pooled_kind": ("{kind} pooling → {size} × {size}", "{kind} 풀링 → {size} × {size}"),
    "convolution.window_head": ("Output pixel ({row}, {col}):", "출력 픽셀 ({row}, {col}):"),
    "convolution.window_explain": ("the filter lies on the {k} × {k} window framed in red on the input; each cell "
                                   "below is input × weight and, in bold, their product.",
                                   "필터가 입력에서 빨간 테두리의 {k} × {k} 창 위에 놓입니다. 아래 칸마다 입력 × 가중치와 "
                                   "그 곱(굵게)이 있습니다."),
    "convolution.window_sum": ("sum of the products {products} + bias {bias} =", "곱의 합 {products} + 편향 {bias} ="),
    "convolution.relu_of": ("→ after ReLU, max(0, ·): {value}", "→ ReLU, max(0, ·) 후: {value}"),
    "convolution.size_formula": ("<b>Output size</b> = ⌊(n + 2p − k) / s⌋ + 1 = ⌊({n} + 2·{p} − {k}) / {s}⌋ + 1 = "
                                 "<b class='pg-conv-out'>{out}</b> (n: input, p: padding, k: filter, s: stride)",
                                 "<b>출력 크기</b> = ⌊(n + 2p − k) / s⌋ + 1 = ⌊({n} + 2·{p} − {k}) / {s}⌋ + 1 = "
                                 "<b class='pg-conv-out'>{out}</b> (n: 입력, p: 패딩, k: 필터, s: 스트라이드)"),
    "convolution.pool_formula": ("<b>After pooling</b> = ⌊(n − k) / s⌋ + 1 = ⌊({n} − {k}) / {s}⌋ + 1 = "
                                 "<b class='pg-conv-pooled'>{out}</b>",
                                 "<b>풀링 후</b> = ⌊(n − k) / s⌋ + 1 = ⌊({n} − {k}) / {s}⌋ + 1 = "
                                 "<b class='pg-conv-pooled'>{out}</b>"),
    "convolution.params": ("<b>Weight sharing</b>: this layer has {k}×{k} weights + 1 bias = <b>{conv}</b> parameters, "
                           "the same ones for all {outputs} output pixels ({mults} multiplications).",
                           "<b>가중치 공유</b>: 이 층의 파라미터는 {k}×{k} 가중치 + 편향 1 = <b>{conv}</b>개이고, "
                           "출력 픽셀 {outputs}개 모두가 같은 것을 씁니다 (곱셈 {mults}번)."),
    "convolution.params_fc": ("A fully connected layer from the {n} input pixels to the same {outputs} outputs needs "
                              "{n} × {outputs} weights + {outputs} biases = <b class='pg-conv-fc'>{fc}</b> parameters "
                              "({mults} multiplications): {ratio} times as many.",
                              "같은 입력 픽셀 {n}개에서 같은 출력 {outputs}개로 가는 완전 연결층에는 {n} × {outputs} "
                              "가중치 + 편향 {outputs}개 = <b class='pg-conv-fc'>{fc}</b>개의 파라미터가 필요합니다 "
                              "(곱셈 {mults}번): {ratio}배입니다."),
    "convolution.move_hint": ("Move the input with the sliders: the feature map moves with it; a pooled summary changes "
                              "less.",
                              "슬라이더로 입력을 움직여 보세요: 특성 맵도 함께 움직이고, 풀링한 요약은 덜 변합니다."),
    "convolution.moved": ("<b>Moved</b> {dx} right and {dy} down: pixel by pixel the feature map changed by "
                          "<b class='pg-conv-moved-fmap'>{fmap}</b>",
                          "오른쪽으로 {dx}, 아래쪽으로 {dy} <b>이동</b>: 픽셀마다 비교하면 특성 맵은 "
                          "<b class='pg-conv-moved-fmap'>{fmap}</b> 변했고"),
    "convolution.moved_pooled": (", the pooled map by <b class='pg-conv-moved-pooled'>{pooled}</b>",
                                 ", 풀링 결과는 <b class='pg-conv-moved-pooled'>{pooled}</b>"),
    "convolution.moved_global": ("and the largest value of the whole map (global max pooling) by "
                                 "<b class='pg-conv-moved-global'>{global_max}</b>.",
                                 ", 맵 전체의 최댓값(전역 최대 풀링)은 <b class='pg-conv-moved-global'>{global_max}</b> "
                                 "변했습니다."),
    "convolution.moved_follows": ("The feature map of the moved image is the old map moved the same way (they differ by "
                                  "{diff}, at the edges only): the layer finds the same pattern wherever it is.",
                                  "이동한 이미지의 특성 맵은 원래 맵을 똑같이 옮긴 것과 같습니다 (차이 {diff}, 가장자리에서만): "
                                  "층은 패턴이 어디에 있든 같은 패턴을 찾습니다."),
    "convolution.moved_stride": ("With a stride above 1 the feature map moves by a fraction of a pixel: it changes more.",
                                 "스트라이드가 1보다 크면 특성 맵이 픽셀의 일부만큼 움직이므로 더 많이 변합니다."),
}
