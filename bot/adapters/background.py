"""Work that runs after a platform was answered: tracked, bounded, drained at shutdown.

Slack wants its acknowledgement within 3 seconds, so a command is acknowledged first and its
answer computed afterwards. Lookups and rendering are CPU work on the event loop; letting
only a few of them run at once keeps the loop free to acknowledge new requests under load.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)


class Background:
    """A set of tasks started after an ack, with a limit on how many compute at once."""

    def __init__(self, workers: int = 2) -> None:
        self.slots = asyncio.Semaphore(workers)  # hold while computing, not while posting
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        """Run ``work`` in the background; its failure is logged, never lost silently."""
        task = asyncio.create_task(self._guarded(work, name), name=name)
        self._tasks.add(task)  # asyncio keeps only weak references to tasks
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _guarded(work: Coroutine[Any, Any, None], name: str) -> None:
        try:
            await work
        except Exception:
            log.exception("%s failed after it was acknowledged", name)

    async def drain(self, grace_seconds: float) -> None:
        """Let running work finish for up to ``grace_seconds``, then cancel the rest."""
        if not self._tasks:
            return
        _, pending = await asyncio.wait(set(self._tasks), timeout=grace_seconds)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
