"""The opening page: kinds of learning (apps/kinds.py, views/kinds_figure.py).

``STRINGS``: key -> ``(English, Korean)`` (see ``playground.i18n``)."""

STRINGS: dict[str, tuple[str, str]] = {
    "kinds.dataset": ("points", "데이터"),
    "kinds.k": ("groups k", "그룹 수 k"),
    "kinds.sample": ("sample #", "샘플 번호"),
    "kinds.title_labels": ("Supervised: every point has its label (colour)",
                           "지도 학습: 모든 점에 레이블(색)이 있습니다"),
    "kinds.title_groups": ("Unsupervised: no labels; k-means groups the points",
                           "비지도 학습: 레이블 없이 k-평균이 점을 묶습니다"),
    "kinds.hover_label": ("x₁ = %{{x:.2f}}, x₂ = %{{y:.2f}}<br>label %{{customdata}}<extra></extra>",
                          "x₁ = %{{x:.2f}}, x₂ = %{{y:.2f}}<br>레이블 %{{customdata}}<extra></extra>"),
    "kinds.hover_group": ("x₁ = %{{x:.2f}}, x₂ = %{{y:.2f}}<br>group %{{customdata}}<extra></extra>",
                          "x₁ = %{{x:.2f}}, x₂ = %{{y:.2f}}<br>그룹 %{{customdata}}<extra></extra>"),
    "kinds.centers": ("group centres", "그룹 중심"),
    "kinds.sample_text": ("<b>Sample</b> {i} of {n}: <b>features</b> x₁ = {x1:+.2f}, x₂ = {x2:+.2f} (what the model "
                          "sees); <b>label</b> y = {label} (the answer it learns from, in supervised learning only).",
                          "<b>샘플</b> {n}개 중 {i}번: <b>특징</b> x₁ = {x1:+.2f}, x₂ = {x2:+.2f} (모델이 보는 것); "
                          "<b>레이블</b> y = {label} (지도 학습에서만 주어지는, 모델이 배우는 정답)."),
    "kinds.match": ("k-means, never shown a label, put {match:.0%} of the points in a group that matches their "
                    "class ({k} groups, {classes} classes).",
                    "레이블을 한 번도 보지 않은 k-평균이 점의 {match:.0%}를 클래스와 맞는 그룹에 넣었습니다 "
                    "(그룹 {k}개, 클래스 {classes}개)."),
}
