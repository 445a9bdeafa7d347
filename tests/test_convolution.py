"""The convolution engine (playground/convolution.py) against its oracle, torch.nn.functional:
convolution, pooling and output sizes; the explorer's state (the window of an output pixel, the
parameter counts of real torch modules, what a shift changes) and its messages."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from playground import convolution as cv
from playground.errors import SettingError


def torch_conv(x, w, bias=0.0, stride=1, padding=0):
    return F.conv2d(torch.tensor(x, dtype=torch.float64)[None, None], torch.tensor(w, dtype=torch.float64)[None, None],
                    torch.tensor([bias], dtype=torch.float64), stride=stride, padding=padding)[0, 0].numpy()


def torch_pool(x, kind, size, stride):
    fn = F.max_pool2d if kind == "max" else F.avg_pool2d
    return fn(torch.tensor(x, dtype=torch.float64)[None, None], size, stride)[0, 0].numpy()


@settings(max_examples=80, deadline=None)
@given(n=st.integers(4, 18), k=st.sampled_from([1, 2, 3, 5]), stride=st.integers(1, 4), padding=st.integers(0, 3),
       seed=st.integers(0, 2**16))
def test_conv2d_is_torchs(n, k, stride, padding, seed):
    if k > n + 2 * padding:
        with pytest.raises(SettingError, match="does not fit"):
            cv.conv2d(np.zeros((n, n)), np.zeros((k, k)), padding=padding)
        return
    rng = np.random.default_rng(seed)
    x, w, b = rng.normal(size=(n, n)), rng.normal(size=(k, k)), float(rng.normal())
    ours, theirs = cv.conv2d(x, w, b, stride=stride, padding=padding), torch_conv(x, w, b, stride, padding)
    assert ours.shape == theirs.shape == (cv.output_size(n, k, stride, padding),) * 2
    np.testing.assert_allclose(ours, theirs, atol=1e-12)


def test_conv2d_with_channels_is_torchs():
    rng = np.random.default_rng(1)
    x, w, b = rng.normal(size=(3, 9, 9)), rng.normal(size=(4, 3, 3, 3)), rng.normal(size=4)
    theirs = F.conv2d(torch.tensor(x)[None], torch.tensor(w), torch.tensor(b), stride=2, padding=1)[0].numpy()
    np.testing.assert_allclose(cv.conv2d(x, w, b, stride=2, padding=1), theirs, atol=1e-12)
    with pytest.raises(ValueError, match="3 channels; the filter expects 2"):
        cv.conv2d(x, w[:, :2], b)


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 16), size=st.integers(1, 4), stride=st.integers(1, 4), kind=st.sampled_from(["max", "avg"]),
       seed=st.integers(0, 2**16))
def test_pooling_is_torchs(n, size, stride, kind, seed):
    x = np.random.default_rng(seed).normal(size=(n, n))
    if size > n:
        with pytest.raises(SettingError):
            cv.pool2d(x, kind, size, stride)
        return
    ours, theirs = cv.pool2d(x, kind, size, stride), torch_pool(x, kind, size, stride)
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours, theirs, atol=1e-12)


def test_pooling_stride_defaults_to_its_size_as_torchs():
    x = np.arange(36.0).reshape(6, 6)
    np.testing.assert_array_equal(cv.max_pool2d(x, 2), F.max_pool2d(torch.tensor(x)[None, None], 2)[0, 0].numpy())
    np.testing.assert_array_equal(cv.avg_pool2d(x, 3), F.avg_pool2d(torch.tensor(x)[None, None], 3)[0, 0].numpy())


@pytest.mark.parametrize("k", cv.KERNEL_SIZES)
def test_every_output_size_the_app_offers_is_torchs(k):
    for stride in range(1, cv.MAX_STRIDE + 1):
        for padding in range(cv.MAX_PADDING + 1):
            layer = torch.nn.Conv2d(1, 1, k, stride=stride, padding=padding)
            shape = layer(torch.zeros(1, 1, cv.IMAGE_SIZE, cv.IMAGE_SIZE)).shape
            assert cv.output_size(cv.IMAGE_SIZE, k, stride, padding) == shape[-1] == shape[-2]


# -- images and filters -----------------------------------------------------------------------------
def test_images_are_16_by_16_in_0_1():
    for name in cv.IMAGES:
        x = cv.make_image(name)
        assert x.shape == (16, 16) and x.min() >= 0 and x.max() <= 1
        assert (x.sum() > 0) == (name != "drawing")


def test_the_digit_is_scikit_learns():
    from sklearn.datasets import load_digits
    d = load_digits()
    x = cv.make_image("digit", digit_index=5)
    np.testing.assert_allclose(x[::2, ::2], d.images[5] / 16, atol=1e-6)
    np.testing.assert_allclose(x[1::2, 1::2], d.images[5] / 16, atol=1e-6)  # each pixel made 2 × 2
    assert cv.digit(5)[1] == d.target[5]
    with pytest.raises(SettingError, match="digit 5000 is not there; choose one from 0 to 1796"):
        cv.digit(5000)


def test_shift_moves_and_fills_with_paper():
    x = np.arange(16.0).reshape(4, 4) + 1
    right = cv.shift(x, 1, 0)
    np.testing.assert_array_equal(right[:, 1:], x[:, :-1])
    assert (right[:, 0] == 0).all()
    up_left = cv.shift(x, -2, -1)
    np.testing.assert_array_equal(up_left[:3, :2], x[1:, 2:])
    assert cv.shift(x, 4, 0).sum() == 0 and cv.shift(x, 0, 0).tolist() == x.tolist()


@pytest.mark.parametrize("k", cv.KERNEL_SIZES)
def test_the_presets_do_what_their_names_say(k):
    x = cv.make_image("letter")
    same = k // 2  # the padding that keeps the size
    np.testing.assert_allclose(cv.conv2d(x, cv.make_filter("identity", k), padding=same), x)
    assert cv.make_filter("blur", k).sum() == pytest.approx(1) and cv.make_filter("sharpen", k).sum() == pytest.approx(1)
    for edge in ("hedge", "vedge", "diagonal"):  # no answer on a flat region
        assert cv.make_filter(edge, k).sum() == pytest.approx(0)
    np.testing.assert_array_equal(cv.make_filter("hedge", k), cv.make_filter("vedge", k).T)
    bars = cv.make_image("vbars")  # vertical bars: the vertical-edge filter answers, the horizontal one less
    v = np.abs(cv.conv2d(bars, cv.make_filter("vedge", k))).sum()
    h = np.abs(cv.conv2d(bars, cv.make_filter("hedge", k))).sum()
    assert v > 2 * h


@pytest.mark.parametrize("name", cv.FILTERS)
@pytest.mark.parametrize("k", cv.KERNEL_SIZES)
def test_a_preset_typed_back_is_the_same_filter(name, k):
    w = cv.make_filter(name, k)
    np.testing.assert_allclose(cv.parse_filter(cv.filter_text(w)), w, atol=1e-12)


def test_typed_weights_rows_separators_and_fractions():
    np.testing.assert_allclose(cv.parse_filter("1/9, 1/9, 1/9; 1/9 1/9 1/9\n1/9 1/9 1/9"), np.full((3, 3), 1 / 9))
    np.testing.assert_array_equal(cv.parse_filter(" 0 -1 0 \n\n−1 5 −1\n0 -1 0\n"), cv.make_filter("sharpen", 3))


@pytest.mark.parametrize("text, code, match", [
    ("1 2 abc\n1 1 1\n1 1 1", "convolution.bad_weight", "filter weight 'abc' is not a number"),
    ("1 2 3\n1 1 1", "convolution.kernel_shape", "you typed 2 row"),
    ("1 2\n1 1\n1 1", "convolution.kernel_shape", "3 rows of 3 numbers or 5 rows of 5"),
    ("", "convolution.kernel_shape", "you typed 0 row"),
    ("1/0 0 0\n0 0 0\n0 0 0", "convolution.bad_weight", "'1/0' is not a number"),
    ("nan 0 0\n0 0 0\n0 0 0", "convolution.weight_range", "'nan' is not allowed"),
    ("1e9 0 0\n0 0 0\n0 0 0", "convolution.weight_range", "from -1000 to 1000"),
])
def test_bad_typed_weights_say_what_is_wrong(text, code, match):
    with pytest.raises(SettingError, match=match) as err:
        cv.parse_filter(text)
    assert err.value.code == code and err.value.field == "kernel"
    assert err.value.words("ko") != str(err.value)  # worded in Korean too


# -- the explorer's state -----------------------------------------------------------------------------
@pytest.mark.parametrize("changes", [
    dict(), dict(padding=1, stride=2, bias=0.5), dict(pool="avg", pool_size=3, pool_stride=1, relu=True),
    dict(image="letter", dx=2, dy=-1, padding=2, row=3, col=5), dict(image="checker", pool="none", stride=3),
])
@pytest.mark.parametrize("filter_name, k", [("vedge", 3), ("sharpen", 5), ("diagonal", 3)])
def test_what_the_explorer_shows_is_torchs(changes, filter_name, k):
    s = cv.ConvSettings(kernel=cv.make_filter(filter_name, k), **changes)
    base = cv.make_image(s.image, digit_index=s.digit)
    e = cv.explore(s, base)
    moved = torch.roll(torch.tensor(base), (s.dy, s.dx), dims=(0, 1)).numpy()  # the shift, with paper coming in
    if s.dx:
        moved[:, :s.dx] = 0
    if s.dy > 0:
        moved[:s.dy] = 0
    elif s.dy < 0:
        moved[s.dy:] = 0
    np.testing.assert_array_equal(e.image, moved)
    fmap = torch_conv(moved, s.weights, s.bias, s.stride, s.padding)
    np.testing.assert_allclose(e.fmap, fmap, atol=1e-12)
    act = F.relu(torch.tensor(fmap)).numpy() if s.relu else fmap
    np.testing.assert_allclose(e.activated, act, atol=1e-12)
    if s.pool == "none":
        assert e.pooled is None and e.pooled_size is None
    else:
        np.testing.assert_allclose(e.pooled, torch_pool(act, s.pool, s.pool_size, s.pool_stride), atol=1e-12)
        assert e.pooled_size == e.pooled.shape[0]
    padded = F.pad(torch.tensor(moved), (s.padding,) * 4).numpy()
    np.testing.assert_array_equal(e.padded, padded)
    win = e.window  # the selected pixel's window, products and sum
    top, left = s.row * s.stride, s.col * s.stride
    np.testing.assert_array_equal(win["patch"], padded[top:top + s.k, left:left + s.k])
    np.testing.assert_allclose(win["products"], win["patch"] * s.weights)
    assert win["total"] == pytest.approx(fmap[s.row, s.col], abs=1e-12)


@pytest.mark.parametrize("k, stride, padding", [(3, 1, 0), (5, 1, 2), (3, 2, 1), (5, 4, 3)])
def test_parameter_counts_are_the_modules_own(k, stride, padding):
    s = cv.ConvSettings(kernel=cv.make_filter("blur", k), stride=stride, padding=padding, pool="none")
    e = cv.explore(s, cv.make_image("square"))
    conv = torch.nn.Conv2d(1, 1, k, stride=stride, padding=padding)
    fc = torch.nn.Linear(cv.IMAGE_SIZE ** 2, e.size ** 2)
    count = lambda m: sum(p.numel() for p in m.parameters())  # noqa: E731
    assert e.params["conv_params"] == count(conv) and e.params["fc_params"] == count(fc)
    assert e.params["conv_weights"] == conv.weight.numel() and e.params["fc_weights"] == fc.weight.numel()
    # one multiplication per weight and output pixel: the conv's weight is used at every pixel
    assert e.params["conv_mults"] == conv.weight.numel() * e.size ** 2
    assert e.params["fc_mults"] == fc.weight.numel()


def test_moving_the_image_moves_the_feature_map_and_barely_changes_a_global_max():
    s = cv.ConvSettings(image="letter", kernel=cv.make_filter("vedge", 3), padding=1, relu=True, dx=1)
    e = cv.explore(s, cv.make_image("letter"))
    m = e.moved
    assert m["moved_fmap"] == pytest.approx(0, abs=1e-12)  # the map of the moved image = the moved map
    assert m["global_max"] == 0 and 0 < m["pooled"] < m["fmap"]
    assert cv.explore(s.replace(dx=0), cv.make_image("letter")).moved == dict(fmap=0, pooled=0, global_max=0,
                                                                             moved_fmap=0)


@pytest.mark.parametrize("changes, code, match", [
    (dict(stride=20), "convolution.stride_too_big", "a stride of 20 is larger than the 16 × 16 image"),
    (dict(stride=5), "convolution.bad_step", r"stride=5 is not allowed; it must be a whole number from 1 to 4"),
    (dict(stride=1.5), "convolution.bad_step", "stride=1.5"),
    (dict(padding=4), "convolution.bad_step", "padding=4"),
    (dict(dx=9), "convolution.bad_step", "shift right=9"),
    (dict(stride=4, pool_size=4, kernel=cv.make_filter("blur", 5)), "convolution.pool_too_big",
     "a 4 × 4 pooling window does not fit on the 3 × 3 feature map"),
    (dict(image="cat"), "config.choose", "image='cat' is not allowed"),
    (dict(pool="min"), "config.choose", "pool='min' is not allowed"),
    (dict(digit=-1), "convolution.bad_digit", "digit -1 is not there"),
    (dict(kernel=((1, 2), (3, 4))), "convolution.kernel_shape", "you typed 2 row"),
])
def test_settings_that_cannot_run_are_messages(changes, code, match):
    with pytest.raises(SettingError, match=match) as err:
        cv.ConvSettings(**changes)
    assert err.value.code == code
    assert err.value.words("ko")


def test_the_selected_pixel_stays_on_the_feature_map():
    s = cv.ConvSettings(row=13, col=13)
    assert (s.row, s.col) == (13, 13)
    s2 = s.replace(stride=2)
    assert (s2.row, s2.col) == (6, 6) and cv.explore(s2, cv.make_image("digit")).size == 7
