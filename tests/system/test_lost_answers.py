"""A 60-channel fan-out of the real bot process through a fake Slack that loses answers.

Slack stores a message and then the connection drops (or a 5xx comes back): the bot cannot
know the digest arrived. Three such losses in a 60-channel fan-out once meant three channels
got the digest twice (slack-sdk's retry handlers re-sent chat.postMessage, and delivery
retried without looking). Here `flashback run` (Slack, HTTP mode) posts every digest due at
start-up through tests/fakes/slack_api.py, which also enforces Slack's posting rate, and every
channel must end up with exactly one digest, recorded in the ledger under its real ts.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.store import Store
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_requests import SIGNING_SECRET, free_port
from tests.support.bot_processes import REPO_ROOT, subscribe_many
from tests.support.databases import Database

pytestmark = pytest.mark.slow

CHANNELS = 60
PERIOD_TIMEOUT = 90  # bounds a broken run; not a claim about speed


async def _sent(url: str) -> dict[str, str | None]:
    store = await Store.open(url)
    try:
        records = [
            await store.delivery(sub.channel, _period()) for sub in await store.subscriptions()
        ]
        return {r.channel.channel: r.message_id for r in records if r and r.status == "sent"}
    finally:
        await store.close()


def _period() -> str:
    from datetime import UTC, datetime

    from bot.schedule.periods import last_slot

    return last_slot(datetime.now(UTC), "mon", "00:00", "UTC")[0]


async def test_lost_answers_in_a_fan_out_post_no_digest_twice(tmp_path: Path) -> None:
    data = tmp_path / "data"
    database = Database("sqlite", f"sqlite+aiosqlite:///{data / 'flashback.db'}")
    channels = await subscribe_many(database, CHANNELS, platform="slack", workspace="T0FAKE")
    async with FakeSlackAPI() as fake:
        fake.limit_rate(per_second=20)  # 429s with Retry-After along the way, as on Slack
        fake.lose_answer(5, 23, 41, how="drop")
        fake.lose_answer(30, how=503)
        env = {k: v for k, v in os.environ.items() if not k.startswith("FLASHBACK_")}
        env.update(
            FLASHBACK_DATA_DIR=str(data),
            FLASHBACK_SLACK_BOT_TOKEN="xoxb-0000-test",
            FLASHBACK_SLACK_MODE="http",
            FLASHBACK_SLACK_SIGNING_SECRET=SIGNING_SECRET,
            FLASHBACK_SLACK_API_URL=fake.api_url,
            FLASHBACK_HTTP_HOST="127.0.0.1",
            FLASHBACK_HTTP_PORT=str(free_port()),
            FLASHBACK_DELIVERY_BACKOFF_SECONDS="0.1",
            FLASHBACK_CORPUS_RELOAD_SECONDS="0",
            PYTHONPATH=str(REPO_ROOT),
        )
        log = tmp_path / "bot.log"
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env, cwd=tmp_path,
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
            stderr=log.open("wb"),
        )  # fmt: skip
        try:
            deadline = asyncio.get_running_loop().time() + PERIOD_TIMEOUT
            while len(sent := await _sent(database.url)) < CHANNELS:
                assert process.returncode is None, log.read_text()
                assert asyncio.get_running_loop().time() < deadline, log.read_text()[-3000:]
                await asyncio.sleep(0.3)
            await asyncio.sleep(1.0)  # room for a late duplicate to show up
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            code = await asyncio.wait_for(process.wait(), 60)

    assert code == 0, log.read_text()[-3000:]
    assert fake.lost == {}  # every loss really happened
    for channel in channels:
        [message] = fake.messages(channel.channel)  # one digest per channel, never two
        assert sent[channel.channel] == message["ts"]  # and the ledger knows which
    assert fake.rate is not None and fake.rate.limited_global > 0  # the rate limit bit
