"""Two bot processes against one PostgreSQL: 200 channels due at once, one digest each."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.support.bot_processes import (
    posts_per_channel,
    start_bot,
    subscribe_many,
    wait_until_sent,
)
from tests.support.databases import Database

CHANNELS = 200


@pytest.mark.slow
@pytest.mark.postgres
async def test_two_replicas_post_every_digest_exactly_once(
    postgres_database: Database, tmp_path: Path
) -> None:
    sink = tmp_path / "posts.jsonl"
    options = {
        "sync_interval_seconds": "1",
        "delivery_concurrency": "5",
        "claim_lease_seconds": "60",
    }
    # Both replicas run (and have migrated the same schema at once) before any channel is
    # due, so both find all 200 due in the same sync period and race for every claim.
    replicas = [
        await start_bot(name, postgres_database, sink, tmp_path, delay=0.05, **options)
        for name in ("replica-a", "replica-b")
    ]
    try:
        await asyncio.gather(*(replica.ready() for replica in replicas))
        channels = await subscribe_many(postgres_database, CHANNELS)
        sent = await wait_until_sent(postgres_database, CHANNELS, timeout=40)
        await asyncio.sleep(2.5)  # two more syncs: time for any duplicate to show up
    finally:
        codes = [await replica.stop() for replica in replicas]

    per_channel, per_replica = posts_per_channel(sink)
    assert sent == CHANNELS
    assert set(per_channel) == {channel.channel for channel in channels}
    assert set(per_channel.values()) == {1}, [c for c, n in per_channel.items() if n > 1]
    assert set(per_replica) == {"replica-a", "replica-b"}  # both really took part
    assert codes == [0, 0]
