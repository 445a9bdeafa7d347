"""The engine runs without a kernel or a browser: importing it pulls in neither ipywidgets nor plotly."""

import json
import subprocess
import sys

ENGINE = ["playground", "playground.config", "playground.data", "playground.model", "playground.session",
          "playground.fastpath", "playground.probes", "playground.export"]

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


def test_engine_imports_no_widgets_or_plotly():
    out = subprocess.run([sys.executable, "-c", CHECK.format(modules=ENGINE)], capture_output=True, text=True,
                         timeout=120, env={"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-3000:]
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert not [m for m in loaded if m.split(".")[0] in ("ipywidgets", "plotly")], loaded


def test_the_check_would_notice():
    """The same probe sees plotly when it is imported, so an empty list above means something."""
    code = "import sys, plotly; print('plotly' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "True", out.stderr
