"""A small CNN and a fully connected network of the same size, trained side by side on
scikit-learn's handwritten digits (8 × 8 pixels, bundled with scikit-learn: nothing is downloaded).

    from playground.cnn import CnnConfig, Race
    race = Race(CnnConfig(channels=(8, 16), kernel=3, pool="max"))
    race.train_epochs(5)
    race.history["cnn_test_acc"][-1], race.history["mlp_test_acc"][-1]
    race.feature_maps(race.Xte[0])       # every layer of the CNN for one image
    race.shift_test()                    # accuracy on the test digits moved by 0, 1, 2 pixels

Both networks see the same mini-batches in the same order and start from weights drawn from the
config's seed (the global torch random state is left alone), so the same seed gives the same
curves. ``Race`` has the public interface the live apps use of a ``Session`` (``step``,
``train_for``, ``train_epochs``, ``reset``, ``apply``, ``status``, ``message``, ``epoch``,
``history``); what it shows are NumPy arrays, so the app never touches torch.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, fields, replace

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from playground import optimizers
from playground.errors import SettingError
from playground.i18n import Text

torch.set_num_threads(1)  # measured for the 2-D playground: one thread is faster for networks this small

SIDE = 8  # the digits are 8 × 8
N_CLASSES = 10
CHANNELS_1 = (4, 8, 16)
CHANNELS_2 = (0, 8, 16, 32)  # 0: one convolution block only
KERNELS = (3, 5)
POOLS = ("max", "avg")
OPTIMIZERS = ("adam", "sgd")
LEARNING_RATES = (1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1)
BATCH_SIZES = (8, 16, 32, 64, 128)
NETS = ("cnn", "mlp")
HISTORY_LIMIT = 1000
DIVERGED_LOSS = 1e6
SHIFTS = (0, 1, 2)
INK_MIN = 0.25  # the training digits' mean pixel value is 0.30 (5th percentile: 0.25)
THICKEN = 0.7  # a thin drawing's stroke grows by a pixel at this strength
BOX_WIDTH = 6  # a digit's width at most, in pixels


def _field(name) -> Text:
    return Text(f"cnn.field.{name}")


@dataclass(frozen=True)
class CnnConfig:
    """The CNN (``channels``: one or two convolution blocks, conv → ReLU → 2 × 2 pooling each;
    ``kernel``; ``pool``), the training (``optimizer``, ``lr``, ``batch_size``) and the data
    (``train_fraction`` of the 1,797 digits for training, the rest for testing; ``seed``)."""

    channels: tuple = (8, 16)
    kernel: int = 3
    pool: str = "max"
    optimizer: str = "adam"
    lr: float = 0.003
    batch_size: int = 32
    train_fraction: float = 0.6
    seed: int = 0

    def __post_init__(self):
        try:
            channels = tuple(int(c) for c in self.channels)
        except (TypeError, ValueError):
            raise SettingError("cnn.bad_channels", "channels", value=self.channels,
                               first=", ".join(map(str, CHANNELS_1)), second=", ".join(map(str, CHANNELS_2[1:]))) from None
        if channels and len(channels) == 2 and channels[1] == 0:
            channels = channels[:1]
        if len(channels) not in (1, 2) or channels[0] not in CHANNELS_1 or (len(channels) == 2 and
                                                                            channels[1] not in CHANNELS_2[1:]):
            raise SettingError("cnn.bad_channels", "channels", value=self.channels,
                               first=", ".join(map(str, CHANNELS_1)), second=", ".join(map(str, CHANNELS_2[1:])))
        object.__setattr__(self, "channels", channels)
        for name, allowed in (("kernel", KERNELS), ("pool", POOLS), ("optimizer", OPTIMIZERS)):
            if getattr(self, name) not in allowed:
                raise SettingError("config.choose", name, name=_field(name), value=getattr(self, name),
                                   allowed=", ".join(map(str, allowed)))
        for name, lo, hi, integer in (("lr", 1e-6, 1.0, False), ("batch_size", 1, 1024, True),
                                      ("train_fraction", 0.1, 0.9, False), ("seed", 0, 2**31 - 1, True)):
            v = getattr(self, name)
            ok = isinstance(v, int) if integer else isinstance(v, (int, float))
            if isinstance(v, bool) or not ok or not math.isfinite(v) or not lo <= v <= hi:
                raise SettingError("config.range", name, name=_field(name), value=v,
                                   kind=Text("config.kind_int" if integer else "config.kind_number"), lo=lo, hi=hi)

    def replace(self, **changes) -> "CnnConfig":
        return replace(self, **changes)

    def diff(self, other: "CnnConfig") -> set:
        return {f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)}


# -- data ------------------------------------------------------------------------------------------
_DIGITS = None


def digits() -> tuple[np.ndarray, np.ndarray]:
    """All 1,797 digits as (n, 8, 8) float32 in [0, 1] (scikit-learn's 0..16 divided by 16) and labels."""
    global _DIGITS
    if _DIGITS is None:
        from playground.sklearn_equivalents import load_digits
        _flat, target, images = load_digits()
        _DIGITS = (images.astype(np.float32) / 16.0, target.astype(np.int64))
    return _DIGITS


def split(train_fraction: float, seed: int):
    """``(Xtr, ytr, Xte, yte)``: the digits split by class (stratified), reproducibly."""
    from playground.sklearn_equivalents import train_test_split  # scikit-learn's, in NumPy
    X, y = digits()
    tr, te = train_test_split(len(y), train_size=train_fraction, random_state=seed, stratify=y)
    tr, te = np.sort(tr), np.sort(te)
    return X[tr], y[tr], X[te], y[te]


def shift_images(images, dx: int, dy: int) -> np.ndarray:
    """Images (…, H, W) moved ``dx`` right and ``dy`` down; blank (0) comes in."""
    from playground.convolution import shift
    return shift(np.asarray(images), dx, dy)


def _area_matrix(src: int, dst: int) -> np.ndarray:
    """(dst, src): row i averages the source pixels that target pixel i covers, by overlap."""
    m = np.zeros((dst, src))
    scale = src / dst
    for i in range(dst):
        a, b = i * scale, (i + 1) * scale
        for j in range(int(math.floor(a)), min(src, int(math.ceil(b)))):
            m[i, j] = max(0.0, min(b, j + 1) - max(a, j))
    return m / scale


def prepare_drawing(drawing, *, center: bool = True) -> np.ndarray:
    """A drawing (16 × 16 in [0, 1]) as the networks read a digit: 8 × 8 in [0, 1]. With ``center``
    (as the training digits were made), the drawn part is scaled to fill the box of a training
    digit (8 pixels high, at most 6 wide, its shape kept), centred, and its strokes thickened until they hold about as much
    ink as a training digit's; without, each 2 × 2 block is averaged."""
    d = np.clip(np.asarray(drawing, np.float64), 0, 1)
    if d.ndim != 2 or d.shape[0] != d.shape[1] or d.shape[0] % SIDE:
        raise ValueError(f"a drawing must be square, a multiple of {SIDE} pixels; got {d.shape}")
    ink = np.argwhere(d > 0.05)
    if not center or len(ink) == 0:
        f = d.shape[0] // SIDE
        return d.reshape(SIDE, f, SIDE, f).mean(axis=(1, 3)).astype(np.float32)
    (r0, c0), (r1, c1) = ink.min(axis=0), ink.max(axis=0) + 1
    crop = d[r0:r1, c0:c1]
    h, w = crop.shape
    scale = min(SIDE / h, BOX_WIDTH / w)  # the training digits fill the height and about 6 of the 8 columns
    th, tw = max(1, min(SIDE, round(h * scale))), max(1, min(SIDE, round(w * scale)))
    small = _area_matrix(h, th) @ crop @ _area_matrix(w, tw).T
    out = np.zeros((SIDE, SIDE))
    top, left = (SIDE - th) // 2, (SIDE - tw) // 2
    out[top:top + th, left:left + tw] = small
    out = np.clip(out / out.max(), 0, 1)  # as dark as the training digits
    for _ in range(3):  # their strokes are thick: ink covers 25-36 % of the box; a thin drawing is thickened
        if out.mean() >= INK_MIN:
            break
        p = np.pad(out, 1)
        around = np.max([p[:-2, 1:-1], p[2:, 1:-1], p[1:-1, :-2], p[1:-1, 2:]], axis=0)
        out = np.maximum(out, THICKEN * around)
    return out.astype(np.float32)


# -- the networks ------------------------------------------------------------------------------------
class DigitCNN(nn.Module):
    """One or two blocks conv(k × k, 'same' padding) → ReLU → 2 × 2 pooling, then a linear layer to
    the 10 classes. ``forward(x, trace)`` appends ``(name, tensor)`` after every step to ``trace``."""

    def __init__(self, channels=(8, 16), kernel=3, pool="max"):
        super().__init__()
        self.channels, self.kernel, self.pool = tuple(channels), kernel, pool
        ins = (1,) + self.channels[:-1]
        self.convs = nn.ModuleList(nn.Conv2d(a, b, kernel, padding=kernel // 2) for a, b in zip(ins, self.channels))
        side = SIDE // 2 ** len(self.channels)
        self.out = nn.Linear(self.channels[-1] * side * side, N_CLASSES)

    def forward(self, x, trace=None):
        h = x
        for i, conv in enumerate(self.convs, 1):
            h = F.relu(conv(h))
            if trace is not None:
                trace.append((f"conv{i}", h))
            h = F.max_pool2d(h, 2) if self.pool == "max" else F.avg_pool2d(h, 2)
            if trace is not None:
                trace.append((f"pool{i}", h))
        return self.out(h.flatten(1))


class DigitMLP(nn.Module):
    """64 pixels → ``hidden`` ReLU units → 10 classes: a fully connected network."""

    def __init__(self, hidden: int):
        super().__init__()
        self.hidden = hidden
        self.fc = nn.Linear(SIDE * SIDE, hidden)
        self.out = nn.Linear(hidden, N_CLASSES)

    def forward(self, x, trace=None):
        return self.out(F.relu(self.fc(x.flatten(1))))


def count_params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def cnn_params(channels, kernel) -> int:
    """Parameters of ``DigitCNN(channels, kernel)`` without building it."""
    ins = (1,) + tuple(channels)[:-1]
    conv = sum(b * a * kernel * kernel + b for a, b in zip(ins, channels))
    side = SIDE // 2 ** len(channels)
    return conv + channels[-1] * side * side * N_CLASSES + N_CLASSES


def mlp_width(n_params: int) -> int:
    """The hidden width that gives a 64 → h → 10 MLP about ``n_params`` parameters (75 h + 10)."""
    return max(1, round((n_params - N_CLASSES) / (SIDE * SIDE + 1 + N_CLASSES)))


def _optimizer(config, params):
    return optimizers.make("momentum" if config.optimizer == "sgd" else "adam", params, lr=config.lr)


# -- networks trained in lockstep -----------------------------------------------------------------------
class Lockstep:
    """Networks (``NETS``) trained side by side on the same mini-batches from the same seed: the
    training loop, the history and the live/rebuild rules that the races below share. A subclass
    sets ``NETS``, ``SCORE`` (the history's score: "acc" or "iou"), makes its data (``_make_data``:
    ``Xtr, ytr, Xte, yte`` as arrays, ``_t`` as tensors) and its networks (``_build``), and says how a
    batch is scored (``_loss``, ``_score``).

    ``history`` holds per recorded epoch ``epoch`` and, for each net of ``NETS``,
    ``<net>_train_loss``, ``<net>_test_loss``, ``<net>_train_<SCORE>``, ``<net>_test_<SCORE>``.
    """

    NETS: tuple = ()
    SCORE = "acc"
    LIVE_FIELDS = frozenset({"optimizer", "lr", "batch_size"})  # the weights are kept
    DATA_FIELDS = frozenset({"train_fraction", "seed"})

    def __init__(self, config):
        self.config = config
        self.images_trained = 0  # training images each network has seen (for benchmarks)
        self._make_data()
        self.reset()

    # -- what a subclass says ---------------------------------------------------------------------
    def _make_data(self):
        raise NotImplementedError

    def _build(self) -> dict:
        raise NotImplementedError

    def _loss(self, out, y):
        return F.cross_entropy(out, y)

    def _score(self, out, y) -> float:
        return (out.argmax(1) == y).float().mean().item()

    def _tensors(self):
        self._t = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in
                   (("Xtr", self.Xtr[:, None]), ("ytr", self.ytr), ("Xte", self.Xte[:, None]), ("yte", self.yte))}

    # -- models -----------------------------------------------------------------------------------
    def reset(self):
        """Fresh weights from the seed (the same every time), empty history."""
        c = self.config
        with torch.random.fork_rng(devices=[]):  # the global random state is left as it was
            torch.manual_seed(c.seed)
            self.models = self._build()
        self.params = {name: count_params(m) for name, m in self.models.items()}
        self.optimizers = {name: _optimizer(c, m.parameters()) for name, m in self.models.items()}
        self._shuffle = torch.Generator().manual_seed(c.seed + 1)
        self._order, self._pos = None, 0
        self.epoch, self.steps = 0, 0
        self.status, self.message = "ok", ""
        self.history = {"epoch": [], **{f"{n}_{k}": [] for n in self.NETS for k in
                                        ("train_loss", "test_loss", f"train_{self.SCORE}", f"test_{self.SCORE}")}}
        self._stride = 1
        self._record(force=True)

    def apply(self, config) -> str:
        """Move to ``config``: "same", "live" (learning rate, optimizer, batch size: weights kept),
        "rebuilt" (other networks) or "new data" (another split or seed)."""
        changed = self.config.diff(config)
        self.config = config
        if not changed:
            return "same"
        if changed <= self.LIVE_FIELDS:
            if "optimizer" in changed:
                self.optimizers = {n: _optimizer(config, m.parameters()) for n, m in self.models.items()}
            for opt in self.optimizers.values():
                for group in opt.param_groups:
                    group["lr"] = config.lr
            if "batch_size" in changed:
                self._order, self._pos = None, 0
            return "live"
        if changed & self.DATA_FIELDS:
            self._make_data()
            self.reset()
            return "new data"
        self.reset()
        return "rebuilt"

    # -- training ---------------------------------------------------------------------------------
    @property
    def steps_per_epoch(self) -> int:
        return math.ceil(len(self.ytr) / min(self.config.batch_size, len(self.ytr)))

    def _next_batch(self):
        n = len(self.ytr)
        if self._order is None or self._pos >= n:
            self._order, self._pos = torch.randperm(n, generator=self._shuffle), 0
        idx = self._order[self._pos:self._pos + self.config.batch_size]
        self._pos += len(idx)
        return idx

    def step(self, n: int = 1) -> int:
        """``n`` optimizer steps of every network, on the same mini-batches. Returns steps made."""
        if self.status != "ok":
            return 0
        X, y = self._t["Xtr"], self._t["ytr"]
        losses = []
        for _ in range(n):
            idx = self._next_batch()
            xb, yb = X[idx], y[idx]
            for name, model in self.models.items():
                loss = self._loss(model(xb), yb)
                opt = self.optimizers[name]
                opt.zero_grad(set_to_none=True)
                loss.backward()
                optimizers.step(opt)
                losses.append(loss.item())
            self.images_trained += len(idx)
            self.steps += 1
            if self._pos >= len(self.ytr):
                self.epoch += 1
                self._record()
        if not all(v <= DIVERGED_LOSS for v in losses):  # also NaN
            self.status = "diverged"
            self.message = Text("cnn.diverged", epoch=self.epoch, lr=self.config.lr)
        return n

    def train_epochs(self, k: int = 1) -> int:
        """``k`` passes over the training data (from wherever the current pass is)."""
        target, made = self.epoch + k, 0
        while self.epoch < target and self.status == "ok":
            made += self.step(1)
        return made

    def train_for(self, seconds: float, *, max_steps: int = 100_000) -> int:
        """Train in small chunks until ``seconds`` have passed. Returns steps made."""
        end, made, chunk = time.perf_counter() + seconds, 0, 1
        while made < max_steps and self.status == "ok":
            t0 = time.perf_counter()
            made += self.step(min(chunk, max_steps - made))
            now = time.perf_counter()
            if now >= end:
                break
            per_step = (now - t0) / chunk
            chunk = max(1, min(chunk * 2, int((end - now) / max(per_step, 1e-7))))
        return made

    def _record(self, force=False):
        if not force and self.epoch % self._stride:
            return
        h = self.history
        h["epoch"].append(self.epoch)
        for name in self.NETS:
            for split_name in ("train", "test"):
                X, y = self._t[f"X{split_name[:2]}"], self._t[f"y{split_name[:2]}"]
                with torch.no_grad():
                    out = self.models[name](X)
                    h[f"{name}_{split_name}_loss"].append(self._loss(out, y).item())
                    h[f"{name}_{split_name}_{self.SCORE}"].append(self._score(out, y))
        if len(h["epoch"]) > HISTORY_LIMIT:
            for key in h:
                h[key] = h[key][::2]
            self._stride *= 2

    @property
    def train_loss(self) -> float:
        return self.history[f"{self.NETS[0]}_train_loss"][-1]

    @property
    def test_loss(self) -> float:
        return self.history[f"{self.NETS[0]}_test_loss"][-1]


class Race(Lockstep):
    """The CNN and the MLP of about the same size, trained in lockstep on the same mini-batches
    of the digits."""

    NETS = NETS

    def __init__(self, config: CnnConfig | None = None):
        super().__init__(config or CnnConfig())

    def __repr__(self):
        c = self.config
        return (f"Race(cnn channels={list(c.channels)} kernel={c.kernel} pool={c.pool} ({self.params['cnn']:,} "
                f"parameters) vs mlp 64-{self.models['mlp'].hidden}-10 ({self.params['mlp']:,}); epoch {self.epoch})")

    def _make_data(self):
        c = self.config
        self.Xtr, self.ytr, self.Xte, self.yte = split(c.train_fraction, c.seed)
        self._tensors()

    def _build(self) -> dict:
        c = self.config
        cnn = DigitCNN(c.channels, c.kernel, c.pool)
        return {"cnn": cnn, "mlp": DigitMLP(mlp_width(count_params(cnn)))}

    # -- evaluation -------------------------------------------------------------------------------
    @torch.no_grad()
    def _logits(self, name: str, X) -> torch.Tensor:
        x = torch.as_tensor(np.asarray(X, np.float32))
        if x.ndim == 2:
            x = x[None]
        if x.ndim == 3:
            x = x[:, None]
        return self.models[name](x)

    def predict(self, images) -> dict:
        """Class probabilities (n × 10) of each network for images (n, 8, 8) or one (8, 8)."""
        return {name: torch.softmax(self._logits(name, images), 1).numpy() for name in NETS}

    def accuracy(self, name: str, images, labels) -> float:
        return float((self._logits(name, images).argmax(1).numpy() == np.asarray(labels)).mean())

    def confusion(self, name: str) -> np.ndarray:
        """10 × 10 counts on the test digits: row = true class, column = predicted class."""
        pred = self._logits(name, self.Xte).argmax(1).numpy()
        return np.bincount(self.yte * N_CLASSES + pred, minlength=N_CLASSES ** 2).reshape(N_CLASSES, N_CLASSES)

    def shift_test(self, shifts=SHIFTS) -> dict:
        """Accuracy of each network on the test digits moved by each number of pixels in ``shifts``
        (the mean over right, left, down and up; blank comes in): ``{net: [acc per shift]}``."""
        out = {name: [] for name in NETS}
        for s in shifts:
            moved = [self.Xte] if s == 0 else [shift_images(self.Xte, dx, dy)
                                               for dx, dy in ((s, 0), (-s, 0), (0, s), (0, -s))]
            for name in NETS:
                out[name].append(float(np.mean([self.accuracy(name, m, self.yte) for m in moved])))
        return out

    @torch.no_grad()
    def feature_maps(self, image) -> list:
        """The CNN's layers for one 8 × 8 image: ``[(name, (C, H, W) array)]`` for conv1 (after
        ReLU), pool1, conv2, pool2 (as many blocks as there are)."""
        trace = []
        self.models["cnn"](torch.as_tensor(np.asarray(image, np.float32))[None, None], trace)
        return [(name, t[0].numpy().copy()) for name, t in trace]

    def filters(self) -> np.ndarray:
        """The first convolution layer's filters: (channels, k, k)."""
        return self.models["cnn"].convs[0].weight.detach()[:, 0].numpy().copy()

    @property
    def mlp_hidden(self) -> int:
        """The MLP's hidden width (chosen so that it has about as many parameters as the CNN)."""
        return self.models["mlp"].hidden
