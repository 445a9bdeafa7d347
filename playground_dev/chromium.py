"""Debian's Chromium as every browser test and benchmark launches it, and what counts as leaving the machine.

    from playground_dev.chromium import EXTERNAL_URL, launch_chromium
"""

from __future__ import annotations

import re

# Requests that would leave the machine (an http(s)/ws(s) URL whose host is not the loopback).
EXTERNAL_URL = re.compile(r"^(https?|wss?)://(?!(127\.0\.0\.1|localhost|\[::1\])([:/]|$))")

# Debian's Chromium (never `playwright install`), headless, as every test and benchmark runs it.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def launch_chromium(playwright):
    """``playwright.chromium.launch`` of Debian's Chromium (sync API: a Browser; async: awaitable)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def is_external(url: str) -> bool:
    """True for an http(s)/ws(s) URL whose host is not this machine's loopback."""
    return bool(EXTERNAL_URL.match(url))
