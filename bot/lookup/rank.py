"""How much of a query a paper covers: in its title/aliases/authors, and in one passage.

Coverage is the calibrated "is this about the query" signal: the share of the query's
words (weighted by rarity, with less credit for a corrected typo) that the paper's own
names contain, or that one of its snippets contains close together. BM25 only orders
candidates; it cannot tell a passing mention from an answer.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

# Credit for a word that was corrected, by edit distance.
CORRECTION_CREDIT = {0: 1.0, 1: 0.9, 2: 0.8}


@dataclass(frozen=True, slots=True)
class Term:
    """One query word as the index knows it."""

    word: str  # the word as searched (after correction)
    stem: str | None  # None when the corpus has nothing like it
    weight: float
    credit: float = 1.0


def term_weight(doc_freq: int, docs: int) -> float:
    """Rarer words weigh more, but flattened (square root of IDF) so no word dominates."""
    return math.sqrt(math.log(1 + (docs + 1) / (doc_freq + 1)))


def field_coverage(terms: Sequence[Term], names: Collection[str]) -> float:
    """Weighted share of the query found among a paper's title/alias/author stems."""
    total = sum(t.weight for t in terms)
    if total <= 0:
        return 0.0
    found = sum(t.weight * t.credit for t in terms if t.stem is not None and t.stem in names)
    return found / total


def window_coverage(
    terms: Sequence[Term], tokens: Sequence[str], names: Collection[str], window: int
) -> tuple[float, tuple[int, int] | None]:
    """Best weighted share of the query within ``window`` consecutive tokens of a passage.

    Words already in the paper's names count wherever they are. Returns the share and the
    token positions (first, last) of the best window, or None when no word of the passage
    matched.
    """
    total = sum(t.weight for t in terms)
    if total <= 0:
        return 0.0, None
    free = sum(t.weight * t.credit for t in terms if t.stem is not None and t.stem in names)
    wanted = {
        t.stem: t.weight * t.credit for t in terms if t.stem is not None and t.stem not in names
    }
    hits = [(i, s) for i, s in enumerate(tokens) if s in wanted]
    if not hits:
        return free / total, None
    best, best_span = 0.0, (hits[0][0], hits[0][0])
    in_window: dict[str, int] = {}
    j = 0
    for pos, word in hits:
        in_window[word] = in_window.get(word, 0) + 1
        while pos - hits[j][0] >= window:
            left = hits[j][1]
            in_window[left] -= 1
            if not in_window[left]:
                del in_window[left]
            j += 1
        value = sum(wanted[w] for w in in_window)
        if value > best:
            best, best_span = value, (hits[j][0], pos)
    return (free + best) / total, best_span


def window_size(terms: Sequence[Term]) -> int:
    """How far apart a passage's matching words may be: a clause, not a whole page."""
    return max(12, 4 * len(terms))
