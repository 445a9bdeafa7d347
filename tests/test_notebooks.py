"""Every notebook, English (``notebooks/``) and Korean (``notebooks/ko/``), runs top to bottom in a
Jupyter kernel (nbclient, in-process) in its own folder, as Jupyter and Voilà run it, without errors,
and is stored clean: no outputs, no execution counts. A Korean notebook's apps speak Korean."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb")) + sorted(NOTEBOOK_DIR.glob("ko/*.ipynb"))
IDS = [str(p.relative_to(NOTEBOOK_DIR)) for p in NOTEBOOKS]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")  # the venv's kernelspec, not one in ~/.local


def run(nb, folder=NOTEBOOK_DIR):
    """Execute ``nb`` in place as Jupyter does: python3, working directory the notebook's folder."""
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_the_notebooks_are_there():
    assert {"index.ipynb", "playground.ipynb"} <= set(IDS)


def test_the_kernel_is_this_venvs_python():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import os, sys, playground\nprint(sys.executable)\nprint(os.getcwd())\nprint(playground.__file__)")])
    out = run(nb).cells[0].outputs[0]["text"].split("\n")
    assert Path(out[0]).resolve() == Path(sys.executable).resolve()
    assert Path(out[1]).resolve() == NOTEBOOK_DIR
    assert Path(out[2]).resolve() == ROOT / "playground" / "__init__.py"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_is_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(code_cells(nb)):
        assert cell.outputs == [], f"{path.name} cell {i} is stored with outputs"
        assert cell.execution_count is None, f"{path.name} cell {i} is stored with an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_top_to_bottom(path):
    nb = run(nbformat.read(path, as_version=4), path.parent)  # raises CellExecutionError on the first error
    cells = code_cells(nb)
    assert cells, f"{path.name} has no code"
    for i, cell in enumerate(cells):
        for out in cell.outputs:
            assert out.output_type != "error", f"{path.name} cell {i}: {out.get('ename')}: {out.get('evalue')}"
            if out.output_type == "stream" and out.name == "stderr":
                assert "Traceback" not in out.text and "Error" not in out.text, f"{path.name} cell {i}: {out.text}"
        assert cell.outputs, f"{path.name} cell {i} shows nothing"
    apps = [c for c in cells if "apps." in c.source]
    for cell in apps:  # an app cell shows a widget (the app), not a repr
        assert any(WIDGET_VIEW in out.get("data", {}) for out in cell.outputs), cell.source


def test_a_korean_notebooks_apps_speak_korean():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from playground import apps\nprint(apps.Perceptron().textbook.description)")])
    assert run(nb, NOTEBOOK_DIR / "ko").cells[0].outputs[0]["text"].strip() == "예시 가중치 보기"
    assert run(nb, NOTEBOOK_DIR).cells[0].outputs[0]["text"].strip() == "Show textbook weights"
