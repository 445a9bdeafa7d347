"""Attacks on the served site, each against a Voilà server this test starts (scripts/serve's
voila.json, memory-capped from outside, so a regression fails the test instead of the machine).

- A second kernel websocket without the v1 subprotocol (Voilà 0.5.13 parsed the kernel's binary
  messages on it as v1 and froze the server until it ran out of memory) is refused, and the
  server keeps answering within a second with its memory bounded while the page trains.
- Widget messages of the wrong type (a slider set to "abc", the frame pacer's ack "abc", a canvas
  click at x=1e308) are ignored with a log line: nothing of the server (no traceback, no path,
  no error, no stderr) travels back over the websocket.
- Kernels whose page never connected (a ``curl``) or has left are shut down after the unused
  timeout; a kernel with its page connected stays.
- Ceilings: over the visitor's share, a page gets "too many pages" (429) and a websocket is
  refused (429); with the room full, the "room is full" page (503); room frees up again.
- Memory ceilings: the server and each kernel run with the data-segment limits of voila.json.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import psutil
import pytest

from playground_dev.servers import start_voila, stop
from playground_dev.visitors import (
    V1,
    KernelSocket,
    answers_within,
    fetch,
    kernel_processes,
    open_page,
    refused,
    rss,
)

pytestmark = [pytest.mark.server, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
GiB = 1024 ** 3
OUTSIDE_CAP = 3 * GiB  # the harness's own cap, above voila.json's 2 GiB
CONFIG = json.loads((ROOT / "voila.json").read_text())["GuardedKernelManager"]
FAST_GUARD = ["--GuardedKernelManager.unused_timeout=6", "--GuardedKernelManager.first_page_timeout=30",
              "--GuardedKernelManager.guard_interval=1"]
PLAYGROUND = "/voila/render/playground.ipynb"  # preheated
LESSONS = [f"/voila/render/{name}" for name in ("01_neuron_perceptron.ipynb", "02_xor_mlp.ipynb",
                                                 "04_activations.ipynb", "05_losses.ipynb")]
SERVER_WORDS = ("Traceback", "most recent call last", 'File "', str(ROOT), "site-packages")


def _server(tmp_path_factory, name, args):
    log = tmp_path_factory.mktemp(name) / "voila.log"
    return start_voila(args=args, log_path=log, memory_limit=OUTSIDE_CAP, timeout=120)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = _server(tmp_path_factory, "attacks", FAST_GUARD)
    yield s
    stop(s)


def _widgets(states: dict, model: str) -> list[tuple[str, dict]]:
    return [(mid, st["state"]) for mid, st in states.items() if st["state"].get("_model_name") == model]


def _step_button(states) -> str:
    return next(mid for mid, st in _widgets(states, "ButtonModel") if "Step" in st.get("description", ""))


def _any_widget(states, word) -> str:
    return next(mid for mid, st in _widgets(states, "AnyModel") if word in st.get("_esm", ""))


def _click(ws: KernelSocket, model_id: str) -> None:
    ws.comm_msg(model_id, {"method": "custom", "content": {"event": "click"}})


def _wait(predicate, timeout: float, step: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


# --- the freeze -------------------------------------------------------------------------------


def test_a_socket_without_v1_is_refused_and_the_server_keeps_answering(server):
    kid = open_page(server.url, PLAYGROUND)
    # the attack: a legacy socket open while the kernel sends binary frames (Step draws canvas frames)
    with KernelSocket(server.url, kid) as ws:
        states = ws.request_states()
        step = _step_button(states)
        before = rss(server.proc.pid)
        try:
            legacy = KernelSocket(server.url, kid, protocol=None)
        except Exception:
            legacy = None
        for _ in range(10):
            _click(ws, step)
            assert answers_within(server.url, 1.0), "the server stopped answering"
            time.sleep(0.3)
        ws.drain(2.0)
        assert answers_within(server.url, 1.0)
        grown = rss(server.proc.pid) - before
        assert grown < 200 * 1024 ** 2, f"server grew by {grown / 2**20:.0f} MB"
        if legacy is not None:
            legacy.close()
        assert legacy is None, "a socket without the v1 protocol was accepted"
    assert refused(server.url, kid, protocol=None) == 400  # the legacy JSON protocol
    assert refused(server.url, kid, protocol="something.else") == 400
    assert refused(server.url, kid, protocol=V1) is None  # what every page offers
    assert "without the v1.kernel.websocket.jupyter.org protocol" in server.log_path.read_text()


# --- bad widget messages ----------------------------------------------------------------------


def test_bad_widget_messages_are_ignored_and_send_nothing_of_the_server(server):
    kid = open_page(server.url, PLAYGROUND)
    with KernelSocket(server.url, kid) as ws:
        states = ws.request_states()
        ws.drain(1.0)
        sliders = [mid for model in ("IntSliderModel", "FloatSliderModel", "SelectionSliderModel")
                   for mid, _ in _widgets(states, model)]
        assert sliders, "no slider on the Playground page"
        pacer, canvas = _any_widget(states, '"ack"'), _any_widget(states, '"plane"')
        for mid in sliders[:3]:
            ws.comm_msg(mid, {"method": "update", "state": {"value": "abc"}, "buffer_paths": []})
        ws.comm_msg(pacer, {"method": "custom", "content": {"type": "ack", "id": "abc"}})
        ws.comm_msg(canvas, {"method": "custom", "content": {"type": "plane", "x": "1e308", "y": 0}})
        ws.comm_msg(canvas, {"method": "custom", "content": {"type": "plane", "x": "nan", "y": 0}})
        ws.comm_msg(canvas, {"method": "custom", "content": {"type": "select", "layer": "x", "neuron": 0}})
        replies = ws.drain(6.0)
    for msg in replies:
        assert msg["msg_type"] != "error", msg["content"]
        assert not (msg["msg_type"] == "stream" and msg["content"].get("name") == "stderr"), msg["content"]
        text = msg["raw"] if isinstance(msg["raw"], str) else msg["raw"].decode("utf-8", "replace")
        for word in SERVER_WORDS:
            assert word not in text, f"{word!r} sent to the browser in {msg['msg_type']}: {text[:500]}"
    log = server.log_path.read_text()
    assert "ignored an ack whose id is not a whole number" in log
    assert "ignored a click outside any plane" in log
    assert "ignored a malformed message" in log
    assert "ignored an error in a widget message or callback: TraitError" in log  # the slider's "abc"


# --- unused kernels ---------------------------------------------------------------------------


def _alive(server, kid) -> bool:
    return fetch(f"{server.url}/api/kernels/{kid}", timeout=10)[0] == 200


def test_unused_kernels_are_shut_down_and_a_held_one_stays(server):
    held = open_page(server.url, PLAYGROUND)
    with KernelSocket(server.url, held) as ws:
        curled = [open_page(server.url, LESSONS[0]), open_page(server.url, LESSONS[1])]  # no JavaScript
        left = open_page(server.url, PLAYGROUND)
        with KernelSocket(server.url, left):  # a tab opened, then closed
            pass
        assert _alive(server, held) and _alive(server, left)
        # the closed tab's kernel goes after unused_timeout (6 s); the curled pages', which no page
        # ever connected to (a page may still be loading), are given first_page_timeout (30 s)
        assert _wait(lambda: not _alive(server, left), 6 + 2 + 30), "a closed tab's kernel was not shut down"
        assert all(_alive(server, kid) for kid in curled), "a kernel no page had reached yet went after unused_timeout"
        timeout = 30 + 2 + 30  # first_page_timeout + two checks + a page still running its cells
        assert _wait(lambda: not any(_alive(server, kid) for kid in curled), timeout), \
            "kernels no page ever connected to were not shut down"
        ws.drain(0.5)
        assert _alive(server, held), "a kernel with its page connected was shut down"
    assert "no page connected" in server.log_path.read_text()


# --- ceilings -----------------------------------------------------------------------------------


def preheated() -> int:
    """How many kernels Voilà keeps preheated: one per notebook its preheat_denylist lets through."""
    denylist = json.loads((ROOT / "voila.json").read_text())["VoilaKernelManager"]["preheat_denylist"]
    names = [str(p.relative_to(ROOT / "notebooks")) for p in (ROOT / "notebooks").rglob("*.ipynb")]
    return sum(not any(pattern in name or re.match(pattern, name) for pattern in denylist) for name in names)


def test_ceilings_give_the_room_full_pages_and_free_up(tmp_path_factory):
    # the preheated kernels + at most 2 per visitor + the Playground's refill; 127.0.0.1 counts
    pooled = preheated()
    assert pooled >= 2  # index and playground at least
    # (unused kernels go after 20 s here: the lesson pages take seconds to render one after the other)
    s = _server(tmp_path_factory, "ceilings", [
        "--GuardedKernelManager.unused_timeout=20", "--GuardedKernelManager.first_page_timeout=20",
        "--GuardedKernelManager.guard_interval=1",
        f"--GuardedKernelManager.max_kernels={pooled + 3}", "--GuardedKernelManager.max_kernels_per_visitor=2",
        "--GuardedKernelManager.limit_loopback=True"])
    try:
        mine = [open_page(s.url, LESSONS[0]), open_page(s.url, LESSONS[1])]
        status, html = fetch(s.url + LESSONS[2])
        assert status == 429 and "Too many pages are open" in html and "너무 많습니다" in html, (status, html[:500])
        handed = open_page(s.url, PLAYGROUND)  # preheated, not yet anybody's: its refill fills the room
        assert refused(s.url, handed, V1) == 429  # the visitor's third kernel
        assert _wait(lambda: len(kernel_processes(s.proc.pid)) >= pooled + 3, 60)
        status, html = fetch(s.url + LESSONS[3])
        assert status == 503 and "The room is full" in html and "1분 뒤에" in html, (status, html[:500])
        assert '<meta http-equiv="refresh" content="60">' in html
        for word in SERVER_WORDS:
            assert word not in html
        # the unused kernels go (no page is connected to any of them) and the room frees up
        assert _wait(lambda: not any(_alive(s, kid) for kid in mine + [handed]), 60)
        status, _ = fetch(s.url + LESSONS[2])
        assert status == 200
    finally:
        stop(s)


# --- memory ceilings --------------------------------------------------------------------------


def test_server_and_kernels_run_under_the_memory_ceilings(server):
    open_page(server.url, LESSONS[0])
    server_limit = psutil.Process(server.proc.pid).rlimit(psutil.RLIMIT_DATA)
    assert server_limit == (CONFIG["server_memory_limit"],) * 2
    kernels = kernel_processes(server.proc.pid)
    assert kernels
    for proc in kernels:
        assert proc.rlimit(psutil.RLIMIT_DATA) == (CONFIG["kernel_memory_limit"],) * 2, proc.pid


# --- malformed paths ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/voila/templates/x", "/voila/templates/playground/x",
                                  "/voila/templates/../../etc/passwd", "/voila/templates/playground/static/../../x"])
def test_a_malformed_template_path_is_not_found(server, path):
    status, html = fetch(server.url + path, timeout=10)
    assert status == 404, (status, html[:300])
    assert "root:" not in html
