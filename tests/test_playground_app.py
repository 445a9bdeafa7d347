"""The Playground app headless: build it, set widgets as a learner would, step, and check what
the live canvas is sent against the engine (direct forward passes, session.history, probes) and
the messages a learner reads. Clicks arrive as the page sends them (``select`` / ``plane``).
"""

from __future__ import annotations

import base64
from html import unescape
import json
import re
from urllib.parse import unquote

import numpy as np
import pytest

from playground import apps, export, probes
from playground.config import Config
from playground.data import DATASETS, FEATURES
from playground.session import Session
from playground.views.playground_canvas import HISTORY_KEYS

RES = 64  # the app's surface resolution

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")  # NumPy overflow while a run diverges


# -- helpers ------------------------------------------------------------------------------------
@pytest.fixture
def app():
    return apps.Playground(query="")


def message(app) -> tuple[str, str]:
    """(kind, text) of the message line; kind is info, warn, error or '' when empty."""
    html = app.messages.value
    assert "Traceback" not in html
    kind = re.search(r"pg-(info|warn|error)", html)
    text = unescape(re.sub(r"<[^>]+>", "", html))
    return (kind.group(1) if kind else ""), text


def frame(app) -> dict:
    return app.canvas.frame


def click_tile(app, layer, neuron):
    """A click on a neuron's tile, as the page reports it."""
    app.canvas._handle_message(app.canvas, {"type": "select", "layer": layer, "neuron": neuron})


def click_plane(app, x1, x2):
    """A click on the output plane at (x1, x2), as the page reports it."""
    app.canvas._handle_message(app.canvas, {"type": "plane", "x": x1, "y": x2})


def oracle_surface(session, res=RES):
    """The model's output over the input plane from a direct forward pass (``session.predict``)."""
    lo, hi = DATASETS[session.config.dataset].bounds
    axis = np.linspace(lo, hi, res)
    gx, gy = np.meshgrid(axis, axis)  # row i: y = axis[i]; column j: x = axis[j]
    pred = session.predict(np.column_stack([gx.ravel(), gy.ravel()]))
    if pred.ndim == 2:
        return pred.argmax(axis=1).reshape(res, res).astype(float)
    return pred.reshape(res, res)


def train(app, frames=3):
    """A few frames of 1 epoch each (deterministic), as Play would run them."""
    app.speed.value = "epoch"
    for _ in range(frames):
        assert app._frame() is None


def weights_of(session):
    return [w["W"].copy() for w in probes.weights(session)] + [w["b"].copy() for w in probes.weights(session)]


def assert_same_weights(a, b):
    assert len(a) == len(b)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)


def assert_picture_matches(app):
    """Every panel of the live picture shows the session as it is now."""
    s, c, canvas = app.session, app.session.config, app.canvas
    # the output surface
    z = canvas.surface()
    assert z.shape == (RES, RES)
    np.testing.assert_allclose(z, probes.decision_grid(s, RES)["z"], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(z, oracle_surface(s), atol=1e-3)
    assert canvas.points["bounds"] == list(DATASETS[c.dataset].bounds)
    # the loss and accuracy curves
    history = canvas.history()
    np.testing.assert_allclose(history["epoch"], s.history["epoch"])
    for key in HISTORY_KEYS:
        np.testing.assert_allclose(history[key], np.asarray(s.history[key], float), rtol=1e-6, equal_nan=True)
    # the gradient strip
    assert canvas.structure["grad_labels"] == [f"L{i + 1}" for i in range(len(c.hidden))] + ["out"]
    if s.status == "ok":
        g = probes.grad_stats(s)["weight_grad_norm"]
        np.testing.assert_allclose(canvas.grads(), g, rtol=1e-6, atol=1e-12)
    # the network: one tile per neuron, one link per weight, labels on both sides
    assert canvas.structure["sizes"] == list(c.layer_sizes)
    assert canvas.tiles().shape[0] == sum(c.layer_sizes)
    for got, w in zip(canvas.weights(), probes.weights(s)):
        np.testing.assert_allclose(got, w["W"], rtol=1e-6)
    assert canvas.structure["input_labels"] == [FEATURES[name][0] for name in c.features]
    assert len(canvas.structure["output_labels"]) == c.n_outputs
    # the data points
    assert_points_match(app)
    assert f"Epoch <b>{s.epoch:,}</b>" in app.epoch_label.value


def assert_points_match(app):
    s, p = app.session, app.canvas.point_arrays()
    shown = np.concatenate([s.train_idx, s.test_idx if app.show_test.value else s.test_idx[:0]])
    np.testing.assert_array_equal(p["x"], s.X[shown, 0].astype(np.float32))
    np.testing.assert_array_equal(p["y"], s.X[shown, 1].astype(np.float32))
    np.testing.assert_array_equal(p["label"], np.asarray(s.y, float)[shown].astype(np.float32))
    assert p["test"].sum() == (len(s.test_idx) if app.show_test.value else 0)


# -- the picture ----------------------------------------------------------------------------------
def test_default_app_shows_the_default_config(app):
    assert app.session.config == Config()
    assert message(app) == ("", "")
    assert app.controls.read(app.session.config) == app.session.config
    assert_picture_matches(app)
    assert frame(app)["zrange"] == [0, 1] and frame(app)["scale"] == "light"
    assert frame(app)["title"].startswith("Output")


def test_training_frames_update_every_panel(app):
    z0 = app.canvas.surface().copy()
    train(app, 5)
    assert app.session.epoch == 5
    assert len(app.session.history["epoch"]) == 6
    assert_picture_matches(app)
    assert not np.array_equal(z0, app.canvas.surface())
    assert message(app) == ("", "")


def test_step_once_makes_one_step_and_redraws(app):
    app._step_once()
    assert app.session.steps == 1
    assert_picture_matches(app)
    app.step_button.click()
    assert app.session.steps == 2


def test_hiding_test_points(app):
    app.show_test.value = False
    assert_points_match(app)
    assert len(app.canvas.point_arrays()["x"]) == len(app.session.train_idx) > 0
    app.show_test.value = True
    assert app.canvas.point_arrays()["test"].sum() == len(app.session.test_idx) > 0


def test_discretized_binary_surface(app):
    train(app, 2)
    app.discretize.value = True
    np.testing.assert_array_equal(app.canvas.surface(), (oracle_surface(app.session) >= 0.5).astype(float))
    app.discretize.value = False
    assert_picture_matches(app)


# -- live changes and rebuilds ------------------------------------------------------------------
@pytest.mark.parametrize("widget, value", [("lr", 0.1), ("optimizer", "adam"), ("optimizer", "momentum"),
                                           ("batch_size", 50), ("reg", "l2"), ("reg", "decay")])
def test_live_changes_keep_weights_and_epoch(app, widget, value):
    train(app, 3)
    before, epoch = weights_of(app.session), app.session.epoch
    getattr(app.controls, widget).value = value
    assert getattr(app.session.config, widget) == value
    assert app.session.epoch == epoch == 3
    assert_same_weights(weights_of(app.session), before)
    kind, text = message(app)
    assert "rebuilt" not in text and "New data" not in text
    assert_picture_matches(app)
    train(app, 1)
    assert app.session.epoch == 4


def test_live_learning_rate_reaches_the_optimizer(app):
    app.controls.lr.value = 0.1
    assert [g["lr"] for g in app.session.optimizer.param_groups] == [0.1]
    app.controls.reg.value = "decay"
    app.controls.reg_rate.value = 0.01
    assert app.session.config.reg_rate == 0.01
    assert [g["weight_decay"] for g in app.session.optimizer.param_groups] == [0.01]
    assert "reg_rate=0.01" in unquote(app.link.value)


@pytest.mark.parametrize("widget, value, sizes", [("hidden", "8, 8", (2, 8, 8, 1)), ("hidden", "", (2, 1)),
                                                  ("activation", "relu", (2, 4, 2, 1)),
                                                  ("init", "xavier", (2, 4, 2, 1)),
                                                  ("dropout", 0.2, (2, 4, 2, 1)),
                                                  ("batch_norm", True, (2, 4, 2, 1))])
def test_structural_changes_rebuild_and_say_so(app, widget, value, sizes):
    train(app, 3)
    getattr(app.controls, widget).value = value
    assert app.session.epoch == 0
    assert app.session.config.layer_sizes == sizes
    kind, text = message(app)
    assert kind == "info" and "rebuilt" in text
    expected = Session(app.session.config)  # a rebuild means this config's own initial weights
    assert_same_weights(weights_of(app.session), weights_of(expected))
    assert_picture_matches(app)
    train(app, 2)
    assert_picture_matches(app)


def test_feature_toggles_change_the_inputs(app):
    app.controls.features["x1sq"].value = True
    assert app.session.config.features == ("x1", "x2", "x1sq")
    assert app.session.Xtr.shape[1] == 3
    assert "rebuilt" in message(app)[1]
    assert_picture_matches(app)
    app.controls.features["x1"].value = False
    app.controls.features["x2"].value = False
    assert app.session.config.features == ("x1sq",)
    assert_picture_matches(app)
    app.controls.features["x1sq"].value = False  # no input left
    kind, text = message(app)
    assert kind == "error" and "at least one input feature" in text
    assert app.session.config.features == ("x1sq",)
    assert_picture_matches(app)


def test_add_and_remove_layer_buttons(app):
    app.controls.add_layer.click()
    assert app.session.config.hidden == (4, 2, 2)
    assert app.controls.hidden.value == "4, 2, 2"
    assert "rebuilt" in message(app)[1]
    for _ in range(4):
        app.controls.remove_layer.click()
    assert app.session.config.hidden == ()
    assert app.controls.remove_layer.disabled
    assert_picture_matches(app)


def test_dataset_change_says_new_data(app):
    train(app, 2)
    X_before = app.session.X.copy()
    app.controls.dataset.value = "xor"
    kind, text = message(app)
    assert kind == "info" and "New data" in text
    assert app.session.config.dataset == "xor" and app.session.epoch == 0
    assert not np.array_equal(X_before, app.session.X)
    assert_picture_matches(app)


def test_multiclass_blobs(app):
    app.controls.dataset.value = "blobs"
    c = app.session.config
    assert (c.problem, c.loss, c.n_outputs) == ("multiclass", "ce", 3)
    assert "New data" in message(app)[1]
    assert app.controls.problem.value == "multiclass" and app.controls.loss.value == "ce"
    train(app, 3)
    assert_picture_matches(app)
    assert frame(app)["zrange"] == [-0.5, 2.5] and frame(app)["scale"] == "classes"
    assert set(np.unique(app.canvas.surface())) <= {0.0, 1.0, 2.0}
    assert app.canvas.structure["output_labels"] == ["class 0", "class 1", "class 2"]
    assert set(app.canvas.point_arrays()["label"]) == {0.0, 1.0, 2.0}  # one colour and symbol each


def test_regression_plane(app):
    app.controls.dataset.value = "plane"
    c = app.session.config
    assert (c.problem, c.loss, c.n_outputs) == ("regression", "mse", 1)
    assert app.controls.problem.options == (("regression", "regression"),)
    train(app, 3)
    assert_picture_matches(app)
    assert frame(app)["zrange"] == [-1, 1] and frame(app)["scale"] == "light"
    assert "accuracy" not in app.epoch_label.value
    assert app.canvas.points["problem"] == "regression"  # points coloured by their value
    app.discretize.value = True
    np.testing.assert_array_equal(app.canvas.surface(), np.sign(oracle_surface(app.session)))
    app.controls.loss.value = "mae"
    assert app.session.config.loss == "mae" and "rebuilt" in message(app)[1]


def test_binary_data_as_multiclass_and_back(app):
    app.controls.problem.value = "multiclass"
    c = app.session.config
    assert (c.problem, c.loss, c.n_outputs) == ("multiclass", "ce", 2)
    assert_picture_matches(app)
    assert frame(app)["zrange"] == [-0.5, 1.5]
    app.controls.problem.value = "binary"
    assert (app.session.config.problem, app.session.config.loss) == ("binary", "bce")
    assert_picture_matches(app)


# -- bad input ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["abc", "", "-1", "1.5", "²", "99999999999"])
def test_bad_seed_gives_a_message_and_keeps_the_run(app, text):
    train(app, 2)
    app.controls.seed.value = text
    kind, text_shown = message(app)
    assert kind == "error" and "seed" in text_shown
    assert app.session.config == Config() and app.session.epoch == 2
    train(app, 1)  # training goes on with the old settings
    assert app.session.epoch == 3
    app.controls.seed.value = "7"
    assert app.session.config.seed == 7
    assert "New data" in message(app)[1]


def test_seed_message_is_for_a_learner(app):
    for text in ("abc", "²"):
        app.controls.seed.value = text
        assert message(app) == ("error", f"seed {text!r} is not a whole number; type one such as 0 or 42")


@pytest.mark.parametrize("text, words", [("0", "from 1 to 64"), ("x", "separated by commas"), ("70", "from 1 to 64"),
                                         ("4.5", "separated by commas"), ("-2", "from 1 to 64"),
                                         (", ".join(["2"] * 25), "at most 24 hidden layers")])
def test_bad_hidden_layers_give_a_message(app, text, words):
    app.controls.hidden.value = text
    kind, shown = message(app)
    assert kind == "error" and words in shown
    assert app.session.config.hidden == (4, 2)
    assert_picture_matches(app)
    app.controls.hidden.value = "3"
    assert app.session.config.hidden == (3,) and "rebuilt" in message(app)[1]


def test_batch_norm_with_batch_size_one_is_refused(app):
    app.controls.batch_size.value = 1
    app.controls.batch_norm.value = True
    kind, text = message(app)
    assert kind == "error" and "batch norm" in text
    assert app.session.config.batch_norm is False


def test_diverged_run_says_so_and_reset_recovers():
    app = apps.Playground(query="")
    c = app.controls
    c.dataset.value = "spiral"
    c.activation.value = "linear"
    c.lr.value = 3.0  # a linear network at learning rate 3 blows up within an epoch on seed 0
    app.speed.value = "epoch"
    assert app._frame() is False
    assert app.session.status == "diverged"
    kind, text = message(app)
    assert kind == "error" and "smaller learning rate" in text and "Reset" in text
    assert not app.loop.running
    app.play.click()  # Play refuses while diverged
    assert not app.loop.running and app.play.description == "Play"
    assert message(app)[0] == "error"
    assert app._frame() is False  # nothing trains
    # the view stays drawable: a NaN network still gives a finite colour range for any neuron
    sizes = app.session.config.layer_sizes
    for layer, neuron in [(1, 0), (len(sizes) - 1, 0)]:
        click_tile(app, layer, neuron)
        assert app.selected == (layer, neuron) and np.isfinite(frame(app)["zrange"]).all()
        click_tile(app, layer, neuron)
    c.lr.value = 0.01  # as the message says: a smaller rate, then Reset
    app.reset_button.click()
    assert app.session.status == "ok" and app.session.epoch == 0
    assert message(app)[0] == "info"
    train(app, 3)
    assert app.session.status == "ok"
    assert_picture_matches(app)


# -- reset -------------------------------------------------------------------------------------------
def test_reset_restores_the_initial_weights(app):
    app.controls.hidden.value = "5, 3"
    initial = weights_of(app.session)
    assert_same_weights(initial, weights_of(Session(app.session.config)))
    train(app, 4)
    assert not all(np.array_equal(a, b) for a, b in zip(initial, weights_of(app.session)))
    app.reset_button.click()
    assert app.session.epoch == 0 and app.session.steps == 0
    assert_same_weights(weights_of(app.session), initial)
    kind, text = message(app)
    assert kind == "info" and "Reset" in text
    assert_picture_matches(app)
    train(app, 4)  # and the run repeats itself exactly
    again = Session(app.session.config)
    again.train_epochs(4)
    assert_same_weights(weights_of(app.session), weights_of(again))


def test_regenerate_draws_new_data(app):
    app.regenerate.click()
    assert app.session.config.seed != 0
    assert app.controls.seed.value == str(app.session.config.seed)
    assert "New data" in message(app)[1]
    assert_picture_matches(app)


# -- links ------------------------------------------------------------------------------------------
LINKED = Config(dataset="xor", n_points=300, noise=0.1, seed=5, features=("x1", "x2", "x1x2"), hidden=(3,),
                activation="relu", init="he", optimizer="adam", lr=0.01, batch_size=20, reg="l2", reg_rate=0.001)


@pytest.mark.parametrize("config", [LINKED, Config().replace(dataset="blobs", hidden=(6, 6)),
                                    Config().replace(dataset="plane", hidden=(), loss="mae", train_fraction=0.3),
                                    Config(hidden=(8,) * 6, batch_norm=True, dropout=0.1, residual=True)])
def test_query_link_restores_the_config(config):
    app = apps.Playground(query=config.to_query())
    assert app.session.config == config
    assert app.controls.read(app.session.config) == config
    kind, text = message(app)
    assert kind == "info" and "restored" in text
    assert_picture_matches(app)


def test_query_with_question_mark_and_partial_fields():
    app = apps.Playground(query="?dataset=spiral&hidden=8,8")
    assert app.session.config == Config(dataset="spiral", hidden=(8, 8))


@pytest.mark.parametrize("query", ["hidden=x", "lr=abc", "bogus=1", "dataset=nope", "hidden=0", "lr=3&lr=4"])
def test_malformed_query_warns_and_uses_the_defaults(query):
    app = apps.Playground(query=query)
    kind, text = message(app)
    assert kind == "warn" and "could not be used" in text and "defaults" in text
    assert app.session.config == Config()
    assert_picture_matches(app)


def test_copy_link_field_holds_the_current_config(app):
    def linked():
        value = re.search(r"value='([^']*)'", app.link.value).group(1)
        return Config.from_query(value.replace("&amp;", "&"))
    assert linked() == app.session.config
    app.controls.lr.value = 0.3
    assert linked() == app.session.config and app.session.config.lr == 0.3
    app.controls.hidden.value = "6"
    assert linked() == app.session.config and app.session.config.hidden == (6,)
    app.controls.dataset.value = "moons"
    assert linked() == app.session.config and app.session.config.dataset == "moons"


def test_logic_gate_surface_covers_its_own_square(app):
    app.set(dataset="gate_xor")  # bounds (-0.5, 1.5), not (-6, 6): both axes of the surface follow at once
    assert_picture_matches(app)
    assert app.canvas.points["bounds"] == [-0.5, 1.5]


def test_set_from_code(app):
    app.set(lr=0.1, hidden=(8, 8))
    assert app.session.config.hidden == (8, 8) and app.controls.hidden.value == "8, 8"
    assert app.controls.lr.value == 0.1
    assert_picture_matches(app)


# -- draw your own points ---------------------------------------------------------------------------
def test_drawing_a_point_adds_it_to_the_training_set(app):
    train(app, 2)
    n_train, n_shown = len(app.session.train_idx), len(app.canvas.point_arrays()["x"])
    weights = weights_of(app.session)
    app.draw.value = 1
    click_plane(app, 1.0, 2.0)
    s = app.session
    assert len(s.train_idx) == n_train + 1 and len(s.Xtr) == n_train + 1
    p = app.canvas.point_arrays()
    assert len(p["x"]) == n_shown + 1
    assert tuple(s.X[s.train_idx[-1]]) == (1.0, 2.0) and s.y[s.train_idx[-1]] == 1
    last_train = len(s.train_idx) - 1  # training points come first, then the test points
    assert (p["x"][last_train], p["y"][last_train], p["label"][last_train]) == (1.0, 2.0, 1.0)
    assert s.epoch == 2
    assert_same_weights(weights_of(s), weights)  # drawing keeps the weights
    assert "Added a point" in message(app)[1]
    app.draw.value = 0
    app._add_point(-1.0, -2.0, 0)
    assert len(s.train_idx) == n_train + 2 and s.y[s.train_idx[-1]] == 0
    assert_picture_matches(app)
    train(app, 1)


def test_clicking_with_drawing_off_adds_nothing(app):
    n = len(app.session.X)
    click_plane(app, 1.0, 2.0)
    app.canvas._handle_message(app.canvas, {"type": "plane"})  # malformed: ignored
    assert len(app.session.X) == n


def test_drawing_in_regression_adds_plus_or_minus_one(app):
    app.controls.dataset.value = "plane"
    app.draw.value = 0
    click_plane(app, 0.5, 0.5)
    app.draw.value = 1
    click_plane(app, -0.5, 0.5)
    s = app.session
    assert list(s.y[s.train_idx[-2:]]) == [-1.0, 1.0]
    assert_picture_matches(app)


# -- clicking a neuron --------------------------------------------------------------------------------


@pytest.mark.parametrize("layer, neuron, title", [(0, 1, "input x₂"), (1, 2, "layer 1, neuron 3"),
                                                  (2, 1, "layer 2, neuron 2"), (3, 0, "output 1")])
def test_clicking_a_neuron_shows_its_map_large(app, layer, neuron, title):
    train(app, 2)
    click_tile(app, layer, neuron)
    assert app.selected == (layer, neuron)
    assert frame(app)["title"].startswith(title) and frame(app)["selected"] == [layer, neuron]
    grids = probes.neuron_grids(app.session, RES)
    expected = grids["inputs"][neuron] if layer == 0 else grids["layers"][layer - 1][neuron]
    np.testing.assert_allclose(app.canvas.surface(), expected, rtol=1e-6, atol=1e-7)
    lim = np.abs(expected).max()
    assert frame(app)["zrange"] == pytest.approx([-lim, lim])
    train(app, 1)  # it stays selected while training, and follows the weights
    grids = probes.neuron_grids(app.session, RES)
    expected = grids["inputs"][neuron] if layer == 0 else grids["layers"][layer - 1][neuron]
    np.testing.assert_allclose(app.canvas.surface(), expected, rtol=1e-6, atol=1e-7)
    click_tile(app, layer, neuron)  # again: back to the output
    assert app.selected is None and frame(app)["selected"] is None
    assert frame(app)["title"].startswith("Output")
    assert_picture_matches(app)


def test_clicking_between_tiles_goes_back_to_the_output(app):
    click_tile(app, 1, 0)
    click_tile(app, -1, -1)  # what the page sends for a click beside every tile
    assert app.selected is None
    click_tile(app, 1, 0)
    click_tile(app, 9, 0)  # a tile of a network the page still showed: ignored
    assert app.selected == (1, 0)
    click_tile(app, -1, -1)
    assert_picture_matches(app)


def test_a_rebuild_forgets_the_selected_neuron(app):
    click_tile(app, 1, 3)
    app.controls.hidden.value = "2"
    assert app.selected is None
    assert_picture_matches(app)


def test_selected_neuron_of_a_multiclass_output(app):
    app.controls.dataset.value = "blobs"
    click_tile(app, 3, 2)  # inputs, 4, 2, then the 3 outputs
    assert frame(app)["title"].startswith("output 3")
    expected = probes.neuron_grids(app.session, RES)["layers"][-1][2]
    np.testing.assert_allclose(app.canvas.surface(), expected, rtol=1e-6, atol=1e-7)


# -- take it home -------------------------------------------------------------------------------------
def test_show_pytorch_code(app):
    assert app.code.value == ""
    app.code_button.value = True
    assert "nn.Sequential" in app.code.value and "pg-code" in app.code.value
    app.controls.hidden.value = "8, 8"
    assert "nn.Linear(8, 8)" in app.code.value  # follows a rebuild
    app.code_button.value = False
    assert app.code.value == ""


def test_downloads_hold_weights_data_and_code(app):
    train(app, 2)
    app.download_button.click()
    links = re.findall(r"href='data:([^;]+);base64,([^']*)'", app.downloads.value)
    assert len(links) == 4
    assert app.downloads.value.count("data:") == 4
    payloads = {mime: base64.b64decode(data) for mime, data in links}
    weights = json.loads(payloads["application/json"])
    assert weights["layer_sizes"] == list(app.session.config.layer_sizes) and weights["epoch"] == 2
    assert payloads["text/csv"].decode() == export.data_csv(app.session)
    assert "nn.Sequential" in payloads["text/x-python"].decode()
    app.controls.hidden.value = "3"  # outdated downloads disappear on a rebuild
    assert app.downloads.value == ""


def test_link_values_between_the_slider_steps_are_shown_on_fine_steps():
    """A slider given a value off its steps is rounded (and sent back) by the page: such values
    get fine steps, the usual ones the coarse steps a learner drags through."""
    config = Config(n_points=333, noise=0.12, train_fraction=0.55, dropout=0.33)
    app = apps.Playground(query=config.to_query())
    c = app.controls
    assert app.session.config == config and c.read(config) == config
    assert (c.n_points.step, c.noise.step, c.train_fraction.step, c.dropout.step) == (1, 1, 1, 0.01)
    app.set(n_points=300, noise=0.1, train_fraction=0.5, dropout=0.0)
    assert (c.n_points.step, c.noise.step, c.train_fraction.step, c.dropout.step) == (10, 5, 10, 0.05)
