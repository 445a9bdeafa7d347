"""Every activation function, once: the one registry that the model, the NumPy fast path, the neuron
and warping maths, the export, the probes and the apps all read.

Adding an activation is one ``Activation`` entry in ``ACTIVATIONS`` plus its strings in
``playground.i18n`` (``label_key``, ``info_key``, ``meaning_key``, in English and Korean);
``tests/test_activations.py`` checks each entry against torch's module and autograd and runs the
exported code.

The NumPy functions keep the dtype they are given (float32 on the fast path, float64 in the neuron
and warping maths) and compute what torch's module computes (same constants, same thresholds).

>>> ACTIVATIONS["relu"].f(np.array([-1.0, 2.0]))
array([0., 2.])
>>> ACTIVATIONS["tanh"].code, ACTIVATIONS["linear"].code
('nn.Tanh()', None)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from playground.i18n import t

__all__ = ["Activation", "ACTIVATIONS", "NAMES", "CORE", "get", "short_label", "sigmoid"]


def erf(x):
    """scipy's erf, imported on first use (``config`` reads this module, and scipy costs ~0.25 s to import)."""
    global erf
    from scipy.special import erf as scipy_erf
    erf = scipy_erf  # later calls go straight to scipy
    return scipy_erf(x)


def _c(z, value):
    """``value`` as a scalar of ``z``'s dtype (float32 stays float32)."""
    return z.dtype.type(value)


def sigmoid(z):
    """σ(z) = 1 / (1 + e⁻ᶻ), as 0.5 (1 + tanh(z / 2)): no overflow, float32 stays float32."""
    return 0.5 * (1 + np.tanh(0.5 * z))


def _gelu(z, **_):
    return 0.5 * z * (1 + erf(z / np.sqrt(_c(z, 2))))


def _gelu_d(z, a, **_):
    return (0.5 * (1 + erf(z / np.sqrt(_c(z, 2)))) + z * _c(z, 1 / math.sqrt(2 * math.pi)) * np.exp(-0.5 * z * z)
            ).astype(z.dtype)


def _silu_d(z, a, **_):
    s = sigmoid(z)
    return s * (1 + z * (1 - s))


SOFTPLUS_THRESHOLD = 20  # torch.nn.Softplus's: above it, softplus(z) = z


def _softplus(z, **_):
    return np.where(z > SOFTPLUS_THRESHOLD, z, np.log1p(np.exp(np.minimum(z, SOFTPLUS_THRESHOLD))))


def _softplus_d(z, a, **_):
    return np.where(z > SOFTPLUS_THRESHOLD, _c(z, 1), sigmoid(z))


@dataclass(frozen=True)
class Activation:
    """One activation function and everything the playground knows about it.

    ``f(z, **params)`` and ``df(z, a, **params)`` (``a = f(z)``, given because it is at hand on
    the fast path) are NumPy. ``params`` are the defaults of the torch module (leaky ReLU's
    ``slope``, ELU's ``alpha``); the activation explorer moves the slope."""

    name: str
    module: str  # the torch.nn class: nn.<module>() is the layer; "Identity" means no layer
    f: Callable
    df: Callable
    range: tuple  # (lo, hi) of f; None for an unbounded side
    range_text: str  # the range as the explorer writes it
    steepest: float | None  # x where f' is largest; None: for every x > 0; math.inf: approached as x grows
    saturated: tuple | None = None  # f ≤ lo or f ≥ hi: a flat end, where f' is about 0
    dies: bool = False  # f = f' = 0 for z ≤ 0: a neuron negative for every input is dead
    core: bool = False  # one of the classic ones that every app's short list offers
    params: dict = field(default_factory=dict)
    short_key: str | None = None  # a shorter label for narrow buttons (default: the label)

    @property
    def label_key(self) -> str:
        return f"activation.{self.name}"

    @property
    def info_key(self) -> str:
        """The name with its formula, as the activation explorer writes it."""
        return f"activations.info.{self.name}"

    @property
    def meaning_key(self) -> str:
        """What the function means for learning (the activation explorer's text)."""
        return f"activations.meaning.{self.name}"

    @property
    def short_label_key(self) -> str:
        return self.short_key or self.label_key

    @property
    def identity(self) -> bool:
        return self.module == "Identity"

    @property
    def code(self) -> str | None:
        """The layer in the exported PyTorch code (None: no layer)."""
        return None if self.identity else f"nn.{self.module}()"

    def value(self, z, **params):
        """``f(z)`` with the default ``params`` unless given."""
        return self.f(z, **{**self.params, **params})

    def derivative(self, z, a=None, **params):
        """``f'(z)`` (``a = f(z)`` if known). At a kink (ReLU's z = 0) the left-hand value, as autograd."""
        params = {**self.params, **params}
        return self.df(z, self.f(z, **params) if a is None else a, **params)

    def torch_module(self):
        """A new ``torch.nn`` module computing the function (torch is imported here, not before)."""
        from torch import nn
        return getattr(nn, self.module)()

    def derivative_max(self, **params) -> tuple:
        """``(x, f'(x))`` where f' is largest (x = 0 when it holds for every x > 0, math.inf when
        f' only approaches it as x grows)."""
        if self.steepest is None:
            return 0.0, float(self.derivative(np.array([-1.0, 1.0]), **params).max())
        return float(self.steepest), float(self.derivative(np.array([float(self.steepest)]), **params)[0])


_ENTRIES = (
    Activation("linear", "Identity", lambda z, **_: z, lambda z, a, **_: np.ones_like(z), (None, None), "(-∞, ∞)",
               0.0, core=True, short_key="activation.short_linear"),
    Activation("sigmoid", "Sigmoid", lambda z, **_: sigmoid(z), lambda z, a, **_: a * (1 - a), (0.0, 1.0), "(0, 1)",
               0.0, saturated=(0.01, 0.99), core=True),
    Activation("tanh", "Tanh", lambda z, **_: np.tanh(z), lambda z, a, **_: 1 - a * a, (-1.0, 1.0), "(-1, 1)", 0.0,
               saturated=(-0.99, 0.99), core=True),
    Activation("relu", "ReLU", lambda z, **_: np.maximum(z, 0), lambda z, a, **_: (z > 0).astype(z.dtype),
               (0.0, None), "[0, ∞)", None, dies=True, core=True),
    Activation("leaky_relu", "LeakyReLU", lambda z, slope, **_: np.where(z > 0, z, _c(z, slope) * z),
               lambda z, a, slope, **_: np.where(z > 0, 1, _c(z, slope)).astype(z.dtype), (None, None), "(-∞, ∞)",
               None, core=True, params={"slope": 0.01}),
    Activation("elu", "ELU", lambda z, alpha, **_: np.where(z > 0, z, _c(z, alpha) * np.expm1(np.minimum(z, 0))),
               lambda z, a, alpha, **_: np.where(z > 0, 1, a + _c(z, alpha)).astype(z.dtype), (-1.0, None), "(-1, ∞)",
               None, params={"alpha": 1.0}),
    Activation("gelu", "GELU", _gelu, _gelu_d, (-0.16997, None), "[-0.17, ∞)", math.sqrt(2)),  # f'' = φ(x)(2 - x²)
    Activation("silu", "SiLU", lambda z, **_: z * sigmoid(z), _silu_d, (-0.278465, None), "[-0.28, ∞)",
               2.3993572805154675),  # f'' = σ(1 - σ)(2 + x(1 - 2σ)) = 0; min f = -0.27846 at x = -1.27846
    Activation("softplus", "Softplus", _softplus, _softplus_d, (0.0, None), "(0, ∞)", math.inf),
)
ACTIVATIONS: dict[str, Activation] = {a.name: a for a in _ENTRIES}
NAMES = tuple(ACTIVATIONS)
CORE = tuple(a.name for a in _ENTRIES if a.core)  # the short list: linear, sigmoid, tanh, relu, leaky_relu


def short_label(name) -> str:
    """The label of activation ``name`` for narrow buttons ("ReLU", "linear"), in the current language."""
    return t(get(name).short_label_key)


def get(name) -> Activation:
    """The entry of ``name``, or a ValueError listing the activations there are."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise ValueError(f"activation={name!r} is not allowed; choose one of {', '.join(NAMES)}") from None
