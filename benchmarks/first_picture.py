"""Every page's first picture with no preheated kernel: each notebook of the course opened alone in Chromium.

Run from the repository root:

    .venv/bin/python benchmarks/first_picture.py                 # every notebook the landing page lists
    .venv/bin/python benchmarks/first_picture.py --pages 01_neuron_perceptron.ipynb,playground.ipynb --runs 2

One Voilà server on notebooks/ with ./voila.json, as scripts/serve runs it, except that no kernel is
preheated (``--VoilaConfiguration.preheat_kernel=False``): every page starts its own kernel, as every
lesson page but the landing page and the Playground does when served. Then, one page at a time (the
landing page first, then the course in its order, ``playground.apps.landing.APPS``):

- **first picture**: navigation start -> Voilà's spinner gone and one visible picture drawn (a plotly
  figure with traces and an SVG, a canvas that is not blank, an image loaded: the test suite's own
  ``PICTURES``), stamped in the page with ``performance.now()``, polled every 100 ms; **all pictures**:
  every visible picture drawn;
- **kernel CPU**: user + system seconds of the page's kernel process (/proc) from its start to the
  moment the first picture was seen (read just after: an upper bound by at most one poll), and the
  kernel's RSS then;
- the load average at that moment (the machine is shared: read the figures with it).

Each page's kernel is shut down (Voilà's own shutdown API) before the next page opens. Targets (issue 16):
first picture <= 6 s and kernel CPU <= 2 s for every page; the table marks the pages that miss them.
The last line is ``name=value`` pairs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from playground.apps.landing import APPS
from playground_dev import voila_page as V
from playground_dev.servers import voila_server

TARGET_S, TARGET_CPU_S = 6.0, 2.0
NO_PREHEAT = ["--VoilaConfiguration.preheat_kernel=False"]

# Stamps the first picture and the moment every picture has drawn (navigation clock, ms).
PROBE = r"""
(() => {
  const B = window.__firstPicture = { first: 0, all: 0, error: false };
  const pictures = %s;
  const timer = setInterval(() => {
    const text = (document.body && document.body.textContent) || '';
    if (text.includes('There was an error when executing cell')) { B.error = true; clearInterval(timer); return; }
    if (document.getElementById('loading') || !document.getElementById('rendered_cells')) return;
    const p = pictures();
    const now = performance.now();
    if (!B.first && p.some((x) => x.drawn)) B.first = now;
    if (p.length && p.every((x) => x.drawn)) { B.all = now; clearInterval(timer); }
  }, 100);
})();
""" % V.PICTURES


def course_pages() -> list[str]:
    """The landing page, then every notebook of the course in the landing page's order."""
    return ["index.ipynb"] + [notebook for notebook, _ in APPS]


def open_alone(browser, base: str, server_pid: int, notebook: str, timeout: float) -> dict:
    """Open ``notebook`` in a fresh context; its first picture, all pictures, the kernel's CPU and RSS."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(V.EXTERNAL_URL, lambda route: route.abort())
    V.allow_kernel_shutdown(context, base)
    page = context.new_page()
    page.add_init_script(PROBE)
    before = {pid for pid, _ in V.kernel_pids(server_pid)}
    row = dict(page=notebook)
    try:
        page.goto(f"{base}/voila/render/{notebook}", wait_until="commit", timeout=timeout * 1000)
        deadline = time.monotonic() + timeout
        kernel, cpu = None, None
        while time.monotonic() < deadline:
            if kernel is None:
                new = [pid for pid, _ in V.kernel_pids(server_pid) if pid not in before]
                kernel = new[0] if new else None
            state = page.evaluate("() => window.__firstPicture")
            if kernel is not None and cpu is None and state["first"]:
                cpu = V._cpu_seconds([kernel]).get(kernel)
                row.update(first_s=state["first"] / 1000, kernel_cpu_s=cpu, rss_mb=V.rss_mb(kernel),
                           load=os.getloadavg()[0])
            if state["error"]:
                row["failure"] = "the notebook failed in Voilà"
                break
            if state["all"]:
                row["all_s"] = state["all"] / 1000
                break
            time.sleep(0.1)
        else:
            row["failure"] = f"no {'picture' if cpu is None else 'complete set of pictures'} after {timeout:.0f} s"
        row["streamed_s"] = (page.evaluate("() => (performance.getEntriesByType('navigation')[0] || {})"
                                           ".responseEnd || 0") or 0) / 1000 or None
        if "failure" in row:
            row["pictures"] = page.evaluate(V.PICTURES)
        V.shutdown_voila_kernel(page)
    finally:
        context.close()
    return row


def _num(x, nd=1) -> str:
    return "-" if x is None else f"{x:.{nd}f}"


def format_rows(rows: list[dict]) -> str:
    head = f"{'page':32} {'1st picture s':>13} {'all s':>6} {'page sent s':>11} {'kernel CPU s':>12} " \
           f"{'RSS MB':>6} {'load':>5}  misses"
    lines = [head]
    for r in rows:
        misses = []
        if r.get("first_s") is None or r["first_s"] > TARGET_S:
            misses.append(f"> {TARGET_S:.0f} s")
        if r.get("kernel_cpu_s") is None or r["kernel_cpu_s"] > TARGET_CPU_S:
            misses.append(f"CPU > {TARGET_CPU_S:.0f} s")
        if r.get("failure"):
            misses.append(r["failure"])
        lines.append(f"{r['page']:32} {_num(r.get('first_s')):>13} {_num(r.get('all_s')):>6} "
                     f"{_num(r.get('streamed_s')):>11} {_num(r.get('kernel_cpu_s'), 2):>12} "
                     f"{_num(r.get('rss_mb'), 0):>6} {_num(r.get('load'), 2):>5}  {', '.join(misses)}")
    return "\n".join(lines)


def pairs_line(rows: list[dict]) -> str:
    pairs = {}
    for r in rows:
        name = r["page"].removesuffix(".ipynb")
        pairs[f"{name}_first_s"] = _num(r.get("first_s"))
        pairs[f"{name}_cpu_s"] = _num(r.get("kernel_cpu_s"), 2)
    firsts = [r["first_s"] for r in rows if r.get("first_s") is not None]
    cpus = [r["kernel_cpu_s"] for r in rows if r.get("kernel_cpu_s") is not None]
    pairs["first_s_median"] = _num(statistics.median(firsts)) if firsts else "-"
    pairs["first_s_max"] = _num(max(firsts)) if firsts else "-"
    pairs["cpu_s_max"] = _num(max(cpus), 2) if cpus else "-"
    pairs["pages_within_targets"] = sum(1 for r in rows if r.get("first_s") is not None and r["first_s"] <= TARGET_S
                                        and r.get("kernel_cpu_s") is not None and r["kernel_cpu_s"] <= TARGET_CPU_S)
    pairs["pages"] = len(rows)
    return " ".join(f"{k}={v}" for k, v in pairs.items())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", default="", help="comma-separated notebooks (default: the landing page and the course)")
    ap.add_argument("--runs", type=int, default=1, help="times each page is opened (one after another)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds a page may take to all its pictures")
    args = ap.parse_args()
    pages = [p.strip() for p in args.pages.split(",") if p.strip()] or course_pages()
    load = os.getloadavg()
    print(f"{os.cpu_count()} cores; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {len(pages)} pages, "
          f"{args.runs} run(s) each, no preheated kernel; Chromium on the same cores", flush=True)
    rows = []
    log = V.ROOT / "test-output" / "voila-first-picture.log"
    with voila_server("notebooks/", args=NO_PREHEAT, timeout=120, log_path=log) as server, V.chromium() as browser:
        open_alone(browser, server.url, server.proc.pid, "index.ipynb", args.timeout)  # the server's own warm-up
        for notebook in pages:
            for _ in range(args.runs):
                row = open_alone(browser, server.url, server.proc.pid, notebook, args.timeout)
                rows.append(row)
                print(format_rows([row]).splitlines()[1], flush=True)
                if row.get("failure"):
                    print(f"  pictures: {row.get('pictures')}", flush=True)
    print()
    print(format_rows(rows))
    load = os.getloadavg()
    print(f"(targets: first picture <= {TARGET_S:.0f} s, kernel CPU <= {TARGET_CPU_S:.0f} s; "
          f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f})")
    print(pairs_line(rows))


if __name__ == "__main__":
    main()
