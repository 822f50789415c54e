"""Scheduler: cron triggers keep local time over DST, sync with the table, catch-up once."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.adapters.memory import InMemoryAdapter
from bot.ports import ChannelRef
from bot.schedule.periods import last_slot, next_slot, period_of, slot_in
from bot.schedule.scheduler import DigestScheduler, cron_for, job_id
from bot.store import Store, Subscription
from tests.support.databases import Database
from tests.support.delivery_kit import WEDNESDAY, Clock, make_service


def fire_times(sub: Subscription, start: datetime, count: int) -> list[datetime]:
    trigger = cron_for(sub)
    times: list[datetime] = []
    previous = None
    now = start
    for _ in range(count):
        fire = trigger.get_next_fire_time(previous, now)
        times.append(fire)
        previous = now = fire
    return times


@pytest.mark.parametrize(
    ("zone", "start", "utc_hours"),
    [
        # Berlin: CET (UTC+1) -> CEST (UTC+2) on 29 March, back on 25 October 2026.
        ("Europe/Berlin", datetime(2026, 3, 20, tzinfo=UTC), [8, 7, 7]),
        ("Europe/Berlin", datetime(2026, 10, 16, tzinfo=UTC), [7, 8, 8]),
        # New York: EST (UTC-5) -> EDT (UTC-4) on 8 March, back on 1 November 2026.
        ("America/New_York", datetime(2026, 3, 1, tzinfo=UTC), [14, 13, 13]),
        ("America/New_York", datetime(2026, 10, 25, tzinfo=UTC), [13, 14, 14]),
    ],
)
def test_dst_change_keeps_local_time(zone: str, start: datetime, utc_hours: list[int]) -> None:
    sub = Subscription(ChannelRef("m", "w", "c"), weekday="mon", time="09:00", timezone=zone)
    times = fire_times(sub, start, 3)
    local = [t.astimezone(ZoneInfo(zone)) for t in times]
    assert [(t.strftime("%a"), t.hour, t.minute) for t in local] == [("Mon", 9, 0)] * 3
    assert [t.astimezone(UTC).hour for t in times] == utc_hours
    # The catch-up arithmetic agrees with the trigger, slot for slot.
    for fire in times:
        period = period_of(fire, zone)
        assert slot_in(period, "mon", "09:00", zone) == fire
        assert next_slot(fire - timedelta(minutes=1), "mon", "09:00", zone) == fire
        assert last_slot(fire, "mon", "09:00", zone) == (period, fire)


def test_a_local_time_in_the_spring_gap_resolves_like_the_trigger() -> None:
    sub = Subscription(ChannelRef("m", "w", "c"), "sun", "02:30", "Europe/Berlin")
    (fire,) = fire_times(sub, datetime(2026, 3, 28, tzinfo=UTC), 1)
    assert fire.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST
    # (PEP 495: a datetime inside the gap never equals one in another zone; compare in UTC.)
    assert slot_in("2026-W13", "sun", "02:30", "Europe/Berlin") == fire.astimezone(UTC)


def test_the_period_is_the_iso_week_in_the_subscriptions_timezone() -> None:
    sunday_late_utc = datetime(2026, 5, 10, 23, 30, tzinfo=UTC)
    assert period_of(sunday_late_utc, "UTC") == "2026-W19"
    assert period_of(sunday_late_utc, "Europe/Berlin") == "2026-W20"  # already Monday there
    # A job that fires just after midnight still delivers the week its slot was in.
    assert last_slot(sunday_late_utc + timedelta(minutes=45), "sun", "23:59", "UTC") == (
        "2026-W19",
        datetime(2026, 5, 10, 23, 59, tzinfo=UTC),
    )


async def test_sync_follows_the_table(store: Store, database: Database) -> None:
    clock = Clock(WEDNESDAY)
    service = make_service(store, database, clock)
    scheduler = DigestScheduler(service, service.settings, clock)
    first = ChannelRef("memory", "W", "1")
    await service.subscribe(first, actor="U", weekday="fri", time="10:00", timezone="Asia/Tokyo")
    await service.subscribe(ChannelRef("discord", "G", "2"), actor="U")  # no adapter here

    report = await scheduler.start()
    try:
        assert (report.added, report.caught_up) == (1, 0)
        job = scheduler.apscheduler.get_job(job_id(first))
        assert job is not None
        next_fire = job.trigger.get_next_fire_time(None, WEDNESDAY)
        assert next_fire == datetime(2026, 5, 8, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))

        await service.subscribe(first, actor="U", time="11:00")
        second = ChannelRef("memory", "W", "2")
        await service.subscribe(second, actor="U")
        report = await scheduler.sync()
        assert (report.added, report.replaced, report.removed) == (1, 1, 0)
        job = scheduler.apscheduler.get_job(job_id(first))
        assert job is not None and job.trigger.get_next_fire_time(None, WEDNESDAY).hour == 11

        await service.unsubscribe(first)
        report = await scheduler.sync()
        assert report.removed == 1 and scheduler.apscheduler.get_job(job_id(first)) is None
        assert (await scheduler.sync()).added == 0  # nothing changed, nothing re-added
    finally:
        await scheduler.shutdown()


async def test_catch_up_after_downtime_posts_once(store: Store, database: Database) -> None:
    # Subscribed last week for Mondays 09:00 Berlin; the bot was down all Monday.
    adapter = InMemoryAdapter()
    clock = Clock(WEDNESDAY - timedelta(days=7))
    service = make_service(store, database, clock, adapter)
    channel = ChannelRef("memory", "W", "C")
    await service.subscribe(channel, actor="U", weekday="mon", timezone="Europe/Berlin")
    late = ChannelRef("memory", "W", "late")
    clock.now = WEDNESDAY - timedelta(hours=1)  # subscribed after this Monday's slot
    await service.subscribe(late, actor="U", weekday="mon", timezone="Europe/Berlin")
    clock.now = WEDNESDAY

    for _ in range(2):  # a start, then a restart of a second process on the same database
        scheduler = DigestScheduler(service, service.settings, clock)
        await scheduler.start()
        await scheduler.wait_idle()
        await scheduler.sync()
        await scheduler.wait_idle()
        await scheduler.shutdown()

    assert [(p.channel, p.digest.week) for p in adapter.posted] == [(channel, "2026-W19")]
    record = await store.delivery(channel, "2026-W19")
    assert record is not None and record.status == "sent"
    assert await store.delivery(late, "2026-W19") is None


async def test_the_cron_job_delivers_the_slot_that_just_passed(
    store: Store, database: Database
) -> None:
    adapter = InMemoryAdapter()
    clock = Clock(WEDNESDAY)
    service = make_service(store, database, clock, adapter)
    channel = ChannelRef("memory", "W", "C")
    await service.subscribe(channel, actor="U", weekday="thu", time="09:00", timezone="UTC")
    scheduler = DigestScheduler(service, service.settings, clock)
    await scheduler.start()
    try:
        job = scheduler.apscheduler.get_job(job_id(channel))
        assert job is not None
        clock.now = job.trigger.get_next_fire_time(None, WEDNESDAY) + timedelta(seconds=2)
        await job.func(*job.args)  # what APScheduler runs at that time
        await job.func(*job.args)  # a duplicate firing changes nothing
    finally:
        await scheduler.shutdown()
    assert [p.digest.week for p in adapter.posted] == ["2026-W19"]


async def test_after_now_the_schedule_posts_when_status_says(
    store: Store, database: Database
) -> None:
    adapter = InMemoryAdapter()
    clock = Clock(WEDNESDAY)
    service = make_service(store, database, clock, adapter)
    channel = ChannelRef("memory", "W", "C")
    await service.subscribe(channel, actor="U", weekday="fri", time="09:00", timezone="UTC")
    await service.send_now(channel)  # this week's digest, two days early
    promised = (await service.status(channel)).next_run
    assert promised is not None
    scheduler = DigestScheduler(service, service.settings, clock)
    await scheduler.start()
    try:
        job = scheduler.apscheduler.get_job(job_id(channel))
        assert job is not None
        fire = job.trigger.get_next_fire_time(None, WEDNESDAY)
        assert fire < promised  # this Friday's job still fires ...
        clock.now = fire + timedelta(seconds=2)
        await job.func(*job.args)
        await scheduler.wait_idle()
        assert [p.digest.week for p in adapter.posted] == ["2026-W19"]  # ... and posts nothing
        assert (await service.status(channel)).next_run == promised
        assert job.trigger.get_next_fire_time(fire, clock.now) == promised
        clock.now = promised + timedelta(seconds=2)
        await job.func(*job.args)
        await scheduler.wait_idle()
    finally:
        await scheduler.shutdown()
    assert [p.digest.week for p in adapter.posted] == ["2026-W19", "2026-W20"]


async def test_shutdown_releases_claims_that_have_not_posted(
    store: Store, database: Database
) -> None:
    class Stuck(InMemoryAdapter):
        async def post_digest(self, channel: ChannelRef, digest: object) -> str:  # type: ignore[override]
            raise AssertionError("never reached: the rate gate holds every poster")

    adapter = Stuck()
    clock = Clock(WEDNESDAY - timedelta(days=7))
    service = make_service(store, database, clock, adapter, shutdown_grace_seconds=0.1)
    channel = ChannelRef("memory", "W", "C")
    sub = await service.subscribe(channel, actor="U", weekday="mon", timezone="UTC")
    clock.now = WEDNESDAY
    service.deliverer.gate("memory").limited(3600)  # as after a 429 with a long Retry-After
    scheduler = DigestScheduler(service, service.settings, clock)
    await scheduler.start()
    await asyncio.sleep(0.2)
    assert (await store.delivery(channel, "2026-W19")) is not None  # claimed, waiting
    await scheduler.shutdown()
    assert await store.delivery(channel, "2026-W19") is None  # given back
    assert sub.channel == channel


async def test_a_periodic_job_slower_than_its_interval_is_skipped_quietly(
    store: Store, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """A corpus read that takes longer than the reload interval: the runs that come meanwhile
    are skipped without a warning each, and a shutdown during a run is no error."""
    service = make_service(store, database, Clock(WEDNESDAY))
    scheduler = DigestScheduler(service, service.settings, Clock(WEDNESDAY))
    running, most, runs = 0, 0, 0

    async def slow() -> None:
        nonlocal running, most, runs
        running, runs = running + 1, runs + 1
        most = max(most, running)
        try:
            await asyncio.sleep(0.5)
        finally:
            running -= 1

    await scheduler.start()
    try:
        scheduler.add_periodic(slow, 0.05, "slow-job")
        await asyncio.sleep(1.3)
    finally:
        await scheduler.shutdown()
        await asyncio.sleep(0.05)
    assert most == 1 and 2 <= runs <= 3
    noisy = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert noisy == [], [r.getMessage() for r in noisy]
