"""Cutting a passage down to the part that matched, at sentence or word boundaries."""

from __future__ import annotations

import re

from bot.lookup.sentences import sentence_ends, sentence_starts

SNIPPET_CHARS = 280
ELLIPSIS = "…"

_SPACE = re.compile(r"\s+")


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _start(text: str, starts: list[int], first: int, last: int, max_chars: int) -> int:
    """Where the excerpt begins: the matched sentence's start, else a word before the match."""
    sentence = max(s for s in starts if s <= first)
    if last - sentence <= max_chars:
        return sentence
    lead = max(0, first - max_chars // 5)
    space = text.find(" ", lead, first)
    return first if space < 0 else space + 1


def _end(text: str, start: int, last: int, max_chars: int) -> tuple[int, bool]:
    """Where the excerpt ends and whether that is a sentence end (else it gets an ellipsis)."""
    limit = start + max_chars
    if limit >= len(text):
        return len(text), True
    ends = [e for e in sentence_ends(text, last, limit + 1) if e <= limit]
    if ends:
        return ends[-1], True
    space = text.rfind(" ", start, limit)
    return (space if space > start else limit), False


def trim_snippet(text: str, span: tuple[int, int] | None, max_chars: int = SNIPPET_CHARS) -> str:
    """The part of ``text`` around ``span`` (character offsets of the match), <= max_chars.

    Starts at the beginning of the matched sentence when it fits, ends at a sentence end when
    one is near, and otherwise cuts between words with an ellipsis.
    """
    if len(text) <= max_chars:
        return _collapse(text)
    first, last = span if span else (0, 0)
    first = max(0, min(first, len(text)))
    last = max(first, min(last, first + max_chars - 1, len(text)))
    starts = sentence_starts(text)
    start = _start(text, starts, first, last, max_chars - 2)
    end, clean_end = _end(text, start, last, max_chars - 2)
    excerpt = _collapse(text[start:end])
    prefix = "" if start == 0 or start in starts else ELLIPSIS
    suffix = "" if clean_end else ELLIPSIS
    return f"{prefix}{excerpt}{suffix}"
