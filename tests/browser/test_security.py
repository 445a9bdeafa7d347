"""Security of the served site, seen from the browser.

- A page shows no notebook source, and its notebook cannot be downloaded.
- A notebook that raises shows Voilà's one-line message, no traceback (nor does a widget
  callback that raises).
- Code sent by the page is never run: the kernel websocket of a Voilà page passes only widget
  (comm) messages, kernel_info and shutdown requests, so an ``execute_request`` is dropped by the
  server (Voilà 0.5.13 gives its kernel manager ``allowed_message_types``; jupyter_server then
  logs 'Received message of type "execute_request", which is not allowed. Ignoring.'). Voilà
  offers no REST call that starts kernels, sessions or terminals either. A socket in the legacy
  JSON protocol is refused before it opens (playground/serving/websocket.py; the attacks on it are
  in tests/test_serving_attacks.py).
- The server listens on 127.0.0.1 only.
- A link with code in it gives the app's message and the default settings.

The settings behind this (voila.json, scripts/serve) and the link parser are checked headless in
tests/test_security_settings.py.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import nbformat
import pytest
from playwright.sync_api import Error as PlaywrightError

from playground.config import Config
from playground_dev import servers
from tests.browser.support import (
    CELL_ERROR,
    XSRF_COOKIE,
    allow_kernel_shutdown,
    shutdown_voila_kernel,
    wait_for_voila_app,
)

ROOT = Path(__file__).resolve().parents[2]
TRACE_WORDS = ("Traceback", "most recent call last", "File \"", "Error:")


def _code_sources(notebook: Path) -> list[str]:
    nb = nbformat.read(notebook, as_version=4)
    return [c.source.strip() for c in nb.cells if c.cell_type == "code" and c.source.strip()]


# --- no source ----------------------------------------------------------------------------------


def test_a_page_shows_no_source_and_its_notebook_cannot_be_fetched(page, voila_url):
    # ?template=lab would bring back Voilà's own template, were the URL allowed to choose it
    page.goto(voila_url + "/voila/render/index.ipynb?template=lab", wait_until="commit")
    wait_for_voila_app(page, timeout=180)
    served = page.content()
    for source in _code_sources(ROOT / "notebooks" / "index.ipynb"):
        assert source not in served
        for line in source.splitlines():
            assert not line.strip() or line.strip() not in served, f"source line on the page: {line!r}"
    assert page.locator(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .jp-Editor").count() == 0
    assert "/voila/templates/playground/static/" in served and "cdn.jsdelivr.net" not in served

    # the notebook file, its source through other routes, and things that would start code
    request = page.context.request
    source = _code_sources(ROOT / "notebooks" / "playground.ipynb")[0]
    for path in ("/voila/files/playground.ipynb", "/voila/files/index.ipynb", "/voila/static/../playground.ipynb",
                 "/api/contents/playground.ipynb", "/files/playground.ipynb", "/notebooks/playground.ipynb",
                 "/voila/render/playground.ipynb.json", "/lab/tree/playground.ipynb"):
        resp = request.get(voila_url + path, max_redirects=0)
        assert resp.status >= 300, f"GET {path} answered {resp.status}"
        assert source not in resp.text(), path
    # even with a valid XSRF cookie and header (so it is not the XSRF check that says no)
    allow_kernel_shutdown(page.context, voila_url)
    headers = {"X-XSRFToken": XSRF_COOKIE, "Content-Type": "application/json"}
    for path, body in (("/api/kernels", {"name": "python3"}), ("/api/sessions", {"path": "x.ipynb", "type": "notebook",
                       "kernel": {"name": "python3"}}), ("/api/terminals", {})):
        resp = request.post(voila_url + path, data=json.dumps(body), headers=headers, max_redirects=0)
        assert resp.status in (403, 404, 405), f"POST {path} answered {resp.status}"
    assert shutdown_voila_kernel(page) == 204


# --- no tracebacks ------------------------------------------------------------------------------

RAISING = [
    nbformat.v4.new_markdown_cell("# A page that fails"),
    nbformat.v4.new_code_cell(
        "import ipywidgets as W\nSOURCE_MARKER = 1\nbutton = W.Button(description='Break')\n"
        "def break_it(_):\n    raise RuntimeError('callback-traceback-marker')\n"
        "button.on_click(break_it)\nbutton"),
    nbformat.v4.new_code_cell(
        "def failing_function_marker():\n    raise ValueError('cell-traceback-marker')\n"
        "failing_function_marker()"),
]
MARKERS = ("SOURCE_MARKER", "callback-traceback-marker", "failing_function_marker", "cell-traceback-marker")
QUIET = [nbformat.v4.new_code_cell("import ipywidgets as W\nW.IntSlider(description='n')")]


@pytest.fixture(scope="module")
def own_site(tmp_path_factory):
    """A second Voilà, with this repository's voila.json and a log of its own, on a directory
    holding a notebook that raises (in a cell and in a button's callback), a quiet one and a
    text file."""
    site = tmp_path_factory.mktemp("own-site")
    (site / "notebooks").mkdir()
    for name, cells in (("raises.ipynb", RAISING), ("quiet.ipynb", QUIET)):
        nb = nbformat.v4.new_notebook(cells=cells)
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, site / "notebooks" / name)
    (site / "notebooks" / "secret.txt").write_text("secret-file-marker")
    shutil.copy(ROOT / "voila.json", site / "voila.json")
    server = servers.start_voila("notebooks/", cwd=site, log_path=site / "voila.log", timeout=90)
    try:
        yield server
    finally:
        servers.stop(server)


def test_a_failing_notebook_shows_no_traceback(page, own_site, output_dir):
    url = own_site.url
    page.goto(url + "/voila/render/raises.ipynb", wait_until="commit")
    wait_for_voila_app(page, timeout=120)
    assert page.get_by_text(CELL_ERROR).first.is_visible()
    page.get_by_role("button", name="Break").click()  # its callback raises
    time.sleep(2.0)
    page.screenshot(path=str(output_dir / "raises.png"), full_page=True)
    shown = page.content()
    visible = page.locator("body").inner_text()
    for marker in MARKERS:
        assert marker not in shown, marker
    for word in TRACE_WORDS:
        assert word not in visible, word
    assert not [e for e in page.console_errors if any(m in e.text for m in MARKERS)]
    for path in ("/voila/files/secret.txt", "/voila/files/raises.ipynb"):
        resp = page.context.request.get(url + path)
        assert resp.status in (403, 404) and "marker" not in resp.text(), path


# --- no code from the browser -------------------------------------------------------------------

# From the page: open the kernel's websocket (legacy JSON or the v1 binary protocol), ask for
# kernel_info (allowed: the reply shows the channel works), then send an execute_request, and
# collect for 4 s every message whose parent is one of ours.
PROBE_KERNEL = r"""async ({code, protocol}) => {
  const cfg = JSON.parse(document.getElementById('jupyter-config-data').textContent);
  const url = location.origin.replace(/^http/, 'ws') + cfg.baseUrl + 'api/kernels/' + cfg.kernelId +
              '/channels?session_id=probe-' + protocol;
  const ws = protocol === 'v1' ? new WebSocket(url, 'v1.kernel.websocket.jupyter.org') : new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const enc = new TextEncoder(), dec = new TextDecoder();
  const message = (type, content) => ({
    header: {msg_id: type + '-' + protocol + '-' + Math.random().toString(36).slice(2), msg_type: type,
             username: 'probe', session: 'probe-' + protocol, date: new Date().toISOString(), version: '5.3'},
    parent_header: {}, metadata: {}, content, buffers: [], channel: 'shell'});
  const v1 = (msg) => {  // offsets (uint64 LE), then channel, header, parent, metadata, content
    const parts = [msg.channel, JSON.stringify(msg.header), JSON.stringify(msg.parent_header),
                   JSON.stringify(msg.metadata), JSON.stringify(msg.content)].map((s) => enc.encode(s));
    const n = parts.length + 1, head = 8 * (n + 1);
    const size = head + parts.reduce((a, p) => a + p.length, 0);
    const buf = new ArrayBuffer(size), view = new DataView(buf), bytes = new Uint8Array(buf);
    view.setBigUint64(0, BigInt(n), true);
    let at = head;
    parts.forEach((p, i) => { view.setBigUint64(8 * (i + 1), BigInt(at), true); bytes.set(p, at); at += p.length; });
    view.setBigUint64(8 * n, BigInt(at), true);
    return buf;
  };
  const parse = (data) => {
    if (typeof data === 'string') return JSON.parse(data);
    const view = new DataView(data), n = Number(view.getBigUint64(0, true));
    const offs = Array.from({length: n}, (_, i) => Number(view.getBigUint64(8 * (i + 1), true)));
    const part = (i) => dec.decode(new Uint8Array(data, offs[i], offs[i + 1] - offs[i]));
    return {channel: part(0), header: JSON.parse(part(1)), parent_header: JSON.parse(part(2))};
  };
  const seen = [];
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = () => fail(new Error('no websocket')); });
  ws.onmessage = (ev) => {
    let m;
    try { m = parse(ev.data); } catch (e) { return; }  // a legacy binary frame (widget buffers): not ours
    seen.push({type: m.header.msg_type, parent: (m.parent_header || {}).msg_id || ''});
  };
  const send = (msg) => ws.send(protocol === 'v1' ? v1(msg) : JSON.stringify(msg));
  const info = message('kernel_info_request', {});
  send(info);
  const execute = message('execute_request', {code, silent: false, store_history: false, user_expressions: {},
                                              allow_stdin: false, stop_on_error: true});
  send(execute);
  await new Promise((ok) => setTimeout(ok, 4000));
  ws.close();
  return {info: seen.filter((m) => m.parent === info.header.msg_id).map((m) => m.type),
          execute: seen.filter((m) => m.parent === execute.header.msg_id).map((m) => m.type)};
}"""


def test_the_kernel_runs_no_code_sent_by_the_page(page, own_site, tmp_path):
    allow_kernel_shutdown(page.context, own_site.url)
    page.goto(own_site.url + "/voila/render/quiet.ipynb", wait_until="commit")
    wait_for_voila_app(page, timeout=120)
    dropped = '"execute_request", which is not allowed. Ignoring.'
    dropped_before = own_site.log_path.read_text(errors="replace").count(dropped)
    evidence = tmp_path / "executed-json"
    code = f"open({str(evidence)!r}, 'w').write('ran')"
    # the legacy JSON protocol is refused before the socket opens (playground/serving/websocket.py)
    with pytest.raises(PlaywrightError, match="no websocket"):
        page.evaluate(PROBE_KERNEL, {"code": code, "protocol": "json"})
    page.console_errors[:] = [e for e in page.console_errors if "Unexpected response code: 400" not in e.text]
    assert not evidence.exists(), "json: the code sent by the page ran"
    evidence = tmp_path / "executed-v1"
    code = f"open({str(evidence)!r}, 'w').write('ran')"
    got = page.evaluate(PROBE_KERNEL, {"code": code, "protocol": "v1"})
    assert "kernel_info_reply" in got["info"], f"v1: the websocket does not answer: {got}"
    assert got["execute"] == [], f"v1: the kernel answered an execute_request: {got}"
    assert not evidence.exists(), "v1: the code sent by the page ran"
    dropped_now = own_site.log_path.read_text(errors="replace").count(dropped)
    assert dropped_now - dropped_before == 1, "Voilà's log does not show the execute request dropped"
    assert shutdown_voila_kernel(page) == 204


# --- loopback only ------------------------------------------------------------------------------


def _listening_addresses(port: int) -> list[str]:
    """Local addresses of the listening TCP sockets on ``port`` (from /proc/net/tcp and tcp6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            local, state = row.split()[1], row.split()[3]
            address, port_hex = local.rsplit(":", 1)
            if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                found.append(address)
    return found


def _other_addresses() -> set[str]:
    """This host's IPv4 addresses that are not loopback (from /proc/net/fib_trie)."""
    try:
        lines = Path("/proc/net/fib_trie").read_text().splitlines()
    except OSError:
        return set()
    out = set()
    for before, line in zip(lines, lines[1:]):
        if "/32 host LOCAL" in line:
            address = before.strip().split()[-1]
            if not address.startswith("127."):
                out.add(address)
    return out


LOOPBACK = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1, ::1 as in /proc


@pytest.mark.skipif(not os.path.exists("/proc/net/tcp"), reason="reads Linux's /proc/net/tcp")
def test_the_server_listens_on_loopback_only(voila_url):
    port = urlsplit(voila_url).port
    addresses = _listening_addresses(port)
    assert addresses, f"nothing listens on port {port}"
    assert set(addresses) <= LOOPBACK, f"port {port} also listens on {addresses} (hex, as in /proc)"
    for address in _other_addresses():  # and a connection to another address of this host fails
        with socket.socket() as s:
            s.settimeout(2)
            assert s.connect_ex((address, port)) != 0, f"{address}:{port} accepted a connection"


# --- links --------------------------------------------------------------------------------------


def test_a_link_with_code_in_it_gives_the_message_and_the_defaults(page, voila_url):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    allow_kernel_shutdown(page.context, voila_url)
    query = "hidden=" + quote("__import__('os').system('exit 3')<img src=x onerror=alert(1)>")
    page.goto(f"{voila_url}/voila/render/playground.ipynb?{query}", wait_until="commit")
    wait_for_voila_app(page, timeout=180)
    message = page.locator(".pg-message.pg-warn")
    message.wait_for(state="visible", timeout=60_000)
    text = message.inner_text()
    assert "could not be used" in text and "__import__('os')" in text, text  # shown as text...
    assert page.locator(".pg-message img").count() == 0 and not dialogs  # ...never as HTML
    link = page.locator("input.pg-link").first
    link.wait_for(state="attached", timeout=60_000)
    assert Config.from_query(link.input_value()) == Config()  # the app runs the default settings
    assert shutdown_voila_kernel(page) == 204
