"""The served app, seen by a person: Voila starts, lists the notebooks, runs the landing page
and draws its plotly figure, with no errors in the browser console."""

from tests.browser.support import wait_for_voila_app

PLOT = ".js-plotly-plot, .plot-container"
CELL_ERROR = "There was an error when executing cell"  # what Voila shows instead of a traceback


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


def test_landing_notebook_draws_a_plotly_figure(page, voila_url, output_dir):
    page.goto(voila_url + "/voila/render/index.ipynb")
    wait_for_voila_app(page, timeout=120)
    page.screenshot(path=str(output_dir / "executed.png"), full_page=True)

    assert page.get_by_text("Neural-network playground").first.is_visible()
    errors = page.get_by_text(CELL_ERROR)
    assert errors.count() == 0, f"a notebook cell failed: {errors.first.inner_text()}"

    page.locator(PLOT).first.wait_for(state="visible", timeout=60_000)
    # plotly has drawn the scatter's markers, not just an empty frame
    page.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot .scatterlayer .point').length > 0",
        timeout=30_000,
    )
    page.screenshot(path=str(output_dir / "index.png"), full_page=True)
