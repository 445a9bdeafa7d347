"""Space warping (playground/warping.py) against independent oracles: our own torch forward passes
over probes.weights, the model's own trace, and plain algebra."""

import subprocess
import sys

import numpy as np
import pytest
import torch

from playground import probes, warping
from playground.activations import ACTIVATIONS
from playground.config import Config
from playground.data import feature_matrix, make_dataset
from playground.session import Session



def trained(epochs=20, **changes):
    s = Session(Config(n_points=120, optimizer="adam", lr=0.03).replace(**changes))
    s.train_epochs(epochs)
    return s


def torch_forward(weights, activation, F, residual=False):
    """Our own forward pass in float64 torch from probes.weights: [F, h1, ..., logits]."""
    a = torch.as_tensor(F, dtype=torch.float64)
    out = [a]
    for i, layer in enumerate(weights):
        W = torch.as_tensor(layer["W"], dtype=torch.float64)
        b = torch.as_tensor(layer["b"], dtype=torch.float64)
        z = a @ W.T + b
        if i < len(weights) - 1:
            h = ACTIVATIONS[activation].torch_module()(z)
            a = h + a if residual and h.shape == a.shape else h
        else:
            a = z
        out.append(a)
    return [o.numpy() for o in out]


# -- one layer in stages ---------------------------------------------------------------------------
@pytest.mark.parametrize("activation", warping.WARP_ACTIVATIONS)
@pytest.mark.parametrize("d_in,d_out", [(2, 2), (2, 3), (3, 2), (2, 1)])
def test_stages_start_exactly_at_the_input_and_end_exactly_at_the_layer_output(activation, d_in, d_out):
    rng = np.random.default_rng(d_in * 10 + d_out)
    W, b, A = rng.normal(size=(d_out, d_in)), rng.normal(size=d_out), rng.normal(size=(50, d_in)) * 3
    D = max(d_in, d_out)
    start, end = warping.stages(W, b, activation, A, 0), warping.stages(W, b, activation, A, 3)
    assert start.shape == end.shape == (50, D)
    assert np.array_equal(start[:, :d_in], A) and not start[:, d_in:].any()
    assert np.array_equal(end, warping.stage_points(W, b, activation, A)[3])  # exactly the layer's output...
    expected = torch_forward([{"W": W, "b": b}, {"W": np.zeros((1, d_out)), "b": np.zeros(1)}], activation, A)[1]
    np.testing.assert_allclose(end[:, :d_out], expected, rtol=0, atol=1e-7)  # ...as torch computes it
    # (leaky ReLU's slope is torch's float32 0.01, hence 1e-7 and not 1e-12)
    assert not end[:, d_out:].any()


def test_stages_are_the_linear_map_then_the_shift_then_the_activation_in_straight_lines():
    rng = np.random.default_rng(1)
    W, b, A = rng.normal(size=(2, 2)), np.array([1.5, -2.0]), rng.normal(size=(40, 2))
    s0, s1, s2, s3 = warping.stage_points(W, b, "relu", A)
    assert np.array_equal(warping.stages(W, b, "relu", A, 1), A @ W.T)
    assert np.array_equal(warping.stages(W, b, "relu", A, 2), A @ W.T + b)
    np.testing.assert_allclose(warping.stages(W, b, "relu", A, 0.25), 0.75 * s0 + 0.25 * s1, atol=1e-12)
    np.testing.assert_allclose(warping.stages(W, b, "relu", A, 1.5) - s1, np.tile(b / 2, (40, 1)), atol=1e-12)
    np.testing.assert_allclose(warping.stages(W, b, "relu", A, 2.5), (s2 + s3) / 2, atol=1e-12)
    # ReLU folds: every point ends in the closed first quadrant, points already there do not move
    assert (s3 >= 0).all()
    inside = (s2 >= 0).all(axis=1)
    np.testing.assert_array_equal(s3[inside], s2[inside])


def test_residual_stage_ends_at_f_plus_input():
    rng = np.random.default_rng(2)
    W, b, A = rng.normal(size=(2, 2)), rng.normal(size=2), rng.normal(size=(10, 2))
    np.testing.assert_allclose(warping.stages(W, b, "tanh", A, 3, residual=True), np.tanh(A @ W.T + b) + A)


@pytest.mark.parametrize("t", [-0.1, 3.01, float("nan"), "1", True])
def test_a_stage_outside_0_to_3_is_a_value_error(t):
    with pytest.raises(ValueError, match="from 0 to 3"):
        warping.stages(np.eye(2), np.zeros(2), "relu", np.zeros((1, 2)), t)


def test_a_zero_wide_layer_or_misfitting_points_are_value_errors():
    with pytest.raises(ValueError, match="at least 1 neuron"):
        warping.stage_points(np.zeros((0, 2)), np.zeros(0), "relu", np.zeros((3, 2)))
    with pytest.raises(ValueError, match="need 3 coordinates"):
        warping.stage_points(np.zeros((2, 3)), np.zeros(2), "relu", np.zeros((3, 2)))
    with pytest.raises(ValueError, match="at least 1 neuron"):
        warping.neuron_view(1, 0)
    with pytest.raises(ValueError, match="activation='swish' is not allowed"):
        warping.activate("swish", np.zeros(2))


# -- whole networks: the oracle ----------------------------------------------------------------------
@pytest.mark.parametrize("activation,hidden,features,residual", [
    ("relu", (3, 2), ("x1", "x2"), False),
    ("tanh", (2, 2), ("x1", "x2"), True),
    ("sigmoid", (4,), ("x1sq", "x2sq"), False),
    ("leaky_relu", (2, 3, 2), ("x1", "x2", "x1x2"), False),
])
def test_the_mapped_mesh_equals_a_direct_forward_pass(activation, hidden, features, residual):
    s = trained(dataset="circle", hidden=hidden, activation=activation, features=features, residual=residual)
    weights = probes.weights(s)
    mesh = warping.mesh_lines((-6, 6), 9, 13)
    spaces = warping.map_through(weights, activation, mesh, features, residual=residual)
    breaks = np.isnan(mesh).any(axis=1)
    assert breaks.sum() == 18 and all(np.isnan(sp[breaks]).all() for sp in spaces)
    mine = torch_forward(weights, activation, feature_matrix(mesh[~breaks], features), residual)
    theirs = probes.layer_values(s, mesh[~breaks])  # the model's own trace (float32)
    assert len(spaces) == len(hidden) + 2
    for k, (space, oracle) in enumerate(zip(spaces, mine)):
        np.testing.assert_allclose(space[~breaks], oracle, rtol=1e-7, atol=1e-7)
        if 0 < k <= len(hidden):
            np.testing.assert_allclose(space[~breaks], theirs["layers"][k - 1]["post"], atol=2e-5)
    np.testing.assert_allclose(spaces[-1][~breaks], theirs["layers"][-1]["pre"], atol=2e-5)


def test_panels_put_the_data_and_the_mesh_where_the_layers_map_them():
    s = trained(dataset="circle", hidden=(3, 2), activation="relu")
    weights, mesh = probes.weights(s), warping.mesh_lines((-6, 6), 7, 9)
    oracle = torch_forward(weights, "relu", s.X)
    mesh_oracle = warping.map_through(weights, "relu", mesh)
    ps = warping.panels(weights, "relu", s.X, s.y, mesh, 3.0)
    assert [p.space for p in ps] == [0, 1, 2] and [p.three_d for p in ps] == [False, True, False]
    np.testing.assert_allclose(ps[0].points, s.X)
    np.testing.assert_allclose(ps[2].points, oracle[2], atol=1e-10)  # 2-wide layer: h1, h2 as they are
    np.testing.assert_allclose(ps[2].mesh, mesh_oracle[2], atol=1e-10)
    cam = ps[1].extra["camera"]
    np.testing.assert_allclose(ps[1].points, oracle[1] @ cam.T, atol=1e-10)  # 3-wide: through the camera
    # mid-way: layer 2 at stage 1.5 = halfway between W·h1 and W·h1 + b
    mid = warping.panels(weights, "relu", s.X, s.y, mesh, 1.5)
    W, b = weights[1]["W"], weights[1]["b"]
    np.testing.assert_allclose(mid[2].points, oracle[1] @ W.T + b / 2, atol=1e-10)
    assert mid[2].boundary.size == 0 and mid[1].lines.size == 0  # lines belong to the output space (t = 3)


def test_a_linear_networks_composed_map_is_the_product_of_its_weight_matrices():
    s = trained(dataset="circle", hidden=(3, 2), activation="linear")
    weights = probes.weights(s)
    A, c = warping.composed_affine(weights)
    W1, W2, W3 = (w["W"].astype(float) for w in weights)
    b1, b2, b3 = (w["b"].astype(float) for w in weights)
    np.testing.assert_allclose(A, W3 @ W2 @ W1, rtol=1e-12)
    np.testing.assert_allclose(c, W3 @ (W2 @ b1 + b2) + b3, rtol=1e-12)
    X = np.random.default_rng(0).uniform(-6, 6, (200, 2))
    logits = probes.layer_values(s, X)["layers"][-1]["pre"]
    np.testing.assert_allclose(X @ A.T + c, logits, atol=1e-4)
    # every layer is affine: each straight line of the mesh stays straight (collinear points)
    for space in warping.map_through(weights, "linear", warping.mesh_lines((-6, 6), 5, 7))[1:3]:
        for line in np.split(space, np.where(np.isnan(space).any(axis=1))[0]):
            line = line[np.isfinite(line).all(axis=1)]
            if len(line) >= 3:
                assert np.linalg.matrix_rank(line[1:] - line[0], tol=1e-6) <= 1


@pytest.mark.parametrize("hidden,features", [((2,), ("x1", "x2")), ((3, 2), ("x1", "x2")), ((2, 3), ("x1", "x2")),
                                             ((), ("x1sq", "x2sq")), ((4, 2), ("x1", "x2"))])
def test_the_decision_line_in_layer_space_classifies_like_the_model(hidden, features):
    s = trained(dataset="circle", hidden=hidden, activation="relu", features=features, epochs=30)
    weights = probes.weights(s)
    last = warping.panels(weights, "relu", s.X, s.y, warping.mesh_lines(), 3.0, features=features)[-1]
    assert last.is_last and last.view.exact
    Wn, bn = warping.next_layer(weights, len(hidden))
    v = last.view.apply(warping.forward(weights, "relu", feature_matrix(s.X, features))[len(hidden)])
    Wv, bv = last.view.hyperplanes(Wn, bn)
    side = (v @ Wv[0] + bv[0]) > 0
    model_says_blue = s.predict(s.X) > 0.5
    agree = side == model_says_blue
    assert agree.mean() > 0.99  # float32 model vs float64 here: only points on the line may differ
    assert last.line_accuracy == pytest.approx((model_says_blue == s.y).mean(), abs=0.01)
    if not last.three_d:  # the drawn segment lies on that line, inside the panel
        seg = last.boundary
        assert seg.shape == (2, 2)
        np.testing.assert_allclose(seg @ Wv[0] + bv[0], 0, atol=1e-9)


def test_next_layer_of_a_layer_that_does_not_exist_is_a_value_error():
    weights = probes.weights(Session(Config(hidden=(2, 2))))
    with pytest.raises(ValueError, match="layer 5 does not exist; choose 0 \\(the input\\) to 2"):
        warping.next_layer(weights, 5)
    with pytest.raises(ValueError, match="layer -1 does not exist"):
        warping.panels(weights, "tanh", np.zeros((3, 2)), np.zeros(3), warping.mesh_lines(), shown=[0, -1])


# -- views --------------------------------------------------------------------------------------------
def test_neuron_views_name_their_axes_and_refuse_neurons_that_do_not_exist():
    v = warping.neuron_view(2, 4, (0, 3))
    assert v.labels == ("h₁ (layer 2)", "h₄ (layer 2)") and not v.exact
    np.testing.assert_array_equal(v.apply(np.arange(8.0).reshape(2, 4)), [[0, 3], [4, 7]])
    assert warping.neuron_view(1, 3).dims == 3 and warping.neuron_view(1, 3).exact
    one = warping.neuron_view(1, 1)
    assert one.exact and one.labels[1].startswith("(no second")
    assert warping.neuron_view(0, 2, features=("x1sq", "x2sq")).labels == ("x₁² (input)", "x₂² (input)")
    with pytest.raises(ValueError, match="neuron 9 does not exist: layer 1 has 8 neurons"):
        warping.neuron_view(1, 8, (0, 8))
    with pytest.raises(ValueError, match="different neurons"):
        warping.neuron_view(1, 8, (1, 1))


def test_pca_view_keeps_its_signs_and_says_how_much_it_shows():
    rng = np.random.default_rng(3)
    values = rng.normal(size=(200, 5)) * [5, 2, 0.1, 0.1, 0.1]
    v = warping.pca_view(1, values, 2)
    assert not v.exact and v.labels[0].startswith("PC₁ of layer 1 (") and "%" in v.note
    flipped = warping.pca_view(1, values, 2, previous=warping.View(-v.P, v.offset, v.labels, "pca", False))
    np.testing.assert_allclose(flipped.P, -v.P)
    np.testing.assert_allclose(np.abs(v.P[0]), [1, 0, 0, 0, 0], atol=0.05)
    with pytest.raises(ValueError, match="cannot be drawn"):
        v.hyperplanes(np.ones((1, 5)), np.zeros(1))


def test_geometry_helpers():
    seg = warping.line_in_box([1.0, 1.0], -1.0, (-2, 2), (-2, 2))
    np.testing.assert_allclose(seg @ [1, 1] - 1, 0, atol=1e-12)
    assert (np.abs(seg) <= 2 + 1e-12).all() and np.linalg.norm(seg[0] - seg[1]) > 1
    assert warping.line_in_box([1.0, 0.0], -5.0, (-2, 2), (-2, 2)).size == 0
    n, c, lo, hi = np.array([1.0, 2.0, -1.0]), 0.5, np.zeros(3) - 1, np.ones(3)
    poly = warping.plane_in_box(n, c, lo, hi)
    assert len(poly) >= 4 and np.array_equal(poly[0], poly[-1])
    np.testing.assert_allclose(poly @ n + c, 0, atol=1e-9)
    assert ((poly >= lo - 1e-9) & (poly <= hi + 1e-9)).all()
    cam = warping.turntable(40, 20)
    np.testing.assert_allclose(cam @ cam.T, np.eye(2), atol=1e-12)
    edge = warping.edge_on(n)
    np.testing.assert_allclose(edge @ edge.T, np.eye(2), atol=1e-12)
    xs = (poly @ edge.T)[:, 0]
    np.testing.assert_allclose(xs, xs[0], atol=1e-9)  # seen edge-on, the plane is one vertical line
    assert warping.box_edges(lo, hi).shape == (36, 3)
    mesh = warping.mesh_lines((-1, 1), 3, 4)
    assert mesh.shape == (2 * 3 * 5, 2) and np.isnan(mesh).any(axis=1).sum() == 6
    with pytest.raises(ValueError, match="n_lines"):
        warping.mesh_lines((-1, 1), 1)


def test_best_line_and_the_textbook_xor_fold():
    X, y = make_dataset("gate_xor", 80, noise=0.05, seed=0)
    W, b = warping.hand_preset("xor-fold")
    H = warping.activate("relu", X @ W.T + b)
    w, c, acc = warping.best_line(H, y)
    assert acc == 1.0 and np.array_equal((H @ w + c > 0).astype(int), y)
    assert warping.best_line(X, y)[2] < 1.0  # in the plane itself no line separates XOR
    Xc, yc = make_dataset("circle", 200, seed=1)
    assert warping.best_line(Xc ** 2, yc)[2] == 1.0
    with pytest.raises(ValueError, match="unknown preset"):
        warping.hand_preset("nope")


def test_the_engine_module_imports_no_widgets_and_no_plotly():
    code = ("import sys, playground.warping; "
            "print('ipywidgets' in sys.modules, 'plotly' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
