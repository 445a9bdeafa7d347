"""Many learners on one server: N Playground sessions in headless Chromium against ONE Voilà server.

Run from the repository root:

    .venv/bin/python benchmarks/load.py                       # N = 5, 10, 20; N/4 of them playing
    .venv/bin/python benchmarks/load.py --sessions 5 --playing 2 --seconds 20

For each N (``--sessions``, default 5,10,20), one at a time:

  1. free memory is checked first (``MemAvailable``); an N whose estimate (``--kernel-mb`` +
     ``--page-mb`` per session, plus the server and the spare preheated kernels) does not fit is
     skipped, and the table says so;
  2. one Voilà server is started on notebooks/ with ./voila.json, as scripts/serve runs it
     (one preheated kernel for the landing page and one for the Playground, culling, one thread
     per kernel), and left to fill its pool;
  3. one headless Chromium opens N pages of notebooks/playground.ipynb, each in its own browser
     context (its own kernel), the way a class opens a link the teacher has just shared: one
     every ``--stagger`` seconds (default 0.5 s: 20 learners within 10 s);
  4. **first picture** per page: navigation start -> the app is visible (``.pg-playground``, Voilà's
     spinner gone) and its picture is there: whichever comes first of the canvas widget having drawn
     a frame (``window.__playgroundCanvas.frames >= 1``), a frame painted and acknowledged by the
     page (``window.__playgroundFrames.acks >= 1``), or, for the plotly picture the canvas replaces,
     the figure with its network image (``gd._fullData[3].source``). Stamped in the page with
     ``performance.now()`` (the navigation's time origin), polled every 100 ms. Printed with it:
     navigation start -> Voilà has sent the whole page (Navigation Timing ``responseEnd``), the
     server's share (kernel start, the notebook run); the rest is the browser's. A page without
     its picture after ``--load-timeout`` is reported with what it shows (spinner, app, outputs),
     and Voilà's log is searched for nbclient's "Timeout waiting for IOPub output";
  5. when every page has its picture and the kernels have settled, Play is pressed on K pages
     (``--playing``; default N/4, at least 1: a quarter of the class playing at one moment while the
     others read, change settings or look at a still picture; a fixed number such as 3 would hide
     how the load grows with the class). The playing pages are spread over the opening order;
  6. after ``--warmup`` seconds, over a window of ``--seconds``: painted frames/s per playing page
     (the FramePacer's acknowledged frames, ``window.__playgroundFrames.acks``, stamped after the
     paint, over the page-clock window) and epochs/s (the ``.pg-epoch`` counter); CPU used by the
     kernels, the Voilà server, Chromium and the rest of the machine (psutil) over the window;
  7. memory at the end of the window, per kernel (``ipykernel_launcher`` processes under the Voilà
     server; each page's kernel found by the kernel id in its page config): RSS, and PSS (RSS
     counts torch's shared libraries once per kernel; PSS shares them out, so the sum of PSS is the
     memory the sessions really take). The server's own RSS. Chromium's PSS is shown apart;
  8. dead kernels: a page's kernel process gone, the page's kernel websocket closed (what makes
     Voilà's front end mark the kernel dead), or the page (renderer) crashed. Separately,
     *stalled*: a playing page that painted no frame in the window or went back to Play (the app
     pauses itself when its page's heartbeat stops for 5 s);
  9. everything is closed and the server stopped before the next N.

Then a table (one row per N), the largest N where every playing session painted >= 10 frames/s
(with every page reaching its picture and no kernel dead), and a last line of ``name=value`` pairs.

The browser shares this machine's 2 cores with the server: a real classroom's browsers run on the
learners' laptops, so the figures here are worse than the server alone would give. CPU shares
printed under the table show how much went to Chromium. ``--idle-pages close`` closes the
non-playing pages once they have their picture (their kernels stay: Voilà does not shut a kernel
down when its tab closes, voila.json's culler does after 10 idle minutes), which approximates
browsers elsewhere for the idle learners; the playing pages' rendering still runs here.

The machine is shared and noisy: the load average at the start of each N and the cores the rest
of the machine used during each window (column ``others``) are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional


from playground_dev import voila_page as V
from playground_dev.chromium import launch_chromium

MIN_FPS = 10.0

# Stamps the first picture (see the module docstring) and watches the kernel websocket.
PROBE = r"""
(() => {
  const B = window.__loadBench = { picture: 0, error: false, wsOpen: 0, wsClosed: 0, hiddenSeen: false };
  const Native = window.WebSocket;
  class Watched extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      if (String(url).includes('/channels')) {
        B.wsOpen += 1;
        this.addEventListener('close', () => { B.wsClosed += 1; });
      }
    }
  }
  window.WebSocket = Watched;
  document.addEventListener('visibilitychange', () => { if (document.hidden) B.hiddenSeen = true; });
  function picture() {
    const root = document.querySelector('.pg-playground');
    if (!root || document.getElementById('loading') || root.getClientRects().length === 0) return false;
    if ((window.__playgroundCanvas || { frames: 0 }).frames >= 1) return true;  // the canvas picture
    if ((window.__playgroundFrames || { acks: 0 }).acks >= 1) return true;  // a painted, acknowledged frame
    const gds = root.querySelectorAll('.js-plotly-plot');  // the plotly picture, before the canvas
    const gd = gds[gds.length - 1];
    return !!(gd && gd._fullData && gd._fullData[3] && gd._fullData[3].source);
  }
  const timer = setInterval(() => {
    const text = (document.body && document.body.textContent) || '';
    if (text.includes('There was an error when executing cell')) { B.error = true; clearInterval(timer); return; }
    if (picture()) { B.picture = performance.now(); clearInterval(timer); }
  }, 100);
})();
"""

PAGE_STATE = """() => ({ now: performance.now(), acks: (window.__playgroundFrames || { acks: 0 }).acks,
  hidden: document.hidden, ...window.__loadBench,
  streamed: (performance.getEntriesByType('navigation')[0] || {}).responseEnd || null,
  kernelId: (() => { try { return JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId; }
                     catch (e) { return null; } })() })"""

PAGE_SEEN = """() => ({ spinner: !!document.getElementById('loading'),
  app: !!document.querySelector('.pg-playground'),
  outputs: document.querySelectorAll('.jp-OutputArea-output').length,
  canvasFrames: (window.__playgroundCanvas || { frames: 0 }).frames,
  streamed: (performance.getEntriesByType('navigation')[0] || {}).responseEnd > 0,
  kernelId: (() => { try { return JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId; }
                     catch (e) { return null; } })() })"""


# --- pure parts (tests/test_load_benchmark.py) -------------------------------------------------

KERNEL_FILE = re.compile(r"kernel-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json")


def kernel_id_of(cmdline: str) -> Optional[str]:
    """The kernel id in an ``ipykernel_launcher -f .../kernel-<id>.json`` command line."""
    m = KERNEL_FILE.search(cmdline)
    return m.group(1) if m else None


def meminfo_mb(text: str, key: str = "MemAvailable") -> float:
    """A field of /proc/meminfo (``MemAvailable:  123456 kB``) in MB."""
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name.strip() == key:
            return int(rest.split()[0]) / 1024
    raise ValueError(f"no {key!r} in /proc/meminfo text")


def playing_count(n: int, spec: str) -> int:
    """How many of ``n`` sessions play: ``spec`` is "quarter" (n // 4, at least 1) or a number."""
    if spec == "quarter":
        return max(1, n // 4)
    try:
        k = int(spec)
    except ValueError:
        raise ValueError(f"--playing must be 'quarter' or a whole number, got {spec!r}") from None
    if k < 0:
        raise ValueError(f"--playing must be >= 0, got {k}")
    return min(k, n)


def spread(n: int, k: int) -> list[int]:
    """``k`` of the indexes 0..n-1, evenly spread over the opening order (first, ..., near last)."""
    if k <= 0:
        return []
    return sorted({round(i * n / k) for i in range(k)})


def memory_need_mb(n: int, *, kernel_mb: float, page_mb: float, base_mb: float) -> float:
    """Memory N sessions are expected to need here: a kernel and a page each, plus the server, the
    spare preheated kernel and the browser's own processes (``base_mb``)."""
    return n * (kernel_mb + page_mb) + base_mb


def fits(n: int, available_mb: float, *, kernel_mb: float, page_mb: float, base_mb: float,
         reserve_mb: float = 1024) -> bool:
    """Whether N sessions fit in ``available_mb`` with ``reserve_mb`` left for everything else."""
    return memory_need_mb(n, kernel_mb=kernel_mb, page_mb=page_mb, base_mb=base_mb) + reserve_mb <= available_mb


def passes(row: dict, min_fps: float = MIN_FPS) -> bool:
    """Every page reached its picture, no kernel died, every playing session painted >= min_fps."""
    if row.get("skipped") or row.get("error"):
        return False
    fps = row.get("fps") or []
    return (row.get("pictures", 0) == row["n"] and row.get("dead", 0) == 0 and row.get("stalled", 0) == 0
            and len(fps) == row.get("playing", 0) and bool(fps) and min(fps) >= min_fps)


def largest_passing(rows: list[dict], min_fps: float = MIN_FPS) -> Optional[int]:
    """The largest N that passed (see :func:`passes`), or None."""
    ok = [row["n"] for row in rows if passes(row, min_fps)]
    return max(ok) if ok else None


def _num(x, nd=1) -> str:
    return "-" if x is None else f"{x:.{nd}f}"


def _stats(values, how):
    values = [v for v in values if v is not None]
    return how(values) if values else None


COLUMNS = [("N", 3), ("kernels", 7), ("play", 4), ("RSS/kernel mean", 15), ("max MB", 6),
           ("total RSS GB", 12), ("PSS GB", 6), ("1st picture p50", 15), ("max s", 6),
           ("fps min", 7), ("median", 6), ("epochs/s med", 12), ("dead", 4), ("stalled", 7), ("others", 6), ("ok", 3)]


def table_row(row: dict) -> list[str]:
    n = row["n"]
    if row.get("skipped") or row.get("error"):
        return [str(n)] + ["-"] * (len(COLUMNS) - 2) + ["no"]
    rss, fps, firsts = row.get("rss_mb") or [], row.get("fps") or [], row.get("first_s") or []
    total = (sum(rss) + row.get("spare_rss_mb", 0) + row.get("server_rss_mb", 0)) / 1024
    return [str(n), str(row.get("kernels", "-")), str(row.get("playing", "-")),
            _num(_stats(rss, statistics.mean), 0), _num(_stats(rss, max), 0), _num(total, 1),
            _num(row.get("pss_total_mb", 0) / 1024, 1),
            _num(_stats(firsts, statistics.median)), _num(_stats(firsts, max)),
            _num(_stats(fps, min)), _num(_stats(fps, statistics.median)),
            _num(_stats(row.get("epochs_per_s") or [], statistics.median), 0),
            str(row.get("dead", 0)), str(row.get("stalled", 0)),
            _num((row.get("cpu") or {}).get("everything else"), 2), "yes" if passes(row) else "no"]


def format_table(rows: list[dict]) -> str:
    """The results as a fixed-width table, one line per N (skipped or failed N marked below it)."""
    lines = ["  ".join(f"{title:>{width}}" for title, width in COLUMNS)]
    notes = []
    for row in rows:
        lines.append("  ".join(f"{cell:>{width}}" for cell, (_, width) in zip(table_row(row), COLUMNS)))
        if row.get("skipped"):
            notes.append(f"N={row['n']} skipped: {row['skipped']}")
        if row.get("error"):
            notes.append(f"N={row['n']} failed: {row['error']}")
        if row.get("pictures") is not None and row["pictures"] < row["n"] and not row.get("error"):
            notes.append(f"N={row['n']}: only {row['pictures']} of {row['n']} pages reached their picture")
    return "\n".join(lines + notes)


def pairs_line(rows: list[dict], largest: Optional[int]) -> str:
    """The last line: ``name=value`` pairs per N, then ``max_sessions_at_10fps``."""
    pairs = {}
    for row in rows:
        p = f"n{row['n']}_"
        if row.get("skipped") or row.get("error"):
            pairs[p + "skipped"] = 1
            continue
        rss, fps, firsts = row.get("rss_mb") or [], row.get("fps") or [], row.get("first_s") or []
        pairs.update({
            p + "playing": row.get("playing"),
            p + "rss_per_kernel_mean_mb": _stats(rss, lambda v: round(statistics.mean(v))),
            p + "rss_per_kernel_max_mb": _stats(rss, lambda v: round(max(v))),
            p + "pss_total_mb": round(row.get("pss_total_mb", 0)),
            p + "server_rss_mb": round(row.get("server_rss_mb", 0)),
            p + "first_picture_p50_s": _stats(firsts, lambda v: round(statistics.median(v), 1)),
            p + "first_picture_max_s": _stats(firsts, lambda v: round(max(v), 1)),
            p + "fps_min": _stats(fps, lambda v: round(min(v), 1)),
            p + "fps_median": _stats(fps, lambda v: round(statistics.median(v), 1)),
            p + "epochs_per_s_median": _stats(row.get("epochs_per_s") or [],
                                              lambda v: round(statistics.median(v))),
            p + "dead_kernels": row.get("dead", 0),
            p + "stalled": row.get("stalled", 0),
            p + "other_cpu_cores": _stats([(row.get("cpu") or {}).get("everything else")], lambda v: round(v[0], 2)),
        })
    pairs["max_sessions_at_10fps"] = largest if largest is not None else 0
    return " ".join(f"{k}={'-' if v is None else v}" for k, v in pairs.items())


# --- processes ----------------------------------------------------------------------------------

def available_mb() -> float:
    return meminfo_mb(Path("/proc/meminfo").read_text())


def kernels_by_id(server_pid: int) -> dict:
    """{kernel id: psutil.Process} of every ``ipykernel_launcher`` under the Voilà server."""
    import psutil

    out = {}
    for p in psutil.Process(server_pid).children(recursive=True):
        try:
            cmd = " ".join(p.cmdline())
        except psutil.Error:
            continue
        if "ipykernel_launcher" in cmd:
            out[kernel_id_of(cmd) or f"pid{p.pid}"] = p
    return out


def browser_procs() -> list:
    """Chromium's processes (children of this script, via Playwright's driver)."""
    import psutil

    out = []
    for p in psutil.Process().children(recursive=True):
        try:
            if "chrom" in p.name().lower():
                out.append(p)
        except psutil.Error:
            pass
    return out


def cpu_seconds(procs) -> float:
    import psutil

    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (not idle, not waiting for I/O) since boot."""
    import psutil

    t = psutil.cpu_times()
    return sum(t) - t.idle - getattr(t, "iowait", 0.0)


def memory(proc) -> tuple[float, float]:
    """(RSS, PSS) of a process in MB; (0, 0) if it is gone."""
    import psutil

    try:
        info = proc.memory_full_info()
        return info.rss / 2**20, getattr(info, "pss", info.rss) / 2**20
    except psutil.Error:
        return 0.0, 0.0


async def settle(server_pid: int, timeout: float, threshold: float = 0.3) -> float:
    """Wait until the kernels together use < ``threshold`` of a core for 2 s running (pages loaded,
    notebooks run, pool refilled). Returns the seconds waited (``timeout`` if never)."""
    t0 = time.monotonic()
    quiet = 0
    while time.monotonic() - t0 < timeout:
        procs = list(kernels_by_id(server_pid).values())
        before = cpu_seconds(procs)
        await asyncio.sleep(1.0)
        quiet = quiet + 1 if cpu_seconds(procs) - before < threshold else 0
        if quiet >= 2:
            return time.monotonic() - t0
    return timeout


# --- one session ------------------------------------------------------------------------------

@dataclass
class Session:
    index: int
    page: object = None
    first_s: Optional[float] = None
    streamed_s: Optional[float] = None  # navigation start -> Voilà has sent the whole page
    failure: str = ""
    kernel_id: Optional[str] = None
    crashed: bool = False
    playing: bool = False
    fps: Optional[float] = None
    epochs_per_s: Optional[float] = None
    stalled: str = ""
    state: dict = field(default_factory=dict)


async def _abort(route):
    await route.abort()


async def open_session(browser, url: str, s: Session, delay: float, timeout: float) -> None:
    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    await context.route(V.EXTERNAL_URL, _abort)
    page = s.page = await context.new_page()
    page.set_default_timeout(60_000)
    page.on("crash", lambda _page: setattr(s, "crashed", True))
    await page.add_init_script(PROBE)
    try:
        await page.goto(url, wait_until="commit", timeout=timeout * 1000)
        await page.wait_for_function("() => window.__loadBench && (window.__loadBench.picture > 0"
                                     " || window.__loadBench.error)", timeout=timeout * 1000, polling=250)
        state = await page.evaluate(PAGE_STATE)
    except Exception as exc:  # noqa: BLE001 - a page that fails is a result, not a crash of the benchmark
        s.failure = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
        try:  # what the learner would be looking at
            seen = await page.evaluate(PAGE_SEEN)
            s.kernel_id = seen.pop("kernelId", None)
            s.failure += f"; the page shows {seen}"
        except Exception:  # noqa: BLE001
            pass
        return
    s.kernel_id = state["kernelId"]
    s.streamed_s = state["streamed"] / 1000 if state["streamed"] else None
    if state["error"]:
        s.failure = "the notebook failed in Voilà"
    else:
        s.first_s = state["picture"] / 1000


def _button(page, name):
    return page.get_by_role("button", name=name, exact=True)


async def epoch(page) -> int:
    text = await page.locator(".pg-epoch .pg-epoch-value").inner_text()
    m = re.search(r"Epoch\s+([\d,]+)", text)
    return int(m.group(1).replace(",", "")) if m else 0


async def snapshot(s: Session) -> dict:
    state = await s.page.evaluate(PAGE_STATE)
    state["epoch"] = await epoch(s.page)
    return state


# --- one N ------------------------------------------------------------------------------------

async def run_n(pw, n: int, k: int, args) -> dict:
    row = dict(n=n, playing=k)
    avail = available_mb()
    need = memory_need_mb(n, kernel_mb=args.kernel_mb, page_mb=args.page_mb, base_mb=args.base_mb)
    row["mem_available_mb"] = avail
    if not fits(n, avail, kernel_mb=args.kernel_mb, page_mb=args.page_mb, base_mb=args.base_mb):
        row["skipped"] = (f"needs ~{need / 1024:.1f} GB (+1 GB reserve), {avail / 1024:.1f} GB available")
        print(f"N={n}: skipped, {row['skipped']}", flush=True)
        return row
    load = os.getloadavg()
    print(f"\nN={n}: {k} playing; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"{avail / 1024:.1f} GB available, ~{need / 1024:.1f} GB expected", flush=True)
    log = V.ROOT / "test-output" / f"voila-load-{n}.log"
    sessions = [Session(i) for i in range(n)]
    seen_pids = set()
    with V.voila_server(timeout=120, log_path=log) as (base, proc):
        waited = await asyncio.to_thread(V.wait_for_idle_kernels, proc.pid)
        print(f"  Voilà at {base}, pool filled after {waited:.0f} s", flush=True)
        browser = await launch_chromium(pw)
        try:
            t_open = time.monotonic()
            await asyncio.gather(*(open_session(browser, base + V.APP, s, s.index * args.stagger, args.load_timeout)
                                   for s in sessions))
            all_open = time.monotonic() - t_open
            ready = [s for s in sessions if s.first_s is not None]
            row["pictures"] = len(ready)
            print(f"  {len(ready)}/{n} pages have their picture; the last {all_open:.0f} s after the first "
                  f"was opened", flush=True)
            for s in sessions:
                if s.failure:
                    print(f"  page {s.index}: {s.failure}", flush=True)
            quiet = await settle(proc.pid, args.settle_timeout)
            print(f"  kernels settled after {quiet:.0f} s", flush=True)

            players = [ready[i] for i in spread(len(ready), min(k, len(ready)))]
            if args.idle_pages == "close":
                for s in ready:
                    if s not in players:
                        await s.page.context.close()
                        s.page = None
            for s in players:
                await _button(s.page, "Play").click()
                await _button(s.page, "Pause").wait_for(state="visible", timeout=60_000)
                s.playing = True
            await asyncio.sleep(args.warmup)

            kernels = kernels_by_id(proc.pid)
            seen_pids.update(p.pid for p in kernels.values())
            import psutil
            server = psutil.Process(proc.pid)
            chrome = browser_procs()
            playing_ids = {s.kernel_id for s in players}
            cpu_groups = {"playing kernels": [p for kid, p in kernels.items() if kid in playing_ids],
                          "other kernels": [p for kid, p in kernels.items() if kid not in playing_ids],
                          "voila": [server], "chromium": chrome}
            cpu0 = {g: cpu_seconds(ps) for g, ps in cpu_groups.items()}
            busy0 = machine_busy_seconds()
            t0 = time.monotonic()
            start = await asyncio.gather(*(snapshot(s) for s in players))
            await asyncio.sleep(args.seconds)
            end = await asyncio.gather(*(snapshot(s) for s in players))
            wall = time.monotonic() - t0
            cpu = {g: (cpu_seconds(ps) - cpu0[g]) / wall for g, ps in cpu_groups.items()}
            # everything else on this shared machine over the same window: other people's tests, this script
            cpu["everything else"] = max(0.0, (machine_busy_seconds() - busy0) / wall - sum(cpu.values()))
            row["load_end"] = os.getloadavg()[0]
            for s, a, b in zip(players, start, end):
                secs = (b["now"] - a["now"]) / 1000
                s.fps = (b["acks"] - a["acks"]) / secs
                s.epochs_per_s = (b["epoch"] - a["epoch"]) / secs
                paused = not await _button(s.page, "Pause").is_visible()
                if b["acks"] == a["acks"] or paused:
                    note = (await s.page.locator(".pg-message").inner_text()).strip() if paused else ""
                    s.stalled = ("paused" if paused else "no frame in the window") + (f" ({note})" if note else "")
                if b["hidden"] or b["hiddenSeen"]:
                    s.stalled = s.stalled or "page was hidden"
                s.state = b

            # memory at the end of the window
            kernels = kernels_by_id(proc.pid)
            seen_pids.update(p.pid for p in kernels.values())
            page_ids = {s.kernel_id for s in sessions if s.kernel_id}
            mem = {kid: memory(p) for kid, p in kernels.items()}
            row["rss_mb"] = [mem[kid][0] for kid in mem if kid in page_ids]
            row["spare_rss_mb"] = sum(mem[kid][0] for kid in mem if kid not in page_ids)
            row["spares"] = sum(1 for kid in mem if kid not in page_ids)
            row["kernels"] = len(kernels)
            row["server_rss_mb"], server_pss = memory(server)
            row["pss_total_mb"] = sum(m[1] for m in mem.values()) + server_pss
            row["browser_pss_mb"] = sum(memory(p)[1] for p in browser_procs())
            row["mem_available_min_mb"] = available_mb()

            # dead kernels
            dead = []
            for s in sessions:
                if s.kernel_id is None:
                    continue
                why = []
                if s.kernel_id not in kernels:
                    why.append("kernel process gone")
                if s.crashed:
                    why.append("page crashed")
                if s.page is not None and not s.crashed:
                    st = await s.page.evaluate(PAGE_STATE)
                    if st["wsClosed"] > 0:
                        why.append(f"kernel websocket closed {st['wsClosed']}x")
                if why:
                    dead.append((s.index, why))
            row["dead"] = len(dead)
            for index, why in dead:
                print(f"  page {index}: kernel dead? {', '.join(why)}", flush=True)
            for s in players:
                if s.stalled:
                    print(f"  page {s.index} (playing): {s.stalled}", flush=True)
            row["stalled"] = sum(1 for s in players if s.stalled)
            row["first_s"] = [s.first_s for s in ready]
            row["streamed_s"] = [s.streamed_s for s in ready]
            row["fps"] = [s.fps for s in players]
            row["epochs_per_s"] = [s.epochs_per_s for s in players]
            row["cpu"] = cpu
            row["open_all_s"] = all_open
            row["load"] = load
            for s in players:
                await _button(s.page, "Pause").click()
        except Exception as exc:  # noqa: BLE001 - report the N as failed and go on to the next
            row["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
            print(f"  N={n} failed: {row['error']}", flush=True)
        finally:
            await browser.close()
    await asyncio.to_thread(_reap, seen_pids)
    try:  # nbclient gave up waiting for a cell's output (4 s by default): that page may lack its app
        row["iopub_timeouts"] = log.read_text(errors="replace").count("Timeout waiting for IOPub output")
    except OSError:
        row["iopub_timeouts"] = None
    if row["iopub_timeouts"]:
        print(f"  Voilà's log: 'Timeout waiting for IOPub output' x{row['iopub_timeouts']} ({log})", flush=True)
    print_row_details(row)
    return row


def _reap(pids, timeout: float = 15.0) -> None:
    """Voilà shuts its kernels down on SIGTERM; kill (by pid) any that outlived it."""
    import psutil

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(psutil.pid_exists(p) for p in pids):
        time.sleep(0.5)
    for pid in pids:
        try:
            p = psutil.Process(pid)
            if "ipykernel_launcher" in " ".join(p.cmdline()):
                print(f"  kernel {pid} outlived the server: killed", flush=True)
                p.kill()
        except psutil.Error:
            pass


def print_row_details(row: dict) -> None:
    if row.get("skipped") or "cpu" not in row:
        return
    cpu = row["cpu"]
    fps = ", ".join(_num(f) for f in row["fps"])
    eps = ", ".join(_num(e, 0) for e in row["epochs_per_s"])
    print(f"  playing pages: fps {fps}; epochs/s {eps}", flush=True)
    print(f"  first picture (s): {', '.join(_num(f) for f in row['first_s'])}", flush=True)
    print(f"  of which Voilà sending the page (kernel start, notebook run; s): "
          f"{', '.join(_num(f) for f in row['streamed_s'])}", flush=True)
    print(f"  CPU over the window, in cores ({os.cpu_count()} here): "
          + ", ".join(f"{g} {c:.2f}" for g, c in cpu.items())
          + f"; load average {row['load_end']:.1f} at its end", flush=True)
    rss = row["rss_mb"]
    print(f"  memory: {len(rss)} page kernels RSS mean {_num(_stats(rss, statistics.mean), 0)} MB, "
          f"max {_num(_stats(rss, max), 0)} MB; {row['spares']} spare (preheated) kernel(s) "
          f"{row['spare_rss_mb']:.0f} MB in all; "
          f"server {row['server_rss_mb']:.0f} MB; PSS of server+kernels {row['pss_total_mb'] / 1024:.1f} GB; "
          f"Chromium PSS {row['browser_pss_mb'] / 1024:.1f} GB; {row['mem_available_min_mb'] / 1024:.1f} GB "
          f"still available", flush=True)


async def main_async(args) -> list[dict]:
    from playwright.async_api import async_playwright

    # SIGTERM cancels the run, so that the browser and the Voilà server (and its kernels) are stopped.
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, asyncio.current_task().cancel)
    rows = []
    try:
        async with async_playwright() as pw:
            for n in args.sessions:
                rows.append(await run_n(pw, n, playing_count(n, args.playing), args))
    except asyncio.CancelledError:
        print("\ninterrupted (SIGTERM): the browser and the server were stopped; results so far:", flush=True)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", default="5,10,20", help="comma-separated N, e.g. 5,10,20")
    ap.add_argument("--playing", default="quarter", help="sessions that play: 'quarter' (N//4, >= 1) or a number")
    ap.add_argument("--seconds", type=float, default=20.0, help="measurement window while playing")
    ap.add_argument("--warmup", type=float, default=5.0, help="seconds of play before the window")
    ap.add_argument("--stagger", type=float, default=0.5, help="seconds between opening two pages (0: all at once)")
    ap.add_argument("--idle-pages", choices=("open", "close"), default="open",
                    help="keep non-playing pages open (default) or close them after their first picture")
    ap.add_argument("--load-timeout", type=float, default=300.0, help="seconds a page may take to its picture")
    ap.add_argument("--settle-timeout", type=float, default=90.0, help="max seconds to wait for idle kernels")
    ap.add_argument("--kernel-mb", type=float, default=550.0, help="memory estimate per kernel (skip check)")
    ap.add_argument("--page-mb", type=float, default=250.0, help="memory estimate per Chromium page")
    ap.add_argument("--base-mb", type=float, default=1500.0,
                    help="memory estimate for the server, the spare kernel and Chromium's own processes")
    args = ap.parse_args()
    try:
        args.sessions = [int(x) for x in args.sessions.split(",") if x.strip()]
        for n in args.sessions:
            playing_count(n, args.playing)
    except ValueError as exc:
        ap.error(str(exc))
    load = os.getloadavg()
    print(f"{os.cpu_count()} cores; load average at the start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"{available_mb() / 1024:.1f} GB available. Chromium runs on this machine too (a classroom's "
          f"browsers would be on the learners' laptops).", flush=True)
    rows = asyncio.run(main_async(args))
    largest = largest_passing(rows)
    print()
    print(format_table(rows))
    print(f"(RSS counts shared libraries in every kernel; PSS is the memory really used. "
          f"fps: painted frames/s of each playing page; stagger {args.stagger} s; window {args.seconds:.0f} s; "
          f"idle pages {args.idle_pages}; others: cores used by the rest of this shared machine in the window)")
    print(f"largest N with every playing session >= {MIN_FPS:.0f} fps: {largest if largest is not None else 'none'}")
    print(pairs_line(rows, largest))


if __name__ == "__main__":
    main()
