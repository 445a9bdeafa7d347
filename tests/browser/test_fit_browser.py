"""Every app fits the screen a learner has (issue 18): in Voilà (both editions, English and Korean:
their labels differ in width), and in JupyterLab with the file browser open, at 1366×768, 1280×720
and 1920×1080 at 150 % zoom (what a page sees of that screen: 1280×720 CSS pixels at a device pixel
ratio of 1.5), every notebook of the course:

- no picture (canvas, plotly figure, its SVG, image) reaches past its output area;
- no button or label is cut short (its text wider than its box: "oran…" for "orange");
- nothing scrolls sideways (the page, the notebook, an output area);
- every canvas is drawn at the device pixel ratio (sharp), and every plotly figure that follows its
  container is as wide as it (re-sized, not drawn once at another width).

Each page is loaded once per host, then the screen is changed in that same page (through the
DevTools protocol, as a zoom or a window resize would): which is also the test that the apps
re-size when their width changes. JupyterLab's kernels are slow to start here, so a JupyterLab
server (conftest's ``lab``, one per worker) serves many JupyterLab tests. Screenshots of every page
at every size go to test-output/.

Presenter mode is tested on the Playground: the link's ``presenter=1`` and the toggle give the same
page (larger text and canvas panels), which still fits.
"""

from __future__ import annotations

import base64
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.support import (
    PICTURES,
    allow_kernel_shutdown,
    page_problems,
    shutdown_voila_kernel,
    wait_for_voila_app,
)
from tests.browser.test_jupyterlab import assert_no_error_output, lab_page_in, open_and_run_all

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ["index.ipynb"] + sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb") if p.name != "index.ipynb")
KOREAN = [f"ko/{nb}" for nb in NOTEBOOKS]  # the Korean edition: other labels, other widths
# (name, CSS width, CSS height, device pixel ratio): from the largest to the smallest and back up
SCREENS = (("1366x768", 1366, 768, 1), ("1920x1080-at-150", 1280, 720, 1.5), ("1280x720", 1280, 720, 1))
LOAD_TIMEOUT = 180.0  # s: a Voilà page whose kernel is not preheated takes 10-30 s here, more when busy
SETTLE_TIMEOUT = 20.0  # s for the apps to re-size after the screen changed
VOILA_AREA = "#rendered_cells"
LAB_AREA = ".jp-NotebookPanel:not(.lm-mod-hidden)"

# What does not fit in ``area`` (a CSS selector; ``app``: only in the cell of its app number ``app``):
# a list of {kind, what, detail}.
MISFITS = r"""([area, dpr, app]) => {
  let root = document.querySelector(area);
  if (!root) return [{kind: 'page', what: `no ${area}`, detail: ''}];
  if (app != null) { const a = root.querySelectorAll('.pg-app')[app]; root = a ? a.closest('.jp-Cell') || a : root; }
  const shown = (e) => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
  const name = (e) => (e.className && e.className.baseVal !== undefined ? e.className.baseVal : e.className || e.tagName)
    .toString().split(/\s+/).slice(0, 3).join('.');
  const out = [];
  const scroller = document.scrollingElement;
  if (scroller.scrollWidth > innerWidth + 1)
    out.push({kind: 'scroll', what: 'the page', detail: `${scroller.scrollWidth} > ${innerWidth}`});
  [root, ...root.querySelectorAll('.jp-WindowedPanel-outer, .jp-OutputArea-output')].forEach((e) => {
    if (shown(e) && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'hidden')
      out.push({kind: 'scroll', what: name(e), detail: `${e.scrollWidth} > ${e.clientWidth}`});
  });
  root.querySelectorAll('canvas, svg.main-svg, .js-plotly-plot, .jp-OutputArea-output img').forEach((e) => {
    if (!shown(e) || (e.tagName === 'CANVAS' && e.closest('.js-plotly-plot'))) return;
    const box = e.closest('.jp-OutputArea-output');
    if (!box) return;
    const r = e.getBoundingClientRect(), o = box.getBoundingClientRect();
    if (r.left < o.left - 1 || r.right > o.right + 1)
      out.push({kind: 'picture', what: name(e), detail: `${Math.round(r.left)}..${Math.round(r.right)} outside ${Math.round(o.left)}..${Math.round(o.right)}`});
  });
  root.querySelectorAll('.jp-OutputArea-output :is(button, label, .widget-label, .widget-toggle-button)').forEach((e) => {
    if (shown(e) && e.scrollWidth > e.clientWidth + 1)
      out.push({kind: 'label', what: (e.innerText || '').trim().slice(0, 40), detail: `${e.scrollWidth} > ${e.clientWidth}`});
  });
  root.querySelectorAll('canvas[class]').forEach((c) => {  // sharp: as many pixels as the screen has
    if (!shown(c) || c.closest('.js-plotly-plot')) return;
    const r = c.getBoundingClientRect();
    if (Math.abs(c.width - r.width * dpr) > 2 || Math.abs(c.height - r.height * dpr) > 2)
      out.push({kind: 'blurry', what: name(c), detail: `${c.width}x${c.height} for ${r.width}x${r.height} at ${dpr}`});
  });
  root.querySelectorAll('.pg-app .js-plotly-plot').forEach((gd) => {  // re-sized to its container
    const svg = gd.querySelector('svg.main-svg');
    if (!shown(gd) || !svg || (gd.layout.meta && gd.layout.meta.own_width)) return;  // the app's width
    const w = svg.getBoundingClientRect().width, c = gd.getBoundingClientRect().width;
    if (Math.abs(w - c) > 2) out.push({kind: 'plotly width', what: name(gd), detail: `${Math.round(w)} in ${Math.round(c)}`
      + ` (its box ${Math.round(gd.parentElement.getBoundingClientRect().width)}, asked ${gd.dataset.widened || 'never'}, saw ${gd.dataset.widen || 'nothing'}${gd.dataset.fitError ? ', ' + gd.dataset.fitError : ''}, app ${JSON.stringify(gd.closest('.pg-app').dataset)})`});
  });
  return out;
}"""

# True once every app (in the page and in its kernel) and every canvas has fitted itself to the
# screen (see views/fit.js, views/canvas_fit.js: they write what they fitted to in data attributes).
SETTLED = r"""([area, dpr]) => {
  const root = document.querySelector(area);
  if (!root) return false;
  for (const app of root.querySelectorAll('.pg-app')) {
    const w = Math.round(app.getBoundingClientRect().width);
    if (Number(app.dataset.fitWidth) !== w || Number(app.dataset.fitted) !== w) return false;  // the kernel too
  }
  for (const c of root.querySelectorAll('[data-fit]'))
    if (c.getBoundingClientRect().width > 0 && Number(c.dataset.fit.split(' ')[2]) !== dpr) return false;
  return true;
}"""
ALL_DRAWN = f"() => {{ const p = ({PICTURES})(); return p.every(x => x.drawn); }}"
# [how many apps, whether each is fitted by its page widget and every picture is drawn]
APPS_READY = (f"() => {{ const apps = Array.from(document.querySelectorAll('{VOILA_AREA} .pg-app')); "
              f"return [apps.length, apps.every(a => a.dataset.fitWidth !== undefined) && ({PICTURES})().every(x => x.drawn)]; }}")
STABLE_S = 1.5  # s: the apps' number unchanged that long, every one drawn


def set_screen(page, cdp, width: int, height: int, dpr: float) -> None:
    """The page's screen: ``width``×``height`` CSS pixels at ``dpr`` device pixels per CSS pixel
    (a window resized, a zoom changed)."""
    cdp.send("Emulation.setDeviceMetricsOverride",
             {"width": width, "height": height, "deviceScaleFactor": dpr, "mobile": False})
    page.wait_for_function(f"() => innerWidth === {width} && devicePixelRatio === {dpr}", timeout=10_000)


def screenshot(cdp, path: Path, *, whole: bool) -> None:
    """The whole page (``whole``: Voilà's page scrolls) or what is in view (JupyterLab's notebook
    scrolls inside the page), through the DevTools protocol: Playwright's own screenshot would put
    back its viewport."""
    shot = {"format": "png"}
    if whole:
        size = cdp.send("Page.getLayoutMetrics")["cssContentSize"]
        shot.update(captureBeyondViewport=True, clip=dict(x=0, y=0, width=size["width"], height=size["height"], scale=1))
    path.write_bytes(base64.b64decode(cdp.send("Page.captureScreenshot", shot)["data"]))


def settle(page, area: str, dpr: float) -> None:
    """Wait until the apps have re-sized (their data attributes say so, the kernel's part too), then
    until nothing misfits (plotly re-draws after its relayout), at most SETTLE_TIMEOUT: what still
    misfits then is the test's failure."""
    page.wait_for_function(SETTLED, arg=[area, dpr], timeout=SETTLE_TIMEOUT * 1000, polling=200)
    if area == VOILA_AREA:
        fitting(page, area, dpr, None)


def fitting(page, area: str, dpr: float, app: int | None, timeout: float = SETTLE_TIMEOUT) -> list:
    """What still misfits after waiting up to ``timeout`` s for nothing to misfit."""
    try:
        page.wait_for_function(f"([area, dpr, app]) => ({MISFITS})([area, dpr, app]).length === 0",
                               arg=[area, dpr, app], timeout=timeout * 1000, polling=250)
    except PlaywrightTimeout:
        pass
    return page.evaluate(MISFITS, [area, dpr, app])


def lab_misfits(page, dpr: float) -> list:
    """JupyterLab lays out only the cells in view (``content-visibility: auto``): a cell out of view
    keeps its old sizes until it is scrolled to, as a learner would. Each app is scrolled into view
    and checked there."""
    out = []
    for app in range(page.locator(f"{LAB_AREA} .pg-app").count()):
        page.locator(f"{LAB_AREA} .pg-app").nth(app).scroll_into_view_if_needed()
        out += fitting(page, LAB_AREA, dpr, app, timeout=10)
    return out


def check_every_screen(page, area: str, output_dir: Path, stem: str) -> dict:
    """The page at every screen size; returns {screen name: misfits}."""
    cdp = page.context.new_cdp_session(page)
    report = {}
    for name, width, height, dpr in SCREENS:
        set_screen(page, cdp, width, height, dpr)
        settle(page, area, dpr)
        report[name] = page.evaluate(MISFITS, [area, dpr, None]) if area == VOILA_AREA else lab_misfits(page, dpr)
        if area == LAB_AREA:  # the first app in view
            page.evaluate(f"() => document.querySelector('{LAB_AREA} .pg-app')?.scrollIntoView()")
        screenshot(cdp, output_dir / f"{stem}-{name}.png", whole=area == VOILA_AREA)
    return report


def describe(report: dict) -> str:
    return "\n".join(f"  {screen}: [{m['kind']}] {m['what']}: {m['detail']}"
                     for screen, misfits in report.items() for m in misfits)


# --- Voilà -----------------------------------------------------------------------------------------


@pytest.fixture
def voila_page(page, voila_url):
    """conftest's ``page`` (console errors and requests off the machine fail the test), whose
    kernel is shut down after the test (pages are many: kernels must not pile up)."""
    allow_kernel_shutdown(page.context, voila_url)
    yield page
    try:
        shutdown_voila_kernel(page)
    except Exception:  # noqa: BLE001 - the kernel is culled anyway
        pass


def open_voila(page, url: str) -> None:
    """The page loaded and all its apps drawn. Voilà shows the page before the widget manager has
    drawn every widget (an app's root could be missing for seconds, and the pictures then counted
    were none): wait until the apps (``.pg-app``, a landing page has none) are there, fitted by their
    page widget, every picture drawn, and their number the same for STABLE_S."""
    page.goto(url, timeout=LOAD_TIMEOUT * 1000)
    wait_for_voila_app(page, timeout=LOAD_TIMEOUT)
    page.wait_for_function(ALL_DRAWN, timeout=LOAD_TIMEOUT * 1000, polling=500)
    want_apps = not url.split("?")[0].endswith("index.ipynb")
    deadline, since, seen = time.monotonic() + LOAD_TIMEOUT, time.monotonic(), None
    while True:
        state = page.evaluate(APPS_READY)
        now = time.monotonic()
        if state != seen:
            seen, since = state, now
        count, ready = state
        if ready and (count > 0 or not want_apps) and now - since >= STABLE_S:
            return
        assert now < deadline, f"{url}: the apps were not all drawn after {LOAD_TIMEOUT:.0f} s ({count} apps, ready: {ready})"
        time.sleep(0.25)


@pytest.mark.parametrize("notebook", NOTEBOOKS + KOREAN)
def test_every_page_fits_every_screen_in_voila(voila_page, voila_url, output_dir, notebook):
    """Also what every served page must show, here where every page of both editions opens
    (``support.page_problems``; the ``page`` fixture has the network blocked)."""
    open_voila(voila_page, f"{voila_url}/voila/render/{notebook}")
    problems = page_problems(voila_page)
    report = check_every_screen(voila_page, VOILA_AREA, output_dir, re.sub(r"\W", "_", Path(notebook).stem))
    assert not problems, f"{notebook}:\n  " + "\n  ".join(problems)
    assert not any(report.values()), f"{notebook} does not fit:\n{describe(report)}"


def test_presenter_mode_from_the_link_and_the_toggle(voila_page, voila_url, output_dir):
    """``?presenter=1`` and the toggle give the same page: the app's root marked, the canvas drawn
    1.5 times larger, the widgets' text larger; it still fits every screen. Off again: as before."""
    page = voila_page
    open_voila(page, f"{voila_url}/voila/render/playground.ipynb?presenter=1")
    app, canvas = page.locator(".pg-app").first, page.locator(".pg-live-canvas").first
    page.wait_for_function("() => (document.querySelector('.pg-live-canvas')?.dataset.fit || '').split(' ')[1] === '1.5'")
    assert "pg-presenter" in app.get_attribute("class")
    toggle = page.locator(".pg-presenter-toggle")
    assert "mod-active" in toggle.get_attribute("class")  # the toggle shows the mode the link asked for
    linked = dict(font=page.locator(".pg-epoch").evaluate("e => getComputedStyle(e).fontSize"),
                  title=canvas.locator(".pg-panel-title").first.evaluate("e => getComputedStyle(e).fontSize"))
    report = check_every_screen(page, VOILA_AREA, output_dir, "presenter-link")
    assert not any(report.values()), f"presenter mode does not fit:\n{describe(report)}"

    toggle.click()  # off
    page.wait_for_function("() => (document.querySelector('.pg-live-canvas').dataset.fit || '').split(' ')[1] === '1'")
    assert "pg-presenter" not in app.get_attribute("class")
    plain = dict(font=page.locator(".pg-epoch").evaluate("e => getComputedStyle(e).fontSize"),
                 title=canvas.locator(".pg-panel-title").first.evaluate("e => getComputedStyle(e).fontSize"))
    assert float(linked["title"][:-2]) == pytest.approx(1.5 * float(plain["title"][:-2]))
    assert float(linked["font"][:-2]) > 1.3 * float(plain["font"][:-2])

    toggle.click()  # on again, by the toggle: the same page as the link's
    page.wait_for_function("() => (document.querySelector('.pg-live-canvas').dataset.fit || '').split(' ')[1] === '1.5'")
    toggled = dict(font=page.locator(".pg-epoch").evaluate("e => getComputedStyle(e).fontSize"),
                   title=canvas.locator(".pg-panel-title").first.evaluate("e => getComputedStyle(e).fontSize"))
    assert toggled == linked
    screenshot(page.context.new_cdp_session(page), output_dir / "presenter-toggled.png", whole=True)


# --- JupyterLab, the file browser open ---------------------------------------------------------------

LAB_NOTEBOOKS = [nb for nb in NOTEBOOKS if nb != "index.ipynb"]  # the landing page is Voilà's
ALL_DRAWN_IN_LAB = (f"() => {{ const p = ({PICTURES})(); const prompts = Array.from(document.querySelectorAll("
                    f"'{LAB_AREA} .jp-CodeCell .jp-InputPrompt')); return prompts.length > 0 && "
                    f"prompts.every(q => /\\[\\d+\\]/.test(q.textContent)) && p.length > 0 && p.every(x => x.drawn); }}")


def open_file_browser(page) -> None:
    """The left sidebar open on the file browser (as JupyterLab starts; opened if it is not)."""
    browser_panel = page.locator("#filebrowser")
    if not browser_panel.is_visible():
        page.locator(".jp-SideBar.jp-mod-left [data-id='filebrowser']").click()
    browser_panel.wait_for(state="visible")


@pytest.mark.parametrize("notebook", LAB_NOTEBOOKS)
def test_every_notebook_fits_every_screen_in_jupyterlab(browser, lab, output_dir, request, notebook):
    with lab_page_in(browser, output_dir, request, viewport={"width": SCREENS[0][1], "height": SCREENS[0][2]}) as page:
        open_and_run_all(page, lab.url, notebook)
        open_file_browser(page)
        page.wait_for_function(ALL_DRAWN_IN_LAB, timeout=240_000, polling=500)
        assert_no_error_output(page)
        report = check_every_screen(page, LAB_AREA, output_dir, re.sub(r"\W", "_", Path(notebook).stem))
        assert page.locator("#filebrowser").is_visible(), "the file browser closed"
        assert not any(report.values()), f"{notebook} does not fit in JupyterLab:\n{describe(report)}"
