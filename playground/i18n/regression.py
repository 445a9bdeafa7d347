"""Regression as an activity: study hours → exam score (apps/regression.py, views/regression_figure.py).

``STRINGS``: key -> ``(English, Korean)`` (see ``playground.i18n``)."""

STRINGS: dict[str, tuple[str, str]] = {
    "regression.capacity": ("capacity", "모델 용량"),
    "regression.line": ("straight line", "직선"),
    "regression.students": ("students", "학생 수"),
    "regression.luck": ("luck (noise) %", "운 (잡음) %"),
    "regression.title_fit": ("Exam score against study hours", "공부 시간에 따른 시험 점수"),
    "regression.title_loss": ("Loss over the epochs", "에폭에 따른 손실"),
    "regression.train": ("training", "학습"),
    "regression.test": ("test", "테스트"),
    "regression.truth": ("without luck", "운이 없을 때"),
    "regression.model": ("the network's curve", "신경망의 곡선"),
    "regression.loss_train": ("training loss", "학습 손실"),
    "regression.loss_test": ("test loss", "테스트 손실"),
    "regression.hours": ("study hours", "공부 시간"),
    "regression.score": ("exam score", "시험 점수"),
    "regression.epoch": ("epoch", "에폭"),
    "regression.units": ("In points of the exam: MSE in points², MAE and RMSE in points (RMSE = √MSE).",
                         "시험 점수 단위: MSE는 점수², MAE와 RMSE는 점수 (RMSE = √MSE)."),
}
