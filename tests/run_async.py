"""Run a coroutine to the end from a test, whatever the main thread is doing.

Playwright's sync API (used by the browser tests in the same pytest session) leaves an event
loop running in the main thread, and ``asyncio.run`` refuses to start inside one; a worker
thread has no loop of its own, so it runs there.
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor


def run_async(coro, timeout=120):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout)
