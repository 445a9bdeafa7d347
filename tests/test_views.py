"""Views without a browser: the PNG encoder against our own decoder, the diverging colour map's
fixed points, the network layout's geometry, and what the Playground's live canvas is sent."""

from __future__ import annotations

import base64
import re
import struct
import zlib

import numpy as np
import pytest

from playground.views.colors import BLUE, ORANGE, diverging_rgb, png_data_uri
from playground.views.network import NetworkLayout
from playground.views.playground_canvas import PlaygroundCanvas, quantize

ORANGE_RGB, GREY_RGB, BLUE_RGB, WHITE_RGB = (245, 147, 34), (232, 234, 235), (8, 119, 189), (255, 255, 255)


# -- an independent PNG decoder (zlib + struct; filter type 0 only, as the encoder writes) ------
def decode_png(uri: str) -> np.ndarray:
    """(h, w, 3) uint8 pixels of a ``data:image/png;base64,...`` URI; checks every chunk's CRC."""
    prefix = "data:image/png;base64,"
    assert uri.startswith(prefix), uri[:40]
    png = base64.b64decode(uri[len(prefix):], validate=True)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, []
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos:pos + 4])
        tag, payload = png[pos + 4:pos + 8], png[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(tag + payload) & 0xFFFFFFFF, f"bad CRC in {tag!r}"
        chunks.append((tag, payload))
        pos += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    w, h, depth, color_type, compression, filter_method, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (depth, color_type, compression, filter_method, interlace) == (8, 2, 0, 0, 0)  # 8-bit RGB
    raw = zlib.decompress(b"".join(p for t, p in chunks if t == b"IDAT"))
    assert len(raw) == h * (1 + 3 * w)
    rows = np.frombuffer(raw, np.uint8).reshape(h, 1 + 3 * w)
    assert (rows[:, 0] == 0).all(), "only filter type 0 is decoded here"
    return rows[:, 1:].reshape(h, w, 3).copy()


def png_size(uri: str) -> tuple[int, int]:
    """(width, height) from the IHDR chunk."""
    png = base64.b64decode(uri.split(",", 1)[1])
    return struct.unpack(">II", png[16:24])


# -- colours ------------------------------------------------------------------------------------
@pytest.mark.parametrize("shape", [(1, 1), (3, 5), (17, 2), (64, 97)])
def test_png_data_uri_decodes_to_the_same_pixels(shape):
    rgb = np.random.default_rng(sum(shape)).integers(0, 256, (*shape, 3), dtype=np.uint8)
    uri = png_data_uri(rgb)
    assert png_size(uri) == (shape[1], shape[0])
    np.testing.assert_array_equal(decode_png(uri), rgb)


def test_png_data_uri_of_a_non_contiguous_view():
    rgb = np.random.default_rng(1).integers(0, 256, (10, 12, 3), dtype=np.uint8)
    view = rgb[::2, 1::3]  # what a caller slicing an image would pass
    np.testing.assert_array_equal(decode_png(png_data_uri(view)), view)


def test_diverging_rgb_fixed_points():
    out = diverging_rgb(np.array([-1.0, 0.0, 1.0, np.nan, -7.0, 7.0, -np.inf, np.inf]))
    assert out.dtype == np.uint8 and out.shape == (8, 3)
    assert tuple(out[0]) == ORANGE_RGB
    assert tuple(out[1]) == GREY_RGB
    assert tuple(out[2]) == BLUE_RGB
    assert tuple(out[3]) == WHITE_RGB
    assert tuple(out[4]) == ORANGE_RGB and tuple(out[5]) == BLUE_RGB  # clipped
    assert tuple(out[6]) == ORANGE_RGB and tuple(out[7]) == BLUE_RGB
    assert ORANGE == "#%02x%02x%02x" % ORANGE_RGB and BLUE == "#%02x%02x%02x" % BLUE_RGB


def test_diverging_rgb_moves_from_grey_toward_each_end():
    v = np.linspace(0, 1, 11)
    blue = diverging_rgb(v).astype(int)
    orange = diverging_rgb(-v).astype(int)
    dist = lambda a, b: np.abs(a - np.array(b)).sum(axis=-1)  # noqa: E731
    assert (np.diff(dist(blue, BLUE_RGB)) <= 0).all() and (np.diff(dist(blue, GREY_RGB)) >= 0).all()
    assert (np.diff(dist(orange, ORANGE_RGB)) <= 0).all() and (np.diff(dist(orange, GREY_RGB)) >= 0).all()


def test_diverging_rgb_keeps_the_shape():
    assert diverging_rgb(np.zeros((4, 6))).shape == (4, 6, 3)


# -- the network layout -----------------------------------------------------------------------
LAYOUTS = [(2, 1), (1, 4, 2, 1), (2, 4, 2, 1), (7, 8, 8, 3), (2, 9, 1), (2, 64, 64, 3), (7, 64, 1),
           (2,) + (8,) * 6 + (1,), (2,) + (3,) * 24 + (1,), (4,) + (64,) * 24 + (3,)]


def tiles(L):
    """(layer, neuron, x0, y0) of every tile."""
    return [(l, i, int(x0), int(y0)) for l, o in enumerate(L.origins) for i, (x0, y0) in enumerate(o)]


@pytest.mark.parametrize("sizes", LAYOUTS)
def test_tiles_fit_and_do_not_overlap(sizes):
    L = NetworkLayout(sizes)
    assert L.sizes == tuple(sizes)
    assert [len(o) for o in L.origins] == list(sizes)
    t, all_tiles = L.tile, tiles(L)
    assert t >= 6
    for _, _, x0, y0 in all_tiles:
        assert 0 <= x0 and x0 + t <= L.width and 0 <= y0 and y0 + t <= L.height
    xy = np.array([(x0, y0) for _, _, x0, y0 in all_tiles])
    x, y = xy[:, 0], xy[:, 1]
    apart = ((x[:, None] + t <= x[None, :]) | (x[None, :] + t <= x[:, None])
             | (y[:, None] + t <= y[None, :]) | (y[None, :] + t <= y[:, None]))
    np.fill_diagonal(apart, True)
    assert apart.all(), "tiles overlap"


# -- the live canvas (what Python sends; playground_canvas.js draws it) -------------------------
def test_quantize_fixed_points():
    q = quantize(np.array([-1.0, 0.0, 1.0, np.nan, -7.0, 7.0, 0.5]))
    assert q.tolist() == [0, 127, 254, 255, 0, 254, 190]


def canvas_for(sizes, seed=0):
    canvas = PlaygroundCanvas()
    canvas.set_network(sizes, [f"in{i}" for i in range(sizes[0])], [f"out{i}" for i in range(sizes[-1])])
    rng = np.random.default_rng(seed)
    t = canvas.layout_.tile
    grids = [rng.uniform(-1, 1, (n, t, t)) for n in sizes]
    weights = [rng.normal(0, 1, (b, a)) for a, b in zip(sizes[:-1], sizes[1:])]
    history = {k: list(rng.random(5)) for k in ("epoch", "train_loss", "test_loss", "train_acc", "test_acc")}
    surface = rng.random((16, 16))
    canvas.update(surface=surface, zrange=(0, 1), mosaic_grids=grids, weights=weights,
                  grad_norms=[1e-3] * (len(sizes) - 1), history=history, title="t")
    return canvas, grids, weights, history, surface


@pytest.mark.parametrize("sizes", [(2, 4, 2, 1), (3, 9, 1), (2,) + (8,) * 6 + (1,)])
def test_canvas_frame_holds_every_tile_weight_and_curve_in_order(sizes):
    canvas, grids, weights, history, surface = canvas_for(sizes)
    s = canvas.structure
    assert s["sizes"] == list(sizes) and s["count"] == sum(sizes)
    assert [len(o) for o in s["origins"]] == list(sizes)
    assert len(s["grad_labels"]) == len(sizes) - 1 and len(s["column_titles"]) == len(sizes)
    assert [len(n) for n in s["neuron_names"]] == list(sizes)
    np.testing.assert_array_equal(canvas.tiles(), quantize(np.concatenate(grids)))
    for got, want in zip(canvas.weights(), weights):
        np.testing.assert_allclose(got, want, rtol=1e-6)
    np.testing.assert_allclose(canvas.surface(), surface, rtol=1e-6)
    for key, values in canvas.history().items():
        np.testing.assert_allclose(values, history[key], rtol=1e-6)


def test_canvas_points_mark_test_points_and_hide_them_on_request():
    canvas = PlaygroundCanvas()
    X = np.arange(20, dtype=float).reshape(10, 2)
    y = np.array([0, 1] * 5)
    train, test = np.array([0, 2, 4, 6]), np.array([1, 3, 5])
    canvas.set_points(X, y, train, test, problem="binary", bounds=(-6, 6))
    p = canvas.point_arrays()
    np.testing.assert_array_equal(p["x"], X[np.r_[train, test], 0])
    np.testing.assert_array_equal(p["label"], y[np.r_[train, test]])
    assert p["test"].tolist() == [False] * 4 + [True] * 3
    canvas.set_points(X, y, train, test, problem="binary", bounds=(-6, 6), show_test=False)
    assert len(canvas.point_arrays()["x"]) == 4 and canvas.points["bounds"] == [-6.0, 6.0]


def test_canvas_clicks_reach_listeners_and_malformed_messages_are_ignored():
    canvas = PlaygroundCanvas()
    got = []
    canvas.on_select(lambda layer, neuron: got.append(("select", layer, neuron)))
    canvas.on_plane_click(lambda x, y: got.append(("plane", x, y)))
    for msg in ({"type": "select", "layer": 1, "neuron": "2"}, {"type": "plane", "x": 0.5, "y": -1},
                {"type": "select"}, {"type": "plane", "x": "nan?"}, {"type": "other"}, "junk", None):
        canvas._handle_message(canvas, msg)
    assert got == [("select", 1, 2), ("plane", 0.5, -1.0)]


def test_canvas_colours_are_the_colour_blind_safe_pair():
    canvas, *_ = canvas_for((2, 1))
    colors = canvas.structure["colors"]
    assert colors["diverging"][0][1] == ORANGE and colors["diverging"][-1][1] == BLUE
    assert colors["classes"][:2] == [ORANGE, BLUE]
    assert re.fullmatch(r"#[0-9a-f]{6}", BLUE) and re.fullmatch(r"#[0-9a-f]{6}", ORANGE)
