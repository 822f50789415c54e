"""Pacing posts to one platform: wait out 429s together, and learn the rate they imply.

Platforms answer a burst beyond their limit with 429 and a Retry-After in whole seconds.
Reacting only to that wastes most of every second: a burst fills the limit in a moment, the
next post is told to come back in a second, and the burst repeats. So on a 429 the gate also
learns the platform's rate from the posts it accepted in the last second, and from then on
spaces posts evenly at that rate. After a quiet minute it forgets (a new fan-out re-learns).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

WINDOW = 1.0  # seconds over which a platform's rate is learned
MIN_SAMPLE = 10  # fewer accepted posts than this teach nothing (e.g. one channel's limit)
FORGET_AFTER = 60.0  # seconds without a post after which pacing starts afresh


@dataclass
class RateGate:
    """Every delivery to one platform passes here before it posts."""

    resume_at: float = 0.0
    interval: float = 0.0  # learned spacing between posts; 0 means no pacing
    _next_slot: float = 0.0
    _accepted: deque[float] = field(default_factory=deque, repr=False)
    _clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    def hold(self, seconds: float) -> None:
        """A 429 said come back in ``seconds``: hold every poster, and learn the rate.

        While a hold is on, the 429s of posts that were already in flight say nothing new;
        they only extend the hold when they ask for clearly longer (Retry-After is rounded
        up to whole seconds, so each late answer would otherwise add most of a second).
        """
        now = self._clock()
        self._forget_before(now - WINDOW)
        if len(self._accepted) >= MIN_SAMPLE:
            self.interval = max(self.interval, WINDOW / len(self._accepted))
        until = now + seconds
        if self.resume_at <= now or until > self.resume_at + 1.0:
            self.resume_at = until

    def accepted(self) -> None:
        """A post went through."""
        self._accepted.append(self._clock())

    async def wait(self) -> None:
        """Sleep until this poster may post: after any hold, at its paced turn."""
        while True:
            now = self._clock()
            if self._accepted and now - self._accepted[-1] > FORGET_AFTER:
                self.interval = 0.0
                self._accepted.clear()
            start = max(self.resume_at, self._next_slot)
            if start <= now:
                self._next_slot = max(now, self._next_slot) + self.interval
                return
            # A loop, not an Event: another 429 may move resume_at while we sleep.
            await asyncio.sleep(start - now)

    def _forget_before(self, cutoff: float) -> None:
        while self._accepted and self._accepted[0] < cutoff:
            self._accepted.popleft()
