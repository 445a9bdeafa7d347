"""Probes against independent oracles: our own forward passes, torch.autograd.grad and scikit-learn."""

import copy

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from playground import probes
from playground.config import Config
from playground.data import DATASETS, feature_matrix
from playground.session import Session

ACT = {  # our own activations (NumPy and torch), not the model's modules
    "linear": (lambda z: z, lambda z: z),
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), torch.sigmoid),
    "tanh": (np.tanh, torch.tanh),
    "relu": (lambda z: np.maximum(z, 0), lambda z: torch.clamp(z, min=0)),
}


def numpy_forward(session, X2d):
    """Every layer's (pre, post) from probes.weights and the batch-norm running statistics, in NumPy float64."""
    c = session.config
    f = ACT[c.activation][0]
    h = feature_matrix(X2d, c.features)
    layers = probes.weights(session)
    out = []
    for i, layer in enumerate(layers[:-1]):
        pre = h @ layer["W"].T.astype(float) + layer["b"]
        if c.batch_norm:
            bn = session.model.norms[i]
            mean, var = bn.running_mean.numpy(), bn.running_var.numpy()
            pre = (pre - mean) / np.sqrt(var + bn.eps) * bn.weight.detach().numpy() + bn.bias.detach().numpy()
        post = f(pre)
        if c.residual and post.shape == h.shape:
            post = post + h
        out.append((pre, post))
        h = post
    logits = h @ layers[-1]["W"].T.astype(float) + layers[-1]["b"]
    if c.problem == "binary":
        pred = 1 / (1 + np.exp(-logits[:, 0]))
    elif c.problem == "multiclass":
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        pred = e / e.sum(axis=1, keepdims=True)
    else:
        pred = logits[:, 0]
    out.append((logits, pred))
    return out


def autograd_stats(session):
    """Weight-gradient norms and mean |∂L/∂a| from our own torch forward over copies of the weights."""
    c, model = session.config, session.model
    f = ACT[c.activation][1]
    Ws = [lin.weight.detach().clone().requires_grad_() for lin in model.linears]
    bs = [lin.bias.detach().clone() for lin in model.linears]
    h, outs = session.Xtr, []
    for i in range(len(Ws) - 1):
        pre = h @ Ws[i].T + bs[i]
        if c.batch_norm:  # batch statistics, biased variance, as in training
            bn = model.norms[i]
            mean, var = pre.mean(dim=0), pre.var(dim=0, unbiased=False)
            pre = (pre - mean) / torch.sqrt(var + bn.eps) * bn.weight.detach() + bn.bias.detach()
        post = f(pre)
        if c.residual and post.shape == h.shape:
            post = post + h
        outs.append(post)
        h = post  # dropout off
    logits = h @ Ws[-1].T + bs[-1]
    outs.append(logits)
    y = session.ytr
    if c.problem == "binary":
        loss = F.binary_cross_entropy_with_logits(logits[:, 0], y) if c.loss == "bce" else \
            ((torch.sigmoid(logits[:, 0]) - y) ** 2).mean()
    elif c.problem == "multiclass":
        loss = F.cross_entropy(logits, y)
    else:
        loss = ((logits[:, 0] - y) ** 2).mean()
    grads = torch.autograd.grad(loss, Ws + outs)
    return (np.array([g.norm().item() for g in grads[:len(Ws)]]),
            np.array([g.abs().mean().item() for g in grads[len(Ws):]]), loss.item())


NETS = {
    "plain": dict(hidden=(5, 4, 3)),
    "residual": dict(hidden=(2, 4, 4, 4), residual=True),
    "batch-norm": dict(hidden=(5, 4, 3), batch_norm=True),
    "bn-residual-dropout": dict(hidden=(4, 4, 4), batch_norm=True, residual=True, dropout=0.3),
    "relu-multiclass": dict(dataset="blobs", hidden=(6, 6), activation="relu", init="he"),
    "sigmoid-regression": dict(dataset="plane", hidden=(3, 3), activation="sigmoid", residual=True),
    "binary-mse": dict(hidden=(4,), loss="mse"),
}


def make(name, epochs=3, **more):
    s = Session(Config(n_points=120, noise=0.1).replace(**NETS[name], **more))
    s.train_epochs(epochs)  # not the initial state: trained weights, moved running statistics, optimizer state
    return s


@pytest.mark.parametrize("name", list(NETS))
def test_grad_stats_equal_autograd(name):
    s = make(name)
    stats = probes.grad_stats(s)
    weight_norms, act_means, loss = autograd_stats(s)
    assert stats["weight_grad_norm"].shape == (len(s.config.layer_sizes) - 1,)
    np.testing.assert_allclose(stats["weight_grad_norm"], weight_norms, rtol=1e-4, atol=1e-8)
    np.testing.assert_allclose(stats["act_grad_mean_abs"], act_means, rtol=1e-4, atol=1e-9)
    assert stats["loss"] == pytest.approx(loss, rel=1e-5)
    assert (stats["weight_grad_norm"] > 0).all()


def test_grad_stats_on_other_data():
    s = make("plain")
    X, y = s.Xte, s.yte
    stats = probes.grad_stats(s, X, y)
    s.Xtr, s.ytr = X, y  # the oracle reads the training tensors
    weight_norms, act_means, _ = autograd_stats(s)
    np.testing.assert_allclose(stats["weight_grad_norm"], weight_norms, rtol=1e-4)
    np.testing.assert_allclose(stats["act_grad_mean_abs"], act_means, rtol=1e-4)


def test_vanishing_gradients_show_in_a_deep_sigmoid_net():
    s = Session(Config(hidden=(8,) * 10, activation="sigmoid"))
    g = probes.grad_stats(s)["weight_grad_norm"]
    assert g[0] < g[-2] / 100  # toward the input the gradient is much smaller


@pytest.mark.parametrize("name", list(NETS))
def test_decision_grid_equals_a_direct_forward(name):
    s = make(name)
    res = 21
    grid = probes.decision_grid(s, res)
    lo, hi = DATASETS[s.config.dataset].bounds
    xs = np.linspace(lo, hi, res)
    np.testing.assert_allclose(grid["xs"], xs)
    np.testing.assert_allclose(grid["ys"], xs)
    # z[i, j] is at (xs[j], ys[i]): build the points in our own order and compare point by point
    points = np.array([[xs[j], xs[i]] for i in range(res) for j in range(res)])
    pred = numpy_forward(s, points)[-1][1]
    if s.config.problem == "multiclass":
        proba = pred.reshape(res, res, -1)
        np.testing.assert_allclose(grid["proba"], proba, atol=1e-5)
        agree = grid["z"] == proba.argmax(axis=2)
        assert agree.mean() > 0.99  # ties at float precision may differ
        assert grid["z"].shape == (res, res)
    else:
        np.testing.assert_allclose(grid["z"], pred.reshape(res, res), rtol=1e-4, atol=1e-5)
    # a point anywhere: the grid value at (xs[3], ys[17])
    one = numpy_forward(s, np.array([[xs[3], xs[17]]]))[-1][1]
    if s.config.problem != "multiclass":
        assert grid["z"][17, 3] == pytest.approx(one[0], rel=1e-4, abs=1e-5)


def test_decision_grid_bounds_and_errors():
    s = make("plain", epochs=0)
    g = probes.decision_grid(s, 5, bounds=(-1.0, 1.0))
    np.testing.assert_allclose(g["xs"], [-1, -0.5, 0, 0.5, 1])
    gate = Session(Config(dataset="gate_and", hidden=(2,)))
    assert probes.decision_grid(gate, 3)["xs"].tolist() == [-0.5, 0.5, 1.5]
    for bad in (1, 401, 2.5, True):
        with pytest.raises(ValueError, match=r"resolution=.*whole number from 2 to 400"):
            probes.decision_grid(s, bad)
    with pytest.raises(ValueError, match=r"bounds=.*lower bound must be below the upper"):
        probes.grid_points((1.0, 1.0), 10)


@pytest.mark.parametrize("name", list(NETS))
def test_layer_values_equal_our_forward(name):
    s = make(name)
    P = np.random.default_rng(0).uniform(-6, 6, (37, 2))
    values = probes.layer_values(s, P)
    np.testing.assert_allclose(values["inputs"], feature_matrix(P, s.config.features), rtol=1e-6)
    ours = numpy_forward(s, P)
    assert len(values["layers"]) == len(ours) == len(s.config.layer_sizes) - 1
    for got, (pre, post), width in zip(values["layers"], ours, s.config.layer_sizes[1:]):
        np.testing.assert_allclose(got["pre"], pre, rtol=1e-4, atol=1e-5)
        np.testing.assert_allclose(got["post"], post, rtol=1e-4, atol=1e-5)
        assert got["pre"].shape == (37, width)


@pytest.mark.parametrize("name", ["plain", "relu-multiclass", "bn-residual-dropout", "sigmoid-regression"])
def test_neuron_grids_shapes_and_values(name):
    s = make(name)
    res = 9
    grids = probes.neuron_grids(s, res)
    c = s.config
    assert grids["inputs"].shape == (len(c.features), res, res)
    assert [g.shape for g in grids["layers"]] == [(w, res, res) for w in c.layer_sizes[1:]]
    xs = grids["xs"]
    np.testing.assert_allclose(grids["inputs"][0], np.tile(xs, (res, 1)))  # x1 varies along a row
    np.testing.assert_allclose(grids["inputs"][1], np.tile(xs[:, None], (1, res)))
    points = np.array([[xs[j], xs[i]] for i in range(res) for j in range(res)])
    ours = numpy_forward(s, points)
    for grid, (_, post) in zip(grids["layers"], ours):
        post = post if post.ndim == 2 else post[:, None]
        for neuron in range(grid.shape[0]):
            np.testing.assert_allclose(grid[neuron], post[:, neuron].reshape(res, res), rtol=1e-4, atol=1e-5)


def test_activation_stats_dead_relu_neuron():
    s = Session(Config(hidden=(4, 4), activation="relu", n_points=200))
    with torch.no_grad():
        s.model.linears[0].bias[2] = -1e3  # neuron 2 of layer 1 is off for every point
    stats = probes.activation_stats(s)
    pre0 = numpy_forward(s, s.X[s.train_idx])[0][0]
    assert (pre0[:, 2] <= 0).all()
    expected = [(layer[0] <= 0).all(axis=0).mean() for layer in numpy_forward(s, s.X[s.train_idx])[:-1]]
    np.testing.assert_allclose(stats["dead_frac"], expected)
    assert stats["dead_frac"][0] == 0.25
    assert stats["saturated_frac"].tolist() == [0.0, 0.0]  # ReLU has no flat ends


def test_activation_stats_saturated_sigmoid():
    s = Session(Config(hidden=(6, 6), activation="sigmoid", n_points=200))
    assert (probes.activation_stats(s)["saturated_frac"] < 0.1).all()  # the usual initialisation: hardly any
    with torch.no_grad():
        for lin in s.model.linears:
            lin.weight.mul_(200)
    stats = probes.activation_stats(s)
    ours = numpy_forward(s, s.X[s.train_idx])[:-1]
    expected = [((post <= 0.01) | (post >= 0.99)).mean() for _, post in ours]
    np.testing.assert_allclose(stats["saturated_frac"], expected, atol=1e-6)
    assert (stats["saturated_frac"] > 0.8).all()
    assert stats["dead_frac"].tolist() == [0.0, 0.0]  # dead is a ReLU notion


@pytest.mark.parametrize("name", ["plain", "batch-norm", "sigmoid-regression"])
def test_activation_stats_summaries(name):
    s = make(name)
    P = np.random.default_rng(1).uniform(-6, 6, (50, 2))
    stats = probes.activation_stats(s, P)
    f = ACT[s.config.activation][0]
    for k, (pre, _) in enumerate(numpy_forward(s, P)[:-1]):
        a = f(pre)  # f(W a + b): before the residual connection
        assert stats["mean"][k] == pytest.approx(a.mean(), rel=1e-4, abs=1e-6)
        assert stats["std"][k] == pytest.approx(a.std(ddof=1), rel=1e-4, abs=1e-6)
        np.testing.assert_allclose(stats["quantiles"][k], np.quantile(a, probes.QUANTILES), rtol=1e-4, atol=1e-5)


def snapshot(s):
    state = {
        "model": copy.deepcopy(s.model.state_dict()),
        "optimizer": copy.deepcopy(s.optimizer.state_dict()),
        "training": [m.training for m in s.model.modules()],
        "fast": None if s.fast is None else copy.deepcopy((s.fast.t, s.fast.state)),
        "history": copy.deepcopy(s.history),
        "grads": [None if p.grad is None else p.grad.clone() for p in s.model.parameters()],
        "rng": torch.get_rng_state(),
    }
    return state


def same(a, b):
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if a is None or b is None:
        return a is b
    if isinstance(a, torch.Tensor):
        return torch.equal(a, b)
    if isinstance(a, np.ndarray):
        return np.array_equal(a, b, equal_nan=True)
    return a == b or (a != a and b != b)


@pytest.mark.parametrize("name", ["plain", "batch-norm", "bn-residual-dropout", "relu-multiclass"])
@pytest.mark.parametrize("optimizer", ["adam", "momentum"])
def test_probes_change_nothing(name, optimizer):
    s = make(name, optimizer=optimizer, lr=0.01)
    before = snapshot(s)
    P = np.random.default_rng(2).uniform(-6, 6, (20, 2))
    probes.decision_grid(s, 12)
    probes.layer_values(s, P)
    probes.neuron_grids(s, 8)
    probes.grad_stats(s)
    probes.grad_stats(s, s.Xte, s.yte)
    probes.activation_stats(s)
    probes.activation_stats(s, P)
    probes.weights(s)[0]["W"][:] = 99  # copies
    if s.config.problem != "regression":
        probes.session_metrics(s, "train")
        probes.session_metrics(s, "test")
    after = snapshot(s)
    assert same(before, after)
    # and training continues exactly as a session that was never probed
    twin = make(name, optimizer=optimizer, lr=0.01)
    s.train_epochs(2)
    twin.train_epochs(2)
    assert same(s.model.state_dict(), twin.model.state_dict())


def test_weights_are_copies_with_the_right_shapes():
    s = make("plain", epochs=0)
    ws = probes.weights(s)
    assert [w["W"].shape for w in ws] == [(5, 2), (4, 5), (3, 4), (1, 3)]
    assert [w["b"].shape for w in ws] == [(5,), (4,), (3,), (1,)]
    for w, lin in zip(ws, s.model.linears):
        np.testing.assert_array_equal(w["W"], lin.weight.detach().numpy())
        assert not np.shares_memory(w["W"], lin.weight.detach().numpy())


# -- metrics ---------------------------------------------------------------------------------------
def test_classification_metrics_hand_computed():
    m = probes.classification_metrics([0, 0, 1, 1, 2], [0, 1, 1, 1, 0], 3)
    np.testing.assert_array_equal(m["confusion"], [[1, 1, 0], [0, 2, 0], [1, 0, 0]])
    assert m["accuracy"] == pytest.approx(3 / 5)
    np.testing.assert_allclose(m["precision"], [1 / 2, 2 / 3, 0])  # class 2 is never predicted
    np.testing.assert_allclose(m["recall"], [1 / 2, 1, 0])


@pytest.mark.parametrize("k", [2, 3, 5])
def test_classification_metrics_equal_scikit_learn_and_numpy(k):
    from sklearn.metrics import confusion_matrix, precision_score, recall_score
    rng = np.random.default_rng(k)
    for _ in range(10):
        y_true, y_pred = rng.integers(0, k, 60), rng.integers(0, k, 60)
        m = probes.classification_metrics(y_true, y_pred, k)
        labels = list(range(k))
        np.testing.assert_array_equal(m["confusion"], confusion_matrix(y_true, y_pred, labels=labels))
        np.testing.assert_allclose(m["precision"], precision_score(y_true, y_pred, labels=labels, average=None, zero_division=0))
        np.testing.assert_allclose(m["recall"], recall_score(y_true, y_pred, labels=labels, average=None, zero_division=0))
        # and by counting, without scikit-learn
        counts = np.zeros((k, k), int)
        np.add.at(counts, (y_true, y_pred), 1)
        np.testing.assert_array_equal(m["confusion"], counts)
        assert m["accuracy"] == pytest.approx(np.trace(counts) / 60)
        with np.errstate(invalid="ignore", divide="ignore"):
            np.testing.assert_allclose(m["precision"], np.nan_to_num(np.diag(counts) / counts.sum(axis=0)))
            np.testing.assert_allclose(m["recall"], np.nan_to_num(np.diag(counts) / counts.sum(axis=1)))


@pytest.mark.parametrize("dataset", ["circle", "blobs"])
def test_session_metrics_match_the_predictions(dataset):
    s = Session(Config(n_points=150).replace(dataset=dataset, hidden=(5,)))
    s.train_epochs(5)
    for split, idx in (("train", s.train_idx), ("test", s.test_idx)):
        m = probes.session_metrics(s, split)
        pred = numpy_forward(s, s.X[idx])[-1][1]
        labels = (pred >= 0.5).astype(int) if pred.ndim == 1 else pred.argmax(axis=1)
        counts = np.zeros((s.config.n_classes,) * 2, int)
        np.add.at(counts, (s.y[idx], labels), 1)
        np.testing.assert_array_equal(m["confusion"], counts)
        assert m["confusion"].sum() == len(idx)
    hist_acc = s.history["test_acc"][-1]
    assert probes.session_metrics(s)["accuracy"] == pytest.approx(hist_acc, abs=1e-6)
    with pytest.raises(ValueError, match=r"split='validation' is not allowed; choose train or test"):
        probes.session_metrics(s, "validation")


def test_session_metrics_need_classification():
    s = Session(Config().replace(dataset="plane"))
    with pytest.raises(ValueError, match=r"metrics need a classification problem"):
        probes.session_metrics(s)
