"""Benchmark: one weekly fan-out to 10,000 channels through a rate-limited fake platform.

The fake platform is a real HTTP server in its own process. It accepts 1 message per second
per channel and 50 per second overall, and answers 429 with Retry-After beyond that, like
Slack. The bot side is the real thing: SQLite (or --database-url), the scheduler's catch-up
pass, the ledger claims, choose_digest on the shipped corpus, Slack rendering, retries.

Run: `python benchmarks/bench_fanout.py [--channels 10000] [--database-url URL]`.
Prints wall time against the rate-limit bound (channels / 50 per second), throughput,
post latency medians and p99, 429 counts and peak memory. It never fails on a number.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from sqlalchemy import text

from bot.calendar import load_calendar
from bot.corpus import load_corpus
from bot.digest.model import Digest
from bot.digest.render import make_environment, render_digest
from bot.paths import shipped_corpus_dir
from bot.ports import ChannelRef, PermanentPostError, TransientPostError
from bot.schedule.scheduler import DigestScheduler
from bot.service import Service
from bot.settings import Settings
from bot.store import Store

GLOBAL_PER_SECOND = 50
CHANNEL_INTERVAL = 1.0


# --- the fake platform (runs in a child process) ---------------------------------------------


def serve(port: int) -> None:
    """Run the rate-limited fake platform on 127.0.0.1:port until killed."""
    accepted: deque[float] = deque()
    last_by_channel: dict[str, float] = {}
    stats: dict[str, Any] = {"accepted": 0, "limited_global": 0, "limited_channel": 0, "times": []}

    async def post(request: web.Request) -> web.Response:
        body = await request.json()
        now = time.monotonic()
        while accepted and accepted[0] <= now - 1.0:
            accepted.popleft()
        channel = body["channel"]
        if (last := last_by_channel.get(channel)) is not None and now - last < CHANNEL_INTERVAL:
            stats["limited_channel"] += 1
            wait = CHANNEL_INTERVAL - (now - last)
            return web.Response(status=429, headers={"Retry-After": str(math.ceil(wait))})
        if len(accepted) >= GLOBAL_PER_SECOND:
            stats["limited_global"] += 1
            wait = accepted[0] + 1.0 - now
            return web.Response(status=429, headers={"Retry-After": str(max(1, math.ceil(wait)))})
        accepted.append(now)
        last_by_channel[channel] = now
        stats["accepted"] += 1
        stats["times"].append(time.time())
        return web.json_response({"ok": True, "ts": f"{now:.6f}"})

    async def report(_: web.Request) -> web.Response:
        return web.json_response(stats)

    app = web.Application(client_max_size=4 * 1024 * 1024)
    app.add_routes([web.post("/post", post), web.get("/stats", report)])
    web.run_app(app, host="127.0.0.1", port=port, print=None)


# --- the adapter the bot posts through ---------------------------------------------------------


@dataclass
class HttpAdapter:
    """A ChatAdapter posting Slack-rendered digests to the fake platform."""

    session: aiohttp.ClientSession
    url: str
    env: Any  # one Jinja environment, built once, as the real adapters do
    platform: str = "bench"
    latencies: list[float] = field(default_factory=list)
    limited: int = 0

    async def post_digest(self, channel: ChannelRef, digest: Digest) -> str:
        payload = render_digest(digest, "slack", self.env)
        start = time.perf_counter()
        async with self.session.post(
            self.url, json={"channel": channel.channel, "message": payload}
        ) as response:
            self.latencies.append(time.perf_counter() - start)
            if response.status == 429:
                self.limited += 1
                retry = float(response.headers.get("Retry-After", "1"))
                raise TransientPostError("HTTP 429", retry_after=retry)
            if response.status >= 500:
                raise TransientPostError(f"HTTP {response.status}")
            if response.status >= 400:
                raise PermanentPostError(f"HTTP {response.status}")
            return str((await response.json())["ts"])

    async def find_digest(self, channel: ChannelRef, week: str) -> str | None:
        return None  # the fake keeps no history; a takeover simply posts


# --- the run -----------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def wait_for_server(url: str) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(100):
            try:
                async with session.get(url):
                    return
            except aiohttp.ClientError:
                await asyncio.sleep(0.1)
    raise RuntimeError("the fake platform did not start")


async def run(args: argparse.Namespace, server: subprocess.Popen[bytes]) -> None:
    port = args.port
    base = f"http://127.0.0.1:{port}"
    workdir = Path(tempfile.mkdtemp(prefix="bench-fanout-"))
    url = args.database_url or f"sqlite+aiosqlite:///{workdir / 'flashback.db'}"
    try:
        await wait_for_server(base + "/stats")
        settings = Settings(
            database_url=url,
            database_schema=args.schema,
            delivery_concurrency=args.concurrency,
            replica_id="bench",
        )
        store = await Store.open(url, schema=args.schema)
        corpus = load_corpus(shipped_corpus_dir())
        past = datetime.now(UTC) - timedelta(days=8)
        service = Service(
            settings=settings,
            store=store,
            corpus=corpus,
            calendar=load_calendar(),
            clock=lambda: datetime.now(UTC),
        )
        first = ChannelRef("bench", "T", "C00000")
        template = await Service(
            settings=settings,
            store=store,
            corpus=corpus,
            calendar=service.calendar,
            clock=lambda: past,
        ).subscribe(first, actor="U", weekday="mon", time="00:00", timezone="UTC")
        await store.save_subscriptions(
            [
                replace(template, channel=ChannelRef("bench", "T", f"C{i:05d}"))
                for i in range(1, args.channels)
            ],
            past,
        )
        async with aiohttp.ClientSession() as session:
            adapter = HttpAdapter(session, base + "/post", make_environment(None))
            service.add_adapter(adapter)
            scheduler = DigestScheduler(service, settings)
            start = time.perf_counter()
            start_epoch = time.time()
            await scheduler.start()
            outcomes = await scheduler.wait_idle()
            wall = time.perf_counter() - start
            await scheduler.shutdown()
            async with session.get(base + "/stats") as response:
                stats = await response.json()
        sent = await store.count_deliveries("sent")
        failed = await store.count_deliveries("failed")
        if args.schema:  # leave the server as we found it
            async with store.engine.begin() as connection:
                await connection.execute(text(f'DROP SCHEMA "{args.schema}" CASCADE'))
        await store.close()
    finally:
        server.terminate()
        shutil.rmtree(workdir, ignore_errors=True)

    bound = args.channels / GLOBAL_PER_SECOND
    times = sorted(stats["times"])
    per_second: dict[int, int] = {}
    for t in times:
        per_second[int(t - times[0])] = per_second.get(int(t - times[0]), 0) + 1
    rates = list(per_second.values())[1:-1] or list(per_second.values())
    statuses: dict[str, int] = {}
    for outcome in outcomes:
        statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
    print(f"channels           {args.channels}  (database: {url.split(':')[0]})")
    print(f"sent / failed      {sent} / {failed}   outcomes: {json.dumps(statuses)}")
    print(
        f"wall time          {wall:.1f} s   rate-limit bound {bound:.0f} s   ratio {wall / bound:.3f}"
    )
    print(
        f"throughput         {sent / wall:.1f} msg/s overall; per-second median "
        f"{statistics.median(rates):.0f}, min {min(rates)}, max {max(rates)}"
    )
    print(
        f"post latency       median {statistics.median(adapter.latencies) * 1000:.1f} ms, "
        f"p99 {percentile(adapter.latencies, 0.99) * 1000:.1f} ms "
        f"over {len(adapter.latencies)} requests"
    )
    print(
        f"429 answers        {adapter.limited} (global {stats['limited_global']}, "
        f"per-channel {stats['limited_channel']}) = "
        f"{adapter.limited / max(1, sent):.2f} per digest"
    )
    span = times[-1] - times[0] if times else 0.0
    print(f"first post after   {times[0] - start_epoch:.1f} s; first to last post {span:.1f} s")
    if args.series:
        print("accepted per second:", [per_second.get(i, 0) for i in range(int(span) + 1)])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS)  {peak:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=Settings().delivery_concurrency)
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--schema", default=None, help="PostgreSQL schema to use (created, dropped at the end)"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--series", action="store_true", help="print posts per second")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.port)
        return
    server = subprocess.Popen([sys.executable, __file__, "--serve", "--port", str(args.port)])
    try:
        asyncio.run(run(args, server))
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
