"""The space-warping notebook as a learner meets it: Voilà serves notebooks/space_warping.ipynb,
headless Chromium shows it, Playwright trains the main app, moves the stage slider and switches
the activation, and reads what plotly.js drew.

What is read from the page
    the apps        ``.pg-space-warp`` (SpaceWarp) and ``.pg-hand-warp`` (HandWarp) containers; the
                    main one is the third SpaceWarp (circle, hidden layers 3 and 2, ReLU)
    epoch counter   ``.pg-epoch .pg-epoch-value`` inside the app
    the picture     plotly.js's state of the app's figure: panel titles (``_fullLayout.annotations``)
                    and the data points of the last panel (trace 8·2 + 6: class blue in layer 2)
    frames          ``window.__playgroundFrames`` (the FramePacer's painted frames)

No timing is asserted; waits only bound how long a failure takes to show.
"""

from __future__ import annotations

import time

from tests.browser.support import CELL_ERROR, wait_for_voila_app

APP = "/voila/render/space_warping.ipynb"
LOAD_TIMEOUT = 300  # seconds: five apps, each with its own figure, on a shared machine
MAIN = 2
LAYER2_BLUE = 2 * 8 + 6

ALL_DRAWN = """(n) => {
  const gds = document.querySelectorAll('.pg-space-warp .js-plotly-plot, .pg-hand-warp .js-plotly-plot');
  return gds.length >= n && Array.from(gds).every(gd => gd._fullData && gd._fullData.length > 0); }"""
FIGURE = """(el) => { const gd = el.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullLayout) return null;
  const t = gd._fullData[%d] || {};
  return { titles: (gd._fullLayout.annotations || []).map(a => a.text || ''),
           blue: Array.from(t.x || []).slice(0, 20).map(Number), traces: gd._fullData.length }; }""" % LAYER2_BLUE
FRAMES = "() => (window.__playgroundFrames || {acks: 0}).acks"


def figure(app) -> dict:
    state = app.evaluate(FIGURE)
    assert state is not None, "the app's figure is not drawn"
    return state


def epoch(app) -> int:
    text = app.locator(".pg-epoch .pg-epoch-value").inner_text()
    return int(text.split("Epoch", 1)[1].strip().split()[0].replace(",", ""))


def wait_until(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"waited {timeout:.0f} s for {what}")


def test_space_warping_trains_moves_through_the_stages_and_switches_activation(page, voila_url, output_dir):
    page.goto(voila_url + APP)
    wait_for_voila_app(page, timeout=LOAD_TIMEOUT, selector=".pg-space-warp .js-plotly-plot")
    errors = page.get_by_text(CELL_ERROR)
    assert errors.count() == 0, f"a notebook cell failed: {errors.first.inner_text()}"
    n_apps = page.locator(".pg-space-warp, .pg-hand-warp").count()
    assert n_apps == 5
    page.wait_for_function(ALL_DRAWN, arg=n_apps, timeout=LOAD_TIMEOUT * 1000)

    app = page.locator(".pg-space-warp").nth(MAIN)
    app.scroll_into_view_if_needed()
    start = figure(app)
    assert start["titles"][:3] == [
        "<b>Input: the plane (x₁, x₂)</b><br><span style='font-size:11px;color:#555'>dashed lines: layer 1's "
        "neurons are 0</span>",
        start["titles"][1], start["titles"][2]]
    assert start["titles"][1].startswith("<b>Layer 1 (3 neurons): ReLU(W·a + b)</b>")
    assert "of the points on their side" in start["titles"][2]
    app.screenshot(path=str(output_dir / "start.png"))

    # train: the epoch counter climbs, frames are painted, the points of layer 2 move
    e0, frames0 = epoch(app), page.evaluate(FRAMES)
    app.get_by_role("button", name="Play", exact=True).click()
    wait_until(lambda: epoch(app) > e0 + 20 and page.evaluate(FRAMES) > frames0 + 5, 120,
               "training to go on and frames to be painted")
    app.get_by_role("button", name="Pause", exact=True).click()
    app.get_by_role("button", name="Play", exact=True).wait_for(state="visible", timeout=30_000)
    trained = figure(app)
    assert trained["blue"] != start["blue"]
    app.screenshot(path=str(output_dir / "trained.png"))

    # the stage slider (keyboard, as a person without a mouse would): 3.00 → 1.50
    app.locator(".pg-stage .noUi-handle").first.focus()
    for _ in range(30):
        page.keyboard.press("ArrowLeft")
    wait_until(lambda: "stage 1.50" in figure(app)["titles"][2], 60, "the figure to show stage 1.50")
    assert "(t = 1.50)" in app.locator(".pg-stage-label").inner_text()
    assert figure(app)["blue"] != trained["blue"]
    app.screenshot(path=str(output_dir / "stage.png"))

    # the stage animation plays to the end (the button reads "▶ play the stages" again)
    app.locator(".pg-stage-play").click()
    # (at stage 3 the last panel's note is the output line's score; how much was trained before
    # Pause depends on the machine's speed, so the stage itself is what is checked)
    wait_until(lambda: "(t = 3.00)" in app.locator(".pg-stage-label").inner_text()
               and "stage " not in figure(app)["titles"][2], 60, "the stage animation to end at stage 3")
    app.locator(".pg-stage-play", has_text="play the stages").wait_for(timeout=30_000)

    # switch the activation: same weights, squashed instead of folded
    app.get_by_role("button", name="tanh", exact=True).click()
    wait_until(lambda: "tanh(W·a + b)" in figure(app)["titles"][1], 60, "the figure to show tanh")
    assert "same weights, now with tanh" in app.locator(".pg-message").inner_text()
    app.screenshot(path=str(output_dir / "tanh.png"))

    # the hand-set layer: the textbook XOR fold separates XOR
    hand = page.locator(".pg-hand-warp").first
    hand.scroll_into_view_if_needed()
    hand.get_by_role("button", name="xor-fold", exact=True).click()
    wait_until(lambda: "100%" in hand.locator(".pg-hand-score").inner_text(), 60, "the XOR fold's score")
    hand.screenshot(path=str(output_dir / "hand_xor_fold.png"))
