"""The activation registry (playground/activations.py): every entry's NumPy f and f' against its torch
module and torch.autograd, in float32 (the fast path) and float64 (the neuron and warping maths); the
exported script's layer against the model's; what the entry claims (range, steepest slope, saturated,
dead) against the function itself; its strings in every language; the apps offering it."""

import contextlib
import io

import numpy as np
import pytest
import torch

from playground import export, i18n, probes
from playground.activations import ACTIVATIONS, CORE, NAMES, get
from playground.config import Config
from playground.session import Session

Z = np.concatenate([np.linspace(-30, 30, 601), np.linspace(-6, 6, 241), [0.0, 1e-3, -1e-3, 19.99, 20.01]])
TOL = {np.float32: dict(rtol=1e-5, atol=1e-6), np.float64: dict(rtol=1e-12, atol=1e-12)}


def autograd(name, z):
    """torch's value and derivative of the registry's module at ``z`` (torch.autograd.grad)."""
    t = torch.tensor(z, requires_grad=True)
    y = ACTIVATIONS[name].torch_module()(t)
    (g,) = torch.autograd.grad(y.sum(), t)
    return y.detach().numpy(), g.numpy()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", NAMES)
def test_numpy_f_and_derivative_equal_torch_and_autograd(name, dtype):
    act, z = ACTIVATIONS[name], Z.astype(dtype)
    value, grad = autograd(name, z)
    a = act.value(z)
    assert a.dtype == dtype and act.derivative(z, a).dtype == dtype  # the fast path stays in float32
    np.testing.assert_allclose(a, value, **TOL[dtype])
    np.testing.assert_allclose(act.derivative(z, a), grad, **TOL[dtype])
    np.testing.assert_allclose(act.derivative(z), grad, **TOL[dtype])  # f(z) computed when not given


@pytest.mark.parametrize("name", NAMES)
def test_the_exported_script_computes_the_same_network(name):
    """Run the exported code (one epoch), give its model the session's weights: same outputs as
    model.Net, and its activation layers are the registry's module."""
    config = Config(n_points=40, hidden=(3, 3), activation=name, seed=3)
    session = Session(config)
    scope = {"__name__": "exported"}
    with contextlib.redirect_stdout(io.StringIO()) as out:
        exec(compile(export.pytorch_code(config, epochs=0), "train.py", "exec"), scope)
    assert "epoch    0" in out.getvalue()
    model = scope["model"]
    model.load_state_dict(export.sequential_state_dict(session))
    model.eval()
    with torch.no_grad():
        np.testing.assert_allclose(model(session.Xtr).numpy(), session.model(session.Xtr).numpy(), rtol=1e-6, atol=1e-7)
    layers = [type(m).__name__ for m in model.modules() if not isinstance(m, (torch.nn.Sequential, torch.nn.Linear))]
    assert layers == ([] if ACTIVATIONS[name].identity else [ACTIVATIONS[name].module] * 2)
    assert type(session.model.act).__name__ == ACTIVATIONS[name].module


@pytest.mark.parametrize("name", NAMES)
def test_the_range_holds_and_is_reached(name):
    act = ACTIVATIONS[name]
    z = np.linspace(-60, 60, 240001)
    a = act.value(z)
    lo, hi = act.range
    far = act.value(np.array([-1e6, 1e6]))
    if lo is None:
        assert far[0] < -1e3
    else:
        assert a.min() >= lo - 1e-5 and a.min() <= lo + 1e-3  # the bound is (nearly) reached
    if hi is None:
        assert far[1] > 1e3
    else:
        assert a.max() <= hi and a.max() >= hi - 1e-3
    assert act.range_text.startswith(("(", "[")) and act.range_text.endswith((")", "]"))


@pytest.mark.parametrize("name", NAMES)
def test_the_steepest_slope_is_the_largest_on_a_fine_grid(name):
    act = ACTIVATIONS[name]
    x = np.linspace(-8, 8, 160001)
    at, value = act.derivative_max()
    grid = act.derivative(x)
    if at == np.inf:  # only approached: never reached on the grid, reached far out
        assert grid.max() < value and act.derivative(np.array([40.0]))[0] == pytest.approx(value, abs=1e-9)
    else:
        assert grid.max() == pytest.approx(value, abs=1e-6)
        assert act.derivative(np.array([at + 1e-9]))[0] == pytest.approx(value, abs=1e-6)
    if act.steepest is None:  # "for every x > 0"
        np.testing.assert_allclose(act.derivative(x[x > 0]), value)


@pytest.mark.parametrize("name", NAMES)
def test_saturated_and_dead_mean_what_they_say(name):
    act = ACTIVATIONS[name]
    z = np.linspace(-30, 30, 60001)
    a, d = act.value(z), act.derivative(z)
    if act.saturated is not None:
        lo, hi = act.saturated
        flat = (a <= lo) | (a >= hi)
        assert flat.any() and d[flat].max() < 0.02 and d[~flat].min() > 0.009  # flat ends, and only there
    dead = (a[z <= 0] == 0).all() and (d[z <= 0] == 0).all()
    assert act.dies == dead


@pytest.mark.parametrize("name", NAMES)
def test_every_activation_has_its_strings_in_every_language(name):
    act = ACTIVATIONS[name]
    explained = () if act.identity else (act.meaning_key,)  # the activation explorer shows all but linear
    for key in (act.label_key, act.short_label_key, act.info_key, *explained):
        assert i18n.has(key), f"playground/i18n.py needs {key!r} (English and Korean) for activation {name!r}"
        assert all(text.strip() for text in i18n.TABLE[key]), key


def test_the_apps_offer_every_activation():
    from playground import warping
    from playground.apps import activations as explorer, forward_pass, gradient_flow
    from playground.controls import ACTIVATION_LABELS

    assert tuple(ACTIVATION_LABELS) == NAMES  # the Playground's and the compare views' dropdowns
    assert explorer.NAMES == tuple(n for n in NAMES if n != "linear")
    assert set(CORE) == {"linear", "sigmoid", "tanh", "relu", "leaky_relu"}  # the short lists
    assert warping.WARP_ACTIVATIONS == forward_pass.ACTIVATIONS == CORE
    assert gradient_flow.ACTIVATION_CHOICES == ("sigmoid", "tanh", "relu", "leaky_relu")
    for name in NAMES:
        assert Config(activation=name).activation == name


@pytest.mark.parametrize("name", NAMES)
def test_the_playground_trains_and_draws_every_activation(name):
    from playground.apps import Playground

    app = Playground(query=f"activation={name}&hidden=3&n_points=40")
    assert app.controls.activation.value == name
    app.session.step(5)
    app.render()
    lo, hi = ACTIVATIONS[name].range
    hidden = app._to_unit(probes.neuron_grids(app.session, 5)["layers"][0], "hidden")
    if lo is not None and hi is not None:  # a bounded range fills the colour scale [-1, 1]
        assert -1 <= hidden.min() and hidden.max() <= 1


def test_the_explorer_shows_a_slope_that_is_only_approached():
    from playground.apps.activations import XS, Activations

    with i18n.using("en"):
        app = Activations(name="softplus")
        d = app.fig.data
        np.testing.assert_allclose(d[app.F].y, np.round(np.log1p(np.exp(XS)), 4))
        assert d[app.MAXPT].x == (XS[-1],) and d[app.MAXPT].y == (1.0,)
        assert "(x → ∞)" in app.fig.layout.annotations[0].text and "softplus log(1 + eˣ)" in app.info.value
        assert ">SiLU<" in app.table.value and "(x → ∞)" in app.table.value
        app.name.value = "silu"
        assert app.fig.data[app.MAXPT].x[0] == pytest.approx(2.39936, abs=1e-5)
        assert "1.1" in app.fig.layout.annotations[0].text
    with i18n.using("ko"):
        assert "소프트플러스" in Activations(name="softplus").info.value


def test_an_unknown_activation_is_a_message_listing_them():
    with pytest.raises(ValueError, match="activation='swish' is not allowed; choose one of linear, sigmoid, .*silu"):
        get("swish")
    with pytest.raises(ValueError, match="swish.*softplus"):
        Config(activation="swish")
