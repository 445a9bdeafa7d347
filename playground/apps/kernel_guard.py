"""In a kernel that Voilà serves, nothing about the server travels to the browser.

A kernel's stderr, its loggers and ``showtraceback`` all reach the page over the websocket as
stream or error messages: a widget message of the wrong type (a slider set to "abc") made
ipykernel's comm handler log a traceback naming the server's files. Voilà's ``show_tracebacks``
covers only the cells it runs. Here, once per served kernel (``page.served()``; JupyterLab keeps
its tracebacks, its user owns the machine):

- ``sys.stderr``, and every logging handler that wrote to the kernel's stderr, write to the
  server's own stderr (the kernel's copy of fd 2 that ipykernel keeps; fd 2 itself is forwarded);
- an exception logged while handling a widget message becomes one line there (no traceback);
- ``showtraceback`` (a widget callback that raised) writes that one line instead of sending it.
"""

from __future__ import annotations

import io
import logging
import os
import sys

from IPython import get_ipython
from traitlets.log import get_logger

from playground.apps import page

COMM_LOGGERS = ("Comm", "ipykernel.comm")
_guarded = False


def _server_stderr() -> io.TextIOBase:
    """A stream to the server's stderr, not forwarded to the page."""
    try:
        fd = sys.stderr.fileno()  # ipykernel's OutStream: its copy of the original fd 2
    except (AttributeError, io.UnsupportedOperation, ValueError):
        return sys.__stderr__
    return open(os.dup(fd), "w", buffering=1, encoding="utf-8", errors="replace", closefd=True)


def one_line(exc: BaseException | None) -> str:
    if exc is None:
        return ""
    return f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"


class OneLine(logging.Filter):
    """An exception attached to a log record becomes the end of its one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            record.msg = f"{record.getMessage()} (ignored: {one_line(record.exc_info[1])})"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


def guard_served_kernel() -> bool:
    """Send this kernel's errors to the server's log if Voilà serves it; True when it did."""
    global _guarded
    if _guarded or not page.served():
        return _guarded
    log = _server_stderr()
    forwarded = {id(sys.stderr), id(sys.__stderr__), id(sys.stdout)}
    sys.stderr = log
    loggers = [logging.getLogger()] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    for logger in loggers:
        for handler in logger.handlers:
            if isinstance(handler, logging.StreamHandler) and id(handler.stream) in forwarded:
                handler.setStream(log)
    for logger in [logging.getLogger(name) for name in COMM_LOGGERS] + [get_logger()]:
        logger.addFilter(OneLine())  # the kernel's own log (get_logger) carries ipywidgets' warnings
    shell = get_ipython()
    if shell is not None:
        def showtraceback(*_args, **_kwargs):
            print(f"playground: ignored an error in a widget message or callback: {one_line(sys.exc_info()[1])}",
                  file=log)
        shell.showtraceback = showtraceback
    _guarded = True
    return True
