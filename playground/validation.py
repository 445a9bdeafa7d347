"""Validation: training on chosen points, k-fold cross-validation over one hyperparameter, and what
regularisation did to the weights.

>>> from playground.config import Config
>>> c = Config(dataset="moons", n_points=80, noise=0.3, hidden=(8,), reg="l2")
>>> r = cross_validate(c, values=(0.0, 0.01), k=3, epochs=5)
>>> r.scores.shape
(2, 3)

Hyperparameters (the learning rate, the L2 rate, the number of neurons) are chosen by us; parameters
(the weights) are learned. To choose a hyperparameter fairly we hold a **test** set back, split the
rest into ``k`` folds, and train ``k`` times per candidate value, each time validating on another fold:
every point is validated exactly once. The mean score over the folds (± its spread) picks the value;
the test set, untouched until then, says how good the final choice is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from playground import data as datasets
from playground.config import Config
from playground.session import FixedData, Session

L2_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1)


def weight_stats(session, near: float = 0.01) -> dict:
    """Every weight matrix entry (not biases): ``values``, ``count``, ``zero`` (exactly 0) and
    ``near_zero`` (|w| < ``near``). L1 makes many exact zeros; L2 makes weights small, not zero."""
    values = np.concatenate([lin.weight.detach().numpy().ravel() for lin in session.model.linears])
    return {"values": values.copy(), "count": int(values.size), "zero": int(np.sum(values == 0)),
            "near_zero": int(np.sum(np.abs(values) < near))}


@dataclass
class CVResult:
    """Scores of a k-fold cross-validation: ``scores[i, f]`` for ``values[i]`` on fold ``f``."""

    param: str
    values: tuple
    k: int
    metric: str  # "accuracy" (higher is better) or "loss" (lower is better)
    scores: np.ndarray
    folds: list  # (train, validation) index arrays into the data
    test_idx: np.ndarray
    test_score: float = math.nan  # of the best value, trained on every non-test point
    done: int = 0  # folds finished (of len(values) * k)
    extra: dict = field(default_factory=dict)

    def __repr__(self):
        best = self.best_value if self.done == self.scores.size else "?"
        return f"CVResult({self.param}, values={list(self.values)}, k={self.k}, {self.metric}, best={best})"

    def _per_value(self, fn) -> np.ndarray:
        """``fn`` over each value's finished folds (NaN for a value with none yet)."""
        return np.array([fn(row[~np.isnan(row)]) if (~np.isnan(row)).any() else np.nan for row in self.scores])

    @property
    def mean(self) -> np.ndarray:
        return self._per_value(np.mean)

    @property
    def std(self) -> np.ndarray:
        """The spread over folds: the population standard deviation (NumPy's default, ``ddof=0``)."""
        return self._per_value(np.std)

    @property
    def best_index(self) -> int:
        mean = np.where(np.isnan(self.mean), -np.inf if self.metric == "accuracy" else np.inf, self.mean)
        return int(np.argmax(mean) if self.metric == "accuracy" else np.argmin(mean))

    @property
    def best_value(self):
        return self.values[self.best_index]


class CrossValidator:
    """Runs a k-fold cross-validation in small pieces: ``for event in cv.steps(): ...``.

    Each event is a dict with ``done`` and ``total`` (training chunks), ``fold_done`` (folds
    finished) and ``stage`` ("fold", "fold done", "test" or "finished"); ``cv.result`` fills in as
    folds finish. ``run(progress)`` does everything at once.
    """

    def __init__(self, config: Config, *, param: str = "reg_rate", values=L2_RATES, k: int = 5, epochs: int = 100,
                 test_fraction: float = 0.25, metric: str = "accuracy", seed: int | None = None,
                 chunk_epochs: int = 10):
        if metric not in ("accuracy", "loss"):
            raise ValueError(f"metric={metric!r} is not allowed; choose accuracy or loss")
        if metric == "accuracy" and config.problem == "regression":
            raise ValueError("metric='accuracy' needs a classification dataset; use metric='loss' for regression")
        if not values:
            raise ValueError("values is empty; give at least one value of the hyperparameter to try")
        if param == "reg_rate" and config.reg == "none":
            raise ValueError("param='reg_rate' needs a regularisation: set reg to l1, l2 or decay first")
        if isinstance(epochs, bool) or not isinstance(epochs, int) or not 1 <= epochs <= 10_000:
            raise ValueError(f"epochs={epochs!r} is not allowed; it must be a whole number from 1 to 10000")
        if not 0.0 < test_fraction < 0.9:
            raise ValueError(f"test_fraction={test_fraction!r} is not allowed; it must be above 0 and below 0.9")
        self.configs = [config.replace(**{param: v}) for v in values]  # every value is checked here
        self.config, self.param, self.values, self.epochs = config, param, tuple(values), epochs
        self.chunk_epochs = max(1, chunk_epochs)
        rng = np.random.default_rng(config.seed if seed is None else seed)
        self.X, self.y = datasets.make_dataset(config.dataset, config.n_points, noise=config.noise, seed=rng)
        dev, test = datasets.split(self.y, 1 - test_fraction, seed=rng)
        folds = [(dev[a], dev[b]) for a, b in datasets.kfold(self.y[dev], k, seed=rng)]
        self.result = CVResult(param, self.values, k, metric, np.full((len(self.values), k), np.nan), folds, test)

    def __repr__(self):
        return f"CrossValidator({self.param}, values={list(self.values)}, k={self.result.k}, done={self.result.done})"

    @property
    def total(self) -> int:
        """Training chunks in all: every fold of every value, then the final training on all non-test points."""
        return (len(self.values) * self.result.k + 1) * math.ceil(self.epochs / self.chunk_epochs)

    def _score(self, session) -> float:
        loss, acc = session.evaluate(session.Xte, session.yte)
        if session.status == "diverged":
            return 0.0 if self.result.metric == "accuracy" else math.inf
        return acc if self.result.metric == "accuracy" else loss

    def _train(self, session, done):
        left = self.epochs
        while left > 0:
            n = min(self.chunk_epochs, left)
            session.train_epochs(n)
            left -= n
            done += 1
            yield done

    def steps(self):
        r, done = self.result, 0
        total = self.total
        for i, config in enumerate(self.configs):
            for f, (train, val) in enumerate(r.folds):
                session = Session(config, data=FixedData(self.X, self.y, train, val))
                for done in self._train(session, done):
                    yield {"stage": "fold", "value": self.values[i], "fold": f, "done": done, "total": total,
                           "fold_done": r.done}
                r.scores[i, f] = self._score(session)
                r.done += 1
                yield {"stage": "fold done", "value": self.values[i], "fold": f, "done": done, "total": total,
                       "fold_done": r.done, "score": r.scores[i, f]}
        dev = np.sort(np.concatenate(r.folds[0]))
        session = Session(self.configs[r.best_index], data=FixedData(self.X, self.y, dev, r.test_idx))
        for done in self._train(session, done):
            yield {"stage": "test", "value": r.best_value, "done": done, "total": total, "fold_done": r.done}
        r.test_score = self._score(session)
        yield {"stage": "finished", "done": total, "total": total, "fold_done": r.done, "score": r.test_score}

    def run(self, progress=None) -> CVResult:
        """Everything at once; ``progress(done, total)`` after every training chunk."""
        for event in self.steps():
            if progress is not None:
                progress(event["done"], event["total"])
        return self.result


def cross_validate(config: Config, *, param: str = "reg_rate", values=L2_RATES, k: int = 5, epochs: int = 100,
                   test_fraction: float = 0.25, metric: str = "accuracy", seed: int | None = None,
                   progress=None) -> CVResult:
    """k-fold cross-validation of ``config`` for each of ``values`` of ``param`` (a Config field).

    Returns a ``CVResult``: per-fold ``scores``, ``mean`` ± ``std``, ``best_value`` and the
    ``test_score`` of the best value on the held-back test points. ``progress(done, total)`` is
    called as training goes on.
    """
    return CrossValidator(config, param=param, values=values, k=k, epochs=epochs, test_fraction=test_fraction,
                          metric=metric, seed=seed).run(progress)
