"""Restricted Boltzmann machines and a deep belief network (apps/rbm.py).

``STRINGS``: key -> ``(English, Korean)`` (see ``playground.i18n``)."""

STRINGS: dict[str, tuple[str, str]] = {
    "rbm.hidden": ("hidden units", "은닉 유닛 수"),
    "rbm.digit": ("test digit #", "테스트 숫자 번호"),
    "rbm.k": ("Gibbs steps k", "깁스 단계 k"),
    "rbm.title_filters": ("Filters: each hidden unit's weights as an 8×8 image",
                          "필터: 은닉 유닛마다 가중치를 8×8 이미지로"),
    "rbm.title_recon": ("A digit, after 1 Gibbs step, after k steps", "숫자 하나, 깁스 1단계 뒤, k단계 뒤"),
    "rbm.title_pl": ("Negative pseudo-log-likelihood (lower is better)", "음의 유사 로그 가능도 (낮을수록 좋음)"),
    "rbm.filters_note": ("blue: the unit likes the pixel on; orange: off", "파랑: 픽셀이 켜지길 선호, 주황: 꺼지길 선호"),
    "rbm.recon_note": ("v → P(h|v) → P(v|h), repeated {k} times (blue: pixel on)",
                       "v → P(h|v) → P(v|h)를 {k}번 반복 (파랑: 켜진 픽셀)"),
    "rbm.train": ("train", "학습"),
    "rbm.test": ("held out", "검증"),
    "rbm.steps_axis": ("training (each point: 150 images) →", "학습 (점 하나: 이미지 150장) →"),
    "rbm.epoch": ("<span class='pg-epoch-value'>mini-batches <b>{steps}</b></span> · pseudo-likelihood: "
                  "train {train:.2f} · held out {test:.2f}",
                  "<span class='pg-epoch-value'>미니배치 <b>{steps}</b></span> · 유사 가능도: 학습 {train:.2f} · "
                  "검증 {test:.2f}"),
    "rbm.dbn": ("Deep belief network vs raw pixels", "심층 신뢰 신경망 대 원시 픽셀"),
    "rbm.stage_rbm1": ("Training the first RBM (64 → 100) …", "첫 번째 RBM 학습 중 (64 → 100) …"),
    "rbm.stage_rbm2": ("Training the second RBM on its features (100 → 50) …",
                       "그 특징으로 두 번째 RBM 학습 중 (100 → 50) …"),
    "rbm.stage_top": ("Training the classifier on top …", "맨 위의 분류기 학습 중 …"),
    "rbm.stage_pixels": ("Training the same classifier on the raw pixels …", "같은 분류기를 원시 픽셀로 학습 중 …"),
    "rbm.dbn_result": ("Test accuracy: deep belief network (two RBMs + logistic regression) <b>{dbn:.1%}</b> · "
                       "logistic regression on the pixels <b>{pixels:.1%}</b>.",
                       "테스트 정확도: 심층 신뢰 신경망 (RBM 두 개 + 로지스틱 회귀) <b>{dbn:.1%}</b> · "
                       "픽셀에 바로 로지스틱 회귀 <b>{pixels:.1%}</b>."),
}
