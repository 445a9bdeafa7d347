"""descent.py against independent oracles: torch's optimizers stepping the same two weights,
a direct loss computation for the surface grid, and the closed-form / Newton minimum."""

import numpy as np
import pytest
import torch

from playground import descent
from playground.descent import batch_paths, batch_schedule, descend, make_problem, race


def torch_loop(problem, opt_name, lr, start, steps, batches=None):
    """The oracle: a hand-written torch loop on the same model (float64 weights)."""
    X = torch.tensor(problem.X, dtype=torch.float64)
    y = torch.tensor(problem.y, dtype=torch.float64)
    w = torch.nn.Parameter(torch.tensor(start, dtype=torch.float64))
    opt = {"sgd": lambda: torch.optim.SGD([w], lr=lr),
           "momentum": lambda: torch.optim.SGD([w], lr=lr, momentum=0.9),
           "rmsprop": lambda: torch.optim.RMSprop([w], lr=lr),
           "adam": lambda: torch.optim.Adam([w], lr=lr)}[opt_name]()
    out = [w.detach().clone().numpy()]
    for i in range(steps):
        idx = None if batches is None else batches[i]
        xb, yb = (X, y) if idx is None else (X[idx], y[idx])
        z = xb @ w
        if problem.kind == "logistic":
            loss = -(yb * torch.log(torch.sigmoid(z)) + (1 - yb) * torch.log(1 - torch.sigmoid(z))).mean()
        else:
            loss = ((z - yb) ** 2).mean() / 2
        opt.zero_grad()
        loss.backward()
        opt.step()
        out.append(w.detach().clone().numpy())
    return np.array(out)


@pytest.mark.parametrize("name", descent.PROBLEMS)
@pytest.mark.parametrize("opt", descent.OPTIMIZERS)
def test_full_batch_paths_equal_torch_optimizers(name, opt):
    p = make_problem(name, n_points=60, seed=3)
    path = descend(p, opt, lr=0.2, start=(-2.0, 1.5), steps=40)
    assert not path.diverged
    np.testing.assert_allclose(path.points, torch_loop(p, opt, 0.2, (-2.0, 1.5), 40), rtol=1e-9, atol=1e-10)


@pytest.mark.parametrize("opt", descent.OPTIMIZERS)
def test_mini_batch_paths_equal_torch_on_the_same_batches(opt):
    p = make_problem("logistic", n_points=50, seed=1)
    path = descend(p, opt, lr=0.1, start=(2.0, -2.0), steps=30, batch_size=8, seed=5)
    assert len(path.batches) == 30 and all(len(b) <= 8 for b in path.batches)
    np.testing.assert_allclose(path.points, torch_loop(p, opt, 0.1, (2.0, -2.0), 30, path.batches), rtol=1e-9, atol=1e-10)


def test_batch_schedule_is_an_epoch_wise_shuffle():
    sched = batch_schedule(10, 3, 8, seed=0)
    first_epoch = np.concatenate(sched[:4])  # 3 + 3 + 3 + 1
    assert sorted(first_epoch) == list(range(10))
    assert [len(b) for b in sched[:5]] == [3, 3, 3, 1, 3]
    assert batch_schedule(10, None, 3) == [None] * 3
    assert batch_schedule(10, 10, 2) == [None] * 2


def test_batch_minibatch_stochastic_paths():
    p = make_problem("logistic")
    paths = batch_paths(p, lr=0.3, start=(-3.0, 3.0), steps=50, batch_size=10)
    assert paths["batch"].batch_size is None and paths["mini-batch"].batch_size == 10
    assert paths["stochastic"].batch_size == 1
    # noise: the one-point path's steps vary in direction far more than the full-batch path's
    def turning(path):
        d = np.diff(path.points, axis=0)
        cos = (d[1:] * d[:-1]).sum(1) / (np.linalg.norm(d[1:], axis=1) * np.linalg.norm(d[:-1], axis=1) + 1e-12)
        return 1 - cos.mean()
    assert turning(paths["stochastic"]) > turning(paths["mini-batch"]) > turning(paths["batch"])


@pytest.mark.parametrize("name", descent.PROBLEMS)
def test_grid_equals_the_loss_computed_directly(name):
    p = make_problem(name, n_points=40)
    ws, Z = p.grid(7)
    for i, j in [(0, 0), (3, 5), (6, 2)]:
        direct = p.loss(torch.tensor([ws[j], ws[i]], dtype=torch.float64)).item()
        assert Z[i, j] == pytest.approx(direct, rel=1e-9)


@pytest.mark.parametrize("name", descent.PROBLEMS)
def test_minimum_has_zero_gradient_and_is_the_lowest_point(name):
    p = make_problem(name)
    w = torch.tensor(p.minimum(), dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(p.loss(w), w)
    assert g.abs().max().item() < 1e-8
    _, Z = p.grid(50)
    assert p.losses([p.minimum()])[0] <= Z.min() + 1e-12


def test_ravine_is_badly_conditioned_and_momentum_and_adam_help():
    p = make_problem("ravine")
    eig = np.linalg.eigvalsh(p.X.T @ p.X / p.n)
    assert eig.max() / eig.min() > 20
    paths = race(p, lr=p.lr, start=p.start, steps=100)
    best = p.losses([p.minimum()])[0]
    gap = {k: v.losses[-1] - best for k, v in paths.items()}
    assert gap["momentum"] < gap["sgd"] / 10 and gap["adam"] < gap["sgd"] / 10


def test_too_large_learning_rate_diverges_without_raising():
    p = make_problem("ravine")
    path = descend(p, "sgd", lr=3.0, start=p.start, steps=200)
    assert path.diverged and "diverged" in path.message and "smaller learning rate" in path.message
    assert len(path.points) < 201 and np.all(np.isfinite(path.points)) and np.all(np.isfinite(path.losses))
    assert len(path.batches) == len(path.points) - 1


def test_too_small_learning_rate_hardly_moves():
    p = make_problem("logistic")
    path = descend(p, "sgd", lr=1e-4, start=p.start, steps=100)
    assert np.linalg.norm(path.points[-1] - path.points[0]) < 0.05


def test_same_seed_same_path():
    p = make_problem("logistic", seed=2)
    a = descend(p, "adam", lr=0.1, steps=20, batch_size=5, seed=9)
    b = descend(make_problem("logistic", seed=2), "adam", lr=0.1, steps=20, batch_size=5, seed=9)
    np.testing.assert_array_equal(a.points, b.points)


@pytest.mark.parametrize("kwargs, match", [
    (dict(optimizer="lbfgs"), "optimizer='lbfgs' is not allowed"),
    (dict(lr=0), "lr=0 is not allowed"),
    (dict(start=(1.0, float("nan"))), "start=.* is not allowed"),
    (dict(steps=-1), "steps=-1 is not allowed"),
    (dict(batch_size=0), "batch_size=0 is not allowed"),
])
def test_bad_arguments_are_value_errors_naming_them(kwargs, match):
    p = make_problem("logistic", n_points=10)
    args = dict(optimizer="sgd", lr=0.1, start=(0.0, 0.0), steps=5)
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        descend(p, args.pop("optimizer"), **args)


def test_unknown_problem():
    with pytest.raises(ValueError, match="problem='bowl' is not allowed; choose one of logistic, ravine"):
        make_problem("bowl")


def test_descent_and_validation_are_engine_modules_without_widgets_or_plotly():
    import json
    import subprocess
    import sys
    code = """
import json, sys
from playground import descent, validation
from playground.config import Config
p = descent.make_problem("ravine"); descent.race(p, lr=0.3, steps=5); p.grid(5)
validation.cross_validate(Config(dataset="moons", n_points=40, hidden=(3,), reg="l2"), values=(0.0,), k=2, epochs=1)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("ipywidgets", "plotly"))))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
