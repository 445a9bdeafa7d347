"""The convolution explorer, headless: every control changed as a learner would, the picture the
page is sent (decoded from the canvas panels) checked against torch.nn.functional, drawing and
clicking as the page reports them, and bad input as a message, never an exception."""

from __future__ import annotations

import html

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from playground import convolution as cv
from playground.apps.convolution import ConvolutionExplorer


def torch_conv(x, w, bias=0.0, stride=1, padding=0):
    return F.conv2d(torch.tensor(x, dtype=torch.float64)[None, None], torch.tensor(w, dtype=torch.float64)[None, None],
                    torch.tensor([bias], dtype=torch.float64), stride=stride, padding=padding)[0, 0].numpy()


def shown_input(app):
    """The image part of the input panel (the padding ring cut away)."""
    p = app.settings.padding
    v = app.panels.values("input")
    return v[p:v.shape[0] - p, p:v.shape[1] - p]


def check_picture(app):
    """What the page is sent equals torch on the image shown."""
    s = app.settings
    x = shown_input(app).astype(np.float64)
    fmap = torch_conv(x, s.weights, s.bias, s.stride, s.padding)
    act = np.maximum(fmap, 0) if s.relu else fmap
    np.testing.assert_allclose(app.panels.values("fmap"), act, atol=1e-5)
    np.testing.assert_allclose(app.panels.values("kernel"), s.weights, atol=1e-6)
    if s.pool == "none":
        assert app.panels.data("pooled") is None
    else:
        fn = F.max_pool2d if s.pool == "max" else F.avg_pool2d
        pooled = fn(torch.tensor(act)[None, None], s.pool_size, s.pool_stride)[0, 0].numpy()
        np.testing.assert_allclose(app.panels.values("pooled"), pooled, atol=1e-5)
    out = cv.output_size(16, s.k, s.stride, s.padding)
    assert f"<b class='pg-conv-out'>{out}</b>" in app.sizes_text.value
    assert app.panels.data("fmap")["mark"] == [s.row, s.col]
    box = app.panels.data("input")["box"]
    assert box == [s.row * s.stride, s.col * s.stride, s.row * s.stride + s.k, s.col * s.stride + s.k]
    value = float(html.unescape(app.window_text.value).split("class='pg-conv-value'>")[1].split("<")[0].replace("−", "-"))
    assert value == pytest.approx(fmap[s.row, s.col], abs=0.006)


def message(app) -> str:
    return html.unescape(app.messages.value)


@pytest.fixture
def app():
    return ConvolutionExplorer()


def test_it_starts_with_a_digit_and_the_identity_filter(app):
    np.testing.assert_allclose(shown_input(app), cv.make_image("digit"), atol=1e-6)
    assert app.w_filter.value == "identity" and app.w_kernel.value == "0 0 0\n0 1 0\n0 0 0"
    check_picture(app)
    assert app.panels.values("fmap").shape == (14, 14)
    assert "10</b> parameters" in app.params_text.value and "50,372" in app.params_text.value
    assert message(app).count("pg-error") == 0


@pytest.mark.parametrize("name", cv.IMAGES)
def test_every_image(app, name):
    app.w_image.value = name
    if name != "drawing":
        np.testing.assert_allclose(shown_input(app), cv.make_image(name), atol=1e-6)
    assert app.w_digit.layout.display == (None if name == "digit" else "none")
    assert app.w_filter.layout.display is None  # each control has its own layout
    check_picture(app)


def test_the_digit_slider(app):
    app.w_digit.value = 7
    np.testing.assert_allclose(shown_input(app), cv.make_image("digit", digit_index=7), atol=1e-6)
    assert f"handwritten {cv.digit(7)[1]}" in app.panels.data("input")["title"]


@pytest.mark.parametrize("name", cv.FILTERS)
def test_every_filter_preset_in_both_sizes(app, name):
    app.w_filter.value = name
    np.testing.assert_allclose(app.settings.weights, cv.make_filter(name, 3))
    assert app.w_kernel.value == cv.filter_text(cv.make_filter(name, 3))
    check_picture(app)
    app.w_size.value = 5
    np.testing.assert_allclose(app.settings.weights, cv.make_filter(name, 5))
    assert app.w_filter.value == name
    check_picture(app)


def test_typed_weights_make_a_custom_filter(app):
    app.w_kernel.value = "1 1 1\n0 0 0\n-1 -1 -1"
    assert app.w_filter.value == "custom" and app.settings.weights[0].tolist() == [1, 1, 1]
    check_picture(app)
    app.w_size.value = 5  # a custom filter grows with zeros around it
    assert app.settings.weights.shape == (5, 5) and app.settings.weights[1, 1:4].tolist() == [1, 1, 1]
    assert app.settings.weights[0].tolist() == [0] * 5
    app.w_size.value = 3
    assert app.settings.weights[0].tolist() == [1, 1, 1]
    app.w_kernel.value = "0 -1 0\n-1 5 -1\n0 -1 0"  # typed, it is a preset
    assert app.w_filter.value == "sharpen"
    app.w_kernel.value = "1/9 1/9 1/9\n1/9 1/9 1/9\n1/9 1/9 1/9"
    assert app.w_filter.value == "blur" and app.w_kernel.value.startswith("1/9")


def test_a_bad_weight_is_a_message_and_the_last_good_filter_stays(app):
    app.w_filter.value = "vedge"
    app.w_kernel.value = "1 2 abc\n1 1 1\n1 1 1"
    assert "filter weight 'abc' is not a number" in message(app) and "pg-error" in message(app)
    np.testing.assert_allclose(app.settings.weights, cv.make_filter("vedge", 3))
    assert app.w_kernel.value == "1 2 abc\n1 1 1\n1 1 1"  # the text stays, to be fixed
    check_picture(app)
    app.w_kernel.value = "1 2\n3 4"
    assert "3 rows of 3 numbers" in message(app)
    app.w_kernel.value = "1 2 3\n1 1 1\n1 1 1"
    assert message(app).count("pg-error") == 0 and app.settings.weights[0].tolist() == [1, 2, 3]


def test_bias_stride_padding_and_relu(app):
    app.w_filter.value = "vedge"
    app.w_bias.value = 0.5
    assert app.settings.bias == 0.5
    check_picture(app)
    app.w_padding.value = 2
    assert app.panels.values("input").shape == (20, 20) and app.panels.data("input")["pad"] == 2
    check_picture(app)
    app.w_stride.value = 3
    assert app.panels.values("fmap").shape == (6, 6)
    check_picture(app)
    app.w_relu.value = True
    assert app.panels.values("fmap").min() >= 0 and "after ReLU" in app.panels.data("fmap")["title"]
    check_picture(app)


def test_pooling_controls(app):
    app.w_filter.value = "sharpen"
    for kind in ("avg", "max"):
        app.w_pool.value = kind
        check_picture(app)
    app.w_pool_size.value, app.w_pool_stride.value = 3, 1
    assert app.panels.values("pooled").shape == (12, 12)
    check_picture(app)
    app.w_pool.value = "none"
    assert app.w_pool_size.disabled and app.panels.data("pooled") is None
    assert "After pooling" not in app.sizes_text.value
    check_picture(app)


def test_a_pooling_window_that_does_not_fit_is_a_message_and_the_widgets_go_back(app):
    app.w_stride.value = 4  # 14 → 4
    app.w_pool_size.value = 4
    app.w_size.value = 5  # 16 − 5 → 3 × 3: the 4 × 4 window does not fit
    assert "4 × 4 pooling window does not fit on the 3 × 3 feature map" in message(app)
    assert app.w_size.value == 3 and app.settings.k == 3  # back to what runs
    check_picture(app)


def test_a_stride_larger_than_the_image_is_a_message(app):
    app.set(stride=20)
    assert "a stride of 20 is larger than the 16 × 16 image" in message(app)
    assert app.settings.stride == 1 and app.w_stride.value == 1
    built = ConvolutionExplorer(stride=20, padding=7)
    assert "stride of 20" in message(built) and built.settings.stride == 1
    app.set(kernel="a b c")
    assert "'a' is not a number" in message(app)


def test_moving_the_image(app):
    app.set(image="letter", filter="vedge", padding=1, relu=True)
    assert "Move the input" in app.moved_text.value
    app.w_dx.value = 1
    np.testing.assert_allclose(shown_input(app), cv.shift(cv.make_image("letter"), 1, 0), atol=1e-6)
    check_picture(app)
    text = html.unescape(app.moved_text.value)
    assert "Moved</b> 1 right and 0 down" in text and "class='pg-conv-moved-global'>0 %" in text
    assert "differ by 0 %" in text
    app.w_dy.value = -2
    check_picture(app)
    app.w_stride.value = 2
    assert "fraction of a pixel" in app.moved_text.value


def test_selecting_an_output_pixel_by_number_and_by_click(app):
    app.set(filter="sharpen", padding=1)
    app.w_row.value, app.w_col.value = 4, 9
    assert (app.settings.row, app.settings.col) == (4, 9)
    check_picture(app)
    app.panels._handle_message(app.panels, {"type": "cell", "panel": "fmap", "r": 11, "c": 2, "tile": -1})
    assert (app.settings.row, app.settings.col) == (11, 2) and (app.w_row.value, app.w_col.value) == (11, 2)
    check_picture(app)
    app.panels._handle_message(app.panels, {"type": "cell", "panel": "pooled", "r": 3, "c": 1, "tile": -1})
    assert (app.settings.row, app.settings.col) == (6, 2)  # the top-left pixel of that pooling window
    app.w_stride.value = 4  # the feature map shrinks: the selection stays on it
    assert (app.settings.row, app.settings.col) == (3, 2) and app.w_row.max == 3


def test_drawing_with_the_mouse_as_the_page_sends_it(app):
    app.w_clear.click()
    assert app.settings.image == "drawing" and shown_input(app).sum() == 0
    line = np.zeros((16, 16))
    line[2:14, 8] = 1
    app.panels._handle_message(app.panels, {"type": "draw", "panel": "input", "seq": 3, "done": False, "rows": 16,
                                            "cols": 16, "values": line.ravel().tolist()})
    np.testing.assert_array_equal(shown_input(app), line)
    assert app.panels.data("input")["seq"] == 3  # the page keeps its own stroke until Python has it
    app.set(filter="vedge")
    check_picture(app)
    fmap = app.panels.values("fmap")
    assert fmap[5, 6] > 0 and fmap[5, 8] < 0  # blue left of the line, orange right of it
    # a malformed or oversized message is ignored
    for bad in ({"type": "draw", "panel": "input", "rows": 999, "cols": 999, "values": []},
                {"type": "draw", "panel": "fmap", "rows": 16, "cols": 16, "values": [1] * 256},
                {"type": "draw", "panel": "input", "rows": 16, "cols": 16, "values": "x"}, "junk", {"type": "cell"}):
        app.panels._handle_message(app.panels, bad)
    np.testing.assert_array_equal(shown_input(app), line)


def test_drawing_on_a_moved_image_keeps_what_is_shown(app):
    app.set(image="square", dx=2)
    shown = shown_input(app).copy()
    shown[0, 0] = 1
    app.draw(shown, seq=1)
    assert (app.settings.dx, app.w_dx.value, app.settings.image) == (0, 0, "drawing")
    np.testing.assert_array_equal(shown_input(app), shown)


def test_clear_invert_and_the_pen(app):
    app.w_invert.click()
    np.testing.assert_allclose(shown_input(app), 1 - cv.make_image("digit"), atol=1e-6)
    assert app.w_image.value == "drawing"
    check_picture(app)
    app.w_clear.click()
    assert shown_input(app).sum() == 0
    app.w_pen.value = "erase"
    assert app.panels.pen == "erase"
    app.w_image.value = "square"
    app.w_image.value = "drawing"  # a drawing starts from what was shown
    np.testing.assert_allclose(shown_input(app), cv.make_image("square"), atol=1e-6)


def test_korean_labels_and_messages():
    app = ConvolutionExplorer(lang="ko")
    assert app.w_stride.description == "스트라이드" and app.w_filter.description == "필터"
    assert "가중치 공유" in app.params_text.value and "출력 크기" in app.sizes_text.value
    assert app.panels.data("fmap")["title"].startswith("특성 맵")
    app.w_kernel.value = "abc"
    assert "숫자가 아닙니다" in message(app)
