"""A training session: data, model, optimizer and history for one ``Config``.

>>> s = Session(Config(dataset="xor", hidden=(4,)))
>>> s.train_epochs(5); s.epoch
5

Apps use the public methods only (a test checks it): ``step``/``train_epochs``/``train_for``,
``reset``, ``apply``, ``evaluate``/``predict``, ``snapshot``/``restore``, ``load_weights``, and a
data source given to the constructor (``FixedData``) instead of a subclass. How the NumPy fast path
shares the model's tensors (``fastpath``) is this module's business alone.
"""

from __future__ import annotations

import copy
import math
import time
from dataclasses import dataclass

import numpy as np
import torch

from playground import data as datasets
from playground import optimizers
from playground.config import DATA_FIELDS, LIVE_FIELDS, Config
from playground.errors import SettingError
from playground.fastpath import FastTrainer, loss_and_grad
from playground.i18n import Text
from playground.model import build, loss_fn, output_to_prediction

MAX_POINTS = 4 * 2000  # points a session holds at most, drawn ones included

torch.set_num_threads(1)  # measured: two threads are ~10x slower for networks this small

HISTORY_LIMIT = 1000  # points per curve; past it, every other point is dropped
DIVERGED_LOSS = 1e6


def _make_optimizer(config, params):
    wd = config.reg_rate if config.reg == "decay" else 0.0
    return optimizers.make(config.optimizer, params, lr=config.lr, weight_decay=wd)


def generated_data(config: Config):
    """The default data source: ``config``'s dataset drawn with its seed, split by ``train_fraction``."""
    rng = np.random.default_rng(config.seed)
    X, y = datasets.make_dataset(config.dataset, config.n_points, noise=config.noise, seed=rng)
    train_idx, test_idx = datasets.split(y, config.train_fraction, seed=rng)
    return X, y, train_idx, test_idx


class FixedData:
    """A data source of given points ``X, y`` with given training and test (validation) indices:
    ``Session(config, data=FixedData(X, y, train_idx, test_idx))`` trains on exactly these points,
    whatever the config's data fields say (k-fold cross-validation gives each fold its own)."""

    def __init__(self, X, y, train_idx, test_idx):
        X, y = np.array(X, float), np.array(y)  # copies: the caller may change its arrays
        train_idx, test_idx = np.asarray(train_idx, int), np.asarray(test_idx, int)
        if X.ndim != 2 or X.shape[1] != 2 or len(y) != len(X):
            raise ValueError(f"X must be n × 2 and y of the same length n; got X {X.shape} and y {y.shape}")
        for name, idx in (("train_idx", train_idx), ("test_idx", test_idx)):
            if idx.ndim != 1 or (idx.size and not 0 <= idx.min() <= idx.max() < len(X)):
                raise ValueError(f"{name} must be a list of point indices from 0 to {len(X) - 1}")
        self._arrays = (X, y, train_idx, test_idx)

    def __repr__(self):
        X, _y, tr, te = self._arrays
        return f"FixedData({len(X)} points, train={len(tr)}, test={len(te)})"

    def __call__(self, config: Config):
        return tuple(a.copy() for a in self._arrays)


@dataclass(frozen=True)
class Snapshot:
    """Everything a ``Session`` needs to go on exactly as it would have from here (``Session.restore``).
    Opaque to apps, except ``epoch`` and ``config``."""

    config: Config
    epoch: int
    _state: dict

    def __repr__(self):
        return f"Snapshot(epoch={self.epoch}, {self.config.dataset}, layers={list(self.config.layer_sizes)})"


class Session:
    """Owns the data, the model, the optimizer and the history of one run.

    ``step(n)`` makes ``n`` optimizer steps (mini-batches); ``train_epochs(k)`` makes ``k``
    passes over the training data. ``reset()`` restores exactly the initial weights of this
    seed. ``apply(config)`` changes settings: learning rate, optimizer, batch size and
    regularisation change live; anything else rebuilds (and new data fields regenerate).
    A run whose loss becomes NaN, infinite or huge stops in ``status == "diverged"``.

    ``data`` is where the points come from: a callable ``data(config) -> (X, y, train_idx,
    test_idx)``, by default ``generated_data`` (the config's dataset and seed); ``FixedData`` gives
    exactly the points it was given. ``snapshot()``/``restore()`` save and bring back a run;
    ``load_weights()`` puts given weights into the network.
    """

    def __init__(self, config: Config | None = None, *, data=None, **changes):
        self.config = (config or Config()).replace(**changes)
        self._data_source = generated_data if data is None else data
        self._make_data()
        self.reset()

    def __repr__(self):
        c = self.config
        return (f"Session({c.dataset}, layers={list(c.layer_sizes)}, {c.activation}, epoch={self.epoch}, "
                f"train_loss={self.train_loss:.4f}, status={self.status!r})")

    # -- data -------------------------------------------------------------------------------
    @property
    def bounds(self) -> tuple:
        """The square of the plane that pictures show, ``(lo, hi)`` on both axes: the dataset's,
        or what the data source says (a learner's own points)."""
        source_bounds = getattr(self._data_source, "bounds", None)
        return source_bounds(self.config) if source_bounds else datasets.DATASETS[self.config.dataset].bounds

    def _make_data(self):
        self.X, self.y, self.train_idx, self.test_idx = self._data_source(self.config)
        self._tensors()

    def _tensors(self):
        c = self.config
        F = torch.as_tensor(datasets.feature_matrix(self.X, c.features), dtype=torch.float32)
        target_dtype = torch.long if c.problem == "multiclass" else torch.float32
        y = torch.as_tensor(self.y, dtype=target_dtype)
        self.Xtr, self.ytr = F[self.train_idx], y[self.train_idx]
        self.Xte, self.yte = F[self.test_idx], y[self.test_idx]
        self._np = {id(t): t.numpy() for t in (self.Xtr, self.ytr, self.Xte, self.yte)}

    def reload_data(self) -> str:
        """Take the points again from the data source (it changed: another file of one's own) and
        start from fresh weights. Returns "new data", as ``apply`` does."""
        self._make_data()
        self.reset()
        return "new data"

    def add_point(self, x1: float, x2: float, label, *, train: bool = True):
        """Add one point (drawn by the learner) to the training or test set; weights are kept."""
        c = self.config
        if c.problem == "regression":
            label = float(label)
        elif label not in range(c.n_classes):
            raise ValueError(f"label={label!r} is not allowed; choose a class from 0 to {c.n_classes - 1}")
        if len(self.X) >= MAX_POINTS:
            raise SettingError("session.too_many_points", "points", limit=MAX_POINTS)
        self.X = np.vstack([self.X, [[float(x1), float(x2)]]])
        self.y = np.append(self.y, label)
        target = self.train_idx if train else self.test_idx
        target = np.append(target, len(self.X) - 1)
        if train:
            self.train_idx = target
        else:
            self.test_idx = target
        self._tensors()
        self._order, self._pos = None, 0

    # -- model ------------------------------------------------------------------------------
    def reset(self):
        """Fresh weights from the seed (the same every time), empty history, no divergence."""
        c = self.config
        self.model = build(c, torch.Generator().manual_seed(c.seed))
        self.model.train()
        self.optimizer = _make_optimizer(c, self.model.parameters())
        self.fast = FastTrainer(self.model, c) if FastTrainer.supports(c) else None
        self._shuffle = torch.Generator().manual_seed(c.seed + 1)
        self._dropout_rng = torch.Generator().manual_seed(c.seed + 2).get_state()  # dropout masks, per session
        self._order, self._pos = None, 0
        self.epoch, self.steps = 0, 0
        self.status, self.message = "ok", ""
        self.history = {k: [] for k in ("epoch", "train_loss", "test_loss", "train_acc", "test_acc")}
        self._stride = 1
        self._record(force=True)

    def apply(self, config: Config) -> str:
        """Move to ``config``. Returns "same", "live" (weights kept), "rebuilt" or "new data"."""
        changed = self.config.diff(config)
        old, self.config = self.config, config
        if not changed:
            return "same"
        if changed <= LIVE_FIELDS:
            if "optimizer" in changed or ("reg" in changed and "decay" in (old.reg, config.reg)):
                self.optimizer = _make_optimizer(config, self.model.parameters())
                if self.fast is not None:
                    self.fast.reset_optimizer()
            for group in self.optimizer.param_groups:
                group["lr"] = config.lr
                if config.reg == "decay":
                    group["weight_decay"] = config.reg_rate
            if "batch_size" in changed:
                self._order, self._pos = None, 0
            return "live"
        if changed & DATA_FIELDS or "problem" in changed:
            try:
                return self.reload_data()
            except ValueError:  # the data source refused (one's own points without a file): nothing changed
                self.config = old
                raise
        if "features" in changed:
            self._tensors()
        self.reset()
        return "rebuilt"

    # -- saving, restoring and given weights --------------------------------------------------
    def snapshot(self) -> Snapshot:
        """A copy of the whole run: weights, optimizer state, where the batches and random streams
        are, epoch, status, history and data. ``restore`` goes on from it exactly (same curve)."""
        fast = None if self.fast is None else (self.fast.t, [a.copy() for a in self.fast.state])
        state = dict(model=copy.deepcopy(self.model.state_dict()), optimizer=copy.deepcopy(self.optimizer.state_dict()),
                     fast=fast, shuffle=self._shuffle.get_state(), dropout=self._dropout_rng.clone(),
                     order=None if self._order is None else self._order.copy(), pos=self._pos, epoch=self.epoch,
                     steps=self.steps, status=self.status, message=self.message, stride=self._stride,
                     history={k: list(v) for k, v in self.history.items()},
                     data=tuple(np.copy(a) for a in (self.X, self.y, self.train_idx, self.test_idx)))
        return Snapshot(self.config, self.epoch, state)

    def restore(self, snapshot: Snapshot, *, weights_only: bool = False):
        """Go back to ``snapshot``. ``weights_only``: put back only the network's weights (and batch
        norm statistics); the epoch, history, optimizer and data stay as they are (early stopping)."""
        if not isinstance(snapshot, Snapshot):
            raise ValueError(f"restore needs a Snapshot from Session.snapshot(); got {type(snapshot).__name__}")
        st = snapshot._state
        if weights_only:
            try:  # in place: the fast path's arrays see the new values
                self.model.load_state_dict(st["model"])
            except RuntimeError:
                raise ValueError("this snapshot's weights belong to another network; restore the whole snapshot "
                                 "(weights_only=False) instead") from None
            return
        self.config = snapshot.config
        self.X, self.y, self.train_idx, self.test_idx = (np.copy(a) for a in st["data"])
        self._tensors()
        self.reset()  # a network of this config, then its saved state on top
        self.model.load_state_dict(st["model"])
        self.optimizer.load_state_dict(copy.deepcopy(st["optimizer"]))
        if self.fast is not None and st["fast"] is not None:
            self.fast.t, self.fast.state = st["fast"][0], [a.copy() for a in st["fast"][1]]
        self._shuffle.set_state(st["shuffle"])
        self._dropout_rng = st["dropout"].clone()
        self._order = None if st["order"] is None else st["order"].copy()
        self._pos, self.epoch, self.steps, self._stride = st["pos"], st["epoch"], st["steps"], st["stride"]
        self.status, self.message = st["status"], st["message"]
        self.history = {k: list(v) for k, v in st["history"].items()}

    def load_weights(self, weights):
        """Put ``weights`` (one ``{"W": out × in, "b": out}`` per layer, as ``probes.weights`` gives
        them) into the network; the history starts again from the loss of these weights."""
        layers = list(self.model.linears)
        if len(weights) != len(layers):
            raise ValueError(f"weights has {len(weights)} layers; this network has {len(layers)}")
        new = []
        for k, (lin, layer) in enumerate(zip(layers, weights)):
            W, b = np.asarray(layer["W"], np.float32), np.asarray(layer["b"], np.float32)
            if W.shape != tuple(lin.weight.shape) or b.shape != tuple(lin.bias.shape):
                raise ValueError(f"layer {k + 1}: W {W.shape} and b {b.shape} given; this network needs "
                                 f"W {tuple(lin.weight.shape)} and b {tuple(lin.bias.shape)}")
            new.append((W, b))
        with torch.no_grad():
            for lin, (W, b) in zip(layers, new):
                lin.weight.copy_(torch.from_numpy(W))  # in place: the fast path holds views of these
                lin.bias.copy_(torch.from_numpy(b))
        self.history = {k: [] for k in self.history}
        self._stride = 1
        self._record(force=True)  # the history's last entry describes these weights

    # -- training ---------------------------------------------------------------------------
    @property
    def steps_per_epoch(self) -> int:
        n, bs = len(self.Xtr), min(self.config.batch_size, len(self.Xtr))
        return math.ceil(n / bs) - (self.config.batch_norm and n > 1 and n % bs == 1)  # a last batch of one is skipped

    def _next_batch(self):
        n, bs = len(self.Xtr), min(self.config.batch_size, len(self.Xtr))
        if self._order is None or self._pos >= n:
            if self._order is not None:
                self.epoch += 1
                self._record()
            self._order, self._pos = torch.randperm(n, generator=self._shuffle).numpy(), 0
        idx = self._order[self._pos:self._pos + bs]
        self._pos += bs
        if self.config.batch_norm and n - self._pos == 1:  # the next batch would be one point: skip it now
            self._pos = n
        if self.config.batch_norm and len(idx) < 2:  # batch norm cannot use a batch of one
            self._pos = n
            return self._next_batch()
        return idx

    def step(self, n: int = 1) -> int:
        """Make ``n`` optimizer steps (mini-batches). Returns how many were made (0 once diverged)."""
        if self.status == "diverged" or len(self.Xtr) < (2 if self.config.batch_norm else 1):
            return 0
        if self.fast is not None and self.fast.compiled():
            loss = self._steps_compiled(n)
        else:
            loss = None
            for _ in range(n):
                loss = self._step_fast(self._next_batch()) if self.fast else self._step_torch(self._next_batch())
        self.steps += n
        if self._pos >= len(self.Xtr):  # finished an epoch exactly: count it now
            self._next_batch_boundary()
        self._check(loss)
        return n

    def _steps_compiled(self, n):
        """``n`` steps in one compiled call, batch for batch and epoch for epoch as ``_next_batch`` and
        ``_step_fast`` would make them (the same shuffled orders, drawn from the same generator)."""
        if n <= 0:
            return None
        ntr, bs = len(self.Xtr), min(self.config.batch_size, len(self.Xtr))
        per_epoch = math.ceil(ntr / bs)
        left = 0 if self._order is None else math.ceil((ntr - self._pos) / bs)  # steps left in this epoch
        fresh = math.ceil((n - left) / per_epoch) if n > left else 0  # epochs begun in this call
        orders = ([self._order] if left else []) + [torch.randperm(ntr, generator=self._shuffle).numpy()
                                                    for _ in range(fresh)]
        ends = (n - left) // per_epoch + 1 if left and n >= left else (0 if left else n // per_epoch)
        record = self._recorded(ends)
        data = tuple(self._np[id(t)] for t in (self.Xtr, self.ytr, self.Xte, self.yte))
        loss, out = self.fast.run(data, np.stack(orders), self._pos if left else 0, n, record, self.config)
        for keep, row in zip(record, out):
            self.epoch += 1
            self._record(values=row if keep else None)
        done = (n - left) % per_epoch if n > left else left - n  # steps made in the last epoch begun, or still left
        if n > left:
            self._order, self._pos = (orders[-1], done * bs) if done else (None, 0)
        else:
            self._order, self._pos = (None, 0) if done == 0 else (self._order, self._pos + n * bs)
        return loss

    def _recorded(self, ends):
        """Which of the next ``ends`` epoch ends ``_record`` will keep (a mask): its stride and thinning."""
        stride, length, keep = self._stride, len(self.history["epoch"]), np.zeros(ends, np.bool_)
        for e in range(ends):
            if (self.epoch + e + 1) % stride == 0:
                keep[e], length = True, length + 1
                if length > HISTORY_LIMIT:
                    length, stride = (length + 1) // 2, stride * 2
        return keep

    def _step_fast(self, idx):
        return self.fast.step(self._np[id(self.Xtr)][idx], self._np[id(self.ytr)][idx], self.config)

    def _step_torch(self, idx):
        c, model = self.config, self.model
        idx = torch.from_numpy(idx)
        outside = None
        if model.drop is not None:  # dropout draws from torch's global generator: lend it this session's stream
            outside = torch.get_rng_state()
            torch.set_rng_state(self._dropout_rng)
        try:
            loss = loss_fn(model(self.Xtr[idx]), self.ytr[idx], c.problem, c.loss)
        finally:
            if outside is not None:
                self._dropout_rng = torch.get_rng_state()
                torch.set_rng_state(outside)
        total = loss
        if c.reg == "l2" and c.reg_rate > 0:
            total = loss + 0.5 * c.reg_rate * sum((w * w).sum() for w in model.hidden_weights())
        self.optimizer.zero_grad(set_to_none=True)
        total.backward()
        optimizers.step(self.optimizer)
        if c.reg == "l1" and c.reg_rate > 0:  # proximal step: exact zeros, as L1 promises
            shrink = c.lr * c.reg_rate
            with torch.no_grad():
                for w in model.hidden_weights():
                    w.copy_(torch.sign(w) * torch.clamp(w.abs() - shrink, min=0))
        return loss.item()

    def _next_batch_boundary(self):
        self.epoch += 1
        self._record()
        self._order, self._pos = None, 0

    def train_epochs(self, k: int = 1) -> int:
        """Make ``k`` full passes over the training data. Returns steps made."""
        target = self.epoch + k
        made = 0
        while self.epoch < target and self.status == "ok":
            whole = self._order is None  # at an epoch boundary: all the epochs in one call
            made_now = self.step((target - self.epoch) * self.steps_per_epoch if whole else 1)
            if not made_now:  # nothing to train on (batch norm with one training point)
                break
            made += made_now
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

    def _check(self, loss):
        bad = loss is not None and not loss <= DIVERGED_LOSS  # also catches NaN
        finite = (np.isfinite(self.fast.flat).all() if self.fast is not None
                  else all(torch.isfinite(p).all() for p in self.model.parameters()))
        if bad or not finite:
            self.status = "diverged"
            self.message = Text("session.diverged", epoch=self.epoch, lr=self.config.lr)

    # -- evaluation -------------------------------------------------------------------------
    @torch.no_grad()
    def evaluate(self, X: torch.Tensor, y: torch.Tensor):
        """``(loss, accuracy)`` on feature tensor ``X`` (accuracy is NaN for regression)."""
        if len(X) == 0:
            return float("nan"), float("nan")
        c = self.config
        if self.fast is not None and id(X) in self._np:
            logits = self.fast.forward(self._np[id(X)])[0]
            loss = loss_and_grad(logits, self._np[id(y)], c.problem, c.loss, want_grad=False)[0]
            logits = torch.from_numpy(logits)
        else:
            was_training = self.model.training
            self.model.eval()
            logits = self.model(X)
            self.model.train(was_training)
            loss = loss_fn(logits, y, c.problem, c.loss).item()
        if c.problem == "binary":
            acc = ((logits[:, 0] > 0).float() == y).float().mean().item()
        elif c.problem == "multiclass":
            acc = (logits.argmax(1) == y).float().mean().item()
        else:
            acc = float("nan")
        return loss, acc

    @torch.no_grad()
    def predict(self, X2d) -> np.ndarray:
        """Predictions for 2-D points: P(y=1), class probabilities (n×K) or values."""
        F = torch.as_tensor(datasets.feature_matrix(X2d, self.config.features), dtype=torch.float32)
        was_training = self.model.training
        self.model.eval()
        out = output_to_prediction(self.model(F), self.config.problem)
        self.model.train(was_training)
        return out.numpy()

    def _record(self, force=False, values=None):
        """Add the losses and accuracies of this epoch to the history (every ``_stride``-th epoch);
        ``values``: (train loss, train accuracy, test loss, test accuracy) already computed."""
        if not force and self.epoch % self._stride:
            return
        h = self.history
        if values is None:
            tr, te = self.evaluate(self.Xtr, self.ytr), self.evaluate(self.Xte, self.yte)
        else:
            tr, te = (float(values[0]), float(values[1])), (float(values[2]), float(values[3]))
        for key, value in zip(("epoch", "train_loss", "train_acc", "test_loss", "test_acc"),
                              (self.epoch, tr[0], tr[1], te[0], te[1])):
            h[key].append(value)
        if len(h["epoch"]) > HISTORY_LIMIT:
            for key in h:
                h[key] = h[key][::2]
            self._stride *= 2

    @property
    def train_loss(self) -> float:
        return self.history["train_loss"][-1]

    @property
    def test_loss(self) -> float:
        return self.history["test_loss"][-1]
