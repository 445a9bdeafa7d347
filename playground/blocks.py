"""The building blocks of bigger CNNs, in PyTorch: the 1 × 1 convolution and the bottleneck block
(their parameters and multiply-adds counted from real torch modules), residual blocks (the same
deep CNN with and without skips, trained side by side on the digits) and a tiny U-Net (with and
without skip connections, trained side by side on shapes this module draws, with their masks).

    from playground import blocks
    blocks.block_counts("bottleneck", channels=256, middle=64, size=56)   # params and mult-adds
    race = blocks.ResidualRace(blocks.ResidualConfig(depth=12))
    race.train_epochs(2); race.grad_norms()                             # ‖∂L/∂W‖ per layer, both nets
    seg = blocks.SegRace(); seg.train_epochs(3); seg.history["skips_test_iou"]

Up-sampling itself (nearest, bilinear, transposed convolution) is NumPy, in ``playground.convolution``.
Nothing is downloaded: the digits ship with scikit-learn and the shapes are drawn here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from playground.cnn import LEARNING_RATES, Lockstep, split  # noqa: F401 (LEARNING_RATES: the apps' choices)
from playground.errors import SettingError
from playground.i18n import Text

torch.set_num_threads(1)

# -- 1 × 1 convolutions and the bottleneck ------------------------------------------------------------
BLOCKS = ("plain", "bottleneck")


def block(kind: str, channels: int, middle: int, *, device="meta") -> nn.Sequential:
    """``plain``: one 3 × 3 convolution ``channels`` → ``channels``; ``bottleneck``: 1 × 1 down to
    ``middle`` channels, 3 × 3 at ``middle``, 1 × 1 back up to ``channels`` (ReLU between), as in
    ResNet-50. Built on the "meta" device by default: shapes without memory or arithmetic."""
    if kind == "plain":
        return nn.Sequential(nn.Conv2d(channels, channels, 3, padding=1, device=device))
    if kind == "bottleneck":
        return nn.Sequential(nn.Conv2d(channels, middle, 1, device=device), nn.ReLU(),
                             nn.Conv2d(middle, middle, 3, padding=1, device=device), nn.ReLU(),
                             nn.Conv2d(middle, channels, 1, device=device))
    raise SettingError("config.choose", "block", name=Text("blocks.field.block"), value=kind, allowed=", ".join(BLOCKS))


def _check_counts(channels, middle, size):
    for name, value, lo, hi in (("channels", channels, 1, 4096), ("middle", middle, 1, 4096), ("size", size, 1, 512)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not lo <= value <= hi:
            raise SettingError("config.range", name, name=Text(f"blocks.field.{name}"), value=value,
                               kind=Text("config.kind_int"), lo=lo, hi=hi)


def block_counts(kind: str, channels: int = 256, middle: int = 64, size: int = 56) -> dict:
    """Parameters and multiply-adds of ``block(kind, channels, middle)`` on a ``size`` × ``size``
    input, counted from the modules: parameters are the modules' own tensors, multiply-adds are
    each convolution's output values (its size by torch's formula, from its own kernel, padding,
    stride and dilation) × the inputs each one reads. Nothing is run: a pass on the meta device
    would import SymPy (~0.5 s of CPU) to say the same. Returns ``params``, ``mults`` and per
    convolution ``layers``: (in, out, kernel, params, mults)."""
    _check_counts(channels, middle, size)
    module = block(kind, channels, middle)
    layers, side = [], size
    for conv in (m for m in module if isinstance(m, nn.Conv2d)):
        k, pad, stride, dilation = conv.kernel_size[0], conv.padding[0], conv.stride[0], conv.dilation[0]
        side = (side + 2 * pad - dilation * (k - 1) - 1) // stride + 1
        layers.append((conv.in_channels, conv.out_channels, k, sum(p.numel() for p in conv.parameters()),
                       conv.out_channels * side * side * (conv.in_channels // conv.groups) * k * k))
    return dict(params=sum(p.numel() for p in module.parameters()), mults=sum(layer[4] for layer in layers),
                layers=layers)


# -- residual blocks on the digits ------------------------------------------------------------------
DEPTHS = (2, 4, 8, 12, 16, 20)
WIDTHS = (4, 8, 16)


@dataclass(frozen=True)
class ResidualConfig:
    """Two deep CNNs on the digits: a 3 × 3 convolution to ``width`` channels, then ``depth`` 3 × 3
    layers (``width`` → ``width``, padding 1, so the maps stay 8 × 8) and a linear layer; the
    "residual" one adds each layer's input to its output (``h = h + conv(relu(h))``), the "plain" one
    does not (``h = relu(conv(h))``). Training as ``playground.cnn.CnnConfig``."""

    depth: int = 12
    width: int = 8
    optimizer: str = "adam"
    lr: float = 0.003
    batch_size: int = 32
    train_fraction: float = 0.6
    seed: int = 0

    def __post_init__(self):
        for name, allowed in (("depth", DEPTHS), ("width", WIDTHS), ("optimizer", ("adam", "sgd"))):
            if getattr(self, name) not in allowed:
                raise SettingError("config.choose", name, name=Text(f"blocks.field.{name}"), value=getattr(self, name),
                                   allowed=", ".join(map(str, allowed)))
        _training_fields(self)

    def replace(self, **changes):
        return replace(self, **changes)

    def diff(self, other) -> set:
        return {f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)}


def _training_fields(c):
    for name, lo, hi, integer in (("lr", 1e-6, 1.0, False), ("batch_size", 1, 1024, True),
                                  ("train_fraction", 0.1, 0.9, False), ("seed", 0, 2**31 - 1, True)):
        v = getattr(c, name)
        ok = isinstance(v, int) if integer else isinstance(v, (int, float))
        if isinstance(v, bool) or not ok or not math.isfinite(v) or not lo <= v <= hi:
            raise SettingError("config.range", name, name=Text(f"cnn.field.{name}"), value=v,
                               kind=Text("config.kind_int" if integer else "config.kind_number"), lo=lo, hi=hi)


class DeepCNN(nn.Module):
    """``depth`` 3 × 3 convolutions of ``width`` channels after a first one from the image; with
    ``residual`` each layer adds its input to its output."""

    def __init__(self, depth: int, width: int, residual: bool):
        super().__init__()
        self.residual = residual
        self.first = nn.Conv2d(1, width, 3, padding=1)
        self.convs = nn.ModuleList(nn.Conv2d(width, width, 3, padding=1) for _ in range(depth))
        self.out = nn.Linear(width * 8 * 8, 10)

    def forward(self, x):
        h = self.first(x)
        for conv in self.convs:
            h = h + conv(F.relu(h)) if self.residual else F.relu(conv(h))
        return self.out(F.relu(h).flatten(1))

    def layers(self) -> list:
        """Every convolution from the input to the output, then the linear layer."""
        return [self.first, *self.convs, self.out]


class ResidualRace(Lockstep):
    """The same deep CNN without ("plain") and with ("residual") skip connections, on the digits."""

    NETS = ("plain", "residual")

    def __init__(self, config: ResidualConfig | None = None):
        super().__init__(config or ResidualConfig())
        self._probe = torch.Generator().manual_seed(self.config.seed + 3)

    def _make_data(self):
        c = self.config
        self.Xtr, self.ytr, self.Xte, self.yte = split(c.train_fraction, c.seed)
        self._tensors()

    def _build(self) -> dict:
        c = self.config
        return {name: DeepCNN(c.depth, c.width, name == "residual") for name in self.NETS}

    def grad_norms(self, n: int = 128) -> dict:
        """‖∂L/∂W‖ of every layer's weights (input to output) of each net on ``n`` training digits
        (always the same ones), without training: ``{net: array}``."""
        idx = torch.arange(min(n, len(self.ytr)))
        xb, yb = self._t["Xtr"][idx], self._t["ytr"][idx]
        out = {}
        for name, model in self.models.items():
            weights = [layer.weight for layer in model.layers()]
            loss = F.cross_entropy(model(xb), yb)
            grads = torch.autograd.grad(loss, weights)
            out[name] = np.array([g.norm().item() for g in grads])
        return out


# -- a tiny U-Net on shapes ---------------------------------------------------------------------------
SHAPE_SIZE = 16
SHAPES = ("square", "disc", "ring", "cross", "bar")


def make_shapes(n: int, *, size: int = SHAPE_SIZE, seed=None) -> tuple[np.ndarray, np.ndarray]:
    """``n`` images (n, size, size) in [0, 1] with one to three shapes (squares, discs, rings,
    crosses, bars) on a noisy background whose brightness drifts, and their masks (1 where a shape
    is). Same seed, same images."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= 10_000:
        raise ValueError(f"n={n!r} is not allowed; it must be a whole number from 1 to 10000")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    rr, cc = np.mgrid[0:size, 0:size]
    X = np.zeros((n, size, size), np.float32)
    Y = np.zeros((n, size, size), np.float32)
    for i in range(n):
        mask = np.zeros((size, size), bool)
        for _ in range(rng.integers(1, 4)):
            kind = SHAPES[rng.integers(len(SHAPES))]
            r, c = rng.uniform(3, size - 3, 2)
            s = rng.uniform(2.0, 4.5)
            if kind == "square":
                m = (np.abs(rr - r) <= s * 0.8) & (np.abs(cc - c) <= s * 0.8)
            elif kind == "disc":
                m = (rr - r) ** 2 + (cc - c) ** 2 <= s * s
            elif kind == "ring":
                d = np.sqrt((rr - r) ** 2 + (cc - c) ** 2)
                m = (d <= s + 0.5) & (d >= s - 1.0)
            elif kind == "cross":
                m = ((np.abs(rr - r) <= 0.6) & (np.abs(cc - c) <= s)) | ((np.abs(cc - c) <= 0.6) & (np.abs(rr - r) <= s))
            else:
                m = (np.abs(rr - r) <= 0.6) & (np.abs(cc - c) <= s + 1) if rng.random() < 0.5 else \
                    (np.abs(cc - c) <= 0.6) & (np.abs(rr - r) <= s + 1)
            mask |= m
        slope = rng.uniform(-0.25, 0.25, 2)
        background = 0.2 + slope[0] * (rr / size - 0.5) + slope[1] * (cc / size - 0.5)
        ink = rng.uniform(0.55, 0.9)
        image = np.where(mask, ink, background) + rng.normal(0, 0.08, (size, size))
        X[i] = np.clip(image, 0, 1)
        Y[i] = mask
    return X, Y


class TinyUNet(nn.Module):
    """Encoder 16 → 8 → 4 (conv + ReLU, 2 × 2 max pooling), decoder 4 → 8 → 16 (transposed
    convolution, kernel 2, stride 2, then conv + ReLU) and a 1 × 1 convolution to one logit per
    pixel. With ``skips`` the decoder also reads the encoder's maps of the same size (concatenated
    channels), as in U-Net; without, it must rebuild the details from the 4 × 4 bottom."""

    def __init__(self, skips: bool = True, width: int = 8):
        super().__init__()
        self.skips = skips
        w1, w2 = width, 2 * width
        self.enc1 = nn.Conv2d(1, w1, 3, padding=1)
        self.enc2 = nn.Conv2d(w1, w2, 3, padding=1)
        self.mid = nn.Conv2d(w2, w2, 3, padding=1)
        self.up2 = nn.ConvTranspose2d(w2, w2, 2, stride=2)
        self.dec2 = nn.Conv2d(w2 + (w2 if skips else 0), w2, 3, padding=1)
        self.up1 = nn.ConvTranspose2d(w2, w1, 2, stride=2)
        self.dec1 = nn.Conv2d(w1 + (w1 if skips else 0), w1, 3, padding=1)
        self.head = nn.Conv2d(w1, 1, 1)

    def forward(self, x):
        e1 = F.relu(self.enc1(x))                       # 16 × 16
        e2 = F.relu(self.enc2(F.max_pool2d(e1, 2)))     # 8 × 8
        m = F.relu(self.mid(F.max_pool2d(e2, 2)))       # 4 × 4
        d2 = self.up2(m)                                # 8 × 8
        d2 = F.relu(self.dec2(torch.cat([d2, e2], 1) if self.skips else d2))
        d1 = self.up1(d2)                               # 16 × 16
        d1 = F.relu(self.dec1(torch.cat([d1, e1], 1) if self.skips else d1))
        return self.head(d1)[:, 0]                      # one logit per pixel


@dataclass(frozen=True)
class SegConfig:
    """The segmentation race: ``n_images`` shapes images (``train_fraction`` for training),
    ``width`` channels in the U-Net's first layer, training as ``playground.cnn.CnnConfig``."""

    n_images: int = 800
    width: int = 8
    optimizer: str = "adam"
    lr: float = 0.003
    batch_size: int = 32
    train_fraction: float = 0.75
    seed: int = 0

    def __post_init__(self):
        if self.width not in WIDTHS or self.optimizer not in ("adam", "sgd"):
            bad = "width" if self.width not in WIDTHS else "optimizer"
            raise SettingError("config.choose", bad, name=Text(f"blocks.field.{bad}"), value=getattr(self, bad),
                               allowed=", ".join(map(str, WIDTHS if bad == "width" else ("adam", "sgd"))))
        if isinstance(self.n_images, bool) or not isinstance(self.n_images, int) or not 100 <= self.n_images <= 4000:
            raise SettingError("config.range", "n_images", name=Text("blocks.field.n_images"), value=self.n_images,
                               kind=Text("config.kind_int"), lo=100, hi=4000)
        _training_fields(self)

    def replace(self, **changes):
        return replace(self, **changes)

    def diff(self, other) -> set:
        return {f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)}


def iou(pred, mask) -> float:
    """Intersection over union of two boolean masks (1.0 when both are empty)."""
    pred, mask = np.asarray(pred, bool), np.asarray(mask, bool)
    union = (pred | mask).sum()
    return float((pred & mask).sum() / union) if union else 1.0


class SegRace(Lockstep):
    """The tiny U-Net with ("skips") and without ("noskips") skip connections, on shapes."""

    NETS = ("skips", "noskips")
    SCORE = "iou"
    DATA_FIELDS = frozenset({"train_fraction", "seed", "n_images"})

    def __init__(self, config: SegConfig | None = None):
        super().__init__(config or SegConfig())

    def _make_data(self):
        c = self.config
        X, Y = make_shapes(c.n_images, seed=c.seed)
        n_train = int(round(c.train_fraction * c.n_images))
        self.Xtr, self.ytr, self.Xte, self.yte = X[:n_train], Y[:n_train], X[n_train:], Y[n_train:]
        self._tensors()

    def _build(self) -> dict:
        return {name: TinyUNet(name == "skips", self.config.width) for name in self.NETS}

    def _loss(self, out, y):
        return F.binary_cross_entropy_with_logits(out, y)

    def _score(self, out, y) -> float:
        return iou((out > 0).numpy(), y.numpy() > 0.5)

    @torch.no_grad()
    def predict(self, images) -> dict:
        """P(shape) per pixel of each net for images (n, 16, 16): ``{net: (n, 16, 16)}``."""
        x = torch.as_tensor(np.asarray(images, np.float32))
        if x.ndim == 2:
            x = x[None]
        return {name: torch.sigmoid(m(x[:, None])).numpy() for name, m in self.models.items()}
