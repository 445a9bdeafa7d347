"""The digits CNN app, headless: every control changed as a learner would, what the page is sent
(decoded from the canvas panels) against the engine, drawing as the page reports it, live
training on the paced loop, and bad settings as messages."""

from __future__ import annotations

import asyncio
import html

import numpy as np
import pytest

from playground import cnn
from playground.apps.cnn_digits import CnnDigits
from tests.run_async import run_async


def message(app) -> str:
    return html.unescape(app.messages.value)


def check_picture(app):
    """The panels show what the engine says about the digit shown."""
    s = app.session
    image, label = app.shown_image()
    np.testing.assert_allclose(app.panels.values("input"), image, atol=1e-6)
    probs = s.predict(image)
    bars = app.panels.series("probs")
    np.testing.assert_allclose(bars["CNN"], probs["cnn"][0], atol=1e-6)
    np.testing.assert_allclose(bars["MLP"], probs["mlp"][0], atol=1e-6)
    assert app.panels.data("probs").get("mark") == label
    np.testing.assert_allclose(app.panels.values("filters"), s.filters(), atol=1e-6)
    maps = dict(s.feature_maps(image))
    for key in ("conv1", "pool1", "conv2", "pool2"):
        if key in maps:
            np.testing.assert_allclose(app.panels.values(key), maps[key], atol=1e-5)
        else:
            assert app.panels.data(key) is None
    x, y = app.panels.series("loss")["CNN test"]
    np.testing.assert_allclose(y, s.history["cnn_test_loss"], rtol=1e-6)
    assert x.tolist() == s.history["epoch"]
    np.testing.assert_array_equal(app.panels.values("conf_cnn"), s.confusion("cnn"))
    np.testing.assert_array_equal(app.panels.values("conf_mlp"), s.confusion("mlp"))
    shifted = s.shift_test()
    np.testing.assert_allclose(app.panels.series("shift")["MLP"], shifted["mlp"], atol=1e-6)
    answer = html.unescape(app.answer.value)
    for net in cnn.NETS:
        assert f"class='pg-cnn-answer-{net}'>{int(probs[net][0].argmax())}<" in answer


@pytest.fixture(scope="module")
def app():
    built = CnnDigits()
    yield built
    built.pause()


def test_it_starts_untrained_with_a_test_digit(app):
    check_picture(app)
    assert "Press Play" in message(app)
    assert "1,898</b> parameters" in app.params_text.value and "25 ReLU units" in app.params_text.value
    assert "Test digit 0" in app.answer.value and "Epoch <b>0</b>" in app.epoch_label.value


def test_step_and_the_test_digit_controls(app):
    app.step_button.click()
    assert app.session.steps == 1
    app.w_image.value = 5
    assert app.w_source.value == "test" and f"Test digit 5 (a {app.session.yte[5]})" in app.answer.value
    check_picture(app)
    app.session.train_epochs(2)
    app.w_mistake.click()
    wrong = app.session.predict(app.session.Xte[app.w_image.value])["cnn"][0].argmax()
    assert wrong != app.session.yte[app.w_image.value] and "the CNN says" in message(app)
    check_picture(app)


@pytest.fixture
def trained_app():
    """An app of its own, trained 5 epochs (a drawn 1 is read as 1 from 3 on): the module's ``app`` has
    been trained as much as the tests before ran, which depends on how the tests are shared out."""
    built = CnnDigits()
    built.session.train_epochs(5)
    yield built
    built.pause()


def test_drawing_as_the_page_sends_it(trained_app):
    app = trained_app
    app.w_clear.click()
    assert app.w_source.value == "drawing" and app.panels.values("draw").sum() == 0
    one = np.zeros((16, 16))
    one[2:14, 7:9] = 1
    app.panels._handle_message(app.panels, {"type": "draw", "panel": "draw", "seq": 2, "done": True, "rows": 16,
                                            "cols": 16, "values": one.ravel().tolist()})
    np.testing.assert_array_equal(app.panels.values("draw"), one)
    assert app.panels.data("draw")["seq"] == 2 and "Your drawing" in app.answer.value
    np.testing.assert_allclose(app.panels.values("input"), cnn.prepare_drawing(one), atol=1e-6)
    assert "class='pg-cnn-answer-cnn'>1<" in app.answer.value
    check_picture(app)
    app.w_center.value = False
    np.testing.assert_allclose(app.panels.values("input"), cnn.prepare_drawing(one, center=False), atol=1e-6)
    app.w_pen.value = "erase"
    assert app.panels.pen == "erase"
    app.w_source.value = "test"
    assert "Test digit" in app.answer.value
    check_picture(app)


def test_network_controls_rebuild_and_training_controls_are_live():
    app = CnnDigits()
    c = app.controls.w
    c["c2"].value = 0
    assert app.session.config.channels == (8,) and "it was rebuilt with new initial weights" in message(app)
    assert app.panels.data("conv2") is None and app.panels.data("pool2") is None
    check_picture(app)
    c["c1"].value = 4
    assert app.session.params["cnn"] == 690 and "690</b> parameters" in app.params_text.value
    c["c2"].value = 16
    assert app.session.config.channels == (4, 16)
    c["kernel"].value = 5
    assert app.panels.values("filters").shape == (4, 5, 5)
    c["pool"].value = "avg"
    assert app.session.models["cnn"].pool == "avg"
    check_picture(app)
    app.session.train_epochs(1)
    for name, value in (("lr", 0.01), ("batch_size", 64), ("optimizer", "sgd")):
        c[name].value = value
        assert getattr(app.session.config, name) == value and app.session.epoch == 1  # the weights are kept
    assert c["c1"].description == "block 1 channels"


def test_a_bad_setting_from_code_is_a_message():
    app = CnnDigits(channels=(3,))
    assert "channels=(3,) is not allowed" in message(app) and app.session.config.channels == (8, 16)
    app.set(kernel=4)
    assert "kernel=4 is not allowed" in message(app)
    with pytest.raises(ValueError):
        app.session.config.replace(lr=-1)


def test_it_plays_live_on_the_paced_loop():
    app = CnnDigits()

    async def run():
        app.start()
        while app.session.epoch < 3:
            await asyncio.sleep(0.01)
        app.pause()

    run_async(run())
    assert app.session.epoch >= 3 and app.play.description == "Play"
    assert app.loop.frames >= 1 and app.panels.frames > 2
    app.render()
    check_picture(app)
    app.reset_button.click()
    assert app.session.epoch == 0 and len(app.session.history["epoch"]) == 1


def test_same_seed_same_curves_in_the_app():
    a, b = CnnDigits(seed=5), CnnDigits(seed=5)
    for app in (a, b):
        app.session.train_epochs(2)
        app.render()
    assert a.panels.series("acc")["MLP test"][1].tolist() == b.panels.series("acc")["MLP test"][1].tolist()


def test_korean():
    app = CnnDigits(lang="ko")
    assert app.play.description == "실행" and app.controls.w["lr"].description == "학습률"
    assert "파라미터" in app.params_text.value and "테스트 정확도" in app.epoch_label.value
    assert app.panels.data("conf_cnn") is not None
