"""The Korean edition served by Voilà (``notebooks/ko/``), as a Korean learner sees it: its landing
notebook links to the Korean pages; a Korean page's prose, app and answers are Korean, its answers
are folded until the learner opens one, and a control works."""

from __future__ import annotations

from pathlib import Path

from tests.browser.support import CELL_ERROR, wait_for_voila_app

KOREAN = Path(__file__).resolve().parents[2] / "notebooks" / "ko"
LOAD_S = 180  # a kernel that is not preheated runs the notebook first (torch, plotly)
WAIT_MS = 60_000


def test_the_korean_landing_notebook_links_to_the_korean_pages(page, voila_url, output_dir):
    page.goto(voila_url + "/voila/render/ko/index.ipynb", wait_until="commit", timeout=LOAD_S * 1000)
    wait_for_voila_app(page, timeout=LOAD_S, selector=".pg-app-list")
    assert page.get_by_text(CELL_ERROR).count() == 0
    assert page.get_by_role("heading", name="신경망 놀이터").is_visible()
    apps = page.locator(".pg-app-list")
    assert apps.get_by_text("뉴런과 퍼셉트론").first.is_visible()
    hrefs = apps.locator("table a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert len(hrefs) >= 12 and all((KOREAN / href).is_file() for href in hrefs), hrefs  # no ?lang: ko/ is Korean
    assert apps.locator("a.pg-lang-en").get_attribute("href") == "../index.ipynb?lang=en"
    page.screenshot(path=str(output_dir / "ko_index.png"), full_page=True)


def test_a_korean_page_speaks_korean_and_folds_its_answers(page, voila_url, output_dir):
    page.goto(voila_url + "/voila/render/ko/01_neuron_perceptron.ipynb", wait_until="commit",
              timeout=LOAD_S * 1000)
    wait_for_voila_app(page, timeout=LOAD_S, selector=".pg-perceptron .js-plotly-plot")
    assert page.get_by_text(CELL_ERROR).count() == 0
    assert page.get_by_role("heading", name="1 · 뉴런과 퍼셉트론").is_visible()
    assert page.get_by_role("link", name="← 모든 앱").get_attribute("href") == "index.ipynb"
    assert page.locator(".pg-back").count() == 0  # the page's own link back is enough: no second one
    # every answer of the notebook is there, folded; a click on 답 opens one
    answer = page.locator("details").first
    assert page.locator("details").count() == (KOREAN / "01_neuron_perceptron.ipynb").read_text().count("<details>")
    assert not answer.evaluate("d => d.open") and not answer.get_by_text("예:").is_visible()
    answer.locator("summary", has_text="답").click()
    answer.get_by_text("예:").wait_for(state="visible", timeout=WAIT_MS)
    answer.screenshot(path=str(output_dir / "ko_01_answer.png"))
    # the app speaks Korean, and its button does what the exercise says
    app = page.locator(".pg-perceptron")
    app.get_by_role("button", name="예시 가중치 보기").click()
    app.locator(".pg-message", has_text="흔히 쓰는 값").wait_for(state="visible", timeout=WAIT_MS)
    page.screenshot(path=str(output_dir / "ko_01.png"), full_page=True)
