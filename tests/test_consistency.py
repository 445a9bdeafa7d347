"""The lists that name the apps agree: the apps registry (``playground.apps``), the landing page's
list (``playground.apps.landing.APPS``), the notebooks in ``notebooks/`` and the README's table; and
the benchmarks reach the shared server starter (``playground_dev``) without path edits."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest

from playground import apps
from playground.apps import landing

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LANDING_PAGE = "index.ipynb"


def launched(notebook: Path) -> list[str]:
    """The apps a notebook's code cells build (``apps.Name(``), in order."""
    cells = json.loads(notebook.read_text())["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return re.findall(r"\bapps\.([A-Z]\w*)\(", code)


def test_the_landing_list_is_the_notebooks():
    listed = [nb for nb, _ in landing.APPS]
    assert len(set(listed)) == len(listed), listed
    on_disk = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb") if p.name != LANDING_PAGE)
    assert sorted(listed) == on_disk


def test_the_notebooks_build_every_registered_app_and_no_other():
    used = {name: nb for nb, _ in landing.APPS for name in launched(NOTEBOOKS / nb)}
    assert set(used) == set(apps.__all__), (sorted(set(apps.__all__) - set(used)), sorted(set(used) - set(apps.__all__)))
    for nb, _ in landing.APPS:
        assert launched(NOTEBOOKS / nb), f"{nb} builds no app"
    assert "app_list()" in "".join("".join(c["source"]) for c in json.loads((NOTEBOOKS / LANDING_PAGE).read_text())["cells"])


@pytest.mark.parametrize("name", apps.__all__)
def test_every_registered_app_is_in_its_module(name):
    module = importlib.import_module(f"playground.apps.{apps._MODULES[name]}")
    assert isinstance(getattr(module, name, None), type), f"playground.apps.{apps._MODULES[name]} has no class {name}"


def test_the_landing_list_has_a_title_and_a_line_for_every_app():
    from playground.i18n import has
    for _, key in landing.APPS:
        assert has(f"landing.{key}") and has(f"landing.{key}.what"), key


def test_the_readme_table_is_the_landing_list():
    rows = re.findall(r"^\| `(\w+)` \| (.+?) \|", (ROOT / "README.md").read_text(), flags=re.M)
    assert [f"{nb}.ipynb" for nb, _ in rows] == [nb for nb, _ in landing.APPS]
    for nb, cell in rows:
        first_seen = list(dict.fromkeys(launched(NOTEBOOKS / f"{nb}.ipynb")))
        assert re.findall(r"apps\.(\w+)\(", cell) == first_seen, nb


def test_benchmarks_and_tests_import_the_shared_starter_without_path_edits():
    for path in sorted((ROOT / "benchmarks").glob("*.py")) + sorted((ROOT / "tests").rglob("*.py")):
        text = path.read_text()
        assert not re.search(r"sys\.path\.(insert|append)|sys\.path\[", text), f"{path.relative_to(ROOT)} edits sys.path"
        if path.parent.name == "benchmarks":
            assert not re.search(r"^\s*(from|import) tests\b", text, flags=re.M), f"{path.name} imports tests/"
    assert '"playground_dev"' in (ROOT / "pyproject.toml").read_text()  # installed with the project


@pytest.mark.parametrize("folder", ["notebooks", "notebooks/ko"])
def test_file_numbers_and_titles_follow_the_landing_order(folder):
    """A numbered notebook's title carries its number ("6 · Gradient descent"), and the numbers
    grow along the landing page's order (the pages between them carry no number)."""
    numbers = []
    for notebook, _key in landing.APPS:
        match = re.match(r"(\d+[a-z]?)_", notebook)
        if not match:
            continue
        cells = json.loads((ROOT / folder / notebook).read_text())["cells"]
        title = next(line for c in cells if c["cell_type"] == "markdown"
                     for line in "".join(c["source"]).splitlines() if line.startswith("# "))
        assert title.startswith(f"# {match.group(1).lstrip('0') or '0'} · "), (notebook, title)
        numbers.append((int(re.match(r"\d+", match.group(1)).group()), match.group(1)))
    assert numbers == sorted(numbers), [n for _, n in numbers]
