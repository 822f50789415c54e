"""Discord: the bot client, posting digests as embeds, and mapping Discord errors.

The slash commands live in ``cog.py``; this module builds the client they run on and
is the ChatAdapter the scheduler posts through. Nothing connects at import time: the gateway
opens in ``start()`` and closes in ``close()``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any

import aiohttp
import discord
import yarl
from discord.ext import commands

from bot.adapters.discord.gateway import GatewaySupervisor
from bot.adapters.discord.limits import DISCORD_FOOTER
from bot.adapters.discord.messages import NO_MENTIONS, discord_message
from bot.adapters.discord.poster import DigestPoster
from bot.chat.render import render_digest_payload, render_reply
from bot.ports import ChannelRef, Invocation

if TYPE_CHECKING:
    from jinja2 import Environment

    from bot.chat.replies import Reply
    from bot.digest.model import Digest
    from bot.service import Service
    from bot.settings import Settings

log = logging.getLogger(__name__)

# A 429 longer than this raises instead of sleeping, so one digest job cannot hang a worker;
# the delivery ledger retries it later.
MAX_RATELIMIT_SECONDS = 30.0
# What posting a digest takes (the invite asks for these, see sync.BOT_PERMISSIONS).
POSTING_PERMISSIONS = (
    ("view_channel", "View Channel"),
    ("send_messages", "Send Messages"),
    ("embed_links", "Embed Links"),
)
DISCORD_MANAGER_HINT = "members with the Manage Channels permission"
AnyBot = commands.Bot | commands.AutoShardedBot


def make_bot(settings: Settings) -> AnyBot:
    """The client: sharded when a shard count is set, no mentions, bounded rate-limit waits."""
    # The bot never joins a voice channel: the "PyNaCl/davey is not installed, voice will NOT
    # be supported" warnings at every start are noise (voice libraries are left out on purpose).
    discord.VoiceClient.warn_nacl = False
    discord.VoiceClient.warn_dave = False
    options: dict[str, Any] = {
        "command_prefix": commands.when_mentioned,
        "help_command": None,
        "intents": discord.Intents(guilds=True),
        "allowed_mentions": NO_MENTIONS,
        "max_ratelimit_timeout": MAX_RATELIMIT_SECONDS,
    }
    if settings.discord_shards:
        # Each replica of a scaled-out deployment runs its own shards: Discord then sends
        # every guild's interactions to exactly one of them.
        if settings.discord_shard_ids:
            options["shard_ids"] = settings.discord_shard_ids
        return commands.AutoShardedBot(shard_count=settings.discord_shards, **options)
    return commands.Bot(**options)


def use_api_url(url: str, gateway: str | None = None) -> None:
    """Point discord.py's REST calls (and webhook followups) at ``url``, and its gateway at
    ``gateway`` (proxies, tests)."""
    discord.http.Route.BASE = url.rstrip("/")
    if gateway:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)


class DiscordAdapter:
    """Posts digests as embeds to channels and runs the bot's gateway connection."""

    platform = "discord"
    manager_hint = DISCORD_MANAGER_HINT

    def __init__(
        self,
        bot: AnyBot,
        env: Environment,
        token: str,
        connect_timeout: float = 120.0,
        api_url: str | None = None,
    ) -> None:
        self.bot = bot
        self.env = env
        self._token = token
        # Digests in one request each (discord.py would re-send a 5xx: a second digest).
        self.poster = DigestPoster(api_url or discord.http.Route.BASE, token)
        self.gateway = GatewaySupervisor(bot, token, connect_timeout)
        self._task: asyncio.Task[None] | None = None

    @classmethod
    def from_settings(cls, settings: Settings, env: Environment) -> DiscordAdapter:
        assert settings.discord_token is not None
        use_api_url(settings.discord_api_url, settings.discord_gateway_url)
        return cls(
            make_bot(settings),
            env,
            settings.discord_token.get_secret_value(),
            settings.connect_timeout_seconds,
            settings.discord_api_url,
        )

    async def attach(self, service: Service) -> None:
        """Register the slash commands (they are synced separately, on purpose)."""
        from bot.adapters.discord.cog import FlashbackCog, ShareButton

        await self.bot.add_cog(FlashbackCog(service, self))
        self.bot.add_dynamic_items(ShareButton)

    @property
    def connected(self) -> bool:
        return self.gateway.connected

    async def login(self) -> None:
        """Log in over REST only (no gateway): enough to sync commands or post."""
        await self.bot.login(self._token)

    async def start(self) -> None:
        """Log in and connect the gateway under its supervisor; return once connected."""
        log.info("Discord: connecting to the gateway")
        self._task = asyncio.create_task(self.gateway.run(), name="discord")
        ready = asyncio.create_task(self.gateway.ready.wait())
        try:
            await asyncio.wait({ready, self._task}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            ready.cancel()
        if self._task.done():
            self._task.result()  # the supervisor gave up: its StartupError
        log.info("Discord: connected as %s", self.bot.user)

    async def watch(self) -> None:
        """Return when the gateway supervisor ends; raise its StartupError if it gave up."""
        if self._task is not None:
            await asyncio.shield(self._task)

    async def close(self) -> None:
        await self.poster.close()
        await self.bot.close()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task

    async def is_manager(self, invocation: Invocation) -> bool:
        """Members with Manage Channels (as the interaction says) manage subscriptions."""
        interaction: discord.Interaction[Any] = invocation.handle
        return bool(interaction.permissions.manage_channels)

    async def posting_problem(self, invocation: Invocation) -> str | None:
        """What the bot may not do in the channel (as the interaction says) that a digest
        needs: view it, send messages, embed links."""
        interaction: discord.Interaction[Any] = invocation.handle
        granted = interaction.app_permissions
        missing = [name for flag, name in POSTING_PERMISSIONS if not getattr(granted, flag)]
        if not missing:
            return None
        return (
            f"the bot lacks {', '.join(missing)} in this channel: give Conference Flashback "
            "those permissions in the channel's settings (Permissions)"
        )

    async def respond(self, invocation: Invocation, reply: Reply) -> None:
        """Answer the interaction: its followup once deferred, else its first response.

        Mentions never ping; a private lookup answer gets a Share button per result.
        """
        from bot.adapters.discord.cog import share_view

        interaction: discord.Interaction[Any] = invocation.handle
        message = discord_message(render_reply(reply, "discord", self.env))
        view = share_view(reply)
        extra: dict[str, Any] = {"view": view} if view is not None else {}
        if interaction.response.is_done():
            await interaction.followup.send(ephemeral=reply.ephemeral, **message, **extra)
        else:
            await interaction.response.send_message(ephemeral=reply.ephemeral, **message, **extra)

    async def post_digest(self, channel: ChannelRef, digest: Digest) -> str:
        """Post the digest's embeds to the channel, mentions off; return the message id."""
        payload = mark_week(render_digest_payload(digest, "discord", self.env), digest.week)
        return await self.poster.post(channel.channel, payload)

    async def find_digest(self, channel: ChannelRef, week: str) -> str | None:
        """The id of ``week``'s digest among the bot's recent messages in the channel.

        After a crash between a post and its record, this keeps a late retry from posting
        the same week twice (the footer carries the week, see ``mark_week``).
        """
        me = self.bot.user
        target = self.bot.get_partial_messageable(int(channel.channel))
        try:
            async for message in target.history(limit=HISTORY_LIMIT):
                if me is not None and message.author.id != me.id:
                    continue
                if any(_footer(embed).endswith(week_marker(week)) for embed in message.embeds):
                    return str(message.id)
        except (discord.DiscordException, aiohttp.ClientError, TimeoutError) as exc:
            log.warning("cannot read %s history: %r", channel.key, exc)
        return None


HISTORY_LIMIT = 50


def week_marker(week: str) -> str:
    """What ends a digest's last footer: ' · 2026-W19'."""
    return f" · {week}"


def mark_week(payload: dict[str, Any], week: str) -> dict[str, Any]:
    """Sign the digest with its week in the last embed's footer, whatever the template says."""
    embeds = payload.get("embeds") or []
    if not embeds:
        return payload
    footer = dict(embeds[-1].get("footer") or {})
    marker = week_marker(week)
    text = str(footer.get("text") or "Conference Flashback")
    footer["text"] = text[: DISCORD_FOOTER - len(marker)] + marker
    embeds[-1] = {**embeds[-1], "footer": footer}
    return {**payload, "embeds": embeds}


def _footer(embed: discord.Embed) -> str:
    return str(embed.footer.text or "") if embed.footer else ""
