"""NumPy training steps for plain networks (no batch norm, no dropout).

Why this exists: for networks this small PyTorch's per-operation overhead dominates. One
mini-batch step of TensorFlow Playground's 2-4-2-1 network takes ~270 µs in eager PyTorch
on this machine and ~30 µs here, which is the difference between ~150 and ~1,000 epochs/s
(``benchmarks/engine.py`` prints both). The arrays are views of the torch parameters, so
the torch model always holds the current weights; probes and exports never see this
module. ``tests/test_fastpath.py`` checks every activation, loss, optimizer and penalty
against ``torch.autograd`` and ``torch.optim`` stepping the same model.
"""

from __future__ import annotations

from functools import partial

import numpy as np

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
    """Forward, backward and optimizer step in NumPy, in place on a ``model.Net``'s weights."""

    def __init__(self, net, config):
        self.W = [lin.weight.detach().numpy() for lin in net.linears]  # views: (out, in)
        self.b = [lin.bias.detach().numpy() for lin in net.linears]
        self.layers = list(zip(self.W, self.b))  # the same views: the updates below are in place
        act = ACTIVATIONS[config.activation]
        self.f = partial(act.f, **act.params)
        self.df = None if act.identity else partial(act.df, **act.params)  # None: f' = 1
        sizes = config.layer_sizes
        self.residual = config.residual
        self.res = [config.residual and sizes[i] == sizes[i + 1] for i in range(len(sizes) - 2)]
        self.reset_optimizer()

    @staticmethod
    def supports(config) -> bool:
        return not config.batch_norm and config.dropout == 0

    def reset_optimizer(self):
        """Forget momentum and running averages (as a new torch optimizer would)."""
        self.t = 0
        self.state = [[np.zeros_like(p), np.zeros_like(p)] for p in self.W + self.b]

    def forward(self, X):
        """Logits and, per hidden layer, (pre-activation, f(pre), layer output) (``forward.forward``)."""
        return forward(self.layers, X, self.f, residual=self.residual)

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
        if c.reg == "l2" and c.reg_rate > 0:
            grads_W = [g + c.reg_rate * w for g, w in zip(grads_W, self.W)]
        self._update(self.W + self.b, grads_W + grads_b, c)
        if c.reg == "l1" and c.reg_rate > 0:  # proximal step, as the torch path does
            shrink = np.float32(c.lr * c.reg_rate)
            for w in self.W:
                np.copyto(w, np.sign(w) * np.maximum(np.abs(w) - shrink, 0))
        return loss

    def _update(self, params, grads, c):
        """The update rules of torch.optim's SGD, SGD(momentum=0.9), RMSprop and Adam."""
        self.t += 1
        lr, wd = np.float32(c.lr), np.float32(c.reg_rate if c.reg == "decay" else 0.0)
        for p, g, st in zip(params, grads, self.state):
            g = g.astype(p.dtype, copy=False)
            if wd:
                g = g + wd * p
            if c.optimizer == "sgd":
                p -= lr * g
            elif c.optimizer == "momentum":
                st[0] = g.copy() if self.t == 1 else 0.9 * st[0] + g
                p -= lr * st[0]
            elif c.optimizer == "rmsprop":
                st[1] = 0.99 * st[1] + 0.01 * g * g
                p -= lr * g / (np.sqrt(st[1]) + 1e-8)
            else:
                st[0] = 0.9 * st[0] + 0.1 * g
                st[1] = 0.999 * st[1] + 0.001 * g * g
                bc1, bc2 = 1 - 0.9 ** self.t, 1 - 0.999 ** self.t
                p -= (lr / bc1) * st[0] / (np.sqrt(st[1]) / np.sqrt(bc2) + 1e-8)
