"""The building-blocks apps (notebook 12), headless: every control changed as a learner would, what
the page is sent (decoded from the canvas panels) against the engine and torch, live training, and
bad input as a message."""

from __future__ import annotations

import asyncio
import html

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from playground import blocks
from playground import convolution as cv
from playground.apps.cnn_blocks import Bottleneck, ResidualBlocks, UNet, UpSampling
from playground.convolution import mixing_inputs, small_map, tent
from tests.run_async import run_async


def message(app) -> str:
    return html.unescape(app.messages.value)


# -- Bottleneck -------------------------------------------------------------------------------------
def test_bottleneck_mixing_and_counts():
    app = Bottleneck()
    x = mixing_inputs("letter")
    np.testing.assert_allclose(app.panels.values("channels"), x, atol=1e-5)
    w = np.array([[1, 1, 0], [0, 0, 1]], float)
    expected = F.conv2d(torch.tensor(x)[None], torch.tensor(w)[:, :, None, None])[0].numpy()
    np.testing.assert_allclose(app.panels.values("mixed"), expected, atol=1e-5)
    np.testing.assert_allclose(app.panels.values("mixing"), w)
    app.panels._handle_message(app.panels, {"type": "cell", "panel": "mixed", "r": 5, "c": 9, "tile": 1})
    assert app.pixel == (5, 9) and "Pixel (5, 9)" in app.mix_text.value
    shown = [float(v.replace("−", "-")) for v in
             app.mix_text.value.split("class='pg-bn-value'>")[1:] for v in [v.split("<")[0]]]
    np.testing.assert_allclose(shown, expected[:, 5, 9], atol=0.006)
    app.w_weights.value = "1 -1 0"
    assert app.panels.values("mixed").shape == (1, 16, 16) and app.weights.tolist() == [[1, -1, 0]]
    app.w_weights.value = "1 2\n3 4"
    assert "3 numbers" in message(app) and app.weights.tolist() == [[1, -1, 0]]
    app.w_weights.value = "abc 1 1"
    assert "'abc' is not a number" in message(app)
    app.w_weights.value = "0.5 0.5 0.5"
    assert message(app).count("pg-error") == 0
    app.w_image.value = "vbars"
    np.testing.assert_allclose(app.panels.values("channels"), mixing_inputs("vbars"), atol=1e-5)
    counts = html.unescape(app.counts.value)
    assert "590,080" in counts and "class='pg-bn-params'>70,016<" in counts and "8.4×" in counts
    app.w_channels.value, app.w_middle.value, app.w_size.value = 512, 128, 14
    neck = blocks.block_counts("bottleneck", 512, 128, 14)
    assert f"class='pg-bn-mults'>{neck['mults']:,}<" in app.counts.value


# -- UpSampling -------------------------------------------------------------------------------------
@pytest.mark.parametrize("source", ["digit", "constant", "pixel"])
def test_upsampling_methods_are_torchs(source):
    app = UpSampling()
    app.w_input.value = source
    x = torch.tensor(small_map(source))[None, None]
    for method, scale in (("nearest", 2), ("bilinear", 3)):
        app.set(method=method, scale=scale)
        kw = {} if method == "nearest" else {"align_corners": False}
        np.testing.assert_allclose(app.panels.values("output"), F.interpolate(x, scale_factor=scale, mode=method,
                                                                              **kw)[0, 0].numpy(), atol=1e-5)
        assert app.panels.data("overlaps") is None and app.w_kernel.disabled and not app.w_scale.disabled
    for k, s, p, weights in ((3, 2, 0, "ones"), (4, 2, 1, "tent"), (5, 3, 2, "ones")):
        app.set(method="transposed", kernel=k, stride=s, padding=p, weights=weights)
        w = np.ones((k, k)) if weights == "ones" else tent(k, s)
        theirs = F.conv_transpose2d(x, torch.tensor(w)[None, None], stride=s, padding=p)[0, 0].numpy()
        np.testing.assert_allclose(app.panels.values("output"), theirs, atol=1e-5)
        assert app.panels.values("output").shape[0] == (4 - 1) * s - 2 * p + k
        np.testing.assert_array_equal(app.panels.values("overlaps"), cv.overlaps(4, k, s, p))
        assert f"class='pg-up-size'>{(4 - 1) * s - 2 * p + k}<" in app.text.value


def test_upsampling_says_when_it_makes_a_checkerboard():
    app = UpSampling()  # constant input, transposed, kernel 3, stride 2
    assert "checkerboard" in app.text.value and "<b>not</b>" in app.text.value
    app.w_kernel.value = 4
    assert "multiple of the stride" in app.text.value and "checkerboard" not in app.text.value


def test_upsampling_padding_that_leaves_nothing_is_a_message():
    app = UpSampling(kernel=1, stride=1, padding=2)
    assert "leaves nothing" in message(app)
    app.w_padding.value = 0
    assert message(app).count("pg-error") == 0


# -- ResidualBlocks ---------------------------------------------------------------------------------
def test_residual_blocks_show_the_gradients_and_train_live():
    app = ResidualBlocks()
    g = app.session.grad_norms()
    series = app.panels.series("grads")
    np.testing.assert_allclose(series["plain"], g["plain"], rtol=1e-5)
    np.testing.assert_allclose(series["residual"], g["residual"], rtol=1e-5)
    assert app.panels.data("grads")["log"] and len(app.panels.data("grads")["groups"]) == 12 + 2
    assert "class='pg-res-plain'>" in app.summary.value
    app.controls.w["depth"].value = 4
    assert app.session.config.depth == 4 and len(app.panels.series("grads")["plain"]) == 6
    assert "rebuilt" in message(app)
    app.controls.w["width"].value = 4
    assert app.session.params["plain"] == sum(p.numel() for p in blocks.DeepCNN(4, 4, False).parameters())
    app.controls.w["lr"].value = 0.01
    assert app.session.config.lr == 0.01

    async def run():
        app.start()
        while app.session.epoch < 1:
            await asyncio.sleep(0.01)
        app.pause()

    run_async(run())
    assert app.session.epoch >= 1 and "plain" in app.epoch_label.value
    app.render()
    x, y = app.panels.series("acc")["residual test"]
    assert y.tolist() == pytest.approx(app.session.history["residual_test_acc"])


def test_residual_blocks_bad_settings_are_messages():
    app = ResidualBlocks(depth=5)
    assert "depth=5 is not allowed" in message(app) and app.session.config.depth == 12
    app.set(width=3)
    assert "width=3 is not allowed" in message(app)


# -- UNet -------------------------------------------------------------------------------------------
def test_unet_shows_masks_and_iou():
    app = UNet()
    s = app.session
    np.testing.assert_allclose(app.panels.values("images"), s.Xte[:4], atol=1e-6)
    np.testing.assert_allclose(app.panels.values("truth"), s.yte[:4])
    pred = s.predict(s.Xte[:4])
    np.testing.assert_allclose(app.panels.values("skips"), pred["skips"], atol=1e-6)
    np.testing.assert_allclose(app.panels.values("noskips"), pred["noskips"], atol=1e-6)
    app.w_first.value = 10
    np.testing.assert_allclose(app.panels.values("images"), s.Xte[10:14], atol=1e-6)
    s.train_epochs(1)
    app.render()
    _, y = app.panels.series("iou")["with skips test"]
    assert y.tolist() == pytest.approx(s.history["skips_test_iou"])
    assert "test IoU" in app.epoch_label.value
    app.controls.w["width"].value = 4
    assert app.session.params["skips"] == sum(p.numel() for p in blocks.TinyUNet(True, 4).parameters())
    app.reset_button.click()
    assert app.session.epoch == 0


def test_korean_block_apps():
    for cls in (Bottleneck, UpSampling, ResidualBlocks, UNet):
        app = cls(lang="ko")
        assert "실행" in getattr(getattr(app, "play", None), "description", "실행")
    assert "파라미터" in Bottleneck(lang="ko").counts.value


@pytest.mark.parametrize("cls", [ResidualBlocks, UNet])
def test_the_training_controls_are_live_and_step_and_reset_work(cls):
    app = cls()
    app.step_button.click()
    assert app.session.steps == 1
    weights = [p.detach().clone() for p in app.session.models[app.NETS[1]].parameters()]
    for name, value in (("optimizer", "sgd"), ("lr", 0.01), ("batch_size", 64)):
        app.controls.w[name].value = value
        assert getattr(app.session.config, name) == value and app.session.steps == 1  # kept: a live change
    assert all(torch.equal(a, b) for a, b in zip(weights, app.session.models[app.NETS[1]].parameters()))
    app.reset_button.click()
    assert app.session.steps == 0 and "Reset" in app.reset_button.description


def test_the_engine_refuses_bad_mixing_weights_and_maps():
    from playground.convolution import parse_mixing
    from playground.errors import SettingError
    assert parse_mixing("1 0 0; 0 1 0").shape == (2, 3)
    for bad, match in (("1 2", "you typed 1 row"), ("1 1 1\n" * 5, "you typed 5 row"), ("x 1 1", "'x' is not a number")):
        with pytest.raises(SettingError, match=match):
            parse_mixing(bad)
    with pytest.raises(SettingError, match="image='cat'"):
        small_map("cat")
