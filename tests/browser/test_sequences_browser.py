"""The sequences notebook served by Voilà, in Chromium: the four panels are drawn (not blank), Play trains
(the epoch and the pictures move, frames are painted), Pause stops, choosing the LSTM draws its gates."""

from __future__ import annotations

from tests.browser.support import wait_for_voila_app
from tests.browser.test_first_steps_browser import CELL_ERROR, LOAD_S

APP = ".pg-sequences"
# per panel: how many pixels are neither white nor the panel's grey text, i.e. drawn data
INK = """() => [...document.querySelectorAll('.pg-sequences canvas.pg-panel')].map(c => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 40) n++;
  return n;
})"""
PIXELS = "() => [...document.querySelectorAll('.pg-sequences canvas.pg-panel')].map(c => c.toDataURL().length)"


def epoch(page) -> int:
    return int(page.locator(f"{APP} .pg-epoch-value b").inner_text().replace(",", ""))


def test_sequences_page_draws_trains_and_shows_gates(page, voila_url, output_dir):
    page.goto(f"{voila_url}/voila/render/sequences.ipynb", wait_until="commit")
    wait_for_voila_app(page, timeout=LOAD_S, selector=f"{APP} canvas.pg-panel")
    assert page.get_by_text(CELL_ERROR).count() == 0
    page.wait_for_function("() => (globalThis.__panelsCanvas?.frames ?? 0) > 0", timeout=60_000)
    ink = page.evaluate(INK)
    assert len(ink) == 4 and all(n > 50 for n in ink[:3]), ink  # loss, gradient, hidden state (no gates yet: RNN)
    before = page.evaluate(PIXELS)
    page.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_function("() => globalThis.__panelsCanvas.frames > 10", timeout=60_000)
    page.wait_for_timeout(1500)
    page.get_by_role("button", name="Pause", exact=True).click()
    page.get_by_role("button", name="Play", exact=True).wait_for(state="visible", timeout=30_000)
    assert epoch(page) > 5
    assert page.evaluate(PIXELS) != before
    page.locator(APP).first.screenshot(path=str(output_dir / "rnn.png"))
    gates_before = page.evaluate(INK)[3]
    page.get_by_role("button", name="LSTM", exact=True).click()
    page.get_by_text("New LSTM").wait_for(timeout=30_000)
    page.wait_for_function(f"() => ({INK})()[3] > {gates_before + 1000}", timeout=30_000)
    page.locator(APP).first.screenshot(path=str(output_dir / "lstm.png"))
    assert page.locator(f"{APP} .pg-message.pg-error").count() == 0
