"""Kernels forked from the warm fork server (playground/serving/forkserver.py), through jupyter_client
as Voilà starts them (voila.json names the provisioner): they run code, see their own working
directory, environment and command line, have the warm modules already, answer an interrupt, and
are gone after a shutdown or a kill. A command the fork server cannot run starts the usual way."""

from __future__ import annotations

import json
import os
import sys
import time

import psutil
import pytest
from jupyter_client.manager import KernelManager
from jupyter_client.provisioning import KernelProvisionerFactory
from traitlets.config import Config

from playground.serving import forkserver

pytestmark = pytest.mark.slow


def run(client, code: str, timeout: float = 30) -> dict:
    """Execute ``code``; its last printed line, parsed as JSON."""
    out = []
    reply = client.execute_interactive(code, timeout=timeout, output_hook=lambda m: out.append(m))
    assert reply["content"]["status"] == "ok", reply["content"]
    text = "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream")
    return json.loads(text.strip().splitlines()[-1])


def gone(pid: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def forked(tmp_path):
    """A kernel started by the "playground-fork" provisioner in tmp_path, with an extra variable."""
    config = Config({"KernelProvisionerFactory": {"default_provisioner_name": "playground-fork"}})
    KernelProvisionerFactory.clear_instance()
    KernelProvisionerFactory.instance(config=config)  # the singleton a KernelManager asks
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(tmp_path), env=dict(os.environ, PLAYGROUND_FORK_TEST="yes"))
    client = km.blocking_client()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    try:
        yield km, client
    finally:
        client.stop_channels()
        if km.has_kernel:
            km.shutdown_kernel(now=True)
        KernelProvisionerFactory.clear_instance()


def test_a_forked_kernel_is_warm_and_is_the_kernel_it_was_asked_for(forked, tmp_path):
    km, client = forked
    assert isinstance(km.provisioner, forkserver.ForkingProvisioner)
    pid = km.provisioner.pid
    seen = run(client, "import os, sys, json\n"
                       "from ipywidgets import Widget\n"
                       "from IPython import get_ipython\n"
                       "targets = get_ipython().kernel.comm_manager.targets\n"
                       "print(json.dumps(dict(pid=os.getpid(), ppid=os.getppid(), cwd=os.getcwd(), path=sys.path,\n"
                       "    env=os.environ.get('PLAYGROUND_FORK_TEST'), torch='torch' in sys.modules,\n"
                       "    apps='playground.apps' in sys.modules, widgets=sorted(t for t in targets if 'widget' in t),\n"
                       "    pgid=os.getpgid(0))))")
    assert seen["pid"] == pid and seen["pgid"] == pid  # its own process group: signals go to the group
    server = psutil.Process(seen["ppid"])
    assert "playground.serving.forkserver" in " ".join(server.cmdline())
    assert server.ppid() == os.getpid()  # the fork server is this (the Jupyter) process's child
    assert seen["cwd"] == str(tmp_path) == seen["path"][0] and seen["env"] == "yes"
    assert seen["torch"] and not seen["apps"]  # warm, and the served kernel's guard left to the kernel
    assert seen["widgets"] == ["jupyter.widget", "jupyter.widget.control"]
    cmdline = [a for a in psutil.Process(pid).cmdline() if a]  # the room left over reads as empty arguments
    assert cmdline[1:3] == ["-m", "ipykernel_launcher"] and cmdline[-1] == km.connection_file


def test_a_forked_kernel_answers_an_interrupt_and_a_shutdown(forked):
    km, client = forked
    pid = km.provisioner.pid
    msg_id = client.execute("import time; time.sleep(60)")
    time.sleep(1.0)
    km.interrupt_kernel()
    reply = client.get_shell_msg(timeout=20)
    assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["ename"] == "KeyboardInterrupt"
    assert run(client, "print(1 + 1)") == 2  # still alive after the interrupt
    km.shutdown_kernel()
    assert gone(pid)


def test_a_killed_forked_kernel_is_seen_dead_and_restarts(forked):
    km, client = forked
    pid = km.provisioner.pid
    os.kill(pid, 9)
    assert gone(pid)
    assert not km.is_alive()
    km.restart_kernel(now=True)
    assert km.provisioner.pid != pid and km.is_alive()


def test_a_command_it_cannot_run_starts_the_usual_way():
    assert forkserver.forkable([sys.executable, "-m", "ipykernel_launcher", "-f", "k.json"])
    assert not forkserver.forkable(["/usr/bin/python3-other", "-m", "ipykernel_launcher", "-f", "k.json"])
    assert not forkserver.forkable([sys.executable, "-m", "some_other_kernel", "-f", "k.json"])
