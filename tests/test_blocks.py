"""CNN building blocks against their oracles: up-sampling and transposed convolution (NumPy,
playground/convolution.py) against torch.nn.functional, output sizes against torch's; the bottleneck's
counts against the modules' own parameters and a direct count; the residual and U-Net races
(reproducible, learning, gradients against torch.autograd); the shapes data and IoU."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from playground import blocks
from playground import convolution as cv
from playground.errors import SettingError


def T(x):
    return torch.tensor(np.asarray(x, np.float64))[None, None]


# -- up-sampling ------------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 9), scale=st.sampled_from([2, 3]), seed=st.integers(0, 2**16))
def test_nearest_and_bilinear_are_torchs(n, scale, seed):
    x = np.random.default_rng(seed).normal(size=(n, n))
    np.testing.assert_allclose(cv.upsample_nearest(x, scale),
                               F.interpolate(T(x), scale_factor=scale, mode="nearest")[0, 0].numpy())
    np.testing.assert_allclose(cv.upsample_bilinear(x, scale), F.interpolate(
        T(x), scale_factor=scale, mode="bilinear", align_corners=False)[0, 0].numpy(), atol=1e-12)


@settings(max_examples=100, deadline=None)
@given(n=st.integers(1, 7), k=st.integers(1, 5), stride=st.integers(1, 3), padding=st.integers(0, 2),
       seed=st.integers(0, 2**16))
def test_transposed_convolution_is_torchs(n, k, stride, padding, seed):
    rng = np.random.default_rng(seed)
    x, w, b = rng.normal(size=(n, n)), rng.normal(size=(k, k)), float(rng.normal())
    if (n - 1) * stride - 2 * padding + k < 1:
        with pytest.raises(SettingError, match="leaves nothing"):
            cv.conv_transpose2d(x, w, stride=stride, padding=padding)
        return
    theirs = F.conv_transpose2d(T(x), T(w), torch.tensor([b], dtype=torch.float64), stride=stride,
                                padding=padding)[0, 0].numpy()
    ours = cv.conv_transpose2d(x, w, b, stride=stride, padding=padding)
    assert ours.shape == theirs.shape == (cv.transposed_size(n, k, stride, padding),) * 2
    np.testing.assert_allclose(ours, theirs, atol=1e-12)


def test_the_checkerboard_appears_when_the_kernel_is_not_a_multiple_of_the_stride():
    uneven = cv.overlaps(4, 3, 2)
    assert set(np.unique(uneven)) == {1, 2, 4} and uneven.shape == (9, 9)
    for k in (2, 4):
        inner = cv.overlaps(4, k, 2)[k - 1:-(k - 1), k - 1:-(k - 1)]
        assert len(np.unique(inner)) == 1  # away from the border, even
    np.testing.assert_array_equal(cv.overlaps(4, 3, 2), F.conv_transpose2d(T(np.ones((4, 4))), T(np.ones((3, 3))),
                                                                           stride=2)[0, 0].numpy())


def test_the_tent_filter_makes_a_transposed_convolution_bilinear():
    x = np.random.default_rng(0).normal(size=(4, 4))
    up = cv.conv_transpose2d(x, cv.tent(4, 2), stride=2, padding=1)
    np.testing.assert_allclose(up[1:-1, 1:-1], cv.upsample_bilinear(x, 2)[1:-1, 1:-1], atol=1e-12)
    assert cv.tent(4, 2)[0].tolist() == [0.0625, 0.1875, 0.1875, 0.0625]


# -- 1 × 1 convolution and the bottleneck -----------------------------------------------------------
def test_a_1x1_convolution_is_a_matrix_product_per_pixel():
    rng = np.random.default_rng(2)
    x, w, b = rng.normal(size=(3, 5, 5)), rng.normal(size=(4, 3)), rng.normal(size=4)
    ours = cv.conv2d(x, w[:, :, None, None], b)
    np.testing.assert_allclose(ours, np.einsum("oc,chw->ohw", w, x) + b[:, None, None])
    np.testing.assert_allclose(ours, F.conv2d(torch.tensor(x)[None], torch.tensor(w)[:, :, None, None],
                                              torch.tensor(b))[0].numpy())


@pytest.mark.parametrize("channels, middle, size", [(256, 64, 56), (64, 16, 7), (512, 128, 14), (1024, 256, 28)])
def test_block_counts_are_the_modules_own(channels, middle, size):
    plain, neck = blocks.block_counts("plain", channels, middle, size), blocks.block_counts("bottleneck", channels,
                                                                                           middle, size)
    for kind, counts in (("plain", plain), ("bottleneck", neck)):
        module = blocks.block(kind, channels, middle, device="cpu")
        assert counts["params"] == sum(p.numel() for p in module.parameters())
    assert plain["params"] == 9 * channels * channels + channels
    assert plain["mults"] == size * size * channels * channels * 9
    assert neck["params"] == (channels * middle + middle) + (9 * middle * middle + middle) + (middle * channels + channels)
    assert neck["mults"] == size * size * (channels * middle + 9 * middle * middle + middle * channels)
    assert [layer[:3] for layer in neck["layers"]] == [(channels, middle, 1), (middle, middle, 3), (middle, channels, 1)]


def test_the_resnet_numbers():
    assert blocks.block_counts("plain")["params"] == 590_080
    assert blocks.block_counts("bottleneck")["params"] == 70_016
    with pytest.raises(SettingError, match="channels=0"):
        blocks.block_counts("plain", 0)
    with pytest.raises(SettingError, match="block='wide'"):
        blocks.block("wide", 8, 8)


# -- residual blocks --------------------------------------------------------------------------------
def test_deep_plain_gradients_vanish_and_residual_ones_do_not():
    race = blocks.ResidualRace(blocks.ResidualConfig(depth=12))
    g = race.grad_norms()
    assert len(g["plain"]) == len(g["residual"]) == 12 + 2
    assert g["plain"][0] / g["plain"][-1] < 1e-4
    assert 0.03 < g["residual"][0] / g["residual"][-1] < 10


def test_twelve_plain_layers_do_not_learn_and_twelve_residual_ones_do():
    race = blocks.ResidualRace(blocks.ResidualConfig(depth=12))
    race.train_epochs(3)
    assert race.history["plain_test_acc"][-1] < 0.2 < 0.8 < race.history["residual_test_acc"][-1]


def test_grad_norms_are_torch_autograds():
    race = blocks.ResidualRace(blocks.ResidualConfig(depth=4))
    model = race.models["residual"]
    xb, yb = torch.from_numpy(race.Xtr[:128, None]), torch.from_numpy(race.ytr[:128])
    model.zero_grad()
    F.cross_entropy(model(xb), yb).backward()
    expected = [layer.weight.grad.norm().item() for layer in model.layers()]
    np.testing.assert_allclose(race.grad_norms()["residual"], expected, rtol=1e-5)


def test_the_residual_race_is_reproducible():
    a, b = (blocks.ResidualRace(blocks.ResidualConfig(depth=4, seed=1)) for _ in range(2))
    a.train_epochs(1)
    b.train_epochs(1)
    assert a.history == b.history
    assert a.apply(a.config.replace(depth=8)) == "rebuilt" and len(a.grad_norms()["plain"]) == 10
    with pytest.raises(SettingError, match="depth=5"):
        blocks.ResidualConfig(depth=5)


# -- the tiny U-Net ---------------------------------------------------------------------------------
def test_the_shapes_are_reproducible_and_their_masks_mark_the_bright_pixels():
    X, Y = blocks.make_shapes(50, seed=3)
    X2, Y2 = blocks.make_shapes(50, seed=3)
    assert np.array_equal(X, X2) and np.array_equal(Y, Y2)
    assert X.shape == Y.shape == (50, 16, 16) and 0 <= X.min() and X.max() <= 1
    assert set(np.unique(Y)) == {0, 1} and 0.05 < Y.mean() < 0.5
    assert X[Y == 1].mean() > X[Y == 0].mean() + 0.3
    with pytest.raises(ValueError, match="n=0"):
        blocks.make_shapes(0)


def test_iou():
    a = np.zeros((4, 4), bool)
    a[:2] = True
    b = np.zeros((4, 4), bool)
    b[1:3] = True
    assert blocks.iou(a, b) == pytest.approx(4 / 12) and blocks.iou(a, a) == 1 and blocks.iou(~a & a, ~a & a) == 1


def test_the_unet_shapes_and_skips():
    x = torch.zeros(2, 1, 16, 16)
    for skips in (True, False):
        net = blocks.TinyUNet(skips)
        assert net(x).shape == (2, 16, 16)
    with_skips, without = blocks.TinyUNet(True), blocks.TinyUNet(False)
    assert with_skips.dec2.in_channels == 32 and without.dec2.in_channels == 16


def test_the_unet_race_records_iou_and_is_reproducible():
    config = blocks.SegConfig(n_images=200, seed=2)
    a, b = blocks.SegRace(config), blocks.SegRace(config)
    a.train_epochs(2)
    b.train_epochs(2)
    assert a.history == b.history and set(a.history) >= {"skips_test_iou", "noskips_test_iou"}
    pred = a.predict(a.Xte[:3])
    assert pred["skips"].shape == (3, 16, 16) and 0 <= pred["skips"].min() and pred["skips"].max() <= 1
    # the recorded IoU is the IoU of the thresholded predictions
    all_pred = a.predict(a.Xte)["skips"] > 0.5
    assert a.history["skips_test_iou"][-1] == pytest.approx(blocks.iou(all_pred, a.yte > 0.5), abs=1e-6)
    assert a.apply(a.config.replace(n_images=300)) == "new data" and len(a.ytr) == 225


def test_with_skips_the_unet_segments_better():
    race = blocks.SegRace(blocks.SegConfig(n_images=400))
    race.train_epochs(6)
    h = race.history
    assert h["skips_test_iou"][-1] > 0.8 and h["skips_test_iou"][-1] > h["noskips_test_iou"][-1] + 0.15
