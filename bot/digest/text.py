"""Plain-text helpers for highlights: trimming quotes at a boundary, matching topics."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

ELLIPSIS = "…"
# A sentence ends at . ! ? (optionally closed by a quote or bracket) followed by a space.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
ENDINGS = ("", "s", "es", "d", "ed", "ing")  # the forms a topic matches after its stem
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


def sentences(text: str) -> list[str]:
    """The sentences of a passage, in order (an abbreviation's full stop ends none)."""
    text = squash(text)
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        # The word before the full stop is all that matters; abbreviations are short.
        if _is_abbreviation(text[max(start, match.start() - 24) : match.start() + 1]):
            continue
        found.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        found.append(text[start:].strip())
    return found


def words(text: str) -> list[str]:
    """The words of a text, case-folded: what topic and name matching compare."""
    return _WORD.findall(text.casefold())


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


def topic_stems(topic: str) -> set[str]:
    """The stems a topic matches, each followed by one of ENDINGS: "pruning" -> prun, prune."""
    word = squash(topic).casefold()
    if not word:
        return set()
    stems = {word}
    if len(word) > 3 and word.endswith("s"):
        stems.add(word[:-1])
    if len(word) > 5 and word.endswith("ing"):
        stems.update({word[:-3], word[:-3] + "e"})
    return stems


def topic_pattern(topics: Iterable[str]) -> re.Pattern[str] | None:
    """One regex matching any topic as a word, plural and -ing/-ed forms included.

    "gans" matches "GAN" and "GANs"; "pruning" matches "prune", "pruned" and "pruning".
    """
    stems: set[str] = set()
    for topic in topics:
        stems |= topic_stems(topic)
    if not stems:
        return None
    alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:s|es|d|ed|ing)?(?!\w)", re.IGNORECASE)


def matches_topic(pattern: re.Pattern[str] | None, texts: Sequence[str]) -> bool:
    """Whether any of the texts mentions a topic (no pattern: nothing matches)."""
    return pattern is not None and any(pattern.search(text) for text in texts)
