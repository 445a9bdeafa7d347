"""Backpropagation of one training example, one node of the computation graph at a time, in NumPy
(float64). The mirror of ``neuron.forward_steps``: the forward pass is that function's; the backward
pass walks from the loss to the first layer's weights and records, for every node, the local
derivative, the gradient arriving from above, their product (the chain rule) and the value of the
forward pass it reuses. ``tests/test_backprop.py`` checks every number against ``torch.autograd``.

The network: ``weights = [{"W": out × in, "b": out}, ...]`` (as ``probes.weights``), hidden layers
with ``activation``, one sigmoid output ``ŷ = σ(z)`` and the loss ``bce`` (−y log ŷ − (1−y) log(1−ŷ))
or ``mse`` ((ŷ − y)²) of a label ``y`` in {0, 1}, as ``model.loss`` for a binary problem.

>>> w = [{"W": [[0.5, -1.0]], "b": [0.0]}]
>>> steps = backward_steps(w, [1.0, 1.0], 1, "tanh", "bce")["steps"]
>>> [s["kind"] for s in steps]
['loss', 'p', 'z', 'W', 'W', 'b']
>>> round(steps[2]["grad"], 4)   # ∂L/∂z = ŷ − y for BCE with a sigmoid
-0.6225
"""

from __future__ import annotations

import numpy as np

from playground.activations import get
from playground.forward import forward
from playground.neuron import sigmoid

LOSSES = ("bce", "mse")
_EPS = 1e-12


def _layers(weights):
    return [(np.asarray(w["W"], float), np.asarray(w["b"], float).ravel()) for w in weights]


def _check(y, loss):
    if loss not in LOSSES:
        raise ValueError(f"loss={loss!r} is not allowed; choose one of {', '.join(LOSSES)}")
    if y not in (0, 1):
        raise ValueError(f"y={y!r} is not allowed; choose 0 or 1")


def loss_of(p, y, loss):
    """The loss of one prediction ``p`` = ŷ for the label ``y``."""
    if loss == "bce":
        q = min(max(p, _EPS), 1 - _EPS)
        return -(y * np.log(q) + (1 - y) * np.log(1 - q))
    return (p - y) ** 2


def example_loss(weights, x, y, activation="sigmoid", loss="bce"):
    """L of the network ``weights`` on the one example ``(x, y)``: a forward pass and the loss."""
    _check(y, loss)
    logits, _ = forward(_layers(weights), np.asarray(x, float).ravel()[None, :], activation)
    return float(loss_of(float(sigmoid(logits[0, 0])), y, loss))


def backward_steps(weights, x, y, activation="sigmoid", loss="bce"):
    """The forward pass and the backward pass of one example, node by node.

    Returns ``{"x", "zs", "as", "p", "loss", "grads", "steps"}``: the input, per layer l = 1..L the forward values
    ``zs[l-1]`` and ``as[l-1]`` (the output layer's ``a`` is ŷ), ``p`` = ŷ, the loss, ``grads``
    (per layer ``{"W", "b", "z", "a"}``: ∂L/∂ of each) and ``steps`` in the order backpropagation
    computes them. A step is ``{"kind", "l", "j", "i", "value", "grad", "terms", "reuse"}``:

    - ``kind`` "loss" (L), "p" (ŷ), "z" (z(l)_j), "a" (a(l)_i), "W" (W(l)_ji) or "b" (b(l)_j);
    - ``terms``: the chain rule, ``grad = Σ local · upstream``, one ``{"local", "upstream", "via"}``
      per node the gradient arrives from (``via`` = that node's ``(kind, l, index)``); one term but
      for a hidden value ``a``, which feeds every neuron of the next layer;
    - ``reuse``: ``(kind, l, index, value)`` of the forward pass the local derivative is made of
      (ŷ for σ', z or a for f', a(l-1)_i for ∂z/∂W, W(l+1)_ji for ∂z/∂a), or None.
    """
    _check(y, loss)
    layers = _layers(weights)
    act = get(activation)
    x = np.asarray(x, float).ravel()
    logits, hidden = forward(layers, x[None, :], activation)
    zs = [z[0] for z, _, _ in hidden] + [logits[0]]
    p = float(sigmoid(logits[0, 0]))
    as_ = [a[0] for _, a, _ in hidden] + [np.array([p])]
    L = len(layers)
    prev = [x] + as_[:-1]  # a(l-1) of each layer l

    value = float(loss_of(p, y, loss))
    q = min(max(p, _EPS), 1 - _EPS)
    dL_dp = (q - y) / (q * (1 - q)) if loss == "bce" else 2 * (p - y)
    steps = [{"kind": "loss", "l": L, "j": 0, "i": None, "value": value, "grad": 1.0, "terms": [], "reuse": None},
             {"kind": "p", "l": L, "j": 0, "i": None, "value": p, "grad": dL_dp,
              "terms": [{"local": dL_dp, "upstream": 1.0, "via": ("loss", L, 0)}], "reuse": ("p", L, 0, p)}]
    dz = np.array([dL_dp * p * (1 - p)])
    steps.append({"kind": "z", "l": L, "j": 0, "i": None, "value": float(zs[-1][0]), "grad": float(dz[0]),
                  "terms": [{"local": p * (1 - p), "upstream": dL_dp, "via": ("p", L, 0)}], "reuse": ("p", L, 0, p)})
    for l in range(L, 0, -1):
        W, _ = layers[l - 1]
        a_in = prev[l - 1]
        gW = np.outer(dz, a_in)
        for j in range(W.shape[0]):
            for i in range(W.shape[1]):
                steps.append({"kind": "W", "l": l, "j": j, "i": i, "value": float(W[j, i]), "grad": float(gW[j, i]),
                              "terms": [{"local": float(a_in[i]), "upstream": float(dz[j]), "via": ("z", l, j)}],
                              "reuse": ("x" if l == 1 else "a", l - 1, i, float(a_in[i]))})
            steps.append({"kind": "b", "l": l, "j": j, "i": None, "value": float(layers[l - 1][1][j]),
                          "grad": float(dz[j]), "terms": [{"local": 1.0, "upstream": float(dz[j]), "via": ("z", l, j)}],
                          "reuse": None})
        if l == 1:
            break
        da = W.T @ dz
        z_in, a_val = zs[l - 2], as_[l - 2]
        for i in range(W.shape[1]):
            steps.append({"kind": "a", "l": l - 1, "j": i, "i": None, "value": float(a_val[i]), "grad": float(da[i]),
                          "terms": [{"local": float(W[j, i]), "upstream": float(dz[j]), "via": ("z", l, j)}
                                    for j in range(W.shape[0])],
                          "reuse": ("W", l, i, None)})
        local = act.derivative(z_in, a_val)
        dz = da * local
        for i in range(W.shape[1]):
            reuse = ("a", l - 1, i, float(a_val[i])) if activation in ("sigmoid", "tanh") else \
                ("z", l - 1, i, float(z_in[i]))
            steps.append({"kind": "z", "l": l - 1, "j": i, "i": None, "value": float(z_in[i]), "grad": float(dz[i]),
                          "terms": [{"local": float(local[i]), "upstream": float(da[i]), "via": ("a", l - 1, i)}],
                          "reuse": reuse})
    return {"x": x, "zs": zs, "as": as_, "p": p, "loss": value, "grads": _merge_grads(steps, layers), "steps": steps}


def _merge_grads(steps, layers):
    """Per layer ``{"W", "b", "z", "a"}`` arrays gathered from the steps (``a`` of the output: ŷ)."""
    out = [{"W": np.zeros_like(W), "b": np.zeros_like(b), "z": np.zeros_like(b), "a": np.zeros_like(b)}
           for W, b in layers]
    for s in steps:
        g = out[s["l"] - 1] if s["kind"] != "loss" else None
        if s["kind"] == "W":
            g["W"][s["j"], s["i"]] = s["grad"]
        elif s["kind"] in ("b", "z", "a"):
            g[s["kind"]][s["j"]] = s["grad"]
        elif s["kind"] == "p":
            g["a"][0] = s["grad"]
    return out


def numeric_gradients(weights, x, y, activation="sigmoid", loss="bce", *, eps=1e-6):
    """∂L/∂ of every weight, bias and node by central finite differences, (L(v+ε) − L(v−ε)) / 2ε,
    one at a time: the check that needs no calculus. Per layer ``{"W", "b", "z", "a"}`` as
    ``backward_steps``'s ``grads`` (the output layer's ``a`` is ŷ): a node is nudged in the forward
    pass and the layers after it are computed again from there."""
    _check(y, loss)
    layers = [(np.array(W), np.array(b)) for W, b in _layers(weights)]
    x = np.asarray(x, float).ravel()
    out = []
    for l, (W, b) in enumerate(layers, 1):
        g = {"W": np.zeros_like(W), "b": np.zeros_like(b), "z": np.zeros_like(b), "a": np.zeros_like(b)}
        for key, array in (("W", W), ("b", b)):
            for idx in np.ndindex(array.shape):
                keep = array[idx]
                array[idx] = keep + eps
                up = _nudged_loss(layers, x, y, activation, loss)
                array[idx] = keep - eps
                down = _nudged_loss(layers, x, y, activation, loss)
                array[idx] = keep
                g[key][idx] = (up - down) / (2 * eps)
        for key in ("z", "a"):
            for j in range(len(b)):
                up = _nudged_loss(layers, x, y, activation, loss, (key, l, j, eps))
                down = _nudged_loss(layers, x, y, activation, loss, (key, l, j, -eps))
                g[key][j] = (up - down) / (2 * eps)
        out.append(g)
    return out


def _nudged_loss(layers, x, y, activation, loss, nudge=None):
    """The loss of one forward pass in which the node ``nudge = (kind, l, j, δ)`` ("z" or "a" of
    layer l, neuron j) is moved by δ before the next layers use it."""
    act, a, L = get(activation), x, len(layers)
    for l, (W, b) in enumerate(layers, 1):
        z = W @ a + b
        if nudge is not None and nudge[:2] == ("z", l):
            z[nudge[2]] += nudge[3]
        a = sigmoid(z) if l == L else act.value(z)
        if nudge is not None and nudge[:2] == ("a", l):
            a[nudge[2]] += nudge[3]
    return float(loss_of(float(a[0]), y, loss))


def sgd_update(weights, grads, lr):
    """One gradient-descent step on the example: ``W ← W − lr·∂L/∂W``, ``b ← b − lr·∂L/∂b``."""
    return [{"W": W - lr * g["W"], "b": b - lr * g["b"]} for (W, b), g in zip(_layers(weights), grads)]


def chain(depth, *, w=1.0, b=0.0, x=1.0, y=1, activation="sigmoid"):
    """A chain of one neuron per layer (``depth`` hidden layers, every weight ``w`` and bias ``b``,
    a sigmoid output, BCE): per hidden layer l = 1..depth ``{"l", "z", "slope", "grad"}`` with
    ``slope`` = f'(z(l)) and ``grad`` = ∂L/∂z(l), which is the output's ∂L/∂z times, for every
    layer above l, its ``w · f'(z)``: with the sigmoid each factor is at most w / 4."""
    if not 1 <= int(depth) <= 30:
        raise ValueError(f"depth={depth!r} is not allowed; choose 1 to 30 layers")
    weights = [{"W": [[w]], "b": [b]}] * (int(depth) + 1)
    run = backward_steps(weights, [x], y, activation, "bce")
    act = get(activation)
    rows = []
    for l in range(1, int(depth) + 1):
        z = np.array([run["zs"][l - 1][0]])
        rows.append({"l": l, "z": float(z[0]), "slope": float(act.derivative(z)[0]),
                     "grad": float(run["grads"][l - 1]["z"][0])})
    return {"rows": rows, "top": float(run["grads"][-1]["z"][0]), "p": run["p"], "loss": run["loss"]}
