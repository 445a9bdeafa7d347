"""The network: a fully connected stack that can record every layer on the way through."""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

from playground.activations import ACTIVATIONS


class Net(nn.Module):
    """``a(l) = f(BN(W(l) a(l-1) + b(l)))`` (+ ``a(l-1)`` with residual connections), then a
    linear output layer. ``forward(x, trace)`` appends ``(pre, post)`` for every hidden layer
    and ``(logits, logits)`` for the output to ``trace`` when a list is given."""

    def __init__(self, sizes, *, activation="tanh", batch_norm=False, dropout=0.0, residual=False):
        super().__init__()
        self.sizes = tuple(sizes)
        self.linears = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))
        self.norms = nn.ModuleList(nn.BatchNorm1d(b) for b in sizes[1:-1]) if batch_norm else None
        self.act = ACTIVATIONS[activation].torch_module()
        self.drop = nn.Dropout(dropout) if dropout > 0 else None
        self.residual = residual

    def forward(self, x, trace=None):
        h = x
        for i, linear in enumerate(self.linears[:-1]):
            pre = linear(h)
            if self.norms is not None:
                pre = self.norms[i](pre)
            post = self.act(pre)
            if self.residual and post.shape == h.shape:
                post = post + h
            if trace is not None:
                trace.append((pre, post))
            h = self.drop(post) if self.drop is not None else post
        out = self.linears[-1](h)
        if trace is not None:
            trace.append((out, out))
        return out

    def hidden_weights(self):
        """Weight matrices of every layer (not biases or batch-norm scales): what L1/L2 act on."""
        return [lin.weight for lin in self.linears]


def initialise(net: Net, scheme: str, generator: torch.Generator):
    """Set the weights of ``net`` by ``scheme`` (see ``config.INITS``), reproducibly."""
    g = generator
    with torch.no_grad():
        for lin in net.linears:
            w, b = lin.weight, lin.bias
            if scheme == "uniform":  # TensorFlow Playground's: U(-0.5, 0.5), bias 0.1
                nn.init.uniform_(w, -0.5, 0.5, generator=g)
                nn.init.constant_(b, 0.1)
                continue
            if scheme == "small":
                nn.init.normal_(w, 0.0, 0.01, generator=g)
            elif scheme == "xavier":
                nn.init.xavier_normal_(w, generator=g)
            elif scheme == "he":
                nn.init.kaiming_normal_(w, nonlinearity="relu", generator=g)
            elif scheme == "large":
                nn.init.normal_(w, 0.0, 1.5, generator=g)
            else:
                raise ValueError(f"init={scheme!r} is not allowed")
            nn.init.zeros_(b)


def build(config, generator: torch.Generator) -> Net:
    """The network a config describes, initialised from ``generator``."""
    net = Net(config.layer_sizes, activation=config.activation, batch_norm=config.batch_norm,
              dropout=config.dropout, residual=config.residual)
    initialise(net, config.init, generator)
    return net


def output_to_prediction(logits, problem):
    """What the model predicts: P(y=1) (binary), class probabilities (multi-class) or the value."""
    if problem == "binary":
        return torch.sigmoid(logits[:, 0])
    if problem == "multiclass":
        return torch.softmax(logits, dim=1)
    return logits[:, 0]


def loss_fn(logits, target, problem, loss):
    """The training loss. ``target`` is float (binary, regression) or long class ids."""
    if problem == "binary":
        if loss == "bce":
            return F.binary_cross_entropy_with_logits(logits[:, 0], target)
        return F.mse_loss(torch.sigmoid(logits[:, 0]), target)
    if problem == "multiclass":
        if loss == "ce":
            return F.cross_entropy(logits, target)
        return F.mse_loss(torch.softmax(logits, 1), F.one_hot(target, logits.shape[1]).to(logits.dtype))
    if loss == "mae":
        return F.l1_loss(logits[:, 0], target)
    return F.mse_loss(logits[:, 0], target)
