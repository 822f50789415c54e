"""Slack's message limits: a validator that lists what is over, a fitter that trims to fit.

chat.postMessage takes 50 blocks; a section's text holds 3000 characters and its fields 10 of
2000; a header is plain_text of 150; a context block holds 10 elements.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from bot.digest.limits import check_count, check_length, clip, clip_text, ping_problems, text_of
from bot.digest.safety import defuse_payload

SLACK_BLOCKS = 50
SLACK_SECTION_TEXT = 3000
SLACK_HEADER_TEXT = 150
SLACK_CONTEXT_ELEMENTS = 10
SLACK_CONTEXT_TEXT = 3000
SLACK_FIELDS = 10
SLACK_FIELD_TEXT = 2000
SLACK_FALLBACK_TEXT = 40_000


def _header_problems(block: dict[str, Any], where: str) -> list[str]:
    problems: list[str] = []
    if block.get("text", {}).get("type") != "plain_text":
        problems.append(f"{where}: header text must be plain_text")
    check_length(problems, where, text_of(block.get("text")), SLACK_HEADER_TEXT)
    return problems


def _section_problems(block: dict[str, Any], where: str) -> list[str]:
    problems: list[str] = []
    text, fields = text_of(block.get("text")), block.get("fields", [])
    if not text.strip() and not fields:
        problems.append(f"{where}: needs text or fields")
    check_length(problems, where, text, SLACK_SECTION_TEXT)
    check_count(problems, where, fields, "fields", SLACK_FIELDS)
    for j, item in enumerate(fields):
        check_length(problems, f"{where} field {j}", text_of(item), SLACK_FIELD_TEXT)
    return problems


def _context_problems(block: dict[str, Any], where: str) -> list[str]:
    problems: list[str] = []
    elements = block.get("elements", [])
    check_count(problems, where, elements, "elements", SLACK_CONTEXT_ELEMENTS)
    for j, item in enumerate(elements):
        check_length(problems, f"{where} element {j}", text_of(item), SLACK_CONTEXT_TEXT)
    return problems


_BLOCK_CHECKS: dict[str, Callable[[dict[str, Any], str], list[str]]] = {
    "header": _header_problems,
    "section": _section_problems,
    "context": _context_problems,
}


def validate_slack(payload: dict[str, Any]) -> list[str]:
    """What in a chat.postMessage payload breaks Slack's limits or could ping; [] when fine."""
    problems: list[str] = []
    check_length(problems, "text", str(payload.get("text", "")), SLACK_FALLBACK_TEXT)
    blocks = payload.get("blocks", [])
    check_count(problems, "", blocks, "blocks", SLACK_BLOCKS)
    for i, block in enumerate(blocks):
        kind = block.get("type")
        check = _BLOCK_CHECKS.get(kind)
        if check is not None:
            problems += check(block, f"block {i} ({kind})")
    return problems + ping_problems(payload)


def _fit_slack_block(block: dict[str, Any]) -> bool:
    """Trim one block in place; False when it should be dropped."""
    kind = block.get("type")
    if kind == "header":
        clip_text(block.get("text"), SLACK_HEADER_TEXT)
    elif kind == "section":
        clip_text(block.get("text"), SLACK_SECTION_TEXT)
        if "fields" in block:
            block["fields"] = block["fields"][:SLACK_FIELDS]
            for item in block["fields"]:
                clip_text(item, SLACK_FIELD_TEXT)
        return bool(text_of(block.get("text")).strip() or block.get("fields"))
    elif kind == "context":
        block["elements"] = block.get("elements", [])[:SLACK_CONTEXT_ELEMENTS]
        for item in block["elements"]:
            clip_text(item, SLACK_CONTEXT_TEXT)
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
