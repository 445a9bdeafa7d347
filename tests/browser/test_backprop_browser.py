"""Notebook 03b served by Voilà, seen by a person: the backward pass's graph appears, Next step writes a
gradient into it, moving x₁ changes it; the sigmoid chain's bars follow its depth slider."""

from __future__ import annotations

from tests.browser.support import wait_for_voila_app
from tests.browser.test_first_steps_browser import CELL_ERROR, LOAD_S, PLOT, picture, wait_for_change


def move(page, slider, presses=4):
    handle = page.locator(f"{slider} .noUi-handle").first
    handle.focus()
    for _ in range(presses):
        handle.press("ArrowRight")


def test_backpropagation_page_steps_backward_and_reacts(page, voila_url, output_dir):
    page.goto(f"{voila_url}/voila/render/03b_backpropagation.ipynb", wait_until="commit")
    wait_for_voila_app(page, timeout=LOAD_S, selector=f".pg-backprop {PLOT}")
    assert page.get_by_text(CELL_ERROR).count() == 0
    graph = ".pg-backprop"
    page.locator(f"{graph} {PLOT} .cartesianlayer").first.wait_for(state="attached")
    before = picture(page, graph)
    assert "∂ ?" in before
    page.get_by_role("button", name="All steps", exact=True).click()
    after = wait_for_change(page, graph, before)
    page.locator(".pg-bp-steps").get_by_text("Every gradient is known").wait_for(timeout=30_000)
    move(page, ".pg-slider-x1")
    wait_for_change(page, graph, after)
    page.locator(graph).first.screenshot(path=str(output_dir / "backprop.png"))

    chain = ".pg-chain"
    page.locator(f"{chain} {PLOT} .cartesianlayer").first.wait_for(state="attached")
    before = picture(page, chain)
    move(page, ".pg-slider-depth", 3)
    wait_for_change(page, chain, before)
    page.locator(chain).get_by_text("With 9 hidden layers").wait_for(timeout=30_000)
    page.locator(chain).first.screenshot(path=str(output_dir / "chain.png"))
    assert page.locator(".pg-message.pg-error").count() == 0
