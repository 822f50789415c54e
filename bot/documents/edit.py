"""Editing a block's text without breaking its spans: removed stretches shift them left."""

from __future__ import annotations

import re
from bisect import bisect_right

from bot.documents.model import Block, Span


def remove_matches(block: Block, pattern: re.Pattern[str]) -> None:
    """Delete every match of ``pattern`` from the block's text, keeping spans in place."""
    cuts = [(m.start(), m.end()) for m in pattern.finditer(block.text) if m.end() > m.start()]
    if cuts:
        remove_ranges(block, cuts)


def remove_ranges(block: Block, cuts: list[tuple[int, int]]) -> None:
    """Delete the given sorted, non-overlapping (start, end) ranges; fold the white space."""
    pieces: list[str] = []
    at = 0
    for start, end in cuts:
        pieces.append(block.text[at:start])
        at = end
    pieces.append(block.text[at:])
    starts = [start for start, _ in cuts]
    removed_before: list[int] = []
    total = 0
    for start, end in cuts:
        total += end - start
        removed_before.append(total)

    def shift(position: int) -> int:
        index = bisect_right(starts, position) - 1
        if index < 0:
            return position
        start, end = cuts[index]
        removed = removed_before[index] - (end - start)
        return start - removed if position < end else position - removed_before[index]

    text = "".join(pieces)
    spans = [Span(s.kind, shift(s.start), shift(s.end), s.target) for s in block.spans]
    block.text, block.spans = _strip(text, spans)


def _strip(text: str, spans: list[Span]) -> tuple[str, tuple[Span, ...]]:
    """Trim the ends and fold double spaces left by a removal, moving spans with the text."""
    out: list[str] = []
    mapping: list[int] = []  # old index -> new index
    for char in text:
        mapping.append(len(out))
        if char.isspace() and (not out or out[-1] == " "):
            continue
        out.append(" " if char.isspace() else char)
    mapping.append(len(out))
    while out and out[-1] == " ":
        out.pop()
    length = len(out)
    kept = []
    for span in spans:
        start, end = min(mapping[span.start], length), min(mapping[span.end], length)
        if end > start or span.start == span.end:
            kept.append(Span(span.kind, start, end, span.target))
    return "".join(out), tuple(kept)
