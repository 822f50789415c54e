"""Discord: the bot client, the slash commands (a cog), command sync, its limits and token."""

from bot.adapters.discord.platform import DISCORD

__all__ = ["DISCORD"]
