"""Cutting a snippet down to the part that matched, at sentence or word boundaries."""

from __future__ import annotations

import re

SNIPPET_CHARS = 280
ELLIPSIS = "…"

# A sentence ends at . ! or ? (maybe followed by a closing quote or bracket) and a space.
# "et al.", "e.g.", "i.e." and "vs." end no sentence.
_SENTENCE_END = re.compile(
    r"(?<!\bal)(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\bcf)(?<!\bFig)[.!?][\"'”’)\]]*\s+"
)
_SPACE = re.compile(r"\s+")


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _sentence_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


def _start(text: str, first: int, last: int, max_chars: int) -> int:
    """Where the excerpt begins: the matched sentence's start, else a word before the match."""
    sentence = max(s for s in _sentence_starts(text) if s <= first)
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
    ends = [m.start() + 1 for m in _SENTENCE_END.finditer(text, last, limit + 1)]
    ends = [e for e in ends if e <= limit]
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
    start = _start(text, first, last, max_chars - 2)
    end, clean_end = _end(text, start, last, max_chars - 2)
    excerpt = _collapse(text[start:end])
    at_sentence = start == 0 or start in set(_sentence_starts(text))
    prefix = "" if at_sentence else ELLIPSIS
    suffix = "" if clean_end else ELLIPSIS
    return f"{prefix}{excerpt}{suffix}"
