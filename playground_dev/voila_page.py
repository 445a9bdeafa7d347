"""Shared by the benchmarks (browser.py, soak.py, load.py, first_picture.py) and the browser tests: a
Voilà server on a free port (started and stopped by playground_dev/servers.py, as for the browser tests),
headless Chromium, small readers of the Playground page (epoch counter, frames, figure state, kernel
process), every picture of a page and whether it has drawn (``PICTURES``), and Voilà's own kernel
shutdown made to work (``allow_kernel_shutdown``, ``shutdown_voila_kernel``).

    with voila_server() as (base_url, proc):
        with chromium() as browser:
            page = new_page(browser)
            page.goto(base_url + "/voila/render/playground.ipynb")
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path

from playground_dev import servers
from playground_dev.chromium import EXTERNAL_URL, launch_chromium

ROOT = servers.ROOT
APP = "/voila/render/playground.ipynb"
PLOT = ".js-plotly-plot"


free_port = servers.free_port


@contextlib.contextmanager
def voila_server(timeout: float = 60.0, log_path: Path | None = None):
    """Voilà on notebooks/ with ./voila.json (preheated kernels), as scripts/serve and the browser
    tests run it (playground_dev/servers.py). Yields (base_url, Popen). Stopped with SIGTERM (SIGKILL to the
    group after 10 s)."""
    with servers.voila_server("notebooks/", timeout=timeout,
                              log_path=log_path or ROOT / "test-output" / "voila-bench.log") as server:
        yield server.url, server.proc


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser):
    """A page in a fresh 1280x900 context; requests leaving the machine are aborted."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(EXTERNAL_URL, lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(60_000)
    return page


# --- reading the page -----------------------------------------------------------------------

FRAMES = "() => { const f = window.__playgroundFrames || {acks: 0, times: [], lastId: 0};" \
         " return {acks: f.acks, times: Array.from(f.times), lastId: f.lastId}; }"


def frames(page) -> dict:
    return page.evaluate(FRAMES)


def epoch(page) -> int:
    """The epoch counter as shown (``Epoch <b>1,234</b>``)."""
    text = page.locator(".pg-epoch .pg-epoch-value").inner_text()
    m = re.search(r"Epoch\s+([\d,]+)", text)
    if not m:
        raise AssertionError(f"no epoch number in {text!r}")
    return int(m.group(1).replace(",", ""))


def wait_for_picture(page, timeout: float = 120.0) -> None:
    """Voilà ran the notebook and the live picture has drawn its first frame."""
    page.wait_for_selector("#loading", state="detached", timeout=timeout * 1000)
    page.wait_for_function(
        "() => { const c = window.__playgroundCanvas; return !!(c && c.frames >= 1); }",
        timeout=timeout * 1000)


# --- the kernel process -----------------------------------------------------------------------

def _proc_table() -> list[tuple[int, int, int, str]]:
    """(pid, ppid, start ticks, command line) of every process, from /proc."""
    rows = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            rows.append((int(entry.name), int(fields[1]), int(fields[19]), cmd))
        except (OSError, IndexError, ValueError):
            continue
    return rows


def kernel_pids(server_pid: int) -> list[tuple[int, float]]:
    """(pid, start time) of every ``ipykernel_launcher`` process under the Voilà server
    (psutil if installed, else /proc)."""
    try:
        import psutil
    except ImportError:
        table = _proc_table()
        parent = {pid: ppid for pid, ppid, _, _ in table}

        def under(pid):
            while pid in parent and pid > 1:
                pid = parent[pid]
                if pid == server_pid:
                    return True
            return False

        return [(pid, float(start)) for pid, _, start, cmd in table
                if "ipykernel_launcher" in cmd and under(pid)]
    out = []
    for p in psutil.Process(server_pid).children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(p.cmdline()):
                out.append((p.pid, p.create_time()))
        except psutil.Error:
            pass
    return out


def kernel_pid(server_pid: int) -> int | None:
    """The newest ``ipykernel_launcher`` process under the Voilà server."""
    kernels = kernel_pids(server_pid)
    return max(kernels, key=lambda k: k[1])[0] if kernels else None


def _cpu_seconds(pids) -> dict:
    """CPU seconds (user + system) used so far by each of ``pids`` (from /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            out[pid] = (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return out


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` in MB (/proc/<pid>/status VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def wait_for_idle_kernels(server_pid: int, timeout: float = 120.0, min_kernels: int = 1) -> float:
    """Wait until Voilà's kernels exist and have been idle (< 10 % of a core) for 2 s: its
    preheated kernels have run their notebooks. Returns the seconds waited (``timeout`` if never)."""
    t0 = time.monotonic()
    quiet = 0
    while time.monotonic() - t0 < timeout:
        pids = [pid for pid, _ in kernel_pids(server_pid)]
        before = _cpu_seconds(pids)
        time.sleep(1.0)
        after = _cpu_seconds(pids)
        busy = sum(after.get(p, 0) - before.get(p, 0) for p in after)
        quiet = quiet + 1 if len(pids) >= min_kernels and busy < 0.1 else 0
        if quiet >= 2:
            return time.monotonic() - t0
    return timeout


def training_kernel_pid(server_pid: int, seconds: float = 2.0) -> int | None:
    """The kernel that computes most over ``seconds`` (the one playing). With a preheated pool the
    newest kernel is usually the spare one Voilà started after handing ours out, not ours."""
    pids = [pid for pid, _ in kernel_pids(server_pid)]
    before = _cpu_seconds(pids)
    time.sleep(seconds)
    after = _cpu_seconds(pids)
    busy = {p: after[p] - before.get(p, after[p]) for p in after}
    return max(busy, key=busy.get) if busy else kernel_pid(server_pid)


# --- pictures ---------------------------------------------------------------------------------

# Every visible picture on the page and whether it has drawn: plotly figures (traces and an SVG),
# canvases outside plotly (not blank) and Voilà-rendered images (loaded). ``page.evaluate(PICTURES)``
# gives a list of {picture, drawn, detail}.
PICTURES = r"""() => {
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const out = [];
  document.querySelectorAll('.js-plotly-plot').forEach((gd, i) => {
    if (!shown(gd)) return;
    const traces = gd._fullData ? gd._fullData.length : 0;
    out.push({picture: `plotly figure #${i}`, drawn: traces > 0 && !!gd.querySelector('.main-svg'),
              detail: `${traces} traces`});
  });
  document.querySelectorAll('canvas').forEach((c, i) => {
    if (!shown(c) || c.closest('.js-plotly-plot') || !c.width || !c.height) return;
    const blank = document.createElement('canvas');
    blank.width = c.width; blank.height = c.height;
    out.push({picture: `canvas #${i} .${c.className}`, drawn: c.toDataURL() !== blank.toDataURL(),
              detail: `${c.width}x${c.height}`});
  });
  document.querySelectorAll('#rendered_cells img').forEach((im, i) => {
    if (!shown(im)) return;
    out.push({picture: `image #${i} (${(im.alt || im.src).slice(0, 40)})`,
              drawn: im.complete && im.naturalWidth > 0, detail: `${im.naturalWidth}x${im.naturalHeight}`});
  });
  return out;
}"""


# --- shutting a page's kernel down ------------------------------------------------------------

XSRF_COOKIE = "playground-test-xsrf"


def allow_kernel_shutdown(context, base_url: str) -> None:
    """Give ``context`` an ``_xsrf`` cookie for ``base_url`` so that shutdown_voila_kernel works.

    Voilà 0.5 never sets that cookie, so its own shutdown request on leaving a page is refused
    with 403 (voila-dashboards/voila#1458) and the kernel lives on until culled. Tornado's XSRF
    check only compares the cookie with the request's X-XSRFToken header."""
    context.add_cookies([{"name": "_xsrf", "value": XSRF_COOKIE, "url": base_url}])


def shutdown_voila_kernel(page) -> int:
    """Ask Voilà to shut down the kernel behind ``page`` (a rendered notebook); returns the HTTP
    status (204 when done). Call allow_kernel_shutdown on the page's context first. Tests that
    open many pages call it before closing each, so kernels do not pile up (~0.5 GB each)."""
    return page.evaluate("""async (xsrf) => {
      const el = document.getElementById('jupyter-config-data');
      if (!el) return 0;
      const cfg = JSON.parse(el.textContent);
      if (!cfg.kernelId) return 0;
      const resp = await fetch(cfg.baseUrl + 'voila/api/shutdown/' + cfg.kernelId,
                               {method: 'POST', headers: {'X-XSRFToken': xsrf}});
      return resp.status;
    }""", XSRF_COOKIE)
