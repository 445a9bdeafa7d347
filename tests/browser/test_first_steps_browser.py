"""The first-steps notebooks (01-05) served by Voilà, seen by a person: each one runs, shows its
figure, and the picture changes when a slider moves (keyboard on its handle: focus + ArrowRight) or
when Play is pressed; no cell fails and the console stays free of errors."""

from __future__ import annotations

import time

import pytest

from tests.browser.support import CELL_ERROR, wait_for_voila_app

PLOT = ".js-plotly-plot"
LOAD_S = 180  # kernels start slowly on the shared cores; this is a ceiling, not a measurement

# notebook -> (app's CSS class, slider class to move or None for Play, what to press first)
CASES = {
    "01_neuron_perceptron.ipynb": (".pg-perceptron", ".pg-slider-w1", None),
    "02_xor_mlp.ipynb": (".pg-xor", None, None),
    "03_forward_propagation.ipynb": (".pg-forward", ".pg-slider-x1", None),
    "04_activations.ipynb": (".pg-activations", ".pg-slider-slope", "leaky ReLU"),
    "05_losses.ipynb": (".pg-losses", ".pg-slider-p", None),
}


def picture(page, app: str) -> str:
    """What the app's plot draws (traces, images, text), as SVG markup."""
    return page.locator(f"{app} {PLOT} .main-svg").first.evaluate(
        "svg => [...svg.querySelectorAll('.cartesianlayer, .imagelayer, .annotation')]"
        ".map(e => e.innerHTML).join('|')")


def wait_for_change(page, app: str, before: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = picture(page, app)
        if now != before:
            return now
        page.wait_for_timeout(250)
    raise AssertionError(f"the picture of {app} did not change within {timeout:.0f} s")


@pytest.mark.parametrize("name", list(CASES))
def test_first_steps_notebook_reacts_to_the_learner(page, voila_url, output_dir, name):
    app, slider, first_click = CASES[name]
    page.goto(f"{voila_url}/voila/render/{name}", wait_until="commit")  # Voilà streams the page as cells run
    wait_for_voila_app(page, timeout=LOAD_S, selector=f"{app} {PLOT}")
    errors = page.get_by_text(CELL_ERROR)
    assert errors.count() == 0, f"a notebook cell failed: {errors.first.inner_text()}"
    page.locator(f"{app} {PLOT} .cartesianlayer").first.wait_for(state="attached")
    if first_click:
        before = picture(page, app)
        page.get_by_role("button", name=first_click, exact=True).click()
        wait_for_change(page, app, before)
    page.locator(app).first.screenshot(path=str(output_dir / "before.png"))
    before = picture(page, app)
    if slider:
        handle = page.locator(f"{slider} .noUi-handle").first
        handle.focus()
        for _ in range(4):
            handle.press("ArrowRight")
        wait_for_change(page, app, before)
    else:
        page.get_by_role("button", name="Play", exact=True).click()
        page.get_by_role("button", name="Pause", exact=True).wait_for(state="visible", timeout=30_000)
        wait_for_change(page, app, before)
        page.get_by_role("button", name="Pause", exact=True).click()
        page.get_by_role("button", name="Play", exact=True).wait_for(state="visible", timeout=30_000)
    page.wait_for_timeout(500)
    page.locator(app).first.screenshot(path=str(output_dir / "after.png"))
    assert page.locator(f"{app} .pg-message.pg-error").count() == 0
