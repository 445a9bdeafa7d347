"""The one NumPy forward pass (playground/forward.py) against the torch reference, model.Net.forward: for
every activation of the registry, several shapes, with and without residual connections, in float32
(the fast path's) and float64 (warping's and the neuron maths'); and its three users against Net too."""

import numpy as np
import pytest
import torch

from playground import neuron, probes, warping
from playground.activations import ACTIVATIONS, NAMES
from playground.config import Config
from playground.forward import forward
from playground.model import Net
from playground.session import Session

SHAPES = [(2, 1), (2, 4, 1), (3, 5, 3), (2, 4, 4, 4, 2), (4, 8, 3, 6, 1)]  # input, hidden..., output
EPS = {torch.float32: 1e-5, torch.float64: 1e-12}


def close(actual, desired, dtype):
    """Equal up to rounding: relative to the largest value (float32 sums of ~200 lose 1e-5 of 1)."""
    desired = np.asarray(desired)
    scale = max(1.0, float(np.abs(desired).max()))
    np.testing.assert_allclose(actual, desired, rtol=EPS[dtype], atol=EPS[dtype] * scale)


def reference(sizes, activation, residual, dtype, seed=0):
    """A Net with weights large enough to reach every part of the activations, inputs, and its trace."""
    torch.manual_seed(seed)
    net = Net(sizes, activation=activation, residual=residual).to(dtype)
    with torch.no_grad():
        for lin in net.linears:
            lin.weight.normal_(0, 1.5)
            lin.bias.normal_(0, 1)
    X = torch.randn(50, sizes[0], dtype=dtype) * 3
    trace = []
    with torch.no_grad():
        logits = net(X, trace)
    layers = [(lin.weight.detach().numpy(), lin.bias.detach().numpy()) for lin in net.linears]
    return layers, X.numpy(), logits.numpy(), trace


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("residual", [False, True], ids=["plain", "residual"])
@pytest.mark.parametrize("sizes", SHAPES, ids=["-".join(map(str, s)) for s in SHAPES])
@pytest.mark.parametrize("activation", NAMES)
def test_forward_equals_the_torch_net(activation, sizes, residual, dtype):
    layers, X, logits, trace = reference(sizes, activation, residual, dtype)
    out, hidden = forward(layers, X, activation, residual=residual)
    assert out.dtype == X.dtype and len(hidden) == len(sizes) - 2
    close(out, logits, dtype)
    for (z, a, post), (pre_t, post_t) in zip(hidden, trace[:-1]):
        close(z, pre_t.numpy(), dtype)
        close(a, ACTIVATIONS[activation].torch_module()(pre_t).numpy(), dtype)
        close(post, post_t.numpy(), dtype)


@pytest.mark.parametrize("activation", NAMES)
def test_the_fast_path_warping_and_the_neuron_maths_compute_the_net(activation):
    s = Session(Config(dataset="blobs", problem="multiclass", loss="ce", hidden=(4, 4, 3), residual=True,
                       activation=activation, n_points=60))
    s.step(3)
    X = s.Xtr.numpy()
    trace = []
    with torch.no_grad():
        logits = s.model(s.Xtr, trace).numpy()
    fast_logits, fast_layers = s.fast.forward(X)
    np.testing.assert_allclose(fast_logits, logits, rtol=1e-5, atol=1e-6)
    spaces = warping.forward(probes.weights(s), activation, X, residual=True)
    np.testing.assert_allclose(spaces[-1], logits, rtol=1e-5, atol=1e-5)
    for space, (_, post) in zip(spaces[1:-1], trace[:-1]):
        np.testing.assert_allclose(space, post.numpy(), rtol=1e-5, atol=1e-5)
    plain = Session(Config(dataset="blobs", problem="multiclass", loss="ce", hidden=(4, 3), activation=activation,
                           n_points=60))
    trace = []
    with torch.no_grad():
        plain.model(plain.Xtr[:1], trace)
    records = neuron.forward_steps(probes.weights(plain), plain.Xtr[0].numpy(), activation, "linear")
    for rec, (pre, post) in zip(records, trace):
        np.testing.assert_allclose(rec["z"], pre[0].numpy(), rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(rec["a"], post[0].numpy(), rtol=1e-5, atol=1e-5)


def test_an_unknown_activation_is_a_message():
    layers = [(np.eye(2), np.zeros(2)), (np.ones((1, 2)), np.zeros(1))]
    with pytest.raises(ValueError, match="activation='swish' is not allowed; choose one of linear"):
        forward(layers, np.zeros((3, 2)), "swish")
