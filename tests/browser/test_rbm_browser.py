"""The Boltzmann notebook served by Voilà, in Chromium: the panels are drawn, Play trains (the
pictures change), Pause stops, the deep belief network's comparison is shown."""

from __future__ import annotations

from tests.browser.support import wait_for_voila_app
from tests.browser.test_first_steps_browser import CELL_ERROR, LOAD_S

APP = ".pg-rbm"
PIXELS = "() => [...document.querySelectorAll('.pg-rbm canvas.pg-panel')].map(c => c.toDataURL().length)"


def test_boltzmann_page_trains_live_and_compares(page, voila_url, output_dir):
    page.goto(f"{voila_url}/voila/render/boltzmann.ipynb", wait_until="commit")
    wait_for_voila_app(page, timeout=LOAD_S, selector=f"{APP} canvas.pg-panel")
    assert page.get_by_text(CELL_ERROR).count() == 0
    page.wait_for_function("() => (globalThis.__panelsCanvas?.frames ?? 0) > 0", timeout=60_000)
    before = page.evaluate(PIXELS)
    page.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_function("() => globalThis.__panelsCanvas.frames > 10", timeout=60_000)
    page.get_by_role("button", name="Pause", exact=True).click()
    page.get_by_role("button", name="Play", exact=True).wait_for(state="visible", timeout=30_000)
    assert page.evaluate(PIXELS) != before
    page.get_by_role("button", name="Deep belief network vs raw pixels").click()
    page.locator(".pg-rbm-dbn").get_by_text("Test accuracy").wait_for(timeout=120_000)
    page.locator(APP).first.screenshot(path=str(output_dir / "rbm.png"))
    assert page.locator(f"{APP} .pg-message.pg-error").count() == 0
