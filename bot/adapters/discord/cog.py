"""The Discord slash commands: /paper and /flashback <subcommand>, plus the Share button.

Each command defers at once (Discord wants an answer within 3 seconds), then answers with a
followup rendered from the templates (the adapter's ``respond``). Descriptions come from
bot/chat/subcommands.py and the options' from bot/chat/usage.py, the same text the help shows
on every platform; the help shows Discord's named-option syntax.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.adapters.discord.messages import NO_MENTIONS
from bot.chat.commands import run_flashback
from bot.chat.paper import handle_paper, share_paper
from bot.chat.parse import FlashbackCommand, SubscribeArgs
from bot.chat.render import SHARE_ACTION
from bot.chat.replies import PaperView, Reply, ReplyView
from bot.chat.subcommands import SUBCOMMANDS, refused
from bot.chat.usage import ARGUMENTS, PAPER_ARGUMENT, PAPER_SUMMARY, Syntax
from bot.chat.views import DAY_NAMES
from bot.ports import ChannelRef, Invocation
from bot.service import Service

if TYPE_CHECKING:
    from bot.adapters.discord.adapter import DiscordAdapter

log = logging.getLogger(__name__)
_CUSTOM_ID_MAX = 100
# What posts to the channel. Threads are refused rather than given Send Messages in Threads:
# a thread archives itself after a week without messages at most, and a weekly digest into an
# archived thread fails and pauses the subscription; the channel the thread is in lasts.
_POSTS_HERE = frozenset({"subscribe", "now"})
SYNTAX: Syntax = "options"
_DESCRIPTION_MAX = 100


def _options(name: str) -> dict[str, str]:
    """A subcommand's option descriptions, from the shared usage."""
    return {a.name: a.about[:_DESCRIPTION_MAX] for a in ARGUMENTS[name]}


def _describe(name: str) -> str:
    """A subcommand's help line, cut to Discord's 100-character description limit."""
    summary = SUBCOMMANDS[name].summary.replace("`", "")
    return summary if len(summary) <= 100 else summary[:99] + "…"


def channel_of(interaction: discord.Interaction[Any]) -> ChannelRef:
    """The channel an interaction came from ('' workspace in DMs)."""
    return ChannelRef("discord", str(interaction.guild_id or ""), str(interaction.channel_id))


def invocation_of(interaction: discord.Interaction[Any]) -> Invocation:
    """Who ran a command or clicked a button, where, and the interaction that answers them."""
    return Invocation(channel_of(interaction), str(interaction.user.id), interaction)


class ShareButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=SHARE_ACTION + r":(?P<paper>[^|]+)\|(?P<query>.*)",
):
    """'Share' under a private /paper result: posts that result to the channel."""

    def __init__(self, paper_id: str, query: str, label: str = "Share") -> None:
        custom_id = f"{SHARE_ACTION}:{paper_id}|{query}"[:_CUSTOM_ID_MAX]
        super().__init__(
            discord.ui.Button(
                label=label[:80], style=discord.ButtonStyle.secondary, custom_id=custom_id
            )
        )
        self.paper_id = paper_id
        self.query = query

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ShareButton:
        return cls(match["paper"], match["query"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        cog = interaction.client.get_cog(FlashbackCog.__cog_name__)
        assert isinstance(cog, FlashbackCog)
        await interaction.response.defer(thinking=True)
        reply = await share_paper(cog.service, self.query, self.paper_id, str(interaction.user.id))
        await cog.send(interaction, reply)


def in_thread(interaction: discord.Interaction[Any], command: FlashbackCommand) -> Reply | None:
    """The refusal when a command that posts here runs in a thread, else None."""
    if command.name not in _POSTS_HERE or not isinstance(interaction.channel, discord.Thread):
        return None
    return Reply(
        "reply",
        ReplyView(
            "Flashbacks are posted to channels, not threads",
            [f"Run `/flashback {command.name}` in the channel this thread belongs to."],
            tone="error",
        ),
    )


def share_view(reply: Reply) -> discord.ui.View | None:
    """Share buttons under a private lookup answer, one per result."""
    view = reply.view
    if not isinstance(view, PaperView) or view.shared_by or not view.answer.results:
        return None
    buttons = discord.ui.View(timeout=None)
    for number, result in enumerate(view.answer.results, start=1):
        buttons.add_item(ShareButton(result.paper.id, view.query, f"Share {number}"))
    return buttons


class FlashbackCog(commands.Cog, name="Flashback"):
    """The bot's slash commands, answering through the neutral bot.chat layer."""

    flashback = app_commands.Group(
        name="flashback",
        description="Weekly conference flashbacks for this channel",
        guild_only=True,
    )

    def __init__(self, service: Service, adapter: DiscordAdapter) -> None:
        self.service = service
        self.adapter = adapter

    async def send(self, interaction: discord.Interaction[Any], reply: Reply) -> None:
        """Answer an interaction with the rendered reply (mentions never ping)."""
        await self.adapter.respond(invocation_of(interaction), reply)

    async def run(self, interaction: discord.Interaction[Any], command: FlashbackCommand) -> None:
        """Check the permission, defer, run the command, send its reply."""
        invocation = invocation_of(interaction)
        if (refusal := in_thread(interaction, command)) is not None:
            await self.adapter.respond(invocation, refusal)
            return
        is_manager = await self.adapter.is_manager(invocation)
        hint = self.adapter.manager_hint
        if command.needs_manager and not is_manager:
            # Checked again here: the command's default permission is not the only guard.
            await self.adapter.respond(invocation, refused(command, hint))
            return
        announces = command.name in SUBCOMMANDS and SUBCOMMANDS[command.name].announces
        await interaction.response.defer(ephemeral=not announces, thinking=True)
        reply = await run_flashback(
            self.service,
            invocation.channel,
            invocation.user,
            is_manager,
            command,
            manager_hint=hint,
            syntax=SYNTAX,
            posting=lambda: self.adapter.posting_problem(invocation),
        )
        await self.adapter.respond(invocation, reply)

    @app_commands.command(name="paper", description=PAPER_SUMMARY)
    @app_commands.describe(query=PAPER_ARGUMENT.about[:_DESCRIPTION_MAX])
    async def paper(self, interaction: discord.Interaction[Any], query: str) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await self.send(interaction, await handle_paper(self.service, query))

    @flashback.command(name="subscribe", description=_describe("subscribe"))
    @app_commands.describe(**_options("subscribe"))
    @app_commands.choices(day=[app_commands.Choice(name=n, value=d) for d, n in DAY_NAMES.items()])
    async def subscribe(
        self,
        interaction: discord.Interaction[Any],
        day: str | None = None,
        time: str | None = None,
        timezone: str | None = None,
        topics: str | None = None,
        size: app_commands.Range[int, 1, 10] | None = None,
    ) -> None:
        topic_list = tuple(t.strip() for t in (topics or "").split(",") if t.strip()) or None
        args = SubscribeArgs(day, time, timezone, topic_list, size)
        await self.run(interaction, FlashbackCommand("subscribe", subscribe=args))

    @flashback.command(name="unsubscribe", description=_describe("unsubscribe"))
    async def unsubscribe(self, interaction: discord.Interaction[Any]) -> None:
        await self.run(interaction, FlashbackCommand("unsubscribe"))

    @flashback.command(name="status", description=_describe("status"))
    async def status(self, interaction: discord.Interaction[Any]) -> None:
        await self.run(interaction, FlashbackCommand("status"))

    @flashback.command(name="preview", description=_describe("preview"))
    async def preview(self, interaction: discord.Interaction[Any]) -> None:
        await self.run(interaction, FlashbackCommand("preview"))

    @flashback.command(name="now", description=_describe("now"))
    async def now(self, interaction: discord.Interaction[Any]) -> None:
        await self.run(interaction, FlashbackCommand("now"))

    @flashback.command(name="help", description=_describe("help"))
    @app_commands.describe(**_options("help"))
    @app_commands.choices(subcommand=[app_commands.Choice(name=n, value=n) for n in SUBCOMMANDS])
    async def help(
        self, interaction: discord.Interaction[Any], subcommand: str | None = None
    ) -> None:
        await self.run(interaction, FlashbackCommand("help", topic=subcommand))

    async def cog_app_command_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        log.error("Discord command failed: %r", error, exc_info=error)
        text = "Sorry, something went wrong on our side; the error is logged."
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
