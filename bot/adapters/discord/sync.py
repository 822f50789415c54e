"""Registering the Discord slash commands on purpose, and the invite URL.

Discord allows 200 command creations a day per server, so commands are synced by
`flashback discord sync`, never at every start. Sync needs no gateway: REST login suffices.
Commands synced to one server (for testing: they are there at once) and globally are both
listed there, so each would show twice: ``clear_commands`` empties one server's set again.
Discord's refusals become SetupErrors naming the fix (``refusals.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.adapters.discord.adapter import make_bot, use_api_url
from bot.adapters.discord.cog import FlashbackCog
from bot.adapters.discord.refusals import explained

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
        await _login(bot, settings)
        assert bot.application_id is not None
        return bot.application_id


async def sync_commands(settings: Settings, guild: int | None = None) -> list[str]:
    """Upload the command tree globally, or to one guild; return the top-level names."""
    return await _upload(settings, guild, clear=False)


async def clear_commands(settings: Settings, guild: int) -> list[str]:
    """Remove the commands synced to one guild (the global ones stay); return what is left."""
    return await _upload(settings, guild, clear=True)


async def _upload(settings: Settings, guild: int | None, *, clear: bool) -> list[str]:
    use_api_url(settings.discord_api_url)
    bot = make_bot(settings)
    async with bot:
        # The commands only need to be described here, not run: no service behind them.
        await bot.add_cog(FlashbackCog(None, None))  # type: ignore[arg-type]
        await _login(bot, settings)
        target = discord.Object(id=guild) if guild else None
        if clear:
            bot.tree.clear_commands(guild=target)
        elif target is not None:
            bot.tree.copy_global_to(guild=target)
        call = bot.tree.sync(guild=target)
        synced = await explained(call, guild=guild, api_url=settings.discord_api_url)
    return [command.name for command in synced]


async def _login(bot: discord.Client, settings: Settings) -> None:
    assert settings.discord_token is not None
    call = bot.login(settings.discord_token.get_secret_value())
    await explained(call, api_url=settings.discord_api_url)
