"""Gradient-flow apps, headless: the figure shows what autograd computes, the presets show what
they claim on fixed seeds, and the controls, presets, links and errors behave as a learner expects."""

import html
from pathlib import Path

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from playground import probes
from playground.activations import ACTIVATIONS
from playground.apps.gradient_flow import CASES, PAIRS, GradientCompare, GradientFlow
from playground.config import Config, preset
from playground.session import Session
from playground.views.gradient_figure import GradientFigure as GF, GradientHistory, sci

ROOT = Path(__file__).resolve().parents[1]


def autograd_profile(session):
    """‖∂L/∂W‖ and mean |∂L/∂a| per layer by a forward pass of our own over the model's linear
    layers (a plain network: no batch norm, no residual, no dropout), differentiated by
    torch.autograd.grad. Independent of probes.grad_stats and of Net.forward."""
    c = session.config
    assert not (c.batch_norm or c.residual or c.dropout) and c.problem == "binary" and c.loss == "bce"
    f = ACTIVATIONS[c.activation].torch_module()  # torch's own function, not the model's forward
    weights = [lin.weight.detach().clone().requires_grad_(True) for lin in session.model.linears]
    biases = [lin.bias.detach().clone() for lin in session.model.linears]
    h, outs = session.Xtr, []
    for i, (w, b) in enumerate(zip(weights, biases)):
        z = h @ w.T + b
        h = z if i == len(weights) - 1 else f(z)
        outs.append(h)
    loss = F.binary_cross_entropy_with_logits(h[:, 0], session.ytr)
    grads = torch.autograd.grad(loss, weights + outs)
    n = len(weights)
    return (np.array([g.norm().item() for g in grads[:n]]), np.array([g.abs().mean().item() for g in grads[n:]]))


def profile(name, seed=0, **changes):
    g = probes.grad_stats(Session(preset(name, seed=seed, **changes)))
    return g["weight_grad_norm"], g["act_grad_mean_abs"]


# -- the figure shows autograd's numbers ------------------------------------------------------
@pytest.mark.parametrize("activation,init,depth", [("sigmoid", "uniform", 12), ("relu", "he", 20),
                                                   ("tanh", "xavier", 3), ("leaky_relu", "he", 6)])
def test_bars_equal_independent_autograd(activation, init, depth):
    app = GradientFlow(query="", activation=activation, init=init, hidden=(8,) * depth)
    for _ in range(2):  # trained a little: not just the initial weights
        app._frame()
    assert app.session.steps > 0
    w, a = autograd_profile(app.session)
    d = app.figure.fig.data
    assert list(d[GF.BARS_W].x) == [f"L{i + 1}" for i in range(depth)] + ["out"]
    np.testing.assert_allclose(d[GF.BARS_W].customdata, w, rtol=1e-4, atol=1e-30)
    np.testing.assert_allclose(d[GF.BARS_A].customdata, a, rtol=1e-4, atol=1e-30)
    shown = np.asarray(d[GF.BARS_W].y, float)
    np.testing.assert_allclose(shown[w > 0], w[w > 0], rtol=1e-4)
    # the history's newest column is the same quantity, as log10
    z = np.asarray(d[GF.HEAT].z, float)
    assert z.shape == (depth + 1, len(app.heat))
    np.testing.assert_allclose(z[:, -1], np.clip(np.log10(w), -12, 4), atol=2e-3)


def test_compare_profiles_equal_independent_autograd_on_one_axis():
    app = GradientCompare()
    app._frame()
    d = app.figure.fig.data
    for side, s in app.sessions.items():
        w, a = autograd_profile(s)
        np.testing.assert_allclose(d[app.figure.PROFILES[side, "weight"]].customdata, w, rtol=1e-4, atol=1e-30)
        np.testing.assert_allclose(d[app.figure.PROFILES[side, "act"]].customdata, a, rtol=1e-4, atol=1e-30)
    assert len({(t.xaxis, t.yaxis) for t in d[:4]}) == 1  # both profiles share one (log) axis
    assert app.figure.fig.layout[d[0].yaxis.replace("y", "yaxis")].type == "log"


# -- the presets show what they claim (fixed seeds) --------------------------------------------
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_deep_sigmoid_first_layer_gets_orders_of_magnitude_less(seed):
    w, a = profile("deep-sigmoid", seed)
    assert w[0] * 100 <= w[-1]  # the claim: at least 100x
    assert w[0] * 1e5 <= w[-1]  # measured: 10^7 to 10^8
    assert np.all(np.diff(a) > 0)  # the error signal shrinks at every layer toward the input


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_relu_he_keeps_every_layer_within_one_order_of_magnitude(seed):
    w, _ = profile("relu-he", seed)
    assert w.max() < 10 * w.min()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_large_init_grows_toward_the_input_and_diverges(seed):
    w, a = profile("exploding", seed)
    hidden = a[:-1]
    assert hidden[0] >= 100 * hidden[-1]  # the error signal grows toward the input
    assert np.mean(np.diff(hidden) < 0) >= 0.8  # layer after layer
    w_he, _ = profile("relu-he", seed)
    assert w.min() >= 1000 * w_he.max()  # and every weight gradient is huge
    s = Session(preset("exploding", seed=seed))
    s.train_epochs(2)
    assert s.status == "diverged"


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_batch_norm_and_residual_bring_the_first_layer_back(seed):
    w_sig, _ = profile("deep-sigmoid", seed)
    w_bn, a_bn = profile("sigmoid-batchnorm", seed)
    assert w_bn[0] >= w_bn[-1] / 10 and a_bn[:-1].max() < 100 * a_bn[:-1].min()
    w_res, a_res = profile("sigmoid-residual", seed)
    w_plain, _ = profile("sigmoid-residual", seed, residual=False)  # the same network without the skips
    assert w_plain[0] * 1e5 <= w_plain[-1]
    assert w_res[0] / w_res[-1] >= 1000 * w_plain[0] / w_plain[-1]
    assert a_res[:-1].max() < 2 * a_res[:-1].min()  # the error signal reaches every layer undiminished
    assert w_bn[0] / w_bn[-1] >= 1e5 * w_sig[0] / w_sig[-1]


def test_the_fixes_learn_and_the_vanishing_network_does_not():
    losses = {}
    for name in ("deep-sigmoid", "relu-he", "sigmoid-residual"):
        s = Session(preset(name))
        s.train_epochs(60)
        losses[name] = s.train_loss
    assert losses["deep-sigmoid"] > 0.68  # stuck at log 2: it says 50 % everywhere
    assert losses["relu-he"] < 0.3 and losses["sigmoid-residual"] < 0.3


# -- the app, headless -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def app():
    return GradientFlow(query="")


def test_opens_on_the_vanishing_case_with_its_explanation(app):
    app.load_preset("deep-sigmoid")
    assert app.session.config == preset("deep-sigmoid")
    assert "Vanishing" in app.messages.value
    title = app.figure.fig.layout.annotations[GF.T_BARS].text
    assert "first layer ÷ output layer" in title and "10⁻" in title


def test_changing_the_activation_rebuilds_and_says_so(app):
    app.load_preset("deep-sigmoid")
    app._frame()
    app.controls.w["activation"].value = "relu"
    c = app.session.config
    assert c.activation == "relu" and app.session.steps == 0
    assert "rebuilt" in app.messages.value
    assert len(app.heat) == 1  # history restarted with the new network
    d = app.figure.fig.data
    assert d[GF.DEAD].visible and not d[GF.SATURATED].visible
    app.controls.w["activation"].value = "tanh"
    assert d[GF.SATURATED].visible and not d[GF.DEAD].visible


def test_depth_and_width_sliders_make_the_hidden_layers(app):
    app.load_preset("deep-sigmoid")
    app.controls.w["depth"].value = 20
    app.controls.w["width"].value = 5
    assert app.session.config.hidden == (5,) * 20
    app._frame()
    d = app.figure.fig.data
    assert len(d[GF.BARS_W].x) == 21 and d[GF.BARS_W].x[-1] == "out"
    assert np.asarray(d[GF.HEAT].z).shape == (21, 2)
    assert len(d[GF.MEDIAN].y) == 20 and len(d[GF.SATURATED].y) == 20


def test_learning_rate_changes_live_and_keeps_the_weights(app):
    app.load_preset("relu-he")
    app._frame()
    steps = app.session.steps
    app.controls.w["lr"].value = 0.1
    assert app.session.config.lr == 0.1 and app.session.steps == steps
    assert "rebuilt" not in app.messages.value


def test_presets_buttons_reproduce_the_textbook_cases(app):
    for name in CASES:
        app.case_buttons[name].click()
        assert app.session.config == preset(name)
        assert app.session.steps == 0
        assert app.messages.value and "pg-error" not in app.messages.value
    app.case_buttons["exploding"].click()
    assert min(app.figure.fig.data[GF.BARS_W].customdata) > 1e3


def test_divergence_is_a_message_and_the_last_picture_stays(app):
    app.load_preset("exploding")
    before = np.array(app.figure.fig.data[GF.BARS_W].customdata)
    results = [app._frame() for _ in range(3)]
    assert app.session.status == "diverged" and False in results
    assert "diverged" in app.messages.value and "pg-error" in app.messages.value
    assert np.isfinite(app.figure.fig.data[GF.BARS_W].customdata).all()
    app.play.click()  # Play on a diverged run explains instead of running
    assert not app.loop.running and "diverged" in app.messages.value
    app.reset_button.click()
    assert app.session.status == "ok"
    np.testing.assert_allclose(app.figure.fig.data[GF.BARS_W].customdata, before, rtol=1e-6)


def test_step_and_reset_buttons(app):
    app.load_preset("relu-he")
    w0 = [p.detach().clone() for p in app.session.model.parameters()]
    app.step_button.click()
    assert app.session.steps == 1 and len(app.heat) == 2
    app.reset_button.click()
    assert app.session.steps == 0 and len(app.heat) == 1
    assert all(torch.equal(a, b) for a, b in zip(w0, app.session.model.parameters()))


def test_history_switches_quantity_and_is_bounded(app):
    app.load_preset("deep-sigmoid")
    app._frame()
    weight_z = np.asarray(app.figure.fig.data[GF.HEAT].z, float)
    app.heat_key.value = "act"
    act_z = np.asarray(app.figure.fig.data[GF.HEAT].z, float)
    assert act_z.shape == weight_z.shape and not np.allclose(act_z, weight_z)
    assert "mean |∂L/∂a|" in app.figure.fig.layout.annotations[GF.T_HEAT].text
    app.heat_key.value = "weight"
    assert app.heat.frames.maxlen == 200
    h = GradientHistory(maxlen=5)
    for k in range(8):
        h.add(k, [10.0 ** -k, 1.0], [1.0, 1.0])
    x, z = h.matrix()
    assert list(x) == [3, 4, 5, 6, 7] and z.shape == (2, 5)
    assert z[0, -1] == -7 and z[1, -1] == 0
    h.add(8, [0.0, 0.0, 1e9], [1, 1, 1])  # a new network: a new history; 0 shows as the lowest colour
    assert len(h) == 1 and list(h.matrix()[1][:, 0]) == [-12, -12, 4]


def test_bad_inputs_give_messages_never_tracebacks():
    bad = GradientFlow(query="hidden=eight")
    assert "could not" in bad.messages.value and bad.session.config == preset("deep-sigmoid")
    app = GradientFlow(query="batch_size=1&activation=sigmoid&hidden=8,8")
    app.controls.w["batch_norm"].value = True  # batch norm needs batches of 2 or more
    assert "batch_size=1 is not allowed with batch norm" in app.messages.value
    assert not app.session.config.batch_norm and not app.controls.w["batch_norm"].value
    with pytest.raises(ValueError, match="unknown preset"):
        GradientFlow(preset="nope")


def test_opens_from_a_page_link():
    link = Config(activation="sigmoid", hidden=(8,) * 20, init="xavier").to_query()
    app = GradientFlow(query=link)
    c = app.session.config
    assert c.hidden == (8,) * 20 and c.init == "xavier"
    assert app.controls.w["depth"].value == 20 and app.controls.w["init"].value == "xavier"
    assert "restored from the link" in app.messages.value
    assert html.escape(link) in app.link.value
    uneven = GradientFlow(query="hidden=6,4,2&activation=relu")
    uneven.controls.w["activation"].value = "tanh"  # a link's uneven widths survive other changes
    assert uneven.session.config.hidden == (6, 4, 2)


# -- the compare view ---------------------------------------------------------------------------
def test_compare_trains_both_in_lockstep_on_the_same_data_and_seed():
    app = GradientCompare(hidden=(8,) * 6)
    A, B = app.session, app.other
    assert A.config.seed == B.config.seed and np.array_equal(A.X, B.X) and np.array_equal(A.train_idx, B.train_idx)
    assert (A.config.activation, A.config.init, B.config.activation, B.config.init) == ("sigmoid", "small", "relu", "he")
    app._frame()
    app._frame()
    assert A.steps == B.steps > 0
    d, fig = app.figure.fig.data, app.figure
    assert len(d[fig.PROFILES["A", "weight"]].x) == 7
    assert len(d[fig.FIRST["A"]].x) == len(d[fig.FIRST["B"]].x) == 3
    assert "A" in fig.fig.layout.annotations[fig.T_PROFILE].text and "B" in fig.fig.layout.annotations[fig.T_PROFILE].text


def test_compare_controls_pairs_and_one_sided_divergence():
    app = GradientCompare()
    app._frame()
    steps_a = app.session.steps
    app.sides["B"].w["activation"].value = "tanh"  # only B changes
    assert app.other.config.activation == "tanh" and app.other.steps == 0 and app.session.steps == steps_a
    assert "Rebuilt B" in app.messages.value
    app.shared.w["depth"].value = 4  # both change
    assert app.session.config.hidden == app.other.config.hidden == (8,) * 4
    for name in PAIRS:
        app.pair_buttons[name].click()
        a, b = PAIRS[name]
        assert all(getattr(app.session.config, k) == v for k, v in a.items())
        assert all(getattr(app.other.config, k) == v for k, v in b.items())
        assert app.session.config.hidden == (8,) * 4  # shared settings are kept
    app.shared.w["depth"].value = 10
    app.pair_buttons["ReLU: He vs too-large init"].click()
    assert app.other.config == preset("exploding")
    results = [app._frame() for _ in range(3)]
    assert app.other.status == "diverged" and app.session.status == "ok" and False not in results
    assert "B diverged" in app.messages.value
    steps = app.session.steps
    app._frame()
    assert app.session.steps > steps  # A goes on alone
    app.reset_button.click()
    assert app.other.status == "ok" and app.session.steps == 0


def test_waiting_for_the_page_does_not_spin_when_there_is_nothing_to_train():
    """These apps train in their frames only (several sessions in lockstep): while the page
    paints, the loop must wait for it, not call a no-op in a busy loop on the shared cores."""
    import asyncio

    from playground.live import LiveLoop
    from tests.test_live import FakePage, run

    app = GradientCompare(hidden=(4,))
    assert app._idle_train(0.01) is False  # (GradientFlow, one session, trains while it waits)

    async def main():
        page, calls = FakePage(delay=None), []  # a page that never answers: always waiting
        page.page_says("beat")
        loop = LiveLoop(lambda: None, pacer=page, idle_work=lambda s: calls.append(s) or False)
        loop.start()
        await asyncio.sleep(0.5)
        loop.pause()
        return len(calls)

    assert run(main()) < 50  # about one call per wake-up (every 0.25 s); spinning made thousands


def test_sci_formats_magnitudes_for_people():
    assert sci(3e-8) == "3.0·10⁻⁸" and sci(1e-12) == "10⁻¹²" and sci(0.25) == "0.25" and sci(0) == "0"


# -- the notebook --------------------------------------------------------------------------------
def test_notebook_is_thin_and_stored_without_outputs():
    """(tests/test_notebooks.py runs every notebook top to bottom.)"""
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / "vanishing_gradients.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert [c.source for c in code] == ["from playground import apps\n\napps.GradientFlow()", "apps.GradientCompare()"]
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for idea in ("chain rule", "0.25", "ReLU", "He", "Xavier", "Batch normalisation", "Residual connections"):
        assert idea in text
