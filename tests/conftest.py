"""Test-wide settings. Kept tiny: fixtures live next to the tests that use them."""

import os

# One thread for torch/OpenMP in the test process and in every kernel or server it starts:
# on the 2 shared cores, two threads made tiny training steps up to 100x slower.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
# Jupyter kernels and config come from the test interpreter's venv, not from ~/.local.
os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")
