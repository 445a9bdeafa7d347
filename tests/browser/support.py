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


# --- pictures ---------------------------------------------------------------------------------

# Every visible picture on the page and whether it has drawn: plotly figures (traces and an SVG),
# canvases outside plotly (not blank) and Voilà-rendered images (loaded). ``page.evaluate(PICTURES)``
# gives a list of {picture, drawn, detail}.
PICTURES = r"""() => {
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const out = [];
  document.querySelectorAll('.js-plotly-plot').forEach((gd, i) => {
    if (!shown(gd)) return;
    const traces = gd._fullData ? gd._fullData.length : 0;
    out.push({picture: `plotly figure #${i}`, drawn: traces > 0 && !!gd.querySelector('.main-svg'),
              detail: `${traces} traces`});
  });
  document.querySelectorAll('canvas').forEach((c, i) => {
    if (!shown(c) || c.closest('.js-plotly-plot') || !c.width || !c.height) return;
    const blank = document.createElement('canvas');
    blank.width = c.width; blank.height = c.height;
    out.push({picture: `canvas #${i} .${c.className}`, drawn: c.toDataURL() !== blank.toDataURL(),
              detail: `${c.width}x${c.height}`});
  });
  document.querySelectorAll('#rendered_cells img').forEach((im, i) => {
    if (!shown(im)) return;
    out.push({picture: `image #${i} (${(im.alt || im.src).slice(0, 40)})`,
              drawn: im.complete && im.naturalWidth > 0, detail: `${im.naturalWidth}x${im.naturalHeight}`});
  });
  return out;
}"""


# --- shutting a page's kernel down ------------------------------------------------------------

XSRF_COOKIE = "playground-test-xsrf"


def allow_kernel_shutdown(context, base_url: str) -> None:
    """Give ``context`` an ``_xsrf`` cookie for ``base_url`` so that shutdown_voila_kernel works.

    Voilà 0.5 never sets that cookie, so its own shutdown request on leaving a page is refused
    with 403 (voila-dashboards/voila#1458) and the kernel lives on until culled. Tornado's XSRF
    check only compares the cookie with the request's X-XSRFToken header."""
    context.add_cookies([{"name": "_xsrf", "value": XSRF_COOKIE, "url": base_url}])


def shutdown_voila_kernel(page: Page) -> int:
    """Ask Voilà to shut down the kernel behind ``page`` (a rendered notebook); returns the HTTP
    status (204 when done). Call allow_kernel_shutdown on the page's context first. Tests that
    open many pages call it before closing each, so kernels do not pile up (~0.5 GB each)."""
    return page.evaluate("""async (xsrf) => {
      const el = document.getElementById('jupyter-config-data');
      if (!el) return 0;
      const cfg = JSON.parse(el.textContent);
      if (!cfg.kernelId) return 0;
      const resp = await fetch(cfg.baseUrl + 'voila/api/shutdown/' + cfg.kernelId,
                               {method: 'POST', headers: {'X-XSRFToken': xsrf}});
      return resp.status;
    }""", XSRF_COOKIE)
