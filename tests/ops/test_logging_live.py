"""A real `flashback run` at DEBUG, Slack and Discord on: no secret in its output, and a\nheartbeat that tells the healthy connection from the broken one."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

import pytest

from bot.ops.health import evaluate, heartbeat_path, read_heartbeat
from tests.fakes.discord_api import FakeDiscordAPI
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_requests import (
    SIGNING_SECRET,
    command_body,
    free_port,
    post_signed,
    signed_headers,
    wait_until,
)

pytestmark = pytest.mark.slow

BOT_TOKEN = "xoxb-1111111111-2222222222222-AbCdEfGhIjKlMnOpQrStUvWx"
DISCORD_TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.Zyxwvutsrqponmlkjihgfedcba0123456789AB"
DB_PASSWORD = "correct-horse-battery"


async def _wait_for_port(port: int, process: asyncio.subprocess.Process) -> None:
    for _ in range(600):  # bounds a broken start; not a timing assertion
        if process.returncode is not None:
            raise AssertionError(f"bot exited with {process.returncode}")
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.2)
            continue
        writer.close()
        return
    raise AssertionError("the Slack endpoint never opened")


async def test_debug_logs_of_a_running_bot_hold_no_secret(tmp_path: Path) -> None:
    port = free_port()
    async with FakeSlackAPI() as slack, FakeDiscordAPI() as discord_api:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FLASHBACK_")}
        env.update(
            FLASHBACK_DATA_DIR=str(tmp_path / "data"),
            FLASHBACK_LOG_LEVEL="DEBUG",
            FLASHBACK_LOG_JSON="true",
            FLASHBACK_SLACK_BOT_TOKEN=BOT_TOKEN,
            FLASHBACK_SLACK_SIGNING_SECRET=SIGNING_SECRET,
            FLASHBACK_SLACK_MODE="http",
            FLASHBACK_SLACK_API_URL=slack.api_url,
            FLASHBACK_HTTP_HOST="127.0.0.1",
            FLASHBACK_HTTP_PORT=str(port),
            FLASHBACK_DISCORD_TOKEN=DISCORD_TOKEN,
            FLASHBACK_DISCORD_API_URL=discord_api.base,
            FLASHBACK_DISCORD_GATEWAY_URL=discord_api.gateway_url,
            PYTHONUNBUFFERED="1",
        )
        stderr_path, stdout_path = tmp_path / "stderr", tmp_path / "stdout"
        with stderr_path.open("wb") as err, stdout_path.open("wb") as out:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                cwd=tmp_path,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=out,
                stderr=err,
            )
            try:
                await _wait_for_port(port, process)
                url = f"http://127.0.0.1:{port}/slack/events"
                body = command_body(
                    "/paper", "lottery ticket", response_url=slack.response_url("p")
                )
                status, _ = await post_signed(url, body)
                assert status == 200
                await wait_until(lambda: slack.responses("p"))
                forged = signed_headers(body, secret="0" * 32)
                status, _ = await post_signed(url, body, headers=forged)
                assert status == 401
                # Both connections report in the heartbeat (Discord through the fake gateway).
                beat = heartbeat_path(tmp_path / "data")
                heartbeat = await wait_until(lambda: read_heartbeat(beat), limit=60)
                assert heartbeat.components["slack"].healthy
                assert heartbeat.components["discord"].healthy
                assert evaluate(beat, 60).healthy
            finally:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
                returncode = await asyncio.wait_for(process.wait(), 60)

    output = stderr_path.read_text("utf-8") + stdout_path.read_text("utf-8")
    for secret in (BOT_TOKEN, SIGNING_SECRET, DISCORD_TOKEN, DB_PASSWORD):
        assert secret not in output
    lines = stderr_path.read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]  # every line is one JSON event
    assert any(r["level"] == "DEBUG" for r in records)
    assert records[-1]["message"] == "shutdown complete"
    assert returncode == 0
