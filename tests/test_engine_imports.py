"""The engine runs without a kernel or a browser: importing it pulls in neither ipywidgets nor plotly.

Every module of the package is engine except the user-interface side named in ``UI`` (widgets,
figures, the browser-paced loop) and the Voilà server's own side (``playground.serving``, loaded by
the server, never by a kernel): a new engine module is checked without being listed here.
"""

import json
import os
import pkgutil
import subprocess
import sys

import playground

UI = ("playground.apps", "playground.controls", "playground.live", "playground.views", "playground.serving")


def engine_modules() -> list[str]:
    names = ["playground"] + [m.name for m in pkgutil.walk_packages(playground.__path__, "playground.")]
    return sorted(n for n in names if not n.startswith(UI))


CHECK = """
import importlib, json, sys
for name in {modules!r}:
    importlib.import_module(name)
# use the engine too: lazy imports inside functions count as well
from playground import Config, data, export, probes
from playground.session import Session
s = Session(Config(n_points=40, hidden=(3,)))
s.train_epochs(2)
probes.decision_grid(s, 10); probes.neuron_grids(s, 5); probes.grad_stats(s); probes.activation_stats(s)
probes.session_metrics(s); data.kfold(s.y, 3); data.load_iris()
export.pytorch_code(s.config); export.weights_bytes(s); export.weights_json(s); export.data_csv(s)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("ipywidgets", "plotly", "IPython", "ipykernel"))))
"""


def test_every_engine_module_is_found():
    found = engine_modules()
    for name in ("playground.config", "playground.session", "playground.neuron", "playground.warping",
                 "playground.descent", "playground.validation", "playground.i18n"):
        assert name in found, found
    assert not [n for n in found if n.startswith(UI)]
    for ui in UI:  # each name of the UI side is a module that exists (a rename would widen the check)
        assert any(m.name == ui for m in pkgutil.walk_packages(playground.__path__, "playground.")), ui


def test_engine_imports_no_widgets_or_plotly():
    env = {"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"}
    env.update({k: v for k, v in os.environ.items() if k == "PYTHONPATH"})  # a worktree run without install
    out = subprocess.run([sys.executable, "-c", CHECK.format(modules=engine_modules())], capture_output=True,
                         text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert not [m for m in loaded if m.split(".")[0] in ("ipywidgets", "plotly")], loaded


def test_the_check_would_notice():
    """The same probe sees plotly when it is imported, so an empty list above means something."""
    code = "import sys, plotly; print('plotly' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "True", out.stderr


def test_no_engine_module_reads_the_environment_or_the_page():
    """The page's language and link are read at the page boundary (playground.apps.page) and passed
    down; the engine is told, so it behaves the same in a script, a test, JupyterLab and Voilà."""
    import importlib
    import inspect
    for name in engine_modules():
        source = inspect.getsource(importlib.import_module(name))
        for word in ("os.environ", "getenv", "QUERY_STRING", "VOILA_"):
            assert word not in source, f"{name} reads {word}"


# -- the import budget of a page's start (issue 16): what a lesson page must not pull in --------------

HEAVY = ("sklearn", "scipy", "torch._dynamo", "sympy", "lark", "numba")  # each ~0.2-2 s of CPU to import
NEEDS = {  # pages whose lesson is the heavy library itself (the engine named in the notebook)
    "00_kinds_of_learning.ipynb": {"sklearn", "scipy"},  # k-means is scikit-learn's
    "boltzmann.ipynb": {"sklearn", "scipy"},  # scikit-learn's BernoulliRBM is the engine
    "04_activations.ipynb": {"scipy"},  # GELU's erf (scipy.special: the same numbers as before)
}
PAGES = """
import json, sys
heavy = {heavy!r}
seen = {{}}
for path in {paths!r}:
    nb, names = json.load(open(path)), {{}}  # one namespace per notebook, as in its kernel
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            exec("".join(cell["source"]), names)
    seen[path.rsplit("/", 1)[-1]] = sorted(m for m in heavy if m in sys.modules)
seen["rfc3987_syntax"] = sys.modules.get("rfc3987_syntax", "absent") is not None
print(json.dumps(seen))
"""


def _pages_imports(paths):
    env = {"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"}
    env.update({k: v for k, v in os.environ.items() if k == "PYTHONPATH"})
    out = subprocess.run([sys.executable, "-c", PAGES.format(heavy=HEAVY, paths=[str(p) for p in paths])],
                         capture_output=True, text=True, timeout=600, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_no_lesson_page_imports_what_it_does_not_need():
    """Every page of the course, run as Voilà runs it (its code cells), one after another in one
    interpreter: after each, no heavy module it does not need is loaded (so the first page that
    brings one back is named). The pages that need one run last, and show the check sees them."""
    from pathlib import Path

    from playground.apps.landing import APPS
    notebooks = Path(playground.__file__).resolve().parents[1] / "notebooks"
    order = ["index.ipynb"] + [nb for nb, _ in APPS]
    lean = [nb for nb in order if nb not in NEEDS]
    seen = _pages_imports([notebooks / nb for nb in lean + sorted(NEEDS)])
    for nb in lean:
        assert seen[nb] == [], f"{nb} (or a page before it) imported {seen[nb]}"
    assert not seen["rfc3987_syntax"], "jsonschema's rfc3987_syntax grammars were compiled (plotly → nbformat)"
    for nb, needs in NEEDS.items():
        assert needs <= set(seen[nb]), (nb, seen[nb])  # the check would notice: these do import them
