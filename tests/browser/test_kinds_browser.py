"""The opening page (notebook 00) served by Voilà, in Chromium: both pictures appear and the k slider
changes the groups."""

from __future__ import annotations

from tests.browser.support import wait_for_voila_app
from tests.browser.test_backprop_browser import move
from tests.browser.test_first_steps_browser import CELL_ERROR, LOAD_S, PLOT, picture, wait_for_change

APP = ".pg-kinds"


def test_opening_page_shows_labels_and_groups_and_reacts_to_k(page, voila_url, output_dir):
    page.goto(f"{voila_url}/voila/render/00_kinds_of_learning.ipynb", wait_until="commit")
    wait_for_voila_app(page, timeout=LOAD_S, selector=f"{APP} {PLOT}")
    assert page.get_by_text(CELL_ERROR).count() == 0
    page.locator(f"{APP} {PLOT} .cartesianlayer").first.wait_for(state="attached")
    page.locator(APP).get_by_text("3 groups, 3 classes").wait_for(timeout=30_000)
    before = picture(page, APP)
    move(page, ".pg-slider-k", 2)
    wait_for_change(page, APP, before)
    page.locator(APP).get_by_text("5 groups, 3 classes").wait_for(timeout=30_000)
    page.locator(APP).first.screenshot(path=str(output_dir / "kinds.png"))
    assert page.locator(f"{APP} .pg-message.pg-error").count() == 0
