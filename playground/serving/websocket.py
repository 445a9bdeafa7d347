"""Kernel websockets that speak only the protocol they negotiated.

Voilà 0.5.13 (``voila/tornado/kernel_websocket_handler.py``) reads the header of every binary
message it sends to a browser with ``read_header_from_binary_message``, which assumes the v1
binary format: the first 8 bytes are a count of offsets. On a connection that did not negotiate
``v1.kernel.websocket.jupyter.org`` (the legacy JSON protocol, chosen by any script that opens
the socket without a subprotocol) the message is in the legacy format, the "count" is ~10¹⁸, and
the list comprehension runs in the server's event loop until memory runs out: no page is served
meanwhile. Every browser page of Jupyter and Voilà offers v1, so refusing the others costs no
learner anything and makes the freeze impossible.
"""

from __future__ import annotations

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from tornado import web

V1 = "v1.kernel.websocket.jupyter.org"


def offered_protocols(handler) -> list[str]:
    return [p.strip() for p in handler.request.headers.get("Sec-WebSocket-Protocol", "").split(",") if p.strip()]


class V1OnlyConnection(ZMQChannelsWebsocketConnection):
    """Jupyter Server's own connection, after two checks made before the socket is upgraded:
    the client offers the v1 protocol (else 400), and its visitor may hold one more kernel
    (``GuardedKernelManager.claim_kernel``; else 429)."""

    async def prepare(self):
        handler = self.websocket_handler
        visitor = handler.request.remote_ip
        if V1 not in offered_protocols(handler):
            handler.log.warning("Refused a kernel websocket from %s without the %s protocol", visitor, V1)
            handler.set_status(400)
            raise web.Finish(f"This server speaks only the {V1} protocol.\n")
        claim = getattr(self.multi_kernel_manager, "claim_kernel", None)
        if claim is not None and not claim(handler.kernel_id, visitor):
            handler.set_status(429)
            raise web.Finish("Too many pages open from one visitor: close one and reload.\n")
        await super().prepare()
