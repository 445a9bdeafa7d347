"""Datasets: one signature, seeded, geometric labels at noise 0, splits, folds, features."""

import math

import numpy as np
import pytest

from playground import data
from playground.data import DATASETS, FEATURES, GATES

NAMES = list(DATASETS)


# -- every generator --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("n", [1, 7, 500])
def test_shape_dtype_and_labels(name, n):
    spec = DATASETS[name]
    X, y = spec.make(n, noise=0.2, seed=3)
    assert X.shape == (n, 2) and X.dtype == np.float64 and np.isfinite(X).all()
    assert y.shape == (n,)
    if spec.kind == "regression":
        assert np.issubdtype(y.dtype, np.floating)
        assert np.isfinite(y).all() and (np.abs(y) <= 1.2).all()
    else:
        assert np.issubdtype(y.dtype, np.integer)
        assert set(np.unique(y)) <= set(range(spec.n_classes))
        if n >= 12:  # every class is present
            assert set(np.unique(y)) == set(range(spec.n_classes))
    # the points live on (or near) the dataset's plane
    lo, hi = spec.bounds
    assert (X > lo - 3).all() and (X < hi + 3).all()
    # make_dataset is the same generator
    X2, y2 = data.make_dataset(name, n, noise=0.2, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)


@pytest.mark.parametrize("name", NAMES)
def test_seed_reproducible_and_different(name):
    make = DATASETS[name].make
    X1, y1 = make(200, noise=0.2, seed=11)
    X2, y2 = make(200, noise=0.2, seed=11)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    X3, y3 = make(200, noise=0.2, seed=12)
    assert not np.array_equal(X1, X3)
    # a Generator works as a seed and is consumed: two draws from one generator differ
    rng = np.random.default_rng(11)
    Xa, _ = make(200, noise=0.2, seed=rng)
    Xb, _ = make(200, noise=0.2, seed=rng)
    assert not np.array_equal(Xa, Xb)
    Xc, _ = make(200, noise=0.2, seed=np.random.default_rng(11))
    np.testing.assert_array_equal(Xa, Xc)


@pytest.mark.parametrize("name", NAMES)
def test_bad_arguments(name):
    make = DATASETS[name].make
    for n in (0, -3, 2.5, "10", True, None):
        with pytest.raises(ValueError, match=r"n_points=.*whole number of at least 1"):
            make(n)
    for noise in (-0.1, 0.51, math.nan, 2):
        with pytest.raises(ValueError, match=r"noise=.*from 0 to 0\.5"):
            make(10, noise=noise)
    X, _ = make(np.int64(5))  # NumPy integers are whole numbers too
    assert X.shape == (5, 2)


def test_make_dataset_unknown():
    with pytest.raises(ValueError, match=r"dataset='nope' is not allowed; choose one of circle, xor, gauss"):
        data.make_dataset("nope")


# -- labels at noise 0 follow the geometry ---------------------------------------------------------
def test_circle_labels_are_the_inner_disc():
    X, y = data.make_circle(1000, noise=0.0, seed=1)
    r = np.linalg.norm(X, axis=1)
    np.testing.assert_array_equal(y, (r < 2.5).astype(int))
    assert ((r < 2.5) | (r >= 3.5)).all() and (r <= 5).all()  # a gap between disc and ring
    assert y.sum() == 500


def test_xor_labels_are_the_sign_of_the_product():
    X, y = data.make_xor(1000, noise=0.0, seed=1)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] > 0).astype(int))
    assert (np.abs(X) >= 0.3).all()  # padding keeps the points off the axes
    assert 400 < y.sum() < 600


def test_gaussians_are_two_clouds():
    X, y = data.make_gaussians(1000, noise=0.0, seed=1)
    assert y.sum() == 500
    np.testing.assert_allclose(X[y == 1].mean(axis=0), [2, 2], atol=0.15)
    np.testing.assert_allclose(X[y == 0].mean(axis=0), [-2, -2], atol=0.15)
    np.testing.assert_allclose(X[y == 1].std(axis=0), np.sqrt(0.5), rtol=0.1)
    # at noise 0 the line x1 + x2 = 0 separates almost every point
    assert ((X.sum(axis=1) > 0) == (y == 1)).mean() > 0.99


@pytest.mark.parametrize("name, arms", [("spiral", 2), ("spiral3", 3)])
def test_spiral_points_lie_on_their_arm(name, arms):
    X, y = DATASETS[name].make(301, noise=0.0, seed=1)
    arm = (1 - y) if arms == 2 else y  # binary spiral: arm 0 is class 1
    r = np.linalg.norm(X, axis=1)
    i = r / 5
    t = 1.75 * i * 2 * np.pi + arm * 2 * np.pi / arms
    np.testing.assert_allclose(X, np.column_stack([r * np.sin(t), r * np.cos(t)]), atol=1e-9)
    assert np.bincount(y).tolist() == [301 // arms + (k < 301 % arms) for k in range(arms)][::(-1 if arms == 2 else 1)]


def test_moons_are_two_half_circles():
    X, y = data.make_moons(400, noise=0.0, seed=1)
    P = X / 3.5 + [0.5, 0.25]
    upper, lower = P[y == 0], P[y == 1]
    np.testing.assert_allclose(np.linalg.norm(upper, axis=1), 1, atol=1e-9)
    assert (upper[:, 1] >= -1e-9).all()
    np.testing.assert_allclose(np.linalg.norm(lower - [1, 0.5], axis=1), 1, atol=1e-9)
    assert (lower[:, 1] <= 0.5 + 1e-9).all()


def test_blobs_nearest_centre_is_the_label():
    X, y = data.make_blobs(600, noise=0.0, seed=1)
    angles = np.deg2rad([90, 210, 330])
    centres = 3.5 * np.column_stack([np.cos(angles), np.sin(angles)])
    nearest = np.linalg.norm(X[:, None] - centres[None], axis=2).argmin(axis=1)
    np.testing.assert_array_equal(nearest, y)
    assert np.bincount(y).tolist() == [200, 200, 200]


def test_plane_target_is_the_closed_form():
    X, y = data.make_plane(500, noise=0.0, seed=1)
    np.testing.assert_allclose(y, np.clip((X[:, 0] + X[:, 1]) / 10, -1, 1))
    assert (np.abs(X) <= 6).all()


def test_multigauss_target_is_the_closed_form():
    X, y = data.make_multigauss(500, noise=0.0, seed=1)
    bumps = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]
    expected = []
    for x1, x2 in X:  # a plain loop: the nearest bump's value, 0 far from all of them
        best = 0.0
        for cx, cy, sign in bumps:
            v = sign * max(0.0, 1 - math.hypot(x1 - cx, x2 - cy) / 2)
            if abs(v) > abs(best):
                best = v
        expected.append(best)
    np.testing.assert_allclose(y, expected, atol=1e-12)
    assert (y > 0.5).any() and (y < -0.5).any()


@pytest.mark.parametrize("gate", list(GATES))
def test_gates(gate):
    X, y = data.truth_table(gate)
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    logic = {"and": lambda a, b: a & b, "or": lambda a, b: a | b, "nand": lambda a, b: 1 - (a & b),
             "xor": lambda a, b: a ^ b}[gate]
    np.testing.assert_array_equal(y, [logic(a, b) for a, b in X.astype(int)])
    X[0, 0] = 9  # a copy: the table itself is untouched
    assert data.truth_table(gate)[0][0, 0] == 0
    # the dataset repeats the table; at noise 0 exactly
    Xd, yd = DATASETS[f"gate_{gate}"].make(10, noise=0.0, seed=0)
    np.testing.assert_array_equal(Xd, data.TRUTH_INPUTS[np.arange(10) % 4])
    np.testing.assert_array_equal(yd, y[np.arange(10) % 4])
    # with noise each point stays nearest its own corner at moderate noise
    Xn, yn = DATASETS[f"gate_{gate}"].make(400, noise=0.2, seed=0)
    np.testing.assert_array_equal(yn, y[np.arange(400) % 4])
    assert np.abs(Xn - data.TRUTH_INPUTS[np.arange(400) % 4]).max() > 0


def test_truth_table_unknown_gate():
    with pytest.raises(ValueError, match=r"gate='xnor' is not allowed; choose one of and, or, nand, xor"):
        data.truth_table("xnor")


def test_noise_moves_labels_or_points():
    X0, y0 = data.make_circle(500, noise=0.0, seed=4)
    X1, y1 = data.make_circle(500, noise=0.5, seed=4)
    np.testing.assert_array_equal(X0, X1)  # same points, noisy labels
    assert (y0 != y1).any()


# -- features ---------------------------------------------------------------------------------------
def test_feature_matrix_closed_forms():
    X = np.array([[0.0, 1.0], [2.0, -3.0], [-1.5, 0.5], [np.pi / 2, -np.pi]])
    x1, x2 = X[:, 0], X[:, 1]
    expected = {"x1": x1, "x2": x2, "x1sq": x1 * x1, "x2sq": x2 * x2, "x1x2": x1 * x2,
                "sinx1": np.sin(x1), "sinx2": np.sin(x2)}
    assert set(expected) == set(FEATURES)
    for name, column in expected.items():
        np.testing.assert_allclose(data.feature_matrix(X, [name])[:, 0], column)
    F = data.feature_matrix(X.tolist(), list(FEATURES))
    assert F.shape == (4, len(FEATURES))
    np.testing.assert_allclose(F, np.column_stack([expected[n] for n in FEATURES]))
    np.testing.assert_allclose(data.feature_matrix(X, ["x2", "x1"]), X[:, ::-1])
    assert data.feature_matrix(np.zeros((0, 2)), ["x1", "x2", "x1x2"]).shape == (0, 3)


# -- splits -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["circle", "spiral", "blobs", "spiral3", "gate_xor", "moons"])
@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.5, 0.77, 0.9])
def test_split_is_stratified_disjoint_and_covering(name, fraction):
    _, y = DATASETS[name].make(301, noise=0.3, seed=5)
    train, test = data.split(y, fraction, seed=5)
    assert len(np.intersect1d(train, test)) == 0
    np.testing.assert_array_equal(np.union1d(train, test), np.arange(len(y)))
    assert (np.diff(train) > 0).all() and (np.diff(test) > 0).all()  # sorted
    assert len(train) == int(fraction * len(y))
    for k in np.unique(y):
        n_k = (y == k).sum()
        assert abs((y[train] == k).sum() - fraction * n_k) <= 1, (k, n_k)
    # seeded
    again = data.split(y, fraction, seed=5)
    np.testing.assert_array_equal(train, again[0])
    assert not np.array_equal(train, data.split(y, fraction, seed=6)[0])


def test_split_regression_and_tiny_sets():
    _, y = data.make_plane(50, seed=0)
    train, test = data.split(y, 0.5, seed=0)
    assert len(train) == 25 and len(np.union1d(train, test)) == 50
    # a class with one member cannot be stratified: still a valid split
    y = np.array([0, 0, 0, 0, 0, 1])
    train, test = data.split(y, 0.5, seed=0)
    assert len(train) == 3 and len(np.union1d(train, test)) == 6
    # the smallest sets a Config allows (4 points, 10 % train) still give both sets a point
    for fraction in (0.1, 0.2, 0.9):
        train, test = data.split(np.array([0, 1, 0, 1]), fraction, seed=0)
        assert len(train) >= 1 and len(test) >= 1
        np.testing.assert_array_equal(np.union1d(train, test), np.arange(4))


@pytest.mark.parametrize("k", [2, 3, 5, 10])
@pytest.mark.parametrize("name", ["circle", "blobs", "plane"])
def test_kfold_every_point_once_in_validation(k, name):
    _, y = DATASETS[name].make(103, noise=0.2, seed=2)
    folds = data.kfold(y, k, seed=2)
    assert len(folds) == k
    counts = np.zeros(len(y), int)
    for train, val in folds:
        assert len(np.intersect1d(train, val)) == 0
        np.testing.assert_array_equal(np.union1d(train, val), np.arange(len(y)))
        counts[val] += 1
        assert len(val) in (len(y) // k, len(y) // k + 1)
    np.testing.assert_array_equal(counts, 1)
    if DATASETS[name].kind != "regression":  # stratified folds
        for _, val in folds:
            for c in np.unique(y):
                assert abs((y[val] == c).sum() - (y == c).sum() / k) <= 1


def test_kfold_with_a_tiny_class_falls_back_to_plain_folds():
    y = np.array([0] * 9 + [1])
    folds = data.kfold(y, 5, seed=0)
    counts = np.zeros(10, int)
    for _, val in folds:
        counts[val] += 1
    np.testing.assert_array_equal(counts, 1)


def test_kfold_bad_k():
    y = np.arange(10) % 2
    for k in (1, 0, -2, 11, 2.0, "3", True, None):
        with pytest.raises(ValueError, match=r"k=.*whole number from 2 to the number of points \(10\)"):
            data.kfold(y, k)
    assert len(data.kfold(y, 10)) == 10


# -- real data ---------------------------------------------------------------------------------------
def test_load_iris():
    X, y, features, classes = data.load_iris()
    assert X.shape == (150, 4) and y.shape == (150,)
    assert len(features) == 4 and len(classes) == 3
    assert np.bincount(y).tolist() == [50, 50, 50]


def test_load_digits():
    X, y, features, classes = data.load_digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert len(features) == 64 and classes == [str(d) for d in range(10)]
    assert X.min() == 0 and X.max() == 16
