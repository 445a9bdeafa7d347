"""validation.py: k-fold cross-validation over one hyperparameter, training on chosen points, and
what regularisation did to the weights."""

import numpy as np
import pytest

from playground.config import Config
from playground.session import FixedData, Session
from playground.validation import CrossValidator, cross_validate, weight_stats

SMALL = Config(dataset="moons", n_points=80, noise=0.3, hidden=(6,), activation="tanh", optimizer="adam", lr=0.03,
               batch_size=20, reg="l2")


def test_every_non_test_point_is_validated_exactly_once_and_test_points_never():
    cv = CrossValidator(SMALL, values=(0.0, 0.1), k=4, epochs=2)
    r = cv.result
    val = np.concatenate([v for _, v in r.folds])
    assert np.array_equal(np.sort(val), np.setdiff1d(np.arange(80), r.test_idx))
    assert len(np.unique(val)) == len(val)
    for train, v in r.folds:
        assert not set(train) & set(v) and not set(train) & set(r.test_idx) and not set(v) & set(r.test_idx)
        assert len(train) + len(v) + len(r.test_idx) == 80
    assert len(r.test_idx) == 20


def test_each_fold_trains_on_its_own_points_and_is_scored_on_its_validation_fold():
    cv = CrossValidator(SMALL, values=(0.01,), k=3, epochs=5)
    r = cv.run()
    for f, (train, val) in enumerate(r.folds):
        s = Session(SMALL.replace(reg_rate=0.01), data=FixedData(cv.X, cv.y, train, val))
        s.train_epochs(5)
        assert r.scores[0, f] == pytest.approx(s.evaluate(s.Xte, s.yte)[1])  # the oracle: the same training by hand


def test_cross_validate_scores_mean_std_best_and_test_score():
    r = cross_validate(SMALL, values=(0.0, 0.01, 3.0), k=3, epochs=30)
    assert r.scores.shape == (3, 3) and r.done == 9
    np.testing.assert_allclose(r.mean, r.scores.mean(axis=1))
    np.testing.assert_allclose(r.std, r.scores.std(axis=1))
    assert np.all((0 <= r.scores) & (r.scores <= 1))
    assert r.mean[2] < max(r.mean[0], r.mean[1])  # an L2 rate of 3 flattens the model: worse
    assert r.best_value in (0.0, 0.01)
    assert 0 <= r.test_score <= 1


def test_loss_metric_prefers_the_lowest_mean():
    r = cross_validate(SMALL, values=(0.0, 3.0), k=2, epochs=10, metric="loss")
    assert r.best_index == int(np.argmin(r.mean))


def test_progress_is_reported_up_to_the_total():
    calls = []
    cv = CrossValidator(SMALL, values=(0.0, 0.1), k=2, epochs=20, chunk_epochs=10)
    cv.run(lambda done, total: calls.append((done, total)))
    total = (2 * 2 + 1) * 2
    assert cv.total == total and calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_same_seed_same_scores():
    a = cross_validate(SMALL, values=(0.0,), k=2, epochs=5)
    b = cross_validate(SMALL, values=(0.0,), k=2, epochs=5)
    np.testing.assert_array_equal(a.scores, b.scores)


@pytest.mark.parametrize("kwargs, match", [
    (dict(values=()), "values is empty"),
    (dict(metric="f1"), "metric='f1' is not allowed"),
    (dict(epochs=0), "epochs=0 is not allowed"),
    (dict(k=1), "k=1 is not allowed"),
    (dict(values=(-1.0,)), "reg_rate=-1.0 is not allowed"),
    (dict(param="colour", values=(1,)), "unknown setting"),
])
def test_bad_arguments_are_value_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        CrossValidator(SMALL, **{"values": (0.0,), **kwargs})


def test_reg_rate_needs_a_regulariser():
    with pytest.raises(ValueError, match="needs a regularisation"):
        CrossValidator(SMALL.replace(reg="none"), values=(0.1,))


def test_a_fixed_data_source_keeps_its_points_through_reset_and_rebuild():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    y = np.array([0, 1, 0, 1])
    s = Session(SMALL, data=FixedData(X, y, [0, 1, 2], [3]))
    s.train_epochs(2)
    s.reset()
    assert s.apply(SMALL.replace(hidden=(3,))) == "rebuilt"
    assert s.apply(SMALL.replace(hidden=(3,), n_points=500)) == "new data"
    np.testing.assert_array_equal(s.X, X)
    assert list(s.train_idx) == [0, 1, 2] and list(s.test_idx) == [3]


def test_weight_stats_counts_zeros_and_near_zeros():
    s = Session(SMALL)
    with __import__("torch").no_grad():
        s.model.linears[0].weight[0, 0] = 0.0
        s.model.linears[0].weight[1, 0] = 0.005
    st = weight_stats(s, near=0.01)
    assert st["count"] == 2 * 6 + 6
    assert st["zero"] >= 1 and st["near_zero"] >= 2
    assert st["near_zero"] == int(np.sum(np.abs(st["values"]) < 0.01))
