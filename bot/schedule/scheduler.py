"""The weekly schedule: one cron job per subscription, kept in step with the table.

Each replica keeps its own in-memory APScheduler job store (APScheduler says a job store must
never be shared) and re-reads the subscriptions table every ``sync_interval_seconds``. The
ledger, not the scheduler, keeps a digest from going out twice, so every replica may try.

Each sync also runs the catch-up pass: a subscription whose latest slot has passed (since
its schedule took effect) and whose ledger row is missing, or claimed by a holder gone quiet
for longer than the lease, is delivered now (``Service.subscriptions_due``). That covers
downtime at start-up, a job that misfired, and a replica that crashed in the middle of a
fan-out. The scheduler asks the service for subscriptions and deliveries, never its store.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.ports import ChannelRef
from bot.schedule.delivery import DeliveryOutcome
from bot.schedule.periods import last_slot
from bot.service import Clock, Service, utcnow
from bot.settings import Settings
from bot.store.records import Subscription

log = logging.getLogger(__name__)

SYNC_JOB = "sync-subscriptions"
Key = tuple[ChannelRef, str]  # (channel, period)


def job_id(channel: ChannelRef) -> str:
    """The scheduler job id of a channel's subscription."""
    return f"digest:{channel.key}"


def cron_for(sub: Subscription) -> CronTrigger:
    """The weekly trigger of a subscription, in its own timezone (DST keeps local time)."""
    hour, minute = sub.time.split(":")
    return CronTrigger(
        day_of_week=sub.weekday, hour=int(hour), minute=int(minute), timezone=ZoneInfo(sub.timezone)
    )


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one sync changed: jobs added, replaced, removed; deliveries started by catch-up."""

    added: int = 0
    replaced: int = 0
    removed: int = 0
    caught_up: int = 0


class DigestScheduler:
    """Runs the subscriptions' cron jobs and catch-up, through ``Service.deliver``."""

    def __init__(self, service: Service, settings: Settings, clock: Clock = utcnow) -> None:
        self.service = service
        self.settings = settings
        self.clock = clock
        quiet = logging.getLogger("apscheduler")
        if quiet.level == logging.NOTSET:  # one line per job run is noise at INFO
            quiet.setLevel(logging.WARNING)
        self.apscheduler = AsyncIOScheduler(
            jobstores={"default": MemoryJobStore()},
            timezone=ZoneInfo("UTC"),
            # A job that fires late still runs (once); catch-up would post it anyway.
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        self._schedules: dict[str, tuple[str, str, str]] = {}
        self._inflight: dict[Key, asyncio.Task[DeliveryOutcome | None]] = {}
        self._limit = asyncio.Semaphore(settings.delivery_concurrency)
        self._sync_lock = asyncio.Lock()
        self._closing = False
        # time.monotonic() of the last sync that read the table: the health probe's evidence.
        self.last_sync: float | None = None

    # --- life cycle ----------------------------------------------------------------------

    async def start(self) -> SyncReport:
        """Start the scheduler: first sync (with catch-up), then a sync every interval."""
        self.apscheduler.start()
        report = await self.sync()
        self.add_periodic(self.sync, self.settings.sync_interval_seconds, SYNC_JOB)
        return report

    def add_periodic(self, job: Callable[[], Awaitable[Any]], seconds: float, job_id: str) -> None:
        """Run ``job`` every ``seconds`` on this scheduler (replacing a job of the same id).

        A run that comes while the last one still runs (a corpus read longer than the
        interval) is skipped quietly: APScheduler would log a warning for each."""
        running = False

        async def once() -> None:
            nonlocal running
            if running:
                return
            running = True
            try:
                await job()
            except asyncio.CancelledError:
                log.info("%s: stopped by the shutdown", job_id)  # not an error to report
            finally:
                running = False

        self.apscheduler.add_job(
            once,
            IntervalTrigger(seconds=seconds),
            id=job_id,
            replace_existing=True,
            max_instances=2,  # the second returns at once; see above
        )

    async def shutdown(self) -> None:
        """Stop scheduling; let in-flight posts finish within the grace period, then cancel.

        A cancelled delivery gives its claim back unless a post was on the wire (see
        ``Deliverer``), so another replica can post at once instead of after the lease.
        """
        already_closing, self._closing = self._closing, True
        # AsyncIOScheduler stops on the next loop turn, so `running` is still True when
        # shutdown is called a second time (serve() and App.close() both call it).
        if self.apscheduler.running and not already_closing:
            self.apscheduler.shutdown(wait=False)
        tasks = list(self._inflight.values())
        if not tasks:
            return
        _, pending = await asyncio.wait(tasks, timeout=self.settings.shutdown_grace_seconds)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    async def wait_idle(self) -> list[DeliveryOutcome]:
        """Wait for every delivery started so far; their outcomes (for tests and the CLI)."""
        done: list[DeliveryOutcome] = []
        while self._inflight:
            results = await asyncio.gather(*self._inflight.values(), return_exceptions=True)
            done.extend(r for r in results if isinstance(r, DeliveryOutcome))
        return done

    # --- keeping the schedule in step with the table --------------------------------------

    async def sync(self) -> SyncReport:
        """Re-read the subscriptions: add, replace and remove jobs, then catch up."""
        if self._closing:
            return SyncReport()
        async with self._sync_lock:
            subs = await self.service.subscriptions()
            caught_up = await self.catch_up(subs)  # first: overdue digests wait least
            added, replaced, removed = await self._reconcile(subs)
            self.last_sync = time.monotonic()
        if added or replaced or removed or caught_up:
            log.info(
                "sync: %d jobs added, %d replaced, %d removed, %d caught up",
                added,
                replaced,
                removed,
                caught_up,
            )
        return SyncReport(added, replaced, removed, caught_up)

    async def _reconcile(self, subs: Iterable[Subscription]) -> tuple[int, int, int]:
        wanted = {job_id(sub.channel): sub for sub in subs}
        added = replaced = 0
        for count, (jid, sub) in enumerate(wanted.items()):
            schedule = (sub.weekday, sub.time, sub.timezone)
            if self._schedules.get(jid) == schedule:
                continue
            if count % 200 == 199:
                await asyncio.sleep(0)  # 10,000 new jobs take seconds: let posts go on
            replaced += jid in self._schedules
            added += jid not in self._schedules
            self.apscheduler.add_job(
                self._fire, cron_for(sub), args=[sub.channel], id=jid, replace_existing=True
            )
            self._schedules[jid] = schedule
        gone = [jid for jid in self._schedules if jid not in wanted]
        for jid in gone:
            self.apscheduler.remove_job(jid)
            del self._schedules[jid]
        return added, replaced, len(gone)

    async def catch_up(self, subs: Iterable[Subscription]) -> int:
        """Start deliveries whose slot passed with no ledger row, or with a stale claim."""
        started = 0
        for sub, period in await self.service.subscriptions_due(subs, self.clock()):
            if (sub.channel, period) not in self._inflight:
                self.launch(sub, period)
                started += 1
        return started

    # --- delivering ----------------------------------------------------------------------

    async def _fire(self, channel: ChannelRef) -> None:
        """The cron job: deliver the channel's digest for the slot that just passed."""
        sub = await self.service.subscription(channel)
        if sub is None or sub.paused:
            return
        period, _ = last_slot(self.clock(), sub.weekday, sub.time, sub.timezone)
        await asyncio.shield(self.launch(sub, period))

    def launch(self, sub: Subscription, period: str) -> asyncio.Task[DeliveryOutcome | None]:
        """Start (or join) the delivery of ``sub`` for ``period`` in this process."""
        key = (sub.channel, period)
        task = self._inflight.get(key)
        if task is None:
            task = asyncio.create_task(self._deliver(sub, period), name=f"deliver {key}")
            self._inflight[key] = task
            task.add_done_callback(lambda _: self._inflight.pop(key, None))
        return task

    async def _deliver(self, sub: Subscription, period: str) -> DeliveryOutcome | None:
        async with self._limit:
            if self._closing:
                return None
            try:
                outcome = await self.service.deliver(sub, period)
            except asyncio.CancelledError:
                raise
            except Exception:
                # A database hiccup: the next sync's catch-up tries again.
                log.exception("delivery to %s for %s broke", sub.channel.key, period)
                return None
        if outcome.status not in {"sent", "already_sent", "claimed_elsewhere"}:
            log.warning("delivery to %s: %s", sub.channel.key, outcome.status)
        return outcome
