"""A real bot process whose chat platform is a JSON-lines file: for the multi-process tests.

    FLASHBACK_DATABASE_URL=... SINK_FILE=/tmp/posts.jsonl python -m tests.fakes.sink_bot

It builds the whole app from the FLASHBACK_ settings (corpus, lookup, store with migrations,
service, scheduler), posts to platform "sink" by appending one line per digest to SINK_FILE
(then answers after SINK_DELAY_SECONDS, to stretch a fan-out), prints "ready" once the scheduler runs, and
shuts down cleanly on SIGTERM. Several processes may share one SINK_FILE: each line is one
O_APPEND write.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.app import App
from bot.digest.model import Digest
from bot.ports import ChannelRef
from bot.settings import load_settings


@dataclass
class FileSinkAdapter:
    """The delivery half of a ChatAdapter (post, find), writing each post as a JSON line."""

    path: Path
    replica: str
    delay: float = 0.0
    platform: str = "sink"
    count: int = 0

    async def post_digest(self, channel: ChannelRef, digest: Digest) -> str:
        self.count += 1
        message_id = f"{self.replica}-{os.getpid()}-{self.count}"
        line = {
            "workspace": channel.workspace,
            "channel": channel.channel,
            "week": digest.week,
            "message_id": message_id,
            "papers": digest.paper_ids,
            "replica": self.replica,
        }
        data = (json.dumps(line) + "\n").encode()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        # The message has landed; the answer takes a while (the hard case for a crash).
        await asyncio.sleep(self.delay)
        return message_id

    async def find_digest(self, channel: ChannelRef, week: str) -> str | None:
        if not self.path.exists():
            return None
        for raw in self.path.read_text().splitlines():
            post = json.loads(raw)
            if (post["workspace"], post["channel"], post["week"]) == (
                channel.workspace,
                channel.channel,
                week,
            ):
                return str(post["message_id"])
        return None


async def main() -> None:
    settings = load_settings()
    logging.basicConfig(level=settings.log_level, stream=sys.stderr)
    sink = FileSinkAdapter(
        Path(os.environ["SINK_FILE"]),
        settings.replica_id,
        float(os.environ.get("SINK_DELAY_SECONDS", "0")),
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    app = await App.open(settings, adapters=[sink])
    try:
        await app.start()
        print("ready", flush=True)
        await stop.wait()
    finally:
        await app.close()
    print("stopped", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
