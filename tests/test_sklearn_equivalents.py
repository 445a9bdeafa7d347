"""playground.sklearn_equivalents gives exactly what scikit-learn gives (scikit-learn is the oracle)."""

import numpy as np
import pytest
from sklearn import datasets as skd
from sklearn import model_selection as skm

from playground import sklearn_equivalents as sk

SIZES = [2, 3, 4, 5, 7, 10, 11, 40, 99, 200, 301]


def labels(n, n_classes, seed):
    return np.random.default_rng(seed).integers(0, n_classes, n)


@pytest.mark.parametrize("n", SIZES)
def test_train_test_split_is_scikit_learns(n):
    compared = 0
    for seed in range(6):
        for size in {1, max(1, n // 3), max(1, n // 2), n - 1} - {n}:
            for strat in (None, labels(n, 2, seed), labels(n, 3, seed + 50), np.arange(n) % 2):
                try:
                    want = skm.train_test_split(np.arange(n), train_size=size, random_state=seed, stratify=strat)
                except ValueError:
                    with pytest.raises(ValueError):
                        sk.train_test_split(n, train_size=size, random_state=seed, stratify=strat)
                    continue
                got = sk.train_test_split(n, train_size=size, random_state=seed, stratify=strat)
                np.testing.assert_array_equal(got[0], want[0])
                np.testing.assert_array_equal(got[1], want[1])
                compared += 1
    assert compared > 0


@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.5, 0.8])
def test_train_test_split_with_a_fraction_is_scikit_learns(fraction):
    y = labels(1797, 10, 3)
    for seed in (0, 1, 42):
        want = skm.train_test_split(np.arange(len(y)), train_size=fraction, random_state=seed, stratify=y)
        got = sk.train_test_split(len(y), train_size=fraction, random_state=seed, stratify=y)
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[1], want[1])


@pytest.mark.parametrize("n", [15, 23, 100, 151])
@pytest.mark.parametrize("k", [2, 3, 5])
def test_kfold_is_scikit_learns(n, k):
    for seed in range(4):
        folds = [test for _, test in skm.KFold(k, shuffle=True, random_state=seed).split(np.zeros(n))]
        for got, want in zip(sk.kfold_test_folds(n, k, random_state=seed), folds, strict=True):
            np.testing.assert_array_equal(got, want)
        y = np.r_[np.arange(k * 3) % 3, labels(n - k * 3, 3, seed)]  # every class has at least k points
        folds = [test for _, test in skm.StratifiedKFold(k, shuffle=True, random_state=seed).split(y, y)]
        for got, want in zip(sk.kfold_test_folds(n, k, random_state=seed, stratify=y), folds, strict=True):
            np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("n", [1, 2, 5, 100, 301])
def test_make_moons_is_scikit_learns(n):
    for seed, noise in ((0, None), (1, 0.0), (2, 0.1), (3, 0.3)):
        X, y = skd.make_moons(n, noise=noise, random_state=seed)
        gX, gy = sk.make_moons(n, noise=noise, random_state=seed)
        np.testing.assert_array_equal(gX, X)
        np.testing.assert_array_equal(gy, y)


def test_bundled_data_sets_are_scikit_learns():
    d = skd.load_digits()
    flat, target, images = sk.load_digits()
    np.testing.assert_array_equal(flat, d.data)
    np.testing.assert_array_equal(target, d.target)
    np.testing.assert_array_equal(images, d.images)
    i = skd.load_iris()
    data, target, features, names = sk.load_iris()
    np.testing.assert_array_equal(data, i.data)
    np.testing.assert_array_equal(target, i.target)
    assert features == list(i.feature_names) and names == list(i.target_names)


def test_the_playgrounds_data_functions_name_what_scikit_learn_names():
    from playground import data
    d = skd.load_digits()
    assert data.load_digits()[2] == list(d.feature_names)
    assert data.load_digits()[3] == [str(t) for t in d.target_names]


def test_a_bad_random_state_is_refused():
    with pytest.raises(ValueError, match="random_state"):
        sk.train_test_split(10, train_size=5, random_state="seven")


@pytest.mark.parametrize("n_classes", [2, 3, 5])
def test_classification_metrics_are_scikit_learns(n_classes):
    from sklearn.metrics import accuracy_score, confusion_matrix, precision_score, recall_score

    from playground.probes import classification_metrics
    labels_ = list(range(n_classes))
    for seed in range(8):
        rng = np.random.default_rng(seed)
        n = int(rng.integers(1, 60))
        y_true = rng.integers(0, n_classes, n)
        y_pred = rng.integers(0, n_classes - (seed % 2), n)  # some runs never predict the last class
        got = classification_metrics(y_true, y_pred, n_classes)
        np.testing.assert_array_equal(got["confusion"], confusion_matrix(y_true, y_pred, labels=labels_))
        assert got["accuracy"] == accuracy_score(y_true, y_pred)
        for key, score in (("precision", precision_score), ("recall", recall_score)):
            np.testing.assert_allclose(got[key], score(y_true, y_pred, labels=labels_, average=None, zero_division=0),
                                       rtol=0, atol=1e-15)
