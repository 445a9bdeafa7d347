"""The space-warping apps headless: build them, set widgets, run frames, read the figure."""

import html

import numpy as np
import pytest

from playground import probes, warping
from playground.apps.space_warp import HandWarp, SpaceWarp
from playground.config import Config
from playground.views.warp_figure import BOUNDARY, LINES, MESH0, MESH1, PER_SLOT, POINTS0, POINTS1


def trace(app, slot, kind):
    return app.figure.fig.data[slot * PER_SLOT + kind]


def xy(t):
    return np.column_stack([np.asarray(t.x, float), np.asarray(t.y, float)]) if t.x is not None and len(t.x) else \
        np.zeros((0, 2))


def centres(t):
    """The data points drawn by a points trace: the centres of its glyph polygons."""
    pts = xy(t)
    shapes = np.split(pts, np.where(np.isnan(pts).any(axis=1))[0])
    return np.array([sh[np.isfinite(sh).all(axis=1)][:-1].mean(axis=0) for sh in shapes if np.isfinite(sh).any()])


def titles(app):
    return [a.text for a in app.figure.fig.layout.annotations]


def message(app):
    return app.messages.value


class NoLoop:
    """Stands in for the live loop's start/pause: headless tests call ``_frame()`` themselves."""

    def __init__(self, app):
        self.started = self.paused = 0
        app.loop.start = lambda: setattr(self, "started", self.started + 1)
        app.loop.pause = lambda reason="paused": setattr(self, "paused", self.paused + 1)


@pytest.fixture(scope="module")
def app():
    return SpaceWarp(query="", n_points=120)


def test_it_draws_one_panel_per_space_with_honest_titles_and_axes(app):
    c = app.session.config
    assert (c.dataset, c.hidden, c.activation) == ("circle", (3, 2), "relu")
    t = titles(app)
    assert t[0].startswith("<b>Input: the plane (x₁, x₂)</b>")
    assert t[1].startswith("<b>Layer 1 (3 neurons): ReLU(W·a + b)</b>") and "planes" in t[1]
    assert t[2].startswith("<b>Layer 2 (2 neurons): ReLU(W·a + b)</b>") and "of the points on their side" in t[2]
    lay = app.figure.fig.layout
    assert lay.xaxis.title.text == "x₁ (input)" and lay.yaxis2.visible is False  # layer 1 is drawn in 3-D
    assert (lay.xaxis3.title.text, lay.yaxis3.title.text) == ("h₁ (layer 2)", "h₂ (layer 2)")
    assert not lay.xaxis4.visible and t[3] == ""
    # the data points, by class, exactly where the network puts them
    s = app.session
    h2 = warping.forward(probes.weights(s), "relu", s.X)[2]
    np.testing.assert_allclose(centres(trace(app, 2, POINTS0)), h2[s.y == 0], atol=1e-3)
    np.testing.assert_allclose(centres(trace(app, 2, POINTS1)), h2[s.y == 1], atol=1e-3)
    # the mesh: a few hundred points with NaN breaks, split by the class the network predicts
    m0, m1 = xy(trace(app, 0, MESH0)), xy(trace(app, 0, MESH1))
    assert 200 <= len(m0) <= 1000 and np.isnan(m0).any()
    mesh = app.mesh
    finite = np.isfinite(mesh).all(axis=1)
    says_blue = np.zeros(len(mesh), bool)
    says_blue[finite] = s.predict(mesh[finite]) > 0.5
    assert np.isfinite(m1).all(axis=1).sum() == (says_blue & finite).sum()
    assert np.isfinite(m0).all(axis=1).sum() == (~says_blue & finite).sum()
    assert len(xy(trace(app, 2, BOUNDARY))) == 2  # the output's line in layer 2
    assert len(xy(trace(app, 0, LINES))) == 9  # layer 1's three neuron lines in the plane (with breaks)


def test_frames_train_and_redraw(app):
    NoLoop(app)
    before = app.session.epoch
    app.start()
    assert app.training and app.play.description == "Pause" and app.trains_while_idle()
    app.loop.work_budget_s = 0.05
    for _ in range(10):
        assert app._frame() is None
    assert app.session.epoch > before
    s = app.session
    h2 = warping.forward(probes.weights(s), "relu", s.X)[2]
    np.testing.assert_allclose(centres(trace(app, 2, POINTS1)), h2[s.y == 1], atol=1e-3)
    assert f"Epoch <b>{s.epoch:,}</b>" in app.epoch_label.value
    app.pause()
    assert not app.training and app.play.description == "Play" and not app.trains_while_idle()
    assert app._frame() is False  # nothing left to do: the loop stops


def test_the_stage_slider_moves_every_layer_from_its_input_to_its_output(app):
    s = app.session
    weights = probes.weights(s)
    spaces = warping.forward(weights, "relu", s.X)
    app.stage.value = 1.5
    t = titles(app)
    assert "stage 1.50: W·a → W·a + b" in t[2] and "<b style='color:#0877bd'>" in app.stage_label.value
    expected = spaces[1] @ weights[1]["W"].T + weights[1]["b"] / 2
    np.testing.assert_allclose(centres(trace(app, 2, POINTS1)), expected[s.y == 1], atol=1e-3)
    assert len(xy(trace(app, 2, BOUNDARY))) == 0  # the line belongs to the layer's output space
    app.stage.value = 0
    np.testing.assert_allclose(centres(trace(app, 0, POINTS0)), s.X[s.y == 0], atol=1e-3)  # the input never moves
    app.stage.value = 3
    np.testing.assert_allclose(centres(trace(app, 2, POINTS1)), spaces[2][s.y == 1], atol=1e-3)


def test_the_stage_animation_plays_from_0_to_3_and_stops(app):
    loop = NoLoop(app)
    now = [100.0]
    app.clock = lambda: now[0]
    app.play_stages()
    assert app.animating and app.t == 0 and loop.started == 1 and app.stage_button.description == "■ stop"
    seen = []
    for _ in range(40):
        now[0] += 0.25
        result = app._frame()
        seen.append(app.t)
        if result is False:
            break
    assert seen == sorted(seen) and seen[-1] == 3 and 0 < seen[len(seen) // 2] < 3
    assert not app.animating and app.stage_button.description == "▶ play the stages"
    assert app.stage.value == 3


def test_the_animation_keeps_the_slider_on_its_steps(app):
    """The page's slider rounds a value between its steps and sends it back as the learner's: the
    animation moves the picture smoothly and the slider only ever to its own steps."""
    NoLoop(app)
    now = [200.0]
    app.clock = lambda: now[0]
    app._set_stage(0.0)
    app.play_stages()
    values, ts = set(), set()
    while app.animating:
        now[0] += 0.07
        app._frame()
        values.add(app.stage.value)
        ts.add(app.t)
    assert all(abs(v / 0.05 - round(v / 0.05)) < 1e-9 for v in values), sorted(values)
    assert any(abs(t / 0.05 - round(t / 0.05)) > 1e-6 for t in ts)  # the picture moves between the steps
    assert app.t == 3 and app.stage.value == 3


def test_switching_the_activation_keeps_the_weights_and_redraws(app):
    before = probes.weights(app.session)
    app.controls.w["activation"].value = "tanh"
    after = probes.weights(app.session)
    assert app.session.config.activation == "tanh"
    for a, b in zip(before, after):
        np.testing.assert_array_equal(a["W"], b["W"])
    assert "same weights, now with tanh" in message(app)
    assert "tanh(W·a + b)" in titles(app)[1]
    s = app.session
    h2 = warping.forward(after, "tanh", s.X)[2]
    np.testing.assert_allclose(centres(trace(app, 2, POINTS0)), h2[s.y == 0], atol=1e-3)
    app.controls.w["activation"].value = "linear"
    assert "W·a + b (linear)" in titles(app)[1]
    app.controls.w["activation"].value = "relu"


def test_bad_inputs_give_messages_not_tracebacks(app):
    config = app.session.config
    app.controls.w["hidden"].value = "2, 0"
    assert "hidden (neurons per layer)=0 is not allowed" in message(app) and app.session.config == config
    app.controls.w["hidden"].value = "two"
    assert "write neuron counts" in message(app)
    app.view(5)
    assert "layer 5 does not exist; choose 0 (the input) to 2 (the hidden layers)" in message(app)
    app.view(1, "neurons", neurons=(1, 4))
    assert "neuron 4 does not exist: layer 1 has 3 neurons" in message(app)
    app.set(dataset="blobs")
    assert "two-class problems" in message(app) and app.session.config == config
    app.set_stage(7)
    assert "from 0 to 3" in message(app)
    app.controls.w["hidden"].value = "3, 2"


def test_bad_start_settings_give_the_defaults_and_a_message():
    zero = SpaceWarp(query="", hidden=(0,))
    assert "hidden (neurons per layer)=0 is not allowed" in message(zero) and zero.session.config.hidden == (3, 2)
    multi = SpaceWarp(query="", dataset="spiral3")
    assert "two-class problems" in message(multi)
    bn = SpaceWarp(query="", batch_norm=True)
    assert "batch norm" in message(bn)


def test_wide_layers_are_seen_through_pca_or_picked_neurons():
    app = SpaceWarp(query="", hidden=(8, 2), n_points=100)
    assert "PCA (2 of 8 directions" in titles(app)[1] and "no lines" in titles(app)[1]
    assert app.figure.fig.layout.xaxis2.title.text.startswith("PC₁ of layer 1 (")
    assert app.view_layer.value == 1 and app.view_bar.layout.display == "flex"
    app.view_kind.value = "n2"
    assert app.figure.fig.layout.xaxis2.title.text == "h₁ (layer 1)" and "2 of its 8 neurons" in titles(app)[1]
    app.view_neurons.value = "3, 9"
    assert "neuron 9 does not exist: layer 1 has 8 neurons (1 to 8)" in message(app)
    app.view_kind.value = "n3"
    app.view_neurons.value = "2, 5, 7"
    assert app.figure.fig.layout.yaxis2.visible is False and app.camera_bar.layout.display == "flex"
    s = app.session
    cam = warping.turntable(app.turn.value, app.tilt.value)
    h1 = warping.forward(probes.weights(s), "relu", s.X)[1][:, [1, 4, 6]]
    np.testing.assert_allclose(centres(trace(app, 1, POINTS0)), (h1 @ cam.T)[s.y == 0], atol=1e-3)
    app.view(1, "pca", dims=3)
    assert "PCA (3 of 8 directions" in titles(app)[1]
    app.view(1)
    assert "PCA (2 of 8" in titles(app)[1]


def test_deep_networks_show_a_window_of_layers():
    app = SpaceWarp(query="", hidden=(2, 2, 2, 2, 2), n_points=60)
    assert [p.space for p in app.panels()] == [0, 1, 2, 3]
    assert app.layers_shown.layout.display == "flex"
    app.layers_shown.value = 3
    assert [p.space for p in app.panels()] == [0, 3, 4, 5]
    assert titles(app)[3].startswith("<b>Layer 5")


def test_edge_on_view_shows_the_output_plane_as_a_line():
    app = SpaceWarp(query="", hidden=(3,), n_points=100)
    app.edge_on.value = True
    plane = xy(trace(app, 1, BOUNDARY))
    finite = plane[np.isfinite(plane).all(axis=1)]
    assert len(finite) >= 4
    np.testing.assert_allclose(finite[:, 0], finite[0, 0], atol=1e-3)


def test_a_page_link_sets_the_start_and_the_share_link_holds_the_settings():
    config = Config(dataset="xor", hidden=(4, 2), activation="tanh", n_points=100)
    app = SpaceWarp(query=config.to_query())
    assert app.session.config == config and app.controls.w["hidden"].value == "4, 2" and app.controls.w["activation"].value == "tanh"
    assert html.escape(config.to_query()) in app.link.value
    bad = SpaceWarp(query="dataset=nope")
    assert "could not be used" in message(bad)


def test_no_hidden_layer_draws_the_output_line_in_the_input_space():
    app = SpaceWarp(query="", hidden=(), features=("x1sq", "x2sq"), n_points=100)
    t = titles(app)
    assert t[0].startswith("<b>Input features (x₁², x₂²)</b>") and "black line" in t[0] and t[1] == ""
    assert len(xy(trace(app, 0, BOUNDARY))) == 2
    assert app.figure.fig.layout.xaxis.title.text == "x₁² (input)"


# -- HandWarp -----------------------------------------------------------------------------------------
def test_hand_warp_finds_the_xor_fold_and_draws_its_best_line():
    app = HandWarp()
    s = app.session
    assert (s.config.dataset, s.config.hidden) == ("gate_xor", (2,)) and app.accuracy < 1
    app.load_preset("xor-fold")
    assert app.accuracy == 1.0 and "one line separates the classes" in app.score.value
    weights = probes.weights(s)
    np.testing.assert_allclose(weights[0]["W"], [[1, 1], [1, 1]])
    np.testing.assert_allclose(weights[0]["b"], [0, -1])
    h = warping.forward(weights, "relu", s.X)[1]
    w, c, _ = warping.best_line(h, s.y)
    np.testing.assert_allclose(weights[1]["W"][0], w, rtol=1e-5)
    assert "best line: 100%" in titles(app)[1]
    np.testing.assert_allclose(centres(trace(app, 1, POINTS1)), h[s.y == 1], atol=1e-3)


def test_hand_warp_sliders_set_the_layer_and_bad_weights_give_a_message():
    app = HandWarp(dataset="circle")
    app.w_sliders[0][1].value = 1.5
    app.b_sliders[1].value = -0.5
    weights = probes.weights(app.session)
    np.testing.assert_allclose(weights[0]["W"], [[1, 1.5], [0, 1]])
    np.testing.assert_allclose(weights[0]["b"], [0, -0.5])
    assert app.accuracy < 1  # two neurons never enclose the disc
    app.set_weights(W=[[5, 0], [0, 1]])
    assert "from -3 to 3" in message(app)
    app.controls.w["features"].value = ("x1sq", "x2sq")
    app.load_preset("identity")
    assert app.accuracy == 1.0
    app.controls.w["activation"].value = "tanh"
    assert "tanh(W·a + b)" in titles(app)[1]
    bad = HandWarp(hidden=(0,))
    assert "not allowed" in message(bad)
    three = HandWarp(features=("x1", "x2", "x1x2"))
    assert "pick two input features" in message(three)
    NoLoop(app)
    app.start()
    assert "Nothing to train" in message(app) and not app.training
