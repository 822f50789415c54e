"""The store on SQLite and PostgreSQL: migrations, subscriptions, ledger claims, history."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.ports import ChannelRef
from bot.store import Store, Subscription
from bot.store.database import current_revision, head_revision, upgrade
from bot.store.tables import Base
from tests.support.databases import Database

NOW = datetime(2026, 5, 6, 12, 0, tzinfo=UTC)
LEASE = timedelta(minutes=15)
CHANNEL = ChannelRef("slack", "T1", "C1")


def subscription(channel: ChannelRef = CHANNEL, **changes: object) -> Subscription:
    values: dict[str, object] = {
        "channel": channel,
        "weekday": "mon",
        "time": "09:00",
        "timezone": "Europe/Berlin",
        "topics": ("pruning",),
        "size": 4,
        "created_by": "U1",
    }
    values.update(changes)
    return Subscription(**values)  # type: ignore[arg-type]


async def test_migrations_reach_head_and_match_the_models(store: Store) -> None:
    assert await current_revision(store.engine) == head_revision() == "0002"

    def diff(sync_connection: object) -> list[object]:
        context = MigrationContext.configure(sync_connection)  # type: ignore[arg-type]
        return compare_metadata(context, Base.metadata)

    async with store.engine.connect() as connection:
        assert await connection.run_sync(diff) == []


async def test_upgrade_twice_and_concurrently_is_harmless(database: Database) -> None:
    first, second = await asyncio.gather(database.open_store(), database.open_store())
    await upgrade(first.engine, schema=database.schema)
    assert await current_revision(second.engine) == head_revision()
    await first.close()
    await second.close()


async def test_subscription_round_trip(store: Store) -> None:
    saved = await store.save_subscription(subscription(), NOW)
    assert saved.topics == ("pruning",)
    assert saved.created_at == saved.updated_at == saved.effective_from == NOW
    later = NOW + timedelta(hours=1)
    changed = await store.save_subscription(
        subscription(weekday="fri", created_by="U2", created_at=NOW), later
    )
    assert (changed.weekday, changed.created_by, changed.created_at) == ("fri", "U1", NOW)
    assert changed.updated_at == later
    assert [s.channel for s in await store.subscriptions()] == [CHANNEL]

    await store.pause(CHANNEL, "channel_not_found", later)
    paused = await store.subscription(CHANNEL)
    assert paused is not None and paused.paused and paused.paused_reason == "channel_not_found"
    assert await store.subscriptions() == []
    assert len(await store.subscriptions(include_paused=True)) == 1

    assert await store.delete_subscription(CHANNEL) is True
    assert await store.delete_subscription(CHANNEL) is False
    assert await store.subscription(CHANNEL) is None


async def test_only_one_of_many_concurrent_claims_wins(store: Store) -> None:
    wins = await asyncio.gather(
        *(store.claim(CHANNEL, "2026-W19", f"replica-{i}", NOW) for i in range(20))
    )
    assert wins.count(True) == 1
    record = await store.delivery(CHANNEL, "2026-W19")
    assert record is not None and record.status == "claimed" and record.attempts == 0
    # Another period and another channel are separate rows.
    assert await store.claim(CHANNEL, "2026-W20", "replica-0", NOW)
    assert await store.claim(ChannelRef("slack", "T1", "C2"), "2026-W19", "replica-0", NOW)


async def test_a_claim_is_taken_over_only_after_the_lease_and_by_one_taker(store: Store) -> None:
    assert await store.claim(CHANNEL, "2026-W19", "dead", NOW)
    assert await store.take_over(CHANNEL, "2026-W19", "alive", NOW + LEASE / 2, LEASE) is None

    later = NOW + LEASE + timedelta(seconds=1)
    takers = await asyncio.gather(
        *(store.take_over(CHANNEL, "2026-W19", f"taker-{i}", later, LEASE) for i in range(10))
    )
    winners = [t for t in takers if t is not None]
    assert len(winners) == 1
    record = await store.delivery(CHANNEL, "2026-W19")
    assert record is not None and record.claimed_by == winners[0].claimed_by
    assert record.claimed_at == later


async def test_attempts_need_the_claim_and_sent_rows_record_history(store: Store) -> None:
    assert await store.claim(CHANNEL, "2026-W19", "me", NOW)
    assert await store.start_attempt(CHANNEL, "2026-W19", "someone-else", NOW) is None
    assert await store.start_attempt(CHANNEL, "2026-W19", "me", NOW) == 1
    await store.note_error(CHANNEL, "2026-W19", "me", "TransientPostError: 503")
    assert await store.start_attempt(CHANNEL, "2026-W19", "me", NOW) == 2
    await store.mark_sent(CHANNEL, "2026-W19", "me", "1700.01", ["arxiv:1", "t:x"], NOW)

    record = await store.delivery(CHANNEL, "2026-W19")
    assert record is not None
    assert (record.status, record.message_id, record.attempts) == ("sent", "1700.01", 2)
    assert record.paper_ids == ("arxiv:1", "t:x")
    assert record.last_error == "TransientPostError: 503"
    assert await store.seen_papers(CHANNEL) == {"arxiv:1", "t:x"}
    # A sent row is neither taken over nor released.
    far = NOW + timedelta(days=1)
    assert await store.take_over(CHANNEL, "2026-W19", "other", far, LEASE) is None
    assert await store.release(CHANNEL, "2026-W19", "me") is False
    # Showing a paper again (a new round) keeps one history row per paper.
    assert await store.claim(CHANNEL, "2026-W20", "me", NOW)
    await store.mark_sent(CHANNEL, "2026-W20", "me", "1700.02", ["arxiv:1"], NOW)
    assert await store.seen_papers(CHANNEL) == {"arxiv:1", "t:x"}
    last = await store.last_delivery(CHANNEL)
    assert last is not None and last.period == "2026-W20"


async def test_release_gives_the_claim_back_and_failed_is_final(store: Store) -> None:
    assert await store.claim(CHANNEL, "2026-W19", "me", NOW)
    assert await store.release(CHANNEL, "2026-W19", "me") is True
    assert await store.claim(CHANNEL, "2026-W19", "other", NOW)
    await store.mark_failed(CHANNEL, "2026-W19", "other", "not_in_channel")
    record = await store.delivery(CHANNEL, "2026-W19")
    assert record is not None and (record.status, record.last_error) == ("failed", "not_in_channel")
    assert not await store.claim(CHANNEL, "2026-W19", "third", NOW)
    assert await store.count_deliveries("failed") == 1


async def test_deliveries_for_many_keys(store: Store) -> None:
    other = ChannelRef("discord", "G1", "42")
    assert await store.claim(CHANNEL, "2026-W19", "me", NOW)
    assert await store.claim(other, "2026-W18", "me", NOW)
    found = await store.deliveries_for({(CHANNEL, "2026-W19"), (other, "2026-W19")})
    assert list(found) == [(CHANNEL, "2026-W19")]


async def test_times_come_back_aware_utc(store: Store) -> None:
    berlin_noon = datetime(2026, 5, 6, 14, 0, tzinfo=UTC).astimezone()
    assert await store.claim(CHANNEL, "2026-W19", "me", berlin_noon)
    record = await store.delivery(CHANNEL, "2026-W19")
    assert record is not None and record.claimed_at == berlin_noon
    assert record.claimed_at.utcoffset() == timedelta(0)
