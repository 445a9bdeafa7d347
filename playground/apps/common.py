"""What every app shares: reading the page's link, messages, and take-home links."""

from __future__ import annotations

import base64
import html
import os

import ipywidgets as W

from playground.config import Config


def page_query() -> str:
    """The query string of the Voilà page this kernel serves ('' in JupyterLab or a script).

    With preheated kernels the notebook runs before anybody asks for it; Voilà then hands
    the request over when it comes (``voila.utils.wait_for_request``).
    """
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import wait_for_request
        wait_for_request()
    return os.environ.get("QUERY_STRING", "")


def page_url() -> str:
    """The page address without its query ('' when not served by Voilà)."""
    url = os.environ.get("VOILA_REQUEST_URL", "")
    return url.split("?", 1)[0]


def config_from_link(query: str, fallback: Config) -> tuple[Config, str]:
    """The config of a shareable link, or ``fallback`` when there is none.

    Returns ``(config, message)``; a bad link gives ``fallback`` and a message, never an error.
    """
    if not query.strip("?&"):
        return fallback, ""
    try:
        return Config.from_query(query), "Settings restored from the link."
    except ValueError as exc:
        return fallback, f"The link's settings could not be used ({exc}); starting from the defaults."


class Messages(W.HTML):
    """One line for the learner: info, a warning or an error (never a traceback)."""

    COLORS = {"info": "#1d4e89", "warn": "#8a5a00", "error": "#a12020"}

    def say(self, text: str, kind: str = "info"):
        self.value = (f"<div class='pg-message pg-{kind}' style='color:{self.COLORS[kind]};min-height:1.4em'>"
                      f"{html.escape(text)}</div>") if text else "<div class='pg-message' style='min-height:1.4em'></div>"


def download_link(filename: str, payload: bytes | str, label: str, mime: str = "application/octet-stream") -> str:
    data = payload.encode() if isinstance(payload, str) else payload
    return (f"<a download='{html.escape(filename)}' href='data:{mime};base64,{base64.b64encode(data).decode()}' "
            f"style='margin-right:1em'>{html.escape(label)}</a>")


def copy_link_html(url: str) -> str:
    """A read-only field with the link and a button that copies it."""
    safe = html.escape(url, quote=True)
    return (f"<input class='pg-link' readonly value='{safe}' style='width:70%' onclick='this.select()'> "
            f"<button class='pg-copy' onclick=\"navigator.clipboard && navigator.clipboard.writeText("
            f"this.previousElementSibling.value); this.textContent='Copied'\">Copy link</button>")
