"""SIGKILL a bot in the middle of a fan-out, restart it: every channel gets exactly one digest."""

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
LEASE = 10  # seconds; the smallest the setting allows, so the test waits little


@pytest.mark.slow
async def test_sigkill_mid_fan_out_then_restart(database: Database, tmp_path: Path) -> None:
    sink = tmp_path / "posts.jsonl"
    options = {
        "sync_interval_seconds": "1",
        "delivery_concurrency": "4",
        "claim_lease_seconds": str(LEASE),
    }
    channels = await subscribe_many(database, CHANNELS)

    bot = await start_bot("bot", database, sink, tmp_path, delay=0.05, **options)
    await bot.ready()
    while len(posts_per_channel(sink)[0]) < 40:
        await asyncio.sleep(0.01)
    bot.kill()
    assert await bot.process.wait() == -9
    posted_before = sum(posts_per_channel(sink)[0].values())
    assert 40 <= posted_before < CHANNELS  # the kill landed in the middle

    restarted = await start_bot("bot", database, sink, tmp_path, **options)
    try:
        await restarted.ready()
        # Claims of the killed process are taken over once their lease has run out.
        sent = await wait_until_sent(database, CHANNELS, timeout=LEASE + 25)
        await asyncio.sleep(2.5)
    finally:
        code = await restarted.stop()

    per_channel, _ = posts_per_channel(sink)
    assert sent == CHANNELS
    assert set(per_channel) == {channel.channel for channel in channels}
    assert set(per_channel.values()) == {1}, [c for c, n in per_channel.items() if n > 1]
    assert code == 0
