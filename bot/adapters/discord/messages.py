"""Rendered Discord payloads ({"content", "embeds"}) as discord.py send() arguments."""

from __future__ import annotations

from typing import Any

import discord

NO_MENTIONS = discord.AllowedMentions.none()


def discord_message(payload: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for send()/followup.send(): content, Embed objects, no mentions."""
    return {
        "content": payload.get("content") or None,
        "embeds": [discord.Embed.from_dict(embed) for embed in payload.get("embeds", [])],
        "allowed_mentions": NO_MENTIONS,
    }
