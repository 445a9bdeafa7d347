"""The network's forward pass in NumPy, written once: the fast path trains with it (float32, on views of
the torch weights), warping draws the spaces the points pass through and the neuron maths write it out
step by step (float64). ``model.Net`` (torch) is the reference it is tested against
(``tests/test_forward.py``).

>>> import numpy as np
>>> layers = [(np.eye(2), np.array([-1.0, 0.0])), (np.ones((1, 2)), np.zeros(1))]
>>> logits, hidden = forward(layers, np.array([[0.5, 2.0]]), "relu")
>>> logits, hidden[0][2]
(array([[2.]]), array([[0., 2.]]))
"""

from __future__ import annotations

from functools import partial

from playground.activations import get


def activation_function(activation, **params):
    """``z -> f(z)`` for an activation name of ``playground.activations`` (with ``params`` such as
    ``slope``), or ``activation`` itself if it is already a function."""
    if callable(activation):
        return activation
    act = get(activation)
    return partial(act.f, **{**act.params, **params})


def forward(layers, X, activation, *, residual=False, columns=False, **params):
    """``(logits, hidden)`` of the network ``layers`` = ``[(W, b), ...]`` (W is out × in, the output
    layer last) on the rows of ``X``. Per hidden layer, ``hidden`` holds ``(z, a, out)``:
    ``z = h Wᵀ + b``, ``a = f(z)`` and the layer's output ``out = a`` (``a + h`` with a residual
    connection where the layer keeps the width, as ``model.Net``). The output layer has no
    activation: its ``z`` are the logits. The dtype of ``X`` and the weights is kept.
    ``columns=True``: ``X`` and every result hold one point per column instead (``z = W h + b``),
    so that each neuron's values over a grid of points are one contiguous row (``probes``' pictures)."""
    f = activation_function(activation, **params)
    *body, (W_out, b_out) = layers
    h, hidden = X, []
    for W, b in body:
        z = W @ h + b[:, None] if columns else h @ W.T + b
        a = f(z)
        out = a + h if residual and a.shape == h.shape else a
        hidden.append((z, a, out))
        h = out
    return (W_out @ h + b_out[:, None] if columns else h @ W_out.T + b_out), hidden
