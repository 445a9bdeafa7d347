"""Evaluating a classifier (apps/classifier_metrics.py).

``STRINGS``: key -> ``(English, Korean)`` (see ``playground.i18n``)."""

STRINGS: dict[str, tuple[str, str]] = {
    # -- apps/classifier_metrics.py: evaluating a classifier --------------------------------------------------
    "cm.data.blobs": ("Three blobs", "덩어리 세 개"),
    "cm.data.spiral3": ("Three-arm spiral", "세 갈래 나선"),
    "cm.data.iris": ("Iris flowers (2 of 4 measurements)", "붓꽃 (측정값 4개 중 2개)"),
    "cm.data.moons": ("Moons (binary: threshold)", "초승달 (이진 분류: 임계값)"),
    "cm.data": ("data", "데이터"),
    "cm.across": ("iris: across", "붓꽃: 가로축"),
    "cm.up": ("iris: up", "붓꽃: 세로축"),
    "cm.judge_on": ("judge on", "평가할 데이터"),
    "cm.threshold": ("threshold", "임계값"),
    "cm.threshold_tip": ("predict blue when P(blue) ≥ threshold", "P(파랑) ≥ 임계값이면 파랑으로 예측합니다"),
    "cm.two_different": ("choose two different iris measurements", "서로 다른 붓꽃 측정값 두 개를 고르세요"),
    "cm.standardised": ("{name} (standardised ×{scale:g})", "{name} (표준화 ×{scale:g})"),
    "cm.loaded": ("{data}: {train} training and {test} test points. Press Play and watch the confusion matrix fill its "
                  "diagonal.",
                  "{data}: 훈련 데이터 {train}개, 테스트 데이터 {test}개. 실행을 누르고 혼동 행렬의 대각선이 채워지는 것을 "
                  "보세요."),
    "cm.split_train": ("training", "훈련"),
    "cm.split_test": ("test", "테스트"),
    "cm.accuracy_on": ("accuracy on the {split} points:", "{split} 데이터에서의 정확도:"),
    "cm.class": ("class", "클래스"),
    "cm.precision": ("precision", "정밀도"),
    "cm.recall": ("recall", "재현율"),
    "cm.explain": ("precision: of the points called this class, the share that are; recall: of the points of this "
                   "class, the share found.",
                   "정밀도: 이 클래스라고 예측한 점 가운데 실제로 그 클래스인 비율. 재현율: 이 클래스인 점 가운데 찾아낸 "
                   "비율."),
    "iris.feature0": ("sepal length (cm)", "꽃받침 길이 (cm)"),
    "iris.feature1": ("sepal width (cm)", "꽃받침 너비 (cm)"),
    "iris.feature2": ("petal length (cm)", "꽃잎 길이 (cm)"),
    "iris.feature3": ("petal width (cm)", "꽃잎 너비 (cm)"),
    "mfig.title_surface": ("Prediction over the input plane", "입력 평면 위의 예측"),
    "mfig.confusion": ("Confusion matrix ({split} points)", "혼동 행렬 ({split} 데이터)"),
    "mfig.per_class": ("Precision and recall per class ({split} points)", "클래스별 정밀도와 재현율 ({split} 데이터)"),
    "mfig.title_per_class": ("Precision and recall per class", "클래스별 정밀도와 재현율"),
    "mfig.title_curve": ("Binary: precision and recall vs threshold", "이진 분류: 임계값에 따른 정밀도와 재현율"),
    "mfig.binary_only": ("Precision and recall vs threshold: binary problems only",
                         "임계값에 따른 정밀도와 재현율: 이진 분류에서만"),
    "mfig.blue_curve": ("Blue class: precision and recall vs threshold", "파랑 클래스: 임계값에 따른 정밀도와 재현율"),
    "mfig.hover_confusion": ("true %{y}, predicted %{x}: %{z} points<extra></extra>",
                             "정답 %{y}, 예측 %{x}: 점 %{z}개<extra></extra>"),
    "mfig.precision_blue": ("precision (blue class)", "정밀도 (파랑 클래스)"),
    "mfig.recall_blue": ("recall (blue class)", "재현율 (파랑 클래스)"),
    "mfig.predicted": ("predicted class", "예측 클래스"),
    "mfig.true": ("true class", "정답 클래스"),
    "mfig.threshold_axis": ("threshold on P(blue)", "P(파랑)의 임계값"),
}
