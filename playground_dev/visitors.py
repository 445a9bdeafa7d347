"""Visitors of a served site, careless or hostile, for the attack tests and benchmarks/abuse.py.

    from playground_dev.visitors import fetch, open_page, kernel_id_of, KernelSocket, answers_within

    status, html = fetch(server.url + "/voila/render/playground.ipynb")   # a page, no JavaScript
    kid = kernel_id_of(html)
    with KernelSocket(server.url, kid, protocol=None) as ws:   # the legacy protocol, as a script may
        ...
    assert answers_within(server.url, 1.0)

Everything here speaks HTTP and the kernel websocket directly (no browser), as a script in a
page or a ``curl`` would; ``KernelSocket`` sends real Jupyter messages in the v1 binary protocol
or the legacy JSON one.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
import uuid

import psutil
import websocket
from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)

V1 = "v1.kernel.websocket.jupyter.org"
KERNEL_ID = re.compile(r'"kernelId"\s*:\s*"([0-9a-f-]{36})"')


def fetch(url: str, timeout: float = 120.0) -> tuple[int, str]:
    """GET ``url``: (status, body), HTTP errors included, as a ``curl`` sees them."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def kernel_id_of(html: str) -> str | None:
    """The kernel id a Voilà page gives its own JavaScript (``jupyter-config-data``)."""
    match = KERNEL_ID.search(html)
    return match.group(1) if match else None


def open_page(base_url: str, path: str, timeout: float = 120.0) -> str:
    """A page's HTML and its kernel id, as a page load without JavaScript gets them."""
    status, html = fetch(base_url + path, timeout)
    if status != 200:
        raise AssertionError(f"{path}: HTTP {status}: {html[:300]}")
    kid = kernel_id_of(html)
    if kid is None:
        raise AssertionError(f"{path}: no kernel id in the page")
    return kid


def answers_within(base_url: str, seconds: float, path: str = "/") -> bool:
    """The server serves ``path`` within ``seconds`` (a frozen event loop does not)."""
    try:
        with urllib.request.urlopen(base_url + path, timeout=seconds) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


def kernel_processes(server_pid: int) -> list[psutil.Process]:
    """The ipykernel processes under a server."""
    out = []
    for child in psutil.Process(server_pid).children(recursive=True):
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                out.append(child)
        except psutil.Error:
            pass
    return out


def rss(pid: int) -> int:
    """Resident bytes of one process (0 once it is gone)."""
    try:
        return psutil.Process(pid).memory_info().rss
    except psutil.Error:
        return 0


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its children."""
    try:
        procs = [psutil.Process(pid)] + psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return 0
    return sum(rss(p.pid) for p in procs)


def refused(base_url: str, kernel_id: str, protocol: str | None) -> int | None:
    """The HTTP status a websocket handshake is refused with (None if it was accepted)."""
    try:
        ws = KernelSocket(base_url, kernel_id, protocol=protocol)
    except websocket.WebSocketBadStatusException as err:
        return err.status_code
    ws.close()
    return None


class KernelSocket:
    """A kernel websocket opened by hand: ``protocol=V1`` as every page does, ``None`` for the
    legacy JSON protocol (no subprotocol offered)."""

    def __init__(self, base_url: str, kernel_id: str, protocol: str | None = V1, timeout: float = 10.0):
        self.protocol = protocol
        self.session = uuid.uuid4().hex
        url = base_url.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels?session_id={self.session}"
        self.ws = websocket.create_connection(url, timeout=timeout, subprotocols=[protocol] if protocol else None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.ws.close()

    # -- sending -------------------------------------------------------------------------------
    def send(self, msg_type: str, content: dict, channel: str = "shell", buffers=(), metadata=None) -> str:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "username": "visitor", "session": self.session,
                  "date": "2026-01-01T00:00:00Z", "version": "5.3"}
        if self.protocol == V1:
            parts = [json.dumps(p).encode() for p in (header, {}, metadata or {}, content)] + list(buffers)
            self.ws.send_binary(serialize_msg_to_ws_v1(parts, channel))
        else:
            self.ws.send(json.dumps({"header": header, "parent_header": {}, "metadata": metadata or {}, "content": content,
                                     "channel": channel, "buffers": []}))
        return msg_id

    def comm_msg(self, comm_id: str, data: dict) -> str:
        return self.send("comm_msg", {"comm_id": comm_id, "data": data})

    def request_states(self) -> dict:
        """Every widget's model id and state, as the page's widget manager asks for them."""
        comm_id = uuid.uuid4().hex
        self.send("comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
                  metadata={"version": "1.0.0"})  # ipywidgets' control protocol
        self.comm_msg(comm_id, {"method": "request_states"})
        for msg in self.drain(30.0, until=lambda m: m.get("msg_type") == "comm_msg"
                              and m["content"].get("data", {}).get("method") == "update_states"):
            if msg.get("msg_type") == "comm_msg" and msg["content"].get("data", {}).get("method") == "update_states":
                return msg["content"]["data"]["states"]
        raise AssertionError("no widget states came back")

    # -- receiving -----------------------------------------------------------------------------
    def receive(self, timeout: float) -> dict | None:
        """The next message (header fields, content, channel), or None when none came in time."""
        self.ws.settimeout(timeout)
        try:
            raw = self.ws.recv()
        except websocket.WebSocketTimeoutException:
            return None
        if isinstance(raw, bytes):
            channel, parts = deserialize_msg_from_ws_v1(raw)
            header, _parent, _meta, content = (json.loads(p) for p in parts[:4])
        else:
            msg = json.loads(raw)
            channel, header, content = msg.get("channel"), msg["header"], msg["content"]
        return {"channel": channel, "msg_type": header.get("msg_type"), "content": content, "raw": raw}

    def drain(self, seconds: float, until=None) -> list[dict]:
        """Every message for ``seconds`` (or until one satisfies ``until``)."""
        out, deadline = [], time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            msg = self.receive(min(left, 1.0))
            if msg is None:
                continue
            out.append(msg)
            if until is not None and until(msg):
                break
        return out
