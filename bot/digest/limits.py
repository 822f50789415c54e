"""Platform limits: validators that list what is over a limit, and fitters that trim to fit.

Lengths are counted in UTF-16 code units, as the platforms' JavaScript clients count them; that
is never less than the number of characters, so a payload that fits here fits there.
"""

from __future__ import annotations

import copy
from typing import Any

from bot.digest.safety import defuse_payload, find_pings, payload_strings, safe_url
from bot.digest.text import ELLIPSIS
from bot.digest.weeks import iso_week_for  # noqa: F401 - contracts.md names it here too

SLACK_BLOCKS = 50
SLACK_SECTION_TEXT = 3000
SLACK_HEADER_TEXT = 150
SLACK_CONTEXT_ELEMENTS = 10
SLACK_CONTEXT_TEXT = 3000
SLACK_FIELDS = 10
SLACK_FIELD_TEXT = 2000
SLACK_FALLBACK_TEXT = 40_000

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


def units(text: str) -> int:
    """Length as the platforms count it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def clip(text: str, limit: int) -> str:
    """Markup text cut to ``limit`` units at a word boundary, never inside an escape or link.

    An unfinished ``&amp;``-style entity, Slack ``<link|text>`` or Discord ``[text](url)`` and
    a dangling backslash are dropped, then an ellipsis marks the cut.
    """
    if units(text) <= limit:
        return text
    if limit <= 0:
        return ""
    cut = text[:limit]
    while cut and units(cut) > limit - 1:
        cut = cut[:-1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    if cut.rfind("&") > cut.rfind(";"):
        cut = cut[: cut.rfind("&")]
    if cut.rfind("<") > cut.rfind(">"):
        cut = cut[: cut.rfind("<")]
    if cut.rfind("[") > cut.rfind(")"):
        cut = cut[: cut.rfind("[")]
    trailing = len(cut) - len(cut.rstrip("\\"))
    if trailing % 2:
        cut = cut[:-1]
    return cut.rstrip() + ELLIPSIS


def _text_of(obj: Any) -> str:
    if isinstance(obj, dict) and isinstance(obj.get("text"), str):
        return str(obj["text"])
    return ""


def _over(problems: list[str], where: str, text: str, limit: int) -> None:
    if units(text) > limit:
        problems.append(f"{where}: {units(text)} characters, limit {limit}")


def _ping_problems(payload: Any) -> list[str]:
    return [f"ping survives: {ping!r}" for s in payload_strings(payload) for ping in find_pings(s)]


def validate_slack(payload: dict[str, Any]) -> list[str]:
    """What in a chat.postMessage payload breaks Slack's limits or could ping; [] when fine."""
    problems: list[str] = []
    _over(problems, "text", str(payload.get("text", "")), SLACK_FALLBACK_TEXT)
    blocks = payload.get("blocks", [])
    if len(blocks) > SLACK_BLOCKS:
        problems.append(f"{len(blocks)} blocks, limit {SLACK_BLOCKS}")
    for i, block in enumerate(blocks):
        kind = block.get("type")
        where = f"block {i} ({kind})"
        if kind == "header":
            if block.get("text", {}).get("type") != "plain_text":
                problems.append(f"{where}: header text must be plain_text")
            _over(problems, where, _text_of(block.get("text")), SLACK_HEADER_TEXT)
        elif kind == "section":
            text, fields = _text_of(block.get("text")), block.get("fields", [])
            if not text.strip() and not fields:
                problems.append(f"{where}: needs text or fields")
            _over(problems, where, text, SLACK_SECTION_TEXT)
            if len(fields) > SLACK_FIELDS:
                problems.append(f"{where}: {len(fields)} fields, limit {SLACK_FIELDS}")
            for j, item in enumerate(fields):
                _over(problems, f"{where} field {j}", _text_of(item), SLACK_FIELD_TEXT)
        elif kind == "context":
            elements = block.get("elements", [])
            if len(elements) > SLACK_CONTEXT_ELEMENTS:
                problems.append(f"{where}: {len(elements)} elements, limit 10")
            for j, item in enumerate(elements):
                _over(problems, f"{where} element {j}", _text_of(item), SLACK_CONTEXT_TEXT)
    return problems + _ping_problems(payload)


def _embed_total(embed: dict[str, Any]) -> int:
    parts = [embed.get("title", ""), embed.get("description", "")]
    parts += [embed.get("footer", {}).get("text", ""), embed.get("author", {}).get("name", "")]
    for item in embed.get("fields", []):
        parts += [item.get("name", ""), item.get("value", "")]
    return sum(units(str(p)) for p in parts)


def validate_discord(payload: dict[str, Any]) -> list[str]:
    """What in a message payload breaks Discord's limits or could ping; [] when fine."""
    problems: list[str] = []
    _over(problems, "content", str(payload.get("content", "")), DISCORD_CONTENT)
    embeds = payload.get("embeds", [])
    if len(embeds) > DISCORD_EMBEDS:
        problems.append(f"{len(embeds)} embeds, limit {DISCORD_EMBEDS}")
    for i, embed in enumerate(embeds):
        where = f"embed {i}"
        _over(problems, f"{where} title", str(embed.get("title", "")), DISCORD_TITLE)
        _over(problems, f"{where} description", str(embed.get("description", "")), 4096)
        _over(problems, f"{where} footer", _text_of(embed.get("footer")), DISCORD_FOOTER)
        _over(problems, f"{where} author", str(embed.get("author", {}).get("name", "")), 256)
        if "url" in embed and safe_url(embed["url"]) != embed["url"]:
            problems.append(f"{where}: url {embed['url']!r} is not a clean http(s) URL")
        fields = embed.get("fields", [])
        if len(fields) > DISCORD_FIELDS:
            problems.append(f"{where}: {len(fields)} fields, limit {DISCORD_FIELDS}")
        for j, item in enumerate(fields):
            name, value = str(item.get("name", "")), str(item.get("value", ""))
            if not name.strip() or not value.strip():
                problems.append(f"{where} field {j}: empty name or value")
            _over(problems, f"{where} field {j} name", name, DISCORD_FIELD_NAME)
            _over(problems, f"{where} field {j} value", value, DISCORD_FIELD_VALUE)
    total = sum(_embed_total(e) for e in embeds)
    if total > DISCORD_TOTAL:
        problems.append(f"embeds total {total} characters, limit {DISCORD_TOTAL}")
    return problems + _ping_problems(payload)


def _clip_text(obj: Any, limit: int) -> None:
    if isinstance(obj, dict) and isinstance(obj.get("text"), str):
        obj["text"] = clip(obj["text"], limit)


def _fit_slack_block(block: dict[str, Any]) -> bool:
    """Trim one block in place; False when it should be dropped."""
    kind = block.get("type")
    if kind == "header":
        _clip_text(block.get("text"), SLACK_HEADER_TEXT)
    elif kind == "section":
        _clip_text(block.get("text"), SLACK_SECTION_TEXT)
        if "fields" in block:
            block["fields"] = block["fields"][:SLACK_FIELDS]
            for item in block["fields"]:
                _clip_text(item, SLACK_FIELD_TEXT)
        return bool(_text_of(block.get("text")).strip() or block.get("fields"))
    elif kind == "context":
        block["elements"] = block.get("elements", [])[:SLACK_CONTEXT_ELEMENTS]
        for item in block["elements"]:
            _clip_text(item, SLACK_CONTEXT_TEXT)
    return True


def fit_slack(payload: dict[str, Any]) -> dict[str, Any]:
    """A copy of a Slack payload trimmed into every limit, with no ping left in it."""
    fitted: dict[str, Any] = defuse_payload(copy.deepcopy(payload))
    fitted["text"] = clip(str(fitted.get("text", "")), SLACK_SECTION_TEXT)
    blocks = [b for b in fitted.get("blocks", []) if _fit_slack_block(b)]
    if len(blocks) > SLACK_BLOCKS:
        blocks = [*blocks[: SLACK_BLOCKS - 1], blocks[-1]]  # keep the footer
    fitted["blocks"] = blocks
    return fitted


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
        _clip_text(embed["footer"], DISCORD_FOOTER)
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
