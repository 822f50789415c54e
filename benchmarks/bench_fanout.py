"""Benchmark: the pace of one weekly fan-out through the real Slack adapter.

The fake Slack Web API (tests/fakes/slack_api.py) runs in its own process and enforces
Slack's posting limits: 50 chat.postMessage a second overall (a sliding second) and one per
second per channel, answering 429 with a whole-second Retry-After beyond them. The bot side is
what a user runs: SlackAdapter (slack-sdk's AsyncWebClient, Block Kit rendering), the
scheduler's catch-up pass, ledger claims, the rate gate, choose_digest on the shipped corpus,
SQLite (or --database-url).

Run: `python benchmarks/bench_fanout.py [--channels 400] [--runs 5] [--database-url URL]`.
Each run is a fresh database and a fresh fake; printed per run and as medians: wall time from
the scheduler's start to the last delivery against the rate-limit bound (channels / 50 per
second), the ratio of the two (goal: at most 1.10), 429s, posts per second. Never fails on a
number.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.adapters.slack.adapter import SlackAdapter
from bot.calendar import load_calendar
from bot.corpus import load_corpus
from bot.digest.render import make_environment
from bot.models import Corpus
from bot.paths import shipped_corpus_dir
from bot.ports import ChannelRef
from bot.schedule.scheduler import DigestScheduler
from bot.service import Service
from bot.settings import Settings
from bot.store import Store
from tests.fakes.slack_requests import free_port

PER_SECOND = 50  # Slack's chat.postMessage limit as the fake enforces it


@dataclass(frozen=True)
class Run:
    """What one fan-out measured."""

    wall: float
    first: float  # seconds from the scheduler's start to the first stored post
    bound: float
    sent: int
    failed: int
    limited: int
    series: list[int]

    @property
    def ratio(self) -> float:
        return self.wall / self.bound


def start_fake(port: int, per_second: int) -> subprocess.Popen[str]:
    """The fake Slack Web API in its own process, ready when it says so."""
    fake = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.fakes.slack_api",
            "--port",
            str(port),
            "--per-second",
            str(per_second),
        ],
        cwd=Path(__file__).resolve().parent.parent,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert fake.stdout is not None
    line = fake.stdout.readline()
    if not line.startswith("ready"):
        fake.kill()
        raise RuntimeError("the fake Slack Web API did not start")
    return fake


async def subscribe(store: Store, settings: Settings, corpus: Corpus, channels: int) -> None:
    """``channels`` Slack channels subscribed 8 days ago: all due at once, none posted."""
    past = datetime.now(UTC) - timedelta(days=8)
    service = Service(
        settings=settings, store=store, corpus=corpus, calendar=load_calendar(), clock=lambda: past
    )
    first = ChannelRef("slack", "T0BENCH", "C00000")
    template = await service.subscribe(first, actor="U", weekday="mon", time="00:00")
    await store.save_subscriptions(
        [
            replace(template, channel=ChannelRef("slack", "T0BENCH", f"C{i:05d}"))
            for i in range(1, channels)
        ],
        past,
    )


async def fan_out(args: argparse.Namespace, corpus: Corpus, workdir: Path) -> Run:
    """One fan-out against a fresh fake and a fresh database."""
    port = free_port()
    fake = start_fake(port, args.per_second)
    url = args.database_url or f"sqlite+aiosqlite:///{workdir / 'flashback.db'}"
    try:
        settings = Settings(
            database_url=url,
            delivery_concurrency=args.concurrency,
            replica_id="bench",
            slack_bot_token="xoxb-0000-bench",
            slack_api_url=f"http://127.0.0.1:{port}/api/",
        )
        store = await Store.open(url)
        await subscribe(store, settings, corpus, args.channels)
        service = Service(
            settings=settings,
            store=store,
            corpus=corpus,
            calendar=load_calendar(),
            clock=lambda: datetime.now(UTC),
        )
        adapter = SlackAdapter.from_settings(settings, make_environment(None))
        service.add_adapter(adapter)
        scheduler = DigestScheduler(service, settings)
        start, start_epoch = time.perf_counter(), time.time()
        await scheduler.start()
        await scheduler.wait_idle()
        wall = time.perf_counter() - start
        await scheduler.shutdown()
        await adapter.close()
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{port}/_stats") as response,
        ):
            stats = await response.json()
        sent, failed = await store.count_deliveries("sent"), await store.count_deliveries("failed")
        await store.close()
    finally:
        fake.terminate()
        fake.wait()
    times = sorted(stats["times"])
    series = [0] * (int(times[-1] - times[0]) + 1 if times else 0)
    for moment in times:
        series[int(moment - times[0])] += 1
    limited = stats["limited_global"] + stats["limited_channel"]
    first = times[0] - start_epoch if times else float("nan")
    return Run(wall, first, args.channels / args.per_second, sent, failed, limited, series)


async def main_async(args: argparse.Namespace) -> None:
    corpus = load_corpus(shipped_corpus_dir())
    gc.collect()
    gc.freeze()  # as `flashback run` does once the corpus is loaded (bot/adapters/runtime.py)
    runs = []
    for number in range(1, args.runs + 1):
        workdir = Path(tempfile.mkdtemp(prefix="bench-fanout-"))
        try:
            run = await fan_out(args, corpus, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        runs.append(run)
        print(
            f"run {number}: {run.sent} sent, {run.failed} failed in {run.wall:.2f} s "
            f"(bound {run.bound:.1f} s, ratio {run.ratio:.3f}; first post after {run.first:.2f} s), "
            f"{run.limited} 429s"
            + (f", posts per second {json.dumps(run.series)}" if args.series else ""),
            flush=True,
        )
    print(f"channels           {args.channels} through SlackAdapter, {args.runs} runs")
    print(
        f"wall time median   {statistics.median(r.wall for r in runs):.2f} s; "
        f"rate-limit bound {runs[0].bound:.1f} s"
    )
    print(
        f"ratio median       {statistics.median(r.ratio for r in runs):.3f} "
        f"(min {min(r.ratio for r in runs):.3f}, max {max(r.ratio for r in runs):.3f}; goal <= 1.10)"
    )
    print(f"429s median        {statistics.median(r.limited for r in runs):.0f} per fan-out")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS)  {peak:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=400)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=Settings().delivery_concurrency)
    parser.add_argument("--database-url", default=None, help="an empty database (default: SQLite)")
    parser.add_argument("--series", action="store_true", help="print posts per second")
    parser.add_argument(
        "--per-second",
        type=int,
        default=PER_SECOND,
        help="the fake's global limit (a high one measures the bot's own top speed)",
    )
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
