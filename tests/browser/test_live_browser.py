"""The browser-paced live loop in a real page: Voila serves tests/browser/live_probe.ipynb
(one FigureWidget, 60x60 heatmap + scatter, redrawn every frame) and headless Chromium shows it.

Checks that acknowledged frames flow, that Pause stops them at once, and that closing the tab
pauses the loop in the kernel ("tab closed"), which the notebook reports in a JSON-lines file.
"""

import time

import pytest

from playground_dev import live_harness as H

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The probe's heartbeat timeout (the apps' is 5 s): with the tests in parallel, a busy renderer's beats
# came more than 5 s apart and the loop paused as if the tab had died before the test killed it.
HEARTBEAT_TIMEOUT = 10.0
# Seconds the kernel may take beyond what it is asked for when the machine is busy (the tests run
# beside others, scripts/test runs them in parallel): how long Pause and a closed tab take is a
# benchmark's figure (benchmarks/browser.py), these tests check that they happen.
SLACK_S = 10.0


@pytest.fixture(scope="module")
def live_probe():
    """(url of the probe notebook, path of its state log) on a Voila of its own."""
    with H.voila_server({"LIVE_PROBE_HEARTBEAT": str(HEARTBEAT_TIMEOUT)}) as served:
        yield served


def test_frames_flow_pause_stops_them_and_closing_the_tab_pauses_the_loop(live_probe, page):
    url, log_path = live_probe
    page.goto(url)
    H.wait_for_frames(page, 3, timeout=90)

    traces, corner = H.plot_sample(page)
    assert traces == 2, "the figure was drawn without its traces"
    deadline = time.monotonic() + SLACK_S
    while H.plot_sample(page)[1] == corner and time.monotonic() < deadline:
        time.sleep(0.2)
    assert H.plot_sample(page)[1] != corner, "the heatmap in the page did not change"

    figures = H.measure(page, log_path, seconds=5.0)
    print("live loop in Chromium:", figures)
    assert figures["frames"] >= 30, figures
    assert figures["pause_to_last_frame_ms"] <= 1500, figures  # ~60 ms on a quiet machine
    acks = H.frames(page)["acks"]
    time.sleep(1.0)
    assert H.frames(page)["acks"] == acks, "frames still arrive a while after Pause"
    last = H.read_states(log_path)[-1]
    assert last["reason"] == "paused" and figures["rtt_ms_p50"] is not None, last

    page.get_by_role("button", name="Play").click()  # resume, then close the tab while running
    page.wait_for_function(f"() => window.__playgroundFrames.acks > {acks + 5}", timeout=30_000)
    seen, closed_at = len(H.read_states(log_path)), time.monotonic()
    page.close()
    state = H.wait_for_state(log_path, "tab closed", HEARTBEAT_TIMEOUT + SLACK_S, after=seen)
    assert state is not None, f"loop did not pause after the tab closed: {H.read_states(log_path)}"
    print(f"tab closed -> loop paused after {time.monotonic() - closed_at:.1f} s (polled)")


def test_a_tab_that_dies_without_goodbye_pauses_after_the_heartbeat_timeout(live_probe, page):
    url, log_path = live_probe
    page.goto(url)
    H.wait_for_frames(page, 3, timeout=90)
    states = H.read_states(log_path)
    assert states and states[-1]["reason"] == "running", f"the loop was not running before the crash: {states}"
    seen, crashed_at = len(states), time.monotonic()
    with pytest.raises(Exception):  # the renderer dies: no pagehide, no "bye", beats stop
        page.goto("chrome://crash", timeout=5_000)
    state = H.wait_for_state(log_path, "tab closed", HEARTBEAT_TIMEOUT + SLACK_S, after=seen)
    waited = time.monotonic() - crashed_at
    assert state is not None, f"loop did not pause after the tab died: {H.read_states(log_path)}"
    assert waited >= HEARTBEAT_TIMEOUT - 1.5, f"paused after {waited:.1f} s: not by heartbeat?"
