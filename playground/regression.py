"""Regression as an activity: study hours → exam score (course note 002's example). One input, one
number to predict; the network sees hours and scores rescaled to about [-6, 6] and [-1, 1], the
learner reads them in hours and points.

>>> hours, scores = make_study_hours(5, noise=0.0, seed=0)
>>> bool(((0 <= hours) & (hours <= 10)).all() and ((0 <= scores) & (scores <= 100)).all())
True
"""

from __future__ import annotations

import numpy as np

from playground import data as datasets
from playground.neuron import regression_losses

MAX_HOURS = 10.0


def true_score(hours):
    """The score a student would get without luck: rises with study hours, then levels off."""
    return 8 + 88 / (1 + np.exp(-0.9 * (np.asarray(hours, float) - 4.0)))


def make_study_hours(n_points, *, noise=0.1, seed=None):
    """``(hours, scores)``: ``n_points`` students, hours uniform in [0, 10], scores ``true_score``
    plus noise with a standard deviation of ``noise × 40`` points, kept in [0, 100]."""
    rng = np.random.default_rng(seed)
    hours = rng.uniform(0, MAX_HOURS, n_points)
    scores = np.clip(true_score(hours) + rng.normal(0, 40 * noise, n_points), 0, 100)
    return hours, scores


def to_input(hours):
    """Hours as the network's x₁ (0 → -6, 10 → 6); x₂ is 0 and unused."""
    h = np.asarray(hours, float)
    return np.column_stack([(h - 5.0) * 1.2, np.zeros_like(h)])


def to_hours(X):
    """The hours of the network's inputs (the inverse of ``to_input``)."""
    return np.asarray(X, float)[:, 0] / 1.2 + 5.0


def to_score(y):
    return 50.0 + 50.0 * np.asarray(y, float)


def study_hours_data(config):
    """A session's data source (``Session(config, data=study_hours_data)``): the config's number of
    points, noise, seed and train fraction."""
    rng = np.random.default_rng(config.seed)
    hours, scores = make_study_hours(config.n_points, noise=config.noise, seed=rng)
    train_idx, test_idx = datasets.split(np.zeros(len(hours), int), config.train_fraction, seed=rng,
                                         stratify=False)
    return to_input(hours), (scores - 50.0) / 50.0, train_idx, test_idx


def fitted_curve(session, n=101):
    """``(hours, predicted scores)`` on a grid over [0, 10]."""
    hours = np.linspace(0, MAX_HOURS, n)
    return hours, to_score(session.predict(to_input(hours)))


def score_metrics(session, idx):
    """MSE, MAE and RMSE in points (score units) on the points ``idx`` of the session's data."""
    X, y = session.X[idx], session.y[idx]
    return regression_losses(to_score(y), to_score(session.predict(X)))
