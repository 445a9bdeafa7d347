"""Offline: the served site needs nothing from the internet.

With every request that is not to 127.0.0.1 aborted (and a dead proxy behind them, so nothing
that slips past Playwright's routing, a WebSocket say, can connect either), the landing page and
every notebook in notebooks/ open in Voilà; no request tries to leave the machine; every visible
control (button, slider, dropdown, checkbox, toggle, text field) has a visible label or
description or an aria-label; every visible picture has drawn: plotly figures have traces and
an SVG, canvases are not blank, images have loaded.

The pages are opened one after another in one browser context; each page's kernel is shut down
before the next page opens (Voilà's own shutdown on leaving a page is refused, voila#1458).
"""

from __future__ import annotations

import ast
import re
import time
from pathlib import Path

from playground_dev.chromium import is_external
from tests.browser.support import (
    PICTURES,
    ConsoleError,
    allow_kernel_shutdown,
    is_known_noise,
    shutdown_voila_kernel,
    wait_for_voila_app,
)

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ["index.ipynb"] + sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")
                                     if p.name != "index.ipynb")
CELL_ERROR = "There was an error when executing cell"
DEAD_PROXY = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost,[::1]"}
PAGE_TIMEOUT = 180.0  # s: a page whose kernel is not preheated takes 10-30 s here, more when busy
PICTURE_TIMEOUT = 120.0  # s after Voilà has run the notebook

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

def _open(context, url: str, nb: str, output_dir: Path) -> tuple[list[str], dict]:
    """Open one notebook, check it, shut its kernel down, close it: (problems, figures)."""
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors: list[ConsoleError] = []
    page.on("console", lambda m: m.type == "error" and errors.append(
        ConsoleError("console", m.text, (m.location or {}).get("url", ""))))
    page.on("pageerror", lambda e: errors.append(ConsoleError("pageerror", str(e))))
    problems: list[str] = []
    t0 = time.monotonic()
    try:
        page.goto(f"{url}/voila/render/{nb}", wait_until="commit")
        wait_for_voila_app(page, timeout=PAGE_TIMEOUT)
        t_run = time.monotonic() - t0
        if page.get_by_text(CELL_ERROR).count():
            problems.append(f"a cell failed: {page.get_by_text(CELL_ERROR).first.inner_text()}")
        try:  # the widget manager draws after Voilà has run the notebook: wait for every picture
            page.wait_for_function(f"() => {{ const p = ({PICTURES})(); return p.length > 0 && p.every(x => x.drawn); }}",
                                   timeout=PICTURE_TIMEOUT * 1000, polling=500)
        except Exception:  # noqa: BLE001 - reported below, with what did draw
            pass
        t_pictures = time.monotonic() - t0
        pictures = page.evaluate(PICTURES)
        if not pictures:
            problems.append("no picture at all")
        problems += [f"{p['picture']} has not drawn ({p['detail']})" for p in pictures if not p["drawn"]]
        controls = page.evaluate(CONTROLS)
        problems += [f"control without a label: {c['control']}" for c in controls if not c["label"]]
        for shown_error in page.locator(".pg-message.pg-error").all():
            if shown_error.is_visible() and shown_error.inner_text().strip():
                problems.append(f"the app shows an error: {shown_error.inner_text().strip()}")
        page.screenshot(path=str(output_dir / f"{nb.removesuffix('.ipynb')}.png"), full_page=True)
        problems += [f"console: {e}" for e in errors if not is_known_noise(e)]
        figures = dict(run_s=round(t_run, 1), drawn_s=round(t_pictures, 1), checked_s=round(time.monotonic() - t0, 1),
                       pictures=len(pictures), controls=len(controls))
    except Exception as exc:  # noqa: BLE001 - one page's failure must not hide the others'
        problems.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
        figures = {}
        try:
            page.screenshot(path=str(output_dir / f"{nb.removesuffix('.ipynb')}-failed.png"), full_page=True)
        except Exception:  # noqa: BLE001
            pass
    finally:
        try:
            shutdown_voila_kernel(page)
        except Exception:  # noqa: BLE001 - best effort: the culler would get it later
            pass
        page.close()
    return problems, figures


def test_every_page_works_with_the_network_blocked(browser, voila_url, output_dir):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, proxy=DEAD_PROXY)
    allow_kernel_shutdown(context, voila_url)
    left: list[str] = []

    def only_this_machine(route):
        if is_external(route.request.url):
            left.append(route.request.url)
            route.abort("internetdisconnected")
        else:
            route.continue_()

    context.route("**/*", only_this_machine)
    context.on("page", lambda pg: pg.on(
        "websocket", lambda ws: is_external(ws.url) and left.append(ws.url)))
    report, problems = {}, {}
    try:
        for nb in NOTEBOOKS:
            found, report[nb] = _open(context, voila_url, nb, output_dir)
            if found:
                problems[nb] = found
    finally:
        context.close()
    print("\n".join(f"{nb}: {figures}" for nb, figures in report.items()))
    assert not left, "requests tried to leave the machine:\n" + "\n".join(sorted(set(left)))
    assert not problems, "\n".join(f"{nb}:\n  " + "\n  ".join(p) for nb, p in problems.items())


# --- the kernel side: the package itself fetches nothing ------------------------------------------

NETWORK_MODULES = ("socket", "ssl", "http.client", "urllib.request", "urllib3", "requests", "httpx",
                   "aiohttp", "websocket", "websockets", "ftplib", "smtplib")
EXTERNAL_IN_JS = re.compile(r"""(https?:)?//[a-z0-9.-]+\.[a-z]{2,}[/'"]|\bimport\s*\(\s*['"]https?:""", re.I)


def test_the_package_imports_no_network_module_and_its_front_end_code_loads_nothing():
    """Kernel side: playground/ imports no HTTP or socket library (its datasets are generated or
    bundled with scikit-learn), and its anywidget front-end code references no other host."""
    package = ROOT / "playground"
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            for name in names:
                assert not any(name == m or name.startswith(m + ".") for m in NETWORK_MODULES), \
                    f"{path.relative_to(ROOT)} imports {name}"
    for path in sorted(package.rglob("*.js")):
        match = EXTERNAL_IN_JS.search(path.read_text())
        assert match is None, f"{path.relative_to(ROOT)} refers to another host: {match.group(0)!r}"
