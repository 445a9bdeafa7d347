"""Restricted Boltzmann machines on binarised 8×8 digits, and a deep belief network of two of them.

The engine is scikit-learn's ``BernoulliRBM`` (contrastive divergence with persistent chains,
``partial_fit`` one mini-batch at a time); this module adds the mean-field reconstruction after k
Gibbs steps (``v → P(h|v) → P(v|h)``, written out from the RBM's weights and checked against
``BernoulliRBM.transform`` in ``tests/test_rbm.py``) and the greedy stacking of the notes.

>>> X, y = binarised_digits()
>>> X.shape, sorted(set(X.ravel()))
((1797, 64), [0.0, 1.0])
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, fields, replace

import numpy as np

from playground.data import load_digits
from playground.neuron import sigmoid

THRESHOLD = 8  # of 16: a pixel is on when at least half dark


def binarised_digits():
    """``(X, y)``: scikit-learn's 1,797 digits, pixels 0/1 (on when ≥ 8 of 16)."""
    X, y, _, _ = load_digits()
    return (X >= THRESHOLD).astype(float), y


@dataclass(frozen=True)
class RBMConfig:
    n_hidden: int = 36
    lr: float = 0.05
    batch_size: int = 20
    seed: int = 0

    def __post_init__(self):
        if not isinstance(self.n_hidden, (int, np.integer)) or not 1 <= self.n_hidden <= 256:
            raise ValueError(f"n_hidden={self.n_hidden!r} is not allowed; choose 1 to 256 hidden units")
        if not (isinstance(self.lr, (int, float)) and 1e-4 <= self.lr <= 1):
            raise ValueError(f"lr={self.lr!r} is not allowed; choose a number from 0.0001 to 1")

    def replace(self, **changes) -> "RBMConfig":
        return replace(self, **changes)

    def diff(self, other) -> set:
        return {f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)}


def hidden_probabilities(rbm, V):
    """P(h = 1 | v) = σ(v Wᵀ + c)."""
    return sigmoid(np.asarray(V, float) @ rbm.components_.T + rbm.intercept_hidden_)


def visible_probabilities(rbm, H):
    """P(v = 1 | h) = σ(h W + b)."""
    return sigmoid(np.asarray(H, float) @ rbm.components_ + rbm.intercept_visible_)


def reconstruct(rbm, v, k=1):
    """The mean-field reconstructions of ``v`` after 1 … ``k`` Gibbs steps, (k, 64)."""
    out, x = [], np.asarray(v, float)[None, :]
    for _ in range(k):
        x = visible_probabilities(rbm, hidden_probabilities(rbm, x))
        out.append(x[0])
    return np.array(out)


class RBMSession:
    """One RBM trained on the digits (1,500 for training, the rest held out), a mini-batch per step,
    with the methods the live apps use and the pseudo-likelihood as its history (``train_loss``
    and ``test_loss`` are the mean negative pseudo-log-likelihood: lower is better)."""

    def __init__(self, config: RBMConfig | None = None):
        self.config = config or RBMConfig()
        X, self.y = binarised_digits()
        order = np.random.default_rng(0).permutation(len(X))
        self.X, self.y = X[order], self.y[order]
        self.Xtr, self.Xte = self.X[:1500], self.X[1500:]
        self.reset()

    def reset(self):
        from sklearn.neural_network import BernoulliRBM
        c = self.config
        self.rbm = BernoulliRBM(n_components=c.n_hidden, learning_rate=c.lr, batch_size=c.batch_size,
                                random_state=c.seed)
        self.rbm.partial_fit(self.Xtr[:c.batch_size])  # initialises the weights (one batch)
        self._pos, self.steps, self.epoch = c.batch_size, 1, 0
        self.status, self.message = "ok", ""
        self.history = {k: [] for k in ("epoch", "train_loss", "test_loss", "train_acc", "test_acc")}
        self.record()

    def apply(self, config: RBMConfig) -> str:
        changed = self.config.diff(config)
        self.config = config
        if not changed:
            return "same"
        if changed == {"lr"}:
            self.rbm.learning_rate = config.lr
            return "live"
        self.reset()
        return "rebuilt"

    def pseudo_likelihood(self, X) -> float:
        """Mean negative pseudo-log-likelihood (``BernoulliRBM.score_samples``, one random pixel
        flipped per image; seeded, so the curve is the model's, not the draw's)."""
        self.rbm.random_state_ = np.random.RandomState(0)
        return float(-self.rbm.score_samples(X[:200]).mean())

    def record(self):
        self.history["epoch"].append(self.epoch)
        self.history["train_loss"].append(self.pseudo_likelihood(self.Xtr))
        self.history["test_loss"].append(self.pseudo_likelihood(self.Xte))
        self.history["train_acc"].append(math.nan)
        self.history["test_acc"].append(math.nan)
        if len(self.history["epoch"]) > 500:
            self.history = {k: v[::2] for k, v in self.history.items()}

    def step(self, n: int = 1) -> int:
        """``n`` mini-batches of contrastive divergence; the history is written after each pass over
        a tenth of the training images."""
        bs = self.config.batch_size
        for _ in range(n):
            if self._pos + bs > len(self.Xtr):
                self._pos = 0
            self.rbm.partial_fit(self.Xtr[self._pos:self._pos + bs])
            self._pos += bs
            self.steps += 1
            if self.steps % max(1, 150 // bs) == 0:
                self.epoch += 1
                self.record()
        return n

    def train_for(self, seconds: float) -> int:
        end, made = time.perf_counter() + seconds, 0
        while True:
            made += self.step(1)
            if time.perf_counter() >= end:
                return made

    @property
    def train_loss(self) -> float:
        return self.history["train_loss"][-1]

    @property
    def test_loss(self) -> float:
        return self.history["test_loss"][-1]


def deep_belief_network(X, y, *, sizes=(100, 50), n_iter=15, seed=0, progress=None):
    """Two RBMs trained greedily (the second on the first's hidden probabilities), then logistic
    regression on the top features, against the same classifier on the raw pixels. Returns
    ``{"dbn", "pixels"}`` test accuracies (a quarter of the images held out). ``progress(stage)``
    is called before each stage ("rbm1", "rbm2", "top", "pixels")."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.neural_network import BernoulliRBM
    say = progress or (lambda stage: None)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=seed, stratify=y)
    features_tr, features_te = Xtr, Xte
    for k, n in enumerate(sizes, start=1):
        say(f"rbm{k}")
        rbm = BernoulliRBM(n_components=n, learning_rate=0.05, batch_size=20, n_iter=n_iter, random_state=seed)
        features_tr = rbm.fit_transform(features_tr)
        features_te = rbm.transform(features_te)
    say("top")
    top = LogisticRegression(max_iter=2000).fit(features_tr, ytr)
    say("pixels")
    raw = LogisticRegression(max_iter=2000).fit(Xtr, ytr)
    return {"dbn": float(top.score(features_te, yte)), "pixels": float(raw.score(Xte, yte))}
