"""Delivery under contention: two workers, stale claims, lost claims, the rate gate."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.adapters.memory import InMemoryAdapter
from bot.ports import ChannelRef, TransientPostError
from bot.schedule.rate_gate import SLOWER, UNDER, RateGate
from bot.store import Store
from tests.support.databases import Database
from tests.support.delivery_kit import WEDNESDAY, Clock, make_service

PERIOD = "2026-W19"


async def test_two_workers_post_each_digest_once(store: Store, database: Database) -> None:
    adapter = InMemoryAdapter()  # one platform, two bot instances posting into it
    clock = Clock(WEDNESDAY)
    first = make_service(store, database, clock, adapter, replica_id="one")
    second_store = await database.open_store()
    second = make_service(second_store, database, clock, adapter, replica_id="two")
    subs = [await first.subscribe(ChannelRef("memory", "W", f"C{i}"), actor="U") for i in range(40)]
    outcomes = await asyncio.gather(
        *(service.deliver(sub, PERIOD) for sub in subs for service in (first, second))
    )
    await second_store.close()

    assert sorted(p.channel.channel for p in adapter.posted) == sorted(
        sub.channel.channel for sub in subs
    )
    statuses = [o.status for o in outcomes]
    assert statuses.count("sent") == 40
    assert set(statuses) <= {"sent", "already_sent", "claimed_elsewhere"}
    assert await store.count_deliveries("sent") == 40


async def test_a_stale_claim_is_taken_over_and_posted(store: Store, database: Database) -> None:
    adapter = InMemoryAdapter()
    clock = Clock(WEDNESDAY)
    service = make_service(store, database, clock, adapter, claim_lease_seconds=60)
    sub = await service.subscribe(ChannelRef("memory", "W", "C"), actor="U")
    # A replica claimed, counted an attempt, and died before (or while) posting.
    assert await store.claim(sub.channel, PERIOD, "dead-replica", clock())
    assert await store.start_attempt(sub.channel, PERIOD, "dead-replica", clock()) == 1

    assert (await service.deliver(sub, PERIOD)).status == "claimed_elsewhere"  # lease holds
    clock.advance(seconds=61)
    outcome = await service.deliver(sub, PERIOD)
    assert outcome.status == "sent" and len(adapter.posted) == 1
    record = await store.delivery(sub.channel, PERIOD)
    assert record is not None and record.claimed_by == "test-replica" and record.attempts == 2


async def test_a_takeover_does_not_repost_what_already_arrived(
    store: Store, database: Database
) -> None:
    adapter = InMemoryAdapter()
    clock = Clock(WEDNESDAY)
    service = make_service(store, database, clock, adapter, claim_lease_seconds=60)
    sub = await service.subscribe(ChannelRef("memory", "W", "C"), actor="U")
    # The dead replica's post reached the channel; it died before recording it.
    assert await store.claim(sub.channel, PERIOD, "dead-replica", clock())
    assert await store.start_attempt(sub.channel, PERIOD, "dead-replica", clock()) == 1
    digest = await service.preview(sub.channel)
    message_id = await adapter.post_digest(sub.channel, digest)

    clock.advance(seconds=61)
    outcome = await service.deliver(sub, PERIOD)
    assert (outcome.status, outcome.message_id) == ("sent", message_id)
    assert len(adapter.posted) == 1


async def test_a_worker_that_lost_its_claim_does_not_post(store: Store, database: Database) -> None:
    clock = Clock(WEDNESDAY)

    class SlowThenTakenOver(InMemoryAdapter):
        failed = False

        async def post_digest(self, channel: ChannelRef, digest: object) -> str:  # type: ignore[override]
            if not self.failed:
                self.failed = True
                # While we wait out the 503, the lease expires and another replica takes over.
                clock.advance(seconds=61)
                taken = await store.take_over(
                    channel, PERIOD, "other", clock(), timedelta(seconds=60)
                )
                assert taken is not None
                raise TransientPostError("HTTP 503")
            return await super().post_digest(channel, digest)  # type: ignore[arg-type]

    adapter = SlowThenTakenOver()
    service = make_service(store, database, clock, adapter, claim_lease_seconds=60)
    sub = await service.subscribe(ChannelRef("memory", "W", "C"), actor="U")
    assert (await service.deliver(sub, PERIOD)).status == "claimed_elsewhere"
    assert adapter.posted == []


async def test_the_rate_gate_holds_every_poster() -> None:
    now = [100.0]
    gate = RateGate(_clock=lambda: now[0])
    gate.limited(2.0)
    gate.limited(1.0)  # a shorter hold does not shorten the longer one
    assert gate.resume_at == 102.0
    now[0] = 100.5
    gate.limited(2.0)  # a late 429 from a post already in flight: no real news
    assert gate.resume_at == 102.0
    gate.limited(30.0)  # clearly longer: the platform means it
    assert gate.resume_at == 130.5
    now[0] = 131.0
    await asyncio.wait_for(gate.wait(), timeout=1)


async def _burst_then_429(gate: RateGate, now: list[float], posts: int = 50) -> None:
    for _ in range(posts):  # posts went through in the last second...
        await gate.wait()
        gate.accepted()
        now[0] += 0.01
    gate.limited(1.0)  # ...then a 429


async def test_the_rate_gate_learns_the_rate_a_429_implies() -> None:
    now = [0.0]
    gate = RateGate(_clock=lambda: now[0])
    await _burst_then_429(gate, now)
    assert gate.interval == pytest.approx(1 / 50 * UNDER)
    # Held until the first of those posts is a second old, not for the rounded Retry-After.
    assert gate.resume_at == pytest.approx(1.0) and now[0] == pytest.approx(0.5)
    for _ in range(20):  # the rest of the burst was in flight: its 429s change nothing
        gate.limited(1.0)
    assert gate.interval == pytest.approx(1 / 50 * UNDER)

    now[0] = gate.resume_at  # after the hold, posts leave one interval apart
    for _ in range(3):
        await asyncio.wait_for(gate.wait(), timeout=1)  # returns at once: its turn is now
        turn = now[0]
        assert gate._next_slot == pytest.approx(turn + gate.interval)
        now[0] = gate._next_slot

    now[0] += 61  # a quiet minute: the next fan-out starts unpaced
    gate.accepted()
    now[0] += 61
    await asyncio.wait_for(gate.wait(), timeout=1)
    assert gate.interval == 0.0


async def test_a_429_while_pacing_slows_the_pace_instead_of_stopping_everyone() -> None:
    now = [0.0]
    gate = RateGate(_clock=lambda: now[0])
    await _burst_then_429(gate, now)
    learned = gate.interval
    now[0] = gate.resume_at + 0.5
    gate.limited(1.0)  # a paced post met the edge of the platform's window
    assert gate.resume_at < now[0]  # nobody is held for a second
    assert gate.interval == pytest.approx(learned * SLOWER)
    gate.limited(1.0)  # the same window: no second slow-down
    assert gate.interval == pytest.approx(learned * SLOWER)
    gate.limited(30.0)  # a long Retry-After is meant: everyone waits
    assert gate.resume_at == now[0] + 30.0


async def test_one_channels_limit_teaches_the_gate_nothing() -> None:
    now = [0.0]
    gate = RateGate(_clock=lambda: now[0])
    gate.accepted()
    gate.limited(1.0)
    assert gate.interval == 0.0 and gate.resume_at == 1.0
