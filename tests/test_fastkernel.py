"""The compiled fast path (``playground.fastkernel``): its activations against the registry, one call
against many, its history against the NumPy path's, the fallback without numba, and the promise that
a fresh kernel neither imports numba before training nor compiles once the cache is warm.

Weights against torch autograd + torch.optim, for every activation, loss, optimizer and penalty:
``tests/test_fastpath.py``.
"""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from playground import fastkernel, fastpath, session as session_module
from playground.activations import ACTIVATIONS, NAMES
from playground.config import Config, preset
from playground.session import Session

from tests.test_fastpath import config, mismatch, on


def test_every_activation_of_the_registry_is_compiled():
    assert set(fastkernel.ACTIVATION_IDS) == set(NAMES)
    assert len(set(fastkernel.ACTIVATION_IDS.values())) == len(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_scalar_activations_equal_the_registry(name):
    act, kind = ACTIVATIONS[name], fastkernel.ACTIVATION_IDS[name]
    p = float(next(iter(act.params.values()), 0.0))
    z = np.concatenate([np.linspace(-30, 30, 601), [-1e-9, 0.0, 1e-9, 19.99, 20.0, 20.01, -700.0, 700.0]])
    f = np.array([fastkernel.act_f(kind, float(v), p) for v in z])
    df = np.array([fastkernel.act_df(kind, float(v), float(a), p) for v, a in zip(z, f)])
    np.testing.assert_allclose(f, act.value(z), rtol=1e-9, atol=1e-12)  # the registry's sigmoid loses digits below -20
    np.testing.assert_allclose(df, act.derivative(z), rtol=1e-9, atol=1e-12)


def pair(c, **kw):
    """Two sessions of ``c``: one on the compiled path, one on the NumPy path."""
    return on(Session(c, **kw), "compiled"), on(Session(c, **kw), "numpy")


@pytest.mark.parametrize("chunks", [[1] * 9, [2, 5, 2], [9], [3, 3, 3], [4, 1, 4]])
def test_one_call_or_many_make_the_same_run(chunks):
    """However the steps are split into calls (mid-epoch, at epoch ends, many epochs at once), the
    compiled run is the same, bit for bit, and it is the NumPy run's."""
    c = config("tanh", "multiclass", "ce", "adam", "l2", residual=True)
    whole, _ = pair(c)
    whole.step(sum(chunks))
    split, numpy = pair(c)
    for n in chunks:
        split.step(n)
        numpy.step(n)
    for s in (split, numpy):
        assert s.epoch == whole.epoch and s.steps == whole.steps and s.history["epoch"] == whole.history["epoch"]
    assert mismatch(split, whole) == 0.0 and split.history == whole.history
    assert mismatch(numpy, whole) <= 2e-6
    np.testing.assert_allclose(numpy.history["train_loss"], whole.history["train_loss"], rtol=1e-5)


def test_history_thinning_is_the_same_as_epoch_by_epoch(monkeypatch):
    """Past HISTORY_LIMIT the history keeps every other epoch: one call of many epochs records the
    epochs that epoch-by-epoch training records."""
    monkeypatch.setattr(session_module, "HISTORY_LIMIT", 8)
    c = config("relu", "binary", "bce", "momentum")
    compiled, numpy = pair(c)
    compiled.train_epochs(45)
    for _ in range(45):
        numpy.train_epochs(1)
    assert compiled.history["epoch"] == numpy.history["epoch"] and compiled._stride == numpy._stride > 1
    for key in ("train_loss", "test_loss", "train_acc", "test_acc"):
        np.testing.assert_allclose(compiled.history[key], numpy.history[key], rtol=1e-5, atol=1e-7)


def test_live_batch_size_change_and_added_points():
    compiled, numpy = pair(config("tanh", "binary", "bce"))
    for change in (dict(batch_size=3), dict(batch_size=50), dict(batch_size=1)):
        for s in (compiled, numpy):
            s.step(5)
            s.apply(s.config.replace(**change))
            s.step(7)
            s.add_point(0.5, -0.5, 1)
            s.step(4)
    assert compiled.epoch == numpy.epoch and compiled.history["epoch"] == numpy.history["epoch"]
    assert mismatch(compiled, numpy) <= 2e-6


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # NumPy says where the overflow happens
@pytest.mark.parametrize("c", [
    Config(dataset="plane", problem="regression", loss="mse", lr=30.0, hidden=(8, 8), activation="relu"),
    preset("exploding")], ids=["lr too large", "float32 overflow"])
def test_a_diverging_run_stops_as_on_numpy_and_torch(c):
    compiled, numpy = pair(c)
    torch_path = Session(c)
    torch_path.fast = None
    for s in (compiled, numpy, torch_path):
        s.train_epochs(20)
    assert compiled.status == numpy.status == torch_path.status == "diverged"
    assert compiled.epoch == numpy.epoch == torch_path.epoch
    assert compiled.step(5) == 0


def test_snapshot_and_restore_go_on_exactly():
    s = on(Session(config("silu", "regression", "mae", "rmsprop", "decay")), "compiled")
    s.step(5)
    snap = s.snapshot()
    s.step(11)
    after = [p.detach().clone() for p in s.model.parameters()]
    s.restore(snap)
    s.step(11)
    assert all(np.array_equal(p.detach().numpy(), q.numpy()) for p, q in zip(s.model.parameters(), after))


def test_without_numba_sessions_train_on_numpy(monkeypatch):
    c = config("elu", "binary", "mse", "adam")
    compiled = on(Session(c), "compiled")
    monkeypatch.setattr(fastpath, "_kernel", None)  # as if numba were not installed
    numpy = Session(c)
    assert numpy.fast is not None and not numpy.fast.compiled()
    compiled.step(9)
    numpy.step(9)
    assert mismatch(compiled, numpy) <= 2e-6 and numpy.epoch == compiled.epoch == 3


FRESH_KERNEL = """
import json, sys
from playground.session import Session
s = Session(n_points=60, hidden=(5, 3), activation="gelu")
before = "numba" in sys.modules
s.train_epochs(3)
from playground import fastkernel
stats = fastkernel.train.stats
print(json.dumps({"numba_before_training": before, "numba_after": "numba" in sys.modules,
                  "hits": sum(stats.cache_hits.values()), "misses": sum(stats.cache_misses.values())}))
"""


def test_a_fresh_kernel_after_setup_loads_the_compiled_kernel_without_compiling():
    """``python -m playground.warm`` (scripts/setup, binder/postBuild) fills numba's cache; a new
    interpreter then imports numba only when it first trains, and loads the kernel: no compile."""
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    warm = subprocess.run([sys.executable, "-m", "playground.warm"], capture_output=True, text=True, env=env,
                          timeout=300)
    assert warm.returncode == 0 and "fast-path kernel" in warm.stdout, warm.stdout + warm.stderr
    out = subprocess.run([sys.executable, "-c", FRESH_KERNEL], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"numba_before_training": False, "numba_after": True, "hits": 1, "misses": 0}, seen


def test_setup_and_binder_warm_the_cache():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for script in ("scripts/setup", "binder/postBuild"):
        with open(os.path.join(root, script)) as f:
            assert "-m playground.warm" in f.read(), f"{script} does not run python -m playground.warm"
