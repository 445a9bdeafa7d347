"""The fast path, compiled (``fastkernel``) and NumPy, against its oracle: PyTorch autograd and torch.optim
stepping the same model, same seed, same shuffled batches."""

import itertools

import numpy as np
import pytest
import torch

from playground import fastpath
from playground.config import ACTIVATIONS, OPTIMIZERS, Config
from playground.model import loss_fn
from playground.session import Session

LOSS_CASES = [("binary", "bce"), ("binary", "mse"), ("multiclass", "ce"), ("multiclass", "mse"),
              ("regression", "mse"), ("regression", "mae")]
DATASET = {"binary": "circle", "multiclass": "blobs", "regression": "plane"}
LR = {"sgd": 0.1, "momentum": 0.05, "rmsprop": 0.01, "adam": 0.02}
REG_RATE = {"none": 0.0, "l1": 0.01, "l2": 0.05, "decay": 0.05}
STEPS = 8  # 20 training points in batches of 8, 8, 4: two epoch ends, the partial batches, and steps beyond
ENGINES = ("compiled", "numpy")


def config(activation, problem, loss, optimizer="sgd", reg="none", residual=False, **more):
    # hidden (2, 3, 3): the first layer is 2 -> 2 (a residual from the input), then 2 -> 3, then 3 -> 3 (residual)
    return Config().replace(dataset=DATASET[problem], problem=problem, loss=loss, n_points=40, noise=0.1, seed=3,
                            hidden=(2, 3, 3), activation=activation, init="xavier", optimizer=optimizer,
                            lr=LR[optimizer] * (0.1 if problem == "regression" else 1), reg=reg, reg_rate=REG_RATE[reg], residual=residual, batch_size=8, **more)


def on(session, engine):
    """``session`` training on the fast path's ``engine`` ("compiled" or "numpy"); itself."""
    assert session.fast is not None
    session.fast.use_kernel = engine == "compiled"
    assert session.fast.compiled() == (engine == "compiled"), "numba is missing: the compiled path is not tested"
    return session


def twins(c, engine="compiled"):
    fast, slow = on(Session(c), engine), Session(c)
    slow.fast = None  # the PyTorch path: autograd + torch.optim
    return fast, slow


def mismatch(fast, slow):
    """Largest weight difference relative to the weights' scale."""
    worst = 0.0
    for pf, ps in zip(fast.model.parameters(), slow.model.parameters()):
        scale = max(1.0, ps.detach().abs().max().item())
        diff = (pf - ps).detach().abs().max().item() / scale
        worst = max(worst, diff if np.isfinite(diff) else np.inf)  # NaN weights are a mismatch, not a pass
    return worst


@pytest.mark.parametrize("problem, loss", LOSS_CASES, ids=[f"{p}-{l}" for p, l in LOSS_CASES])
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_fast_path_steps_like_torch(activation, problem, loss):
    """Both engines, every optimizer and penalty, with and without residual connections: the compiled
    one makes its ``STEPS`` in one call (two epoch ends inside it), the NumPy one step by step."""
    failures = []
    sessions = {name: Session(config(activation, problem, loss)) for name in (*ENGINES, "torch")}
    for optimizer, reg, residual in itertools.product(OPTIMIZERS, ("none", "l1", "l2", "decay"), (False, True)):
        c = config(activation, problem, loss, optimizer, reg, residual)
        for s in sessions.values():  # same data; fresh weights and optimizer for this combination
            s.apply(c)
            s.reset()
        slow = sessions["torch"]
        slow.fast = None  # the PyTorch path: autograd + torch.optim
        initial = [p.detach().clone() for p in slow.model.parameters()]
        assert slow.step(STEPS) == STEPS
        moved = max((p.detach() - q).abs().max().item() for p, q in zip(slow.model.parameters(), initial))
        for engine in ENGINES:
            fast = on(sessions[engine], engine)
            assert fast.config == c
            assert (fast.step(STEPS) if engine == "compiled" else sum(fast.step(1) for _ in range(STEPS))) == STEPS
            err = mismatch(fast, slow)
            curves = np.allclose(fast.history["train_loss"], slow.history["train_loss"], rtol=1e-4, atol=1e-6) and \
                np.allclose(fast.history["test_loss"], slow.history["test_loss"], rtol=1e-4, atol=1e-6) and \
                np.array_equal(fast.history["train_acc"], slow.history["train_acc"], equal_nan=True) and \
                fast.history["epoch"] == slow.history["epoch"] == [0, 1, 2]
            if not err <= 5e-6 or not curves or not moved > 1e-4 or fast.epoch != slow.epoch:
                failures.append(f"{engine} {optimizer}/{reg}/residual={residual}: weight mismatch {err:.2e}, moved "
                                f"{moved:.2e}, curves equal {curves}, epochs {fast.epoch} vs {slow.epoch}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_live_changes_keep_both_paths_together(optimizer, engine):
    """lr, optimizer, regularisation and batch size changed mid-run, as the live app does."""
    fast, slow = twins(config("tanh", "binary", "bce", optimizer), engine)
    changes = [dict(lr=1.5 * LR[optimizer]), dict(reg="decay", reg_rate=0.1), dict(reg="l1", reg_rate=0.02),
               dict(optimizer="adam", lr=0.01), dict(batch_size=5), dict(reg="l2", reg_rate=0.1)]
    for change in changes:
        for s in (fast, slow):
            assert s.apply(s.config.replace(**change)) == "live"
            s.step(4)
        assert mismatch(fast, slow) <= 2e-5, change


def test_fast_path_is_used_only_without_batch_norm_and_dropout():
    assert Session(Config()).fast is not None
    assert Session(Config(batch_norm=True)).fast is None
    assert Session(Config(dropout=0.1)).fast is None


def test_weights_are_shared_with_the_torch_model():
    s = Session(Config())
    s.step(3)
    for W, lin in zip(s.fast.W, s.model.linears):
        assert np.shares_memory(W, lin.weight.detach().numpy())
    s.reset()  # a new model gets a new fast trainer
    for W, lin in zip(s.fast.W, s.model.linears):
        assert np.shares_memory(W, lin.weight.detach().numpy())


@pytest.mark.parametrize("residual", [False, True])
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_forward_equals_the_model(activation, residual):
    s = Session(config(activation, "multiclass", "ce", residual=residual))
    logits, layers = s.fast.forward(s.Xtr.numpy())
    trace = []
    with torch.no_grad():
        out = s.model(s.Xtr, trace)
    np.testing.assert_allclose(logits, out.numpy(), rtol=1e-5, atol=1e-6)
    for (z, a, post), (pre_t, post_t) in zip(layers, trace[:-1]):
        np.testing.assert_allclose(z, pre_t.numpy(), rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(post, post_t.numpy(), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("problem, loss", LOSS_CASES, ids=[f"{p}-{l}" for p, l in LOSS_CASES])
@pytest.mark.parametrize("scale", [0.1, 3.0, 40.0])
def test_loss_and_grad_equal_autograd(problem, loss, scale):
    rng = np.random.default_rng(int(scale * 10))
    n, k = 13, (4 if problem == "multiclass" else 1)
    z = (rng.normal(size=(n, k)) * scale).astype(np.float32)
    if problem == "binary":
        y = rng.integers(0, 2, n).astype(np.float32)
        y_t = torch.from_numpy(y)
    elif problem == "multiclass":
        y = rng.integers(0, k, n)
        y_t = torch.from_numpy(y)
    else:
        y = rng.uniform(-1, 1, n).astype(np.float32)
        y_t = torch.from_numpy(y)
    value, grad = fastpath.loss_and_grad(z, y, problem, loss)
    z_t = torch.from_numpy(z.astype(np.float64)).requires_grad_()
    expected = loss_fn(z_t, y_t.double() if y_t.is_floating_point() else y_t, problem, loss)
    (g,) = torch.autograd.grad(expected, z_t)
    assert value == pytest.approx(expected.item(), rel=1e-5, abs=1e-6)
    assert grad.shape == z.shape
    np.testing.assert_allclose(grad, g.numpy(), rtol=1e-4, atol=1e-7)
    value_only, none = fastpath.loss_and_grad(z, y, problem, loss, want_grad=False)
    assert none is None and value_only == value


def test_bce_is_stable_for_huge_logits():
    z = np.array([[80.0], [-80.0], [500.0], [-500.0]], np.float32)
    y = np.array([1, 0, 0, 1], np.float32)
    value, grad = fastpath.loss_and_grad(z, y, "binary", "bce")
    assert value == pytest.approx((0 + 0 + 500 + 500) / 4)
    np.testing.assert_allclose(grad[:, 0], [0, 0, 0.25, -0.25], atol=1e-7)
    value, _ = fastpath.loss_and_grad(np.array([[1e4, -1e4]], np.float32), np.array([1]), "multiclass", "ce")
    assert value == pytest.approx(2e4, rel=1e-6)  # exact, although the softmax probability underflows to 0


@pytest.mark.parametrize("engine", ENGINES)
def test_reset_optimizer_forgets_state_like_a_new_torch_optimizer(engine):
    fast, slow = twins(config("tanh", "binary", "bce", "adam"), engine)
    fast.step(5)
    slow.step(5)
    fast.fast.reset_optimizer()
    slow.optimizer = torch.optim.Adam(slow.model.parameters(), lr=slow.config.lr)
    fast.step(5)
    slow.step(5)
    assert mismatch(fast, slow) <= 2e-5
    assert fast.fast.t == 5
