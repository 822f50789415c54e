"""Discord as a chat platform: its rendering profile, when it runs, how it connects.

Only this package knows Discord. discord.py is imported when Discord actually starts, so
rendering or the doctor never load it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.adapters.discord.limits import fit_discord, validate_discord
from bot.adapters.discord.markup import escape_discord
from bot.adapters.discord.tokens import discord_online, discord_shape
from bot.adapters.platforms import ChatPlatform, Connection
from bot.digest.platforms import PlatformProfile

if TYPE_CHECKING:
    import typer
    from jinja2 import Environment

    from bot.app import App

PROFILE = PlatformProfile(
    "discord",
    suffix="json.j2",
    escape=escape_discord,
    escape_filter="discord_md",
    fit=fit_discord,
    validate=validate_discord,
)


async def connect(app: App, env: Environment) -> Connection:
    """Discord with its slash commands registered (not synced: `flashback discord sync`)."""
    from bot.adapters.discord.adapter import DiscordAdapter

    adapter = DiscordAdapter.from_settings(app.settings, env)
    await adapter.attach(app.service)
    return Connection(
        "discord",
        adapter,
        adapter.start,
        adapter.close,
        lambda: adapter.connected,
        watch=adapter.watch,
    )


def commands() -> typer.Typer:
    """`flashback discord sync|invite`."""
    from bot.adapters.discord.cli import app

    return app


DISCORD = ChatPlatform(
    PROFILE,
    enabled=lambda settings: settings.discord_token is not None,
    connect=connect,
    token_shape=discord_shape,
    token_online=discord_online,
    commands=commands,
)
