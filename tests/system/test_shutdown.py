"""SIGTERM (what `docker stop` sends) makes `flashback run` finish its work and exit 0."""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.adapters.console import CONSOLE_CHANNEL
from bot.ops.health import evaluate, heartbeat_path, read_heartbeat
from bot.store import Store, Subscription
from tests.support import flashback_process as bot_process

pytestmark = pytest.mark.slow


async def _seed_due_subscription(url: str) -> None:
    """A console subscription whose slot has passed: catch-up posts it at start-up."""
    store = await Store.open(url)
    now = datetime.now(UTC)
    sub = Subscription(
        CONSOLE_CHANNEL, "mon", "00:00", "UTC", effective_from=now - timedelta(days=8)
    )
    await store.save_subscription(sub, now)
    await store.close()


async def _ledger(url: str) -> tuple[int, int]:
    """(sent, still claimed) rows of the delivery ledger."""
    store = await Store.open(url)
    try:
        return await store.count_deliveries("sent"), await store.count_deliveries("claimed")
    finally:
        await store.close()


def test_sigterm_finishes_the_work_and_exits_cleanly(tmp_path: Path) -> None:
    data = tmp_path / "data"
    url = f"sqlite+aiosqlite:///{data / 'flashback.db'}"
    asyncio.run(_seed_due_subscription(url))

    command = [sys.executable, "-m", "bot", "run"]
    with bot_process.running(command, bot_process.bot_env(data), tmp_path) as process:
        beat = heartbeat_path(data)
        bot_process.wait_until_healthy(process, lambda: evaluate(beat, 60).healthy)
        exited = bot_process.stop(process)

    assert exited.returncode == 0, exited.stderr
    assert "shutdown complete" in exited.stderr.splitlines()[-1]
    assert "Traceback" not in exited.stderr
    assert "--- posted to #console ---" in exited.stdout  # catch-up delivered before the stop
    last = read_heartbeat(beat)
    assert last is not None and last.state == "stopped"
    assert not evaluate(beat, 60).healthy
    assert asyncio.run(_ledger(url)) == (1, 0)  # posted once, no claim left behind
