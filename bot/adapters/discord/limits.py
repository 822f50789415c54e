"""Discord's message limits: a validator that lists what is over, a fitter that trims to fit.

A message holds 2000 characters of content and 10 embeds; an embed's title 256, description
4096, 25 fields (name 256, value 1024), footer 2048; all embeds together 6000.
"""

from __future__ import annotations

import copy
from typing import Any

from bot.digest.limits import (
    check_count,
    check_length,
    clip,
    clip_text,
    ping_problems,
    text_of,
    units,
)
from bot.digest.safety import defuse_payload, safe_url

DISCORD_CONTENT = 2000
DISCORD_EMBEDS = 10
DISCORD_TITLE = 256
DISCORD_DESCRIPTION = 4096
DISCORD_FIELDS = 25
DISCORD_FIELD_NAME = 256
DISCORD_FIELD_VALUE = 1024
DISCORD_FOOTER = 2048
DISCORD_AUTHOR = 256
DISCORD_TOTAL = 6000
_BLANK = "\u200b"  # Discord refuses empty field names and values


def _embed_total(embed: dict[str, Any]) -> int:
    parts = [embed.get("title", ""), embed.get("description", "")]
    parts += [embed.get("footer", {}).get("text", ""), embed.get("author", {}).get("name", "")]
    for item in embed.get("fields", []):
        parts += [item.get("name", ""), item.get("value", "")]
    return sum(units(str(p)) for p in parts)


def _embed_problems(embed: dict[str, Any], where: str) -> list[str]:
    problems: list[str] = []
    author = str(embed.get("author", {}).get("name", ""))
    check_length(problems, f"{where} title", str(embed.get("title", "")), DISCORD_TITLE)
    description = str(embed.get("description", ""))
    check_length(problems, f"{where} description", description, DISCORD_DESCRIPTION)
    check_length(problems, f"{where} footer", text_of(embed.get("footer")), DISCORD_FOOTER)
    check_length(problems, f"{where} author", author, DISCORD_AUTHOR)
    if "url" in embed and safe_url(embed["url"]) != embed["url"]:
        problems.append(f"{where}: url {embed['url']!r} is not a clean http(s) URL")
    fields = embed.get("fields", [])
    check_count(problems, where, fields, "fields", DISCORD_FIELDS)
    for j, item in enumerate(fields):
        name, value = str(item.get("name", "")), str(item.get("value", ""))
        if not name.strip() or not value.strip():
            problems.append(f"{where} field {j}: empty name or value")
        check_length(problems, f"{where} field {j} name", name, DISCORD_FIELD_NAME)
        check_length(problems, f"{where} field {j} value", value, DISCORD_FIELD_VALUE)
    return problems


def validate_discord(payload: dict[str, Any]) -> list[str]:
    """What in a message payload breaks Discord's limits or could ping; [] when fine."""
    problems: list[str] = []
    check_length(problems, "content", str(payload.get("content", "")), DISCORD_CONTENT)
    embeds = payload.get("embeds", [])
    check_count(problems, "", embeds, "embeds", DISCORD_EMBEDS)
    for i, embed in enumerate(embeds):
        problems += _embed_problems(embed, f"embed {i}")
    total = sum(_embed_total(e) for e in embeds)
    if total > DISCORD_TOTAL:
        problems.append(f"embeds total {total} characters, limit {DISCORD_TOTAL}")
    return problems + ping_problems(payload)


def _fit_embed(embed: dict[str, Any]) -> None:
    for key, limit in (("title", DISCORD_TITLE), ("description", DISCORD_DESCRIPTION)):
        if key in embed:
            embed[key] = clip(str(embed[key]), limit)
    if "url" in embed:
        url = safe_url(embed["url"])
        if url:
            embed["url"] = url
        else:
            del embed["url"]
    if isinstance(embed.get("footer"), dict):
        clip_text(embed["footer"], DISCORD_FOOTER)
    if isinstance(embed.get("author"), dict) and "name" in embed["author"]:
        embed["author"]["name"] = clip(str(embed["author"]["name"]), DISCORD_AUTHOR)
    fields = embed.get("fields", [])[:DISCORD_FIELDS]
    for item in fields:
        item["name"] = clip(str(item.get("name", "")), DISCORD_FIELD_NAME) or _BLANK
        item["value"] = clip(str(item.get("value", "")), DISCORD_FIELD_VALUE) or _BLANK
    if "fields" in embed:
        embed["fields"] = fields


def _shrink_to_total(embeds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Shorten the longest descriptions, then drop fields and trailing embeds, to meet 6000."""
    while embeds and sum(_embed_total(e) for e in embeds) > DISCORD_TOTAL:
        excess = sum(_embed_total(e) for e in embeds) - DISCORD_TOTAL
        longest = max(embeds, key=lambda e: units(str(e.get("description", ""))))
        description = str(longest.get("description", ""))
        last = embeds[-1]
        if units(description) > 200:
            longest["description"] = clip(description, max(100, units(description) - excess))
        elif last.get("fields"):
            last["fields"].pop()
        elif len(embeds) > 1:
            embeds = embeds[:-1]
            if "footer" in last and "footer" not in embeds[-1]:
                embeds[-1]["footer"] = last["footer"]
        else:
            break  # title, short description, footer and author alone stay under 6000
    return embeds


def fit_discord(payload: dict[str, Any]) -> dict[str, Any]:
    """A copy of a Discord payload trimmed into every limit, with no ping left in it."""
    fitted: dict[str, Any] = defuse_payload(copy.deepcopy(payload))
    fitted["content"] = clip(str(fitted.get("content", "")), DISCORD_CONTENT)
    embeds = fitted.get("embeds", [])[:DISCORD_EMBEDS]
    for embed in embeds:
        _fit_embed(embed)
    fitted["embeds"] = _shrink_to_total(embeds)
    return fitted
