"""The learning apps, headless: build each app, change a widget as a learner would, and check the
figure's data and the message line (no kernel, no browser)."""

import asyncio

import numpy as np
import pytest

from playground import descent
from playground.apps.learning import LossSurface


# --- LossSurface ---------------------------------------------------------------------------------

def path_traces(app):
    f = app.figure
    return [f.fig.data[f.PATHS + i] for i in range(4)]


def test_loss_surface_draws_four_optimizer_paths_from_the_start():
    app = LossSurface()
    names = [t.name for t in path_traces(app) if t.visible]
    assert names == ["SGD", "SGD + momentum", "RMSprop", "Adam"]
    p = descent.make_problem("logistic")
    expected = descent.descend(p, "adam", lr=p.lr, start=p.start, steps=100).points
    adam = path_traces(app)[3]
    np.testing.assert_allclose(np.c_[adam.x, adam.y], np.round(expected, 4))
    surface = app.figure.fig.data[app.figure.SURFACE]
    assert np.asarray(surface.z).shape == (90, 90)
    assert "step <b>100</b>" in app.summary.value


def test_loss_surface_switching_the_surface_and_mode():
    app = LossSurface()
    app.w_problem.value = "ravine"
    assert (app.w_w1.value, app.w_w2.value) == (-2.5, 1.5) and app.w_lr.value == 0.3
    app.w_mode.value = "batches"
    names = [t.name for t in path_traces(app) if t.visible]
    assert names == ["batch (all 200 points)", "mini-batch (10 points)", "stochastic (1 point)"]
    assert not path_traces(app)[3].visible
    assert not app.w_batch.disabled
    app.w_batch.value = 50
    assert path_traces(app)[1].name == "mini-batch (50 points)"


def test_loss_surface_divergence_is_a_message_not_an_error():
    app = LossSurface("ravine")
    app.set(lr=3.0)
    assert "SGD diverged" in app.messages.value and "smaller learning rate" in app.messages.value
    assert "(diverged)" in path_traces(app)[0].name
    assert all(np.all(np.isfinite(t.x)) for t in path_traces(app))
    app.set(lr=0.3)
    assert "diverged" not in app.messages.value


def test_loss_surface_click_sets_the_start():
    app = LossSurface()

    class Points:
        xs, ys = [1.0], [-2.0]
    app._on_surface_click(None, Points(), None)
    assert (app.w_w1.value, app.w_w2.value) == (1.0, -2.0)
    sgd = path_traces(app)[0]
    assert (sgd.x[0], sgd.y[0]) == (1.0, -2.0)
    start = app.figure.fig.data[app.figure.START]
    assert (start.x[0], start.y[0]) == (1.0, -2.0)


def test_loss_surface_play_reveals_the_paths_step_by_step():
    app = LossSurface(steps=40)
    assert len(path_traces(app)[0].x) == 41

    async def run():
        app._toggle_play()  # starts from step 0 again
        assert app.loop.running
        while app.loop.running:
            await asyncio.sleep(0.01)

    shown = []
    original = app.render
    app.render = lambda: (shown.append(app.shown), original())[1]
    asyncio.run(run())
    assert shown[0] < 40 and shown[-1] == 40 and shown == sorted(shown)
    assert app.play.description == "Play"


def test_loss_surface_bad_settings_are_messages():
    app = LossSurface()
    app._guard(lambda: app.set(colour="red"))
    assert "unknown setting" in app.messages.value
    with pytest.raises(ValueError, match="mode='fast' is not allowed"):
        LossSurface(mode="fast")
