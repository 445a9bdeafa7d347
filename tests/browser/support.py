"""Helpers for the browser tests (imported by conftest.py and by the tests themselves).

    from tests.browser.support import wait_for_voila_app
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from playwright.sync_api import Page


@dataclass(frozen=True)
class ConsoleError:
    """A console message of type "error" (kind="console") or an uncaught page error (kind="pageerror")."""

    kind: str
    text: str
    url: str = ""

    def __str__(self) -> str:
        return f"[{self.kind}] {self.text}" + (f"  (at {self.url})" if self.url else "")


def is_voila_shutdown_403(error: ConsoleError) -> bool:
    """Voilà 0.5 asks to shut its kernel down when a page is left, without the XSRF token, and
    gets 403 (voila-dashboards/voila#1458, open). Harmless here: the app pauses itself when
    its page's heartbeat stops, and idle kernels are culled (voila.json)."""
    return "/voila/api/shutdown/" in error.url and "403" in error.text


def is_known_noise(error: ConsoleError) -> bool:
    """True for the console errors a correct page may still show (today only Voilà's shutdown 403).

    Nothing loaded from another host is noise any more: the "playground" Voilà template
    (share/jupyter, named in voila.json) fetches nothing from the internet, so a failed load from
    a CDN means something new reaches out (the page fixture aborts such requests and fails the
    test on them). Anything failing on 127.0.0.1 is a real error too.
    """
    return is_voila_shutdown_403(error)


def wait_for_voila_app(page: Page, timeout: float = 60.0, selector: str | None = None) -> None:
    """Wait until a Voila 0.5 (lab template) page has executed every cell and shown them.

    ``timeout`` is in seconds (not Playwright's milliseconds) and covers the whole wait.

    While the kernel runs the notebook the page shows a spinner (``#loading``) and keeps the
    outputs in a hidden ``#rendered_cells``; when every cell has run, ``voila_finish()``
    removes the spinner and shows ``#rendered_cells``. Widgets are drawn after that by the
    widget manager, asynchronously: pass ``selector`` (e.g. ``".js-plotly-plot"``) to also
    wait until such an element is visible.
    """
    deadline = time.monotonic() + timeout

    def left_ms() -> float:
        return max(1.0, (deadline - time.monotonic()) * 1000)

    page.wait_for_selector("#rendered_cells", state="visible", timeout=left_ms())
    page.wait_for_selector("#loading", state="detached", timeout=left_ms())
    if selector is not None:
        page.wait_for_selector(selector, state="visible", timeout=left_ms())


# --- pictures and shutting a page's kernel down: shared with the benchmarks (playground_dev) ----------

from playground_dev.voila_page import (  # noqa: E402,F401 - re-exported for the tests
    PICTURES,
    XSRF_COOKIE,
    allow_kernel_shutdown,
    shutdown_voila_kernel,
)
