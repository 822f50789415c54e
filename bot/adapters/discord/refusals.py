"""What Discord's answers to `flashback discord sync|invite` mean, as one line with the fix.

A first-time set-up meets the same few refusals: the bot is not in the server yet (403
Missing Access, code 50001: Discord refuses guild commands until the app is authorised
there), the token is refused (401), or the API cannot be reached. Each becomes a SetupError
whose message names the fix, so the CLI prints one line instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

import aiohttp
import discord

from bot.adapters.discord.tokens import DISCORD_FIX

T = TypeVar("T")
MISSING_ACCESS = 50001


class SetupError(Exception):
    """A refusal a person setting the bot up can fix; the message says how."""


def explain(exc: Exception, *, guild: int | None = None, api_url: str = "") -> SetupError | None:
    """The SetupError for an ordinary set-up mistake, or None for anything else."""
    if isinstance(exc, discord.LoginFailure):
        return SetupError(f"Discord refused FLASHBACK_DISCORD_TOKEN (401): {DISCORD_FIX}")
    if isinstance(exc, discord.Forbidden) and exc.code == MISSING_ACCESS:
        where = f"server {guild}" if guild else "that server"
        return SetupError(
            f"Discord refused access to {where} (403 Missing Access): the bot is not in it yet. "
            "Run `flashback discord invite`, open the URL, pick the server, Authorize; "
            "then sync again"
        )
    if isinstance(exc, discord.HTTPException):
        return SetupError(
            f"Discord answered {exc.status} {exc.text or ''}".rstrip()
            + ": try again later; see https://discordstatus.com"
        )
    if isinstance(exc, aiohttp.ClientError | OSError | TimeoutError):
        return SetupError(
            f"cannot reach the Discord API at {api_url or 'its address'} ({type(exc).__name__}): "
            "check the network, a proxy, or FLASHBACK_DISCORD_API_URL"
        )
    return None


async def explained(call: Awaitable[T], *, guild: int | None = None, api_url: str = "") -> T:
    """Await ``call``; an ordinary set-up mistake is raised as a SetupError."""
    try:
        return await call
    except Exception as exc:
        error = explain(exc, guild=guild, api_url=api_url)
        if error is None:
            raise
        raise error from exc
