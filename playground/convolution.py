"""Convolution and pooling on small images, in NumPy: what the convolution explorer shows.

    from playground import convolution as cv
    x = cv.make_image("letter")                       # 16 × 16, values 0 (paper) .. 1 (ink)
    w = cv.make_filter("vedge", 3)                    # a 3 × 3 vertical-edge filter
    fmap = cv.conv2d(x, w, stride=1, padding=1)       # = torch.nn.functional.conv2d (tests check it)
    cv.max_pool2d(fmap, 2)                            # = torch.nn.functional.max_pool2d
    cv.output_size(16, 3, stride=2, padding=1)        # 8: ⌊(16 + 2·1 − 3) / 2⌋ + 1

Like PyTorch, "convolution" here is cross-correlation: the filter slides over the input without
being flipped, and each output pixel is the sum of the products of the filter with the window
under it, plus the bias. ``explore(settings, image)`` computes everything the explorer draws for
one ``ConvSettings`` (the image moved, padded, the feature map, ReLU, pooling, the sizes and their
formula, parameter counts, the window of a chosen output pixel and what a shift changes).

No widgets, no plotly, no torch: the tests compare every result with ``torch.nn.functional``.
Bad settings are ``SettingError``s (key and values; the UI words them in the page's language).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from fractions import Fraction

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from playground.errors import SettingError
from playground.i18n import Text

IMAGE_SIZE = 16
IMAGES = ("digit", "vbars", "hbars", "square", "checker", "letter", "drawing")
FILTERS = ("identity", "blur", "sharpen", "hedge", "vedge", "diagonal")
KERNEL_SIZES = (3, 5)
POOLS = ("none", "max", "avg")
MAX_STRIDE = 4
MAX_PADDING = 3
MAX_SHIFT = 4
N_DIGITS = 1797  # scikit-learn's load_digits

# A capital A on 16 × 16: '#' is ink.
_LETTER = """
................
......####......
.....######.....
.....##..##.....
....##....##....
....##....##....
...##......##...
...##......##...
...##########...
..############..
..##........##..
..##........##..
.##..........##.
.##..........##.
................
................
"""


# -- images --------------------------------------------------------------------------------------
_DIGITS = None


def _digits():
    global _DIGITS
    if _DIGITS is None:
        from playground.sklearn_equivalents import load_digits  # bundled with scikit-learn: nothing is downloaded
        _flat, target, images = load_digits()
        _DIGITS = (images.astype(np.float32) / 16.0, target.astype(int))
    return _DIGITS


def digit(index: int) -> tuple[np.ndarray, int]:
    """scikit-learn's digit ``index`` (0..1796) as an 8 × 8 image in [0, 1], and its label."""
    images, labels = _digits()
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < len(images):
        raise SettingError("convolution.bad_digit", "digit", value=index, hi=len(images) - 1)
    return images[index].copy(), int(labels[index])


def make_image(name: str, *, digit_index: int = 0) -> np.ndarray:
    """A 16 × 16 image in [0, 1] (1 = ink): a digit (8 × 8, each pixel made 2 × 2), bars, a square,
    a checkerboard, a letter, or a blank page to draw on ("drawing")."""
    n = IMAGE_SIZE
    x = np.zeros((n, n), np.float32)
    if name == "digit":
        x = np.kron(digit(digit_index)[0], np.ones((2, 2), np.float32))
    elif name == "vbars":
        x[2:14, 3:5] = x[2:14, 7:9] = x[2:14, 11:13] = 1
    elif name == "hbars":
        x[3:5, 2:14] = x[7:9, 2:14] = x[11:13, 2:14] = 1
    elif name == "square":
        x[4:12, 4:12] = 1
    elif name == "checker":
        r, c = np.indices((n, n))
        x = ((r // 2 + c // 2) % 2).astype(np.float32)
    elif name == "letter":
        rows = _LETTER.strip().splitlines()
        x = np.array([[ch == "#" for ch in row] for row in rows], np.float32)
    elif name != "drawing":
        _choose("image", name, IMAGES)
    return x


def shift(image, dx: int = 0, dy: int = 0) -> np.ndarray:
    """``image`` moved ``dx`` pixels right and ``dy`` down; what leaves the frame is lost and what
    comes in is blank (0)."""
    x = np.asarray(image)
    out = np.zeros_like(x)
    h, w = x.shape[-2:]
    if abs(dx) >= w or abs(dy) >= h:
        return out
    src_r, dst_r = slice(max(0, -dy), h - max(0, dy)), slice(max(0, dy), h - max(0, -dy))
    src_c, dst_c = slice(max(0, -dx), w - max(0, dx)), slice(max(0, dx), w - max(0, -dx))
    out[..., dst_r, dst_c] = x[..., src_r, src_c]
    return out


# -- filters -------------------------------------------------------------------------------------
def make_filter(name: str, k: int = 3) -> np.ndarray:
    """A preset ``k`` × ``k`` filter (k = 3 or 5): identity, blur (the mean), sharpen, horizontal
    and vertical edges (Sobel's), a diagonal line."""
    if k not in KERNEL_SIZES:
        raise SettingError("convolution.bad_kernel_size", "kernel_size", value=k,
                           allowed=", ".join(map(str, KERNEL_SIZES)))
    identity = np.zeros((k, k))
    identity[k // 2, k // 2] = 1
    smooth, slope = ((np.array([1, 2, 1]), np.array([-1, 0, 1])) if k == 3
                     else (np.array([1, 4, 6, 4, 1]), np.array([-1, -2, 0, 2, 1])))
    if name == "identity":
        w = identity
    elif name == "blur":
        w = np.full((k, k), 1 / k**2)
    elif name == "sharpen":
        w = (np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]) if k == 3
             else 2 * identity - np.full((k, k), 1 / k**2))
    elif name == "hedge":  # dark above, bright below: a horizontal edge
        w = np.outer(slope, smooth)
    elif name == "vedge":
        w = np.outer(smooth, slope)
    elif name == "diagonal":  # a line from top left to bottom right
        w = np.where(np.eye(k, dtype=bool), 2.0, -2.0 / (k - 1))
    else:
        _choose("filter", name, FILTERS)
    return np.asarray(w, np.float64)


def _number_text(v: float) -> str:
    if float(v).is_integer():
        return str(int(v))
    frac = Fraction(float(v)).limit_denominator(100)
    if abs(float(frac) - v) < 1e-9:
        return f"{frac.numerator}/{frac.denominator}"
    return f"{v:.4g}"


def filter_text(w) -> str:
    """The filter as a learner types it: one row per line ("1/9" for a ninth)."""
    return "\n".join(" ".join(_number_text(v) for v in row) for row in np.asarray(w, float))


def _parse_number(token: str) -> float:
    token = token.strip().replace("−", "-")
    try:
        if "/" in token:
            a, b = token.split("/", 1)
            value = float(a) / float(b)
        else:
            value = float(token)
    except (ValueError, ZeroDivisionError):
        raise SettingError("convolution.bad_weight", "kernel", value=token) from None
    if not np.isfinite(value) or abs(value) > 1000:
        raise SettingError("convolution.weight_range", "kernel", value=token)
    return value


def parse_rows(text: str) -> list:
    """Typed numbers: rows on lines (or separated by ";"), numbers by spaces or commas; "1/9" is a
    ninth. A list of rows (lists of floats); a token that is not a number is a ``SettingError``."""
    rows = [r for r in text.replace(";", "\n").splitlines() if r.strip()]
    return [[_parse_number(tok) for tok in row.replace(",", " ").split()] for row in rows]


def parse_filter(text: str) -> np.ndarray:
    """Typed weights ("0 -1 0 / -1 5 -1 / ..."), as ``parse_rows`` reads them: a square of 3 × 3 or
    5 × 5 numbers, else a ``SettingError``."""
    grid = parse_rows(text)
    k = len(grid)
    if k not in KERNEL_SIZES or any(len(row) != k for row in grid):
        raise SettingError("convolution.kernel_shape", "kernel", rows=k,
                           cols=", ".join(sorted({str(len(row)) for row in grid})) or "0")
    return np.array(grid, np.float64)


# -- sizes ---------------------------------------------------------------------------------------
def output_size(n: int, k: int, stride: int = 1, padding: int = 0) -> int:
    """Pixels along one side of the output: ⌊(n + 2p − k) / s⌋ + 1, as torch computes it."""
    if k > n + 2 * padding:
        raise SettingError("convolution.kernel_too_big", "kernel_size", k=k, n=n, p=padding, padded=n + 2 * padding)
    return (n + 2 * padding - k) // stride + 1


def pad(x, padding: int) -> np.ndarray:
    """Zero padding of ``padding`` pixels around the last two axes."""
    x = np.asarray(x)
    if padding == 0:
        return x
    return np.pad(x, [(0, 0)] * (x.ndim - 2) + [(padding, padding)] * 2)


def _name(field: str) -> Text:
    """A setting as messages name it ("stride", "보폭(stride)")."""
    return Text(f"convolution.field.{field}")


def _choose(field, value, allowed):
    raise SettingError("config.choose", field, name=_name(field), value=value, allowed=", ".join(allowed))


def _check_step(name, value, lo, hi):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not lo <= value <= hi:
        raise SettingError("convolution.bad_step", name, name=_name(name), value=value, lo=lo, hi=hi)


# -- convolution and pooling -----------------------------------------------------------------------
def conv2d(x, w, bias=0.0, *, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Cross-correlation, as ``torch.nn.functional.conv2d``: ``x`` (H, W) with ``w`` (k, k) gives
    (H', W'); ``x`` (C, H, W) with ``w`` (O, C, k, k) and ``bias`` (O,) gives (O, H', W')."""
    x, w = np.asarray(x, np.float64), np.asarray(w, np.float64)
    single = x.ndim == 2
    if single:
        x, w, bias = x[None], w[None, None], np.array([bias], np.float64)
    bias = np.broadcast_to(np.asarray(bias, np.float64), (w.shape[0],))
    if x.shape[0] != w.shape[1]:
        raise ValueError(f"the input has {x.shape[0]} channels; the filter expects {w.shape[1]}")
    kh, kw = w.shape[-2:]
    oh, ow = (output_size(x.shape[-2], kh, stride, padding), output_size(x.shape[-1], kw, stride, padding))
    windows = sliding_window_view(pad(x, padding), (kh, kw), axis=(-2, -1))[:, ::stride, ::stride][:, :oh, :ow]
    out = np.einsum("chwij,ocij->ohw", windows, w) + bias[:, None, None]
    return out[0] if single else out


def _pool(x, size, stride, reduce):
    x = np.asarray(x, np.float64)
    stride = size if stride is None else stride
    oh, ow = output_size(x.shape[-2], size, stride), output_size(x.shape[-1], size, stride)
    windows = sliding_window_view(x, (size, size), axis=(-2, -1))[..., ::stride, ::stride, :, :][..., :oh, :ow, :, :]
    return reduce(windows, axis=(-2, -1))


def max_pool2d(x, size: int = 2, stride: int | None = None) -> np.ndarray:
    """The largest value of each ``size`` × ``size`` window (``stride`` defaults to ``size``), as
    ``torch.nn.functional.max_pool2d``."""
    return _pool(x, size, stride, np.max)


def avg_pool2d(x, size: int = 2, stride: int | None = None) -> np.ndarray:
    """The mean of each window, as ``torch.nn.functional.avg_pool2d``."""
    return _pool(x, size, stride, np.mean)


def pool2d(x, kind: str, size: int = 2, stride: int | None = None) -> np.ndarray:
    if kind == "max":
        return max_pool2d(x, size, stride)
    if kind == "avg":
        return avg_pool2d(x, size, stride)
    _choose("pool", kind, ("max", "avg"))


def window(x, w, bias=0.0, *, stride: int = 1, padding: int = 0, i: int = 0, j: int = 0) -> dict:
    """How output pixel (i, j) of ``conv2d(x, w, bias, stride=, padding=)`` is made: where its
    window lies on the padded input (``top``, ``left``, in padded coordinates), the window's
    values, their products with the filter, and the sum plus the bias."""
    xp = pad(np.asarray(x, np.float64), padding)
    w = np.asarray(w, np.float64)
    k = w.shape[0]
    top, left = i * stride, j * stride
    patch = xp[top:top + k, left:left + k]
    products = patch * w
    return dict(top=top, left=left, size=k, patch=patch, products=products, total=float(products.sum() + bias))


# -- one state of the explorer --------------------------------------------------------------------
@dataclass(frozen=True)
class ConvSettings:
    """What the explorer shows: the image (a name; ``digit`` picks a digit), the filter's weights
    and bias, stride, padding, ReLU, pooling (kind, size, stride), the shift of the input (``dx``
    right, ``dy`` down) and the output pixel selected (``row``, ``col``)."""

    image: str = "digit"
    digit: int = 0
    kernel: tuple = ((0.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 0.0))
    bias: float = 0.0
    stride: int = 1
    padding: int = 0
    relu: bool = False
    pool: str = "max"
    pool_size: int = 2
    pool_stride: int = 2
    dx: int = 0
    dy: int = 0
    row: int = 0
    col: int = 0

    def __post_init__(self):
        if self.image not in IMAGES:
            _choose("image", self.image, IMAGES)
        digit(self.digit)  # checks the index
        kernel = np.asarray(self.kernel, float)
        if kernel.ndim != 2 or kernel.shape[0] != kernel.shape[1] or kernel.shape[0] not in KERNEL_SIZES:
            raise SettingError("convolution.kernel_shape", "kernel", rows=len(self.kernel),
                               cols=", ".join(sorted({str(len(r)) for r in self.kernel})))
        if not np.isfinite(kernel).all() or not np.isfinite(self.bias):
            raise SettingError("convolution.weight_range", "kernel", value="nan")
        object.__setattr__(self, "kernel", tuple(tuple(float(v) for v in row) for row in kernel))
        object.__setattr__(self, "bias", float(self.bias))
        n = IMAGE_SIZE
        if isinstance(self.stride, (int, np.integer)) and not isinstance(self.stride, bool) and self.stride > n:
            raise SettingError("convolution.stride_too_big", "stride", value=self.stride, n=n)
        _check_step("stride", self.stride, 1, MAX_STRIDE)
        _check_step("padding", self.padding, 0, MAX_PADDING)
        _check_step("dx", self.dx, -MAX_SHIFT, MAX_SHIFT)
        _check_step("dy", self.dy, -MAX_SHIFT, MAX_SHIFT)
        if self.pool not in POOLS:
            _choose("pool", self.pool, POOLS)
        _check_step("pool_size", self.pool_size, 1, 4)
        _check_step("pool_stride", self.pool_stride, 1, 4)
        side = output_size(n, self.k, self.stride, self.padding)
        if self.pool != "none" and self.pool_size > side:
            raise SettingError("convolution.pool_too_big", "pool_size", size=self.pool_size, side=side)
        object.__setattr__(self, "row", min(max(int(self.row), 0), side - 1))
        object.__setattr__(self, "col", min(max(int(self.col), 0), side - 1))

    @property
    def k(self) -> int:
        return len(self.kernel)

    @property
    def weights(self) -> np.ndarray:
        return np.array(self.kernel, np.float64)

    def replace(self, **changes) -> "ConvSettings":
        return replace(self, **changes)

    def diff(self, other: "ConvSettings") -> set:
        return {f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)}


@dataclass
class Exploration:
    """Everything the explorer draws for one ``ConvSettings`` and image."""

    settings: ConvSettings
    image: np.ndarray  # the image, moved by (dx, dy)
    padded: np.ndarray
    fmap: np.ndarray  # the convolution (before ReLU)
    activated: np.ndarray  # after ReLU, or fmap
    pooled: np.ndarray | None
    size: int  # the feature map's side
    pooled_size: int | None
    window: dict  # of the selected output pixel
    params: dict  # this layer's and a fully connected layer's parameters and multiply-adds
    moved: dict  # what the shift changed (mean |change| / mean |value|): the feature map, the pooled map,
    #              the whole map's largest value (global max pooling), the map against the unmoved one moved


def layer_counts(n: int, k: int, out: int) -> dict:
    """Parameters and multiply-adds of a one-filter convolution from an n × n image to an
    out × out feature map, and of a fully connected layer between the same two sizes."""
    return dict(conv_weights=k * k, conv_params=k * k + 1, conv_mults=out * out * k * k,
                fc_weights=n * n * out * out, fc_params=n * n * out * out + out * out, fc_mults=n * n * out * out)


def _relative_change(a, b) -> float:
    """mean |b − a| / mean |a| (0 when a is all zeros)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    scale = np.abs(a).mean()
    return float(np.abs(a - b).mean() / scale) if scale > 1e-12 else 0.0


def explore(s: ConvSettings, base) -> Exploration:
    """Compute the explorer's pictures for settings ``s`` on the 16 × 16 image ``base`` (unmoved)."""
    base = np.asarray(base, np.float64)
    if base.shape != (IMAGE_SIZE, IMAGE_SIZE):
        raise ValueError(f"the image must be {IMAGE_SIZE} × {IMAGE_SIZE}; got {base.shape}")
    w = s.weights

    def layer(x):
        fmap = conv2d(x, w, s.bias, stride=s.stride, padding=s.padding)
        act = np.maximum(fmap, 0) if s.relu else fmap
        return fmap, act, (pool2d(act, s.pool, s.pool_size, s.pool_stride) if s.pool != "none" else None)

    image = shift(base, s.dx, s.dy)
    fmap, act, pooled = layer(image)
    moved = dict(fmap=0.0, pooled=0.0, global_max=0.0, moved_fmap=0.0)
    if s.dx or s.dy:
        fmap0, act0, pooled0 = layer(base)
        moved["fmap"] = _relative_change(act0, act)
        if pooled is not None:
            moved["pooled"] = _relative_change(pooled0, pooled)
        moved["global_max"] = _relative_change(act0.max(), act.max())
        if s.stride == 1:  # the feature map moves with the image: away from the edges they agree
            moved["moved_fmap"] = _relative_change(act, shift(act0, s.dx, s.dy))
    return Exploration(
        settings=s, image=image, padded=pad(image, s.padding), fmap=fmap, activated=act, pooled=pooled,
        size=fmap.shape[0], pooled_size=None if pooled is None else pooled.shape[0],
        window=window(image, w, s.bias, stride=s.stride, padding=s.padding, i=s.row, j=s.col),
        params=layer_counts(IMAGE_SIZE, s.k, fmap.shape[0]), moved=moved)


# -- up-sampling ------------------------------------------------------------------------------------
UPSAMPLERS = ("nearest", "bilinear", "transposed")


def upsample_nearest(x, scale: int = 2) -> np.ndarray:
    """Each pixel repeated ``scale`` × ``scale`` times, as ``F.interpolate(mode="nearest")``."""
    x = np.asarray(x, np.float64)
    return np.repeat(np.repeat(x, scale, axis=-2), scale, axis=-1)


def _linear_weights(n: int, scale: int):
    """For each output index: the two source indices and the weight of the second, as torch's
    ``align_corners=False`` (pixel centres line up; the border is held)."""
    src = np.maximum((np.arange(n * scale) + 0.5) / scale - 0.5, 0.0)
    i0 = np.minimum(np.floor(src).astype(int), n - 1)
    return i0, np.minimum(i0 + 1, n - 1), src - i0


def upsample_bilinear(x, scale: int = 2) -> np.ndarray:
    """Bilinear interpolation to ``scale`` times the size, as ``F.interpolate(mode="bilinear",
    align_corners=False)``: each new pixel is a weighted mean of the four nearest old ones."""
    x = np.asarray(x, np.float64)
    r0, r1, fr = _linear_weights(x.shape[-2], scale)
    c0, c1, fc = _linear_weights(x.shape[-1], scale)
    rows = x[..., r0, :] * (1 - fr)[:, None] + x[..., r1, :] * fr[:, None]
    return rows[..., c0] * (1 - fc) + rows[..., c1] * fc


def transposed_size(n: int, k: int, stride: int = 1, padding: int = 0) -> int:
    """Output side of a transposed convolution: (n − 1)·s − 2p + k, as torch computes it."""
    out = (n - 1) * stride - 2 * padding + k
    if out < 1:
        raise SettingError("convolution.transposed_too_small", "padding", n=n, k=k, s=stride, p=padding)
    return out


def conv_transpose2d(x, w, bias=0.0, *, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Transposed convolution of one channel, as ``F.conv_transpose2d``: every input pixel adds
    the filter, scaled by its value, onto the output at ``stride`` × its position; ``padding``
    pixels are then cut from every side. Where the filters overlap they add up."""
    x, w = np.asarray(x, np.float64), np.asarray(w, np.float64)
    (n_r, n_c), k = x.shape, w.shape[0]
    out_r, out_c = transposed_size(n_r, k, stride, padding), transposed_size(n_c, k, stride, padding)
    full = np.zeros(((n_r - 1) * stride + k, (n_c - 1) * stride + k))
    for i in range(n_r):
        for j in range(n_c):
            full[i * stride:i * stride + k, j * stride:j * stride + k] += x[i, j] * w
    return full[padding:padding + out_r, padding:padding + out_c] + bias


def overlaps(n: int, k: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """How many filter placements of a transposed convolution cover each output pixel: uneven (a
    checkerboard) when ``k`` is not a multiple of ``stride``."""
    return conv_transpose2d(np.ones((n, n)), np.ones((k, k)), stride=stride, padding=padding)


# -- the building blocks page: 1 × 1 mixing and small maps to up-sample ------------------------------
MIX_FILTERS = ("vedge", "hedge", "blur")  # the three input channels of the 1 × 1 example
UP_INPUTS = ("digit", "constant", "pixel")
UP_WEIGHTS = ("ones", "tent")


def mixing_inputs(image: str = "letter") -> np.ndarray:
    """Three feature maps (3, 16, 16) of an image, to mix with a 1 × 1 convolution: vertical edges,
    horizontal edges, blur (3 × 3 presets, padding 1)."""
    x = make_image(image)
    return np.stack([conv2d(x, make_filter(f, 3), padding=1) for f in MIX_FILTERS])


def parse_mixing(text: str) -> np.ndarray:
    """1 × 1 weights typed as rows (one per output channel, 1 to 4) of 3 numbers (one per input
    channel), as ``parse_rows`` reads them; else a ``SettingError``."""
    rows = parse_rows(text)
    if not 1 <= len(rows) <= 4 or any(len(r) != len(MIX_FILTERS) for r in rows):
        raise SettingError("blocks.mixing_shape", "weights", rows=len(rows),
                           cols=", ".join(sorted({str(len(r)) for r in rows})) or "0")
    return np.array(rows, np.float64)


def small_map(name: str) -> np.ndarray:
    """A 4 × 4 feature map to up-sample: a digit average-pooled to 4 × 4 ("digit"), a constant map
    ("constant") or one bright pixel ("pixel")."""
    if name == "digit":
        return avg_pool2d(digit(0)[0], 2)
    if name == "constant":
        return np.ones((4, 4))
    if name != "pixel":
        _choose("image", name, UP_INPUTS)
    x = np.zeros((4, 4))
    x[1, 1] = 1
    return x


def tent(k: int, stride: int) -> np.ndarray:
    """The bilinear ("tent") filter of a transposed convolution: 1 − |offset| / stride from its
    centre, in both directions. With k = 2·stride (and padding stride / 2) the transposed
    convolution is bilinear interpolation."""
    a = np.maximum(0.0, 1 - np.abs(np.arange(k) - (k - 1) / 2) / stride)
    return np.outer(a, a)
