"""`flashback discord sync|invite` as a first-time user runs them, against the fake Discord.

The command runs as its own process (as typed in a shell) while the fake serves in this
test's event loop: every ordinary mistake must be one line naming the fix, a non-zero exit,
and no traceback.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fakes.discord_api import APPLICATION_ID, FakeDiscordAPI
from tests.support.discord_bot import GUILD, TOKEN


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscordAPI]:
    async with FakeDiscordAPI() as fake:
        yield fake


async def flashback(api_url: str, *args: str) -> Ran:
    """`flashback ARGS` in a fresh process with the token set and the API pointed at ``api_url``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASHBACK_")}
    env.update(FLASHBACK_DISCORD_TOKEN=TOKEN, FLASHBACK_DISCORD_API_URL=api_url, COLUMNS="300")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=env,
        cwd=Path.cwd(),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return Ran(process.returncode, out.decode(), err.decode())


def one_line_error(ran: Ran) -> str:
    assert ran.code == 1, ran
    assert "Traceback" not in ran.err + ran.out
    [line] = ran.err.strip().splitlines()
    assert line.startswith("error: ")
    return line


async def test_sync_before_invite_says_to_invite_first(fake: FakeDiscordAPI) -> None:
    fake.uninvited_guilds.add(GUILD)
    line = one_line_error(await flashback(fake.base, "discord", "sync", "--guild", GUILD))
    assert "403 Missing Access" in line and f"server {GUILD}" in line
    assert "flashback discord invite" in line


async def test_a_refused_token_names_the_variable_and_the_fix(fake: FakeDiscordAPI) -> None:
    fake.refuse_token = True
    for args in (("discord", "sync"), ("discord", "invite")):
        line = one_line_error(await flashback(fake.base, *args))
        assert "refused FLASHBACK_DISCORD_TOKEN (401)" in line and "Reset Token" in line


async def test_an_unreachable_api_names_the_setting() -> None:
    line = one_line_error(await flashback("http://127.0.0.1:1/api/v10", "discord", "invite"))
    assert "cannot reach the Discord API" in line and "FLASHBACK_DISCORD_API_URL" in line


async def test_guild_sync_then_clear(fake: FakeDiscordAPI) -> None:
    synced = await flashback(fake.base, "discord", "sync", "--guild", GUILD)
    assert synced.code == 0, synced
    assert f"synced flashback, paper to server {GUILD}" in synced.out
    assert f"--guild {GUILD} --clear" in synced.out  # how to undo it, before it shows twice
    cleared = await flashback(fake.base, "discord", "sync", "--guild", GUILD, "--clear")
    assert cleared.code == 0, cleared
    put = [c for c in fake.calls_to(f"/guilds/{GUILD}/commands") if c.method == "PUT"]
    assert [len(c.body.get("_", [])) for c in put] == [2, 0]
    assert not fake.calls_to(f"/applications/{APPLICATION_ID}/commands")  # global untouched


async def test_global_sync_makes_no_claim_of_an_hour(fake: FakeDiscordAPI) -> None:
    ran = await flashback(fake.base, "discord", "sync")
    assert ran.code == 0, ran
    assert "synced flashback, paper globally" in ran.out and "hour" not in ran.out
    assert fake.calls_to(f"/applications/{APPLICATION_ID}/commands")


async def test_clear_without_a_server_is_refused_before_any_request(
    fake: FakeDiscordAPI,
) -> None:
    ran = await flashback(fake.base, "discord", "sync", "--clear")
    assert ran.code == 2 and "--clear needs --guild" in ran.err
    assert not fake.calls


async def test_invite_asks_discord_for_the_application_id(fake: FakeDiscordAPI) -> None:
    ran = await flashback(fake.base, "discord", "invite")
    assert ran.code == 0, ran
    assert f"client_id={APPLICATION_ID}&" in ran.out
