"""The CNN notebooks as a learner meets them: Voilà serves each notebook, headless Chromium shows it,
Playwright draws on the canvas with the mouse, clicks, types and reads what a person would see.
Console errors fail the test (the ``page`` fixture). No timing is asserted; waits only bound failures."""

from __future__ import annotations

import re
import time

from tests.browser.support import CELL_ERROR, wait_for_voila_app

LOAD_TIMEOUT = 180  # seconds: the kernel imports torch and scikit-learn and runs the notebook first
PANELS = "() => globalThis.__playgroundPanels || {frames: 0, strokes: 0, clicks: 0}"


def open_notebook(page, voila_url, name, selector):
    page.goto(f"{voila_url}/voila/render/{name}.ipynb", wait_until="commit")
    wait_for_voila_app(page, timeout=LOAD_TIMEOUT, selector=selector)
    assert page.get_by_text(CELL_ERROR).count() == 0, "a notebook cell failed"


def wait_until(page, predicate, what, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        page.wait_for_timeout(200)
    raise AssertionError(f"waited {timeout:.0f} s for {what}")


def text_of(page, selector):
    return page.locator(selector).first.inner_text()


def selected(page, selector):
    """The label a dropdown shows."""
    return page.locator(f"{selector} select").evaluate("s => s.options[s.selectedIndex].text").replace("\xa0", " ")


def stroke(page, canvas, cells, points):
    """Press the mouse on the canvas at grid cell ``points[0]`` (row, col) and drag through the rest."""
    page.locator(canvas).scroll_into_view_if_needed()
    box = page.locator(canvas).bounding_box()
    size = box["width"] / cells

    def at(rc):
        return box["x"] + (rc[1] + 0.5) * size, box["y"] + (rc[0] + 0.5) * size
    page.mouse.move(*at(points[0]))
    page.mouse.down()
    for p in points[1:]:
        page.mouse.move(*at(p), steps=3)
    page.mouse.up()


# --- 10: the convolution explorer ---------------------------------------------------------------

def test_convolution_explorer_draw_filter_click_and_a_bad_weight(page, voila_url, output_dir):
    open_notebook(page, voila_url, "10_convolution", ".pg-canvas-fmap")
    app = page.locator(".pg-convolution")
    assert "= 14" in text_of(page, ".pg-conv-sizes")  # 16 + 0 − 3 + 1
    frames = page.evaluate(PANELS)["frames"]
    page.locator(".pg-conv-clear button, button.pg-conv-clear").first.click()
    wait_until(page, lambda: selected(page, ".pg-conv-image") == "your drawing"
               and page.evaluate(PANELS)["frames"] > frames, "a blank page to draw on")
    # a vertical line drawn with the mouse, top to bottom in column 8
    stroke(page, ".pg-canvas-input", 16, [(r, 8) for r in range(2, 14)])
    wait_until(page, lambda: page.evaluate(PANELS)["strokes"] >= 1, "the stroke to be sent")
    page.locator(".pg-conv-filter select").select_option(label="vertical edges")
    wait_until(page, lambda: "-2 0 2" in page.locator(".pg-conv-kernel textarea").input_value(), "the edge filter")
    # click the feature-map pixel left of the line: the window's products add up to a positive value
    page.locator(".pg-canvas-fmap").scroll_into_view_if_needed()
    fmap = page.locator(".pg-canvas-fmap").bounding_box()
    cell = fmap["width"] / 14
    page.mouse.click(fmap["x"] + 6.5 * cell, fmap["y"] + 6.5 * cell)
    wait_until(page, lambda: "Output pixel (6, 6)" in text_of(page, ".pg-conv-window"), "the clicked pixel's window")
    value = float(text_of(page, ".pg-conv-value").replace("−", "-"))
    assert value == 4  # 1·1 + 1·2 + 1·1: the line lies under the filter's right column
    assert page.locator(".pg-conv-row input").input_value() == "6"
    app.screenshot(path=str(output_dir / "10_drawn_line.png"))

    # padding 1 keeps the size; the formula says so with the numbers filled in
    handle = page.locator(".pg-conv-padding .noUi-handle")
    handle.focus()
    handle.press("ArrowRight")
    wait_until(page, lambda: "= 16" in text_of(page, ".pg-conv-sizes"), "the size formula with padding 1")

    # a weight that is not a number: a message, and the picture stays
    page.locator(".pg-conv-kernel textarea").fill("1 0 -1\n2 0 abc\n1 0 -1")
    page.locator(".pg-conv-kernel textarea").blur()
    wait_until(page, lambda: "'abc' is not a number" in text_of(page, ".pg-convolution .pg-message"), "the message")
    assert page.get_by_text("Traceback").count() == 0
    app.screenshot(path=str(output_dir / "10_bad_weight.png"))


def test_convolution_explorer_moving_the_image(page, voila_url, output_dir):
    open_notebook(page, voila_url, "10_convolution", ".pg-canvas-fmap")
    page.locator(".pg-conv-image select").select_option(label="the letter A")
    page.locator(".pg-conv-filter select").select_option(label="vertical edges")
    wait_until(page, lambda: "-2 0 2" in page.locator(".pg-conv-kernel textarea").input_value(), "the edge filter")
    handle = page.locator(".pg-conv-dx .noUi-handle")
    handle.focus()
    handle.press("ArrowRight")
    wait_until(page, lambda: "Moved" in text_of(page, ".pg-conv-moved"), "the translation summary")
    text = text_of(page, ".pg-conv-moved")
    fmap, pooled, global_max = (int(v) for v in re.findall(r"(\d+) %", text)[:3])
    assert global_max == 0 and pooled < fmap
    page.locator(".pg-convolution").screenshot(path=str(output_dir / "10_moved.png"))


# --- 11: a CNN learns the digits ------------------------------------------------------------------

def epoch_number(page):
    m = re.search(r"Epoch\s+([\d,]+)", text_of(page, ".pg-cnn-digits .pg-epoch-value"))
    return int(m.group(1).replace(",", "")) if m else -1


def test_cnn_digits_trains_live_and_reads_a_drawn_digit(page, voila_url, output_dir):
    open_notebook(page, voila_url, "11_cnn_digits", ".pg-canvas-conf_cnn")
    app = page.locator(".pg-cnn-digits")
    assert "1,898" in text_of(page, ".pg-cnn-params")
    app.get_by_role("button", name="Play", exact=True).click()
    wait_until(page, lambda: epoch_number(page) >= 8, "training to pass epoch 8", timeout=180)
    acks = page.evaluate("() => (globalThis.__playgroundFrames || {acks: 0}).acks")
    assert acks > 5  # the page painted the frames it was sent (the pacer's acknowledgements)
    app.get_by_role("button", name="Pause", exact=True).click()
    app.get_by_role("button", name="Play", exact=True).wait_for()
    accuracy = re.search(r"CNN ([\d.]+) %", text_of(page, ".pg-cnn-digits .pg-epoch")).group(1)
    assert float(accuracy) > 85

    # draw a 1 with the mouse: a vertical stroke down the middle of the pad
    page.locator(".pg-cnn-clear").click()
    wait_until(page, lambda: "Your drawing" in text_of(page, ".pg-cnn-answer"), "the blank drawing")
    stroke(page, ".pg-canvas-draw", 16, [(r, 8) for r in range(2, 14)])
    wait_until(page, lambda: page.evaluate(PANELS)["strokes"] >= 1, "the stroke to be sent")
    wait_until(page, lambda: text_of(page, ".pg-cnn-answer-cnn") == "1", "the CNN to read the drawn 1", timeout=30)
    answer = text_of(page, ".pg-cnn-answer")
    assert re.search(r"CNN says 1 \(\d+ %\)", answer) and re.search(r"MLP says \d \(\d+ %\)", answer)
    app.screenshot(path=str(output_dir / "11_drawn_one.png"))

    # the shift test: moved digits are harder for both, the MLP more
    shift = text_of(page, ".pg-cnn-shift")
    assert "Shift test" in shift and "CNN" in shift


# --- 12: CNN building blocks ----------------------------------------------------------------------

def test_cnn_blocks_counts_checkerboard_and_two_live_races(page, voila_url, output_dir):
    open_notebook(page, voila_url, "12_cnn_blocks", ".pg-canvas-noskips")
    # (a) the bottleneck's counts; a click on an output channel explains its pixel
    assert "590,080" in text_of(page, ".pg-bn-counts") and "70,016" in text_of(page, ".pg-bn-counts")
    mixed = page.locator(".pg-canvas-mixed")
    mixed.scroll_into_view_if_needed()
    box = mixed.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.4)  # inside the first tile
    wait_until(page, lambda: "Pixel (8, 4)" not in text_of(page, ".pg-bn-mix"), "the clicked pixel's sums")
    # (c) the checkerboard goes when the kernel is a multiple of the stride
    assert "checkerboard" in text_of(page, ".pg-up-text")
    handle = page.locator(".pg-up-kernel .noUi-handle")
    handle.focus()
    handle.press("ArrowRight")
    wait_until(page, lambda: "multiple of the stride (2): away" in text_of(page, ".pg-up-text"), "an even kernel")
    page.locator(".pg-upsampling").screenshot(path=str(output_dir / "12_upsampling.png"))
    # (b) and (d): both races train live on the page
    for app_class, what in ((".pg-residual", "residual"), (".pg-unet", "with skips")):
        app = page.locator(app_class)
        app.scroll_into_view_if_needed()
        app.get_by_role("button", name="Play", exact=True).click()
        wait_until(page, lambda: int(re.search(r"Epoch\s+(\d+)", app.locator(".pg-epoch").inner_text()).group(1)) >= 2,
                   f"{app_class} to train two epochs", timeout=180)
        app.get_by_role("button", name="Pause", exact=True).click()
        app.get_by_role("button", name="Play", exact=True).wait_for()
        assert what in app.locator(".pg-epoch").inner_text()
        app.screenshot(path=str(output_dir / f"12_{app_class[4:]}.png"))
    iou = re.search(r"with skips ([\d.]+), without ([\d.]+)", text_of(page, ".pg-unet .pg-epoch"))
    assert float(iou.group(1)) > 0.3
