"""A real JupyterHub on this machine, started from deploy/jupyterhub_config.py, for the hub test
and benchmarks/hub.py.

    with hub_server(tmp_dir, users=["ada", "ben"], cull_idle_timeout=15) as hub:
        page = ...                                  # a Playwright page of a fresh context
        log_in(page, hub, "ada")                    # lands on ada's Voilà landing page
        page.goto(hub.user_url("ada", "notebooks/playground.ipynb"))

The hub runs this venv's ``jupyterhub`` with a config that loads deploy/jupyterhub_config.py
(the deployment file itself) and changes only what a test must: 127.0.0.1 and free ports, its
state in ``tmp_dir``, a test login (JupyterHub's ``DummyAuthenticator``: any listed user, one
password), servers started as this process's user (``SimpleLocalProcessSpawner``; ``--allow-root``
when that user is root) and the kernel culling timeout. The proxy is the pinned
``configurable-http-proxy`` that scripts/test installs into .venv/hub-proxy (npm).
Stopped with SIGTERM (the hub stops every learner's server and the proxy), then SIGKILL to the
group.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from playground_dev.servers import ROOT, Server, _start, free_port, server_env, stop

DEPLOY_CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
PROXY = ROOT / ".venv" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "playground"


@dataclass
class Hub:
    server: Server
    users: list[str]

    @property
    def url(self) -> str:
        return self.server.url

    def user_url(self, user: str, path: str = "") -> str:
        """A Voilà page in ``user``'s server: ``notebooks/playground.ipynb`` → its /voila/render/ URL."""
        return f"{self.url}/user/{user}/voila/render/{path}" if path else f"{self.url}/user/{user}/"


TEST_CONFIG = """\
c = get_config()  # noqa: F821
load_subconfig({deploy!r})  # noqa: F821  (the deployment file itself)
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {state!r} + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///" + {state!r} + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = {state!r} + "/cookie_secret"
c.JupyterHub.pid_file = {state!r} + "/hub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = set({users!r})
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {state!r} + "/home/{{username}}"
c.Spawner.args = [a for a in c.Spawner.args if "cull_idle_timeout" not in a and "cull_interval" not in a] + [
    "--MappingKernelManager.cull_idle_timeout={cull}", "--MappingKernelManager.cull_interval={cull_interval}",
] + {extra_args!r}
"""


def start_hub(state: Path, users: list[str], *, cull_idle_timeout: int = 600, timeout: float = 120.0) -> Hub:
    if not PROXY.exists():
        raise RuntimeError(f"{PROXY} is missing: scripts/test installs configurable-http-proxy there (npm)")
    state.mkdir(parents=True, exist_ok=True)
    (state / "home").mkdir(exist_ok=True)
    port = free_port()
    extra = ["--ServerApp.allow_root=True"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    config = state / "jupyterhub_test_config.py"
    config.write_text(TEST_CONFIG.format(
        deploy=str(DEPLOY_CONFIG), port=port, hub_port=free_port(), api_port=free_port(), proxy=str(PROXY),
        state=str(state), password=PASSWORD, users=list(users), cull=cull_idle_timeout,
        cull_interval=max(1, min(60, cull_idle_timeout // 3)), extra_args=extra))
    env = server_env()
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    cmd = [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(config)]
    server = _start("JupyterHub", cmd, port=port, probe="/hub/api", cwd=state, env=env,
                    log_path=state / "jupyterhub.log", timeout=timeout)
    return Hub(server, list(users))


@contextlib.contextmanager
def hub_server(state: Path, users: list[str], **kwargs):
    hub = start_hub(state, users, **kwargs)
    try:
        yield hub
    finally:
        stop(hub.server, timeout=30)


def log_in(page, hub: Hub, user: str, timeout: float = 240.0) -> None:
    """Log ``user`` in through the hub's login form; returns on their Voilà landing page (the
    server spawned and the deployment's default URL reached)."""
    page.goto(f"{hub.url}/hub/login", timeout=timeout * 1000)
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{user}/voila/render/notebooks/index.ipynb*", timeout=timeout * 1000)
