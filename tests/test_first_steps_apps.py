"""The first-steps apps, headless: set widget values, check the figure data and the messages."""

import numpy as np
import pytest

from playground import neuron
from playground.apps.first_steps import Perceptron, XorNetwork


def _text(widget):
    return widget.value


# -- Perceptron ------------------------------------------------------------------------------------
def test_perceptron_check_turns_green_for_textbook_weights_of_each_gate():
    app = Perceptron()
    assert "Not AND yet" in _text(app.check)
    for gate in ("and", "or", "nand"):
        app.gate.value = gate
        app.textbook.click()
        assert "implement " + gate.upper() in _text(app.check)
        (w1, w2), b = neuron.GATE_WEIGHTS[gate]
        assert (app.w1.value, app.w2.value, app.b.value) == (w1, w2, b)


def test_perceptron_line_and_points_follow_the_sliders():
    app = Perceptron()
    fig = app.figure.fig
    app.set(0.5, 0.5, -0.7)
    xs, ys = np.array(fig.data[app.figure.LINE].x), np.array(fig.data[app.figure.LINE].y)
    np.testing.assert_allclose(0.5 * xs + 0.5 * ys - 0.7, 0, atol=1e-9)
    assert list(fig.data[app.figure.POINTS].text) == ["(0,0) → 0", "(0,1) → 0", "(1,0) → 0", "(1,1) → 1"]
    np.testing.assert_allclose(fig.data[app.figure.ZPOINTS].x, [-0.7, -0.2, -0.2, 0.3])
    surface = np.array(fig.data[app.figure.SURFACE].z)
    assert set(np.unique(surface)) == {0, 1}  # step: a hard edge
    app.w1.value = 1.0  # one slider: the line turns
    xs2 = np.array(fig.data[app.figure.LINE].x)
    ys2 = np.array(fig.data[app.figure.LINE].y)
    np.testing.assert_allclose(1.0 * xs2 + 0.5 * ys2 - 0.7, 0, atol=1e-9)
    assert "z = 1.00·x₁ +0.50·x₂ -0.70" in app.table.value


def test_perceptron_sigmoid_outputs_and_table():
    app = Perceptron(0.5, 0.5, -0.7, activation="sigmoid")
    y = np.array(app.figure.fig.data[app.figure.ZPOINTS].y)
    np.testing.assert_allclose(y, 1 / (1 + np.exp(-np.array([-0.7, -0.2, -0.2, 0.3]))), atol=1e-3)
    assert "0.332 → 0" in app.table.value
    assert "implement AND" in app.check.value  # sigmoid > 0.5 exactly when z > 0


def test_perceptron_xor_explains_why_no_line_works():
    app = Perceptron(gate="xor")
    assert "Not XOR yet" in app.check.value and "3 is the best" in app.check.value
    assert "Why no line works for XOR" in app.explain.value
    app.textbook.click()
    assert "no textbook weights for XOR" in app.messages.value
    app.gate.value = "and"
    assert app.explain.value == ""


def test_perceptron_zero_weights_draw_no_line_and_bad_gate_is_a_clear_error():
    app = Perceptron(0.0, 0.0, 0.5)
    assert len(app.figure.fig.data[app.figure.LINE].x) == 0
    assert "Something went wrong" not in app.messages.value
    with pytest.raises(ValueError, match="choose one of and, or, nand, xor"):
        Perceptron(gate="nor")


# -- XorNetwork -------------------------------------------------------------------------------------
def test_xor_network_hand_set_part_is_xor():
    app = XorNetwork()
    fig = app.figure.fig
    assert list(fig.data[app.figure.NET_NODES].text) == ["x₁", "x₂", "NAND", "OR", "AND"]
    hs = fig.data[app.figure.HSPACE_POINTS]
    assert list(hs.text)[3] == "(1,1) → h = (0, 1)"
    assert "-0.2 → 0" in app.handset.value and "+0.3 → 1" in app.handset.value


def test_xor_network_trains_to_xor_from_its_default_start():
    app = XorNetwork()
    fig = app.figure.fig
    before = np.array(fig.data[app.figure.SURFACE].z)
    app.step_button.click()
    assert app.session.steps == 1
    for _ in range(100):
        app.train_frame()
        if app.session.history["train_acc"][-1] == 1.0:
            break
    app.render()
    assert app.session.history["train_acc"][-1] == 1.0
    p = app.session.predict(neuron.TRUTH_INPUTS)
    assert ((p > 0.5).astype(int) == [0, 1, 1, 0]).all()
    after = np.array(fig.data[app.figure.SURFACE].z)
    assert not np.allclose(before, after)
    assert len(fig.data[app.figure.HID_LINE_1].x) == 2  # hidden neuron 1's line is drawn
    assert len(fig.data[app.figure.LOSS].x) == len(app.session.history["epoch"])
    assert "Solved" in app.messages.value


def test_xor_network_new_weights_and_other_shapes():
    app = XorNetwork()
    seed = app.session.config.seed
    app.new_weights.click()
    assert app.session.config.seed == seed + 1 and app.session.epoch == 0
    wide = XorNetwork(hidden=(4,))
    assert np.isnan(np.array(wide.figure.fig.data[wide.figure.HID_LINE_2].x, float)).sum() >= 2
    XorNetwork(hidden=()).render()  # one neuron: draws, never raises


# -- ForwardPass --------------------------------------------------------------------------------------
def test_forward_pass_layers_match_a_direct_matrix_product_and_the_network():
    from playground import probes
    from playground.apps.forward_pass import ForwardPass

    app = ForwardPass(x=(1.5, -2.0))
    fig = app.figure.fig
    nodes = fig.data[app.figure.NODES]
    assert list(nodes.text)[:2] == ["1.50", "-2.00"] and list(nodes.text)[2:] == ["?"] * 6  # 2 → 3 → 2 → 1
    app.next_button.click()
    W = probes.weights(app.session)
    a1 = np.tanh(W[0]["W"] @ np.array([1.5, -2.0]) + W[0]["b"])
    assert list(fig.data[app.figure.NODES].text)[2:5] == [f"{v:.2f}" for v in a1]
    assert "(3×2)·(2×1) + (3×1) = (3×1)" in app.steps.value and "W(1)" in app.steps.value
    app.all_button.click()
    out = float(probes.layer_values(app.session, np.array([[1.5, -2.0]]))["layers"][-1]["post"][0])
    assert f"Output ŷ = {out:.3f}" in app.steps.value
    assert fig.data[app.figure.NODES].text[-1] == f"{out:.2f}"


def test_forward_pass_controls_rebuild_and_move_the_point():
    from playground.apps.forward_pass import ForwardPass

    app = ForwardPass()
    app.controls.w["depth"].value = 3
    assert app.session.config.layer_sizes == (2, 3, 2, 1, 1) and app.layer.max == 4
    app.controls.w["width"].value = 5
    assert app.session.config.hidden == (5, 4, 3)
    assert len(app.figure.fig.data[app.figure.NODES].x) == 2 + 5 + 4 + 3 + 1
    app.x1.value = -4.0
    assert app.figure.fig.data[app.figure.PICK].x == (-4.0,)
    before = np.array(app.figure.fig.data[app.figure.SURFACE].z)
    app.train_button.click()
    assert app.session.epoch == 20 and "Trained to epoch 20" in app.messages.value
    assert not np.allclose(before, np.array(app.figure.fig.data[app.figure.SURFACE].z))
    app.controls.w["depth"].value = 0  # no hidden layer: one W, never an error
    assert app.session.config.layer_sizes == (2, 1) and "Something went wrong" not in app.messages.value
    app.layer.value = 1
    assert "(1×2)·(2×1) + (1×1) = (1×1)" in app.steps.value


# -- Activations -------------------------------------------------------------------------------------
def test_activations_plot_the_function_its_derivative_range_and_maximum():
    from playground.apps.activations import XS, Activations

    app = Activations()
    d = app.fig.data
    np.testing.assert_allclose(d[app.F].y, np.round(1 / (1 + np.exp(-XS)), 4))
    s = 1 / (1 + np.exp(-XS))
    np.testing.assert_allclose(d[app.DF].y, np.round(s * (1 - s), 4))
    assert d[app.MAXPT].x == (0.0,) and d[app.MAXPT].y == (0.25,)
    assert [v for v in d[app.RANGE].y if v is not None] == [0.0, 0.0, 1.0, 1.0]
    assert "0.25" in app.fig.layout.annotations[0].text and "vanishing" in app.info.value
    app.name.value = "leaky_relu"
    app.slope.value = 0.3
    np.testing.assert_allclose(app.fig.data[app.DF].y, np.where(XS > 0, 1.0, 0.3))
    np.testing.assert_allclose(app.fig.data[app.F].y, np.round(np.where(XS > 0, XS, 0.3 * XS), 4))
    assert len(app.fig.data[app.RANGE].y) == 0  # unbounded both ways
    app.name.value = "gelu"
    assert app.fig.data[app.MAXPT].x[0] == pytest.approx(2 ** 0.5)
    assert "1.13" in app.fig.layout.annotations[0].text
    assert app.slope.disabled


def test_softmax_of_an_edited_vector_and_bad_input_is_a_message():
    from playground.apps.activations import Activations

    app = Activations(vector="2, 1, 0.1")
    np.testing.assert_allclose(app.fig.data[app.BARS_P].y, [0.659, 0.2424, 0.0986], atol=1e-3)
    app.vector.value = "0, 0, 0, 0"
    assert list(app.fig.data[app.BARS_P].y) == [0.25] * 4
    app.vector.value = "1, banana"
    assert "could not read" in app.messages.value
    assert list(app.fig.data[app.BARS_P].y) == [0.25] * 4  # the last good vector stays
    with pytest.raises(ValueError, match="choose one of sigmoid"):
        Activations(name="swish")


# -- Losses ------------------------------------------------------------------------------------------
def test_losses_curves_and_marker_match_the_formulas():
    from playground.apps.losses import Losses

    app = Losses()
    f, d = app.figure, app.figure.fig.data
    ps = f.ps
    np.testing.assert_allclose(d[f.L_BCE].y, np.round(-np.log(ps), 3))
    np.testing.assert_allclose(d[f.G_BCE].y, np.round(1 - ps, 3), atol=1e-3)
    np.testing.assert_allclose(d[f.G_MSE].y, np.round(2 * (1 - ps) * ps * (1 - ps), 3), atol=1e-3)
    app.p.value = 0.01
    assert d[f.G_PT].y[0] == pytest.approx(0.99, abs=1e-3)      # cross-entropy still pushes
    assert d[f.G_PT].y[1] == pytest.approx(0.0196, abs=1e-3)    # MSE has almost stopped
    assert "pushes 50.5× harder" in app.binary_out.value


def test_losses_calculators_and_their_errors():
    from playground.apps.losses import Losses

    app = Losses()
    assert "CE = −log p[0] = 0.417" in app.multi_out.value
    app.logits.value = "1, 2, 3, 4"
    app.target.value = 3
    assert app.target.max == 3 and "−log p[3] = 0.440" in app.multi_out.value
    assert list(app.figure.fig.data[app.figure.SOFTMAX].y) == [0.032, 0.087, 0.237, 0.644]
    assert "MSE = mean (ŷ − y)² = 0.375" in app.reg_out.value and "RMSE = √MSE = 0.612" in app.reg_out.value
    app.y_pred.value = "1, 2"
    assert "equally long" in app.messages.value
    with pytest.raises(ValueError, match="binary"):
        Losses(dataset="blobs")


def test_losses_two_identical_networks_differ_only_in_the_loss():
    from playground import probes
    from playground.apps.losses import Losses

    app = Losses()
    a, b = app.sessions
    assert a.config.loss == "bce" and b.config.loss == "mse" and a.config.replace(loss="mse") == b.config
    for wa, wb in zip(probes.weights(a), probes.weights(b)):
        np.testing.assert_array_equal(wa["W"], wb["W"])
    app.step_button.click()
    assert a.steps == b.steps == 1
    for _ in range(60):
        app.train_frame()
    app.render()
    assert a.epoch == b.epoch
    assert a.history["test_acc"][-1] > b.history["test_acc"][-1]  # cross-entropy ahead (closed-form reason above)
    d = app.figure.fig.data
    assert len(d[app.figure.ACC_CE].x) == len(a.history["epoch"]) and len(d[app.figure.ACC_MSE].x) > 1
    assert "cross-entropy" in app.epoch_label.value and "MSE" in app.epoch_label.value
    app.reset_button.click()
    assert a.epoch == b.epoch == 0


def test_xor_network_says_when_two_neurons_get_stuck():
    app = XorNetwork(seed=0)  # a start that ends in a local minimum (measured: 6 of 12 seeds solve it)
    app.session.train_epochs(160)
    app.render()
    assert app.session.history["train_acc"][-1] < 1.0  # seeded: the same every run
    assert "Stuck?" in app.messages.value and "New random weights" in app.messages.value
