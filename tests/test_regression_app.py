"""Study hours → exam score: the data, the metrics in points against a direct forward pass and
scikit-learn, and the app's controls (capacity, students, luck) and live training."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import mean_absolute_error, mean_squared_error

from playground import regression


def test_the_data_is_hours_and_scores_rescaled_both_ways():
    hours, scores = regression.make_study_hours(500, noise=0.0, seed=1)
    np.testing.assert_allclose(scores, regression.true_score(hours))
    assert np.all(np.diff(regression.true_score(np.linspace(0, 10, 50))) > 0)
    np.testing.assert_allclose(regression.to_hours(regression.to_input(hours)), hours)
    _, noisy = regression.make_study_hours(500, noise=0.2, seed=1)
    assert np.std(noisy - scores) == pytest.approx(8, rel=0.15)  # noise × 40 points


def test_metrics_in_points_equal_scikit_learn_on_a_direct_prediction():
    from playground.apps.regression import StudyHours
    app = StudyHours()
    app.session.train_epochs(30)
    s = app.session
    pred = regression.to_score(s.predict(s.X[s.test_idx]))
    true = regression.to_score(s.y[s.test_idx])
    m = regression.score_metrics(s, s.test_idx)
    assert m["mse"] == pytest.approx(mean_squared_error(true, pred), rel=1e-6)
    assert m["mae"] == pytest.approx(mean_absolute_error(true, pred), rel=1e-6)
    assert m["rmse"] == pytest.approx(np.sqrt(mean_squared_error(true, pred)), rel=1e-6)
    app.render()
    assert f"<td>{m['mse']:.1f}</td><td>{m['mae']:.1f}</td><td>{m['rmse']:.1f}</td>" in app.metrics.value


def test_capacity_students_and_luck_and_the_curve():
    from playground.apps.regression import StudyHours
    app = StudyHours()
    fig, w = app.figure, app.controls.w
    assert len(fig.fig.data[fig.TRAIN].x) + len(fig.fig.data[fig.TEST].x) == 40
    w["hidden"].value = ()
    assert app.session.config.hidden == ()
    app.session.train_epochs(300)
    app.render()
    curve = np.array(fig.fig.data[fig.CURVE].y)
    np.testing.assert_allclose(np.diff(curve), np.diff(curve)[0], atol=0.05)  # a straight line
    w["n_points"].value = 100
    assert len(fig.fig.data[fig.TRAIN].x) == 50 and app.session.epoch == 0
    w["noise"].value = 0
    hours, scores = np.array(fig.fig.data[fig.TRAIN].x), np.array(fig.fig.data[fig.TRAIN].y)
    np.testing.assert_allclose(scores, np.round(regression.true_score(hours), 2), atol=0.02)


def test_a_large_network_on_few_noisy_students_overfits():
    from playground.apps.regression import StudyHours
    app = StudyHours(hidden=(64, 64, 64), n_points=20, noise=0.3)
    app.session.train_epochs(600)
    train = regression.score_metrics(app.session, app.session.train_idx)
    test = regression.score_metrics(app.session, app.session.test_idx)
    assert train["rmse"] < 0.6 * test["rmse"]
