"""Binder (repo2docker) cannot be reached from here: what can be checked is checked.

The environment the tests run in is the one ``scripts/setup`` made from ``requirements.txt`` (on
CI, in a fresh clone with no venv): ``binder/requirements.txt`` must ask for exactly those pins
(pip finds every one of them installed without an index), with torch's CPU build only. The
scripts repo2docker runs are executable, valid bash, and do what they say.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"


def requirement_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")]


def test_binder_requirements_are_the_project_pins_plus_the_cpu_index():
    assert requirement_lines(BINDER / "requirements.txt") == [
        "--extra-index-url https://download.pytorch.org/whl/cpu", "-r ../requirements.txt"]
    pins = requirement_lines(ROOT / "requirements.txt")
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.+\-]+", p) for p in pins), pins
    torch = [p for p in pins if p.startswith("torch==")]
    assert len(torch) == 1 and torch[0].endswith("+cpu"), f"one torch pin, the CPU build: {torch}"


def test_the_binder_pins_are_what_this_environment_has():
    """pip, without any index, finds every Binder requirement satisfied here: the app the tests run
    is the app Binder builds (``-r ../requirements.txt`` is resolved from binder/)."""
    out = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--disable-pip-version-check",
                          "-r", "requirements.txt"], cwd=BINDER, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    assert "Would install" not in out.stdout, out.stdout


def test_runtime_is_the_python_the_pins_are_for():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    assert sys.version_info[:2] == (3, 11)


def test_binder_scripts_are_executable_valid_bash():
    for name in ("postBuild", "start"):
        script = BINDER / name
        assert os.access(script, os.X_OK), f"binder/{name} is not executable"
        assert script.read_text().startswith("#!/bin/bash")
        check = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
    assert "pip install --no-deps -e ." in (BINDER / "postBuild").read_text()


def test_binder_start_sets_one_thread_and_the_template_path_then_runs_the_command():
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "JUPYTER_PATH")}
    out = subprocess.run([str(BINDER / "start"), sys.executable, "-c",
                          "import os; print(os.environ['OMP_NUM_THREADS'], os.environ['MKL_NUM_THREADS'],"
                          " os.environ['JUPYTER_PATH'])"],
                         cwd="/", env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    omp, mkl, path = out.stdout.split()
    assert (omp, mkl) == ("1", "1")
    assert Path(path.split(":")[0]) == ROOT / "share" / "jupyter"
    assert (Path(path.split(":")[0]) / "voila" / "templates" / "playground" / "conf.json").exists()


def test_repo2docker_would_build_python_311_the_pins_postbuild_and_start(tmp_path):
    """What repo2docker (the pinned release Binder runs) would build from this repository, asked
    without Docker (``--no-build --debug`` prints the Dockerfile): a broken binder/ fails here."""
    r2d = Path(sys.executable).parent / "jupyter-repo2docker"
    out = subprocess.run([str(r2d), "--no-build", "--no-run", "--debug", "--user-id", "1000",
                          "--user-name", "jovyan", str(ROOT)], capture_output=True, text=True, timeout=300,
                         cwd=tmp_path)
    text = out.stdout + out.stderr
    assert out.returncode == 0, text[-3000:]
    assert "Building conda environment for python=3.11" in text
    steps = [line for line in text.splitlines() if line.startswith(("RUN ", "ENV R2D_ENTRYPOINT"))]
    install = [s for s in steps if 'pip install --no-cache-dir -r "binder/requirements.txt"' in s]
    post_build = [s for s in steps if s == "RUN ./binder/postBuild"]
    start = [s for s in steps if s.endswith('/binder/start"')]
    assert install and post_build and start, steps
    assert steps.index(install[0]) < steps.index(post_build[0]) < steps.index(start[0])  # pins, then the package
    assert "COPY --chown=1000:1000 src/ ${REPO_DIR}/" in text  # ../requirements.txt is there for -r
