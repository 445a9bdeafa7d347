"""The served site, seen by a person: Voila starts, lists the notebooks, runs the landing page,
which lists the apps and links to them, with no errors in the browser console."""

from pathlib import Path

from tests.browser.support import CELL_ERROR, wait_for_voila_app

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"

PLOT = ".js-plotly-plot, .plot-container, .pg-live-canvas"  # the Playground draws on a canvas widget


# Voila 0.5's tree page loads the widget-manager plugins with no kernel behind them: they
# fail to activate and a kernel list request answers 404. Harmless there, and only there.
TREE_PAGE_NOISE = ("The model for kernel id  does not exist", "/api/kernels?")


def test_tree_lists_the_landing_notebook(page, voila_url, output_dir):
    page.goto(voila_url + "/")
    page.locator(".jp-DirListing-item", has_text="index.ipynb").first.wait_for(state="visible")
    page.screenshot(path=str(output_dir / "tree.png"))

    page.console_errors[:] = [
        e for e in page.console_errors
        if not any(noise in e.text or noise in e.url for noise in TREE_PAGE_NOISE)
    ]


def test_landing_page_lists_the_apps_and_shows_the_datasets(page, voila_url, output_dir):
    page.goto(voila_url + "/voila/render/index.ipynb")
    wait_for_voila_app(page, timeout=120)

    assert page.get_by_text("Neural-network playground").first.is_visible()
    errors = page.get_by_text(CELL_ERROR)
    assert errors.count() == 0, f"a notebook cell failed: {errors.first.inner_text()}"
    # every listed app is a link to a notebook that exists, and the dataset gallery drew
    page.locator(".pg-gallery img").first.wait_for(state="visible", timeout=60_000)
    assert page.locator(".pg-gallery img").count() >= 9
    links = page.locator("a[href$='.ipynb']")
    assert links.count() >= 1
    page.screenshot(path=str(output_dir / "index.png"), full_page=True)
    # (not fetched: Voilà would run each notebook) every link names a notebook that exists
    for href in links.evaluate_all("els => els.map(e => e.href)"):
        assert (NOTEBOOKS / href.rsplit("/", 1)[-1]).is_file(), href


def test_landing_link_opens_the_playground_and_it_links_back(page, voila_url):
    page.goto(voila_url + "/voila/render/index.ipynb")
    wait_for_voila_app(page, timeout=120)
    page.locator("a", has_text="Playground").first.click()
    wait_for_voila_app(page, timeout=120, selector=PLOT)
    assert "playground.ipynb" in page.url
    back = page.locator("a", has_text="All apps").first
    assert back.get_attribute("href").endswith("index.ipynb")
