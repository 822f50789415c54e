"""Starting, watching and stopping real bot processes (tests/fakes/sink_bot.py) in tests."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.calendar import load_calendar
from bot.ports import ChannelRef
from bot.service import Service
from bot.store import Store
from tests.support.databases import Database
from tests.support.delivery_kit import small_corpus

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class BotProcess:
    """One running sink bot and where its log goes."""

    name: str
    process: asyncio.subprocess.Process
    log: Path

    async def ready(self, timeout: float = 30) -> None:
        """Wait for the bot to say its scheduler runs."""
        assert self.process.stdout is not None
        line = await asyncio.wait_for(self.process.stdout.readline(), timeout)
        assert line.strip() == b"ready", f"{self.name} did not start:\n{self.log.read_text()}"

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind."""
        self.process.send_signal(signal.SIGKILL)

    async def stop(self, timeout: float = 20) -> int:
        """SIGTERM and wait; the exit code."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), timeout)


async def start_bot(
    name: str, database: Database, sink: Path, workdir: Path, delay: float = 0, **settings: str
) -> BotProcess:
    """Start ``python -m tests.fakes.sink_bot`` with FLASHBACK_ settings from arguments."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASHBACK_")}
    env.update(database.env())
    env.update({f"FLASHBACK_{key.upper()}": value for key, value in settings.items()})
    env.update(
        {
            "FLASHBACK_REPLICA_ID": name,
            "FLASHBACK_DATA_DIR": str(workdir),
            "SINK_FILE": str(sink),
            "SINK_DELAY_SECONDS": str(delay),
            "PYTHONPATH": str(REPO_ROOT),
        }
    )
    log = workdir / f"{name}.log"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.fakes.sink_bot",
        cwd=REPO_ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=log.open("ab"),
    )
    return BotProcess(name, process, log)


async def subscribe_many(
    database: Database, count: int, platform: str = "sink", workspace: str = "W"
) -> list[ChannelRef]:
    """``count`` channels (sink ones by default) subscribed 8 days ago to Mondays 00:00 UTC.

    So every one of them is due at the same minute (this Monday 00:00 UTC, already past)
    and has no ledger row: a bot starting now owes each of them this week's digest.
    """
    store = await database.open_store()
    eight_days_ago = datetime.now(UTC) - timedelta(days=8)
    service = Service(
        settings=database.settings(),
        store=store,
        corpus=small_corpus(),
        calendar=load_calendar(),
        clock=lambda: eight_days_ago,
    )
    channels = [ChannelRef(platform, workspace, f"C{i:04d}") for i in range(count)]
    template = await service.subscribe(
        channels[0], actor="U", weekday="mon", time="00:00", timezone="UTC"
    )
    # The rest in one transaction, so they all appear to the bots at the same moment.
    await store.save_subscriptions(
        [replace(template, channel=channel) for channel in channels[1:]], eight_days_ago
    )
    await store.close()
    return channels


async def wait_until_sent(database: Database, count: int, timeout: float) -> int:
    """Poll the ledger until ``count`` rows are sent (or the timeout); the last count."""
    store: Store = await database.open_store()
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while (sent := await store.count_deliveries("sent")) < count:
            if asyncio.get_running_loop().time() > deadline:
                break
            await asyncio.sleep(0.2)
        return sent
    finally:
        await store.close()


def posts_per_channel(sink: Path) -> tuple[Counter[str], Counter[str]]:
    """From the sink file: posts per channel, and posts per replica."""
    per_channel: Counter[str] = Counter()
    per_replica: Counter[str] = Counter()
    if sink.exists():
        for raw in sink.read_text().splitlines():
            post = json.loads(raw)
            per_channel[post["channel"]] += 1
            per_replica[post["replica"]] += 1
    return per_channel, per_replica
