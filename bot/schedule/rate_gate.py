"""Pacing posts to one platform: learn its rate from the first 429, then keep under it.

Platforms answer a burst beyond their limit with 429 and a Retry-After in whole seconds.
Reacting only to that wastes most of every second: a burst fills the limit in a moment, the
next post is told to come back in a second, and the burst repeats (50, 50, 50, 0, 50 posts a
second). So the first 429 of a fan-out teaches the gate the platform's rate (the posts it accepted in
the last second) and holds every poster until that second has passed (not for the whole
Retry-After, rounded up); from then on posts leave evenly spaced, a little under that rate,
and 429s become rare. A 429 that still
comes while pacing is a post that met the edge of the platform's window: it slows the pace a
little and is retried in its turn, instead of stopping every poster for a whole second. A
Retry-After beyond a couple of seconds is the platform meaning it: every poster waits. After
a quiet minute the gate forgets (a new fan-out re-learns).
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
UNDER = 1.01  # pace this much under the learned rate: timing jitter seldom meets the limit
SLOWER = 1.03  # a 429 while pacing slows the pace by this much (at most once per window)
MEANT = 2.0  # a Retry-After longer than this holds every poster even while pacing


@dataclass
class RateGate:
    """Every delivery to one platform passes here before it posts."""

    resume_at: float = 0.0
    interval: float = 0.0  # learned spacing between posts; 0 means no pacing
    _next_slot: float = 0.0
    _slowed_at: float = float("-inf")
    _accepted: deque[float] = field(default_factory=deque, repr=False)
    _clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    def limited(self, retry_after: float) -> None:
        """A 429 said come back in ``retry_after`` seconds: learn, pace, or hold everyone."""
        now = self._clock()
        self._forget_before(now - WINDOW)
        if self.resume_at > now:
            # Posts already in flight when the hold began say nothing new, unless they ask
            # for clearly longer (Retry-After is rounded up to whole seconds).
            if now + retry_after > self.resume_at + 1.0:
                self.resume_at = now + retry_after
            return
        if self.interval and retry_after <= MEANT:
            self._slow_down(now)
            return
        if not self.interval and len(self._accepted) >= MIN_SAMPLE and retry_after <= MEANT:
            self.interval = WINDOW / len(self._accepted) * UNDER
            # The platform's window frees as its oldest post turns a window old; Retry-After,
            # rounded up to a whole second, would waste most of a second on top.
            self.resume_at = min(now + retry_after, self._accepted[0] + WINDOW)
            return
        self.resume_at = now + retry_after

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

    def _slow_down(self, now: float) -> None:
        if now - self._slowed_at >= WINDOW:
            self._slowed_at = now
            self.interval *= SLOWER
        self._next_slot = max(self._next_slot, now + self.interval)

    def _forget_before(self, cutoff: float) -> None:
        while self._accepted and self._accepted[0] < cutoff:
            self._accepted.popleft()
