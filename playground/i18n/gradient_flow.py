"""Vanishing gradients (apps/gradient_flow.py, views/gradient_figure.py).

``STRINGS``: key -> ``(English, Korean)`` (see ``playground.i18n``)."""

STRINGS: dict[str, tuple[str, str]] = {
    # -- apps/gradient_flow.py -----------------------------------------------------------------------
    "gradient_flow.init.uniform": ("uniform ±0.5", "균등분포 ±0.5"),
    "gradient_flow.init.small": ("too small (std 0.01)", "너무 작게 (표준편차 0.01)"),
    "gradient_flow.init.xavier": ("Xavier / Glorot", "Xavier / Glorot"),
    "gradient_flow.init.he": ("He / Kaiming", "He / Kaiming"),
    "gradient_flow.init.large": ("too large (std 1.5)", "너무 크게 (표준편차 1.5)"),
    "gradient_flow.init_word.uniform": ("uniform ±0.5 init", "균등분포 ±0.5 초기화"),
    "gradient_flow.init_word.small": ("too small init", "너무 작은 초기화"),
    "gradient_flow.init_word.xavier": ("Xavier / Glorot init", "Xavier / Glorot 초기화"),
    "gradient_flow.init_word.he": ("He / Kaiming init", "He / Kaiming 초기화"),
    "gradient_flow.init_word.large": ("too large init", "너무 큰 초기화"),
    "gradient_flow.lr": ("lr {lr:g}", "학습률 {lr:g}"),
    "gradient_flow.case.deep-sigmoid": ("Vanishing: deep sigmoid", "소실: 깊은 시그모이드"),
    "gradient_flow.case.exploding": ("Exploding: too-large init", "폭주: 너무 큰 초기화"),
    "gradient_flow.case.relu-he": ("Fix: ReLU + He init", "해결: ReLU + He 초기화"),
    "gradient_flow.case.sigmoid-batchnorm": ("Fix: batch norm", "해결: 배치 정규화"),
    "gradient_flow.case.sigmoid-residual": ("Fix: residual connections", "해결: 잔차 연결"),
    "gradient_flow.case_text.deep-sigmoid": (
        "Vanishing: each sigmoid layer multiplies the gradient by at most 0.25 times its weights, so the bars fall "
        "about tenfold per layer toward the input. Press Play: the first layers hardly learn.",
        "소실: 시그모이드 층마다 기울기에 많아야 0.25 곱하기 가중치를 곱하므로, 입력 쪽으로 갈수록 막대가 층마다 약 "
        "10분의 1로 줄어듭니다. 실행을 누르세요: 앞쪽 층들은 거의 학습하지 못합니다."),
    "gradient_flow.case_text.exploding": (
        "Exploding: with weights of std 1.5 the error signal |∂L/∂a| grows about threefold per layer toward the input "
        "and every weight gradient is about 10⁴. Press Play: steps that large make training diverge.",
        "폭주: 표준편차 1.5인 가중치에서는 오차 신호 |∂L/∂a|가 입력 쪽으로 층마다 약 세 배씩 커지고, 모든 가중치의 "
        "기울기가 약 10⁴입니다. 실행을 누르세요: 그렇게 큰 걸음은 학습을 발산시킵니다."),
    "gradient_flow.case_text.relu-he": (
        "ReLU's slope is 1 where it is active and He's weights keep the signal's size: all bars stay within one order "
        "of magnitude, and the network learns.",
        "ReLU의 기울기는 활성인 곳에서 1이고 He 초기화 가중치는 신호의 크기를 유지합니다: 모든 막대가 한 자릿수 안에 "
        "머물고, 신경망이 학습합니다."),
    "gradient_flow.case_text.sigmoid-batchnorm": (
        "Batch norm rescales every layer's inputs into sigmoid's steep middle: the gradient no longer fades with depth.",
        "배치 정규화는 층마다 입력을 시그모이드의 가파른 가운데로 다시 맞춥니다: 깊어져도 기울기가 더는 사라지지 "
        "않습니다."),
    "gradient_flow.case_text.sigmoid-residual": (
        "Skip connections add each layer's input to its output, so |∂L/∂a| reaches the first layers undiminished "
        "(layer 1 has no skip: 2 inputs, 8 neurons). Here with Xavier init and learning rate 0.1: untick residual and "
        "the same network vanishes again.",
        "건너뛰기(잔차) 연결은 층마다 입력을 출력에 더하므로 |∂L/∂a|가 줄지 않고 앞쪽 층까지 닿습니다 (1층에는 건너뛰기가 "
        "없습니다: 입력 2개, 뉴런 8개). 여기서는 Xavier 초기화와 학습률 0.1을 씁니다: 잔차 연결을 끄면 같은 신경망에서 "
        "기울기가 다시 소실됩니다."),
    "gradient_flow.pair0": ("sigmoid + small init vs ReLU + He", "시그모이드 + 작은 초기화 대 ReLU + He"),
    "gradient_flow.pair1": ("sigmoid vs + batch norm", "시그모이드 대 + 배치 정규화"),
    "gradient_flow.pair2": ("sigmoid vs + residual", "시그모이드 대 + 잔차 연결"),
    "gradient_flow.pair3": ("ReLU: He vs too-large init", "ReLU: He 대 너무 큰 초기화"),
    "gradient_flow.width": ("neurons each", "층마다 뉴런 수"),
    "gradient_flow.dataset": ("dataset", "데이터셋"),
    "gradient_flow.config_or_preset": ("give either a config or a preset, not both", "config와 preset 중 하나만 주세요"),
    "gradient_flow.mean_act": ("mean |∂L/∂a|", "평균 |∂L/∂a|"),
    "gradient_flow.heat_weight_tip": ("history of the weight gradients", "가중치 기울기의 기록"),
    "gradient_flow.heat_act_tip": ("history of the error signal", "오차 신호의 기록"),
    "gradient_flow.cases": ("Textbook cases:", "교과서 사례:"),
    "gradient_flow.history_shows": ("history shows", "기록에 보일 값"),
    "gradient_flow.heading": ("Gradient flow: how much of the error signal reaches each layer",
                   "기울기 흐름: 오차 신호가 각 층에 얼마나 닿는가"),
    "gradient_flow.unknown_pair": ("unknown pair {pair!r}; choose one of {allowed}", "알 수 없는 비교 {pair!r}. 다음 중에서 고르세요: {allowed}"),
    "gradient_flow.network_side": ("Network {side}", "신경망 {side}"),
    "gradient_flow.compare": ("Compare:", "비교:"),
    "gradient_flow.both": ("<b>Both</b> (same data, same seed)", "<b>둘 다</b> (같은 데이터, 같은 시드)"),
    "gradient_flow.compare_heading": ("Compare two networks: same data, same seed", "두 신경망 비교: 같은 데이터, 같은 시드"),
    "gradient_flow.and": (" and ", "와 "),
    "gradient_flow.rebuilt": ("Rebuilt {sides} with new initial weights.", "{sides}을(를) 새 초기 가중치로 다시 만들었습니다."),
    "gradient_flow.diverged": ("{sides} diverged (the loss became too large or NaN)", "{sides}이(가) 발산했습니다 (손실이 너무 커졌거나 NaN)"),
    "gradient_flow.other_goes_on": ("; the other one goes on training.", ". 다른 하나는 계속 학습합니다."),
    "gradient_flow.try_smaller": (". Try smaller learning rates, then Reset.", ". 더 작은 학습률을 고른 뒤 초기화하세요."),
    "gradient_flow.reset": ("Reset: both networks back to the same initial weights as before.",
                 "초기화: 두 신경망 모두 처음과 같은 초기 가중치로 돌아갔습니다."),
    # -- views/gradient_figure.py --------------------------------------------------------------------
    "gradient_figure.nan": ("not a number", "숫자가 아님"),
    "gradient_figure.out": ("out", "출력"),
    "gradient_figure.not_finite": ("not finite", "유한하지 않음"),
    "gradient_figure.no_output_gradient": ("no gradient at the output", "출력층에 기울기가 없음"),
    "gradient_figure.underflow": ("0 (below float32's smallest number)", "0 (float32의 가장 작은 수보다 작음)"),
    "gradient_figure.ratio": ("first layer ÷ output layer: {ratio}", "첫 층 ÷ 출력층: {ratio}"),
    "gradient_figure.size": ("size", "크기"),
    "gradient_figure.title_bars": ("Gradient size per layer, input → output (log scale)", "층별 기울기 크기, 입력 → 출력 (로그 눈금)"),
    "gradient_figure.title_bars_ratio": ("Gradient size per layer (log scale) · ‖∂L/∂W‖ of the {ratio}",
                              "층별 기울기 크기 (로그 눈금) · ‖∂L/∂W‖의 {ratio}"),
    "gradient_figure.title_output": ("Output over the input plane", "입력 평면 위의 출력"),
    "gradient_figure.title_history": ("History: ‖∂L/∂W‖ per layer", "기록: 층별 ‖∂L/∂W‖"),
    "gradient_figure.title_history_of": ("History: {what} per layer (last {n} frames)", "기록: 층별 {what} (최근 {n}개 프레임)"),
    "gradient_figure.title_acts": ("Activations per layer", "층별 활성화 값"),
    "gradient_figure.title_acts_of": ("Activations per layer ({activation})", "층별 활성화 값 ({activation})"),
    "gradient_figure.title_loss": ("Loss: training (solid), test (dotted)", "손실: 훈련 (실선), 테스트 (점선)"),
    "gradient_figure.w_name": ("‖∂L/∂W‖ (weights)", "‖∂L/∂W‖ (가중치)"),
    "gradient_figure.a_name": ("mean |∂L/∂a| (error signal)", "평균 |∂L/∂a| (오차 신호)"),
    "gradient_figure.hover_heat": ("%{y}, epoch %{x:.1f}: 10^%{z:.1f}<extra></extra>", "%{y}, 에폭 %{x:.1f}: 10^%{z:.1f}<extra></extra>"),
    "gradient_figure.band_90": ("5–95 % of values", "값의 5–95 %"),
    "gradient_figure.median": ("median", "중앙값"),
    "gradient_figure.hover_median": ("%{x}: median %{y:.3f}<extra></extra>", "%{x}: 중앙값 %{y:.3f}<extra></extra>"),
    "gradient_figure.saturated": ("saturated % (right axis)", "포화 % (오른쪽 축)"),
    "gradient_figure.dead": ("dead ReLU % (right axis)", "죽은 ReLU % (오른쪽 축)"),
    "gradient_figure.hover_epoch_3f": ("epoch %{x}: %{y:.3f}", "에폭 %{x}: %{y:.3f}"),
    "gradient_figure.hover_epoch_3g": ("epoch %{x:.1f}: %{y:.3g}", "에폭 %{x:.1f}: %{y:.3g}"),
    "gradient_figure.gradient_size": ("gradient size", "기울기 크기"),
    "gradient_figure.layer_axis": ("layer (input → output)", "층 (입력 → 출력)"),
    "gradient_figure.activation_value": ("activation value", "활성화 값"),
    "gradient_figure.saturated_dead": ("saturated / dead (%)", "포화 / 죽은 뉴런 (%)"),
    "gradient_figure.title_profile": ("Gradient size per layer (log scale)", "층별 기울기 크기 (로그 눈금)"),
    "gradient_figure.profile_ratios": (" · ‖∂L/∂W‖ of the first ÷ output layer: {ratios}", " · 첫 층 ÷ 출력층의 ‖∂L/∂W‖: {ratios}"),
    "gradient_figure.title_training_loss": ("Training loss", "훈련 손실"),
    "gradient_figure.side_output": ("{side}: output", "{side}: 출력"),
    "gradient_figure.title_first": ("Gradient reaching the first layer ‖∂L/∂W₁‖", "첫 층에 닿는 기울기 ‖∂L/∂W₁‖"),
    "gradient_figure.exactly_zero": (" ({sides}: exactly 0)", " ({sides}: 정확히 0)"),
}
