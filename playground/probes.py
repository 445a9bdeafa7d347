"""Probes: pure functions that look inside a session and return plain NumPy arrays.

They never change the weights, the optimizer or the batch-norm running statistics.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache

import numpy as np
import torch

from playground import data as datasets
from playground.activations import ACTIVATIONS
from playground.forward import forward
from playground.model import loss_fn, output_to_prediction


def _features(session, X2d):
    return torch.as_tensor(datasets.feature_matrix(X2d, session.config.features), dtype=torch.float32)


@contextmanager
def _inspecting(model, *, batch_stats=False):
    """Dropout off; batch norm on running statistics, or on batch statistics without updating them."""
    norms = list(model.norms) if model.norms is not None else []
    saved = [{k: v.clone() for k, v in bn.state_dict().items()} for bn in norms]
    was_training = model.training
    model.eval()
    for bn in norms:
        bn.train(batch_stats)
    try:
        yield
    finally:
        model.train(was_training)
        for bn, state in zip(norms, saved):
            bn.load_state_dict(state)


def grid_points(bounds=(-6.0, 6.0), resolution=100):
    """``(xs, ys, P)``: axis values and the ``resolution²`` points, row by row (y outer, x inner)."""
    if isinstance(resolution, bool) or not isinstance(resolution, (int, np.integer)) or not 2 <= resolution <= 400:
        raise ValueError(f"resolution={resolution!r} is not allowed; it must be a whole number from 2 to 400")
    lo, hi = bounds
    if not lo < hi:
        raise ValueError(f"bounds={bounds!r} are not allowed; the lower bound must be below the upper")
    xs = np.linspace(lo, hi, resolution)
    gx, gy = np.meshgrid(xs, xs)
    return xs, xs.copy(), np.column_stack([gx.ravel(), gy.ravel()])


@lru_cache(maxsize=16)
def _grid_features(bounds, resolution, features):
    """``(xs, P, F)`` of ``grid_points`` and the features of its points, one point per column
    (features × points, float32), kept for the next frame: the same grid is asked for many times a second."""
    xs, _, P = grid_points(bounds, resolution)
    F = np.ascontiguousarray(datasets.feature_matrix(P, features).T, dtype=np.float32)
    for a in (xs, P, F):
        a.flags.writeable = False
    return xs, P, F


def _grid_outputs(session, bounds, resolution):
    """``(xs, F, outputs)``: the grid's features (features × points) and every layer's output over it, one
    row per neuron, the prediction last (P(y=1), class probabilities or value). Without batch norm, one
    NumPy pass (``forward``, float32 like the model); with it, the model (its running statistics)."""
    c = session.config
    xs, P, F = _grid_features(tuple(map(float, bounds)), resolution, tuple(c.features))
    model = session.model
    if model.norms is None:  # dropout is off when probing: the plain forward pass is the model's
        layers = [(lin.weight.detach().numpy(), lin.bias.detach().numpy()) for lin in model.linears]
        logits, hidden = forward(layers, F, c.activation, residual=model.residual, columns=True)
        posts = [out for _, _, out in hidden]
        pred = output_to_prediction(torch.from_numpy(logits.T), c.problem).numpy().T
    else:
        values = layer_values(session, P)
        posts = [v["post"].T for v in values["layers"][:-1]]
        pred = values["layers"][-1]["post"].T
    return xs, F, posts + [pred.reshape(-1, P.shape[0])]


def decision_grid(session, resolution=100, bounds=None):
    """The model's output over the input plane.

    Returns ``xs``, ``ys`` and ``z`` (resolution × resolution, ``z[i, j]`` at ``(xs[j], ys[i])``):
    P(y=1) for binary problems, the most likely class for multi-class (with ``proba``,
    resolution × resolution × K) and the predicted value for regression.
    """
    bounds = bounds or session.bounds
    xs, _, outputs = _grid_outputs(session, bounds, resolution)
    pred = outputs[-1]
    out = {"xs": xs.copy(), "ys": xs.copy()}
    if session.config.problem == "multiclass":
        out["proba"] = pred.T.reshape(resolution, resolution, -1)
        out["z"] = pred.argmax(axis=0).reshape(resolution, resolution)
    else:
        out["z"] = pred.reshape(resolution, resolution)
    return out


@torch.no_grad()
def layer_values(session, X2d):
    """For 2-D points, every layer's ``pre`` (W a + b, after batch norm) and ``post`` values.

    A list with one dict per hidden layer and a last one for the output (``post`` there is the
    prediction: probability, class probabilities or value). ``inputs`` holds the features.
    """
    model, F = session.model, _features(session, X2d)
    trace = []
    with _inspecting(model):
        model(F, trace)
    layers = [{"pre": pre.numpy(), "post": post.numpy()} for pre, post in trace[:-1]]
    logits = trace[-1][0]
    layers.append({"pre": logits.numpy(), "post": output_to_prediction(logits, session.config.problem).numpy()})
    return {"inputs": F.numpy(), "layers": layers}


def neuron_grids(session, resolution=30, bounds=None):
    """Each neuron's output over the input plane: ``inputs`` (F×r×r) and ``layers`` [(width×r×r), ...].

    The last entry is the output layer's prediction (for binary: P(y=1)).
    """
    bounds = bounds or session.bounds
    xs, F, outputs = _grid_outputs(session, bounds, resolution)
    shape = lambda a: a.reshape(len(a), resolution, resolution)  # noqa: E731  one row per neuron: no copy
    return {"xs": xs.copy(), "ys": xs.copy(), "inputs": shape(F), "layers": [shape(o) for o in outputs]}


def grad_stats(session, X=None, y=None):
    """Per layer (hidden layers, then the output): ``weight_grad_norm`` = ‖∂L/∂W‖ and
    ``act_grad_mean_abs`` = mean |∂L/∂a| of the layer's output, for the data loss on the
    training set (or on feature tensor ``X`` with targets ``y``). Dropout is off; batch norm uses
    batch statistics as in training, without updating its running statistics."""
    c, model = session.config, session.model
    X = session.Xtr if X is None else X
    y = session.ytr if y is None else y
    weights = [lin.weight for lin in model.linears]
    with torch.enable_grad(), _inspecting(model, batch_stats=True):
        trace = []
        loss = loss_fn(model(X, trace), y, c.problem, c.loss)
        outs = [post for _, post in trace]
        grads = torch.autograd.grad(loss, weights + outs, allow_unused=True)
    gw, ga = grads[:len(weights)], grads[len(weights):]
    return {
        "weight_grad_norm": np.array([g.norm().item() for g in gw]),
        "act_grad_mean_abs": np.array([g.abs().mean().item() if g is not None else 0.0 for g in ga]),
        "loss": loss.item(),
    }


QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


@torch.no_grad()
def activation_stats(session, X2d=None):
    """Per hidden layer: mean, std, quantiles (5, 25, 50, 75, 95 %) of the activations f(W a + b),
    ``dead_frac`` (neurons whose pre-activation is ≤ 0 for every point: dead for ReLU) and
    ``saturated_frac`` (share of values in a flat end of sigmoid or tanh) on the training points.
    What dead and saturated mean is the activation's (``playground.activations``)."""
    c = session.config
    info = ACTIVATIONS[c.activation]
    F = session.Xtr if X2d is None else _features(session, X2d)
    trace = []
    with _inspecting(session.model):
        session.model(F, trace)
    act = session.model.act
    rows = {k: [] for k in ("mean", "std", "quantiles", "dead_frac", "saturated_frac")}
    for pre, _ in trace[:-1]:
        a = act(pre)
        rows["mean"].append(a.mean().item())
        rows["std"].append(a.std().item() if a.numel() > 1 else 0.0)
        rows["quantiles"].append(torch.quantile(a.flatten(), torch.tensor(QUANTILES)).numpy())
        dead = (pre <= 0).all(dim=0).float().mean().item() if info.dies else 0.0
        rows["dead_frac"].append(dead)
        lo, hi = info.saturated or (-np.inf, np.inf)
        rows["saturated_frac"].append(((a <= lo) | (a >= hi)).float().mean().item())
    return {k: np.array(v) for k, v in rows.items()}


def weights(session):
    """Copies of every linear layer's ``W`` (out × in) and ``b``."""
    return [{"W": lin.weight.detach().numpy().copy(), "b": lin.bias.detach().numpy().copy()}
            for lin in session.model.linears]


def classification_metrics(y_true, y_pred, n_classes):
    """Confusion matrix (rows: true class, columns: predicted), accuracy, per-class precision and
    recall (scikit-learn's numbers, in NumPy: tests/test_sklearn_equivalents.py; a class never
    predicted has precision 0)."""
    y_true, y_pred = np.asarray(y_true).astype(int), np.asarray(y_pred).astype(int)
    confusion = np.zeros((n_classes, n_classes), dtype=np.int64)
    known = (y_true >= 0) & (y_true < n_classes) & (y_pred >= 0) & (y_pred < n_classes)
    np.add.at(confusion, (y_true[known], y_pred[known]), 1)
    hits = np.diag(confusion).astype(float)
    predicted, actual = confusion.sum(axis=0), confusion.sum(axis=1)
    return {
        "confusion": confusion,
        "accuracy": float(np.mean(y_true == y_pred)) if len(y_true) else 0.0,
        "precision": np.divide(hits, predicted, out=np.zeros(n_classes), where=predicted > 0),
        "recall": np.divide(hits, actual, out=np.zeros(n_classes), where=actual > 0),
    }


def session_metrics(session, split="test", threshold=0.5):
    """``classification_metrics`` of the session's predictions on its ``"train"`` or ``"test"`` points."""
    if session.config.problem == "regression":
        raise ValueError("metrics need a classification problem; this session does regression")
    if split not in ("train", "test"):
        raise ValueError(f"split={split!r} is not allowed; choose train or test")
    idx = session.train_idx if split == "train" else session.test_idx
    pred = session.predict(session.X[idx])
    labels = (pred >= threshold).astype(int) if pred.ndim == 1 else pred.argmax(axis=1)
    return classification_metrics(session.y[idx].astype(int), labels, session.config.n_classes)
