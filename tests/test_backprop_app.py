"""BackwardPass and SigmoidChain headless: every control changes what is drawn, and what is drawn is
torch.autograd's numbers on the session's own weights."""

from __future__ import annotations

import numpy as np
import pytest

from playground import probes
from playground.apps.backprop import BackwardPass, SigmoidChain
from tests.test_backprop import autograd


def weight_labels(app):
    return list(app.figure.fig.data[app.figure.WEIGHTS].text)


def node_texts(app):
    return list(app.figure.fig.data[app.figure.NODES].text)


def test_stepping_shows_autograds_gradients_on_the_graph():
    app = BackwardPass(x=(1.0, -0.5), y=1)
    assert app.step.value == 0 and app.step.max == 16  # 2-2-1: L, ŷ, z, 2 W + b, 2 a, 2 z, 4 W + 2 b
    assert all("∂" not in s for s in weight_labels(app)) and sum("∂ ?" in s for s in node_texts(app)) == 7
    weights = probes.weights(app.session)
    L, params, zs, _ = autograd(weights, [1.0, -0.5], 1, "sigmoid", "bce")
    app.next_button.click()
    app.next_button.click()
    app.next_button.click()  # z(2)₁: ŷ − y for BCE
    assert f"<b>{zs[1].grad.item():+.6f}</b>" in app.steps.value
    assert f"L = {L.item():.4f}" in app.summary.value
    app.all_button.click()
    labels = weight_labels(app)
    grads = [W.grad.numpy() for W, _ in params]
    expected = [f"∂{g:+.3f}" for G in grads for g in G.ravel()]
    assert [s.split("| ")[1] for s in labels] == expected
    assert "∂ ?" not in "".join(node_texts(app)[:-2])  # every node but the inputs has its gradient
    assert "Every gradient is known" in app.steps.value


def test_check_numerically_puts_finite_differences_beside_the_gradients():
    app = BackwardPass(hidden=(3, 2), activation="tanh")
    app.all_button.click()
    assert "≈" not in "".join(weight_labels(app))
    app.check.value = True
    labels = weight_labels(app)
    assert len(labels) == 6 + 6 + 2 and all("≈" in s for s in labels)
    for s in labels:  # the two estimates agree to the 3 decimals shown
        exact, num = s.split("∂")[1].split(" ≈")
        assert float(exact) == pytest.approx(float(num), abs=1.5e-3)
    nodes = [s for s in node_texts(app) if "∂" in s]  # every node but the inputs: ŷ, z and a (the loss: 1)
    assert len(nodes) == 1 + 1 + 1 + 2 * 2 + 2 * 3 and sum("≈" in s for s in nodes) == len(nodes) - 1
    for s in nodes:
        if "≈" in s:
            exact, num = s.split("∂ ")[1].split("<br>≈")
            assert float(exact) == pytest.approx(float(num), abs=1.5e-3)
    app.step.value = 4  # a weight's step: the finite difference written out
    assert "finite difference" in app.steps.value
    app.step.value = 3  # a node's step (z of the output) too
    assert "finite difference" in app.steps.value


def test_the_update_is_sgd_on_the_example_and_lowers_the_loss():
    app = BackwardPass(lr=0.3)
    before = probes.weights(app.session)
    _, params, _, _ = autograd(before, [1.0, -0.5], 1, "sigmoid", "bce")
    app.all_button.click()
    app.update_button.click()
    after = probes.weights(app.session)
    for layer, (W, b) in zip(after, params):
        np.testing.assert_allclose(layer["W"], (W - 0.3 * W.grad).detach().numpy(), rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(layer["b"], (b - 0.3 * b.grad).detach().numpy(), rtol=1e-5, atol=1e-6)
    assert "the loss went from" in app.messages.value and app.step.value == 0
    L_before = autograd(before, [1.0, -0.5], 1, "sigmoid", "bce")[0].item()
    L_after = autograd(after, [1.0, -0.5], 1, "sigmoid", "bce")[0].item()
    assert L_after < L_before and f"{L_after:.4f}" in app.summary.value


def test_controls_rebuild_the_graph_and_the_example_moves():
    app = BackwardPass()
    app.controls.w["depth"].value = 2
    app.controls.w["width"].value = 3
    assert app.session.config.layer_sizes == (2, 3, 2, 1) and app.step.max == 3 + 20 + 10
    assert len(node_texts(app)) == 3 + 3 + 2 + 2 + 1 + 1 + 1 + 2  # z, a per hidden neuron; z, ŷ, L; inputs
    assert "New network" in app.messages.value
    app.all_button.click()
    app.x1.value = -2.0  # a new example: the backward pass starts again
    assert app.step.value == 0 and "-2.00" in node_texts(app)
    app.y.value = 0
    assert "y = 0" in app.summary.value
    app.controls.w["loss"].value = "mse"
    app.step.value = 2
    assert "2(ŷ − y)" in app.steps.value
    app.controls.w["activation"].value = "relu"
    app.step.value = app.step.max
    assert "Something went wrong" not in app.messages.value


def test_sigmoid_chain_draws_autograds_products():
    app = SigmoidChain(depth=5)
    bars = np.array(app.figure.fig.data[app.figure.BARS].y)
    weights = [{"W": [[1.0]], "b": [0.0]}] * 6
    _, _, zs, _ = autograd(weights, [1.0], 1, "sigmoid", "bce")
    np.testing.assert_allclose(bars, [abs(z.grad.item()) for z in zs], rtol=1e-10)
    bound = np.array(app.figure.fig.data[app.figure.BOUND].y)
    assert (bars <= bound * (1 + 1e-12)).all()
    app.depth.value = 12
    assert len(app.figure.fig.data[app.figure.BARS].y) == 13 and "12 hidden layers" in app.table.value
    app.activation.value = "relu"
    app.w.value = 1.0
    relu = np.array(app.figure.fig.data[app.figure.BARS].y)
    np.testing.assert_allclose(relu, relu[-1])  # ReLU with positive z passes the gradient unchanged
