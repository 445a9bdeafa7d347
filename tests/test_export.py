"""Exports: the generated script runs and learns; Sequential and saved weights reproduce the session."""

import io
import json
import os
import re
import subprocess
import sys

import numpy as np
import pytest
import torch

from playground import export
from playground.config import Config
from playground.own_data import OWN, PointsSource, read_csv
from playground.session import Session

EPOCHS = 20
SCRIPTS = {
    "default": Config(),
    "blobs": Config().replace(dataset="blobs", hidden=(6,), activation="relu", init="he", optimizer="adam", lr=0.01),
    "plane": Config().replace(dataset="plane", hidden=(4,), lr=0.01),
    "residual-bn-dropout": Config(hidden=(4, 4, 4), residual=True, batch_norm=True, dropout=0.1, batch_size=7,
                                  optimizer="adam", lr=0.01),
    "l1": Config(hidden=(6,), reg="l1", reg_rate=0.001, optimizer="momentum", lr=0.01),
    "decay": Config().replace(dataset="spiral3", hidden=(8, 8), reg="decay", reg_rate=0.001, optimizer="rmsprop",
                              lr=0.003, features=("x1", "x2", "sinx1", "sinx2")),
    "l2-mse": Config(dataset="xor", hidden=(4,), reg="l2", reg_rate=0.01, loss="mse", lr=0.3),
    "linear-no-hidden": Config(hidden=(), activation="linear", features=("x1sq", "x2sq"), lr=0.01),
    # one's own points: the script reads the Playground's data.csv download (written beside it)
    "own": Config().replace(dataset=OWN, problem="multiclass", classes=3, n_points=90, hidden=(6,), lr=0.1),
}
OWN_POINTS = Config().replace(dataset="spiral3", n_points=90, noise=0.1)  # what the "own" data.csv holds


RUN = [*list(SCRIPTS)[:6], "own"]  # default, blobs, plane, residual + batch norm + dropout, l1, decay, own

RUNNER = """
import contextlib, os, runpy, sys, traceback
for folder in sys.argv[1:]:
    os.chdir(folder)  # each script runs in its own directory and its own fresh namespace
    with open("out.txt", "w") as out, contextlib.redirect_stdout(out):
        try:
            runpy.run_path("train.py", run_name="__main__")
        except BaseException:
            traceback.print_exc(file=sys.stdout)
            print("SCRIPT FAILED")
"""


@pytest.fixture(scope="module")
def script_runs(tmp_path_factory):
    """Run the exported scripts with sys.executable, cwd a temporary directory. Two interpreters (one a core)
    share the scripts: each interpreter's torch import costs more than a script's training."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    folders = {}
    for name in RUN:
        folders[name] = tmp_path_factory.mktemp(name)
        (folders[name] / "train.py").write_text(export.pytorch_code(SCRIPTS[name], epochs=EPOCHS))
        if SCRIPTS[name].dataset == OWN:
            (folders[name] / "data.csv").write_text(export.data_csv(Session(OWN_POINTS)))
    names = list(folders)
    procs = [subprocess.Popen([sys.executable, "-c", RUNNER, *[str(folders[n]) for n in names[i::2]]],
                              cwd=folders[names[i]], env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for i in range(2)]
    outcomes = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
    for out, err, code in outcomes:
        assert code == 0, err[-2000:]
    return {name: (folders[name] / "out.txt").read_text() for name in names}


@pytest.mark.parametrize("name", RUN)
def test_exported_script_runs_and_learns(script_runs, name):
    out = script_runs[name]
    assert "SCRIPT FAILED" not in out, out[-3000:]
    rows = re.findall(r"epoch\s+(\d+)\s+train loss ([\d.naninf]+)\s+test loss ([\d.naninf]+)\s+test accuracy (\S+)", out)
    assert [int(r[0]) for r in rows] == list(range(0, EPOCHS + 1, EPOCHS // 10)), out
    losses = [float(r[1]) for r in rows]
    assert all(np.isfinite(losses)), out
    assert losses[-1] < losses[0], out
    accuracy = float(rows[-1][3])
    if SCRIPTS[name].problem == "regression":
        assert np.isnan(accuracy)
    else:
        assert 0 <= accuracy <= 1


def test_exported_code_states_the_settings():
    c = SCRIPTS["residual-bn-dropout"]
    code = export.pytorch_code(c, epochs=5)
    compile(code, "train.py", "exec")
    assert "?" + c.to_query() in code
    assert "class Residual" in code and "nn.BatchNorm1d(4)" in code and "nn.Dropout(0.1)" in code
    assert "torch.optim.Adam(model.parameters(), lr=0.01)" in code
    assert "len(idx) < 2" in code  # batch norm skips a batch of one, like the session
    assert "weight_decay=0.001" in export.pytorch_code(SCRIPTS["decay"])
    assert "m.weight.abs() - 1e-05" in export.pytorch_code(SCRIPTS["l1"])  # lr * reg_rate
    assert "loss_total = loss + 0.5 * 0.01" in export.pytorch_code(SCRIPTS["l2-mse"])


def trained(c, epochs=3):
    if c.dataset == OWN:
        s = Session(c, data=PointsSource(read_csv(export.data_csv(Session(OWN_POINTS)))))
    else:
        s = Session(c.replace(n_points=120))
    s.train_epochs(epochs)
    return s


@pytest.mark.parametrize("name", list(SCRIPTS))
def test_sequential_reproduces_the_model(name):
    s = trained(SCRIPTS[name])
    seq = export.sequential(s.config)
    seq.load_state_dict(export.sequential_state_dict(s))
    seq.eval()
    s.model.eval()
    X = torch.as_tensor(np.random.default_rng(0).uniform(-6, 6, (64, len(s.config.features))), dtype=torch.float32)
    with torch.no_grad():
        torch.testing.assert_close(seq(X), s.model(X), rtol=1e-6, atol=1e-6)
        torch.testing.assert_close(seq(s.Xte), s.model(s.Xte), rtol=1e-6, atol=1e-6)
    s.model.train()
    n_linear = sum(isinstance(m, torch.nn.Linear) for m in seq.modules())
    assert n_linear == len(s.config.layer_sizes) - 1


def test_sequential_state_dict_is_a_copy():
    s = trained(SCRIPTS["default"])
    state = export.sequential_state_dict(s)
    for v in state.values():
        v.zero_()
    assert any(p.abs().sum() > 0 for p in s.model.parameters())


@pytest.mark.parametrize("name", ["default", "residual-bn-dropout", "blobs"])
def test_weights_bytes_load_into_the_exported_model(name):
    s = trained(SCRIPTS[name])
    state = torch.load(io.BytesIO(export.weights_bytes(s)))
    seq = export.sequential(s.config)
    seq.load_state_dict(state)  # strict: every key and shape matches
    seq.eval()
    s.model.eval()
    with torch.no_grad():
        torch.testing.assert_close(seq(s.Xtr), s.model(s.Xtr), rtol=1e-6, atol=1e-6)
    s.model.train()
    if s.config.batch_norm:  # the running statistics travel too
        bn = [m for m in seq.modules() if isinstance(m, torch.nn.BatchNorm1d)][0]
        torch.testing.assert_close(bn.running_mean, s.model.norms[0].running_mean)


@pytest.mark.parametrize("name", ["default", "blobs", "linear-no-hidden"])
def test_weights_json(name):
    s = trained(SCRIPTS[name])
    doc = json.loads(export.weights_json(s))
    assert doc["layer_sizes"] == list(s.config.layer_sizes)
    assert Config.from_query(doc["query"]) == s.config
    assert doc["epoch"] == s.epoch == 3
    sizes = s.config.layer_sizes
    assert len(doc["layers"]) == len(sizes) - 1
    for layer, a, b, lin in zip(doc["layers"], sizes[:-1], sizes[1:], s.model.linears):
        W, bias = np.array(layer["W"]), np.array(layer["b"])
        assert W.shape == (b, a) and bias.shape == (b,)
        np.testing.assert_array_equal(W, lin.weight.detach().numpy())  # float32 values survive JSON exactly
        np.testing.assert_array_equal(bias, lin.bias.detach().numpy())


@pytest.mark.parametrize("name", ["default", "blobs", "plane"])
def test_data_csv(name):
    s = Session(SCRIPTS[name].replace(n_points=57, train_fraction=0.3))
    text = export.data_csv(s)
    lines = text.splitlines()
    assert len(lines) == 57 + 1 and text.endswith("\n")
    assert lines[0] == "x1,x2,label,split"
    rows = [line.split(",") for line in lines[1:]]
    split = np.array([r[3] for r in rows])
    assert (split == "train").sum() == len(s.train_idx) and (split == "test").sum() == len(s.test_idx)
    np.testing.assert_array_equal(np.flatnonzero(split == "train"), s.train_idx)
    np.testing.assert_array_equal(np.array([[float(r[0]), float(r[1])] for r in rows]), s.X)  # repr: exact
    np.testing.assert_array_equal(np.array([float(r[2]) for r in rows]), s.y)
    s.add_point(0.5, 0.25, 1, train=False)
    last = export.data_csv(s).splitlines()[-1].split(",")
    assert last[:2] == ["0.5", "0.25"] and float(last[2]) == 1 and last[3] == "test"
