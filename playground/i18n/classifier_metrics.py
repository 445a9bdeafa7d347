"""Evaluating a classifier (apps/classifier_metrics.py).

``STRINGS``: key -> ``(English, Korean)`` (see ``playground.i18n``)."""

STRINGS: dict[str, tuple[str, str]] = {
    # -- apps/classifier_metrics.py: evaluating a classifier --------------------------------------------------
    "classifier_metrics.data.blobs": ("Three blobs", "덩어리 세 개"),
    "classifier_metrics.data.spiral3": ("Three-arm spiral", "세 갈래 나선"),
    "classifier_metrics.data.iris": ("Iris flowers (2 of 4 measurements)", "붓꽃 (측정값 4개 중 2개)"),
    "classifier_metrics.data.moons": ("Moons (binary: threshold)", "초승달 (이진 분류: 임계값)"),
    "classifier_metrics.data": ("data", "데이터"),
    "classifier_metrics.across": ("iris: across", "붓꽃: 가로축"),
    "classifier_metrics.up": ("iris: up", "붓꽃: 세로축"),
    "classifier_metrics.judge_on": ("judge on", "평가할 데이터"),
    "classifier_metrics.threshold": ("threshold", "임계값"),
    "classifier_metrics.threshold_tip": ("predict blue when P(blue) ≥ threshold", "P(파랑) ≥ 임계값이면 파랑으로 예측합니다"),
    "classifier_metrics.two_different": ("choose two different iris measurements", "서로 다른 붓꽃 측정값 두 개를 고르세요"),
    "classifier_metrics.standardised": ("{name} (standardised ×{scale:g})", "{name} (표준화 ×{scale:g})"),
    "classifier_metrics.loaded": ("{data}: {train} training and {test} test points. Press Play and watch the confusion matrix fill its "
                  "diagonal.",
                  "{data}: 훈련 데이터 {train}개, 테스트 데이터 {test}개. 실행을 누르고 혼동 행렬의 대각선이 채워지는 것을 "
                  "보세요."),
    "classifier_metrics.split_train": ("training", "훈련"),
    "classifier_metrics.split_test": ("test", "테스트"),
    "classifier_metrics.accuracy_on": ("accuracy on the {split} points:", "{split} 데이터에서의 정확도:"),
    "classifier_metrics.class": ("class", "클래스"),
    "classifier_metrics.precision": ("precision", "정밀도"),
    "classifier_metrics.recall": ("recall", "재현율"),
    "classifier_metrics.explain": ("precision: of the points called this class, the share that are; recall: of the points of this "
                   "class, the share found.",
                   "정밀도: 이 클래스라고 예측한 점 가운데 실제로 그 클래스인 비율. 재현율: 이 클래스인 점 가운데 찾아낸 "
                   "비율."),
    "iris.feature0": ("sepal length (cm)", "꽃받침 길이 (cm)"),
    "iris.feature1": ("sepal width (cm)", "꽃받침 너비 (cm)"),
    "iris.feature2": ("petal length (cm)", "꽃잎 길이 (cm)"),
    "iris.feature3": ("petal width (cm)", "꽃잎 너비 (cm)"),
    "metrics_figure.title_surface": ("Prediction over the input plane", "입력 평면 위의 예측"),
    "metrics_figure.confusion": ("Confusion matrix ({split} points)", "혼동 행렬 ({split} 데이터)"),
    "metrics_figure.per_class": ("Precision and recall per class ({split} points)", "클래스별 정밀도와 재현율 ({split} 데이터)"),
    "metrics_figure.title_per_class": ("Precision and recall per class", "클래스별 정밀도와 재현율"),
    "metrics_figure.title_curve": ("Binary: precision and recall vs threshold", "이진 분류: 임계값에 따른 정밀도와 재현율"),
    "metrics_figure.binary_only": ("Precision and recall vs threshold: binary problems only",
                         "임계값에 따른 정밀도와 재현율: 이진 분류에서만"),
    "metrics_figure.blue_curve": ("Blue class: precision and recall vs threshold", "파랑 클래스: 임계값에 따른 정밀도와 재현율"),
    "metrics_figure.hover_confusion": ("true %{y}, predicted %{x}: %{z} points<extra></extra>",
                             "정답 %{y}, 예측 %{x}: 점 %{z}개<extra></extra>"),
    "metrics_figure.precision_blue": ("precision (blue class)", "정밀도 (파랑 클래스)"),
    "metrics_figure.recall_blue": ("recall (blue class)", "재현율 (파랑 클래스)"),
    "metrics_figure.predicted": ("predicted class", "예측 클래스"),
    "metrics_figure.true": ("true class", "정답 클래스"),
    "metrics_figure.threshold_axis": ("threshold on P(blue)", "P(파랑)의 임계값"),
}
