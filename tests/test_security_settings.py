"""What the Voilà site may do, checked without a server: voila.json and the launchers (loopback
only, no tracebacks, no sources, no template chosen by the URL, a template that fetches nothing
from the internet), and shareable links read strictly by every app that reads them (an unknown
key or a bad value gives a message and the default settings; nothing in a link is ever run).

The served site itself is checked in a browser by tests/browser/test_security.py."""

from __future__ import annotations

import inspect
import json
import re
from html import unescape
from pathlib import Path

import pytest
from traitlets.config import Config as TraitletsConfig

from playground.config import Config

ROOT = Path(__file__).resolve().parents[1]
VOILA_JSON = json.loads((ROOT / "voila.json").read_text())
TEMPLATE = ROOT / "share" / "jupyter" / "voila" / "templates" / "playground"


def test_voila_json_binds_loopback_and_shows_no_source_or_traceback():
    from voila.configuration import VoilaConfiguration

    assert VOILA_JSON["Voila"]["ip"] == "127.0.0.1"
    read = VoilaConfiguration(config=TraitletsConfig(VOILA_JSON))  # as Voilà reads the file
    assert read.show_tracebacks is False
    assert read.strip_sources is True
    assert read.allow_template_override == "NO"  # ?template=... cannot bring back the CDN template
    assert read.template == "playground"


def test_every_launcher_binds_loopback_and_finds_the_template():
    serve = (ROOT / "scripts" / "serve").read_text()
    assert "--Voila.ip=127.0.0.1" in serve
    assert re.search(r'^export JUPYTER_PATH="\$PWD/share/jupyter', serve, re.M)
    assert "share/jupyter" in (ROOT / "binder" / "start").read_text()

    from playground_dev import servers
    assert '"--Voila.ip=127.0.0.1"' in inspect.getsource(servers.start_voila)
    assert '"--ServerApp.ip=127.0.0.1"' in inspect.getsource(servers.start_jupyterlab)
    assert servers.server_env()["JUPYTER_PATH"].split(":")[0] == str(TEMPLATE.parents[2])


def test_the_template_extends_voilas_lab_template_and_links_nothing_outside(monkeypatch):
    assert json.loads((TEMPLATE / "conf.json").read_text()) == {"base_template": "lab"}
    for path in TEMPLATE.rglob("*"):
        if path.is_file():
            text = path.read_text()
            outside = re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text)
            assert not outside, f"{path.name} links to another host"
    from voila.paths import collect_template_paths

    monkeypatch.setenv("JUPYTER_PATH", str(TEMPLATE.parents[2]))  # as scripts/serve sets it
    paths = collect_template_paths(["voila", "nbconvert"], "playground", prune=True)
    assert paths[0] == str(TEMPLATE) and any(p.endswith("voila/templates/lab") for p in paths)


# --- links --------------------------------------------------------------------------------------

def _apps():
    from playground.apps.gradient_flow import GradientFlow
    from playground.apps.playground import Playground
    from playground.apps.space_warp import SpaceWarp
    return {"Playground": Playground, "GradientFlow": GradientFlow, "SpaceWarp": SpaceWarp}


def code_like_links(sentinel: Path) -> list[str]:
    run = f"__import__('os').system('touch {sentinel}')"
    return [
        f"hidden={run}",
        f"dataset={run}",
        f"lr=eval(\"{run}\")",
        f"{run}=1",
        "__class__=Config&dataset=spiral",
        "seed=1;import os",
        "activation=<img src=x onerror=alert(1)>",
        "hidden=8,8&hidden=__import__('os')",
    ]


@pytest.mark.parametrize("name", ["Playground", "GradientFlow", "SpaceWarp"])
def test_a_link_with_code_or_markup_gives_a_message_and_the_defaults(name, tmp_path):
    app_class = _apps()[name]
    default = app_class(query="").session.config
    sentinel = tmp_path / "ran"
    for query in code_like_links(sentinel):
        app = app_class(query=query)
        html = app.messages.value
        assert "pg-warn" in html and "could not be used" in unescape(html), (query, html)
        assert "<img" not in html and "Traceback" not in html, (query, html)  # text, never markup
        assert app.session.config == default, query
        assert not sentinel.exists(), f"{query} ran code"


@pytest.mark.parametrize("query, pattern", [
    ("hidden=__import__('os')", r"hidden=\"__import__\('os'\)\" in the link is not comma-separated whole numbers"),
    ("dataset=__import__('os')", r"dataset=\"__import__\('os'\)\" is not allowed; choose one of circle"),
    ("__import__('os')=1", r"unknown setting \"__import__\('os'\)\" in the link"),
    ("lr=1e9999", r"lr \(learning rate\)=inf is not allowed"),
    ("n_points=99999999999999999999", r"n_points=99999999999999999999 is not allowed"),
])
def test_config_from_query_names_the_bad_part_and_runs_nothing(query, pattern):
    with pytest.raises(ValueError, match=pattern):
        Config.from_query(query)


def test_voila_json_plugs_in_the_rooms_protection():
    """The classes voila.json names exist and are what Voilà expects (a typo would make Voilà fall
    back to nothing or refuse to start: tests/test_serving_attacks.py attacks the result)."""
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from traitlets.utils.importstring import import_item

    connection = import_item(VOILA_JSON["Voila"]["kernel_websocket_connection_class"])
    manager = import_item(VOILA_JSON["VoilaConfiguration"]["multi_kernel_manager_class"])
    assert issubclass(connection, ZMQChannelsWebsocketConnection)
    assert issubclass(manager, AsyncMappingKernelManager)
    for name in VOILA_JSON["GuardedKernelManager"]:
        assert manager.class_traits(config=True).get(name) is not None, name
    limits = VOILA_JSON["GuardedKernelManager"]
    assert limits["kernel_memory_limit"] < limits["server_memory_limit"] or limits["server_memory_limit"] == 0
    assert 0 < limits["unused_timeout"] <= 60 and limits["max_kernels_per_visitor"] < limits["max_kernels"]
    assert limits["unused_timeout"] <= limits["first_page_timeout"] <= 180  # a slow page's kernel, but not for ever
