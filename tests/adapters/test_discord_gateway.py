"""The Discord gateway under its supervisor: a failed first connection is retried with
backoff (discord.py 2.7 gives up on it with an AttributeError, Rapptz/discord.py#10520), and
a gateway that stays down ends the bot with a StartupError instead of leaving it deaf."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.adapters.runtime import StartupError, serve
from bot.settings import Settings, load_settings
from tests.fakes.discord_api import FakeDiscordAPI
from tests.support.connections import one_connection
from tests.support.discord_bot import TOKEN


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscordAPI]:
    original = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    async with FakeDiscordAPI() as fake:
        yield fake
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = original


def discord_settings(tmp_path: Path, fake: FakeDiscordAPI, **extra: Any) -> Settings:
    return load_settings(
        data_dir=tmp_path / "data",
        discord_token=TOKEN,
        discord_api_url=fake.base,
        discord_gateway_url=fake.gateway_url,
        **extra,
    )


async def test_a_refused_first_connection_is_retried_until_it_connects(
    fake_discord: FakeDiscordAPI, tmp_path: Path
) -> None:
    fake_discord.gateway_refusals = 2  # 503 at the handshake, as in an outage
    async with one_connection(discord_settings(tmp_path, fake_discord)) as (_, connection):
        assert not connection.healthy()
        await asyncio.wait_for(connection.start(), timeout=60)
        assert connection.healthy()
        assert fake_discord.gateway_handshakes == 3 and fake_discord.identified == 1
    assert not connection.healthy()


async def test_a_gateway_that_stays_down_stops_the_bot(
    fake_discord: FakeDiscordAPI, tmp_path: Path
) -> None:
    fake_discord.gateway_refusals = 10_000
    settings = discord_settings(tmp_path, fake_discord, connect_timeout_seconds=5)
    with pytest.raises(StartupError, match=r"(?i)discord.* 5 s") as raised:
        await asyncio.wait_for(serve(settings, asyncio.Event()), timeout=60)
    assert "FLASHBACK_CONNECT_TIMEOUT_SECONDS" in raised.value.fix
    assert fake_discord.gateway_handshakes >= 2  # it did retry before giving up


async def test_losing_the_gateway_for_good_after_connecting_stops_the_bot(
    fake_discord: FakeDiscordAPI, tmp_path: Path
) -> None:
    settings = discord_settings(tmp_path, fake_discord, connect_timeout_seconds=2)
    async with one_connection(settings) as (_, connection):
        await asyncio.wait_for(connection.start(), timeout=60)
        assert connection.watch is not None
        watch = asyncio.ensure_future(connection.watch())
        fake_discord.gateway_refusals = 10_000  # from now on the gateway is down
        await fake_discord.drop_gateway()  # the connection drops; discord.py tries to resume
        with pytest.raises(StartupError, match="gateway stayed down for 2 s"):
            await asyncio.wait_for(watch, timeout=60)
        assert not connection.healthy()


async def test_a_refused_token_at_start_up_names_the_token_and_its_fix(
    fake_discord: FakeDiscordAPI, tmp_path: Path
) -> None:
    fake_discord.refuse_token = True
    settings = discord_settings(tmp_path, fake_discord, connect_timeout_seconds=10)
    with pytest.raises(StartupError, match="Discord refused FLASHBACK_DISCORD_TOKEN") as raised:
        await asyncio.wait_for(serve(settings, asyncio.Event()), timeout=60)
    assert "Reset Token" in raised.value.fix and "network" not in raised.value.fix


def test_a_routine_reconnect_is_one_warning_line_not_a_traceback() -> None:
    import logging

    import bot.adapters.discord.gateway  # noqa: F401 - installs the filter

    try:
        raise OSError("connection reset")
    except OSError:
        import sys

        record = logging.LogRecord(
            "discord.client", logging.ERROR, __file__, 1, "Attempting a reconnect in %.2fs",
            (1.5,), sys.exc_info(),
        )  # fmt: skip
    for installed in logging.getLogger("discord.client").filters:
        assert installed.filter(record)  # type: ignore[union-attr]
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert record.getMessage() == "Attempting a reconnect in 1.50s (OSError: connection reset)"
