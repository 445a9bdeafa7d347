"""One way to start the servers that the browser tests and the benchmarks drive.

    from playground_dev.servers import start_voila, start_jupyterlab, stop, voila_server

    server = start_voila()          # notebooks/ with ./voila.json, as scripts/serve runs it
    try:
        page.goto(server.url + "/voila/render/index.ipynb")
    finally:
        stop(server)

    with voila_server(log_path=...) as server:      # the same, as a context manager
        ...

Every server listens on 127.0.0.1 on a free port, runs its kernels with one thread
(``OMP_NUM_THREADS=1``), takes kernels from this interpreter's venv
(``JUPYTER_PREFER_ENV_PATH=1``) and finds this repository's Voilà template (``share/jupyter``
on ``JUPYTER_PATH``: voila.json names the template "playground", which makes no request
outside the machine). It is started in a process group of its own and stopped with SIGTERM
(Voilà and Jupyter shut their kernels down; SIGINT would ask for confirmation), then SIGKILL to
the whole group if it has not exited in time.

A server that exits or does not answer in time raises ``ServerError`` (a RuntimeError) with the
end of its log.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT_ROOT = ROOT / "test-output"
# This repository's Jupyter data directory: the Voilà template "playground" (voila.json).
JUPYTER_DATA = ROOT / "share" / "jupyter"
BIN = Path(sys.executable).parent
STOP_TIMEOUT = 10.0  # seconds between SIGTERM and SIGKILL


class ServerError(RuntimeError):
    """A server exited before serving, or did not answer in time."""


@dataclass
class Server:
    url: str  # "http://127.0.0.1:<port>", no trailing slash
    proc: subprocess.Popen
    log_path: Path
    name: str = "server"
    scratch: Path | None = None  # a temporary directory of the server's, removed by stop()

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(extra: dict | None = None) -> dict:
    """The environment of a server: this process's, one thread per kernel, kernels from this
    venv, unbuffered logs, and this repository's Jupyter data directory first on JUPYTER_PATH."""
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
               JUPYTER_PREFER_ENV_PATH="1", PYTHONUNBUFFERED="1")
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(JUPYTER_DATA), os.environ.get("JUPYTER_PATH")]))
    env.update(extra or {})
    return env


def log_tail(path: Path, n: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return "(no log)"


def _program(script: str, module: str) -> list[str]:
    """This venv's console script, or ``python -m module`` when there is none."""
    exe = BIN / script
    return [str(exe)] if exe.exists() else [sys.executable, "-m", module]


def _memory_cap(limit: int | None):
    """A preexec function capping the server's data segment (inherited by its kernels) at ``limit``."""
    if limit is None:
        return None
    import resource

    def cap():
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    return cap


def _start(name: str, cmd: list[str], *, port: int, probe: str, cwd: Path, env: dict,
           log_path: Path, timeout: float, poll: float = 0.25, scratch: Path | None = None,
           memory_limit: int | None = None) -> Server:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True,
                                preexec_fn=_memory_cap(memory_limit))
    server = Server(f"http://127.0.0.1:{port}", proc, log_path, name, scratch)
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise ServerError(f"{name} exited with code {proc.returncode} before serving; "
                              f"{log_path}:\n{log_tail(log_path)}")
        try:
            with urllib.request.urlopen(server.url + probe, timeout=5) as resp:
                if resp.status == 200:
                    return server
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            stop(server)
            raise ServerError(f"{name} did not answer 200 on {server.url}{probe} within {timeout:.0f} s; "
                              f"{log_path}:\n{log_tail(log_path)}")
        time.sleep(poll)


def start_voila(notebooks: str | Path = "notebooks/", *, args=(), cwd: Path = ROOT,
                env_extra: dict | None = None, log_path: Path | None = None,
                timeout: float = 60.0, memory_limit: int | None = None) -> Server:
    """Voilà serving ``notebooks`` (a directory or one notebook) on a free port of 127.0.0.1.

    Run from ``cwd`` (the repository root by default, so Voilà reads ./voila.json there, as
    scripts/serve does); ``args`` are extra command-line options; ``memory_limit`` (bytes) caps
    the server's data segment and its kernels' from outside, whatever voila.json says (attack
    tests: a regression fails the test, not the machine). Returns once ``/`` answers 200.
    """
    port = free_port()
    cmd = _program("voila", "voila") + [
        str(notebooks), "--no-browser", f"--port={port}", "--Voila.port_retries=0",
        "--Voila.ip=127.0.0.1", *args]
    return _start("Voilà", cmd, port=port, probe="/", cwd=cwd, env=server_env(env_extra),
                  log_path=log_path or OUTPUT_ROOT / "voila.log", timeout=timeout, memory_limit=memory_limit)


def start_jupyterlab(root_dir: str | Path, *, args=(), cwd: Path = ROOT,
                     env_extra: dict | None = None, log_path: Path | None = None,
                     timeout: float = 90.0) -> Server:
    """JupyterLab on a free port of 127.0.0.1, serving ``root_dir``, for tests: no token, no
    browser, its settings, workspaces and runtime files in a fresh temporary directory (nothing
    is read from or written to ~/.jupyter), no news or update checks. Returns once the server's
    API answers 200 (the lab page itself is built on request)."""
    port = free_port()
    state = Path(tempfile.mkdtemp(prefix="jupyterlab-state-"))
    # no "Would you like to get notified about official Jupyter news?" toast, no update check
    notification = state / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True)
    notification.write_text('{"fetchNews": "false", "checkForUpdates": false}')
    cmd = _program("jupyter-lab", "jupyterlab") + [
        "--no-browser", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={root_dir}",
        "--IdentityProvider.token=", "--ServerApp.password=",
        f"--LabApp.user_settings_dir={state / 'settings'}",
        f"--LabApp.workspaces_dir={state / 'workspaces'}",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        *args]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # jupyter refuses to run as root without it
    env = server_env({"JUPYTER_RUNTIME_DIR": str(state / "runtime"), **(env_extra or {})})
    return _start("JupyterLab", cmd, port=port, probe="/api/status", cwd=cwd, env=env,
                  log_path=log_path or OUTPUT_ROOT / "jupyterlab.log", timeout=timeout, scratch=state)


def stop(server: Server | subprocess.Popen, timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM, then SIGKILL to the server's whole process group (it and any kernel it left
    behind) if it has not exited within ``timeout`` seconds."""
    proc = server.proc if isinstance(server, Server) else server
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
    if isinstance(server, Server) and server.scratch is not None:
        shutil.rmtree(server.scratch, ignore_errors=True)


@contextlib.contextmanager
def voila_server(notebooks: str | Path = "notebooks/", *, stop_timeout: float = STOP_TIMEOUT, **kwargs):
    """``start_voila(notebooks, **kwargs)`` as a context manager yielding the Server."""
    server = start_voila(notebooks, **kwargs)
    try:
        yield server
    finally:
        stop(server, stop_timeout)


@contextlib.contextmanager
def jupyterlab_server(root_dir: str | Path, *, stop_timeout: float = STOP_TIMEOUT, **kwargs):
    """``start_jupyterlab(root_dir, **kwargs)`` as a context manager yielding the Server."""
    server = start_jupyterlab(root_dir, **kwargs)
    try:
        yield server
    finally:
        stop(server, stop_timeout)
