"""Views without a browser: the PNG encoder against our own decoder, the diverging colour map's
fixed points, and the network layout's geometry (tiles, hit testing, links)."""

from __future__ import annotations

import base64
import re
import struct
import zlib

import numpy as np
import pytest

from playground.views.colors import BLUE, ORANGE, diverging_rgb, png_data_uri
from playground.views.network import LINK_LIMITS, LINK_WIDTHS, NetworkLayout

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


@pytest.mark.parametrize("sizes", LAYOUTS)
def test_hit_finds_every_tile_and_nothing_in_the_gaps(sizes):
    L = NetworkLayout(sizes)
    t = L.tile
    every = tiles(L)
    ends = [tl for tl in every if tl[1] in (0, L.sizes[tl[0]] - 1)]
    for l, i, x0, y0 in every[::max(1, len(every) // 300)] + ends:  # all of them, or 300 and each column's ends
        assert L.hit(x0 + t / 2, y0 + t / 2) == (l, i)
        assert L.hit(x0, y0) == (l, i) and L.hit(x0 + t - 0.01, y0 + t - 0.01) == (l, i)
        assert L.hit(x0 + t + L.gap_x / 2, y0 + t / 2) is None  # between two columns (or right of the last)
        assert L.hit(x0 + t / 2, y0 + t + L.gap_y / 2) is None  # below the tile: a gap or outside
        assert L.hit(x0 + t / 2, y0 - L.gap_y / 2) is None  # above it
    assert L.hit(-1, -1) is None and L.hit(L.width + 1, L.height / 2) is None


def expected_width(w):
    """Our own bucket: one step wider for every limit |w| is above."""
    return LINK_WIDTHS[sum(abs(w) > lim for lim in LINK_LIMITS)]


@pytest.mark.parametrize("sizes", [(2, 4, 2, 1), (3, 5, 3), (2, 1), (7, 64, 3)])
def test_links_one_segment_per_weight_by_size_and_sign(sizes):
    L = NetworkLayout(sizes)
    rng = np.random.default_rng(len(sizes))
    weights = [rng.normal(0, 1.0, (b, a)) for a, b in zip(sizes[:-1], sizes[1:])]
    weights[0].flat[:6] = [0.0, -0.1, 0.1, 0.3000001, -5.0, 1.5][:weights[0].size]  # on and near the limits
    parts = L.links(weights)
    expected = {}  # (width, sign) -> set of ((x_src, y_src), (x_dst, y_dst))
    t = L.tile
    for l, W in enumerate(weights):
        for j, i in np.ndindex(W.shape):
            (sx, sy), (dx, dy) = L.origins[l][i], L.origins[l + 1][j]
            key = (expected_width(W[j, i]), "+" if W[j, i] >= 0 else "-")
            expected.setdefault(key, []).append(((sx + t, sy + t / 2), (dx, dy + t / 2)))
    assert set(parts) == set(expected)
    total = 0
    for key, (xs, ys) in parts.items():
        assert len(xs) == len(ys) and len(xs) % 3 == 0
        assert np.isnan(xs[2::3]).all() and np.isnan(ys[2::3]).all()  # one NaN after each segment
        segs = sorted(((xs[k], ys[k]), (xs[k + 1], ys[k + 1])) for k in range(0, len(xs), 3))
        assert segs == sorted(expected[key]), key
        total += len(segs)
    assert total == sum(W.size for W in weights)


def test_links_of_nan_weights_are_drawn_thin():
    L = NetworkLayout((2, 3, 1))
    parts = L.links([np.full((3, 2), np.nan), np.full((1, 3), np.nan)])
    assert set(parts) == {(LINK_WIDTHS[0], "+")}
    assert len(parts[(LINK_WIDTHS[0], "+")][0]) == 3 * 9


@pytest.mark.parametrize("sizes", [(2, 4, 2, 1), (3, 9, 1), (2,) + (3,) * 24 + (1,)])
def test_mosaic_puts_each_neuron_in_its_tile(sizes):
    L = NetworkLayout(sizes)
    t = L.tile
    values = np.linspace(-1, 1, sum(sizes))
    grids, k = [], 0
    for n in sizes:
        g = np.repeat(values[k:k + n, None, None], t, 1).repeat(t, 2)
        g[:, 0, 0] = np.nan  # row 0 is the bottom of the tile: white bottom-left pixel
        grids.append(g)
        k += n
    img = decode_png(L.mosaic(grids))
    assert img.shape == (L.height, L.width, 3)
    inside = np.zeros((L.height, L.width), bool)
    for (l, i, x0, y0), v in zip(tiles(L), values):
        inside[y0:y0 + t, x0:x0 + t] = True
        tile = img[y0:y0 + t, x0:x0 + t].reshape(-1, 3)
        colour = diverging_rgb(np.array([v]))[0]
        assert tuple(img[y0 + t - 1, x0]) == WHITE_RGB  # the NaN pixel, flipped to the bottom row
        assert (tile == colour).all(axis=1).sum() == t * t - 1
    assert (img[~inside] == 255).all()  # gaps are white


def test_column_centers():
    L = NetworkLayout((2, 4, 1))
    assert L.column_centers() == [float(o[0, 0] + L.tile / 2) for o in L.origins]
    assert L.column_centers() == sorted(L.column_centers())


def test_figure_link_traces_are_blue_for_positive_and_orange_for_negative():
    from playground.views.playground_figure import LINK_KEYS, PlaygroundFigure
    fig = PlaygroundFigure()
    assert {k for k in LINK_KEYS} == {(w, s) for w in LINK_WIDTHS for s in "+-"}
    for k, (width, sign) in enumerate(LINK_KEYS):
        line = fig.fig.data[fig.LINKS + k].line
        assert line.width == width
        assert line.color == (BLUE if sign == "+" else ORANGE)
    assert re.fullmatch(r"#[0-9a-f]{6}", BLUE) and re.fullmatch(r"#[0-9a-f]{6}", ORANGE)
