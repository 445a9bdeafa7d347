"""playground.neuron against closed forms and PyTorch autograd."""

import subprocess
import sys

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from playground import neuron as nn_
from playground import probes
from playground.activations import ACTIVATIONS, NAMES
from playground.config import Config
from playground.data import GATES, truth_table
from playground.session import Session


def test_engine_module_imports_no_widgets_or_plotly():
    code = "import sys, playground.neuron; print('ipywidgets' in sys.modules or 'plotly' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("gate", ["and", "or", "nand"])
def test_textbook_weights_give_the_truth_tables(gate):
    w, b = nn_.GATE_WEIGHTS[gate]
    X, y = truth_table(gate)
    z, out = nn_.neuron(X, w, b)
    np.testing.assert_allclose(z, X @ np.array(w) + b)
    assert out.tolist() == list(y)
    assert nn_.gates_implemented(w, b) == [gate]
    assert nn_.rows_right(gate, w, b) == 4


def test_table_rows_and_sigmoid_agree_with_step_at_one_half():
    rows = nn_.perceptron_table((0.5, 0.5), -0.7, "sigmoid")
    assert [r["answer"] for r in rows] == [0, 0, 0, 1]
    for r in rows:
        assert r["output"] == pytest.approx(1 / (1 + np.exp(-r["z"])))
        assert r["matches"]["and"] and r["matches"]["xor"] == (r["answer"] == GATES["xor"][rows.index(r)])
    with pytest.raises(ValueError, match="step or sigmoid"):
        nn_.neuron([[0, 0]], (1, 1), 0, "relu")


def test_no_line_implements_xor_on_a_grid_of_weights():
    vals = np.linspace(-2, 2, 21)
    best = max(nn_.rows_right("xor", (a, c), b) for a in vals for c in vals for b in vals)
    assert best == 3
    assert "cannot" in nn_.xor_inequalities()[-1]


def test_xor_network_is_nand_or_into_and():
    X, y = truth_table("xor")
    out = nn_.xor_network(X)
    assert out["h"][:, 0].tolist() == list(GATES["nand"])
    assert out["h"][:, 1].tolist() == list(GATES["or"])
    assert out["y"].tolist() == list(y)


def test_boundary_segment_lies_on_the_line_and_in_the_square():
    xs, ys = nn_.boundary_segment((0.5, 0.5), -0.7)
    np.testing.assert_allclose(0.5 * xs + 0.5 * ys - 0.7, 0, atol=1e-9)
    assert ((-0.5 <= xs) & (xs <= 1.5) & (-0.5 <= ys) & (ys <= 1.5)).all()
    xs, ys = nn_.boundary_segment((1.0, 0.0), -0.5)  # vertical line x1 = 0.5
    np.testing.assert_allclose(xs, 0.5)
    assert nn_.boundary_segment((0, 0), 1) is None
    assert nn_.boundary_segment((1, 1), 10) is None  # misses the square


def test_forward_steps_match_a_direct_matrix_product_and_the_network():
    s = Session(Config(dataset="circle", hidden=(3, 2), activation="tanh", n_points=20))
    x = np.array([1.5, -2.0])
    recs = nn_.forward_steps(probes.weights(s), x, "tanh", "sigmoid")
    W = probes.weights(s)
    a1 = np.tanh(W[0]["W"] @ x + W[0]["b"])
    a2 = np.tanh(W[1]["W"] @ a1 + W[1]["b"])
    z3 = W[2]["W"] @ a2 + W[2]["b"]
    np.testing.assert_allclose(recs[0]["a"], a1, rtol=1e-6)
    np.testing.assert_allclose(recs[1]["a"], a2, rtol=1e-6)
    np.testing.assert_allclose(recs[2]["a"], 1 / (1 + np.exp(-z3)), rtol=1e-6)
    assert recs[0]["shapes"] == "(3×2)·(2×1) + (3×1) = (3×1)"
    assert recs[2]["shapes"] == "(1×2)·(2×1) + (1×1) = (1×1)"
    lv = probes.layer_values(s, x[None, :])  # the torch network itself
    for rec, layer in zip(recs, lv["layers"]):
        np.testing.assert_allclose(rec["z"], layer["pre"][0], rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(rec["a"], np.ravel(layer["post"][0]), rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="outputs × inputs"):
        nn_.forward_steps(probes.weights(s), [1, 2, 3])


def test_forward_steps_softmax_output_sums_to_one():
    s = Session(Config().replace(dataset="blobs", hidden=(4,), activation="relu", n_points=30))
    recs = nn_.forward_steps(probes.weights(s), [0.5, 0.5], "relu", "softmax")
    assert recs[-1]["a"].sum() == pytest.approx(1.0)
    np.testing.assert_allclose(recs[-1]["a"], probes.layer_values(s, np.array([[0.5, 0.5]]))["layers"][-1]["post"][0],
                               rtol=1e-5)


@pytest.mark.parametrize("name", NAMES)
def test_activations_and_derivatives_match_autograd(name):
    """The neuron maths compute the model's functions (the registry's torch modules), in float64."""
    x = np.concatenate([np.linspace(-6, 6, 121), [0.0, 1e-3, -1e-3]])
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    y = ACTIVATIONS[name].torch_module()(t)
    (g,) = torch.autograd.grad(y.sum(), t)
    np.testing.assert_allclose(nn_.activation_fn(name, x), y.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(nn_.derivative(name, x), g.numpy(), atol=1e-12)


def test_leaky_slope_and_elu_alpha_can_be_moved():
    x = np.linspace(-6, 6, 121)
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    for name, fn, kw in (("leaky_relu", lambda u: F.leaky_relu(u, 0.2), dict(slope=0.2)),
                         ("elu", lambda u: F.elu(u, 1.5), dict(alpha=1.5))):
        (g,) = torch.autograd.grad(fn(t).sum(), t)
        np.testing.assert_allclose(nn_.activation_fn(name, x, **kw), fn(t).detach().numpy(), atol=1e-12)
        np.testing.assert_allclose(nn_.derivative(name, x, **kw), g.numpy(), atol=1e-12)
    assert nn_.derivative_max("leaky_relu", slope=0.1) == (0.0, 1.0)
    assert nn_.derivative_max("sigmoid") == (0.0, 0.25)
    with pytest.raises(ValueError, match="activation='swish' is not allowed; choose one of linear"):
        nn_.activation_fn("swish", x)
    np.testing.assert_array_equal(nn_.activation_fn("step", [-1, 0, 2]), [0.0, 0.0, 1.0])


def test_softmax_matches_torch_and_is_stable():
    v = np.array([2.0, 1.0, 0.1])
    np.testing.assert_allclose(nn_.softmax(v), torch.softmax(torch.tensor(v), 0).numpy())
    np.testing.assert_allclose(nn_.softmax([1000.0, 1000.0]), [0.5, 0.5])
    with pytest.raises(ValueError, match="at least one"):
        nn_.softmax([])


def test_binary_loss_gradients_match_autograd():
    z = np.linspace(-6, 6, 25)
    for y in (0.0, 1.0):
        zt = torch.tensor(z, requires_grad=True, dtype=torch.float64)
        p = torch.sigmoid(zt)
        yt = torch.full_like(p, y)
        g = nn_.loss_gradients(z, y)
        bce = F.binary_cross_entropy_with_logits(zt, yt, reduction="sum")
        mse = ((p - yt) ** 2).sum()
        np.testing.assert_allclose(g["dbce_dz"], torch.autograd.grad(bce, zt, retain_graph=True)[0].numpy(), atol=1e-10)
        np.testing.assert_allclose(g["dmse_dz"], torch.autograd.grad(mse, zt, retain_graph=True)[0].numpy(), atol=1e-10)
        pt = torch.tensor(g["p"], requires_grad=True, dtype=torch.float64)
        bce_p = F.binary_cross_entropy(pt, torch.full_like(pt, y), reduction="sum")
        mse_p = ((pt - y) ** 2).sum()
        np.testing.assert_allclose(g["dbce_dp"], torch.autograd.grad(bce_p, pt)[0].numpy(), rtol=1e-6)
        np.testing.assert_allclose(g["dmse_dp"], torch.autograd.grad(mse_p, pt)[0].numpy(), atol=1e-10)
        L = nn_.binary_losses(g["p"], y)
        np.testing.assert_allclose(L["bce"], F.binary_cross_entropy(pt.detach(), torch.full_like(pt, y),
                                                                      reduction="none").numpy(), rtol=1e-6)
    # confidently wrong (y = 1, z = -6): cross-entropy pushes ~1, MSE almost nothing
    g = nn_.loss_gradients(-6.0, 1.0)
    assert abs(g["dbce_dz"]) > 0.99 and abs(g["dmse_dz"]) < 0.01


def test_cross_entropy_and_regression_losses():
    logits = np.array([2.0, 1.0, 0.1])
    out = nn_.cross_entropy(logits, 0)
    t = torch.tensor(logits, requires_grad=True)
    loss = F.cross_entropy(t[None], torch.tensor([0]))
    (g,) = torch.autograd.grad(loss, t)
    assert out["loss"] == pytest.approx(loss.item())
    np.testing.assert_allclose(out["grad"], g.numpy(), atol=1e-12)
    with pytest.raises(ValueError, match="from 0 to 2"):
        nn_.cross_entropy(logits, 3)
    r = nn_.regression_losses([1, 2, 3], [1, 2, 5])
    assert r == {"mse": pytest.approx(4 / 3), "mae": pytest.approx(2 / 3), "rmse": pytest.approx((4 / 3) ** 0.5)}
    with pytest.raises(ValueError, match="equally long"):
        nn_.regression_losses([1, 2], [1])
