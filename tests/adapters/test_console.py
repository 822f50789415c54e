"""The console adapter, `flashback console`, `flashback demo` and `flashback run` without tokens."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.adapters.console import CONSOLE_CHANNEL, ConsoleAdapter, run_console
from bot.adapters.runtime import serve
from bot.app import App
from bot.cli import app as cli
from bot.digest.render import make_environment
from bot.settings import Settings, load_settings
from bot.store.records import Subscription


async def lines_of(items: Iterable[str]) -> AsyncIterator[str]:
    for item in items:
        yield item + "\n"


def settings_in(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", heartbeat_interval_seconds=1)


async def test_console_answers_like_a_platform(tmp_path: Path) -> None:
    out = io.StringIO()
    async with App.running(settings_in(tmp_path)) as app:
        adapter = ConsoleAdapter(make_environment(None), out)
        app.add_adapter(adapter)
        script = [
            "/paper lottery ticket",
            "/flashback subscribe mon 09:00 Europe/Berlin topics=pruning,gans",
            "/flashback status",
            "/flashback now",
            "/flashback now",
            "/flashback subscribe 25:00",
            "hello",
            "quit",
            "/paper never reached",
        ]
        await run_console(app.service, adapter, lines_of(script), prompt=False)
        text = out.getvalue()
        assert "1. The Lottery Ticket Hypothesis: Finding Sparse" in text
        assert "Every Monday at 09:00 (Europe/Berlin), 4 highlights, topics: pruning, gans" in text
        assert text.count("--- posted to #console ---") == 1  # the second `now` is refused
        assert "already posted here" in text
        assert "'25:00' is not a time of day" in text
        assert "`hello` is not one" in text
        assert "never reached" not in text
        assert await app.store.subscription(CONSOLE_CHANNEL) is not None


def test_flashback_console_reads_stdin(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["console"],
        input="/paper lottery ticket\n/flashback\n",
        env={"FLASHBACK_DATA_DIR": str(tmp_path / "data")},
    )
    assert result.exit_code == 0, result.output
    assert "Lottery Ticket Hypothesis" in result.output
    assert "/flashback subscribe [day] [HH:MM] [timezone]" in result.output


def test_flashback_demo_runs_the_whole_job_and_exits_0(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Ingested 5 reports" in out
    assert "Subscribed: a flashback will be posted here" in out
    assert "--- posted to #console ---" in out and "Conference Flashback · week" in out
    assert "Posted this week's flashback" in out
    assert "1. The Lottery Ticket Hypothesis: Finding Sparse" in out
    assert not (tmp_path / "data").exists()  # the demo keeps its database in a temp dir


async def test_run_without_tokens_prints_digests_as_they_fall_due(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    # A subscription whose Monday 00:00 UTC slot passed since it took effect: the first
    # scheduler sync catches it up and the console adapter prints it.
    async with App.running(settings) as app:
        now = datetime.now(UTC)
        sub = Subscription(
            CONSOLE_CHANNEL, "mon", "00:00", "UTC", effective_from=now - timedelta(days=8)
        )
        await app.store.save_subscription(sub, now - timedelta(days=8))
    out = io.StringIO()
    stop = asyncio.Event()

    async def stop_when_posted() -> None:
        while "--- posted to #console ---" not in out.getvalue():
            await asyncio.sleep(0.01)
        stop.set()

    watcher = asyncio.create_task(stop_when_posted())
    closed = await asyncio.wait_for(serve(settings, stop, out=out), timeout=60)
    await watcher
    assert "console" in closed.service.adapters
    assert "Conference Flashback · week" in out.getvalue()
    heartbeat = (settings.data_dir / "heartbeat.json").read_text()
    assert '"stopped"' in heartbeat


async def test_run_ends_when_console_input_ends(tmp_path: Path) -> None:
    out = io.StringIO()
    await asyncio.wait_for(
        serve(
            settings_in(tmp_path), asyncio.Event(), console_lines=lines_of(["/paper gan"]), out=out
        ),
        timeout=60,
    )
    assert "Papers for" in out.getvalue()


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"FLASHBACK_SLACK_MODE": "http"}, "FLASHBACK_SLACK_SIGNING_SECRET"),
        ({}, "FLASHBACK_SLACK_APP_TOKEN"),
    ],
)
def test_run_refuses_to_start_without_what_slack_needs(
    tmp_path: Path, env: dict[str, str], named: str
) -> None:
    env = {"FLASHBACK_SLACK_BOT_TOKEN": "xoxb-1-2-abc", "FLASHBACK_DATA_DIR": str(tmp_path), **env}
    result = CliRunner().invoke(cli, ["run"], env=env)
    assert result.exit_code == 2
    assert named in result.output
    assert not (tmp_path / "flashback.db").exists()  # refused before opening anything


@pytest.mark.slow
def test_sigterm_shuts_down_gracefully(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASHBACK_")}
    env["FLASHBACK_DATA_DIR"] = str(tmp_path / "data")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    seen = []
    for line in process.stderr:  # wait until the bot is up
        seen.append(line)
        if "scheduler started" in line:
            break
    process.send_signal(signal.SIGTERM)
    _, rest = process.communicate(timeout=60)
    log = "".join(seen) + rest
    assert process.returncode == 0, log
    assert "no chat token set: running with the console adapter" in log
    assert "shutting down" in log
