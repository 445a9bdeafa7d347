"""The Session's public API for apps: snapshot/restore, given weights, data sources."""

import numpy as np
import pytest
import torch

from playground import data as datasets
from playground import probes
from playground.config import Config
from playground.session import FixedData, Session, Snapshot

SMALL = dict(n_points=100, hidden=(4, 3))


def torch_path(s):
    """Force a session onto the PyTorch path (what batch norm and dropout use)."""
    s.fast = None
    return s


PATHS = {"fast": lambda s: s, "torch": torch_path}


def params(s):
    return [p.detach().clone() for p in s.model.parameters()]


def same_history(a, b):
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k], equal_nan=True) for k in a)


# -- snapshot / restore ----------------------------------------------------------------------------
@pytest.mark.parametrize("path", list(PATHS))
@pytest.mark.parametrize("changes", [dict(), dict(optimizer="adam", lr=0.01, batch_size=7),
                                     dict(optimizer="momentum", reg="l1", reg_rate=0.01),
                                     dict(dataset="blobs", optimizer="rmsprop", lr=0.003)],
                         ids=["sgd", "adam-mid-epoch", "momentum-l1", "blobs-rmsprop"])
def test_restore_gives_the_same_curve_as_going_on(path, changes):
    s = PATHS[path](Session(Config().replace(**SMALL, **changes)))
    s.train_epochs(3)
    s.step(2)  # in the middle of an epoch: the batch order must come back too
    snap = s.snapshot()
    s.train_epochs(4)
    curve, after = {k: list(v) for k, v in s.history.items()}, params(s)
    s.apply(s.config.replace(hidden=(5,), lr=0.3))  # another network meanwhile
    s.train_epochs(2)
    s.restore(snap)
    PATHS[path](s)  # restore builds the network of the snapshot's config, on the path that config takes
    assert s.config == snap.config and s.epoch == snap.epoch == 3
    s.train_epochs(4)
    assert same_history(s.history, curve)
    assert all(torch.equal(a, b) for a, b in zip(params(s), after))


def test_restore_with_dropout_and_batch_norm_gives_the_same_curve():
    """The torch path with its own dropout stream and batch norm statistics."""
    s = Session(Config(**SMALL, dropout=0.3, batch_norm=True, optimizer="adam", lr=0.01))
    assert s.fast is None
    s.train_epochs(2)
    snap = s.snapshot()
    s.train_epochs(3)
    curve, state = {k: list(v) for k, v in s.history.items()}, s.model.state_dict()
    s.restore(snap)
    s.train_epochs(3)
    assert same_history(s.history, curve)
    assert all(torch.equal(v, state[k]) for k, v in s.model.state_dict().items())


def test_a_snapshot_does_not_change_the_run():
    c = Config(**SMALL, optimizer="adam", lr=0.01)
    a, b = Session(c), Session(c)
    a.train_epochs(2)
    b.train_epochs(2)
    a.snapshot()
    a.train_epochs(3)
    b.train_epochs(3)
    assert same_history(a.history, b.history)


def test_a_snapshot_is_a_copy():
    s = Session(Config(**SMALL))
    snap = s.snapshot()
    first = params(s)
    s.train_epochs(3)
    s.add_point(0.5, 0.5, 1)
    s.restore(snap)
    assert all(torch.equal(a, b) for a, b in zip(params(s), first))
    assert s.epoch == 0 and len(s.history["epoch"]) == 1 and len(s.X) == 100


def test_restore_weights_only_keeps_epoch_history_and_optimizer():
    s = Session(Config(**SMALL))
    s.train_epochs(2)
    snap, best = s.snapshot(), params(s)
    best_loss = s.evaluate(s.Xte, s.yte)[0]
    s.train_epochs(5)
    history = {k: list(v) for k, v in s.history.items()}
    s.restore(snap, weights_only=True)
    assert all(torch.equal(a, b) for a, b in zip(params(s), best))
    assert s.epoch == 7 and same_history(s.history, history)
    assert s.evaluate(s.Xte, s.yte)[0] == pytest.approx(best_loss, abs=1e-7)  # the fast path sees them too


def test_restore_refuses_what_it_cannot_restore():
    s = Session(Config(**SMALL))
    with pytest.raises(ValueError, match="restore needs a Snapshot"):
        s.restore({"model": {}})
    other = Session(Config(**SMALL).replace(hidden=(6,))).snapshot()
    with pytest.raises(ValueError, match="another network"):
        s.restore(other, weights_only=True)
    assert isinstance(other, Snapshot) and "epoch=0" in repr(other)


# -- given weights ---------------------------------------------------------------------------------
def direct_forward(weights, X, activation):
    """The oracle: the network written out in torch, layer by layer."""
    f = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid}[activation]
    h = torch.as_tensor(X, dtype=torch.float32)
    for k, layer in enumerate(weights):
        h = h @ torch.as_tensor(layer["W"], dtype=torch.float32).T + torch.as_tensor(layer["b"], dtype=torch.float32)
        if k < len(weights) - 1:
            h = f(h)
    return h


@pytest.mark.parametrize("path", list(PATHS))
@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
def test_loaded_weights_give_the_forward_of_a_direct_torch_forward(path, activation):
    s = PATHS[path](Session(Config(**SMALL, activation=activation)))
    rng = np.random.default_rng(3)
    given = [{"W": rng.normal(size=lin.weight.shape), "b": rng.normal(size=lin.bias.shape)} for lin in s.model.linears]
    s.train_epochs(1)
    s.load_weights(given)
    got = probes.weights(s)
    for g, w in zip(got, given):
        np.testing.assert_allclose(g["W"], w["W"], rtol=1e-6)
        np.testing.assert_allclose(g["b"], w["b"], rtol=1e-6)
    X2 = rng.uniform(-6, 6, (50, 2))
    logits = direct_forward(given, X2, activation)
    np.testing.assert_allclose(s.predict(X2), torch.sigmoid(logits[:, 0]).numpy(), rtol=1e-5, atol=1e-6)
    # the loss recorded for the new weights is the direct forward's loss (the fast path's arrays follow)
    train_logits = direct_forward(given, s.X[s.train_idx], activation)[:, 0]
    bce = torch.nn.functional.binary_cross_entropy_with_logits(train_logits, s.ytr).item()
    assert len(s.history["epoch"]) == 1 and s.history["train_loss"][-1] == pytest.approx(bce, rel=1e-5)
    s.train_epochs(1)  # and training goes on from them
    assert s.epoch == 2 and len(s.history["epoch"]) == 2


def test_load_weights_checks_the_shapes():
    s = Session(Config(**SMALL))
    with pytest.raises(ValueError, match="weights has 1 layers; this network has 3"):
        s.load_weights([{"W": np.zeros((4, 2)), "b": np.zeros(4)}])
    bad = probes.weights(s)
    bad[1]["W"] = np.zeros((3, 5))
    with pytest.raises(ValueError, match=r"layer 2: W \(3, 5\) .* needs W \(3, 4\)"):
        s.load_weights(bad)


# -- data sources ----------------------------------------------------------------------------------
def test_a_fixed_data_source_gives_exactly_the_given_data():
    rng = np.random.default_rng(0)
    X, y = rng.uniform(-5, 5, (30, 2)), rng.integers(0, 2, 30)
    train, test = np.arange(0, 30, 2), np.arange(1, 30, 2)[:10]
    c = Config(**SMALL, features=("x1", "x2", "x1sq"))
    s = Session(c, data=FixedData(X, y, train, test))
    np.testing.assert_array_equal(s.X, X)
    np.testing.assert_array_equal(s.y, y)
    np.testing.assert_array_equal(s.train_idx, train)
    np.testing.assert_array_equal(s.test_idx, test)
    F = datasets.feature_matrix(X, c.features).astype(np.float32)
    np.testing.assert_array_equal(s.Xtr.numpy(), F[train])
    np.testing.assert_array_equal(s.Xte.numpy(), F[test])
    np.testing.assert_array_equal(s.ytr.numpy(), y[train])
    X[0] = 99.0  # the source keeps its own copy
    s.train_epochs(2)
    s.apply(c.replace(n_points=500, seed=3))  # new data fields: the same given points
    assert s.X[0, 0] != 99.0 and len(s.X) == 30 and list(s.test_idx) == list(test)


def test_a_data_source_is_any_callable_of_the_config():
    seen = []

    def source(config):
        seen.append(config.seed)
        X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0], [0.0, 2.0]])
        return X, np.array([0, 1, 0, 1]), np.array([0, 1, 2]), np.array([3])

    s = Session(Config(**SMALL), data=source)
    s.apply(s.config.replace(seed=5))
    assert seen == [0, 5] and len(s.X) == 4


def test_the_default_source_is_the_config_s_dataset():
    c = Config(**SMALL)
    rng = np.random.default_rng(c.seed)
    X, y = datasets.make_dataset(c.dataset, c.n_points, noise=c.noise, seed=rng)
    train, test = datasets.split(y, c.train_fraction, seed=rng)
    s = Session(c)
    np.testing.assert_array_equal(s.X, X)
    np.testing.assert_array_equal(s.train_idx, train)
    np.testing.assert_array_equal(s.test_idx, test)


def test_fixed_data_checks_what_it_is_given():
    with pytest.raises(ValueError, match="X must be n × 2"):
        FixedData(np.zeros((4, 3)), np.zeros(4), [0], [1])
    with pytest.raises(ValueError, match="test_idx must be a list of point indices from 0 to 3"):
        FixedData(np.zeros((4, 2)), np.zeros(4), [0], [4])
