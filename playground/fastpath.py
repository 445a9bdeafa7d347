"""The fast path: training steps for plain networks (no batch norm, no dropout) without PyTorch.

Why this exists: for networks this small PyTorch's per-operation overhead dominates. One
mini-batch step of TensorFlow Playground's 2-4-2-1 network takes ~270 µs in eager PyTorch,
~30 µs in NumPy here and ~1 µs compiled (``playground.fastkernel``, numba: whole epochs in one
call); ``benchmarks/engine.py`` prints the epochs/s of each. The arrays are views of the torch
parameters, so the torch model always holds the current weights; probes and exports never see
this module. Where numba is missing, or an activation is not compiled, steps run on NumPy.
``tests/test_fastpath.py`` checks both against ``torch.autograd`` and ``torch.optim`` stepping the
same model, for every activation, loss, optimizer and penalty.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import torch

from playground.activations import ACTIVATIONS, sigmoid
from playground.forward import forward


def loss_and_grad(z, y, problem, loss, want_grad=True):
    """Mean loss of logits ``z`` (n×k) against targets ``y`` and, if asked, dLoss/dz."""
    n = len(z)
    if problem == "binary":
        z0 = z[:, 0]
        p = sigmoid(z0)
        if loss == "bce":
            value = np.mean(np.maximum(z0, 0) - z0 * y + np.log1p(np.exp(-np.abs(z0))))
            g = (p - y) / n if want_grad else None
        else:
            value = np.mean((p - y) ** 2)
            g = 2 * (p - y) * p * (1 - p) / n if want_grad else None
        return float(value), (g[:, None] if want_grad else None)
    if problem == "multiclass":
        shifted = z - z.max(axis=1, keepdims=True)
        e = np.exp(shifted)
        total = e.sum(axis=1, keepdims=True)
        s = e / total
        onehot = np.eye(z.shape[1], dtype=z.dtype)[y]
        if loss == "ce":  # log-softmax, exact even where a probability underflows to 0
            value = -np.mean(shifted[np.arange(n), y] - np.log(total[:, 0]))
            return float(value), ((s - onehot) / n if want_grad else None)
        value = np.mean((s - onehot) ** 2)
        if not want_grad:
            return float(value), None
        gs = 2 * (s - onehot) / s.size
        return float(value), s * (gs - (gs * s).sum(axis=1, keepdims=True))
    r = z[:, 0] - y
    if loss == "mae":
        return float(np.mean(np.abs(r))), (np.sign(r)[:, None] / n if want_grad else None)
    return float(np.mean(r * r)), (2 * r[:, None] / n if want_grad else None)


class FastTrainer:
    """Forward, backward and optimizer step in NumPy, or many steps in one compiled call
    (``playground.fastkernel``), in place on a ``model.Net``'s weights.

    Every weight matrix, then every bias, lives in one float32 vector ``flat``; the torch parameters
    are made views of its slices, so the model holds the current weights after every call."""

    def __init__(self, net, config):
        linears = list(net.linears)
        self.sizes = np.array([linears[0].in_features] + [lin.out_features for lin in linears], np.int64)
        n_weights = int(sum(lin.weight.numel() for lin in linears))
        self.flat = np.empty(n_weights + int(sum(lin.bias.numel() for lin in linears)), np.float32)
        self.weights = self.flat[:n_weights]  # what L1 and L2 act on
        self.W, self.b, at = [], [], 0
        for group, out in (("weight", self.W), ("bias", self.b)):
            for lin in linears:
                param = getattr(lin, group)
                view = self.flat[at:at + param.numel()].reshape(param.shape)
                view[...] = param.detach().numpy()
                param.data = torch.from_numpy(view)  # the torch model now reads and writes ``flat``
                out.append(view)
                at += param.numel()
        self.layers = list(zip(self.W, self.b))  # the same views: the updates below are in place
        self.offsets = np.cumsum([0] + [w.size for w in self.W], dtype=np.int64)  # weight matrix l at offsets[l]
        self.starts = np.cumsum([0, *self.sizes[1:]], dtype=np.int64)  # units before layer l (fastkernel's scratch)
        self.activation = config.activation
        act = ACTIVATIONS[config.activation]
        self.param = float(next(iter(act.params.values()), 0.0))  # slope or alpha
        self.f = partial(act.f, **act.params)
        self.df = None if act.identity else partial(act.df, **act.params)  # None: f' = 1
        sizes = config.layer_sizes
        self.residual = config.residual
        self.res = [config.residual and sizes[i] == sizes[i + 1] for i in range(len(sizes) - 2)]
        self.use_kernel = True
        self.reset_optimizer()

    @staticmethod
    def supports(config) -> bool:
        return not config.batch_norm and config.dropout == 0

    def compiled(self) -> bool:
        """Whether ``run`` can train this network in compiled calls (numba installed, activation known;
        ``use_kernel = False`` keeps it on NumPy, as the tests do to check both)."""
        if not self.use_kernel:
            return False
        k = kernel()
        return k is not None and self.activation in k.ACTIVATION_IDS

    def reset_optimizer(self):
        """Forget momentum and running averages (as a new torch optimizer would)."""
        self.t = 0
        self.state = [np.zeros_like(self.flat), np.zeros_like(self.flat)]  # momentum or Adam's m; v

    def forward(self, X):
        """Logits and, per hidden layer, (pre-activation, f(pre), layer output) (``forward.forward``)."""
        return forward(self.layers, X, self.f, residual=self.residual)

    def run(self, data, orders, pos, nsteps, record, c):
        """``nsteps`` steps in one compiled call (``fastkernel.train``): ``data`` is
        ``(X, y, X_test, y_test)``, ``orders`` the shuffled training rows of each epoch it reaches from
        position ``pos`` of the first. Returns the data loss of the last batch before its step and, per
        epoch end, (train loss, train accuracy, test loss, test accuracy) where ``record`` is True."""
        k = kernel()
        out = np.full((len(record), 4), np.nan, np.float32)  # float32, as the evaluations of the torch path
        loss, self.t = k.train(
            self.flat, self.state[0], self.state[1], self.t, self.sizes, self.offsets, self.starts,
            np.array(self.res + [False], np.bool_), k.ACTIVATION_IDS[self.activation], self.param,
            k.LOSS_IDS[c.problem, c.loss], k.OPTIMIZER_IDS[c.optimizer], float(c.lr), k.REG_IDS[c.reg],
            float(c.reg_rate), *(np.ascontiguousarray(a, np.float32) for a in data), orders, int(pos), int(nsteps), int(min(c.batch_size, len(data[0]))),
            record, out)
        return loss, out

    def step(self, X, y, c) -> float:
        """One step on batch ``(X, y)`` with config ``c``. Returns the data loss before the step."""
        z, layers = self.forward(X)
        loss, d = loss_and_grad(z, y, c.problem, c.loss)
        grads_W, grads_b = [None] * len(self.W), [None] * len(self.W)
        skip = None  # dL/d(input of layer i) through layer i's skip connection, which bypasses W[i]
        for i in reversed(range(len(self.W))):
            grads_W[i] = d.T @ (layers[i - 1][2] if i else X)
            grads_b[i] = d.sum(axis=0)
            if i:
                zi, ai, _ = layers[i - 1]
                da = d @ self.W[i]  # dL/d(output of layer i-1)
                if skip is not None:
                    da = da + skip
                d = da if self.df is None else da * self.df(zi, ai)
                skip = da if self.res[i - 1] else None
        g = np.concatenate([g.ravel() for g in grads_W + grads_b]).astype(np.float32, copy=False)
        if c.reg == "l2" and c.reg_rate > 0:
            g[:len(self.weights)] += np.float32(c.reg_rate) * self.weights
        self._update(g, c)
        if c.reg == "l1" and c.reg_rate > 0:  # proximal step, as the torch path does
            shrink = np.float32(c.lr * c.reg_rate)
            np.copyto(self.weights, np.sign(self.weights) * np.maximum(np.abs(self.weights) - shrink, 0))
        return loss

    def _update(self, g, c):
        """The update rules of torch.optim's SGD, SGD(momentum=0.9), RMSprop and Adam, on every parameter."""
        self.t += 1
        lr, wd = np.float32(c.lr), np.float32(c.reg_rate if c.reg == "decay" else 0.0)
        p, (m, v) = self.flat, self.state
        if wd:
            g = g + wd * p
        if c.optimizer == "sgd":
            p -= lr * g
        elif c.optimizer == "momentum":
            m[:] = g if self.t == 1 else 0.9 * m + g
            p -= lr * m
        elif c.optimizer == "rmsprop":
            v[:] = 0.99 * v + 0.01 * g * g
            p -= lr * g / (np.sqrt(v) + 1e-8)
        else:
            m[:] = 0.9 * m + 0.1 * g
            v[:] = 0.999 * v + 0.001 * g * g
            bc1, bc2 = 1 - 0.9 ** self.t, 1 - 0.999 ** self.t
            p -= (lr / bc1) * m / (np.sqrt(v) / np.sqrt(bc2) + 1e-8)


def kernel():
    """``playground.fastkernel`` (numba), imported on first use; None where numba is not installed."""
    global _kernel
    if _kernel is False:
        try:
            from playground import fastkernel as _loaded
        except ImportError:  # no numba: every step on the NumPy path
            _loaded = None
        _kernel = _loaded
    return _kernel


_kernel = False  # not imported yet
