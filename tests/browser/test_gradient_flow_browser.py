"""The Gradient-flow page served by Voilà, seen by a person: Play trains (the epoch counter
grows, the gradient bars change), changing the activation rebuilds the network, and the compare
view trains two networks side by side; no errors in the browser console."""

import json
import re

from tests.browser.support import CELL_ERROR, wait_for_voila_app

FLOW, COMPARE = ".pg-gradient-flow", ".pg-gradient-compare"
TIMEOUT_MS = 180_000  # the machine is shared: allow a slow first render, never time a result


def epoch(page, app):
    text = page.locator(f"{app} .pg-epoch-value").inner_text()
    return int(re.search(r"Epoch\s+([\d,]+)", text).group(1).replace(",", ""))


def traces(page, app, *indices):
    """The y values of some traces as plotly.js drew them."""
    return page.evaluate("""([sel, idx]) => {
      const gd = document.querySelector(sel + ' .js-plotly-plot');
      return idx.map(i => gd && gd.data && gd.data[i] && gd.data[i].y ? Array.from(gd.data[i].y) : []);
    }""", [app, list(indices)])


def wait_for_change(page, app, index, before):
    page.wait_for_function("""([sel, i, before]) => {
      const gd = document.querySelector(sel + ' .js-plotly-plot');
      const y = gd && gd.data && gd.data[i] && gd.data[i].y ? Array.from(gd.data[i].y) : [];
      return y.length > 0 && JSON.stringify(y) !== before;
    }""", arg=[app, index, json.dumps(before)], timeout=TIMEOUT_MS)


def wait_for_epoch(page, app, at_least):
    page.wait_for_function("""([sel, n]) => {
      const el = document.querySelector(sel + ' .pg-epoch-value');
      const m = el && el.textContent.replace(/,/g, '').match(/Epoch\\s+(\\d+)/);
      return m && Number(m[1]) >= n;
    }""", arg=[app, at_least], timeout=TIMEOUT_MS)


def test_play_change_activation_and_compare(page, voila_url, output_dir):
    page.set_viewport_size({"width": 1280, "height": 2000})  # whole figures in the screenshots
    page.goto(voila_url + "/voila/render/vanishing_gradients.ipynb", wait_until="commit", timeout=TIMEOUT_MS)
    wait_for_voila_app(page, timeout=TIMEOUT_MS / 1000, selector=f"{FLOW} .js-plotly-plot")
    page.wait_for_selector(f"{COMPARE} .js-plotly-plot", state="visible", timeout=TIMEOUT_MS)
    errors = page.get_by_text(CELL_ERROR)
    assert errors.count() == 0, f"a notebook cell failed: {errors.first.inner_text()}"
    flow = page.locator(FLOW)
    assert "Vanishing" in flow.locator(".pg-message").inner_text()

    # the opening picture: 10 sigmoid layers + output, bars fading toward the input
    page.wait_for_function("""sel => { const gd = document.querySelector(sel + ' .js-plotly-plot');
        return gd && gd.data && gd.data[0].y && gd.data[0].y.length === 11; }""", arg=FLOW, timeout=TIMEOUT_MS)
    bars_before, = traces(page, FLOW, 0)
    assert bars_before[0] * 100 < bars_before[-1]
    assert epoch(page, FLOW) == 0

    # Play: the epoch counter grows and the gradient bars change
    flow.get_by_role("button", name="Play").click()
    wait_for_epoch(page, FLOW, 3)
    wait_for_change(page, FLOW, 0, bars_before)
    page.screenshot(path=str(output_dir / "playing.png"), full_page=True)

    # change the activation while it trains: rebuilt, with ReLU's dead fraction shown
    flow.locator(".pg-gf-activation select").select_option(label="ReLU")
    flow.locator(".pg-message", has_text="rebuilt").wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function("""sel => { const gd = document.querySelector(sel + ' .js-plotly-plot');
        return gd.data[11].visible === true && gd.data[10].visible === false; }""", arg=FLOW, timeout=TIMEOUT_MS)
    relu_bars, = traces(page, FLOW, 0)
    wait_for_change(page, FLOW, 0, relu_bars)  # still training, with the new network
    flow.get_by_role("button", name="Pause").click()
    flow.get_by_role("button", name="Play").wait_for(timeout=TIMEOUT_MS)
    flow.screenshot(path=str(output_dir / "gradient_flow.png"))

    # switch to the compare view: a pair, Play, both profiles move on one axis
    compare = page.locator(COMPARE)
    compare.scroll_into_view_if_needed()
    compare.get_by_role("button", name="sigmoid vs + batch norm").click()
    compare.locator(".pg-message", has_text="batch norm").wait_for(timeout=TIMEOUT_MS)
    a_before, b_before = traces(page, COMPARE, 0, 2)
    assert len(a_before) == len(b_before) == 11
    compare.get_by_role("button", name="Play").click()
    wait_for_epoch(page, COMPARE, 2)
    wait_for_change(page, COMPARE, 0, a_before)
    wait_for_change(page, COMPARE, 2, b_before)
    compare.get_by_role("button", name="Pause").click()
    compare.get_by_role("button", name="Play").wait_for(timeout=TIMEOUT_MS)
    a_after, b_after = traces(page, COMPARE, 0, 2)
    assert b_after[0] > 1000 * (a_after[0] or 0)  # batch norm brings the first layer's gradient back
    compare.screenshot(path=str(output_dir / "compare.png"))
    page.screenshot(path=str(output_dir / "page.png"), full_page=True)
