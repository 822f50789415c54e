"""Fitting payloads into platform limits: lengths as platforms count them, clean cuts, checks.

The limits themselves belong to the platforms (``bot/adapters/<platform>/limits.py``); these
are the pieces every platform's validator and fitter is built from. Lengths are counted in
UTF-16 code units, as the platforms' JavaScript clients count them; that is never less than
the number of characters, so a payload that fits here fits there.
"""

from __future__ import annotations

from collections.abc import Sized
from typing import Any

from bot.digest.safety import find_pings, payload_strings
from bot.digest.text import ELLIPSIS
from bot.digest.weeks import iso_week_for  # noqa: F401 - contracts.md names it here too


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


def text_of(obj: Any) -> str:
    """The ``text`` of a text object (``{"text": ...}``), or "" when it has none."""
    if isinstance(obj, dict) and isinstance(obj.get("text"), str):
        return str(obj["text"])
    return ""


def check_length(problems: list[str], where: str, text: str, limit: int) -> None:
    """Add a problem naming ``where`` when ``text`` is longer than ``limit``."""
    if units(text) > limit:
        problems.append(f"{where}: {units(text)} characters, limit {limit}")


def check_count(problems: list[str], where: str, items: Sized, noun: str, limit: int) -> None:
    """Add a problem (naming ``where`` when given) when there are more ``items`` than ``limit``."""
    if len(items) > limit:
        prefix = f"{where}: " if where else ""
        problems.append(f"{prefix}{len(items)} {noun}, limit {limit}")


def ping_problems(payload: Any) -> list[str]:
    """A problem per mention token left anywhere in a payload."""
    return [f"ping survives: {ping!r}" for s in payload_strings(payload) for ping in find_pings(s)]


def clip_text(obj: Any, limit: int) -> None:
    """Cut a text object's ``text`` to ``limit`` in place (no text object: nothing to do)."""
    if isinstance(obj, dict) and isinstance(obj.get("text"), str):
        obj["text"] = clip(obj["text"], limit)
