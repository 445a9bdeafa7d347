"""Backpropagation step by step (playground/backprop.py) against torch.autograd: every node's gradient,
every weight's, the finite differences, the update and the one-neuron chain."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from playground import backprop
from playground.activations import ACTIVATIONS

torch.set_num_threads(1)


def random_weights(sizes, seed):
    rng = np.random.default_rng(seed)
    return [{"W": rng.normal(0, 1, (n_out, n_in)), "b": rng.normal(0, 0.5, n_out)}
            for n_in, n_out in zip(sizes[:-1], sizes[1:])]


def autograd(weights, x, y, activation, loss):
    """Every z, a and parameter of the network as torch leaves/intermediates, and their .grad."""
    f = ACTIVATIONS[activation].torch_module()
    params = [(torch.tensor(np.asarray(w["W"], float), requires_grad=True),
               torch.tensor(np.asarray(w["b"], float), requires_grad=True)) for w in weights]
    h, zs, as_ = torch.tensor(np.asarray(x, float)), [], []
    for k, (W, b) in enumerate(params):
        z = W @ h + b
        z.retain_grad()
        a = f(z) if k < len(params) - 1 else torch.sigmoid(z)
        a.retain_grad()
        zs.append(z)
        as_.append(a)
        h = a
    p, t = as_[-1][0], torch.tensor(float(y), dtype=torch.float64)
    L = torch.nn.functional.binary_cross_entropy(p, t) if loss == "bce" else (p - t) ** 2
    L.backward()
    return L, params, zs, as_


CASES = [((2, 2, 1), "sigmoid", "bce", 1), ((2, 3, 2, 1), "tanh", "mse", 0), ((2, 3, 2, 1), "relu", "bce", 0),
         ((2, 2, 1), "leaky_relu", "mse", 1), ((2, 1), "sigmoid", "bce", 1)]


@pytest.mark.parametrize("sizes, activation, loss, y", CASES)
def test_every_gradient_equals_autograd(sizes, activation, loss, y):
    weights = random_weights(sizes, seed=len(sizes) + y)
    x = [0.7, -1.3]
    run = backprop.backward_steps(weights, x, y, activation, loss)
    L, params, zs, as_ = autograd(weights, x, y, activation, loss)
    assert run["loss"] == pytest.approx(L.item(), rel=1e-12)
    assert run["p"] == pytest.approx(as_[-1].item(), rel=1e-12)
    for l, ((W, b), z, a) in enumerate(zip(params, zs, as_)):
        g = run["grads"][l]
        np.testing.assert_allclose(g["W"], W.grad.numpy(), rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(g["b"], b.grad.numpy(), rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(g["z"], z.grad.numpy(), rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(g["a"], a.grad.numpy(), rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(run["zs"][l], z.detach().numpy(), rtol=1e-12)


@pytest.mark.parametrize("sizes, activation, loss, y", CASES)
def test_each_step_is_its_chain_rule_and_steps_go_from_the_loss_back(sizes, activation, loss, y):
    weights = random_weights(sizes, seed=3)
    steps = backprop.backward_steps(weights, [1.1, 0.4], y, activation, loss)["steps"]
    L = len(sizes) - 1
    assert [s["kind"] for s in steps[:3]] == ["loss", "p", "z"] and steps[0]["grad"] == 1.0
    n_params = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
    assert sum(s["kind"] in "Wb" for s in steps) == n_params
    assert len(steps) == 3 + n_params + 2 * sum(sizes[1:-1])
    seen = {("loss", L, 0)}
    for s in steps[1:]:
        assert s["grad"] == pytest.approx(sum(t["local"] * t["upstream"] for t in s["terms"]), rel=1e-12, abs=1e-15)
        for t in s["terms"]:  # the gradient from above was computed by an earlier step
            assert t["via"] in seen
            up = next(u for u in steps if (u["kind"], u["l"], u["j"]) == t["via"])
            assert t["upstream"] == up["grad"]
        seen.add((s["kind"], s["l"], s["j"]))
    assert [s["l"] for s in steps if s["kind"] == "W"] == sorted([s["l"] for s in steps if s["kind"] == "W"],
                                                                 reverse=True)


def test_reused_forward_values_are_the_forward_pass():
    weights = random_weights((2, 3, 2, 1), seed=5)
    run = backprop.backward_steps(weights, [0.3, -0.8], 1, "sigmoid", "bce")
    for s in run["steps"]:
        kind, l, i, value = s["reuse"] or (None, 0, 0, None)
        if kind == "x":
            assert value == [0.3, -0.8][i]
        elif kind == "a" and s["kind"] in "Wz":
            assert value == run["as"][l - 1][i]
        if s["kind"] == "z" and s["l"] < 3:  # sigmoid' = a(1 - a), from the stored a
            assert s["terms"][0]["local"] == pytest.approx(value * (1 - value))


def test_finite_differences_agree_with_backprop():
    weights = random_weights((2, 3, 2, 1), seed=7)
    run = backprop.backward_steps(weights, [0.5, 0.2], 0, "tanh", "bce")
    num = backprop.numeric_gradients(weights, [0.5, 0.2], 0, "tanh", "bce")
    for g, n in zip(run["grads"], num):
        for key in ("W", "b", "z", "a"):  # weights, biases and every node (the output's a is ŷ)
            np.testing.assert_allclose(n[key], g[key], rtol=1e-6, atol=1e-9)
    _, _, zs, as_ = autograd(weights, [0.5, 0.2], 0, "tanh", "bce")  # and the nodes against autograd itself
    for n, z, a in zip(num, zs, as_):
        np.testing.assert_allclose(n["z"], z.grad.numpy().ravel(), rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(n["a"], a.grad.numpy().ravel(), rtol=1e-6, atol=1e-9)


def test_the_update_is_one_sgd_step_of_torch_and_lowers_the_loss():
    weights = random_weights((2, 2, 1), seed=11)
    x, y, lr = [1.0, -0.5], 1, 0.5
    run = backprop.backward_steps(weights, x, y, "sigmoid", "bce")
    new = backprop.sgd_update(weights, run["grads"], lr)
    _, params, _, _ = autograd(weights, x, y, "sigmoid", "bce")
    opt = torch.optim.SGD([t for pair in params for t in pair], lr=lr)
    opt.step()
    for layer, (W, b) in zip(new, params):
        np.testing.assert_allclose(layer["W"], W.detach().numpy(), rtol=1e-12)
        np.testing.assert_allclose(layer["b"], b.detach().numpy(), rtol=1e-12)
    assert backprop.example_loss(new, x, y, "sigmoid", "bce") < run["loss"]


def test_sigmoid_chain_multiplies_slopes_of_at_most_a_quarter():
    out = backprop.chain(6, w=1.0, b=0.0, x=0.0)
    rows = out["rows"]
    assert all(0 < r["slope"] <= 0.25 for r in rows)
    for lower, upper in zip(rows, rows[1:]):  # ∂L/∂z(l) = ∂L/∂z(l+1) · w · σ'(z(l))
        assert lower["grad"] == pytest.approx(upper["grad"] * 1.0 * lower["slope"], rel=1e-12)
    assert abs(rows[0]["grad"]) <= abs(out["top"]) * 0.25 ** 6
    weights = [{"W": [[1.0]], "b": [0.0]}] * 7  # autograd on the same chain
    _, _, zs, _ = autograd(weights, [0.0], 1, "sigmoid", "bce")
    np.testing.assert_allclose([r["grad"] for r in rows], [z.grad.item() for z in zs[:-1]], rtol=1e-10)


def test_bad_values_are_refused_with_what_is_allowed():
    w = random_weights((2, 1), 0)
    with pytest.raises(ValueError, match="choose 0 or 1"):
        backprop.backward_steps(w, [0, 0], 2)
    with pytest.raises(ValueError, match="choose one of bce, mse"):
        backprop.backward_steps(w, [0, 0], 1, loss="hinge")
    with pytest.raises(ValueError, match="1 to 30"):
        backprop.chain(0)
