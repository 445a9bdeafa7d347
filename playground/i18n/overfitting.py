"""Overfitting and regularisation (apps/overfitting.py).

``STRINGS``: key -> ``(English, Korean)`` (see ``playground.i18n``)."""

STRINGS: dict[str, tuple[str, str]] = {
    # -- apps/overfitting.py: overfitting and regularisation --------------------------------------------
    "overfitting.model.big": ("big: 16-16-16", "큼: 16-16-16"),
    "overfitting.model.medium": ("medium: 8-8", "중간: 8-8"),
    "overfitting.model.small": ("small: 4", "작음: 4"),
    "overfitting.model.tiny": ("tiny: 2", "아주 작음: 2"),
    "overfitting.no_hidden": ("no hidden layer", "은닉층 없음"),
    "overfitting.model_size": ("model size", "모델 크기"),
    "overfitting.strength": ("strength", "강도"),
    "overfitting.early": ("early stopping", "조기 종료"),
    "overfitting.patience": ("patience", "기다릴 에폭"),
    "overfitting.patience_tip": ("epochs without a better validation loss", "검증 손실이 나아지지 않고 지나도 되는 에폭 수"),
    "overfitting.pin": ("Pin histogram", "히스토그램 고정"),
    "overfitting.pin_tip": ("keep this histogram as a grey outline to compare the next run",
                   "이 히스토그램을 회색 윤곽선으로 남겨 다음 실행과 비교합니다"),
    "overfitting.data": ("Data", "데이터"),
    "overfitting.model": ("Model", "모델"),
    "overfitting.regularisation": ("Regularisation", "규제"),
    "overfitting.what.none": ("No regularisation", "규제 없음"),
    "overfitting.what.l1": ("L1 penalty: every step also pulls each weight toward 0 by a fixed amount, so small weights become "
                   "exactly 0", "L1 벌점: 단계마다 모든 가중치를 일정한 양만큼 0 쪽으로 당기므로, 작은 가중치는 정확히 0이 "
                   "됩니다"),
    "overfitting.what.l2": ("L2 penalty: the loss gets + ½·rate·Σw², so every weight shrinks in proportion to its size",
                   "L2 벌점: 손실에 + ½·강도·Σw²가 더해지므로, 모든 가중치가 제 크기에 비례해 줄어듭니다"),
    "overfitting.what.decay": ("L2 as weight decay: the optimizer's weight_decay shrinks every weight (and bias) each step, as "
                      "{code}(..., weight_decay=rate)",
                      "가중치 감쇠로서의 L2: 옵티마이저의 weight_decay가 단계마다 모든 가중치(와 편향)를 줄입니다. "
                      "{code}(..., weight_decay=강도)처럼"),
    "overfitting.live": ("{what}; {optimizer}, learning rate {lr:g}; training goes on from the same weights.",
                         "{what}. {optimizer}, 학습률 {lr:g}. 학습은 같은 가중치에서 계속됩니다."),
    "overfitting.l1_adam": ("With Adam, L1 barely regularises: Adam moves every weight by about the learning rate each step, "
                            "whatever its gradient, and L1 pulls it back by only learning rate × strength.",
                            "Adam에서는 L1 규제가 거의 효과가 없습니다. Adam은 기울기가 크든 작든 단계마다 모든 가중치를 "
                            "학습률 정도씩 움직이는데, L1은 학습률 × 강도만큼만 0 쪽으로 당기기 때문입니다."),
    "overfitting.early_on": ("Early stopping: training stops when the validation loss has not improved for {n} epochs, and goes "
                    "back to the best weights.",
                    "조기 종료: 검증 손실이 {n} 에폭 동안 나아지지 않으면 학습을 멈추고 가장 좋았던 가중치로 돌아갑니다."),
    "overfitting.no_reg": ("no regularisation", "규제 없음"),
    "overfitting.pin_label": ("{reg}, dropout {dropout:g}, epoch {epoch}", "{reg}, 드롭아웃 {dropout:g}, 에폭 {epoch}"),
    "overfitting.pinned": ("Pinned ({label}). Change a setting, press Reset and Play to compare.",
                  "고정했습니다 ({label}). 설정을 바꾸고 초기화와 실행을 눌러 비교하세요."),
    "overfitting.stopped": ("Early stopping: no better validation loss for {n} epochs; back to the weights of epoch {epoch:,} "
                   "(validation loss {loss:.3f}).",
                   "조기 종료: {n} 에폭 동안 검증 손실이 나아지지 않았습니다. {epoch:,} 에폭의 가중치로 돌아갑니다 "
                   "(검증 손실 {loss:.3f})."),
    "overfitting.weights_title": ("All {count} weights: <b>{zero}</b> exactly 0, <b>{near}</b> with |w| < {eps:g}, mean |w| {mean:.3f}",
                         "가중치 {count}개 전체: 정확히 0인 것 <b>{zero}</b>개, |w| < {eps:g}인 것 <b>{near}</b>개, "
                         "평균 |w| {mean:.3f}"),
    "overfitting.stats": ("weights exactly 0: {zero} of {count} · near 0: {near}", "정확히 0인 가중치: {count}개 중 {zero}개 · 0 근처: {near}개"),
    "overfitting.epoch_text": ("training loss {train:.3f} · validation loss <b>{val:.3f}</b> · validation accuracy {acc:.1%}",
                      "훈련 손실 {train:.3f} · 검증 손실 <b>{val:.3f}</b> · 검증 정확도 {acc:.1%}"),
    "overfit_figure.title_surface": ("Decision surface: P(blue)", "결정 경계: P(파랑)"),
    "overfit_figure.title_loss": ("Loss: training vs validation", "손실: 훈련 대 검증"),
    "overfit_figure.title_weights": ("All weights", "모든 가중치"),
    "overfit_figure.hover_training": ("training (%{x:.2f}, %{y:.2f})<extra></extra>", "훈련 (%{x:.2f}, %{y:.2f})<extra></extra>"),
    "overfit_figure.hover_validation": ("validation (%{x:.2f}, %{y:.2f})<extra></extra>", "검증 (%{x:.2f}, %{y:.2f})<extra></extra>"),
    "overfit_figure.training_loss": ("training loss", "훈련 손실"),
    "overfit_figure.validation_loss": ("validation loss", "검증 손실"),
    "overfit_figure.best": ("best validation", "가장 좋은 검증"),
    "overfit_figure.hover_best": ("best validation loss %{y:.3f} at epoch %{x}<extra></extra>",
                        "가장 좋은 검증 손실 %{y:.3f} (에폭 %{x})<extra></extra>"),
    "overfit_figure.weights_now": ("weights now", "지금 가중치"),
    "overfit_figure.hover_weights": ("w ≈ %{x:.2f}: %{y} weights<extra></extra>", "w ≈ %{x:.2f}: 가중치 %{y}개<extra></extra>"),
    "overfit_figure.pinned": ("pinned", "고정됨"),
    "overfit_figure.hover_pinned": ("pinned w ≈ %{x:.2f}: %{y} weights<extra></extra>", "고정됨 w ≈ %{x:.2f}: 가중치 %{y}개<extra></extra>"),
    "overfit_figure.weight_value": ("weight value (weights beyond ±2 are counted at the ends)", "가중치 값 (±2 밖의 가중치는 양 끝에 셉니다)"),
    "overfit_figure.how_many": ("how many", "개수"),
    "overfit_figure.stop_here": ("stop here", "여기서 멈춤"),
    "overfit_figure.pinned_label": ("pinned: {label}", "고정됨: {label}"),
}
