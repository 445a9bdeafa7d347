"""Session: reproducibility, reset, live changes, divergence, bounded history, batches."""

import math

import numpy as np
import pytest
import torch

from playground import data as datasets
from playground import session as session_module
from playground.config import Config
from playground.session import Session

SMALL = dict(n_points=100, hidden=(4, 3))


def weights(s):
    return [p.detach().clone() for p in s.model.parameters()]


def same_weights(a, b):
    return len(a) == len(b) and all(torch.equal(x, y) for x, y in zip(a, b))


def torch_path(s):
    """Force a session onto the PyTorch path (what batch norm and dropout use)."""
    s.fast = None
    return s


def same_history(a, b):
    """Equal curves, NaN accuracies (regression) included."""
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k], equal_nan=True) for k in a)


PATHS = {"fast": lambda s: s, "torch": torch_path}


# -- reproducibility -----------------------------------------------------------------------------
@pytest.mark.parametrize("path", list(PATHS))
@pytest.mark.parametrize("changes", [dict(), dict(dataset="blobs", optimizer="adam", lr=0.01),
                                     dict(dataset="plane", activation="relu", init="he", noise=0.2),
                                     dict(dataset="spiral", batch_norm=True, dropout=0.2, hidden=(5, 5))],
                         ids=["default", "blobs-adam", "plane", "bn-dropout"])
def test_same_seed_same_data_weights_and_curve(path, changes):
    c = Config().replace(n_points=120, **changes)
    a, b = PATHS[path](Session(c)), PATHS[path](Session(c))
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.y, b.y)
    np.testing.assert_array_equal(a.train_idx, b.train_idx)
    np.testing.assert_array_equal(a.test_idx, b.test_idx)
    initial = weights(a)
    assert same_weights(initial, weights(b))
    a.train_epochs(4)
    b.train_epochs(4)
    assert same_history(a.history, b.history) and len(a.history["epoch"]) == 5
    assert same_weights(weights(a), weights(b))
    assert not same_weights(weights(a), initial)  # it did train
    # after reset: the initial weights, and the same curve again
    curve = {k: list(v) for k, v in a.history.items()}
    a.reset()
    PATHS[path](a)
    assert same_weights(weights(a), initial)
    assert a.epoch == 0 and a.steps == 0 and len(a.history["epoch"]) == 1
    a.train_epochs(4)
    assert same_history(a.history, curve)
    # another seed gives other data and other weights
    other = Session(c.replace(seed=1))  # (a spiral at noise 0 has the same points: the split differs)
    assert not np.array_equal(other.X, a.X) or not np.array_equal(other.train_idx, a.train_idx)
    assert not same_weights(weights(Session(c.replace(seed=1))), initial)


def test_reset_restores_the_initial_weights_after_training():
    s = Session(Config(**SMALL))
    initial = weights(s)
    s.train_epochs(3)
    s.reset()
    assert same_weights(weights(s), initial)
    assert s.status == "ok" and s.message == ""


def test_repr_is_readable():
    s = Session(Config(dataset="xor", hidden=(4,)))
    assert repr(s).startswith("Session(xor, layers=[2, 4, 1], tanh, epoch=0, train_loss=")


# -- live changes -----------------------------------------------------------------------------------
@pytest.mark.parametrize("path", list(PATHS))
def test_live_lr_change_keeps_weights_and_takes_effect(path):
    c = Config(**SMALL)
    a, b = PATHS[path](Session(c)), PATHS[path](Session(c))
    a.train_epochs(2)
    b.train_epochs(2)
    before = weights(a)
    assert a.apply(a.config.replace(lr=0.3)) == "live"
    assert same_weights(weights(a), before)
    assert a.config.lr == 0.3 and a.epoch == 2
    assert all(g["lr"] == 0.3 for g in a.optimizer.param_groups)
    # plain SGD: the same batch from the same weights moves 10x as far with 10x the learning rate
    a.step()
    b.step()
    for w0, wa, wb in zip(before, weights(a), weights(b)):
        np.testing.assert_allclose((wa - w0).numpy(), 10 * (wb - w0).numpy(), rtol=1e-3, atol=1e-6)
    assert any((wb - w0).abs().max() > 1e-5 for w0, wb in zip(before, weights(b)))


@pytest.mark.parametrize("path", list(PATHS))
def test_live_optimizer_reg_and_batch_size(path):
    s = PATHS[path](Session(Config(**SMALL)))
    s.train_epochs(1)
    before = weights(s)
    assert s.apply(s.config.replace(optimizer="adam", lr=0.01)) == "live"
    assert isinstance(s.optimizer, torch.optim.Adam) and same_weights(weights(s), before)
    assert s.apply(s.config.replace(reg="decay", reg_rate=0.5)) == "live"
    assert all(g["weight_decay"] == 0.5 for g in s.optimizer.param_groups)
    assert s.apply(s.config.replace(reg_rate=0.25)) == "live"
    assert all(g["weight_decay"] == 0.25 for g in s.optimizer.param_groups)
    assert s.apply(s.config.replace(reg="none")) == "live"
    assert all(g["weight_decay"] == 0 for g in s.optimizer.param_groups)
    assert s.apply(s.config.replace(batch_size=50)) == "live"
    assert s.steps_per_epoch == 1  # 50 training points
    assert same_weights(weights(s), before)
    assert s.apply(s.config) == "same"
    epoch = s.epoch
    s.train_epochs(2)
    assert s.epoch == epoch + 2 and s.status == "ok"


def test_live_change_to_sgd_with_momentum_matches_a_fresh_optimizer():
    """After switching optimizers live, both paths step like a brand-new torch optimizer."""
    s_fast, s_torch = Session(Config(**SMALL)), torch_path(Session(Config(**SMALL)))
    for s in (s_fast, s_torch):
        s.train_epochs(1)
        assert s.apply(s.config.replace(optimizer="momentum", lr=0.05)) == "live"
        s.step(7)
    for wf, wt in zip(weights(s_fast), weights(s_torch)):
        np.testing.assert_allclose(wf.numpy(), wt.numpy(), atol=1e-5)


@pytest.mark.parametrize("change, expected", [
    (dict(hidden=(3,)), "rebuilt"),
    (dict(activation="relu"), "rebuilt"),
    (dict(init="he"), "rebuilt"),
    (dict(residual=True), "rebuilt"),
    (dict(batch_norm=True), "rebuilt"),
    (dict(dropout=0.3), "rebuilt"),
    (dict(loss="mse"), "rebuilt"),
    (dict(features=("x1", "x2", "x1x2")), "rebuilt"),
    (dict(dataset="xor"), "new data"),
    (dict(dataset="blobs"), "new data"),
    (dict(n_points=60), "new data"),
    (dict(noise=0.3), "new data"),
    (dict(train_fraction=0.8), "new data"),
    (dict(seed=5), "new data"),
    (dict(problem="multiclass", loss="ce"), "new data"),
])
def test_structural_changes(change, expected):
    s = Session(Config(**SMALL))
    s.train_epochs(2)
    X = s.X.copy()
    new = s.config.replace(**change)
    assert s.apply(new) == expected
    assert s.config == new and s.epoch == 0 and len(s.history["epoch"]) == 1
    assert s.model.sizes == new.layer_sizes
    assert s.Xtr.shape[1] == len(new.features)
    fresh = Session(new)  # exactly what a new session with this config would be
    np.testing.assert_array_equal(s.X, fresh.X)
    assert same_weights(weights(s), weights(fresh))
    assert (s.fast is None) == (fresh.fast is None)
    if expected == "rebuilt":
        np.testing.assert_array_equal(s.X, X)
    elif {"dataset", "n_points", "seed"} & set(change):
        assert s.X.shape != X.shape or not np.array_equal(s.X, X)
    s.train_epochs(1)
    assert s.status == "ok"


# -- divergence ---------------------------------------------------------------------------------------
BLOWS_UP = Config(activation="relu", init="large", lr=50.0, hidden=(8, 8, 8))


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("path", list(PATHS))
def test_divergence_stops_and_reset_recovers(path):
    s = PATHS[path](Session(BLOWS_UP))
    initial = weights(s)
    s.train_epochs(30)
    assert s.status == "diverged"
    assert "smaller learning rate" in s.message and "50" in s.message
    epoch, steps = s.epoch, s.steps
    assert s.step() == 0 and s.step(50) == 0 and s.train_epochs(3) == 0
    assert s.train_for(0.01) == 0
    assert (s.epoch, s.steps) == (epoch, steps)
    s.reset()
    PATHS[path](s)
    assert s.status == "ok" and s.message == ""
    assert same_weights(weights(s), initial)
    # a smaller learning rate, as the message says, trains
    assert s.apply(s.config.replace(lr=0.001)) == "live"
    s.train_epochs(5)
    assert s.status == "ok" and math.isfinite(s.train_loss)


# -- history, epochs, steps ------------------------------------------------------------------------
def test_history_is_bounded():
    s = Session(Config(n_points=20, hidden=(2,), batch_size=2000))
    assert s.steps_per_epoch == 1
    n = 2 * session_module.HISTORY_LIMIT + 300
    s.train_epochs(n)
    h = s.history
    assert s.epoch == n
    assert len(h["epoch"]) <= session_module.HISTORY_LIMIT + 1
    assert len(h["epoch"]) > session_module.HISTORY_LIMIT // 4
    assert all(len(v) == len(h["epoch"]) for v in h.values())
    assert h["epoch"][0] == 0 and all(b > a for a, b in zip(h["epoch"], h["epoch"][1:]))
    assert n - h["epoch"][-1] < 4  # the stride is at most 4 here


@pytest.mark.parametrize("changes", [dict(), dict(batch_size=7), dict(batch_size=1), dict(batch_size=2000),
                                     dict(batch_norm=True, batch_size=3), dict(batch_norm=True, batch_size=7),
                                     dict(batch_norm=True, batch_size=49), dict(batch_norm=True, batch_size=2),
                                     dict(dropout=0.5, batch_size=16)],
                         ids=["b10", "b7", "b1", "full", "bn-b3", "bn-b7", "bn-b49", "bn-b2", "dropout"])
def test_train_epochs_advances_exactly(changes):
    s = Session(Config(**SMALL, **changes))  # 50 training points
    for k in (1, 1, 1, 2, 3, 1, 1, 5, 1, 1, 1, 1, 1, 1, 4):
        epoch, steps = s.epoch, s.steps
        made = s.train_epochs(k)
        assert s.epoch == epoch + k
        assert made == s.steps - steps > 0
    assert len(s.history["epoch"]) == s.epoch + 1
    assert s.history["epoch"] == list(range(s.epoch + 1))


def test_step_counts_and_epoch_boundaries():
    s = Session(Config(**SMALL))  # 50 training points, batches of 10
    assert s.steps_per_epoch == 5
    assert s.step(3) == 3 and (s.epoch, s.steps) == (0, 3)
    assert s.step(2) == 2 and (s.epoch, s.steps) == (1, 5)
    assert s.step(12) == 12 and (s.epoch, s.steps) == (3, 17)


def test_train_for_makes_steps():
    s = Session(Config(**SMALL))
    made = s.train_for(0.05, max_steps=40)
    assert 0 < made <= 40 and s.steps == made


@pytest.mark.parametrize("n_points, batch_size", [(100, 7), (100, 49), (62, 3), (6, 2)])
def test_batch_norm_sessions_train_with_a_last_batch_of_one(n_points, batch_size):
    c = Config(**{**SMALL, "n_points": n_points}, batch_norm=True, batch_size=batch_size)
    s = Session(c)
    assert s.fast is None and len(s.Xtr) % batch_size == 1
    assert s.steps_per_epoch == len(s.Xtr) // batch_size  # the batch of one is skipped
    s.train_epochs(6)
    assert s.epoch == 6 and s.steps == 6 * s.steps_per_epoch
    s.step(11)
    assert s.status == "ok" and s.epoch == 6 + 11 // s.steps_per_epoch
    assert all(math.isfinite(v) for v in s.history["train_loss"])


def test_batch_norm_with_one_training_point_does_not_hang():
    s = Session(Config(n_points=4, train_fraction=0.3, batch_norm=True, batch_size=2))
    assert len(s.Xtr) == 1
    assert s.step() == 0 and s.train_epochs(2) == 0  # nothing to normalise over, and no endless loop
    assert s.status == "ok"


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
def test_smallest_data_sets_train(fraction):
    s = Session(Config(n_points=4, train_fraction=fraction, batch_size=2))
    assert len(s.Xtr) >= 1 and len(s.Xte) >= 1
    s.train_epochs(3)
    assert s.epoch == 3 and s.status == "ok"


# -- points ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", list(PATHS))
def test_add_point_grows_the_training_set(path):
    s = PATHS[path](Session(Config(**SMALL, features=("x1", "x2", "x1x2"))))
    s.train_epochs(1)
    before, n_train, n_test, n = weights(s), len(s.Xtr), len(s.Xte), len(s.X)
    s.add_point(1.5, -2.0, 1)
    assert len(s.Xtr) == n_train + 1 and len(s.Xte) == n_test and len(s.X) == n + 1
    np.testing.assert_allclose(s.Xtr[-1].numpy(), [1.5, -2.0, -3.0])
    assert s.ytr[-1].item() == 1 and s.train_idx[-1] == n
    assert same_weights(weights(s), before)
    s.add_point(0.0, 0.5, 0, train=False)
    assert len(s.Xte) == n_test + 1 and s.yte[-1].item() == 0
    assert s.steps_per_epoch == math.ceil((n_train + 1) / 10)
    s.train_epochs(2)
    assert s.status == "ok" and s.epoch == 3
    for bad in (2, -1, 0.5):
        with pytest.raises(ValueError, match=r"label=.* choose a class from 0 to 1"):
            s.add_point(0, 0, bad)


def test_add_point_regression_and_multiclass():
    s = Session(Config(**SMALL).replace(dataset="plane"))
    s.add_point(1, 2, 0.3)
    assert s.ytr[-1].item() == pytest.approx(0.3) and s.ytr.dtype == torch.float32
    s.train_epochs(1)
    m = Session(Config(**SMALL).replace(dataset="blobs"))
    m.add_point(1, 2, 2)
    assert m.ytr[-1].item() == 2 and m.ytr.dtype == torch.long
    with pytest.raises(ValueError, match=r"choose a class from 0 to 2"):
        m.add_point(1, 2, 3)
    m.train_epochs(1)
    assert m.status == "ok"


# -- evaluation --------------------------------------------------------------------------------------
@pytest.mark.parametrize("changes", [dict(), dict(dataset="blobs"), dict(dataset="plane", loss="mae"),
                                     dict(loss="mse"), dict(dataset="blobs", loss="mse")])
def test_recorded_loss_and_accuracy_equal_a_direct_computation(changes):
    s = Session(Config(**SMALL).replace(**changes))
    s.train_epochs(3)
    c = s.config
    for X, y, loss_key, acc_key in ((s.Xtr, s.ytr, "train_loss", "train_acc"), (s.Xte, s.yte, "test_loss", "test_acc")):
        with torch.no_grad():
            logits = s.model(X)
        if c.problem == "binary":
            p = torch.sigmoid(logits[:, 0])
            loss = (torch.nn.functional.binary_cross_entropy(p, y) if c.loss == "bce" else ((p - y) ** 2).mean()).item()
            acc = ((p > 0.5).float() == y).float().mean().item()
        elif c.problem == "multiclass":
            prob = torch.softmax(logits, 1)
            onehot = torch.eye(logits.shape[1])[y]
            loss = (-(prob[torch.arange(len(y)), y].log()).mean() if c.loss == "ce" else ((prob - onehot) ** 2).mean()).item()
            acc = (prob.argmax(1) == y).float().mean().item()
        else:
            r = logits[:, 0] - y
            loss = (r.abs().mean() if c.loss == "mae" else (r * r).mean()).item()
            acc = float("nan")
        assert s.history[loss_key][-1] == pytest.approx(loss, rel=1e-4, abs=1e-6)
        if math.isnan(acc):
            assert math.isnan(s.history[acc_key][-1])
        else:
            assert s.history[acc_key][-1] == pytest.approx(acc, abs=1e-6)
    assert s.train_loss == s.history["train_loss"][-1] and s.test_loss == s.history["test_loss"][-1]


def test_predict_shapes_and_values():
    s = Session(Config(**SMALL))
    P = np.array([[0.0, 0.0], [5.0, 5.0], [-1.0, 2.0]])
    p = s.predict(P)
    F = torch.as_tensor(datasets.feature_matrix(P, s.config.features), dtype=torch.float32)
    with torch.no_grad():
        np.testing.assert_allclose(p, torch.sigmoid(s.model(F)[:, 0]).numpy(), rtol=1e-6)
    assert Session(Config(**SMALL).replace(dataset="blobs")).predict(P).shape == (3, 3)
    assert Session(Config(**SMALL).replace(dataset="plane")).predict(P).shape == (3,)
