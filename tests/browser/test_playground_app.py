"""The Playground app as a learner meets it: Voilà serves notebooks/playground.ipynb, headless
Chromium shows it, Playwright clicks and reads what a person would see.

What is read from the page
    epoch counter   the HTML widget ``.pg-epoch`` (``Epoch <b>N</b>``)
    message line    ``.pg-message`` with ``pg-error`` / ``pg-warn`` / ``pg-info``
    link field      ``input.pg-link`` (``?dataset=...``, maybe after the page address)
    the picture     the live canvas widget (``.pg-live-canvas``): the pixels of its four canvases,
                    ``data-sizes`` (the network drawn), ``window.__playgroundCanvas`` (frames drawn,
                    where each neuron's tile is), the output panel's title
    frames          ``window.__playgroundFrames`` (the FramePacer: frames painted and acknowledged)

No timing is asserted: the machine is shared and slow; waits are generous and only bound how long
a failure takes to show.
"""

from __future__ import annotations

import re
import time

import pytest

from playground.config import Config
from tests.browser.support import CELL_ERROR, ConsoleError, wait_for_voila_app

APP = "/voila/render/playground.ipynb"
CANVAS = ".pg-live-canvas"
LOAD_TIMEOUT = 180  # seconds: a kernel that is not preheated runs the notebook first (torch, plotly)
WAIT_MS = 60_000  # bound on waiting for one on-screen consequence (a busy shared machine)

# What the live canvas shows: a fingerprint of each panel's pixels, the network drawn, the title.
FIGURE = """() => {
  const el = document.querySelector('.pg-live-canvas');
  const ns = window.__playgroundCanvas;
  if (!el || !ns || ns.frames < 1) return null;
  const pixels = (name) => el.querySelector('canvas.pg-canvas-' + name).toDataURL();
  return {
    frames: ns.frames,
    network: pixels('network'), plane: pixels('plane'), grads: pixels('grads'), loss: pixels('loss'),
    sizes: el.dataset.sizes,
    planeTitle: el.querySelector('.pg-panel-plane .pg-panel-title').textContent,
    tiles: ns.tiles,
  };
}"""
FRAMES_PAINTED_JS = "(window.__playgroundFrames || {acks: 0}).acks"
FRAMES_PAINTED = f"() => {FRAMES_PAINTED_JS}"
PICTURE_DRAWN = "() => (window.__playgroundCanvas || {frames: 0}).frames >= 1"


# --- reading and driving the app ------------------------------------------------------------

def open_app(page, query: str = "") -> None:
    # Voilà streams the page while the kernel runs the notebook: do not wait for "load" here.
    page.goto(f"{page.voila_base}{APP}{'?' + query if query else ''}", wait_until="commit",
              timeout=LOAD_TIMEOUT * 1000)
    wait_for_voila_app(page, timeout=LOAD_TIMEOUT, selector=CANVAS)
    page.wait_for_function(PICTURE_DRAWN, timeout=LOAD_TIMEOUT * 1000)
    assert page.get_by_text(CELL_ERROR).count() == 0


def figure(page) -> dict:
    state = page.evaluate(FIGURE)
    assert state is not None, "the live picture is not drawn"
    return state


def epoch(page) -> int:
    text = page.locator(".pg-epoch .pg-epoch-value").inner_text()
    m = re.search(r"Epoch\s+([\d,]+)", text)
    assert m, f"no epoch number in the epoch line: {text!r}"
    return int(m.group(1).replace(",", ""))


def wait_for_epoch_above(page, n: int, timeout: float = 60.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        e = epoch(page)
        if e > n:
            return e
        time.sleep(0.1)
    raise AssertionError(f"the epoch counter stayed at {epoch(page)} (waited {timeout:.0f} s for > {n})")


def frames_painted(page) -> int:
    return page.evaluate(FRAMES_PAINTED)


def message(page):
    return page.locator(".pg-message")


def link_query(page) -> str:
    value = page.locator("input.pg-link").input_value()
    return value.split("?", 1)[1] if "?" in value else value


def wait_for_link(page, pattern: str, timeout: float = 60.0) -> str:
    """Wait until the link field's query matches ``pattern`` (a regex); return the query."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        query = link_query(page)
        if re.search(pattern, query):
            return query
        time.sleep(0.1)
    raise AssertionError(f"the link field never matched {pattern!r}; it shows {link_query(page)!r}")


def button(page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def tab(page, name: str) -> None:
    page.locator(".lm-TabBar-tab", has_text=re.compile(f"^{name}$")).click()


def slider_handle(page, label: str):
    row = page.locator(".widget-slider", has=page.locator("label.widget-label", has_text=re.compile(f"^{label}$")))
    return row.locator(".noUi-handle")


def commit_text(page, label: str, text: str) -> None:
    """Type into a text field that sends its value on Enter (``continuous_update=False``)."""
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Enter")


def play(page) -> None:
    button(page, "Play").click()
    button(page, "Pause").wait_for(state="visible", timeout=WAIT_MS)


def pause(page) -> None:
    button(page, "Pause").click()
    button(page, "Play").wait_for(state="visible", timeout=WAIT_MS)


def assert_stopped(page) -> None:
    """After a short settle (frames in flight get painted), the epoch counter and the frames
    painted stay put for 1 s."""
    time.sleep(1.0)
    e0, f0 = epoch(page), frames_painted(page)
    time.sleep(1.0)
    e1, f1 = epoch(page), frames_painted(page)
    assert e1 == e0, f"the epoch counter went on after Pause: {e0} -> {e1} in 1 s"
    assert f1 == f0, f"frames were still painted after Pause: {f0} -> {f1} in 1 s"


def assert_no_traceback(page) -> None:
    content = page.content()
    assert "Traceback" not in content, "a traceback is shown in the page"
    assert CELL_ERROR not in content


def watch_console(page, errors: list) -> None:
    """Collect console errors of an extra page into the fixture's list (checked at teardown)."""
    page.on("console", lambda msg: msg.type == "error" and errors.append(
        ConsoleError("console", msg.text, (msg.location or {}).get("url", ""))))
    page.on("pageerror", lambda exc: errors.append(ConsoleError("pageerror", str(exc))))


# --- tests ----------------------------------------------------------------------------------

@pytest.fixture
def app(page, voila_url):
    """The ``page`` fixture (console errors checked at teardown) knowing where Voilà serves."""
    page.voila_base = voila_url
    return page


def test_play_trains_live_and_pause_stops_it(app, output_dir):
    page = app
    open_app(page)
    assert epoch(page) == 0
    before = figure(page)
    assert before["sizes"] == "2,4,2,1"
    frames0 = frames_painted(page)

    play(page)
    e1 = wait_for_epoch_above(page, 0)
    wait_for_epoch_above(page, e1)  # it keeps counting
    page.wait_for_function(f"() => {FRAMES_PAINTED_JS} >= {frames0 + 5}", timeout=WAIT_MS)
    during = figure(page)
    for panel in ("network", "plane", "grads", "loss"):
        assert during[panel] != before[panel], f"the {panel} panel did not change while training"
    page.screenshot(path=str(output_dir / "playground-running.png"), full_page=True)

    pause(page)
    assert_stopped(page)
    assert epoch(page) > e1
    assert_no_traceback(page)


def test_learning_rate_changes_mid_run_without_losing_the_weights(app):
    page = app
    open_app(page)
    assert re.search(r"(^|&)lr=0\.03(&|$)", link_query(page)), link_query(page)
    tab(page, "Training")
    handle = slider_handle(page, "learning rate")
    handle.wait_for(state="visible")

    play(page)
    before = wait_for_epoch_above(page, 0)
    handle.focus()
    handle.press("ArrowRight")  # 0.03 -> 0.1, one step of the log-spaced choices
    wait_for_link(page, r"(^|&)lr=0\.1(&|$)")
    after = epoch(page)
    assert after >= before, f"the epoch counter went back ({before} -> {after}): the run was restarted"
    later = wait_for_epoch_above(page, after)
    assert button(page, "Pause").is_visible(), "training stopped when the learning rate changed"
    assert "rebuilt" not in message(page).inner_text(), "a learning-rate change rebuilt the network"
    assert page.locator(".widget-slider .widget-readout", has_text=re.compile(r"^0\.1$")).count() == 1

    pause(page)
    assert epoch(page) >= later
    assert_stopped(page)


def test_adding_a_layer_rebuilds_and_a_bad_seed_gives_a_message(app):
    page = app
    open_app(page)
    tab(page, "Network")
    hidden = page.get_by_label("hidden layers", exact=True)
    assert hidden.input_value() == "4, 2"
    before = figure(page)

    button(page, "+ layer").click()
    page.wait_for_function("() => { const m = document.querySelector('.pg-message');"
                           " return m && /rebuilt/.test(m.textContent); }", timeout=WAIT_MS)
    assert "pg-info" in (message(page).get_attribute("class") or "")
    assert hidden.input_value() == "4, 2, 2"
    wait_for_link(page, r"(^|&)hidden=4%2C2%2C2(&|$)")
    page.wait_for_function(f"() => (({FIGURE})() || {{}}).sizes === '2,4,2,2,1'", timeout=WAIT_MS)
    after = figure(page)
    assert len(after["tiles"]) == len(before["tiles"]) + 1, "no new column of tiles"

    tab(page, "Data")
    commit_text(page, "seed", "abc")
    error = page.locator(".pg-message.pg-error")
    error.wait_for(state="visible", timeout=WAIT_MS)
    assert "seed" in error.inner_text() and "abc" in error.inner_text(), error.inner_text()
    assert_no_traceback(page)
    assert re.search(r"(^|&)seed=0(&|$)", link_query(page)), "a bad seed changed the config"

    commit_text(page, "seed", "7")  # a good value clears the error and regenerates
    page.locator(".pg-message.pg-error").wait_for(state="detached", timeout=WAIT_MS)
    wait_for_link(page, r"(^|&)seed=7(&|$)")


def test_a_copied_link_restores_the_same_config(app):
    page = app
    open_app(page)
    page.locator("button.pg-ds-xor").click()
    wait_for_link(page, r"(^|&)dataset=xor(&|$)")
    tab(page, "Network")
    commit_text(page, "hidden layers", "3")
    wait_for_link(page, r"(^|&)hidden=3(&|$)")
    page.get_by_label("activation", exact=True).select_option(label="ReLU")
    query = wait_for_link(page, r"(^|&)activation=relu(&|$)")
    assert re.search(r"(^|&)dataset=xor(&|$)", query) and re.search(r"(^|&)hidden=3(&|$)", query), query

    restored = page.context.new_page()
    restored.voila_base = page.voila_base
    watch_console(restored, page.console_errors)
    open_app(restored, query)
    assert "restored" in message(restored).inner_text(), message(restored).inner_text()
    assert link_query(restored) == query
    tab(restored, "Network")
    assert restored.get_by_label("hidden layers", exact=True).input_value() == "3"
    assert restored.get_by_label("activation", exact=True).input_value() == "ReLU"
    assert "pg-ds-selected" in (restored.locator("button.pg-ds-xor").get_attribute("class") or "")
    assert figure(restored)["sizes"] == "2,3,1", "inputs x1, x2, one hidden layer of 3, one output"
    assert_no_traceback(restored)


def test_a_malformed_link_warns_and_starts_from_the_defaults(app):
    page = app
    open_app(page, "hidden=8,x")
    warning = page.locator(".pg-message.pg-warn")
    warning.wait_for(state="visible", timeout=WAIT_MS)
    assert "hidden" in warning.inner_text() and "default" in warning.inner_text(), warning.inner_text()
    assert link_query(page) == Config().to_query()
    tab(page, "Network")
    assert page.get_by_label("hidden layers", exact=True).input_value() == "4, 2"
    assert_no_traceback(page)


def test_clicking_a_neuron_shows_its_map_large(app, output_dir):
    page = app
    open_app(page)
    before = figure(page)
    assert before["planeTitle"].startswith("Output")
    x, y, size = before["tiles"][1][2]  # layer 1, neuron 3
    network = page.locator("canvas.pg-canvas-network")
    network.hover(position={"x": x + size / 2, "y": y + size / 2})  # hovering shows it at once
    page.wait_for_function(f"() => /^layer 1, neuron 3$/.test((({FIGURE})() || {{}}).planeTitle)", timeout=WAIT_MS)
    assert figure(page)["plane"] != before["plane"], "hovering a neuron did not show its map"
    page.mouse.move(1, 1)
    page.wait_for_function(f"() => /^Output/.test((({FIGURE})() || {{}}).planeTitle)", timeout=WAIT_MS)
    network.click(position={"x": x + size / 2, "y": y + size / 2})  # clicking keeps it
    page.mouse.move(1, 1)
    page.wait_for_function(f"() => /layer 1, neuron 3 \\(/.test((({FIGURE})() || {{}}).planeTitle)", timeout=WAIT_MS)
    assert figure(page)["plane"] != before["plane"], "the output panel still shows the output"
    page.screenshot(path=str(output_dir / "playground-neuron.png"), full_page=True)
    network.click(position={"x": x + size / 2, "y": y + size / 2})
    page.mouse.move(1, 1)
    page.wait_for_function(f"() => /^Output/.test((({FIGURE})() || {{}}).planeTitle)", timeout=WAIT_MS)


def test_drawing_a_point_on_the_output_plane(app):
    page = app
    open_app(page)
    n0 = page.evaluate("() => window.__playgroundCanvas.points")
    page.get_by_role("button", name="blue", exact=True).click()
    page.locator("canvas.pg-canvas-plane").click(position={"x": 200, "y": 120})
    page.wait_for_function(f"() => window.__playgroundCanvas.points > {n0}", timeout=WAIT_MS)
    page.locator(".pg-message.pg-info", has_text="Added a point").wait_for(state="visible", timeout=WAIT_MS)


def test_a_link_with_values_between_the_slider_steps_is_kept(app):
    """The page's sliders round a value that is off their steps and send it back: a link's
    n_points=333 must not become 330 (nor rebuild the data)."""
    page = app
    config = Config(n_points=333, noise=0.12, train_fraction=0.55, dropout=0.33)
    open_app(page, config.to_query())
    time.sleep(2.0)  # time for any slider to send a rounded value back
    assert link_query(page) == config.to_query()
    assert "restored" in message(page).inner_text(), message(page).inner_text()


def test_loading_a_csv_of_ones_own_points(app, output_dir):
    """A learner's file through the page's upload button: the points run, a bad file is a message."""
    from playground.export import data_csv
    from playground.session import Session
    page = app
    open_app(page)
    tab(page, "Data")

    def upload(name, content):  # the widget's file input is not in the page: through its chooser
        with page.expect_file_chooser(timeout=WAIT_MS) as chooser:
            page.locator(".widget-upload").click()
        chooser.value.set_files(files=[{"name": name, "mimeType": "text/csv", "buffer": content}])
    csv = data_csv(Session(Config().replace(dataset="spiral3", n_points=90, noise=0.1))).encode()
    updates = page.evaluate("() => window.__playgroundCanvas.points")
    upload("mine.csv", csv)
    page.locator(".pg-message.pg-info", has_text="Loaded 90 points from mine.csv: 3 classes").wait_for(
        state="visible", timeout=WAIT_MS)
    query = wait_for_link(page, r"dataset=own")
    assert "classes=3" in query and "problem=multiclass" in query
    assert page.locator(".pg-ds-own").is_visible(), "the button of one's own points is not shown"
    page.wait_for_function(f"() => window.__playgroundCanvas.points > {updates}", timeout=WAIT_MS)  # redrawn
    page.screenshot(path=str(output_dir / "playground-own-points.png"), full_page=True)
    upload("bad.csv", b"x1,x2,label\n1,2,0\n1,two,1\n3,4,0\n5,6,1\n")
    page.locator(".pg-message.pg-error", has_text="Line 3, column x2").wait_for(state="visible", timeout=WAIT_MS)
    assert "dataset=own" in link_query(page)  # the points that ran stay
    assert_no_traceback(page)
