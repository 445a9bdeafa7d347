"""The served pages in Korean (``?lang=ko``), as a learner sees them: the landing page's list of
apps and the Playground (whose kernel Voilà may have preheated before the page said which
language it wants) show Korean labels, keep the language in their links, and log no errors."""

from __future__ import annotations

import re
from pathlib import Path

from playground.apps import landing
from tests.browser.support import CELL_ERROR, wait_for_voila_app

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LOAD_TIMEOUT = 180  # seconds: a kernel that is not preheated runs the notebook first (torch, plotly)
WAIT_MS = 60_000


def test_landing_page_in_korean(page, voila_url, output_dir):
    page.goto(voila_url + "/voila/render/index.ipynb?lang=ko", wait_until="commit", timeout=LOAD_TIMEOUT * 1000)
    wait_for_voila_app(page, timeout=LOAD_TIMEOUT, selector=".pg-app-list")
    assert page.get_by_text(CELL_ERROR).count() == 0
    apps = page.locator(".pg-app-list")
    for text in ("뉴런과 퍼셉트론", "플레이그라운드", "기울기 소실과 폭주", "여기서 하는 일"):
        assert apps.get_by_text(text).first.is_visible(), text
    # every app's link keeps the language and names a notebook that exists (not fetched: Voilà would run it)
    hrefs = apps.locator("table a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert len(hrefs) == len(landing.APPS)  # every app of the course, whoever added it
    for href in hrefs:
        notebook, _, query = href.partition("?")
        assert query == "lang=ko" and (NOTEBOOKS / notebook).is_file(), href
    assert apps.locator("a.pg-lang-en").get_attribute("href") == "index.ipynb?lang=en"
    page.locator(".pg-gallery figcaption", has_text="초승달").wait_for(state="visible", timeout=WAIT_MS)
    assert page.get_by_text("앱에서 쓰는 데이터셋").is_visible()
    page.screenshot(path=str(output_dir / "index_ko.png"), full_page=True)


def test_playground_in_korean(page, voila_url, output_dir):
    page.goto(voila_url + "/voila/render/playground.ipynb?lang=ko&lr=0.1", wait_until="commit",
              timeout=LOAD_TIMEOUT * 1000)
    wait_for_voila_app(page, timeout=LOAD_TIMEOUT, selector=".pg-playground")
    assert page.get_by_text(CELL_ERROR).count() == 0
    app = page.locator(".pg-playground")
    for name in ("실행", "한 단계", "초기화"):
        app.get_by_role("button", name=name, exact=True).wait_for(state="visible", timeout=WAIT_MS)
    for name in ("데이터", "신경망", "학습"):
        app.locator(".lm-TabBar-tab", has_text=re.compile(f"^{name}$")).wait_for(state="visible", timeout=WAIT_MS)
    app.locator(".pg-message", has_text="링크의 설정을 불러왔습니다").wait_for(state="visible", timeout=WAIT_MS)
    # the shared link keeps the language and the setting it was opened with
    link = app.locator("input.pg-link")
    page.wait_for_function("() => (document.querySelector('input.pg-link') || {value: ''}).value.includes('lang=ko')",
                           timeout=WAIT_MS)
    query = link.input_value().split("?", 1)[1]
    assert "lr=0.1" in query and query.endswith("lang=ko")
    assert app.get_by_role("button", name="링크 복사").is_visible()
    app.locator(".lm-TabBar-tab", has_text=re.compile("^학습$")).click()
    app.locator("label.widget-label", has_text=re.compile("^학습률$")).wait_for(state="visible", timeout=WAIT_MS)
    assert app.locator("label.widget-label", has_text=re.compile("^옵티마이저$")).is_visible()
    # it trains, and the epoch line speaks Korean
    app.get_by_role("button", name="실행", exact=True).click()
    app.get_by_role("button", name="일시정지", exact=True).wait_for(state="visible", timeout=WAIT_MS)
    page.wait_for_function(
        "() => /에폭\\s+[1-9]/.test((document.querySelector('.pg-epoch .pg-epoch-value') || {textContent: ''}).textContent)",
        timeout=WAIT_MS)
    app.get_by_role("button", name="일시정지", exact=True).click()
    app.get_by_role("button", name="실행", exact=True).wait_for(state="visible", timeout=WAIT_MS)
    assert "테스트 손실" in app.locator(".pg-epoch").inner_text()
    page.screenshot(path=str(output_dir / "playground_ko.png"), full_page=True)
