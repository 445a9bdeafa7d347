"""Apps use the engine through public methods only: no torch, no private session members, no other
app's module (what several apps share lives in ``apps/base.py``, ``apps/common.py`` or ``controls``),
no quiet flag of their own (``with self.quiet():`` from the template) and no copy of the template's
cycle (a config reaches a session through ``apply``, ``set`` or ``apply_together`` of apps/base.py)."""

import ast
import pathlib

import pytest

from playground.session import Session

APPS = pathlib.Path(__file__).resolve().parents[1] / "playground" / "apps"
SHARED = {"__init__", "base", "common", "page"}  # the apps package's shared modules, not apps
APP_FILES = sorted(p for p in APPS.glob("*.py") if p.stem not in SHARED)
SESSION_NAMES = ("session", "other", "sessions")  # how apps name their sessions


def _private_session_members() -> set:
    """Every ``_name`` a Session has: its private methods and the private attributes it sets."""
    methods = {n for n in dir(Session) if n.startswith("_") and not n.startswith("__")}
    return methods | {n for n in vars(Session()) if n.startswith("_")}


PRIVATE = _private_session_members()


def _dotted(node) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def problems(source: str) -> list:
    """What an app module's ``source`` does that apps must not: import torch, import another app,
    touch a session's private member."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"line {node.lineno}: imports {a.name}" for a in node.names if a.name.split(".")[0] == "torch"]
        elif isinstance(node, ast.ImportFrom) and node.module:
            top = node.module.split(".")
            if top[0] == "torch":
                found.append(f"line {node.lineno}: imports from {node.module}")
            elif top[:2] == ["playground", "apps"] and len(top) > 2 and top[2] not in SHARED:
                found.append(f"line {node.lineno}: imports another app's module {node.module}")
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and any(
                "quiet" in getattr(t, "attr", getattr(t, "id", "")).lower()
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target])):
            found.append(f"line {node.lineno}: keeps its own quiet flag (use App.quiet())")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "apply"
              and _dotted(node.func.value).rsplit(".", 1)[-1] in SESSION_NAMES):
            found.append(f"line {node.lineno}: applies a config to {_dotted(node.func.value)} itself "
                         "(its own copy of the cycle: use self.apply / self.set / self.apply_together)")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = _dotted(node.value)
            last = owner.rsplit(".", 1)[-1]
            if last in SESSION_NAMES or (node.attr in PRIVATE and owner not in ("self", "cls")):
                found.append(f"line {node.lineno}: touches {owner}.{node.attr}")
    return found


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: p.stem)
def test_an_app_uses_only_the_public_engine(path):
    assert problems(path.read_text()) == []


def test_the_shared_modules_do_not_import_torch_either():
    for stem in ("base", "common"):
        found = problems((APPS / f"{stem}.py").read_text())
        assert [p for p in found if not (stem == "base" and "copy of the cycle" in p)] == []  # base holds it


@pytest.mark.parametrize("source, what", [
    ("import torch", "imports torch"),
    ("import torch.nn as nn", "imports torch.nn"),
    ("from torch import no_grad", "imports from torch"),
    ("from playground.apps.activations import parse_vector", "another app's module"),
    ("def f(self):\n    self.session._record(force=True)", "touches self.session._record"),
    ("def f(app):\n    app.other._tensors()", "touches app.other._tensors"),
    ("def f(s):\n    return s._np", "touches s._np"),
    ("def f(self):\n    self._quiet_widgets = True", "its own quiet flag"),
    ("class A:\n    _quiet_views = False", "its own quiet flag"),
    ("def f(self):\n    self.session.apply(c)", "its own copy of the cycle"),
    ("def f(self):\n    self.other.apply(c)", "its own copy of the cycle"),
])
def test_the_scan_notices(source, what):
    assert any(what in p for p in problems(source)), problems(source)


def test_the_scan_leaves_an_app_s_own_members_alone():
    assert problems("def f(self):\n    self._guard(self._apply, 1)\n    self.apply(c)\n    self.session.step(1)") == []
