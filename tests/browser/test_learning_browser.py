"""The learning apps (notebooks 06-09) as a learner meets them: Voilà serves each notebook, headless
Chromium shows it, Playwright uses its main control and reads what a person would see. Console
errors fail the test (the ``page`` fixture). No timing is asserted; waits only bound failures."""

from __future__ import annotations

import re
import time

from tests.browser.support import CELL_ERROR, wait_for_voila_app

PLOT = ".js-plotly-plot"
LOAD_TIMEOUT = 150  # seconds: the kernel imports torch and plotly and runs the notebook first

# plotly.js's own state of the (last) figure on the page: per trace its name, visibility and points
TRACES = """() => {
  const gds = document.querySelectorAll('.js-plotly-plot');
  const gd = gds[gds.length - 1];
  if (!gd || !gd._fullData) return null;
  return gd._fullData.map(t => ({name: t.name, visible: t.visible, type: t.type,
    n: t.x ? t.x.length : (t.z ? t.z.length : 0),
    x: t.x ? Array.from(t.x).slice(0, 400).map(Number) : [],
    y: t.y ? Array.from(t.y).slice(0, 400).map(Number) : [],
    z: t.z ? Array.from(t.z).map(r => Array.from(r).map(Number)) : []}));
}"""


def open_notebook(page, voila_url, name):
    # without a preheated kernel the page "loads" only once the notebook has run: wait for that below
    page.goto(f"{voila_url}/voila/render/{name}.ipynb", wait_until="commit")
    wait_for_voila_app(page, timeout=LOAD_TIMEOUT, selector=PLOT)
    assert page.get_by_text(CELL_ERROR).count() == 0, "a notebook cell failed"


def traces(page):
    state = page.evaluate(TRACES)
    assert state is not None, "the figure is not drawn"
    return state


def wait_until(page, predicate, what, timeout=60.0):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        page.wait_for_timeout(200)
    raise AssertionError(f"waited {timeout:.0f} s for {what}")


def text_of(page, selector):
    return page.locator(selector).first.inner_text()


def toggle(page, label):
    page.locator(".widget-toggle-buttons button", has_text=re.compile(f"^{re.escape(label)}$")).first.click()


# --- 06: gradient descent -------------------------------------------------------------------

def test_loss_surface_switches_surface_and_plays_the_paths(page, voila_url, output_dir):
    open_notebook(page, voila_url, "06_gradient_descent")
    wait_until(page, lambda: "step 100" in text_of(page, ".pg-ls-summary"), "the summary line")
    paths = [t for t in traces(page)[3:7] if t["visible"] is True]
    assert [t["name"] for t in paths] == ["SGD", "SGD + momentum", "RMSprop", "Adam"]
    assert all(t["n"] == 101 for t in paths)
    page.locator(".pg-loss-surface").screenshot(path=str(output_dir / "06_bowl.png"))

    toggle(page, "ravine: badly conditioned")
    wait_until(page, lambda: traces(page)[3]["x"][0] == -2.5, "the ravine's start point on the SGD path")
    page.get_by_role("button", name="Play", exact=True).click()
    # the step counter starts again from 0 and runs up to 100 while the paths are drawn
    wait_until(page, lambda: "step 100" not in text_of(page, ".pg-ls-summary"), "the animation to start")
    page.locator(".pg-loss-surface").screenshot(path=str(output_dir / "06_ravine_playing.png"))
    wait_until(page, lambda: "step 100" in text_of(page, ".pg-ls-summary")
               and page.get_by_role("button", name="Play", exact=True).count() == 1, "the animation to finish")
    assert traces(page)[4]["n"] == 101
    page.locator(".pg-loss-surface").screenshot(path=str(output_dir / "06_ravine.png"))

    toggle(page, "batch vs mini-batch vs stochastic")
    wait_until(page, lambda: traces(page)[5]["name"] == "stochastic (1 point)", "the stochastic path")
    page.locator(".pg-loss-surface").screenshot(path=str(output_dir / "06_batches.png"))


# --- 07: overfitting ------------------------------------------------------------------------

def epoch_number(page):
    m = re.search(r"Epoch\s+([\d,]+)", text_of(page, ".pg-epoch .pg-epoch-value"))
    return int(m.group(1).replace(",", "")) if m else -1


def test_overfitting_trains_live_and_l1_makes_zeros(page, voila_url, output_dir):
    open_notebook(page, voila_url, "07_overfitting")
    page.get_by_role("button", name="Play", exact=True).click()
    wait_until(page, lambda: epoch_number(page) > 150, "training to pass epoch 150", timeout=120)
    # choose L1 from the regularisation dropdown while it trains: weights are kept, zeros appear
    page.locator(".pg-of-reg select").select_option(label="L1")
    wait_until(page, lambda: int(text_of(page, ".pg-of-zero")) > 20, "weights that are exactly zero", timeout=120)
    page.get_by_role("button", name="Pause", exact=True).click()
    page.get_by_role("button", name="Play", exact=True).wait_for()
    state = traces(page)
    train_loss, val_loss = state[3], state[4]
    assert train_loss["n"] == val_loss["n"] > 10
    assert sum(state[6]["y"]) > 0  # the weight histogram is drawn
    page.locator(".pg-overfitting").screenshot(path=str(output_dir / "07_overfitting.png"))


# --- 08: validation -------------------------------------------------------------------------

def test_cross_validation_runs_with_a_progress_bar(page, voila_url, output_dir):
    open_notebook(page, voila_url, "08_validation")
    # fewer trainings, so that the run is short on a shared machine: 2 folds, 20 epochs each
    for label, key, presses in (("folds (k)", "ArrowLeft", 3), ("epochs per run", "ArrowLeft", 4)):
        handle = page.locator(".widget-slider", has=page.locator("label", has_text=label)).locator(".noUi-handle")
        handle.focus()
        for _ in range(presses):
            handle.press(key)
    wait_until(page, lambda: "× 2 folds" in text_of(page, ".pg-cv-status"), "the 2-fold setting")
    page.locator(".pg-cross-validation").screenshot(path=str(output_dir / "08_split.png"))
    page.get_by_role("button", name="Run cross-validation", exact=True).click()
    page.get_by_role("button", name="Cancel", exact=True).wait_for()
    wait_until(page, lambda: "Best" in text_of(page, ".pg-message"), "the cross-validation to finish", timeout=240)
    bar = page.locator(".pg-cv-progress .progress-bar, .pg-cv-progress .widget-progress .progress-bar").first
    assert bar.count() == 1
    state = traces(page)
    assert state[3]["n"] == 7 * 2  # one dot per value and fold
    assert state[4]["n"] == 7  # the mean line
    page.locator(".pg-cross-validation").screenshot(path=str(output_dir / "08_done.png"))


# --- 09: metrics ----------------------------------------------------------------------------

def confusion(page):
    return traces(page)[3]["z"]


def test_classifier_metrics_confusion_matrix_fills_live_and_threshold_moves(page, voila_url, output_dir):
    open_notebook(page, voila_url, "09_metrics")
    start = confusion(page)
    assert len(start) == 3 and sum(map(sum, start)) == 150  # every test point is counted once
    page.get_by_role("button", name="Play", exact=True).click()
    wait_until(page, lambda: epoch_number(page) > 20, "training to pass epoch 20", timeout=120)
    page.get_by_role("button", name="Pause", exact=True).click()
    page.get_by_role("button", name="Play", exact=True).wait_for()
    trained = confusion(page)
    assert sum(trained[i][i] for i in range(3)) > 0.8 * 150  # mostly on the diagonal now
    page.locator(".pg-classifier-metrics").screenshot(path=str(output_dir / "09_blobs.png"))

    # the binary case: the threshold slider moves the confusion matrix
    page.locator(".pg-cm-data select").select_option(label="Moons (binary: threshold)")
    wait_until(page, lambda: len(confusion(page)) == 2, "the 2 × 2 confusion matrix")
    page.get_by_role("button", name="Play", exact=True).click()
    wait_until(page, lambda: epoch_number(page) > 20, "training the moons", timeout=120)
    page.get_by_role("button", name="Pause", exact=True).click()
    page.get_by_role("button", name="Play", exact=True).wait_for()
    before = confusion(page)
    handle = page.locator(".pg-cm-threshold .noUi-handle")
    handle.focus()
    for _ in range(6):
        handle.press("ArrowRight")  # 0.5 → 0.8
    wait_until(page, lambda: "0.80" in page.locator(".pg-cm-threshold").inner_text(), "threshold 0.8")
    wait_until(page, lambda: traces(page)[8]["x"][0] == 0.8, "the threshold line at 0.8")
    after = confusion(page)
    assert after[1][1] <= before[1][1] and after[0][1] <= before[0][1]  # fewer points called blue
    assert sum(map(sum, after)) == sum(map(sum, before))
    page.locator(".pg-classifier-metrics").screenshot(path=str(output_dir / "09_moons_threshold.png"))

    # iris: three species, two chosen measurements
    page.locator(".pg-cm-data select").select_option(label="Iris flowers (2 of 4 measurements)")
    wait_until(page, lambda: len(confusion(page)) == 3 and sum(map(sum, confusion(page))) == 75, "iris's 75 test flowers")
    assert page.locator(".pg-cm-fx select").is_visible()
    page.get_by_role("button", name="Play", exact=True).click()
    wait_until(page, lambda: epoch_number(page) > 30, "training on iris", timeout=120)
    page.get_by_role("button", name="Pause", exact=True).click()
    page.get_by_role("button", name="Play", exact=True).wait_for()
    page.locator(".pg-classifier-metrics").screenshot(path=str(output_dir / "09_iris.png"))
