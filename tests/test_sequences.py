"""Networks over time (playground/sequences.py) against torch's fused nn.RNN/nn.LSTM/nn.GRU with the same
weights: the unrolled outputs, ∂L/∂h_t at every step (autograd through the fused module), the gates;
the tasks' targets; the session's training, apply and reproducibility."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from playground import sequences as sq
from playground.sequences import SeqConfig, SeqSession


def fused(model: sq.SeqNet):
    """torch's whole-sequence module with the cell's weights."""
    cls = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[model.kind]
    net = cls(1, model.cell.hidden_size, batch_first=True)
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(net, f"{name}_l0").copy_(getattr(model.cell, name))
    return net


def fused_grad_at(model, X, y, problem, t):
    """∂L/∂h_t by the fused module: run to step t, add a zero tensor to h_t, run on from there."""
    net = fused(model)
    out1, state = net(X[:, :t + 1])
    e = torch.zeros_like(out1[:, -1], requires_grad=True)
    h = (out1[:, -1] + e)[None]
    state = (h, state[1]) if model.kind == "lstm" else h
    out2, _ = net(X[:, t + 1:], state) if t + 1 < X.shape[1] else (h.transpose(0, 1), None)
    last = out2[:, -1]
    loss = sq.loss_fn(problem, model.head(last)[:, 0], y) * len(X)
    return torch.autograd.grad(loss, e)[0].norm(dim=1).mean().item()


@pytest.mark.parametrize("cell", sq.CELLS)
def test_unrolled_cell_equals_the_fused_module(cell):
    s = SeqSession(SeqConfig(cell=cell, length=7, hidden=5, n_train=16, n_test=16, seed=2))
    s.step(3)
    out, hs = s.model(s.Xte)
    ref, _ = fused(s.model)(s.Xte)
    torch.testing.assert_close(torch.stack(hs, 1), ref, rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(out, s.model.head(ref[:, -1])[:, 0], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(s.hidden_states(3), ref[3].detach().numpy(), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("cell", sq.CELLS)
@pytest.mark.parametrize("task", ["first_bit", "sine"])
def test_gradient_through_time_equals_autograd_through_the_fused_module(cell, task):
    s = SeqSession(SeqConfig(task=task, cell=cell, length=6, hidden=4, n_train=16, n_test=16, seed=1))
    s.step(2)
    ours = s.grad_through_time(n=8)
    X, y = s.Xte[:8], s.yte[:8]
    ref = [fused_grad_at(s.model, X, y, s.config.problem, t) for t in range(6)]
    np.testing.assert_allclose(ours, ref, rtol=1e-4, atol=1e-9)


def test_vanilla_rnn_gradient_follows_the_bptt_recursion():
    """δ_t = W_hhᵀ (δ_{t+1} ⊙ (1 − h_{t+1}²)) for tanh, written in NumPy for one sequence."""
    s = SeqSession(SeqConfig(cell="rnn", length=8, hidden=3, n_train=8, n_test=8, seed=4))
    h = s.hidden_states(0).astype(float)
    Whh = s.model.cell.weight_hh.detach().numpy().astype(float)
    w_out = s.model.head.weight.detach().numpy()[0].astype(float)
    out = float(h[-1] @ w_out + s.model.head.bias.item())
    p, y = 1 / (1 + np.exp(-out)), float(s.yte[0])
    delta = [None] * 8
    delta[-1] = (p - y) * w_out
    for t in range(6, -1, -1):
        delta[t] = Whh.T @ (delta[t + 1] * (1 - h[t + 1] ** 2))
    ours = s.grad_through_time(n=1)
    np.testing.assert_allclose(ours, [np.linalg.norm(d) for d in delta], rtol=1e-4)


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_gates_rebuild_the_cells_hidden_state(cell):
    s = SeqSession(SeqConfig(cell=cell, length=5, hidden=3, n_train=8, n_test=8, seed=0))
    g = s.gates(0)
    h = s.hidden_states(0)
    assert set(g) == set(sq.GATES[cell]) and all(v.shape == (5, 3) for v in g.values())
    prev_h = np.vstack([np.zeros((1, 3)), h[:-1]])
    if cell == "lstm":
        c = np.zeros(3)
        for t in range(5):
            c = g["f"][t] * c + g["i"][t] * g["g"][t]
            np.testing.assert_allclose(g["o"][t] * np.tanh(c), h[t], rtol=1e-5, atol=1e-6)
    else:
        np.testing.assert_allclose((1 - g["z"]) * g["n"] + g["z"] * prev_h, h, rtol=1e-5, atol=1e-6)


def test_tasks_targets_and_reproducibility():
    X, y = sq.make_sequences("parity", 50, 5, noise=0.0, seed=3)
    np.testing.assert_array_equal(y, (X[:, :, 0] > 0).sum(1) % 2)
    X, y = sq.make_sequences("sine", 5, 30, noise=0.0, seed=3)
    assert X.shape == (5, 30, 1) and np.all(np.abs(y) <= 1)
    a, b = SeqSession(SeqConfig(seed=5, n_train=32, n_test=32)), SeqSession(SeqConfig(seed=5, n_train=32, n_test=32))
    a.step(5)
    b.step(5)
    assert a.history == b.history
    with pytest.raises(ValueError, match="choose one of rnn, lstm, gru"):
        SeqConfig(cell="transformer")
    with pytest.raises(ValueError, match="from 2 to 200"):
        SeqConfig(length=1)


def test_session_learns_short_memory_and_apply_keeps_or_rebuilds():
    s = SeqSession(SeqConfig(cell="lstm", length=5, hidden=8, lr=0.03, n_train=128, n_test=128))
    s.step(60)
    assert s.history["test_acc"][-1] > 0.95 and s.test_loss < s.history["test_loss"][0]
    assert s.apply(s.config.replace(lr=0.01)) == "live" and s.epoch == 60
    assert s.optimizer.param_groups[0]["lr"] == 0.01
    assert s.apply(s.config.replace(length=9)) == "rebuilt" and s.epoch == 0 and s.Xtr.shape[1] == 9
    assert s.apply(s.config) == "same"
