"""JupyterHub on one machine for a workshop: every learner logs in and gets a Jupyter server of
their own (separate processes, kernels and memory), which opens on this repository's Voilà
landing page. Run from the repository root, after scripts/setup, as root (the hub starts each
learner's server as that learner's system user):

    .venv/bin/jupyterhub -f deploy/jupyterhub_config.py

It needs the proxy JupyterHub talks through, ``configurable-http-proxy`` (npm; scripts/test
installs the pinned one into .venv/hub-proxy, on PATH as below), and ``jupyterhub`` and
``jupyterhub-idle-culler`` from requirements-test.txt (pip install them into .venv).
tests/hub/test_hub.py runs this very file (with a test login, a process spawner for one user and
short timeouts); benchmarks/hub.py measures what a hub on this machine holds. Each number below
says where it comes from.
"""

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENV_BIN = REPO / ".venv" / "bin"
PROXY = REPO / ".venv" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"

c = get_config()  # noqa: F821  (JupyterHub's config loader defines it)

c.JupyterHub.bind_url = "http://:8000"  # behind your TLS-terminating proxy; or set ssl_cert / ssl_key
c.ConfigurableHTTPProxy.command = [str(PROXY) if PROXY.exists() else shutil.which("configurable-http-proxy")
                                   or "configurable-http-proxy"]

# Each learner's server: this repository's venv, the notebooks read from the repository, the
# Voilà landing page first. Voilà runs inside the Jupyter server here (the /voila/ extension) and
# reads the repository's voila.json (template "playground", no source, no tracebacks) because
# the repository is on JUPYTER_CONFIG_PATH; its template is found through JUPYTER_PATH.
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = str(REPO)
c.Spawner.default_url = "/voila/render/notebooks/index.ipynb"
c.Spawner.environment = {
    "OMP_NUM_THREADS": "1",  # torch on one thread: tiny networks on shared cores (up to 100x faster)
    "MKL_NUM_THREADS": "1",
    "JUPYTER_PREFER_ENV_PATH": "1",  # kernels from .venv, not from a kernelspec in a home
    "JUPYTER_PATH": str(REPO / "share" / "jupyter"),
    "JUPYTER_CONFIG_PATH": str(REPO),
}
# Kernel culling inside each learner's server (voila.json's culling belongs to the standalone
# Voilà app): a kernel idle for 10 minutes goes, even with its tab open; nbclient waits 60 s for
# a busy machine's outputs (at 4 s, pages stayed blank under load: README).
c.Spawner.args = [
    "--MappingKernelManager.cull_idle_timeout=600",
    "--MappingKernelManager.cull_interval=60",
    "--MappingKernelManager.cull_connected=True",
    "--VoilaExecutor.iopub_timeout=60",
]
# Memory and CPU per learner (enforced by spawners that can: systemdspawner, DockerSpawner,
# KubeSpawner; LocalProcessSpawner ignores them). A learner with the landing page and two apps
# open holds three kernels, ~420 MB each (benchmarks/load.py), plus ~100 MB for the server:
# 1 GB guaranteed, 2 GB at most. A playing kernel keeps 18 frames/s with half a core
# (load.py, N = 10 on 2 cores): half a core guaranteed, one at most (torch uses one thread).
c.Spawner.mem_guarantee = "1G"
c.Spawner.mem_limit = "2G"
c.Spawner.cpu_guarantee = 0.5
c.Spawner.cpu_limit = 1.0
c.Spawner.start_timeout = 120  # a server's first start on a busy machine
c.Spawner.http_timeout = 120

# The hub's idle culler stops a learner's whole server 30 minutes after its last activity
# (an open Playground tab is activity: it sends a heartbeat every second).
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=1800", "--cull-every=300"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]

# Who may log in is the workshop's choice: by default the machine's own users (PAM) listed here.
c.Authenticator.allowed_users = set()  # e.g. {"learner01", "learner02", ...}
