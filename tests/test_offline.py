"""Offline: the served site needs nothing from the internet.

The pages' side is checked where every page is opened anyway (tests/browser/test_fit_browser.py,
both editions): every browser test's context aborts every request that is not to 127.0.0.1 and has
a dead proxy behind (tests/browser/conftest.py: nothing that slips past Playwright's routing, a
WebSocket say, can connect either), and any request that tried to leave fails the test; each page
shows no failed cell, every picture drawn and every control labelled (``support.page_problems``).

Here, the kernel's side: the package itself fetches nothing.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

NETWORK_MODULES = ("socket", "ssl", "http.client", "urllib.request", "urllib3", "requests", "httpx",
                   "aiohttp", "websocket", "websockets", "ftplib", "smtplib")
# The fork server's Unix socket (playground/serving/forkserver.py): a file on this machine, never an address.
UNIX_SOCKET_ONLY = {"playground/serving/forkserver.py": "socket"}
EXTERNAL_IN_JS = re.compile(r"""(https?:)?//[a-z0-9.-]+\.[a-z]{2,}[/'"]|\bimport\s*\(\s*['"]https?:""", re.I)


def test_the_package_imports_no_network_module_and_its_front_end_code_loads_nothing():
    """Kernel side: playground/ imports no HTTP or socket library (its datasets are generated or
    bundled with scikit-learn; the fork server's socket is a Unix one), and its anywidget front-end
    code references no other host."""
    package = ROOT / "playground"
    for path in sorted(package.rglob("*.py")):
        allowed = UNIX_SOCKET_ONLY.get(str(path.relative_to(ROOT)))
        if allowed:
            text = path.read_text()
            assert "AF_UNIX" in text and not re.search(r"AF_INET|connect\(\s*\(|create_connection", text), \
                f"{path.relative_to(ROOT)} may use only a Unix socket"
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            for name in names:
                if name == allowed:
                    continue
                assert not any(name == m or name.startswith(m + ".") for m in NETWORK_MODULES), \
                    f"{path.relative_to(ROOT)} imports {name}"
    for path in sorted(package.rglob("*.js")):
        match = EXTERNAL_IN_JS.search(path.read_text())
        assert match is None, f"{path.relative_to(ROOT)} refers to another host: {match.group(0)!r}"
