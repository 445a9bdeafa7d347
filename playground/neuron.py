"""First steps, as plain NumPy: one neuron, perceptron gates, the hand-set XOR network, forward
propagation step by step, activation functions with their derivatives, losses and their gradients.

No ipywidgets, no plotly: the apps in ``playground.apps.first_steps`` draw what these compute.

>>> gates_implemented((0.5, 0.5), -0.7)
['and']
>>> xor_network(TRUTH_INPUTS)["y"].tolist()
[0, 1, 1, 0]
"""

from __future__ import annotations

import math

import numpy as np

from playground.activations import ACTIVATIONS
from playground.data import GATES, TRUTH_INPUTS, truth_table
from playground.forward import forward

__all__ = ["GATE_WEIGHTS", "XOR_LAYERS", "TRUTH_INPUTS", "step", "sigmoid", "neuron",
           "perceptron_table", "gates_implemented", "rows_right", "boundary_segment", "xor_inequalities", "xor_network",
           "forward_steps", "activation", "activation_fn", "derivative", "derivative_max", "softmax", "binary_losses",
           "loss_gradients", "regression_losses", "cross_entropy"]

# The textbook's weights (w1, w2, b): y = 1 when w1 x1 + w2 x2 + b > 0.
GATE_WEIGHTS = {"and": ((0.5, 0.5), -0.7), "or": ((0.5, 0.5), -0.2), "nand": ((-0.5, -0.5), 0.7)}

# XOR = AND(NAND(x), OR(x)): hidden layer [NAND, OR], output AND; W(l) is (out × in).
XOR_LAYERS = (
    {"W": np.array([[-0.5, -0.5], [0.5, 0.5]]), "b": np.array([0.7, -0.2]), "names": ("NAND", "OR")},
    {"W": np.array([[0.5, 0.5]]), "b": np.array([-0.7]), "names": ("AND",)},
)


# -- one neuron -------------------------------------------------------------------------------
def step(z):
    """1 where z > 0, else 0 (the perceptron's activation)."""
    return (np.asarray(z, float) > 0).astype(int)


def sigmoid(z):
    z = np.asarray(z, float)
    return np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))


def _check_kind(kind):
    if kind not in ("step", "sigmoid"):
        raise ValueError(f"activation={kind!r} is not allowed; choose step or sigmoid")


def neuron(X, w, b, activation="step"):
    """``(z, y)``: the weighted sums ``z = X·w + b`` and outputs ``f(z)`` of one neuron."""
    _check_kind(activation)
    z = np.asarray(X, float) @ np.asarray(w, float) + float(b)
    return z, (step(z) if activation == "step" else sigmoid(z))


def perceptron_table(w, b, activation="step"):
    """One row per truth-table input: x1, x2, z, output, the 0/1 answer (output > 0.5) and,
    for every gate, whether that answer is the gate's."""
    z, out = neuron(TRUTH_INPUTS, w, b, activation)
    answer = (z > 0).astype(int)  # sigmoid(z) > 0.5 exactly when z > 0
    rows = []
    for i, (x1, x2) in enumerate(TRUTH_INPUTS):
        rows.append({"x1": int(x1), "x2": int(x2), "z": float(z[i]), "output": float(out[i]), "answer": int(answer[i]),
                     "matches": {g: bool(answer[i] == GATES[g][i]) for g in GATES}})
    return rows


def gates_implemented(w, b):
    """Names of the gates (``and``, ``or``, ``nand``, ``xor``) whose truth table ``step(w·x + b)`` gives."""
    answer = step(TRUTH_INPUTS @ np.asarray(w, float) + float(b))
    return [g for g, y in GATES.items() if tuple(answer) == y]


def rows_right(gate, w, b):
    """How many of the four truth-table rows ``step(w·x + b)`` gets right for ``gate``."""
    _, y = truth_table(gate)
    return int((step(TRUTH_INPUTS @ np.asarray(w, float) + float(b)) == y).sum())


def boundary_segment(w, b, bounds=(-0.5, 1.5)):
    """The part of the line ``w1 x1 + w2 x2 + b = 0`` inside the square ``bounds``²:
    ``(xs, ys)`` with two points, or ``None`` when w = 0 or the line misses the square."""
    w1, w2 = map(float, w)
    lo, hi = bounds
    if abs(w1) < 1e-12 and abs(w2) < 1e-12:
        return None
    pts = []
    if abs(w2) > 1e-12:
        for x in (lo, hi):
            y = -(w1 * x + b) / w2
            if lo - 1e-9 <= y <= hi + 1e-9:
                pts.append((x, y))
    if abs(w1) > 1e-12:
        for y in (lo, hi):
            x = -(w2 * y + b) / w1
            if lo - 1e-9 <= x <= hi + 1e-9:
                pts.append((x, y))
    pts = sorted(set((round(x, 9), round(y, 9)) for x, y in pts))
    if len(pts) < 2:
        return None
    (x0, y0), (x1, y1) = pts[0], pts[-1]
    return np.array([x0, x1]), np.array([y0, y1])


def xor_inequalities():
    """Why one line cannot do XOR: the four conditions, and the contradiction they add up to."""
    return [
        "(0,0) → 0 needs  b ≤ 0",
        "(0,1) → 1 needs  w2 + b > 0",
        "(1,0) → 1 needs  w1 + b > 0",
        "(1,1) → 0 needs  w1 + w2 + b ≤ 0",
        "Add the two middle ones: w1 + w2 + 2b > 0.  Add the first and the last: w1 + w2 + 2b ≤ 0.  "
        "Both cannot hold, so no (w1, w2, b) works.",
    ]


def xor_network(X, layers=XOR_LAYERS):
    """The two-layer perceptron of step neurons: ``{"z1", "h", "z2", "y"}`` for inputs ``X`` (n×2).

    With the default weights ``h[:, 0]`` is NAND, ``h[:, 1]`` is OR and ``y`` is XOR."""
    X = np.asarray(X, float)
    z1 = X @ layers[0]["W"].T + layers[0]["b"]
    h = step(z1)
    z2 = h @ layers[1]["W"].T + layers[1]["b"]
    return {"z1": z1, "h": h, "z2": z2[:, 0], "y": step(z2[:, 0])}


# -- forward propagation ------------------------------------------------------------------------
def forward_steps(weights, x, activation="tanh", output="sigmoid", *, slope=0.01):
    """Forward propagation of one input, one record per layer: ``a(l) = f(W(l) a(l-1) + b(l))``.

    ``weights`` is a list of ``{"W": (n_l × n_{l-1}), "b": (n_l,)}`` (as ``probes.weights``);
    hidden layers use ``activation``, the last one ``output`` (sigmoid, softmax or linear).
    Each record has ``l``, ``W``, ``b``, ``a_prev``, ``z`` and ``a`` (column vectors, as 1-D
    arrays), ``f`` (the activation's name) and ``shapes`` (a text such as
    ``"(3×2)·(2×1) + (3×1) = (3×1)"``).
    """
    a = np.asarray(x, float).ravel()
    layers, width = [], a.size
    for l, layer in enumerate(weights, start=1):
        W, b = np.asarray(layer["W"], float), np.asarray(layer["b"], float).ravel()
        if W.ndim != 2 or W.shape[1] != width or b.size != W.shape[0]:
            raise ValueError(f"layer {l}: W is {W.shape} and b has {b.size} values, but the input has {width}; "
                             f"W must be (outputs × inputs) and b one value per output")
        layers.append((W, b))
        width = W.shape[0]
    if not layers:
        return []
    logits, hidden = forward(layers, a[None, :], lambda z: activation_fn(activation, z, slope=slope))
    zs = [z[0] for z, _, _ in hidden] + [logits[0]]
    outs = [h[0] for _, h, _ in hidden] + [softmax(zs[-1]) if output == "softmax" else
                                           activation_fn(output, zs[-1], slope=slope)]
    records = []
    for l, ((W, b), z, out) in enumerate(zip(layers, zs, outs), start=1):
        n_out, n_in = W.shape
        records.append({"l": l, "W": W, "b": b, "a_prev": a, "z": z, "a": out,
                        "f": output if l == len(layers) else activation,
                        "shapes": f"({n_out}×{n_in})·({n_in}×1) + ({n_out}×1) = ({n_out}×1)"})
        a = out
    return records


# -- activation functions (playground.activations: the same functions the model computes) ----------
def activation_fn(name, x, *, slope=0.01, alpha=1.0):
    """``f(x)`` of an activation of ``playground.activations`` (leaky ReLU's ``slope`` for x < 0,
    ELU's ``alpha``), or of ``step``."""
    x = np.asarray(x, float)
    if name == "step":
        return step(x).astype(float)
    act = _entry(name)
    return x.copy() if act.identity else act.value(x, slope=slope, alpha=alpha)


activation = activation_fn


def derivative(name, x, *, slope=0.01, alpha=1.0):
    """``f'(x)``. At the kink x = 0 of ReLU-like functions it takes the left-hand value
    (0, ``slope`` or ``alpha``), as PyTorch's autograd does."""
    x = np.asarray(x, float)
    if name == "step":
        return np.zeros_like(x)
    return _entry(name).derivative(x, slope=slope, alpha=alpha)


def _entry(name):
    if name not in ACTIVATIONS:
        raise ValueError(f"activation={name!r} is not allowed; choose one of {', '.join(ACTIVATIONS)}")
    return ACTIVATIONS[name]


def derivative_max(name, *, slope=0.01):
    """``(x, f'(x))`` where the derivative is largest (x = 0 when it is for every x > 0, math.inf
    when f' only approaches it as x grows)."""
    return _entry(name).derivative_max(slope=slope)


def softmax(v):
    """``exp(v) / sum(exp(v))``, shifted by max(v) so large inputs do not overflow."""
    v = np.asarray(v, float)
    if v.size == 0:
        raise ValueError("softmax needs at least one number")
    e = np.exp(v - v.max())
    return e / e.sum()


# -- losses ---------------------------------------------------------------------------------------
_EPS = 1e-12


def binary_losses(p, y):
    """Per example, for a predicted probability ``p`` and a label ``y`` in {0, 1}:
    ``bce = -(y log p + (1-y) log(1-p))`` and ``mse = (p - y)²``."""
    p, y = np.asarray(p, float), np.asarray(y, float)
    pc = np.clip(p, _EPS, 1 - _EPS)
    return {"bce": -(y * np.log(pc) + (1 - y) * np.log(1 - pc)), "mse": (p - y) ** 2}


def loss_gradients(z, y):
    """Gradients of one sigmoid output ``p = σ(z)`` with label ``y``, for both losses.

    With respect to the prediction: ``dbce_dp = (p - y) / (p (1 - p))`` and ``dmse_dp = 2 (p - y)``.
    With respect to the logit ``z`` (what reaches the weights): ``dbce_dz = p - y`` and
    ``dmse_dz = 2 (p - y) p (1 - p)``: the extra ``p (1 - p)`` goes to 0 when the prediction is
    confidently wrong, so MSE barely corrects its worst mistakes.
    """
    z, y = np.asarray(z, float), np.asarray(y, float)
    p = sigmoid(z)
    q = np.clip(p * (1 - p), _EPS, None)
    return {"p": p, "dbce_dp": (p - y) / q, "dmse_dp": 2 * (p - y),
            "dbce_dz": p - y, "dmse_dz": 2 * (p - y) * p * (1 - p)}


def cross_entropy(logits, target):
    """Softmax + cross-entropy for one example: ``{"p", "loss", "grad"}`` with
    ``loss = -log p[target]`` and ``grad = p - onehot(target)`` (the gradient wrt the logits)."""
    logits = np.asarray(logits, float).ravel()
    if not isinstance(target, (int, np.integer)) or not 0 <= target < logits.size:
        raise ValueError(f"target={target!r} is not allowed; choose a class from 0 to {logits.size - 1}")
    p = softmax(logits)
    onehot = np.zeros_like(p)
    onehot[target] = 1.0
    return {"p": p, "loss": float(-np.log(max(p[target], _EPS))), "grad": p - onehot}


def regression_losses(y_true, y_pred):
    """``{"mse", "mae", "rmse"}`` of two equally long sequences of numbers."""
    t, p = np.asarray(y_true, float).ravel(), np.asarray(y_pred, float).ravel()
    if t.size == 0 or t.size != p.size:
        raise ValueError(f"targets and predictions must be equally long and not empty (got {t.size} and {p.size})")
    e = p - t
    mse = float(np.mean(e ** 2))
    return {"mse": mse, "mae": float(np.mean(np.abs(e))), "rmse": math.sqrt(mse)}
