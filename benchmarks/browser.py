"""The Playground app in headless Chromium against a Voilà server this script starts: how it feels.

Run from the repository root:   .venv/bin/python benchmarks/browser.py [--seconds 10]

Voilà serves notebooks/ with ./voila.json (as scripts/serve and the browser tests do), on a free
port. Two networks: the default one (2-4-2-1 on the circle), and 6 hidden layers x 8 neurons
(``?hidden=8,8,8,8,8,8&dataset=spiral``). For each, after Play and 2 s of warm-up:

  fps              frames painted per second over the window (``--seconds``): the FramePacer's
                   acknowledged frames (``window.__playgroundFrames.times``, stamped after the
                   paint) that fall in the window, divided by its length.
  latency p50/p95  kernel -> screen, per frame, in ms: the pacer's acknowledgement time of the frame
                   (after the paint, page clock) minus the time the kernel created the frame's
                   figure-update message (``header.date`` of the largest widget-update comm message
                   since the previous frame announcement, or since the Play click for the first
                   frame: the figure's ``batch_update`` for this frame). An init script reads the kernel websocket (Jupyter's v1 binary
                   protocol) in both directions to pair each frame's update with its ack. Kernel and
                   browser run on the same host, so both clocks are the system clock
                   (Date.now(); ms resolution). It excludes the kernel's computing of the frame,
                   includes serialising, Voilà's relay, the page's decoding, the canvas drawing, paint.
  paint p50        frame announcement arrives in the page -> painted (page-side share of the above).
  draw p50         the live canvas drawing one frame (``__playgroundCanvas.drawMs``, in the page).
  epochs/s         the epoch counter (``.pg-epoch``) at the end minus at the start of the window,
                   over the window's length.
  kernel CPU       per frame, ms, by part: the live loop's ``FrameClock`` totals (this thread's CPU time),
                   carried by the frame announcements that arrive in the window, last minus first over
                   the frames between: training (in the frame and while the page paints), probes,
                   encoding, sending, other (the rest of the frame function).
  pause stop       Pause click (a capture-phase listener in the page stamps it) -> the last frame
                   painted after it, ms; the worst of ``--pauses`` Pause/Play cycles (0 when no
                   frame was painted after the click). Target: <= 250 ms.
Then, on the default network while playing:

  control latency  learning rate changed with the keyboard on its slider (ArrowRight/ArrowLeft,
                   0.03 <-> 0.1): keydown (stamped in the page) -> the first animation frame in
                   which the link field ``input.pg-link`` shows the new lr; p50 over ``--trials``.
  noise latency    noise changed the same way (0 <-> 5 %): keydown -> the first animation frame
                   after the live picture drew new points (``__playgroundCanvas.points`` counts the
                   data it received; on the circle, as in TensorFlow Playground, noise flips labels
                   near the boundary and leaves positions alone); p50 over trials.
                   A noise change makes new data, so this includes a rebuild.
And once per server:

  first picture    navigation start -> the live picture has drawn its first frame
                   (``performance.now()`` in the page, polled every animation frame), for the first
                   request after the server started and its preheated kernel pool was filled (the
                   script waits until Voilà's kernels are idle): a preheated kernel, as a learner
                   opening the app on a running server gets. The deep page's time is also shown;
                   it gets a preheated kernel only if the pool refilled in time (``fill_delay``).

The machine is shared: numbers are noisy. The last line is ``name=value`` pairs.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time


from playground_dev import voila_page as V

DEEP_QUERY = "hidden=8,8,8,8,8,8&dataset=spiral"

# Reads the kernel websocket (Jupyter protocol v1.kernel.websocket.jupyter.org, or JSON text) and
# records, per frame announced by the FramePacer: when the kernel created the frame's figure update
# and the announcement (kernel clock = system clock), when the announcement arrived, and the ack.
RECORDER = r"""
(() => {
  const B = window.__bench = { frames: {}, acks: {}, errors: 0 };
  let pending = null;  // largest widget-update comm message since the last frame announcement
  const dec = new TextDecoder();
  function parse(data) {
    if (typeof data === 'string') {
      const m = JSON.parse(data);
      return { header: m.header, content: () => m.content, size: data.length, contentSize: 0 };
    }
    const buf = data instanceof ArrayBuffer ? data : (ArrayBuffer.isView(data) ? data.buffer.slice(
      data.byteOffset, data.byteOffset + data.byteLength) : null);
    if (!buf) return null;
    const dv = new DataView(buf);
    const n = Number(dv.getBigUint64(0, true));
    const off = [];
    for (let i = 0; i < n; i++) off.push(Number(dv.getBigUint64(8 * (i + 1), true)));
    const part = (i) => new Uint8Array(buf, off[i], (i + 1 < n ? off[i + 1] : buf.byteLength) - off[i]);
    return { header: JSON.parse(dec.decode(part(1))), content: () => JSON.parse(dec.decode(part(4))),
             size: buf.byteLength, contentSize: part(4).byteLength };
  }
  function customOf(msg) {  // {type, id, ...} of a small anywidget custom message, else null
    if (msg.contentSize > 2000) return null;
    const c = msg.content();
    return c && c.data && c.data.method === 'custom' ? c.data.content : null;
  }
  function onIncoming(ev) {
    try {
      const msg = parse(ev.data);
      if (!msg || msg.header.msg_type !== 'comm_msg') return;
      const arrival = performance.now();
      const sent = Date.parse(msg.header.date);
      const custom = customOf(msg);
      if (custom && custom.type === 'frame') {
        B.frames[custom.id] = { sent, arrival, figSent: pending ? pending.sent : null,
                                figBytes: pending ? pending.size : 0, cpu: custom.cpu_ms || null };
        pending = null;
      } else if (!custom && (!pending || msg.size > pending.size)) {
        pending = { sent, size: msg.size };
      }
    } catch (e) { B.errors += 1; }
  }
  function onOutgoing(data) {
    try {
      const msg = parse(data);
      if (!msg || msg.header.msg_type !== 'comm_msg') return;
      const custom = customOf(msg);
      if (custom && custom.type === 'ack')
        B.acks[custom.id] = { t: custom.t, wall: custom.t + (Date.now() - performance.now()) };
    } catch (e) { B.errors += 1; }
  }
  const Native = window.WebSocket;
  class Recording extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      if (String(url).includes('/channels')) {
        this.addEventListener('message', onIncoming);
        const send = this.send.bind(this);
        this.send = (data) => { onOutgoing(data); return send(data); };
      }
    }
  }
  window.WebSocket = Recording;
  // Stamps of Pause clicks and keydowns, taken by the page itself.
  document.addEventListener('click', (e) => {
    const label = (e.target.closest('button') || {}).textContent?.trim();
    if (label === 'Pause') B.pauseClick = performance.now();
    if (label === 'Play') pending = null;  // the first frame's update comes after this click
  }, true);
  document.addEventListener('keydown', () => { B.keydown = performance.now(); }, true);
})();
"""

FIRST_PICTURE = """() => { const c = window.__playgroundCanvas;
  if (c && c.frames >= 1 && document.querySelector('.pg-live-canvas canvas')) return performance.now();
  const text = (document.body && document.body.textContent) || '';
  return text.includes('There was an error when executing cell') ? -1 : 0; }"""

# Watch every animation frame until ``done()`` is true; stamp it in window.__bench.seen.
WATCH = """(kind) => {
  const B = window.__bench;
  B.seen = null; B.keydown = null;
  const link = () => (document.querySelector('input.pg-link') || {}).value || '';
  const points = () => window.__playgroundCanvas.points;  // drawn data changes
  const start = kind.startsWith('lr=') ? link() : points();
  const done = kind.startsWith('lr=')
    ? () => new RegExp('[?&]' + kind.replace('.', '\\\\.') + '(&|$)').test(link())
    : () => points() !== start;
  const tick = () => { if (done()) B.seen = performance.now(); else requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
}"""


def pct(values, q):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    return values[min(len(values) - 1, int(q * len(values)))]


def r(x, nd=1):
    return None if x is None else round(x, nd)


# --- steps ----------------------------------------------------------------------------------

def open_app(browser, base, query=""):
    """A new page on the app; returns (page, seconds from navigation start to the first picture)."""
    page = V.new_page(browser)
    page.add_init_script(RECORDER)
    page.goto(f"{base}{V.APP}{'?' + query if query else ''}", wait_until="commit", timeout=180_000)
    handle = page.wait_for_function(FIRST_PICTURE, timeout=180_000, polling="raf")
    first = handle.json_value() / 1000
    if first < 0:
        raise RuntimeError(f"the notebook failed in Voilà ({query or 'no query'}): "
                           f"see {V.ROOT / 'test-output' / 'voila-bench.log'}")
    V.wait_for_picture(page)
    return page, first


def button(page, name):
    return page.get_by_role("button", name=name, exact=True)


def play(page):
    button(page, "Play").click()
    button(page, "Pause").wait_for(state="visible", timeout=30_000)


def pause_stop_ms(page) -> float:
    """Click Pause while playing; ms from the click to the last frame painted after it."""
    button(page, "Pause").click()
    button(page, "Play").wait_for(state="visible", timeout=30_000)
    time.sleep(1.5)
    click = page.evaluate("() => window.__bench.pauseClick")
    after = [t for t in V.frames(page)["times"] if t > click]
    return max(after) - click if after else 0.0


def watch_playing(page, seconds: float) -> dict:
    """fps, kernel->screen latency and epochs/s over ``seconds`` of play (already playing)."""
    t0, e0 = page.evaluate("() => performance.now()"), V.epoch(page)
    time.sleep(seconds)
    t1, e1 = page.evaluate("() => performance.now()"), V.epoch(page)
    times = [t for t in V.frames(page)["times"] if t0 <= t <= t1]
    bench = page.evaluate("() => window.__bench")
    k2s, paint = [], []
    for fid, ack in bench["acks"].items():
        frame = bench["frames"].get(fid)
        if frame is None or not t0 <= ack["t"] <= t1:
            continue
        if frame["figSent"] is not None:
            k2s.append(ack["wall"] - frame["figSent"])
        paint.append(ack["t"] - frame["arrival"])
    secs = (t1 - t0) / 1000
    draw = page.evaluate("() => window.__playgroundCanvas.drawMs.slice(-200)")  # the canvas's own drawing
    return dict(fps=len(times) / secs, epochs_per_s=(e1 - e0) / secs, latency_p50_ms=pct(k2s, 0.5),
                latency_p95_ms=pct(k2s, 0.95), paint_p50_ms=pct(paint, 0.5), draw_p50_ms=pct(draw, 0.5),
                frames=len(times), paired=len(k2s), recorder_errors=bench["errors"],
                **kernel_cpu_per_frame(bench["frames"], t0, t1))


def kernel_cpu_per_frame(frames: dict, t0: float, t1: float) -> dict:
    """The kernel's CPU ms per frame by part (``live.FrameClock``'s totals carried by the frame announcements
    that arrived in the window: last minus first, over the frames between them). ``other``: the rest of
    the frame function (the app's bookkeeping); ``training`` includes the training done while the page paints."""
    inside = sorted((int(k), f["cpu"]) for k, f in frames.items() if f.get("cpu") and t0 <= f["arrival"] <= t1)
    if len(inside) < 2:
        return {}
    (id0, a), (id1, b) = inside[0], inside[-1]
    per = {k: (b[k] - a[k]) / (id1 - id0) for k in a}
    other = max(per["frame"] - sum(per[k] for k in ("training", "probes", "encoding", "sending")), 0.0)
    split = dict(training=per["training"] + per["idle"], probes=per["probes"], encoding=per["encoding"],
                 sending=per["sending"] + per["announce"], other=other)
    return {f"cpu_{k}_ms": v for k, v in split.items()} | {"cpu_total_ms": sum(split.values())}


def measure_network(browser, base, query, seconds, pauses) -> dict:
    page, first = open_app(browser, base, query)
    try:
        play(page)
        time.sleep(2.0)  # warm-up: the loop's work budget settles
        figures = watch_playing(page, seconds)
        stops = [pause_stop_ms(page)]
        for _ in range(pauses - 1):
            play(page)
            time.sleep(1.0)
            stops.append(pause_stop_ms(page))
        figures.update(first_picture_s=first, pause_stop_ms=max(stops),
                       pause_stop_all=[round(s) for s in stops])
        return figures
    finally:
        page.context.close()


def control_latency(browser, base, trials) -> dict:
    """Learning rate and noise changed with the keyboard while playing (default network)."""
    page, _ = open_app(browser, base)
    try:
        play(page)
        time.sleep(1.5)
        out = {}
        for tab, label, keys, name in (("Training", "learning rate", ("lr=0.1", "lr=0.03"), "lr"),
                                       ("Data", "noise (%)", ("noise", "noise"), "noise")):
            page.locator(".lm-TabBar-tab", has_text=re.compile(f"^{tab}$")).click()
            row = page.locator(".widget-slider", has=page.locator(
                "label.widget-label", has_text=re.compile(f"^{re.escape(label)}$")))
            handle = row.locator(".noUi-handle")
            handle.focus()
            got = []
            for i in range(trials if name == "lr" else max(3, trials // 2)):
                if name == "noise":
                    time.sleep(1.0)  # a noise change rebuilds: let the run settle into frames again
                page.evaluate(WATCH, keys[i % 2])
                handle.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
                page.wait_for_function("() => window.__bench.seen !== null", timeout=60_000)
                t = page.evaluate("() => window.__bench.seen - window.__bench.keydown")
                got.append(t)
                time.sleep(0.4)
            out[name] = got
        button(page, "Pause").click()
        return dict(control_latency_p50_ms=statistics.median(out["lr"]),
                    control_latency_max_ms=max(out["lr"]),
                    noise_latency_p50_ms=statistics.median(out["noise"]),
                    trials_lr=[round(x) for x in out["lr"]], trials_noise=[round(x) for x in out["noise"]])
    finally:
        page.context.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0, help="measurement window while playing")
    ap.add_argument("--pauses", type=int, default=3, help="Pause clicks per network")
    ap.add_argument("--trials", type=int, default=8, help="learning-rate changes (noise: half)")
    args = ap.parse_args()
    with V.voila_server() as (base, proc):
        waited = V.wait_for_idle_kernels(proc.pid)
        print(f"Voilà at {base}; preheated kernels idle after {waited:.0f} s", flush=True)
        with V.chromium() as browser:
            default = measure_network(browser, base, "", args.seconds, args.pauses)
            print("default:", {k: r(v) if isinstance(v, float) else v for k, v in default.items()}, flush=True)
            V.wait_for_idle_kernels(proc.pid, timeout=30)
            deep = measure_network(browser, base, DEEP_QUERY, args.seconds, args.pauses)
            print("deep:   ", {k: r(v) if isinstance(v, float) else v for k, v in deep.items()}, flush=True)
            control = control_latency(browser, base, args.trials)
            print("control:", control, flush=True)

    rows = [("rendered frames per second", "fps", "", ">= 30"),
            ("kernel->screen latency p50", "latency_p50_ms", "ms", ""),
            ("kernel->screen latency p95", "latency_p95_ms", "ms", "<= 250"),
            ("  of which in the page, p50", "paint_p50_ms", "ms", ""),
            ("  canvas drawing a frame, p50", "draw_p50_ms", "ms", ""),
            ("Pause click -> last frame (worst)", "pause_stop_ms", "ms", "<= 250"),
            ("epochs per second while playing", "epochs_per_s", "", ">= 400 / >= 150"),
            ("kernel CPU per frame, ms:", "-", "", ""),
            *[(f"  {part}", f"cpu_{part.split()[0]}_ms", "", "") for part in (
                "training (in the frame and while the page paints)", "probes (grids, weights, gradients)",
                "encoding (arrays to bytes)", "sending (widget messages)", "other (rest of the frame)", "total")],
            ("page opened -> first picture", "first_picture_s", "s", "<= 5 (preheated)")]
    print()
    print(f"{'':55} {'default':>10} {'6x8 spiral':>11}  target")
    for title, key, unit, target in rows:
        cells = [f"{r(x[key]) if x.get(key) is not None else ''}{unit}" for x in (default, deep)]
        print(f"{title:55} {cells[0]:>10} {cells[1]:>11}  {target}")
    lr_cell, noise_cell = (f"{r(control[k])}ms" for k in ("control_latency_p50_ms", "noise_latency_p50_ms"))
    print(f"{'control change (lr) -> link shows it, p50':55} {lr_cell:>10} {'':>11}  <= 200")
    print(f"{'control change (noise) -> points, p50':55} {noise_cell:>10} {'':>11}  <= 200")
    print("(first picture, default: the first request after start, a preheated kernel; noisy shared machine)")
    pairs = dict(
        default_fps=r(default["fps"]), default_latency_p50_ms=r(default["latency_p50_ms"]),
        default_latency_p95_ms=r(default["latency_p95_ms"]), default_pause_stop_ms=r(default["pause_stop_ms"]),
        default_epochs_per_s=r(default["epochs_per_s"]), deep_fps=r(deep["fps"]),
        deep_latency_p50_ms=r(deep["latency_p50_ms"]), deep_latency_p95_ms=r(deep["latency_p95_ms"]),
        deep_pause_stop_ms=r(deep["pause_stop_ms"]), deep_epochs_per_s=r(deep["epochs_per_s"]),
        control_latency_p50_ms=r(control["control_latency_p50_ms"]),
        noise_latency_p50_ms=r(control["noise_latency_p50_ms"]),
        first_picture_s=r(default["first_picture_s"], 2), deep_first_picture_s=r(deep["first_picture_s"], 2),
        **{f"{net}_{k}": r(v, 2) for net, x in (("default", default), ("deep", deep))
           for k, v in x.items() if k.startswith("cpu_")}, load=r(os.getloadavg()[0]))
    print(" ".join(f"{k}={v}" for k, v in pairs.items()))


if __name__ == "__main__":
    main()
