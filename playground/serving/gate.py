"""The door of a page that starts a kernel: refused with the "room is full" page when the
server is at its ceiling, and the visitor remembered so that the kernel counts as theirs.

Voilà calls ``prelaunch_hook(handler, notebook=, cwd=)`` before it starts the kernel of a page
that has no preheated kernel waiting (and with ``handler=None`` while it preheats one).
``GuardedKernelManager`` installs it when voila.json names no other hook: a JSON file cannot name
a function, and Voilà refuses a hook together with preheated kernels at start-up, before the
kernel manager exists.
"""

from __future__ import annotations

import contextvars

from tornado import web

# The visitor whose page request is running: start_kernel, awaited by the same request, reads it.
current_visitor: contextvars.ContextVar[str | None] = contextvars.ContextVar("playground_visitor", default=None)


class RoomFull(web.HTTPError):
    """Every kernel the server may run is taken (rendered with templates/playground/503.html)."""

    def __init__(self):
        super().__init__(503, "the server runs its ceiling of kernels", reason="The room is full")


class TooManyPages(web.HTTPError):
    """One visitor holds as many kernels as a visitor may (429.html)."""

    def __init__(self):
        super().__init__(429, "one visitor holds the most kernels allowed", reason="Too many pages open")


def prelaunch_hook(handler, notebook=None, cwd=None):
    if handler is None:  # a preheated kernel being prepared: no visitor yet
        return None
    visitor = handler.request.remote_ip
    check = getattr(handler.kernel_manager, "check_room", None)
    if check is not None:
        check(visitor)
    current_visitor.set(visitor)
    return None
