"""Service: subscribe / unsubscribe / status, validation messages, preview, deliver."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.adapters.memory import InMemoryAdapter
from bot.ports import ChannelRef, PermanentPostError, TransientPostError
from bot.service import ValidationProblem
from bot.store import Store
from tests.support.databases import Database
from tests.support.delivery_kit import WEDNESDAY, Clock, make_service

CHANNEL = ChannelRef("memory", "W1", "C1")


async def test_subscribe_status_unsubscribe_round_trip(store: Store, database: Database) -> None:
    service = make_service(store, database, Clock(WEDNESDAY))
    sub = await service.subscribe(
        CHANNEL,
        actor="U42",
        weekday="Friday",
        time="9:30am",
        timezone="europe/berlin",
        topics=["Pruning", " GANs "],
        size=3,
    )
    assert (sub.weekday, sub.time, sub.timezone) == ("fri", "09:30", "Europe/Berlin")
    assert (sub.topics, sub.size, sub.created_by) == (("pruning", "gans"), 3, "U42")

    status = await service.status(CHANNEL)
    assert status.subscription == sub and status.paused_reason is None
    assert status.last_delivery is None
    assert status.next_run == datetime(2026, 5, 8, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))

    # Changing one thing keeps the rest (and the original author).
    changed = await service.subscribe(CHANNEL, actor="U7", time="17:00")
    assert (changed.weekday, changed.time, changed.topics, changed.created_by) == (
        "fri",
        "17:00",
        ("pruning", "gans"),
        "U42",
    )

    assert await service.unsubscribe(CHANNEL) is True
    assert await service.unsubscribe(CHANNEL) is False
    gone = await service.status(CHANNEL)
    assert gone.subscription is None and gone.next_run is None


async def test_defaults_come_from_settings(store: Store, database: Database) -> None:
    service = make_service(
        store, database, Clock(WEDNESDAY), default_weekday="tue", default_timezone="Asia/Tokyo"
    )
    sub = await service.subscribe(CHANNEL, actor="U1")
    assert (sub.weekday, sub.time, sub.timezone, sub.size) == ("tue", "09:00", "Asia/Tokyo", 4)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("weekday", "someday", "is not a weekday. Use mon, tue"),
        ("weekday", "funday", "is not a weekday. Did you mean sun? Use mon, tue"),
        ("time", "25:00", "Use 24-hour HH:MM such as 09:00"),
        ("time", "13pm", "is not a time of day"),
        ("time", "9:75", "is not a time of day"),
        ("timezone", "Mars/Olympus", "Use a name like Europe/Berlin"),
        ("timezone", "Berlin", "Did you mean Europe/Berlin?"),
        ("timezone", "America/New_Yrok", "Did you mean America/New_York?"),
        ("size", 0, "from 1 to 10"),
        ("size", 11, "from 1 to 10"),
        ("topics", ["x" * 60], "too long"),
    ],
)
async def test_bad_arguments_get_a_clear_message(
    store: Store, database: Database, field: str, value: object, expected: str
) -> None:
    service = make_service(store, database, Clock(WEDNESDAY))
    with pytest.raises(ValidationProblem) as problem:
        await service.subscribe(CHANNEL, actor="U1", **{field: value})  # type: ignore[arg-type]
    assert expected in str(problem.value)
    assert await service.store.subscription(CHANNEL) is None


async def test_preview_posts_nothing_and_send_now_posts_once(
    store: Store, database: Database
) -> None:
    adapter = InMemoryAdapter()
    service = make_service(store, database, Clock(WEDNESDAY), adapter)
    preview = await service.preview(CHANNEL)
    assert preview.week == "2026-W19" and len(preview.highlights) == 4
    assert adapter.posted == []

    with pytest.raises(ValidationProblem, match="Subscribe first"):
        await service.send_now(CHANNEL)
    await service.subscribe(CHANNEL, actor="U1", size=2)
    first = await service.send_now(CHANNEL)
    again = await service.send_now(CHANNEL)
    assert first.status == "sent" and len(first.paper_ids) == 2
    assert again.status == "already_sent" and again.message_id == first.message_id
    assert len(adapter.posted) == 1
    status = await service.status(CHANNEL)
    assert status.last_delivery is not None and status.last_delivery.status == "sent"


async def test_no_repeats_across_weeks(store: Store, database: Database) -> None:
    adapter = InMemoryAdapter()
    clock = Clock(WEDNESDAY)
    service = make_service(store, database, clock, adapter)
    sub = await service.subscribe(CHANNEL, actor="U1", size=4)
    shown: list[str] = []
    for period in ("2026-W19", "2026-W20", "2026-W21"):
        outcome = await service.deliver(sub, period)
        assert outcome.status == "sent"
        shown += outcome.paper_ids
    assert len(shown) == 12 and len(set(shown)) == 12  # the small corpus has 12 papers
    assert await store.seen_papers(CHANNEL) == set(shown)
    assert [p.digest.week for p in adapter.posted] == ["2026-W19", "2026-W20", "2026-W21"]


async def test_a_permanent_error_pauses_with_the_reason(store: Store, database: Database) -> None:
    adapter = InMemoryAdapter()
    service = make_service(store, database, Clock(WEDNESDAY), adapter)
    sub = await service.subscribe(CHANNEL, actor="U1")
    adapter.fail_next(CHANNEL, PermanentPostError("the bot was removed from the channel"))

    outcome = await service.deliver(sub, "2026-W19")
    assert outcome.status == "failed"
    status = await service.status(CHANNEL)
    assert status.paused_reason == "the bot was removed from the channel"
    assert status.next_run is None
    assert status.last_delivery is not None and status.last_delivery.status == "failed"
    assert adapter.posted == []
    # Paused means no more posts, until the channel subscribes again.
    paused = await store.subscription(CHANNEL)
    assert paused is not None
    assert (await service.deliver(paused, "2026-W20")).status == "paused"
    resumed = await service.subscribe(CHANNEL, actor="U1")
    assert not resumed.paused and resumed.paused_reason is None
    assert (await service.deliver(resumed, "2026-W20")).status == "sent"


async def test_a_transient_error_is_retried(store: Store, database: Database) -> None:
    adapter = InMemoryAdapter()
    service = make_service(store, database, Clock(WEDNESDAY), adapter)
    sub = await service.subscribe(CHANNEL, actor="U1")
    adapter.fail_next(
        CHANNEL,
        TransientPostError("HTTP 503"),
        TransientPostError("HTTP 429", retry_after=0.05),
    )
    outcome = await service.deliver(sub, "2026-W19")
    assert (outcome.status, outcome.attempts) == ("sent", 3)
    assert len(adapter.posted) == 1
    record = await store.delivery(CHANNEL, "2026-W19")
    assert record is not None and record.attempts == 3
    assert record.last_error == "TransientPostError: HTTP 429"


async def test_attempts_are_bounded(store: Store, database: Database) -> None:
    adapter = InMemoryAdapter()
    service = make_service(store, database, Clock(WEDNESDAY), adapter, delivery_attempts=3)
    sub = await service.subscribe(CHANNEL, actor="U1")
    adapter.fail_next(CHANNEL, *(TransientPostError(f"timeout {i}") for i in range(5)))
    outcome = await service.deliver(sub, "2026-W19")
    assert (outcome.status, outcome.error) == ("failed", "timeout 2")
    record = await store.delivery(CHANNEL, "2026-W19")
    assert record is not None and (record.status, record.attempts) == ("failed", 3)
    # A failed period stays failed (no duplicate risk); the subscription is not paused.
    assert (await service.deliver(sub, "2026-W19")).status == "failed"
    assert not (await service.status(CHANNEL)).paused_reason


async def test_rate_limits_do_not_use_up_the_attempts(store: Store, database: Database) -> None:
    adapter = InMemoryAdapter()
    service = make_service(store, database, Clock(WEDNESDAY), adapter, delivery_attempts=2)
    sub = await service.subscribe(CHANNEL, actor="U1")
    adapter.fail_next(
        CHANNEL,
        *(TransientPostError("HTTP 429", retry_after=0.01) for _ in range(4)),
        TransientPostError("HTTP 502"),
    )
    outcome = await service.deliver(sub, "2026-W19")
    assert (outcome.status, outcome.attempts) == ("sent", 6)


async def test_an_unexpected_adapter_error_counts_as_transient(
    store: Store, database: Database
) -> None:
    class Flaky(InMemoryAdapter):
        calls = 0

        async def post_digest(self, channel: ChannelRef, digest: object) -> str:  # type: ignore[override]
            self.calls += 1
            if self.calls == 1:
                raise ConnectionResetError("peer went away")
            return await super().post_digest(channel, digest)  # type: ignore[arg-type]

    adapter = Flaky()
    service = make_service(store, database, Clock(WEDNESDAY), adapter)
    sub = await service.subscribe(CHANNEL, actor="U1")
    assert (await service.deliver(sub, "2026-W19")).status == "sent"
    record = await store.delivery(CHANNEL, "2026-W19")
    assert record is not None and "ConnectionResetError" in (record.last_error or "")


async def test_no_adapter_means_no_claim(store: Store, database: Database) -> None:
    service = make_service(store, database, Clock(WEDNESDAY))
    elsewhere = ChannelRef("discord", "G1", "1")
    sub = await service.subscribe(elsewhere, actor="U1")
    assert (await service.deliver(sub, "2026-W19")).status == "no_adapter"
    assert await store.delivery(elsewhere, "2026-W19") is None


async def test_status_next_run_is_local_time_after_now(store: Store, database: Database) -> None:
    clock = Clock(WEDNESDAY)
    service = make_service(store, database, clock)
    await service.subscribe(CHANNEL, actor="U1", weekday="wed", time="08:00", timezone="UTC")
    status = await service.status(CHANNEL)
    assert status.next_run is not None
    assert status.next_run - WEDNESDAY == timedelta(days=6, hours=20)


async def test_after_now_the_next_flashback_is_next_weeks(store: Store, database: Database) -> None:
    service = make_service(store, database, Clock(WEDNESDAY))
    await service.subscribe(CHANNEL, actor="U1", weekday="fri", time="09:00", timezone="UTC")
    this_friday = datetime(2026, 5, 8, 9, 0, tzinfo=ZoneInfo("UTC"))
    assert (await service.status(CHANNEL)).next_run == this_friday
    assert (await service.send_now(CHANNEL)).status == "sent"  # 2026-W19 is delivered
    status = await service.status(CHANNEL)
    assert status.last_delivery is not None and status.last_delivery.period == "2026-W19"
    assert status.next_run == this_friday + timedelta(days=7)


async def test_subscriptions_due_are_those_without_a_post_or_with_a_stale_claim(
    store: Store, database: Database
) -> None:
    clock = Clock(WEDNESDAY - timedelta(days=14))
    service = make_service(store, database, clock, claim_lease_seconds=900)
    quiet, live, sent = (ChannelRef("memory", "W1", f"C{i}") for i in range(3))
    for channel in (quiet, live, sent):
        await service.subscribe(channel, actor="U1", weekday="mon", time="09:00", timezone="UTC")
    other = ChannelRef("elsewhere", "W1", "C9")  # a platform this process does not post to
    await service.subscribe(other, actor="U1", weekday="mon", timezone="UTC")
    clock.now = WEDNESDAY  # Monday 09:00 of this week has passed
    subs = await service.subscriptions()
    assert {s.channel for s in subs} == {quiet, live, sent}

    await store.claim(quiet, "2026-W19", "gone", WEDNESDAY - timedelta(hours=1))
    await store.claim(live, "2026-W19", "busy", WEDNESDAY - timedelta(minutes=1))
    await service.deliver(next(s for s in subs if s.channel == sent), "2026-W19")
    due = await service.subscriptions_due(subs, WEDNESDAY)
    assert [(sub.channel, period) for sub, period in due] == [(quiet, "2026-W19")]


async def test_paper_by_id_finds_the_served_catalog_entry(store: Store, database: Database) -> None:
    service = make_service(store, database, Clock(WEDNESDAY))
    paper = service.corpus.papers[0]
    assert service.paper_by_id(paper.id) is paper
    assert service.paper_by_id("no-such-paper") is None
