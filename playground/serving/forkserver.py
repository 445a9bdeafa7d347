"""Kernels forked from a warm process: a page's kernel starts with torch, plotly and the widgets imported.

A kernel started the usual way (``python -m ipykernel_launcher -f <connection file>``) imports
IPython, torch, plotly, ipywidgets and the playground's engine again: 2-3 s of CPU on this machine
for every page a learner opens, most of a lesson page's wait, and ten pages opened together wait
for ten of them on two cores. Here one process (the *fork server*, a child of the Jupyter server)
imports them once; every kernel is a ``fork()`` of it that then runs ipykernel as
``ipykernel_launcher`` would, with the kernel's own command line, environment and working
directory. Memory pages that nobody writes stay shared between the kernels.

``ForkingProvisioner`` is jupyter_client's ``LocalProvisioner`` whose process comes from the fork
server (voila.json: ``KernelProvisionerFactory.default_provisioner_name = "playground-fork"``, the
entry point in pyproject.toml). Everything else is the LocalProvisioner's: the connection file,
signals to the kernel's process group (the kernel calls ``setsid()``), kill, restart. A command
that is not this interpreter's ``-m ipykernel_launcher``, or a fork server that cannot be reached,
falls back to starting the process the usual way (logged).

What the fork server imports leaves ``playground.apps`` out: importing it runs the served kernel's
guard (``apps.kernel_guard``), which must run in each kernel, once its shell exists. The fork server
exits when the Jupyter server does (its parent changes); a kernel exits when the fork server does
(ipykernel's parent poller). What a module read from the environment on import is the fork
server's: the kernel's parent is given on its command line, and ipywidgets' comm targets, which it
registers on import only when a kernel runs, are registered in each kernel.

    python -m playground.serving.forkserver <socket path>     # what the provisioner starts
"""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import signal
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

from jupyter_client.provisioning import LocalProvisioner

# Imported once by the fork server: what every page's kernel needs before its first picture.
WARM = ("IPython", "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.comm", "comm",
        "numpy", "torch", "plotly.graph_objects", "plotly.subplots", "ipywidgets", "anywidget",
        "playground.session", "playground.live", "playground.controls", "playground.views",
        "playground.probes", "playground.warping", "playground.data")
NOT_WARM = "playground.apps"  # runs the served kernel's guard when imported: each kernel imports it
START_TIMEOUT_S = 60.0  # for the fork server to import WARM and listen
# Room in the fork server's command line for a kernel's (see _retitle): a last argument of this many dots.
TITLE_ROOM = 512


# --- the fork server -------------------------------------------------------------------------------


def _reap(*_args) -> None:
    """Collect the kernels that have exited (they are this process's children)."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _retitle(argv: list[str]) -> bool:
    """Make this process's command line (/proc/<pid>/cmdline: ``ps``, psutil) read ``argv``, the
    kernel's own, so that whatever finds kernels by ``ipykernel_launcher -f kernel-<id>.json``
    (the benchmarks, the tests, a teacher's ``ps``) finds this one. The fork server's command line
    ends with TITLE_ROOM dots, room that is written over here (through /proc/self/mem). False if it
    could not be (the kernel runs all the same)."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        start, end = int(fields[45]), int(fields[46])  # arg_start, arg_end (proc(5) fields 48, 49)
        title = "\0".join(argv).encode() + b"\0"
        if len(title) > end - start:
            return False
        with open("/proc/self/mem", "r+b", buffering=0) as mem:
            mem.seek(start)
            mem.write(title.ljust(end - start, b"\0"))
        return True
    except (OSError, ValueError, IndexError):
        return False


def _become_kernel(request: dict, conn: socket.socket, listener: socket.socket) -> None:
    """In the forked child: become the kernel ``request`` asks for (never returns)."""
    code = 1
    try:
        listener.close()
        for sig in (signal.SIGCHLD, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.setsid()  # its own process group: the provisioner signals the group
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"], JPY_PARENT_PID=str(os.getppid()))  # for the kernel's own children
        sys.argv = ["ipykernel_launcher", *request["argv"][3:]]
        sys.path[0] = request["cwd"]
        threads = os.environ.get("OMP_NUM_THREADS", "")
        if threads.isdigit() and int(threads) > 0:
            import torch
            torch.set_num_threads(int(threads))
        _retitle(request["argv"])
        conn.sendall(json.dumps({"pid": os.getpid()}).encode() + b"\n")
        conn.close()
        from ipykernel.kernelapp import IPKernelApp
        app = IPKernelApp.instance()
        # read from the environment when ipykernel was imported (in the fork server): given here
        app.initialize(sys.argv[1:] + [f"--IPKernelApp.parent_handle={os.getppid()}"])
        import ipywidgets
        ipywidgets.register_comm_target()  # done on import when a kernel runs: ipywidgets came before it
        app.start()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException as exc:  # noqa: BLE001 - the server's log says why, the child exits
        print(f"playground fork server: a kernel failed: {type(exc).__name__}: {exc}", file=sys.__stderr__)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def warm() -> None:
    for name in WARM:
        importlib.import_module(name)
    from playground import fastpath
    fastpath.kernel()  # numba's compiled kernel, from its on-disk cache
    assert NOT_WARM not in sys.modules, f"{NOT_WARM} was imported: its guard would not run in the kernels"


def serve(path: str) -> None:
    """Import WARM, listen on the Unix socket ``path``; fork a kernel for each request (one JSON
    line: argv, env, cwd), whose first line back is its pid. Exit when the parent process changes."""
    parent = os.getppid()
    warm()
    if threading.active_count() > 1 or len(os.listdir("/proc/self/task")) > 1:
        print("playground fork server: threads started while importing; forking is not safe, exiting",
              file=sys.stderr)
        sys.exit(1)
    signal.signal(signal.SIGCHLD, _reap)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    listener.settimeout(1.0)
    while os.getppid() == parent:
        try:
            conn, _ = listener.accept()
        except (TimeoutError, InterruptedError):
            continue
        try:
            conn.settimeout(10.0)
            with conn.makefile("rb") as lines:  # closed before the fork, so that conn.close() closes its fd
                request = json.loads(lines.readline())
            if os.fork() == 0:
                _become_kernel(request, conn, listener)
        except Exception as exc:  # noqa: BLE001 - one bad request must not stop the server
            print(f"playground fork server: {type(exc).__name__}: {exc}", file=sys.stderr)
        finally:
            conn.close()


# --- the Jupyter side --------------------------------------------------------------------------------


class ForkedProcess:
    """What the LocalProvisioner needs of a ``Popen`` for a kernel that is not our child."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                state = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                state = "X"
            if state in ("Z", "X"):
                self.returncode = 0  # its exit status went to the fork server
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"kernel {self.pid} still runs")
            time.sleep(0.05)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkServer:
    """The fork server of this Jupyter server, started on first use and again if it has exited."""

    _instance: ForkServer | None = None

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="playground-fork-")  # 0700: only this user connects
        self.path = os.path.join(self.dir, "socket")
        self.proc: asyncio.subprocess.Process | None = None
        self.failed: str | None = None  # why it never started: then every kernel starts the usual way
        self._lock = asyncio.Lock()

    @classmethod
    def instance(cls) -> ForkServer:
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    async def _ready(self) -> None:
        async with self._lock:
            if self.failed:
                raise RuntimeError(self.failed)
            if self.proc is not None and self.proc.returncode is None:
                return
            if os.path.exists(self.path):
                os.unlink(self.path)
            # one thread: OpenBLAS would start its pool on importing numpy, and a process with threads
            # must not fork (each kernel sets torch's threads from its own OMP_NUM_THREADS)
            env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "playground.serving.forkserver", self.path, "." * TITLE_ROOM,
                stdin=asyncio.subprocess.DEVNULL, env=env)
            deadline = time.monotonic() + START_TIMEOUT_S
            while not os.path.exists(self.path):
                if self.proc.returncode is not None or time.monotonic() > deadline:
                    self.failed = f"the fork server did not start (exit {self.proc.returncode})"
                    raise RuntimeError(self.failed)
                await asyncio.sleep(0.05)

    async def fork(self, argv: list[str], env: dict, cwd: str) -> int:
        """A new kernel: its pid."""
        await self._ready()
        reader, writer = await asyncio.open_unix_connection(self.path)
        try:
            writer.write(json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode() + b"\n")
            await writer.drain()
            line = await asyncio.wait_for(reader.readline(), 30)
        finally:
            writer.close()
        return int(json.loads(line)["pid"])


def forkable(cmd: list[str]) -> bool:
    """``<this python> -m ipykernel_launcher ...``: what the fork server can run."""
    return (len(cmd) >= 3 and cmd[1:3] == ["-m", "ipykernel_launcher"]
            and os.path.realpath(cmd[0]) == os.path.realpath(sys.executable))


class ForkingProvisioner(LocalProvisioner):
    """LocalProvisioner whose kernel is forked from the warm fork server (see the module)."""

    async def launch_kernel(self, cmd: list[str], **kwargs):
        if not forkable(cmd):
            return await super().launch_kernel(cmd, **kwargs)
        env = kwargs.get("env") or dict(os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        try:
            pid = await ForkServer.instance().fork(cmd, env, cwd)
        except (OSError, RuntimeError, ValueError, KeyError, asyncio.TimeoutError) as exc:
            self.log.warning("playground: no kernel from the fork server (%s); starting one the usual way", exc)
            return await super().launch_kernel(cmd, **kwargs)
        self.process = ForkedProcess(pid)
        self.pid = self.pgid = pid
        self.cwd = cwd
        return self.connection_info


if __name__ == "__main__":
    serve(sys.argv[1])
