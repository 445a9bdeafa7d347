"""Helpers for the browser tests (imported by conftest.py and by the tests themselves).

    from tests.browser.support import wait_for_voila_app
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from playwright.sync_api import Page

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}

# Requests that leave the machine (Voila's template asks a CDN for an icon font). They are
# aborted at once so that a closed network cannot stall a render-blocking stylesheet.
EXTERNAL_URL = re.compile(r"^(https?|wss?)://(?!(127\.0\.0\.1|localhost|\[::1\])([:/]|$))")


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


def is_offline_noise(error: ConsoleError) -> bool:
    """True for a failed load of something from an external host (fonts, icons from a CDN).

    Chromium reports those as ``Failed to load resource: net::ERR_...`` with the resource's
    URL as the message location. Anything failing on 127.0.0.1 is a real error.
    """
    if is_voila_shutdown_403(error):
        return True
    if error.kind != "console" or "net::ERR_" not in error.text:
        return False
    host = urlsplit(error.url).hostname or ""
    return bool(host) and host not in LOCAL_HOSTS and f"[{host}]" not in LOCAL_HOSTS


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
