"""Networks over time: small sequence tasks, a recurrent cell (vanilla RNN, LSTM or GRU, torch's
cells unrolled step by step) and a session that trains it, with what the sequence page draws: the
hidden state over time, the size of ∂L/∂h_t at every time step, and the gates.

>>> X, y = make_sequences("first_bit", 4, 6, noise=0.0, seed=0)
>>> X.shape, bool(((X[:, 0, 0] > 0) == (y == 1)).all())
((4, 6, 1), True)

The cell is unrolled in Python (``nn.RNNCell`` …) so that every ``h_t`` is a tensor of its own
whose gradient autograd can keep; ``tests/test_sequences.py`` checks the unrolled network against
torch's fused ``nn.RNN``/``nn.LSTM``/``nn.GRU`` with the same weights, and ∂L/∂h_t against them.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, fields, replace

import numpy as np
import torch
from torch import nn

from playground import optimizers

torch.set_num_threads(1)

TASKS = {"first_bit": "binary", "parity": "binary", "sine": "regression"}
CELLS = ("rnn", "lstm", "gru")
GATES = {"rnn": (), "lstm": ("i", "f", "g", "o"), "gru": ("r", "z", "n")}  # torch's order of the chunks
HISTORY_LIMIT = 600


@dataclass(frozen=True)
class SeqConfig:
    """What a learner chose: the task, the cell, the sequence length and the rest (all validated)."""

    task: str = "first_bit"
    cell: str = "rnn"
    length: int = 10
    hidden: int = 16
    lr: float = 0.03  # measured: at T = 60 the LSTM and the GRU learn the first bit in ~600 epochs, the RNN not
    n_train: int = 256
    n_test: int = 256
    noise: float = 0.1
    seed: int = 0

    def __post_init__(self):
        if self.task not in TASKS:
            raise ValueError(f"task={self.task!r} is not allowed; choose one of {', '.join(TASKS)}")
        if self.cell not in CELLS:
            raise ValueError(f"cell={self.cell!r} is not allowed; choose one of {', '.join(CELLS)}")
        for name, lo, hi in (("length", 2, 200), ("hidden", 1, 128), ("n_train", 8, 5000), ("n_test", 8, 5000)):
            v = getattr(self, name)
            if not isinstance(v, (int, np.integer)) or not lo <= v <= hi:
                raise ValueError(f"{name}={v!r} is not allowed; choose a whole number from {lo} to {hi}")
        if not (isinstance(self.lr, (int, float)) and 1e-6 <= self.lr <= 10):
            raise ValueError(f"lr={self.lr!r} is not allowed; choose a number from 1e-06 to 10")

    def replace(self, **changes) -> "SeqConfig":
        return replace(self, **changes)

    def diff(self, other: "SeqConfig") -> set:
        return {f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)}

    @property
    def problem(self) -> str:
        return TASKS[self.task]


# -- the tasks ----------------------------------------------------------------------------------
def make_sequences(task, n, length, *, noise=0.1, seed=None):
    """``(X, y)``: ``n`` sequences of ``length`` steps with one input each, ``X`` (n, length, 1)
    float32, and one target per sequence, ``y`` (n,), to be answered after the last step:

    - ``first_bit``: random bits written ±1 (plus noise); y = the first bit (remember it T steps);
    - ``parity``: the same bits; y = 1 when the number of ones is odd;
    - ``sine``: a noisy sine with a random frequency and phase; y = its next (clean) value.
    """
    if task not in TASKS:
        raise ValueError(f"task={task!r} is not allowed; choose one of {', '.join(TASKS)}")
    rng = np.random.default_rng(seed)
    if task == "sine":
        omega = rng.uniform(0.15, 0.6, (n, 1))
        phase = rng.uniform(0, 2 * np.pi, (n, 1))
        t = np.arange(length + 1)[None, :]
        clean = np.sin(omega * t + phase)
        X = clean[:, :length] + noise * rng.normal(size=(n, length))
        y = clean[:, length]
    else:
        bits = rng.integers(0, 2, (n, length))
        X = 2.0 * bits - 1 + noise * rng.normal(size=(n, length))
        y = bits[:, 0] if task == "first_bit" else bits.sum(1) % 2
    return X[:, :, None].astype(np.float32), np.asarray(y, np.float32)


# -- the network --------------------------------------------------------------------------------
class SeqNet(nn.Module):
    """A recurrent cell read step by step, then one linear output on the last hidden state."""

    def __init__(self, cell: str, hidden: int):
        super().__init__()
        self.kind = cell
        self.cell = {"rnn": nn.RNNCell, "lstm": nn.LSTMCell, "gru": nn.GRUCell}[cell](1, hidden)
        self.head = nn.Linear(hidden, 1)

    def forward(self, X, *, perturb=None):
        """``(output per sequence, [h_1 … h_T])``; ``perturb[t]`` (a tensor) is added to h_t, the
        handle autograd gives ∂L/∂h_t through (zeros change nothing)."""
        n, T, _ = X.shape
        h = X.new_zeros(n, self.cell.hidden_size)
        c = h.clone()
        hs = []
        for t in range(T):
            if self.kind == "lstm":
                h, c = self.cell(X[:, t], (h, c))
            else:
                h = self.cell(X[:, t], h)
            if perturb is not None:
                h = h + perturb[t]
            hs.append(h)
        return self.head(h)[:, 0], hs


def loss_fn(problem, out, y):
    if problem == "binary":
        return nn.functional.binary_cross_entropy_with_logits(out, y)
    return nn.functional.mse_loss(out, y)


def gates(model: SeqNet, x):
    """The gates of one sequence ``x`` (T, 1) at every step, ``{name: (T, hidden)}`` in [0, 1]
    (``g`` and ``n``, candidates, in [-1, 1]), from the cell's weights (torch's formulas)."""
    cell, H = model.cell, model.cell.hidden_size
    out = {name: [] for name in GATES[model.kind]}
    with torch.no_grad():
        X = torch.as_tensor(np.asarray(x, np.float32)).reshape(1, -1, 1)
        _, hs = model(X)
        prev = [torch.zeros(1, H)] + hs[:-1]
        for t in range(X.shape[1]):
            gi = X[:, t] @ cell.weight_ih.T + cell.bias_ih
            gh = prev[t] @ cell.weight_hh.T + cell.bias_hh
            if model.kind == "lstm":
                i, f, g, o = (gi + gh).chunk(4, 1)
                values = (torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o))
            else:
                ir, iz, inn = gi.chunk(3, 1)
                hr, hz, hn = gh.chunk(3, 1)
                r = torch.sigmoid(ir + hr)
                values = (r, torch.sigmoid(iz + hz), torch.tanh(inn + r * hn))
            for name, v in zip(GATES[model.kind], values):
                out[name].append(v[0].numpy())
    return {k: np.array(v) for k, v in out.items()}


# -- the session --------------------------------------------------------------------------------
class SeqSession:
    """Data, network, optimizer (Adam, full batch: one step is one epoch) and history for one
    ``SeqConfig``, with the methods the live apps use (``step``, ``train_for``, ``reset``, ``apply``)."""

    def __init__(self, config: SeqConfig | None = None):
        self.config = config or SeqConfig()
        self.reset()

    def reset(self):
        c = self.config
        X, y = make_sequences(c.task, c.n_train + c.n_test, c.length, noise=c.noise, seed=c.seed)
        self.Xtr, self.ytr = torch.from_numpy(X[:c.n_train]), torch.from_numpy(y[:c.n_train])
        self.Xte, self.yte = torch.from_numpy(X[c.n_train:]), torch.from_numpy(y[c.n_train:])
        torch.manual_seed(c.seed)
        self.model = SeqNet(c.cell, c.hidden)
        self.optimizer = optimizers.make("adam", self.model.parameters(), lr=c.lr)
        self.epoch, self.status, self.message = 0, "ok", ""
        self.history = {k: [] for k in ("epoch", "train_loss", "test_loss", "train_acc", "test_acc")}
        self.record()

    def apply(self, config: SeqConfig) -> str:
        """Move to ``config``: "same", "live" (only the learning rate: weights kept) or "rebuilt"."""
        changed = self.config.diff(config)
        self.config = config
        if not changed:
            return "same"
        if changed == {"lr"}:
            for group in self.optimizer.param_groups:
                group["lr"] = config.lr
            return "live"
        self.reset()
        return "rebuilt"

    def evaluate(self, X, y):
        """``(loss, accuracy)`` (accuracy NaN for regression)."""
        with torch.no_grad():
            out, _ = self.model(X)
            loss = loss_fn(self.config.problem, out, y).item()
        acc = float(((out > 0).float() == y).float().mean()) if self.config.problem == "binary" else math.nan
        return loss, acc

    def predict(self, X) -> np.ndarray:
        """The network's answers: P(1) for the bit tasks, the next value for the sine."""
        with torch.no_grad():
            out, _ = self.model(torch.as_tensor(X))
        return (torch.sigmoid(out) if self.config.problem == "binary" else out).numpy()

    def record(self):
        (trl, tra), (tel, tea) = self.evaluate(self.Xtr, self.ytr), self.evaluate(self.Xte, self.yte)
        for k, v in zip(self.history, (self.epoch, trl, tel, tra, tea)):
            self.history[k].append(v)
        if len(self.history["epoch"]) > HISTORY_LIMIT:
            self.history = {k: v[::2] for k, v in self.history.items()}  # new lists: views get copies
        if not math.isfinite(trl):
            self.status, self.message = "diverged", "The loss is no longer a number: lower the learning rate."

    def step(self, n: int = 1) -> int:
        """``n`` full-batch Adam steps (epochs). Returns the steps made."""
        for _ in range(n):
            if self.status != "ok":
                return 0
            self.optimizer.zero_grad()
            out, _ = self.model(self.Xtr)
            loss_fn(self.config.problem, out, self.ytr).backward()
            nn.utils.clip_grad_norm_(self.model.parameters(), 5.0)
            optimizers.step(self.optimizer)
            self.epoch += 1
            self.record()
        return n

    def train_for(self, seconds: float, *, max_steps: int = 10_000) -> int:
        end, made = time.perf_counter() + seconds, 0
        while made < max_steps and self.status == "ok":
            made += self.step(1)
            if time.perf_counter() >= end:
                break
        return made

    @property
    def train_loss(self) -> float:
        return self.history["train_loss"][-1]

    @property
    def test_loss(self) -> float:
        return self.history["test_loss"][-1]

    # -- probes -------------------------------------------------------------------------------
    def hidden_states(self, index: int = 0) -> np.ndarray:
        """h_t of test sequence ``index`` at every step, (T, hidden)."""
        with torch.no_grad():
            _, hs = self.model(self.Xte[index:index + 1])
        return torch.cat(hs).numpy()

    def grad_through_time(self, n: int = 64) -> np.ndarray:
        """Mean over ``n`` test sequences of ‖∂L/∂h_t‖ for t = 1..T: how much the loss at the end
        still reaches step t."""
        X, y = self.Xte[:n], self.yte[:n]
        perturb = [torch.zeros(len(X), self.config.hidden, requires_grad=True) for _ in range(X.shape[1])]
        out, _ = self.model(X, perturb=perturb)
        loss = loss_fn(self.config.problem, out, y) * len(X)  # the sum: each sequence's own gradient
        grads = torch.autograd.grad(loss, perturb)
        self.model.zero_grad(set_to_none=True)
        return np.array([g.norm(dim=1).mean().item() for g in grads])

    def gates(self, index: int = 0):
        return gates(self.model, self.Xte[index].numpy())
