"""One resolution run: look refs up with one service, hand each step's outcomes to a sink.

Refs the service can fetch by id go first, in its batch size; a ref it does not know by id,
and every ref it cannot fetch by id, is then looked up by title and matched strictly
(``matching.choose_match``). One step at a time (the pacing is the service's), each step's
outcomes handed to ``sink`` at once, so a run cut short keeps what it learned. After
``give_up_after`` failed requests in a row, or when the service says not now, the run stops
asking and the refs left count as failed (they are tried again on the next run).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial

from bot.catalog.resolve.matching import choose_match
from bot.catalog.resolve.model import Outcome, Resolver, ServiceError, Unavailable, WorkRef

log = logging.getLogger(__name__)

Sink = Callable[[list[Outcome]], Awaitable[None]]
Progress = Callable[["Tally"], None]


@dataclass(slots=True)
class Tally:
    """How a run went: counts of each kind of outcome, out of ``total``."""

    total: int
    resolved: int = 0
    not_found: int = 0
    failed: int = 0
    stopped: str | None = None  # why the run stopped asking early

    @property
    def done(self) -> int:
        """How many refs have an outcome so far."""
        return self.resolved + self.not_found + self.failed

    def summary(self) -> str:
        """'12/40 looked up: 10 resolved, 1 not found, 1 failed' (and why it stopped)."""
        text = (
            f"{self.done}/{self.total} looked up: {self.resolved} resolved, "
            f"{self.not_found} not found, {self.failed} failed"
        )
        return f"{text} (stopped: {self.stopped})" if self.stopped else text

    def count(self, outcomes: Sequence[Outcome]) -> None:
        """Add ``outcomes`` to the counts."""
        for outcome in outcomes:
            if outcome.failed:
                self.failed += 1
            elif outcome.metadata is None:
                self.not_found += 1
            else:
                self.resolved += 1


class _Run:
    """A run in progress: its tally, its streak of failures, and where outcomes go."""

    def __init__(
        self, resolver: Resolver, sink: Sink, progress: Progress | None, give_up_after: int
    ) -> None:
        self.resolver = resolver
        self.sink = sink
        self.progress = progress
        self.give_up_after = give_up_after
        self.failures_in_a_row = 0
        self.tally = Tally(0)

    async def step(
        self, refs: Sequence[WorkRef], lookup: Callable[[], Awaitable[list[Outcome]]]
    ) -> None:
        """Run one request's worth of lookups, unless the run has stopped asking."""
        if self.tally.stopped:
            outcomes = [Outcome(ref, error=f"not asked: {self.tally.stopped}") for ref in refs]
        else:
            try:
                outcomes = await lookup()
                self.failures_in_a_row = 0
            except ServiceError as exc:
                outcomes = [Outcome(ref, error=str(exc)) for ref in refs]
                self._failed(exc)
        self.tally.count(outcomes)
        await self.sink(outcomes)
        if self.progress:
            self.progress(self.tally)

    def _failed(self, exc: ServiceError) -> None:
        """Note a failed request; stop the run when the service says not now or keeps failing."""
        self.failures_in_a_row += 1
        log.warning("metadata: %s", exc)
        if isinstance(exc, Unavailable):
            self.tally.stopped = str(exc)
        elif self.failures_in_a_row >= self.give_up_after:
            self.tally.stopped = (
                f"{self.resolver.name} failed {self.failures_in_a_row} times in a row"
            )
        if self.tally.stopped:
            log.warning("metadata: stopped asking %s: %s", self.resolver.name, self.tally.stopped)


async def resolve_works(
    resolver: Resolver,
    refs: Sequence[WorkRef],
    sink: Sink,
    *,
    progress: Progress | None = None,
    give_up_after: int = 3,
) -> Tally:
    """Look every ref up once; return the tally."""
    run = _Run(resolver, sink, progress, give_up_after)
    run.tally.total = len(refs)
    by_id = [ref for ref in refs if resolver.can_fetch(ref)]
    by_title = [ref for ref in refs if not resolver.can_fetch(ref)]
    size = max(1, resolver.id_batch)
    for start in range(0, len(by_id), size):
        batch = by_id[start : start + size]
        unknown: list[WorkRef] = []
        await run.step(batch, partial(_by_ids, resolver, batch, unknown))
        by_title.extend(unknown)
    for ref in by_title:
        await run.step([ref], partial(_by_title, resolver, ref))
    return run.tally


async def _by_ids(
    resolver: Resolver, batch: list[WorkRef], unknown: list[WorkRef]
) -> list[Outcome]:
    """Outcomes of one batch; refs it does not know by id but have a title go to ``unknown``."""
    fetched = await resolver.by_ids(batch)
    outcomes = []
    for ref in batch:
        if ref.key in fetched.found:
            outcomes.append(Outcome(ref, fetched.found[ref.key]))
        elif ref.key in fetched.failed:
            outcomes.append(Outcome(ref, error=fetched.failed[ref.key]))
        elif ref.title:
            unknown.append(ref)
        else:
            outcomes.append(Outcome(ref))
    return outcomes


async def _by_title(resolver: Resolver, ref: WorkRef) -> list[Outcome]:
    """The outcome of looking ``ref`` up by its title: the one sure candidate, or none."""
    if not ref.title:
        return [Outcome(ref)]
    return [Outcome(ref, choose_match(ref, await resolver.by_title(ref)))]
