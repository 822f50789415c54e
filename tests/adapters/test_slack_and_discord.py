"""Slack and Discord enabled together in one process: one store, one scheduler, both posting."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest

from bot.adapters.discord.adapter import DiscordAdapter
from bot.adapters.runtime import connections_for, describe
from bot.adapters.slack.adapter import SlackAdapter
from bot.app import App
from bot.digest.render import make_environment
from bot.ports import ChannelRef
from bot.schedule.scheduler import job_id
from tests.fakes.discord_api import FakeDiscordAPI
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_requests import command_body, post_signed, wait_until
from tests.support.discord_bot import MANAGER, TOKEN, DiscordBot
from tests.support.slack_bot import ADMIN, slack_settings


@pytest.fixture
async def fakes() -> AsyncIterator[tuple[FakeSlackAPI, FakeDiscordAPI]]:
    async with FakeSlackAPI() as slack, FakeDiscordAPI() as discord_api:
        slack.add_user(ADMIN, admin=True)
        yield slack, discord_api


async def test_both_platforms_share_one_scheduler_and_store(
    fakes: tuple[FakeSlackAPI, FakeDiscordAPI], tmp_path: Path
) -> None:
    fake_slack, fake_discord = fakes
    original = discord.http.Route.BASE
    settings = slack_settings(
        tmp_path, fake_slack.api_url, discord_token=TOKEN, discord_api_url=fake_discord.base
    )
    assert describe(settings) == "chat platforms enabled: slack (http mode), discord"
    app = await App.open(settings)
    connections = await connections_for(app, make_environment(None))
    slack, discord_conn = connections
    assert isinstance(slack.adapter, SlackAdapter)
    assert isinstance(discord_conn.adapter, DiscordAdapter)
    for connection in connections:
        app.add_adapter(connection.adapter)
    try:
        await app.start()
        await slack.start()
        await discord_conn.adapter.login()

        # A Slack admin subscribes over HTTP ...
        url = f"http://127.0.0.1:{settings.http_port}/slack/events"
        body = command_body(
            "/flashback",
            "subscribe mon 09:00 Europe/Berlin",
            user=ADMIN,
            response_url=fake_slack.response_url("sub"),
        )
        assert (await post_signed(url, body))[0] == 200
        await wait_until(lambda: fake_slack.responses("sub"))
        # ... and a Discord manager through an interaction.
        bot = DiscordBot(app, discord_conn.adapter, fake_discord)
        await bot.run(bot.interaction("flashback", "subscribe", permissions=MANAGER, day="wed"))

        slack_channel = ChannelRef("slack", "T0FAKE", "C0CHAN")
        discord_channel = ChannelRef("discord", "7001", "7002")
        subs = await app.store.subscriptions()
        assert {s.channel for s in subs} == {slack_channel, discord_channel}

        await app.scheduler.sync()
        jobs = {job.id for job in app.scheduler.apscheduler.get_jobs()}
        assert {job_id(slack_channel), job_id(discord_channel)} <= jobs

        outcomes = [await app.service.deliver(s, "2026-W19") for s in subs]
        assert [o.status for o in outcomes] == ["sent", "sent"]
        assert len(fake_slack.posted("C0CHAN")) == 1
        assert len(fake_discord.sent_messages("7002")) == 1
        for channel in (slack_channel, discord_channel):
            record = await app.store.delivery(channel, "2026-W19")
            assert record is not None and record.status == "sent"
    finally:
        for connection in reversed(connections):
            await connection.close()
        await app.close()
        discord.http.Route.BASE = original
