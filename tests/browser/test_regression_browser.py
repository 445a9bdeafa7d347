"""Notebook 05b served by Voilà, in Chromium: the students and the curve appear, Play fits the curve,
Pause stops it."""

from __future__ import annotations

from tests.browser.support import wait_for_voila_app
from tests.browser.test_first_steps_browser import CELL_ERROR, LOAD_S, PLOT, picture, wait_for_change

APP = ".pg-regression"


def test_regression_page_fits_the_curve_live(page, voila_url, output_dir):
    page.goto(f"{voila_url}/voila/render/05b_regression.ipynb", wait_until="commit")
    wait_for_voila_app(page, timeout=LOAD_S, selector=f"{APP} {PLOT}")
    assert page.get_by_text(CELL_ERROR).count() == 0
    page.locator(f"{APP} {PLOT} .cartesianlayer").first.wait_for(state="attached")
    page.locator(".pg-reg-metrics").get_by_role("columnheader", name="RMSE").wait_for(timeout=30_000)
    before = picture(page, APP)
    page.get_by_role("button", name="Play", exact=True).click()
    page.get_by_role("button", name="Pause", exact=True).wait_for(state="visible", timeout=30_000)
    wait_for_change(page, APP, before)
    page.wait_for_timeout(1500)
    page.get_by_role("button", name="Pause", exact=True).click()
    page.get_by_role("button", name="Play", exact=True).wait_for(state="visible", timeout=30_000)
    page.locator(APP).first.screenshot(path=str(output_dir / "regression.png"))
    assert page.locator(f"{APP} .pg-message.pg-error").count() == 0
