"""What a learner chose: one frozen, validated, shareable object.

>>> c = Config(dataset="xor", hidden=(4,), activation="relu")
>>> Config.from_query(c.to_query()) == c
True
"""

from __future__ import annotations

import dataclasses
import math
import sys
import typing
from dataclasses import dataclass, fields
from urllib.parse import urlencode

from playground.activations import NAMES as ACTIVATIONS
from playground.data import DATASETS, FEATURES
from playground.errors import SettingError
from playground.i18n import Labels, Text
from playground.own_data import MAX_CLASSES, OWN
from playground.query import Query

INITS = ("uniform", "small", "xavier", "he", "large")
INIT_LABELS = Labels("init.", INITS)  # "uniform(-0.5, 0.5) (TensorFlow Playground)", ... (playground.i18n)
PROBLEMS = ("binary", "multiclass", "regression")
LOSSES = {"binary": ("bce", "mse"), "multiclass": ("ce", "mse"), "regression": ("mse", "mae")}
OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam")
REGS = ("none", "l1", "l2", "decay")
MAX_LAYERS = 24
MAX_WIDTH = 64
MAX_POINTS = 2000

# Fields that can change during training without touching the weights.
LIVE_FIELDS = frozenset({"lr", "optimizer", "batch_size", "reg", "reg_rate"})
# Fields that change the data (everything else rebuilds the model only).
DATA_FIELDS = frozenset({"dataset", "n_points", "noise", "train_fraction", "seed", "classes"})
# The problems each kind of data can be: two classes may also be read with softmax as "multiclass".
PROBLEMS_FOR = {"binary": ("binary", "multiclass"), "multiclass": ("multiclass",), "regression": ("regression",)}


def _field(name, label=None, **fmt) -> Text:
    """A field as the learner's messages name it (``playground.i18n``: "lr (learning rate)")."""
    return Text(f"field.{label or name}", **fmt)


def _choice(name, value, allowed, **fmt):
    if value not in allowed:
        raise SettingError("config.choose", name, name=_field(name, **fmt), value=value,
                           allowed=", ".join(map(str, allowed)))


def _number(name, value, lo, hi, *, integer=False, label=None):
    kind = Text("config.kind_int") if integer else Text("config.kind_number")
    ok_type = isinstance(value, int) if integer else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok_type or not math.isfinite(value) or not lo <= value <= hi:
        raise SettingError("config.range", name, name=_field(name, label), value=value, kind=kind, lo=lo, hi=hi)


@dataclass(frozen=True)
class Config:
    """Everything a learner can choose. Invalid values raise ``SettingError`` (a ``ValueError``)
    naming the field."""

    dataset: str = "circle"
    n_points: int = 500
    noise: float = 0.0
    train_fraction: float = 0.5
    seed: int = 0
    features: tuple = ("x1", "x2")
    hidden: tuple = (4, 2)
    activation: str = "tanh"
    init: str = "uniform"
    batch_norm: bool = False
    dropout: float = 0.0
    residual: bool = False
    problem: str = "binary"
    loss: str = "bce"
    optimizer: str = "sgd"
    lr: float = 0.03
    batch_size: int = 10
    reg: str = "none"
    reg_rate: float = 0.0
    classes: int = 2  # classes of a learner's own points (dataset "own"); the generated sets know theirs

    def __post_init__(self):
        set_ = lambda k, v: object.__setattr__(self, k, v)  # noqa: E731 (normalise in a frozen object)
        for name, what in (("features", Text("config.tuple_features", names=", ".join(FEATURES))),
                           ("hidden", Text("config.tuple_hidden", max_width=MAX_WIDTH))):
            try:  # a non-iterable (hidden=4) is a ValueError naming the field, not tuple()'s TypeError
                set_(name, tuple(getattr(self, name)))
            except TypeError:
                raise SettingError("config.tuple_of", name, name=_field(name), value=getattr(self, name),
                                   what=what) from None
        _choice("dataset", self.dataset, (*DATASETS, OWN))
        _number("n_points", self.n_points, 4, MAX_POINTS, integer=True)
        _number("noise", self.noise, 0, 0.5)
        _number("train_fraction", self.train_fraction, 0.1, 0.9)
        _number("seed", self.seed, 0, 2**31 - 1, integer=True)
        if not self.features or len(set(self.features)) != len(self.features):
            raise SettingError("config.features_distinct", "features", value=self.features, names=", ".join(FEATURES))
        for f in self.features:
            _choice("features", f, tuple(FEATURES))
        if len(self.hidden) > MAX_LAYERS:
            raise SettingError("config.too_many_layers", "hidden", value=self.hidden, max_layers=MAX_LAYERS)
        for width in self.hidden:
            _number("hidden", width, 1, MAX_WIDTH, integer=True, label="hidden_width")
        _choice("activation", self.activation, ACTIVATIONS)
        _choice("init", self.init, INITS)
        for name in ("batch_norm", "residual"):
            if not isinstance(getattr(self, name), bool):
                raise SettingError("config.bool", name, name=_field(name), value=getattr(self, name))
        _number("dropout", self.dropout, 0, 0.9)
        _choice("problem", self.problem, PROBLEMS)
        _number("classes", self.classes, 2, MAX_CLASSES, integer=True)
        if self.dataset != OWN:
            set_("classes", 2)  # the generated sets know their classes: one config per setting
        fits = self.problems
        if self.problem not in fits:
            raise SettingError("config.problem_for_dataset", "problem", value=self.problem, dataset=self.dataset,
                               allowed=", ".join(fits))
        _choice("loss", self.loss, LOSSES[self.problem], problem=self.problem)
        _choice("optimizer", self.optimizer, OPTIMIZERS)
        _number("lr", self.lr, 1e-7, 100)
        _number("batch_size", self.batch_size, 1, MAX_POINTS, integer=True)
        if self.batch_norm and self.batch_size < 2:
            raise SettingError("config.batch_norm_batch", "batch_size")
        _choice("reg", self.reg, REGS)
        _number("reg_rate", self.reg_rate, 0, 10)

    # -- derived values ---------------------------------------------------------------
    @property
    def kind(self) -> str:
        """What the data holds: "binary", "multiclass" or "regression" (one's own points: what the
        file held, which ``problem`` and ``classes`` say)."""
        if self.dataset != OWN:
            return DATASETS[self.dataset].kind
        return "regression" if self.problem == "regression" else "binary" if self.classes == 2 else "multiclass"

    @property
    def problems(self) -> tuple:
        """The problems this config's data can be ("binary" data may also be read as "multiclass")."""
        return PROBLEMS_FOR[self.kind]

    @property
    def n_classes(self) -> int:
        """Number of classes (1 for regression)."""
        if self.dataset == OWN:
            return 1 if self.problem == "regression" else self.classes
        return DATASETS[self.dataset].n_classes

    @property
    def n_outputs(self) -> int:
        return self.n_classes if self.problem == "multiclass" else 1

    @property
    def layer_sizes(self) -> tuple:
        """Sizes from the input features to the output, e.g. (2, 4, 2, 1)."""
        return (len(self.features), *self.hidden, self.n_outputs)

    # -- changing ---------------------------------------------------------------------
    def replace(self, **changes) -> "Config":
        """A new config with ``changes``; problem and loss follow a new dataset when they must."""
        unknown = set(changes) - {f.name for f in fields(self)}
        if unknown:
            raise SettingError("config.unknown_settings", None, names=", ".join(sorted(unknown)),
                               known=", ".join(f.name for f in fields(self)))
        if "dataset" in changes and "problem" not in changes and changes["dataset"] in DATASETS:
            kind, old_kind = DATASETS[changes["dataset"]].kind, self.kind
            chose_softmax = kind == "binary" == old_kind and self.problem == "multiclass"  # kept on purpose
            if kind != self.problem and not chose_softmax:
                changes["problem"] = kind
        problem = changes.get("problem", self.problem)
        if "loss" not in changes and problem in LOSSES and (
                self.loss not in LOSSES[problem] or (problem != self.problem and self.problem == "regression")):
            changes["loss"] = LOSSES[problem][0]  # leaving regression: back to the usual loss
        return dataclasses.replace(self, **changes)

    def diff(self, other: "Config") -> set:
        """Names of the fields that differ."""
        return {f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)}

    # -- sharing ----------------------------------------------------------------------
    def to_query(self) -> str:
        """A URL query string (without ``?``) holding every field."""
        def text(v):
            if isinstance(v, bool):
                return "1" if v else "0"
            if isinstance(v, tuple):
                return ",".join(map(str, v))
            return repr(v) if isinstance(v, float) else str(v)
        return urlencode({f.name: text(getattr(self, f.name)) for f in fields(self)
                          if f.name != "classes" or self.dataset == OWN})  # classes: of one's own points only

    @classmethod
    def from_query(cls, query: str | Query) -> "Config":
        """Parse a query string (``a=1&b=2``, with or without ``?`` or a whole URL; ``playground.query``).

        Missing fields take their defaults; an unknown key or a malformed value is a
        ``SettingError`` (a ``ValueError``) saying which and what is allowed.
        """
        return cls().replace(**values_from_query(cls, query))


def values_from_query(cls, query: str | Query) -> dict:
    """The fields of the dataclass ``cls`` that the query sets, each parsed by its type (``bool``,
    ``int``, ``float``, ``tuple``, ``str``; the annotations resolved, whether written as types or as
    strings)."""
    types = typing.get_type_hints(cls)
    known = [f.name for f in fields(cls)]
    query = query if isinstance(query, Query) else Query.parse(query)
    values = {}
    for pair in query.pairs:
        key = pair.key
        if key not in known:
            raise SettingError("config.link_unknown", key, key=key, known=", ".join(known))
        if key in values:
            raise SettingError("config.link_twice", key, key=key)
        values[key] = _parse(key, types[key], pair.value, pair.typed)
    return values


def whole_number(text: str):
    """``int(text)``, or the text itself (stripped) when it has more digits than Python's ``int()``
    takes (4,300: it refuses more with a message of its own): ``Config`` then refuses it as out of
    range, naming the field. ValueError if it is not a whole number."""
    digits, limit = text.strip().lstrip("+-").lstrip("0"), sys.get_int_max_str_digits()  # 0: no limit
    return text.strip() if limit and digits.isdecimal() and len(digits) > limit else int(text)


_EXPECTED = {bool: "config.expect_bool", int: "config.expect_int", float: "config.expect_float", tuple: "config.expect_names"}


def _parse(key, type_, raw, typed=None):
    try:
        if type_ is bool:
            lowered = raw.strip().lower()
            if lowered not in ("1", "0", "true", "false", "yes", "no"):
                raise ValueError
            return lowered in ("1", "true", "yes")
        if type_ is int:
            return whole_number(raw)
        if type_ is float:
            return float(raw)
        if type_ is tuple:
            parts = [p.strip() for p in raw.split(",") if p.strip()]
            return tuple(int(p) for p in parts) if key == "hidden" else tuple(parts)
        return raw
    except ValueError:
        expected = Text("config.expect_ints" if (type_ is tuple and key == "hidden") else _EXPECTED[type_])
        raise SettingError("config.link_not", key, key=key, raw=raw if typed is None else typed,
                           expected=expected) from None


# -- presets ------------------------------------------------------------------------------
DEEP = (8,) * 10
PRESETS = {
    "tfp-default": ("TensorFlow Playground's default: circle, 4-2 tanh, SGD 0.03, batch 10", {}),
    "xor-no-hidden": ("XOR with no hidden layer: one line cannot split it",
                      dict(dataset="xor", hidden=())),
    "xor-one-hidden": ("XOR with one hidden layer of 4 neurons",
                       dict(dataset="xor", hidden=(4,))),
    "circle-squares": ("circle with x1² and x2² features and no hidden layer: separable by a line",
                       dict(dataset="circle", hidden=(), features=("x1sq", "x2sq"))),
    "spiral-tanh": ("spiral with a 6×8 tanh network and Adam",
                    dict(dataset="spiral", hidden=(8,) * 6, activation="tanh", optimizer="adam", lr=0.01,
                         features=("x1", "x2", "sinx1", "sinx2"))),
    "spiral-relu": ("spiral with a 6×8 ReLU network and Adam",
                    dict(dataset="spiral", hidden=(8,) * 6, activation="relu", init="he", optimizer="adam", lr=0.01,
                         features=("x1", "x2", "sinx1", "sinx2"))),
    "too-high-lr": ("learning rate 3: watch the loss jump around or diverge",
                    dict(dataset="spiral", hidden=(8, 8), lr=3.0)),
    "deep-sigmoid": ("deep sigmoid network: gradients vanish toward the input",
                     dict(dataset="circle", hidden=DEEP, activation="sigmoid", init="uniform")),
    "exploding": ("deep ReLU network with too large weights: gradients explode toward the input",
                  dict(dataset="circle", hidden=DEEP, activation="relu", init="large")),
    "relu-he": ("deep ReLU network with He initialisation: gradients stay the same size",
                dict(dataset="circle", hidden=DEEP, activation="relu", init="he")),
    "sigmoid-batchnorm": ("deep sigmoid network with batch norm",
                          dict(dataset="circle", hidden=DEEP, activation="sigmoid", batch_norm=True)),
    "sigmoid-residual": ("deep sigmoid network with residual connections",
                         dict(dataset="circle", hidden=DEEP, activation="sigmoid", residual=True, init="xavier", lr=0.1)),
    "overfit": ("few noisy points and a big network: it learns the noise",
                dict(dataset="moons", n_points=60, noise=0.35, hidden=(16, 16, 16), activation="relu",
                     init="he", optimizer="adam", lr=0.01)),
    "blobs": ("three classes with softmax and cross-entropy",
              dict(dataset="blobs", hidden=(6,), activation="relu", init="he", lr=0.03)),
    "regression-plane": ("regression: learn a tilted plane",
                         dict(dataset="plane", hidden=(4,), activation="tanh", lr=0.01)),
}


def preset(name: str, **overrides) -> Config:
    """The config of a named preset (see ``PRESETS``), with optional overrides."""
    if name not in PRESETS:
        raise SettingError("config.unknown_preset", None, name=name, allowed=", ".join(PRESETS))
    return Config().replace(**{**PRESETS[name][1], **overrides})
