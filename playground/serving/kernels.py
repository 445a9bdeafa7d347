"""A kernel manager that keeps one room's server alive: ceilings, unused kernels, memory.

``GuardedKernelManager`` is Jupyter Server's ``AsyncMappingKernelManager`` (Voilà wraps it with
its pool of preheated kernels) plus:

- **ceilings**: at most ``max_kernels`` kernels in all and ``max_kernels_per_visitor`` per visitor
  (by address; the machine itself, 127.0.0.1, only when ``limit_loopback``). A page over the
  ceiling gets the "room is full" page (503) or "too many pages" (429) and starts nothing;
- **unused kernels**: a kernel with no page connected to it (a tab closed, a ``curl`` of a page, a
  page whose websocket was refused) is shut down after ``unused_timeout`` seconds without
  activity, or ``first_page_timeout`` if no page has connected to it yet (a page still loading on a
  server that many learners opened at once: its websocket came 50 s after its kernel's start). Voilà's own shutdown beacon never works here (it posts no ``_xsrf`` and Voilà sets no
  ``_xsrf`` cookie: 403), and its culler waits ten minutes;
- **memory**: the server's own data segment is capped at ``server_memory_limit`` and each kernel's
  at ``kernel_memory_limit`` (``RLIMIT_DATA``; Linux), so a runaway process fails alone with a
  ``MemoryError`` instead of taking the machine (and every learner's page) with it.

The numbers are voila.json's; README "Serving a room" says where they come from.
"""

from __future__ import annotations

import asyncio
import resource
import time
from datetime import datetime, timezone

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.ioloop import PeriodicCallback
from traitlets import Bool, Float, Integer

from playground.serving import gate
from playground.serving.static import refuse_malformed_template_paths

GiB = 1024 ** 3
LOOPBACK = ("127.0.0.1", "::1")


def cap_memory(limit: int, pid: int = 0) -> None:
    """Lower RLIMIT_DATA of a process (0: this one) to ``limit`` bytes; never raise it."""
    soft, hard = resource.prlimit(pid, resource.RLIMIT_DATA)
    current = hard if hard != resource.RLIM_INFINITY else None
    new = min(limit, current) if current is not None else limit
    resource.prlimit(pid, resource.RLIMIT_DATA, (new, new))


class GuardedKernelManager(AsyncMappingKernelManager):
    max_kernels = Integer(40, config=True, help="Kernels the server runs at most (preheated included).")
    max_kernels_per_visitor = Integer(6, config=True, help="Kernels one visitor (one address) may hold.")
    limit_loopback = Bool(False, config=True,
                          help="Count visitors from 127.0.0.1 too (off: the machine's own tests and a local "
                               "proxy in front of the server are not one visitor).")
    unused_timeout = Float(50.0, config=True,
                           help="Seconds a kernel with no page connected may stay without activity.")
    first_page_timeout = Float(120.0, config=True,
                               help="Seconds a kernel that no page has connected to yet may stay without activity "
                                    "(its page may still be loading; never less than unused_timeout).")
    guard_interval = Float(5.0, config=True, help="Seconds between two checks for unused kernels.")
    kernel_memory_limit = Integer(int(1.5 * GiB), config=True,
                                  help="RLIMIT_DATA of each kernel in bytes (0: none).")
    server_memory_limit = Integer(2 * GiB, config=True, help="RLIMIT_DATA of the server in bytes (0: none).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._owner: dict[str, str] = {}  # kernel id -> the visitor whose page it serves
        self._unattended_since: dict[str, float] = {}  # kernel id -> when it started, was handed over or left
        self._had_page: set[str] = set()  # kernels a page has connected to
        self._pooled_before: set[str] = set()
        self._starting = 0
        self._guard: PeriodicCallback | None = None
        if self.server_memory_limit:
            cap_memory(self.server_memory_limit)
        voila_configuration = getattr(self.parent, "voila_configuration", None)
        if voila_configuration is not None:  # what voila.json cannot name: a function, a fix
            if voila_configuration.prelaunch_hook is None:
                voila_configuration.prelaunch_hook = gate.prelaunch_hook
            refuse_malformed_template_paths(self.log)

    # -- ceilings ---------------------------------------------------------------------------
    def _limited(self, visitor: str | None) -> bool:
        return bool(visitor) and (self.limit_loopback or visitor not in LOOPBACK)

    def kernels_of(self, visitor: str) -> int:
        return sum(1 for kid, who in self._owner.items() if who == visitor and kid in self)

    def check_room(self, visitor: str | None) -> None:
        """Raise the page a visitor gets when starting one more kernel is over a ceiling."""
        if len(self) + self._starting >= self.max_kernels:
            self.log.warning("Room full: %d kernels; refused a page for %s", len(self), visitor)
            raise gate.RoomFull()
        if self._limited(visitor) and self.kernels_of(visitor) >= self.max_kernels_per_visitor:
            self.log.warning("Visitor %s holds %d kernels; refused one more", visitor, self.kernels_of(visitor))
            raise gate.TooManyPages()

    def claim_kernel(self, kernel_id: str, visitor: str) -> bool:
        """A page connects to its kernel: it becomes the visitor's, unless they hold too many."""
        owner = self._owner.get(kernel_id)
        if owner is None:
            if self._limited(visitor) and self.kernels_of(visitor) >= self.max_kernels_per_visitor:
                self.log.warning("Visitor %s holds %d kernels; refused a websocket", visitor, self.kernels_of(visitor))
                return False
            self._owner[kernel_id] = visitor
        return True

    async def start_kernel(self, **kwargs):
        preheating = (kwargs.get("env") or {}).get("VOILA_PREHEAT") == "True"
        if len(self) + self._starting >= self.max_kernels:
            self.log.warning("Room full: %d kernels; %s", len(self),
                             "a preheated kernel waits for room" if preheating else "refused a kernel")
            raise gate.RoomFull()
        self._starting += 1
        try:
            kernel_id = await super().start_kernel(**kwargs)
        finally:
            self._starting -= 1
        visitor = gate.current_visitor.get()
        if visitor and not preheating:
            self._owner[kernel_id] = visitor
        self._unattended_since[kernel_id] = time.monotonic()
        self._cap_kernel(kernel_id)
        self._start_guard()
        return kernel_id

    def _cap_kernel(self, kernel_id: str) -> None:
        if not self.kernel_memory_limit:
            return
        process = getattr(getattr(self.get_kernel(kernel_id), "provisioner", None), "process", None)
        if process is not None:
            try:
                cap_memory(self.kernel_memory_limit, process.pid)
            except (OSError, ProcessLookupError) as err:
                self.log.warning("Could not cap the memory of kernel %s: %s", kernel_id, err)

    def notify_connect(self, kernel_id):
        super().notify_connect(kernel_id)
        self._had_page.add(kernel_id)

    def unused_limit(self, kernel_id: str) -> float:
        """Seconds ``kernel_id`` may stay with no page connected and no activity."""
        if kernel_id in self._had_page:
            return self.unused_timeout
        return max(self.first_page_timeout, self.unused_timeout)

    def notify_disconnect(self, kernel_id):
        super().notify_disconnect(kernel_id)
        if self._kernel_connections.get(kernel_id, 0) <= 0:
            self._unattended_since[kernel_id] = time.monotonic()

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        self._owner.pop(kernel_id, None)
        self._unattended_since.pop(kernel_id, None)
        self._had_page.discard(kernel_id)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)

    # -- unused kernels ---------------------------------------------------------------------
    def _start_guard(self) -> None:
        if self._guard is None and self.guard_interval > 0:
            self._guard = PeriodicCallback(self.shut_down_unused, 1000 * self.guard_interval)
            self._guard.start()

    def _pooled(self) -> set[str]:
        """Preheated kernels waiting in Voilà's pool for a page (not unused: waiting is their job)."""
        ids = set()
        for pool in getattr(self, "_pools", {}).values():
            for task in pool:
                if task.done() and not task.cancelled() and task.exception() is None:
                    ids.add(task.result()["kernel_id"])
        return ids

    def _idle_seconds(self, kernel_id: str, now: float) -> float:
        since = self._unattended_since.get(kernel_id, now)
        last = getattr(self.get_kernel(kernel_id), "last_activity", None)
        if isinstance(last, datetime):
            active_ago = (datetime.now(timezone.utc) - last.astimezone(timezone.utc)).total_seconds()
            return min(now - since, active_ago)
        return now - since

    async def shut_down_unused(self) -> None:
        now = time.monotonic()
        pooled = self._pooled()
        for kernel_id in self.list_kernel_ids():
            if kernel_id in pooled or kernel_id not in self:
                continue
            if kernel_id in self._pooled_before:  # handed to a page since the last check
                self._unattended_since[kernel_id] = now
            if self._kernel_connections.get(kernel_id, 0) > 0:
                continue
            if getattr(self.get_kernel(kernel_id), "execution_state", "") == "busy":
                continue
            limit = self.unused_limit(kernel_id)
            if self._idle_seconds(kernel_id, now) >= limit:
                self.log.info("Shutting down kernel %s: no page connected for %.0f s", kernel_id, limit)
                try:
                    await self.shutdown_kernel(kernel_id)
                except Exception as err:  # already gone, or shutting down: the next check sees
                    self.log.warning("Could not shut down unused kernel %s: %s", kernel_id, err)
        self._pooled_before = pooled
        self._refill_pools()

    def _refill_pools(self) -> None:
        """Preheating that failed (the room was full) is dropped and tried again when there is room."""
        pools = getattr(self, "_pools", {})
        for name, pool in pools.items():
            for task in [t for t in pool if t.done() and (t.cancelled() or t.exception() is not None)]:
                pool.remove(task)
        fill = getattr(self, "fill_if_needed", None)
        if fill is None:
            return
        for name, pool in pools.items():
            if len(self) + self._starting < self.max_kernels:
                fill(delay=0, notebook_name=name)  # tops the pool up to its size; nothing when full
