"""The building blocks of CNNs (apps/cnn_blocks.py: Bottleneck, ResidualBlocks, UpSampling, UNet) and
the blocks engine's messages (playground/blocks.py).

``STRINGS``: key -> ``(English, Korean)`` (see ``playground.i18n``)."""

STRINGS: dict[str, tuple[str, str]] = {
    # -- the landing page's line (apps/landing.py) ---------------------------------------------------------
    "landing.cnn_blocks": ("CNN building blocks", "CNN의 구성 요소"),
    "landing.cnn_blocks.what": ("1 × 1 convolutions and the bottleneck, residual blocks trained live, up-sampling and "
                                "its checkerboard, a tiny U-Net with and without skips.",
                                "1 × 1 합성곱과 병목 블록, 실시간으로 학습하는 잔차 블록, 업샘플링과 체커보드 무늬, 스킵 "
                                "연결이 있고 없는 작은 U-Net."),
    # -- playground/blocks.py ----------------------------------------------------------------------------
    "blocks.field.block": ("block", "block(블록)"),
    "blocks.field.channels": ("channels", "channels(채널 수)"),
    "blocks.field.middle": ("middle", "middle(병목 채널 수)"),
    "blocks.field.size": ("size", "size(크기)"),
    "blocks.field.depth": ("depth", "depth(깊이)"),
    "blocks.field.width": ("width", "width(너비)"),
    "blocks.field.optimizer": ("optimizer", "optimizer(옵티마이저)"),
    "blocks.field.n_images": ("n_images", "n_images(이미지 수)"),
    # -- apps/cnn_blocks.py: (a) 1 × 1 convolution and the bottleneck ---------------------------------------
    "blocks.bottleneck_heading": ("1 × 1 convolutions and the bottleneck block", "1 × 1 합성곱과 병목 블록"),
    "blocks.head_one_by_one": ("A 1 × 1 convolution mixes the channels of each pixel", "1 × 1 합성곱은 픽셀마다 채널을 섞습니다"),
    "blocks.head_bottleneck": ("Plain 3 × 3 convolution or bottleneck: parameters and multiply-adds, counted from torch "
                               "modules", "보통의 3 × 3 합성곱과 병목 블록: torch 모듈에서 센 파라미터와 곱셈-덧셈 수"),
    "blocks.mixing": ("1 × 1 weights", "1 × 1 가중치"),
    "blocks.mixing_placeholder": ("one row per output channel, 3 numbers each", "출력 채널마다 한 줄, 숫자 3개씩"),
    "blocks.mixing_shape": ("the 1 × 1 weights must be 1 to 4 rows (one per output channel) of 3 numbers (one per input "
                            "channel); you typed {rows} row(s) of {cols} number(s)",
                            "1 × 1 가중치는 숫자 3개(입력 채널마다 하나)씩인 줄 1~4개(출력 채널마다 하나)여야 합니다. 입력한 "
                            "것은 {rows}줄, 줄마다 {cols}개입니다"),
    "blocks.channels": ("channels", "채널 수"),
    "blocks.middle": ("bottleneck channels", "병목 채널 수"),
    "blocks.size": ("feature map size", "특성 맵 크기"),
    "blocks.panel_channels": ("Input: 3 channels (the image through 3 filters)", "입력: 채널 3개 (필터 3개를 지난 이미지)"),
    "blocks.panel_mixing": ("1 × 1 weights", "1 × 1 가중치"),
    "blocks.panel_mixed": ("Output channels (click a pixel)", "출력 채널 (픽셀을 클릭하세요)"),
    "blocks.out": ("out", "출력"),
    "blocks.mix_explain": ("Pixel ({r}, {c}): each output channel is a weighted sum of the 3 input channels at this "
                           "pixel only, as a fully connected layer on the pixel's channels:",
                           "픽셀 ({r}, {c}): 출력 채널마다 이 픽셀 하나에서의 입력 채널 3개의 가중합입니다. 픽셀의 채널에 "
                           "대한 완전 연결층과 같습니다:"),
    "blocks.plain": ("plain", "보통"),
    "blocks.bottleneck": ("bottleneck", "병목"),
    "blocks.params": ("parameters", "파라미터"),
    "blocks.mults": ("multiply-adds on {s} × {s}", "{s} × {s}에서 곱셈-덧셈"),
    "blocks.counts_summary": ("The bottleneck needs <b>{p}×</b> fewer parameters and <b>{m}×</b> fewer multiply-adds, "
                              "for the same input and output size and the same 3 × 3 view.",
                              "병목 블록은 같은 입력 크기와 출력 크기, 같은 3 × 3 시야로 파라미터는 <b>{p}배</b>, 곱셈-덧셈은 "
                              "<b>{m}배</b> 적게 씁니다."),
    # -- (c) up-sampling ------------------------------------------------------------------------------------
    "blocks.up_heading": ("Up-sampling: making a feature map larger", "업샘플링: 특성 맵을 키우기"),
    "blocks.up_input": ("input", "입력"),
    "blocks.up_input.digit": ("a pooled digit", "풀링한 숫자"),
    "blocks.up_input.constant": ("a constant map", "일정한 맵"),
    "blocks.up_input.pixel": ("one bright pixel", "밝은 픽셀 하나"),
    "blocks.method": ("method", "방법"),
    "blocks.method.nearest": ("nearest neighbour (copies)", "최근접 이웃 (복사)"),
    "blocks.method.bilinear": ("bilinear interpolation", "쌍선형 보간"),
    "blocks.method.transposed": ("transposed convolution", "전치 합성곱"),
    "blocks.scale": ("scale", "배율"),
    "blocks.kernel": ("kernel size", "커널 크기"),
    "blocks.up_weights": ("filter", "필터"),
    "blocks.up_weights.ones": ("all ones", "모두 1"),
    "blocks.up_weights.tent": ("tent (bilinear)", "텐트 (쌍선형)"),
    "blocks.panel_up_input": ("Input 4 × 4", "입력 4 × 4"),
    "blocks.panel_up_filter": ("Filter", "필터"),
    "blocks.panel_up_output": ("Output", "출력"),
    "blocks.panel_up_output_size": ("Output {n} × {n}", "출력 {n} × {n}"),
    "blocks.panel_overlaps": ("How many filters add up at each pixel", "픽셀마다 겹쳐 더해지는 필터 수"),
    "blocks.method_explain.nearest": ("Each pixel is copied into a {s} × {s} block: {n} × {n}, blocky, nothing to learn.",
                                      "픽셀마다 {s} × {s} 블록으로 복사합니다: {n} × {n}, 계단 모양, 배울 것이 없습니다."),
    "blocks.method_explain.bilinear": ("Each new pixel is a weighted mean of the 4 nearest old ones: {n} × {n}, smooth, "
                                       "nothing to learn.",
                                       "새 픽셀마다 가장 가까운 옛 픽셀 4개의 가중 평균입니다: {n} × {n}, 매끄럽고, 배울 것이 "
                                       "없습니다."),
    "blocks.transposed_formula": ("<b>Transposed convolution</b>: every input pixel adds the filter, scaled by its value, "
                                  "at {s} × its position. Output size = (n − 1)·s − 2p + k = (4 − 1)·{s} − 2·{p} + {k} = "
                                  "<b class='pg-up-size'>{n}</b>. Its filter is learned, like any convolution's.",
                                  "<b>전치 합성곱</b>: 입력 픽셀마다 값만큼 키운 필터를 위치의 {s}배 자리에 더합니다. 출력 "
                                  "크기 = (n − 1)·s − 2p + k = (4 − 1)·{s} − 2·{p} + {k} = <b class='pg-up-size'>{n}</b>. "
                                  "필터는 다른 합성곱처럼 학습합니다."),
    "blocks.overlap_even": ("The kernel ({k}) is a multiple of the stride ({s}): away from the border every output pixel "
                            "gets the same number of filters ({hi}).",
                            "커널({k})이 스트라이드({s})의 배수입니다: 가장자리를 빼면 출력 픽셀마다 같은 수({hi})의 필터가 "
                            "더해집니다."),
    "blocks.overlap_uneven": ("The kernel ({k}) is <b>not</b> a multiple of the stride ({s}): some output pixels get "
                              "{lo} filter(s), others {hi}. On a constant input this is the <b>checkerboard</b> pattern "
                              "transposed convolutions are known for.",
                              "커널({k})이 스트라이드({s})의 배수가 <b>아닙니다</b>: 출력 픽셀에 따라 필터가 {lo}개, "
                              "{hi}개 더해집니다. 일정한 입력에서 이것이 전치 합성곱으로 잘 알려진 <b>체커보드</b> "
                              "무늬입니다."),
    # -- (b) residual blocks --------------------------------------------------------------------------------
    "blocks.residual_heading": ("Residual blocks: the same deep CNN with and without skips",
                                "잔차 블록: 스킵 연결이 있고 없는 같은 깊은 CNN"),
    "blocks.residual_start": ("Press Play: both networks train on the same mini-batches. Watch the gradient bars of the "
                              "first layers.",
                              "실행을 누르세요: 두 신경망이 같은 미니배치로 학습합니다. 앞쪽 층의 기울기 막대를 지켜보세요."),
    "blocks.depth": ("layers", "층 수"),
    "blocks.width": ("channels", "채널 수"),
    "blocks.net.plain": ("plain", "보통"),
    "blocks.net.residual": ("residual", "잔차"),
    "blocks.net.skips": ("with skips", "스킵 연결 있음"),
    "blocks.net.noskips": ("without skips", "스킵 연결 없음"),
    "blocks.layer_in": ("in", "입력"),
    "blocks.layer_out": ("out", "출력"),
    "blocks.panel_grads": ("Gradient size per layer, ‖∂L/∂W‖ (log scale), input to output",
                           "층마다의 기울기 크기 ‖∂L/∂W‖ (로그 눈금), 입력에서 출력으로"),
    "blocks.residual_params": ("Both: a 3 × 3 convolution, then {depth} layers of 3 × 3 convolutions with {width} "
                               "channels (the maps stay 8 × 8), a linear layer: <b>{n}</b> parameters each. Plain: "
                               "h = ReLU(conv(h)); residual: h = h + conv(ReLU(h)).",
                               "둘 다: 3 × 3 합성곱 하나, 채널 {width}개인 3 × 3 합성곱 {depth}층(맵은 8 × 8 그대로), "
                               "선형층 하나: 각각 파라미터 <b>{n}</b>개. 보통: h = ReLU(conv(h)), 잔차: "
                               "h = h + conv(ReLU(h))."),
    "blocks.residual_summary": ("First layer's gradient over the last's: plain <b class='pg-res-plain'>{plain}</b>, "
                                "residual <b class='pg-res-residual'>{residual}</b>.",
                                "첫 층의 기울기 ÷ 마지막 층의 기울기: 보통 <b class='pg-res-plain'>{plain}</b>, 잔차 "
                                "<b class='pg-res-residual'>{residual}</b>."),
    "blocks.no_gradient": ("0 (no gradient at all: its ReLUs are dead)", "0 (기울기가 전혀 없음: ReLU가 죽었습니다)"),
    "blocks.residual_accuracy": ("test accuracy: plain {plain}, residual {residual}",
                                 "테스트 정확도: 보통 {plain}, 잔차 {residual}"),
    # -- (d) the tiny U-Net ---------------------------------------------------------------------------------
    "blocks.unet_heading": ("A tiny U-Net finds the shapes, with and without skip connections",
                            "작은 U-Net이 도형을 찾습니다: 스킵 연결이 있을 때와 없을 때"),
    "blocks.unet_start": ("Press Play: both networks learn to mark every pixel of a shape, on the same mini-batches.",
                          "실행을 누르세요: 두 신경망이 같은 미니배치로 도형의 모든 픽셀을 표시하도록 배웁니다."),
    "blocks.unet_width": ("channels", "채널 수"),
    "blocks.first_image": ("test images from", "테스트 이미지 시작 번호"),
    "blocks.unet_params": ("Encoder 16 → 8 → 4, decoder 4 → 8 → 16 (transposed convolutions); with skips the decoder "
                           "also reads the encoder's maps: <b>{skips}</b> parameters; without: <b>{noskips}</b>. "
                           "{train} training and {test} test images.",
                           "인코더 16 → 8 → 4, 디코더 4 → 8 → 16 (전치 합성곱). 스킵 연결이 있으면 디코더가 인코더의 맵도 "
                           "읽습니다: 파라미터 <b>{skips}</b>개. 없으면 <b>{noskips}</b>개. 훈련 이미지 {train}개, 테스트 "
                           "이미지 {test}개."),
    "blocks.panel_images": ("Test images", "테스트 이미지"),
    "blocks.panel_truth": ("True masks", "정답 마스크"),
    "blocks.panel_pred_skips": ("U-Net with skips: P(shape)", "스킵 연결이 있는 U-Net: P(도형)"),
    "blocks.panel_pred_noskips": ("Without skips: P(shape)", "스킵 연결이 없을 때: P(도형)"),
    "blocks.panel_iou": ("IoU, intersection over union (solid: training, dashed: test)",
                         "IoU, 합집합 분의 교집합 (실선: 훈련, 점선: 테스트)"),
    "blocks.unet_iou": ("test IoU: with skips {skips}, without {noskips}", "테스트 IoU: 스킵 연결 있음 {skips}, 없음 {noskips}"),
}
