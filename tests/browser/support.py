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


# --- what a served page must show: no failed cell, pictures all drawn, every control labelled -------

CELL_ERROR = "There was an error when executing cell"  # what Voilà shows instead of a traceback
# No request leaves the machine: a browser context with this proxy sends anything that slips past
# Playwright's routing (a WebSocket, say) to a port where nothing listens.
DEAD_PROXY = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost,[::1]"}

# Every visible control and its label as a person (or a screen reader) finds it.
CONTROLS = r"""() => {
  const SEL = 'button, input:not([type=hidden]), select, textarea, [role=slider], [role=button],' +
              '[role=checkbox], [role=switch], [role=combobox], [role=tab]';
  const clean = (t) => (t || '').replace(/[\s\u200b]+/g, ' ').trim();
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const labelOf = (el) => {
    const aria = clean(el.getAttribute('aria-label'));
    if (aria) return aria;
    for (const id of (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)) {
      const l = document.getElementById(id);
      if (l && clean(l.innerText)) return clean(l.innerText);
    }
    for (const l of el.labels || []) if (shown(l) && clean(l.innerText)) return clean(l.innerText);
    const role = el.getAttribute('role');
    if (el.tagName === 'BUTTON' || role === 'button' || role === 'tab') {
      if (clean(el.innerText)) return clean(el.innerText);
    }
    // an ipywidget's description: the label beside its control (a slider's handle, a dropdown)
    const box = el.closest('.widget-inline-hbox');
    if (box) for (const l of box.querySelectorAll(':scope > .widget-label, :scope > label'))
      if (shown(l) && clean(l.innerText)) return clean(l.innerText);
    return '';
  };
  const describe = (el) => {
    const box = el.closest('.jupyter-widgets');
    return `<${el.tagName.toLowerCase()}${el.type ? ' type=' + el.type : ''}` +
           `${el.className && typeof el.className === 'string' ? ' class="' + el.className + '"' : ''}>` +
           (box ? ` in "${clean(box.innerText).slice(0, 60)}"` : '');
  };
  return Array.from(document.querySelectorAll(SEL)).filter(shown)
    .map((el) => ({control: describe(el), label: labelOf(el)}));
}"""


def page_problems(page: Page) -> list[str]:
    """What is wrong with a Voilà page whose cells have run: a cell that failed, no picture or one
    not drawn (plotly figures with traces and an SVG, canvases not blank, images loaded), a visible
    control (button, slider, dropdown, checkbox, toggle, text field) with no visible label,
    description or aria-label, an error the app shows."""
    problems = []
    if page.get_by_text(CELL_ERROR).count():
        problems.append(f"a cell failed: {page.get_by_text(CELL_ERROR).first.inner_text()}")
    pictures = page.evaluate(PICTURES)
    if not pictures:
        problems.append("no picture at all")
    problems += [f"{p['picture']} has not drawn ({p['detail']})" for p in pictures if not p["drawn"]]
    problems += [f"control without a label: {c['control']}" for c in page.evaluate(CONTROLS) if not c["label"]]
    for shown_error in page.locator(".pg-message.pg-error").all():
        if shown_error.is_visible() and shown_error.inner_text().strip():
            problems.append(f"the app shows an error: {shown_error.inner_text().strip()}")
    return problems
