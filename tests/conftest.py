"""Test-wide settings. Kept tiny: fixtures live next to the tests that use them."""

import os

# One thread for torch/OpenMP in the test process and in every kernel or server it starts:
# on the 2 shared cores, two threads made tiny training steps up to 100x slower.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
# Jupyter kernels and config come from the test interpreter's venv, not from ~/.local.
os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")


import pytest  # noqa: E402

from playground import i18n  # noqa: E402


@pytest.fixture(autouse=True)
def _english_until_asked():
    """Every test starts in English with no language chosen: the language an app decided
    (playground.apps.page) is process state and must not leak from one test into the next."""
    i18n.set_language(None)
    i18n.set_page_language("en")
    yield
    i18n.set_language(None)
    i18n.set_page_language("en")


# --- parallel workers (pytest-xdist, scripts/test: -n N --dist loadgroup) ---------------------------

# Tests that share a server run in one worker, one after another: (the start of their node ids, group).
# Every other test goes to whichever worker is free. A server is started once per worker that needs it.
SHARED_SERVERS = (
    ("tests/browser/test_jupyterlab.py::", "jupyterlab"),  # tests/browser/conftest.py's lab
    ("tests/browser/test_fit_browser.py::test_every_notebook_fits_every_screen_in_jupyterlab", "jupyterlab"),
    ("tests/browser/test_hub.py::", "hub"),  # a JupyterHub (its start alone takes ~20 s here)
    ("tests/test_serving_attacks.py::", "attacked server"),  # a Voilà server the attacks share
)
# JupyterLab's tests are the longest group (~20 pages, 3-4 min): shared out over this many workers,
# each with a JupyterLab server of its own.
SPLIT = {"jupyterlab": 3}


def shared_server(nodeid: str) -> str | None:
    """The group of the tests that share this test's server, or None."""
    return next((group for prefix, group in SHARED_SERVERS if nodeid.startswith(prefix)), None)


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` groups by SHARED_SERVERS. xdist's own grouping (the ``xdist_group``
    mark) renames a test's node id, which pytest 9.2 no longer allows: it grouped nothing."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SharedServerScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            group = shared_server(nodeid)
            if group not in SPLIT:
                return group or nodeid
            if not hasattr(self, "_parts"):  # the group's tests in turn over SPLIT[group] parts
                self._parts = {}
                for name, n in SPLIT.items():
                    ids = sorted(i for i in self.collection if shared_server(i) == name)
                    self._parts.update({i: f"{name} {k % n}" for k, i in enumerate(ids)})
            return self._parts[nodeid]

    return SharedServerScheduling(config, log)
