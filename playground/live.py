"""A live loop for training animations, paced by the browser.

The kernel can push frames far faster than a browser draws them; unpaced, frames queue up, the
picture lags and goes on moving after Pause. Here every frame is acknowledged by the page in the
animation frame that paints it, and the loop never keeps more than ``max_in_flight`` frames unanswered::

    pacer = FramePacer()
    loop = LiveLoop(frame_fn, pacer=pacer, on_state=lambda running, why: ...)
    display(fig, pacer)          # the pacer draws nothing
    loop.start()                 # returns at once; frames run as an asyncio task

``frame_fn()`` does one frame of work (a few training steps, then updates a FigureWidget inside
``batch_update``) and returns ``None``, or ``False`` to stop. It should spend about
``loop.work_budget_s`` seconds computing: the loop raises that budget while it waits for the
browser and lowers it when frames come slower than ``target_fps``.

The loop runs on the kernel's event loop and yields between frames, so widget messages (a click
on Pause, the page's acknowledgements and heartbeats) are handled while it runs. Without a page
(nbclient, a page not yet loaded) it falls back to ``fallback_fps``. When heartbeats stop for
``heartbeat_timeout`` seconds, or the page says goodbye, it pauses with reason ``"tab closed"``.

Sharing the CPU with other kernels: while it waits for the page, the loop trains (``idle_work``)
only up to ``ahead_frames`` frames' worth (``ahead_frames × work_budget_s``) ahead of what the page
has acknowledged, then waits, and such a frame leaves the budget as it was (the page, not this
kernel, set its pace). A kernel trains at most
``(1 + ahead_frames) × work_budget_s`` per frame its page paints: a page that paints slowly (a busy
machine, a slow laptop) gets a kernel that trains less, instead of a kernel that takes a whole
core to train what nobody sees while the kernels of the others wait.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from contextlib import contextmanager
from typing import Callable, Optional

import anywidget

__all__ = ["FrameClock", "FramePacer", "LiveLoop"]

log = logging.getLogger(__name__)

_ESM = r"""
// Stats for tests and benchmarks, shared by every pacer on the page.
const stats = (globalThis.__playgroundFrames ??= { acks: 0, times: [], lastId: 0 });

function initialize({ model }) {
  const send = (msg) => { try { model.send(msg); } catch (e) { /* comm already closed */ } };
  const onMessage = (msg) => {
    if (!msg || msg.type !== "frame") return;
    // Widget updates that came before this message are drawn by now (the Playground's canvas
    // draws on receipt); this callback runs just before the paint that shows them.
    requestAnimationFrame(() => {
      const t = performance.now();
      stats.acks += 1;
      stats.lastId = msg.id;
      stats.times.push(t);
      if (stats.times.length > 2000) stats.times.splice(0, stats.times.length - 2000);
      send({ type: "ack", id: msg.id, t });
    });
  };
  const beat = () => send({ type: "beat", visible: !document.hidden, t: performance.now() });
  const onVisibility = () => send({ type: document.hidden ? "hidden" : "visible" });
  const onPageHide = () => send({ type: "bye" });
  model.on("msg:custom", onMessage);
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("pagehide", onPageHide);
  const timer = setInterval(beat, 1000);
  beat();
  return () => {
    clearInterval(timer);
    model.off("msg:custom", onMessage);
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("pagehide", onPageHide);
  };
}

function render({ el }) {
  el.style.display = "none";
}

export default { initialize, render };
"""


class FrameClock:
    """The kernel's CPU time (``time.thread_time``: this thread's, not waiting) by part of the live loop,
    summed since the loop was built. Timed by the app inside ``frame_fn``: ``training``, ``probes`` (what
    a frame shows, computed), ``encoding`` (arrays to bytes), ``sending`` (widget messages); by the loop:
    ``frame`` (the whole of ``frame_fn``), ``idle`` (``idle_work``: training while the page paints) and
    ``announce`` (the frame announcement). Each announcement carries them (``FramePacer.frame``), so
    ``benchmarks/browser.py`` reads the split per frame from the page. ~1 µs a part."""

    PARTS = ("training", "probes", "encoding", "sending", "frame", "idle", "announce")

    def __init__(self):
        self.seconds = dict.fromkeys(self.PARTS, 0.0)

    def __repr__(self):
        return "FrameClock(" + ", ".join(f"{k}={v * 1e3:.0f} ms" for k, v in self.seconds.items()) + ")"

    @contextmanager
    def part(self, name):
        t0 = time.thread_time()
        try:
            yield
        finally:
            self.seconds[name] += time.thread_time() - t0

    def ms(self) -> dict:
        return {k: round(v * 1e3, 3) for k, v in self.seconds.items()}


class FramePacer(anywidget.AnyWidget):
    """Invisible widget that tells the kernel when the page has painted each frame.

    Python calls :meth:`frame` after pushing a figure update; the page answers ``ack`` in the
    animation frame that paints it, sends ``beat`` every second, ``hidden``/``visible`` on tab switches and ``bye``
    when the page goes away.
    """

    _esm = _ESM
    ACK_TIMEOUT_S = 2.0  # frames unanswered this long are deemed lost (page reloaded)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sent_id = 0  # id of the last frame sent
        self.acked_id = 0  # highest id acknowledged
        self.last_seen: Optional[float] = None  # time.monotonic() of the last message
        self.visible = True
        self.gone = False  # the page said "bye"
        self.rtts: deque = deque(maxlen=500)  # seconds from frame() to ack
        self.rtt_ema_s: Optional[float] = None
        self._sent_at: dict = {}
        self._listeners: list = []
        self.on_msg(self._handle_message)

    def __repr__(self):
        return (f"FramePacer(sent={self.sent_id}, acked={self.acked_id}, seen={self.seen}, "
                f"visible={self.visible})")

    @property
    def seen(self) -> bool:
        """Whether a front-end has ever talked to this pacer."""
        return self.last_seen is not None

    @property
    def in_flight(self) -> int:
        """Frames sent but not yet acknowledged."""
        return self.sent_id - self.acked_id

    def frame(self, cpu_ms: Optional[dict] = None) -> int:
        """Announce a frame to the page and return its id (``cpu_ms``: the ``FrameClock``'s totals, for benchmarks)."""
        self.sent_id += 1
        self._sent_at[self.sent_id] = time.monotonic()
        if len(self._sent_at) > 1000:  # no page answering (headless kernel): keep it bounded
            del self._sent_at[next(iter(self._sent_at))]
        self.send({"type": "frame", "id": self.sent_id, **({"cpu_ms": cpu_ms} if cpu_ms else {})})
        return self.sent_id

    def oldest_unacked_age(self, now: float) -> float:
        sent = self._sent_at.get(self.acked_id + 1)
        return 0.0 if sent is None else now - sent

    def forget_in_flight(self) -> None:
        """Treat every unanswered frame as lost (e.g. the page that should answer is gone)."""
        self.acked_id = self.sent_id
        self._sent_at.clear()

    def _handle_message(self, _widget, content, _buffers=None) -> None:
        if not isinstance(content, dict):
            return
        now = time.monotonic()
        if self.last_seen is None:  # frames sent before the page was there are never answered
            self.forget_in_flight()
        self.last_seen = now
        kind = content.get("type")
        if kind == "ack":
            fid = content.get("id", 0)
            if not isinstance(fid, int) or isinstance(fid, bool):
                log.warning("FramePacer: ignored an ack whose id is not a whole number: %.60r", fid)
                return
            sent = self._sent_at.get(fid)
            if sent is not None:
                rtt = now - sent
                self.rtts.append(rtt)
                self.rtt_ema_s = rtt if self.rtt_ema_s is None else 0.8 * self.rtt_ema_s + 0.2 * rtt
            if fid > self.acked_id:  # an ack implies every earlier frame was painted
                for old in [k for k in self._sent_at if k <= fid]:
                    del self._sent_at[old]
                self.acked_id = min(fid, self.sent_id)
        elif kind == "beat":
            self.visible = bool(content.get("visible", True))
            self.gone = False
        elif kind in ("hidden", "visible"):
            self.visible = kind == "visible"
        elif kind == "bye":
            self.gone = True
        for listener in list(self._listeners):
            listener()


class LiveLoop:
    """Call ``frame_fn`` repeatedly as an asyncio task, paced by a :class:`FramePacer`."""

    def __init__(self, frame_fn: Callable[[], object], *, pacer: Optional[FramePacer] = None,
                 max_in_flight: int = 2, fallback_fps: float = 15, heartbeat_timeout: float = 5.0,
                 on_state: Optional[Callable[[bool, str], None]] = None, target_fps: float = 25,
                 idle_work: Optional[Callable[[float], object]] = None, idle_slice_s: float = 0.005,
                 ahead_frames: float = 2.0):
        if max_in_flight < 1:
            raise ValueError(f"max_in_flight must be >= 1, got {max_in_flight!r}")
        if ahead_frames < 0:
            raise ValueError(f"ahead_frames must be >= 0, got {ahead_frames!r}")
        if fallback_fps <= 0 or target_fps <= 0:
            raise ValueError(f"fallback_fps and target_fps must be > 0, got "
                             f"{fallback_fps!r} and {target_fps!r}")
        self.frame_fn, self.pacer, self.on_state = frame_fn, pacer, on_state
        # idle_work(seconds): useful work (training) done in small slices while waiting for the
        # page to paint, so a slow page slows the pictures, not the training. It returns False
        # when it has nothing to do: the loop then waits instead of spinning.
        self.idle_work, self.idle_slice_s, self._idle_worked = idle_work, idle_slice_s, 0.0
        self.ahead_frames, self._held_back = ahead_frames, False  # see "Sharing the CPU" above
        self.max_in_flight, self.fallback_fps = max_in_flight, fallback_fps
        self.heartbeat_timeout, self.target_period_s = heartbeat_timeout, 1.0 / target_fps
        self.frames = 0
        self.clock = FrameClock()
        self.reason = "not started"
        self.work_budget_s = 0.02
        self.fn_ema_s = 0.0  # EMA of frame_fn's duration
        self._starts: deque = deque(maxlen=120)  # monotonic start time of recent frames
        self._running = False
        self._task: Optional[asyncio.Future] = None
        self._wake: Optional[asyncio.Event] = None
        self._aloop: Optional[asyncio.AbstractEventLoop] = None
        if pacer is not None:
            pacer._listeners.append(self._poke)

    def __repr__(self):
        return f"LiveLoop(running={self._running}, frames={self.frames}, reason={self.reason!r})"

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Start (or resume) the loop on the current event loop; no-op if already running."""
        if self._running:
            return
        try:
            self._aloop = asyncio.get_running_loop()
        except RuntimeError:  # ipykernel runs cells outside a coroutine in some versions
            self._aloop = asyncio.get_event_loop()
        self._wake = asyncio.Event()
        self._starts.clear()
        if self.pacer is not None:  # frames sent to a page that has gone will never be answered
            self.pacer.forget_in_flight()
        self._running = True
        self._set_state(True, "running")
        self._task = self._aloop.create_task(self._run(self._wake))

    def pause(self, reason: str = "paused") -> None:
        """Stop calling ``frame_fn``; takes effect before the next frame."""
        if not self._running:
            return
        self._running = False
        self._poke()
        self._set_state(False, reason)

    def stats(self) -> dict:
        """Recent frames per second, acknowledgement round trip (ms) and frame count."""
        starts = list(self._starts)
        fps = (len(starts) - 1) / (starts[-1] - starts[0]) if len(starts) > 1 else 0.0
        rtts = sorted(self.pacer.rtts) if self.pacer is not None else []

        def pct(q):
            return round(1000 * rtts[min(len(rtts) - 1, int(q * len(rtts)))], 1) if rtts else None

        return dict(fps=round(fps, 1), rtt_ms_p50=pct(0.5), rtt_ms_p95=pct(0.95),
                    frames=self.frames)

    # -- internals ------------------------------------------------------------------------------

    def _poke(self) -> None:
        if self._aloop is not None and self._wake is not None and not self._aloop.is_closed():
            self._aloop.call_soon_threadsafe(self._wake.set)

    def _set_state(self, running: bool, reason: str) -> None:
        self.reason = reason
        if self.on_state is not None:
            try:
                self.on_state(running, reason)
            except Exception:  # a broken UI callback must not stop the loop machinery
                log.exception("LiveLoop on_state callback failed")

    async def _next_turn(self, wake: asyncio.Event) -> Optional[str]:
        """Wait until a frame may be sent. Return None to go on, or why to stop."""
        while self._running and wake is self._wake:
            now = time.monotonic()
            p = self.pacer
            if p is not None and p.seen:
                if p.gone or now - p.last_seen > self.heartbeat_timeout:
                    return "tab closed"
                if p.visible and p.in_flight < self.max_in_flight:
                    return None
                if p.visible and p.oldest_unacked_age(now) > p.ACK_TIMEOUT_S:
                    p.forget_in_flight()
                    continue
                timeout = min(0.25, p.last_seen + self.heartbeat_timeout - now + 0.001)
            else:
                due = (self._starts[-1] if self._starts else 0.0) + 1.0 / self.fallback_fps
                if now >= due:
                    return None
                timeout = due - now
            allowed = self.ahead_frames * self.work_budget_s - self._idle_worked
            if self.idle_work is not None and (p is None or p.visible) and allowed <= 0:
                self._held_back = True  # far enough ahead of the page: wait for it
            elif self.idle_work is not None and (p is None or p.visible):
                t0 = time.monotonic()
                with self.clock.part("idle"):
                    worked = self.idle_work(min(self.idle_slice_s, max(timeout, 0.001), allowed))
                self._idle_worked += time.monotonic() - t0
                if worked is not False:
                    await asyncio.sleep(0)  # let acks and clicks through between slices
                    continue
            wake.clear()
            try:
                await asyncio.wait_for(wake.wait(), timeout)
            except asyncio.TimeoutError:
                pass
        return ""

    async def _run(self, wake: asyncio.Event) -> None:
        try:
            while True:
                t_wait = time.monotonic()
                self._idle_worked, self._held_back = 0.0, False
                why = await self._next_turn(wake)
                if why:
                    self.pause(why)
                if why is not None:
                    return
                t0 = time.monotonic()
                if not self._held_back:  # held back, the page was slower than this kernel: budget as it was
                    self._adapt(idle=t0 - t_wait - self._idle_worked, period=t0 - self._starts[-1] if self._starts else 0)
                self._starts.append(t0)
                try:
                    with self.clock.part("frame"):
                        result = self.frame_fn()
                except Exception as exc:
                    log.exception("LiveLoop frame_fn failed")
                    self.pause(f"error: {exc}")
                    return
                dt = time.monotonic() - t0
                self.fn_ema_s = dt if self.frames == 0 else 0.8 * self.fn_ema_s + 0.2 * dt
                self.frames += 1
                if result is False:
                    self.pause("done")
                    return
                if self.pacer is not None:
                    with self.clock.part("announce"):
                        self.pacer.frame(self.clock.ms())
                await asyncio.sleep(0)  # let widget messages through even when never waiting
        except asyncio.CancelledError:
            if wake is self._wake:
                self.pause("cancelled")
        except Exception as exc:  # e.g. the pacer's comm was closed
            log.exception("LiveLoop failed")
            self.pause(f"error: {exc}")

    def _adapt(self, idle: float, period: float) -> None:
        """Integral control of the work budget: grow it while the loop idles (waiting for the
        browser or the fallback cap), shrink it when frames come slower than the target."""
        if period <= 0:
            return
        slack = idle if idle > 0.002 else min(0.0, self.target_period_s - period)
        self.work_budget_s = min(0.060, max(0.005, self.work_budget_s + 0.3 * slack))
