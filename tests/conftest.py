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
