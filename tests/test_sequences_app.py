"""The Sequences app headless: what the canvas is sent is the engine's numbers, and every control
changes the session and the picture."""

from __future__ import annotations

import asyncio

import numpy as np

from playground.apps.sequences import Sequences
from playground.views.playground_canvas import quantize
from tests.run_async import run_async


def test_first_picture_is_the_sessions_probes():
    app = Sequences(n_train=64, n_test=64)
    s = app.session
    np.testing.assert_array_equal(app.canvas.values("hidden"), quantize(s.hidden_states(0).T))
    grad = app.canvas.series("grad")["‖∂L/∂h_t‖"]
    np.testing.assert_allclose(grad, s.grad_through_time(64), rtol=1e-6)
    assert len(grad) == 10 and (grad > 0).all()
    assert np.all(app.canvas.values("gates") == 255)  # a vanilla RNN has no gates: blank
    assert "Epoch <b>0</b>" in app.epoch_label.value and "target" in app.example.value


def test_step_trains_and_the_loss_curve_grows():
    app = Sequences(n_train=64, n_test=64)
    app.step_button.click()
    app.step_button.click()
    assert app.session.epoch == 2
    loss = app.canvas.series("loss")
    assert [len(v) for v in loss.values()] == [3, 3]
    np.testing.assert_allclose(loss["train"], app.session.history["train_loss"], rtol=1e-6)
    app.reset_button.click()
    assert app.session.epoch == 0 and len(app.canvas.series("loss")["train"]) == 1


def test_controls_cell_length_hidden_lr_task():
    app = Sequences(n_train=32, n_test=32)
    w = app.controls.w
    w["cell"].value = "lstm"
    assert app.session.model.kind == "lstm" and "New LSTM" in app.messages.value
    gates = app.canvas.values("gates")
    assert gates.shape == (4 * 16, 10) and np.all(gates < 255)
    g = app.session.gates(0)
    np.testing.assert_array_equal(gates[16:32], quantize(2 * g["f"].T - 1))  # the forget gate's rows
    w["length"].value = 25
    assert app.session.Xtr.shape[1] == 25 and len(app.canvas.series("grad")["‖∂L/∂h_t‖"]) == 25
    w["hidden"].value = 8
    assert app.canvas.values("hidden").shape == (8, 25)
    app.step_button.click()
    w["lr"].value = 0.003
    assert app.session.epoch == 1 and app.session.optimizer.param_groups[0]["lr"] == 0.003  # live: weights kept
    w["task"].value = "sine"
    assert app.session.config.problem == "regression" and "accuracy" not in app.epoch_label.value
    w["cell"].value = "gru"
    assert app.canvas.values("gates").shape == (3 * 8, 25)


def test_play_trains_in_the_live_loop_and_pause_stops():
    app = Sequences(n_train=32, n_test=32)

    async def run():
        app.start()
        await asyncio.sleep(1.0)
        app.pause()
        await asyncio.sleep(0.2)

    run_async(run())  # (asyncio.run refuses inside the browser tests' running loop)
    assert app.session.epoch > 5 and not app.loop.running
    assert app.canvas.frames > 2
