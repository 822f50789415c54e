"""Plain-text helpers for highlights: trimming quotes at a boundary, matching topics."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

ELLIPSIS = "…"
# A sentence ends at . ! ? (optionally closed by a quote or bracket) followed by a space.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")
_SPACE = re.compile(r"\s+")
# A full stop after these does not end a sentence ("e.g. matrix products", "Zhou et al. show").
_ABBREVIATIONS = frozenset(
    "e.g. i.e. al. etc. vs. cf. fig. figs. eq. eqs. sec. dr. prof. mr. ms. no. approx.".split()
)


def squash(text: str) -> str:
    """One line: runs of whitespace become one space."""
    return _SPACE.sub(" ", text).strip()


def _is_abbreviation(before: str) -> bool:
    """Whether the full stop closing ``before`` belongs to an abbreviation or an initial."""
    word = before.rsplit(maxsplit=1)[-1].lstrip("([\"'“‘").casefold() if before.strip() else ""
    return word in _ABBREVIATIONS or (len(word) == 2 and word[0].isalpha())


def trim_text(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut at a sentence end, else a word boundary.

    A sentence end is used when it keeps at least half the budget, so a quote does not shrink
    to its first short sentence; a cut mid-sentence ends with an ellipsis.
    """
    text = squash(text)
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    window = text[: limit + 1]
    ends = [
        m.end()
        for m in _SENTENCE_END.finditer(window)
        if m.end() - 1 <= limit and not _is_abbreviation(window[: m.start() + 1])
    ]
    if ends and ends[-1] >= limit // 2:
        return window[: ends[-1]].rstrip()
    cut = window[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—(") + ELLIPSIS


def topic_pattern(topics: Iterable[str]) -> re.Pattern[str] | None:
    """One regex matching any topic as a word, plural and -ing/-ed forms included.

    "gans" matches "GAN" and "GANs"; "pruning" matches "prune", "pruned" and "pruning".
    """
    stems: set[str] = set()
    for topic in topics:
        word = squash(topic).casefold()
        if not word:
            continue
        stems.add(word)
        if len(word) > 3 and word.endswith("s"):
            stems.add(word[:-1])
        if len(word) > 5 and word.endswith("ing"):
            stems.update({word[:-3], word[:-3] + "e"})
    if not stems:
        return None
    words = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?:s|es|d|ed|ing)?(?!\w)", re.IGNORECASE)


def matches_topic(pattern: re.Pattern[str] | None, texts: Sequence[str]) -> bool:
    """Whether any of the texts mentions a topic (no pattern: nothing matches)."""
    return pattern is not None and any(pattern.search(text) for text in texts)
