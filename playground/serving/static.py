"""Voilà 0.5.13's template static files: a malformed path is "not found", not a bare 500.

``voila.static_file_handler.TemplateStaticFileHandler.parse_url_path`` unpacks
``/voila/templates/<template>/static/<file>`` with ``path.split("/", 2)`` and an ``assert``:
``/voila/templates/x`` or ``/voila/templates/../../etc/passwd`` raise inside the handler (a 500
and a traceback in the server's log; nothing is served). Checked here first, as a 404.
Pinned to the Voilà release it was read from: on another, the server logs that this fix was not
applied (see the README, "Serving a room": what to check when Voilà is upgraded).
"""

from __future__ import annotations

import logging

from tornado import web

FIXED_VOILA = "0.5.13"


def refuse_malformed_template_paths(log: logging.Logger) -> bool:
    """Install the check (once); False, with a log line, on a Voilà release it was not read from."""
    import voila
    from voila.static_file_handler import TemplateStaticFileHandler

    original = TemplateStaticFileHandler.parse_url_path
    if getattr(original, "playground_checked", False):
        return True
    if voila.__version__ != FIXED_VOILA:
        log.warning("Voilà %s is not %s: /voila/templates/ paths are not checked (playground/serving/static.py)",
                    voila.__version__, FIXED_VOILA)
        return False

    def parse_url_path(self, path):
        parts = path.split("/", 2)
        if len(parts) != 3 or parts[1] != "static" or ".." in path.split("/"):
            raise web.HTTPError(404)
        return original(self, path)

    parse_url_path.playground_checked = True
    TemplateStaticFileHandler.parse_url_path = parse_url_path
    return True
