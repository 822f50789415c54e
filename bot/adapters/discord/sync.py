"""Registering the Discord slash commands on purpose, and the invite URL.

Discord allows 200 command creations a day per server, so commands are synced by
`flashback discord sync`, never at every start. Sync needs no gateway: REST login suffices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.adapters.discord.adapter import make_bot, use_api_url
from bot.adapters.discord.cog import FlashbackCog

if TYPE_CHECKING:
    from bot.settings import Settings

# View Channels, Send Messages, Embed Links: all a digest or an answer needs.
# Read Message History lets the bot find a digest it posted just before a crash.
BOT_PERMISSIONS = discord.Permissions(
    view_channel=True, send_messages=True, embed_links=True, read_message_history=True
)
SCOPES = ("bot", "applications.commands")


def invite_url(client_id: int) -> str:
    """The OAuth2 URL that adds the bot with its scopes and permissions."""
    return discord.utils.oauth_url(client_id, permissions=BOT_PERMISSIONS, scopes=SCOPES)


async def application_id(settings: Settings) -> int:
    """The application id behind the configured token."""
    assert settings.discord_token is not None
    use_api_url(settings.discord_api_url)
    bot = make_bot(settings)
    async with bot:
        await bot.login(settings.discord_token.get_secret_value())
        assert bot.application_id is not None
        return bot.application_id


async def sync_commands(settings: Settings, guild: int | None = None) -> list[str]:
    """Upload the command tree globally, or to one guild; return the top-level names."""
    assert settings.discord_token is not None
    use_api_url(settings.discord_api_url)
    bot = make_bot(settings)
    async with bot:
        # The commands only need to be described here, not run: no service behind them.
        await bot.add_cog(FlashbackCog(None, None))  # type: ignore[arg-type]
        await bot.login(settings.discord_token.get_secret_value())
        target = discord.Object(id=guild) if guild else None
        if target is not None:
            bot.tree.copy_global_to(guild=target)
        synced = await bot.tree.sync(guild=target)
    return [command.name for command in synced]
