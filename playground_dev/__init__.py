"""What the tests and the benchmarks share (installed with the project, so both import it
without path edits; never imported by the app):

- ``servers``: Voilà and JupyterLab on a free port of 127.0.0.1, started and stopped one way;
- ``chromium``: Debian's Chromium, headless, and the pattern of requests that leave the machine;
- ``voila_page``: a served Playground page in Chromium and small readers of it (benchmarks);
- ``live_harness``: tests/browser/live_probe.ipynb served and driven (live-loop test and benchmarks).
"""
