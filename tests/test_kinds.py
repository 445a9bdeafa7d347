"""The opening page: k-means (playground/unsupervised.py) against its definition (each point in the group
of its nearest centre, each centre the mean of its group) and the best one-to-one matching; the app draws
the same points twice and reacts to its three controls."""

from __future__ import annotations

import numpy as np
import pytest

from playground import unsupervised
from playground.data import make_dataset


@pytest.mark.parametrize("name, k", [("blobs", 3), ("moons", 2), ("circle", 4)])
def test_kmeans_is_a_fixed_point_of_its_two_rules(name, k):
    X, _ = make_dataset(name, 200, noise=0.1, seed=1)
    g = unsupervised.kmeans(X, k, seed=0)
    nearest = np.linalg.norm(X[:, None] - g["centers"][None], axis=2).argmin(1)
    np.testing.assert_array_equal(g["labels"], nearest)
    for j in range(k):
        np.testing.assert_allclose(g["centers"][j], X[g["labels"] == j].mean(0), atol=1e-6)
    assert g["inertia"] == pytest.approx(((X - g["centers"][g["labels"]]) ** 2).sum(), rel=1e-6)


def test_agreement_is_the_best_matching_share():
    assert unsupervised.agreement([1, 1, 0, 0], [0, 0, 1, 1]) == 1.0
    assert unsupervised.agreement([0, 0, 0, 1], [0, 0, 1, 1]) == 0.75
    assert unsupervised.agreement([0, 0, 0, 0], [0, 0, 1, 1]) == 0.5  # one group: at most one class
    assert unsupervised.agreement([0, 1, 2, 3], [0, 0, 1, 1]) == 0.5  # more groups than classes
    X, y = make_dataset("blobs", 300, noise=0.1, seed=0)
    assert unsupervised.agreement(unsupervised.kmeans(X, 3)["labels"], y) > 0.95
    with pytest.raises(ValueError, match="choose 1 to 10"):
        unsupervised.kmeans(X, 0)


def test_the_app_draws_labels_and_groups_and_follows_its_controls():
    from playground.apps.kinds import N_POINTS, KindsOfLearning
    app = KindsOfLearning()
    d = app.figure.fig.data
    X, y = make_dataset("blobs", N_POINTS, noise=0.1, seed=0)
    np.testing.assert_allclose(d[app.figure.LABELLED].x, np.round(X[:, 0], 3))
    np.testing.assert_array_equal(d[app.figure.LABELLED].customdata, y)
    assert len(d[app.figure.CENTERS].x) == 3 and "100%" in app.info.value
    app.k.value = 5
    assert len(app.figure.fig.data[app.figure.CENTERS].x) == 5 and "5 groups" in app.info.value
    app.dataset.value = "moons"
    assert "2 classes" in app.info.value
    app.sample.value = 7
    Xm, ym = make_dataset("moons", N_POINTS, noise=0.1, seed=0)
    assert f"x₁ = {Xm[7, 0]:+.2f}" in app.info.value and f"y = {ym[7]}" in app.info.value
    with pytest.raises(ValueError, match="dataset"):
        KindsOfLearning(dataset="plane")
