"""Discord: interactions built from raw payload dicts, run through the real command tree.

As in discord.py's own tests (tests/test_app_commands_invoke.py), ``discord.Interaction``
objects are made from API payloads; the library's HTTP goes to tests/fakes/discord_api.py
(FLASHBACK_DISCORD_API_URL -> discord.http.Route.BASE), so every defer, followup and channel
message is a real request we can read back.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.adapters.discord.adapter import DiscordAdapter
from bot.adapters.discord.limits import validate_discord
from bot.adapters.runtime import connections_for
from bot.app import App
from bot.chat.subcommands import SUBCOMMANDS
from bot.digest.render import make_environment
from bot.ports import ChannelRef
from bot.settings import SettingsError, load_settings
from tests.fakes.discord_api import FakeDiscordAPI
from tests.support.discord_bot import CHANNEL, GUILD, MANAGER, TOKEN, DiscordBot


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscordAPI]:
    async with FakeDiscordAPI() as fake:
        yield fake


@pytest.fixture
async def discord_bot(fake_discord: FakeDiscordAPI, tmp_path: Path) -> AsyncIterator[DiscordBot]:
    original = discord.http.Route.BASE
    settings = load_settings(
        data_dir=tmp_path / "data",
        discord_token=TOKEN,
        discord_api_url=fake_discord.base,
        delivery_backoff_seconds=0.01,
    )
    app = await App.open(settings)
    [connection] = await connections_for(app, make_environment(None))
    assert isinstance(connection.adapter, DiscordAdapter)
    app.add_adapter(connection.adapter)
    await connection.adapter.login()
    bot = DiscordBot(app, connection.adapter, fake_discord)

    async def record(interaction: discord.Interaction[Any], error: Exception) -> None:
        bot.errors.append(error)

    connection.adapter.bot.tree.on_error = record  # type: ignore[method-assign]
    try:
        yield bot
    finally:
        await connection.close()
        await app.close()
        discord.http.Route.BASE = original


def answer_text(body: dict[str, Any]) -> str:
    """Content and every embed text of a message body."""
    parts = [body.get("content") or ""]
    for embed in body.get("embeds") or []:
        parts += [embed.get("title", ""), embed.get("description", "")]
        parts += [f["name"] + " " + f["value"] for f in embed.get("fields", [])]
        parts.append((embed.get("footer") or {}).get("text", ""))
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))  # as Discord shows markdown escapes


def ephemeral(body: dict[str, Any]) -> bool:
    return bool(body.get("flags", 0) & 64)


def channel_ref(channel: str = CHANNEL) -> ChannelRef:
    return ChannelRef("discord", GUILD, channel)


# --- /paper ---------------------------------------------------------------------------------


async def test_paper_defers_then_answers_privately_with_share_buttons(
    discord_bot: DiscordBot,
) -> None:
    answer = await discord_bot.run(discord_bot.interaction("paper", query="lottery ticket"))
    [defer] = discord_bot.fake.callbacks()
    assert defer["type"] == 5 and ephemeral(defer["data"])  # deferred, "thinking", private
    assert ephemeral(answer)
    assert "Lottery Ticket Hypothesis" in answer_text(answer)
    buttons = [c for row in answer["components"] for c in row["components"]]
    assert buttons and all(b["custom_id"].startswith("flashback_share:") for b in buttons)
    assert validate_discord(answer) == []


async def test_share_button_posts_the_result_publicly(discord_bot: DiscordBot) -> None:
    answer = await discord_bot.run(discord_bot.interaction("paper", query="lottery ticket"))
    first = answer["components"][0]["components"][0]["custom_id"]
    shared = await discord_bot.click(answer, first)
    assert not ephemeral(shared)
    assert "Lottery Ticket Hypothesis" in answer_text(shared)
    assert not shared.get("components")
    assert validate_discord(shared) == []


@pytest.mark.parametrize("query", ["", "zxqvwk"])
async def test_empty_or_nonsense_query_gets_help(discord_bot: DiscordBot, query: str) -> None:
    answer = await discord_bot.run(discord_bot.interaction("paper", query=query))
    assert "/paper <words>" in answer_text(answer)
    assert validate_discord(answer) == []


# --- /flashback -----------------------------------------------------------------------------


async def test_manager_subscribes_publicly(discord_bot: DiscordBot) -> None:
    interaction = discord_bot.interaction(
        "flashback",
        "subscribe",
        permissions=MANAGER,
        day="tue",
        time="08:30",
        timezone="Europe/Berlin",
        topics="pruning, GANs",
        size=3,
    )
    answer = await discord_bot.run(interaction)
    assert not ephemeral(answer)
    assert "Every Tuesday at 08:30 (Europe/Berlin), 3 highlights" in answer_text(answer)
    sub = await discord_bot.app.store.subscription(channel_ref())
    assert sub is not None and sub.topics == ("pruning", "gans") and sub.created_by == "6001"


async def test_subscribing_where_the_bot_may_not_post_warns(discord_bot: DiscordBot) -> None:
    cannot = discord.Permissions(view_channel=True)  # a channel that overrides the invite's
    answer = await discord_bot.run(
        discord_bot.interaction(
            "flashback", "subscribe", permissions=MANAGER, app_permissions=cannot
        )
    )
    assert "Subscribed" in answer_text(answer)
    assert (
        "Digests cannot be posted here yet: the bot lacks Send Messages, Embed Links in this "
        "channel: give Conference Flashback those permissions in the channel's settings"
    ) in answer_text(answer)
    fine = await discord_bot.run(
        discord_bot.interaction("flashback", "subscribe", permissions=MANAGER)
    )
    assert "cannot be posted" not in answer_text(fine)


@pytest.mark.parametrize("sub", ["subscribe", "now"])
async def test_a_thread_is_refused_with_where_to_run_it(discord_bot: DiscordBot, sub: str) -> None:
    # The invite grants no Send Messages in Threads, and threads archive themselves: a digest
    # there would fail and pause the subscription.
    interaction = discord_bot.interaction("flashback", sub, permissions=MANAGER, thread=True)
    answer = await discord_bot.run(interaction)
    assert answer["type"] == 4 and ephemeral(answer["data"])
    text = answer_text(answer["data"])
    assert "not threads" in text and f"/flashback {sub}` in the channel" in text
    assert validate_discord(answer["data"]) == []
    assert await discord_bot.app.store.subscription(channel_ref()) is None
    assert not discord_bot.fake.sent_messages()


async def test_looking_from_a_thread_is_fine(discord_bot: DiscordBot) -> None:
    answer = await discord_bot.run(discord_bot.interaction("flashback", "status", thread=True))
    assert "not threads" not in answer_text(answer)


@pytest.mark.parametrize("sub", ["subscribe", "unsubscribe", "now"])
async def test_members_without_manage_channels_are_refused(
    discord_bot: DiscordBot, sub: str
) -> None:
    answer = await discord_bot.run(discord_bot.interaction("flashback", sub))
    assert answer["type"] == 4 and ephemeral(answer["data"])  # answered at once, privately
    assert "Manage Channels" in answer_text(answer["data"])
    assert await discord_bot.app.store.subscription(channel_ref()) is None
    assert not discord_bot.fake.sent_messages()


@pytest.mark.parametrize("sub", ["status", "preview", "help"])
async def test_everyone_may_look(discord_bot: DiscordBot, sub: str) -> None:
    answer = await discord_bot.run(discord_bot.interaction("flashback", sub))
    assert ephemeral(answer)
    assert "Manage Channels permission can use" not in answer_text(answer)
    assert validate_discord(answer) == []


async def test_preview_is_the_digest_as_embeds(discord_bot: DiscordBot) -> None:
    answer = await discord_bot.run(discord_bot.interaction("flashback", "preview"))
    assert answer["embeds"] and "**" in answer["content"]
    assert not discord_bot.fake.sent_messages()


async def test_status_now_and_unsubscribe(discord_bot: DiscordBot) -> None:
    bot = discord_bot
    not_yet = await bot.run(bot.interaction("flashback", "status"))
    assert "not subscribed" in answer_text(not_yet)
    await bot.run(bot.interaction("flashback", "subscribe", permissions=MANAGER, day="fri"))
    status = await bot.run(bot.interaction("flashback", "status"))
    assert "Every Friday at 09:00 (UTC)" in answer_text(status)
    posted = await bot.run(bot.interaction("flashback", "now", permissions=MANAGER))
    assert "Posted this week's flashback" in answer_text(posted) and ephemeral(posted)
    again = await bot.run(bot.interaction("flashback", "now", permissions=MANAGER))
    assert "already posted" in answer_text(again)
    [digest] = bot.fake.sent_messages(CHANNEL)
    assert validate_discord(digest) == []
    gone = await bot.run(bot.interaction("flashback", "unsubscribe", permissions=MANAGER))
    assert "Unsubscribed" in answer_text(gone) and not ephemeral(gone)


async def test_bad_arguments_get_a_helpful_reply(discord_bot: DiscordBot) -> None:
    answer = await discord_bot.run(
        discord_bot.interaction("flashback", "subscribe", permissions=MANAGER, time="25:00")
    )
    assert "'25:00' is not a time of day" in answer_text(answer)


async def test_help_is_the_shared_help_in_discords_syntax(discord_bot: DiscordBot) -> None:
    from bot.chat.subcommands import help_entries

    answer = await discord_bot.run(discord_bot.interaction("flashback", "help"))
    text = answer_text(answer)
    for entry in help_entries("options"):
        assert entry.usage in text
    assert "/flashback subscribe day:Monday time:09:00" in text and "/paper query:" in text
    assert "topics=" not in text and "size=N" not in text and "mon 09:00" not in text


async def test_help_explains_one_subcommand_with_its_options(discord_bot: DiscordBot) -> None:
    interaction = discord_bot.interaction("flashback", "help", subcommand="subscribe")
    text = answer_text(await discord_bot.run(interaction))
    assert "`size:` highlights per digest, 1 to 10" in text and "topics=" not in text


async def test_no_request_ever_allows_mentions(discord_bot: DiscordBot) -> None:
    bot = discord_bot
    await bot.run(bot.interaction("paper", query="lottery ticket"))
    await bot.run(bot.interaction("flashback", "subscribe", permissions=MANAGER))
    await bot.run(bot.interaction("flashback", "preview"))
    await bot.run(bot.interaction("flashback", "now", permissions=MANAGER))
    await bot.run(bot.interaction("flashback", "status"))
    await bot.run(bot.interaction("flashback", "unsubscribe"))  # refused: immediate answer
    sent = [c.body.get("data") or {} if "/callback" in c.path else c.body for c in bot.fake.calls]
    # Every request that carries a message (defers carry none) forbids every mention.
    messages = [body for body in sent if "content" in body or "embeds" in body]
    assert len(messages) >= 7
    for body in messages:
        assert body["allowed_mentions"] == {"parse": []}, body


# --- posting digests ------------------------------------------------------------------------


async def test_post_errors_are_mapped(discord_bot: DiscordBot) -> None:
    bot = discord_bot
    for channel, status in (("7100", 403), ("7101", 404)):
        await bot.app.service.subscribe(channel_ref(channel), actor="6001")
        bot.fake.channel_errors[channel] = status
    subs = await bot.app.store.subscriptions()
    outcomes = {
        o.channel.channel: o for o in [await bot.app.service.deliver(s, "2026-W19") for s in subs]
    }
    assert outcomes["7100"].status == "failed" and "permissions" in (outcomes["7100"].error or "")
    assert outcomes["7101"].status == "failed" and "not found" in (outcomes["7101"].error or "")


async def test_a_posted_digest_is_found_again_by_its_week(discord_bot: DiscordBot) -> None:
    bot = discord_bot
    channel = channel_ref("7400")
    digest = await bot.app.service.preview(channel)
    message_id = await bot.adapter.post_digest(channel, digest)
    [sent] = bot.fake.sent_messages("7400")
    assert sent["embeds"][-1]["footer"]["text"].endswith(f" · {digest.week}")
    assert await bot.adapter.find_digest(channel, digest.week) == message_id
    assert await bot.adapter.find_digest(channel, "2001-W01") is None
    assert await bot.adapter.find_digest(channel_ref("7401"), digest.week) is None


async def test_429_and_500_are_retried_and_nothing_is_lost(discord_bot: DiscordBot) -> None:
    bot = discord_bot
    channels = [channel_ref(str(7200 + i)) for i in range(3)]
    for channel in channels:
        await bot.app.service.subscribe(channel, actor="6001")
    bot.fake.fail("/messages", status=429, retry_after=0.01, times=4)
    bot.fake.fail("/messages", status=500, times=2)
    import asyncio

    subs = await bot.app.store.subscriptions()
    outcomes = await asyncio.gather(*(bot.app.service.deliver(s, "2026-W19") for s in subs))
    assert [o.status for o in outcomes] == ["sent"] * 3
    for channel in channels:
        [message] = bot.fake.sent_messages(channel.channel)
        assert validate_discord(message) == []
        assert message["allowed_mentions"]["parse"] == []


async def test_a_digest_whose_answer_is_lost_is_not_posted_twice(discord_bot: DiscordBot) -> None:
    import asyncio

    bot = discord_bot
    channels = [channel_ref(str(7500 + i)) for i in range(6)]
    for channel in channels:
        await bot.app.service.subscribe(channel, actor="6001")
    bot.fake.lose_answer(2, how="drop")  # stored, then the connection drops
    bot.fake.lose_answer(4, how=500)  # stored, then a 500 (discord.py would re-send it)
    subs = await bot.app.store.subscriptions()
    outcomes = await asyncio.gather(*(bot.app.service.deliver(s, "2026-W19") for s in subs))
    assert [o.status for o in outcomes] == ["sent"] * len(channels)
    for outcome in outcomes:
        [message] = bot.fake.history[outcome.channel.channel]  # one digest per channel
        assert outcome.message_id == message["id"]
    assert bot.fake.lost == {}
    assert len([c for c in bot.fake.calls_to("/messages") if c.method == "POST"]) == 6


def test_descriptions_come_from_the_shared_help() -> None:
    from bot.adapters.discord.cog import FlashbackCog

    group = FlashbackCog.flashback
    for command in group.commands:
        assert command.description == SUBCOMMANDS[command.name].summary.replace("`", "")[:100]


async def test_sync_registers_both_commands_on_purpose(fake_discord: FakeDiscordAPI) -> None:
    from bot.adapters.discord.sync import sync_commands

    original = discord.http.Route.BASE
    settings = load_settings(discord_token=TOKEN, discord_api_url=fake_discord.base)
    try:
        names = await sync_commands(settings, guild=int(GUILD))
    finally:
        discord.http.Route.BASE = original
    assert sorted(names) == ["flashback", "paper"]
    [call] = fake_discord.calls_to(f"/guilds/{GUILD}/commands")
    commands = {c["name"]: c for c in call.body["_"]}
    subs = {o["name"] for o in commands["flashback"]["options"]}
    assert subs == set(SUBCOMMANDS)
    from bot.chat.usage import ARGUMENTS

    for sub in commands["flashback"]["options"]:
        options = [(o["name"], o["description"]) for o in sub.get("options", [])]
        shared = [(a.name, a.about) for a in ARGUMENTS.get(sub["name"], ())]
        assert options == shared, sub["name"]  # named, ordered and described as the help says
    assert {"subscribe", "help"} <= set(ARGUMENTS)


def test_invite_url_names_scopes_and_permissions() -> None:
    from typer.testing import CliRunner

    from bot.cli import app as cli

    result = CliRunner().invoke(cli, ["discord", "invite", "--client-id", "42"])
    assert result.exit_code == 0
    assert result.output.strip() == (
        "https://discord.com/oauth2/authorize?client_id=42"
        "&scope=bot+applications.commands&permissions=84992"
    )


async def test_a_long_rate_limit_raises_instead_of_hanging(discord_bot: DiscordBot) -> None:
    from bot.adapters.discord.adapter import MAX_RATELIMIT_SECONDS
    from bot.ports import TransientPostError

    assert discord_bot.adapter.bot.http.max_ratelimit_timeout == MAX_RATELIMIT_SECONDS
    channel = channel_ref("7300")
    digest = await discord_bot.app.service.preview(channel)
    discord_bot.fake.fail("/channels/7300/messages", status=429, retry_after=600)
    with pytest.raises(TransientPostError) as raised:
        await discord_bot.adapter.post_digest(channel, digest)
    assert raised.value.retry_after == 600


def test_a_shard_count_makes_the_client_auto_sharded() -> None:
    from discord.ext import commands

    from bot.adapters.discord.adapter import make_bot

    sharded = make_bot(load_settings(discord_token=TOKEN, discord_shards=4))
    assert isinstance(sharded, commands.AutoShardedBot) and sharded.shard_count == 4
    mine = make_bot(load_settings(discord_token=TOKEN, discord_shards=4, discord_shard_ids="2,3"))
    assert isinstance(mine, commands.AutoShardedBot) and mine.shard_ids == [2, 3]
    with pytest.raises(SettingsError, match="FLASHBACK_DISCORD_SHARD_IDS"):
        load_settings(discord_token=TOKEN, discord_shards=2, discord_shard_ids="0,2")
    plain = make_bot(load_settings(discord_token=TOKEN))
    assert not isinstance(plain, commands.AutoShardedBot)
    assert plain.allowed_mentions is not None and plain.allowed_mentions.to_dict()["parse"] == []


async def test_share_survives_a_query_cut_short(discord_bot: DiscordBot) -> None:
    answer = await discord_bot.run(discord_bot.interaction("paper", query="lottery ticket"))
    first = answer["components"][0]["components"][0]
    paper_id = first["custom_id"].split(":", 1)[1].split("|", 1)[0]
    cut = f"flashback_share:{paper_id}|zzqx"  # as if the query had been truncated
    message = {**answer, "components": [{"type": 1, "components": [{**first, "custom_id": cut}]}]}
    shared = await discord_bot.click(message, cut)
    assert "Lottery Ticket Hypothesis" in answer_text(shared)


def test_no_voice_warnings_at_start() -> None:
    # One-shot warnings of discord.py's client constructor: checked in a fresh process.
    import subprocess
    import sys

    script = (
        "import logging; logging.basicConfig()\n"
        "from bot.adapters.discord.adapter import make_bot\n"
        "from bot.settings import load_settings\n"
        "make_bot(load_settings())\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "voice will NOT be supported" not in done.stderr
