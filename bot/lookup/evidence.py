"""How much of a query one passage covers, with its words close together.

Coverage is the calibrated "is this about the query" signal: the weighted share of the
query's words found within one window of a passage (words a work's names or the passage's
heading already cover count wherever they are). BM25 only finds candidates; it cannot tell
a passing mention from an answer. How much coverage an answer needs grows with the query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.lookup.names import Term
from bot.lookup.weights import (
    PAIRS_CREDIT,
    REQUIRED_FLOOR,
    REQUIRED_FLOOR_WORDS,
    REQUIRED_TWO,
    WINDOW_BASE,
    WINDOW_PER_WORD,
)

# Query words this many tokens apart or closer, in the order typed, count towards a phrase
# (a stopword may stand between them: "pruning before training").
PHRASE_GAP = 2


def required_share(words: int) -> float:
    """The weighted share of the query an answer must cover, for a query of ``words`` words:
    all of one word, nearly all of two, then less, down to REQUIRED_FLOOR."""
    if words <= 1:
        return 1.0
    if words >= REQUIRED_FLOOR_WORDS:
        return REQUIRED_FLOOR
    step = (REQUIRED_TWO - REQUIRED_FLOOR) / (REQUIRED_FLOOR_WORDS - 2)
    return REQUIRED_TWO - step * (words - 2)


def window_size(words: int) -> int:
    """How far apart (in tokens) a passage's matching words may be."""
    return WINDOW_BASE + WINDOW_PER_WORD * words


@dataclass(frozen=True, slots=True)
class Window:
    """The best window of a passage: the weighted share covered, where, and how phrase-like."""

    share: float  # weighted share covered, less for corrected or loosely matched words
    found: float = 0.0  # weighted share with any match at all (what thresholds compare)
    first: int = -1  # token positions of the first and last matched word, -1 if none
    last: int = -1
    phrase: float = 0.0  # share of consecutive query word pairs found in order, close


def holds(tokens: Sequence[int], start: int, end: int, sequence: Sequence[int]) -> bool:
    """Whether ``tokens[start:end]`` holds ``sequence`` word for word."""
    size = len(sequence)
    first = sequence[0]
    return any(
        tokens[k] == first and list(tokens[k : k + size]) == list(sequence)
        for k in range(start, end - size + 1)
    )


def hits_in(
    tokens: Sequence[int], start: int, end: int, wanted: dict[int, int]
) -> list[tuple[int, int]]:
    """(token position, query word number) of every query word in ``tokens[start:end]``."""
    return [(start + i, wanted[t]) for i, t in enumerate(tokens[start:end]) if t in wanted]


def best_window(
    terms: Sequence[Term],
    hits: Sequence[tuple[int, int]],
    credits: Sequence[float],
    size: int,
    inside: tuple[int, int],
    phrase: bool = True,
) -> Window:
    """The best weighted share of the query within ``size`` consecutive tokens that reach
    into the passage itself (``inside``: its token span), words with credit counting free."""
    total = sum(t.weight for t in terms)
    if total <= 0:
        return Window(0.0)
    free = sum(t.weight * c for t, c in zip(terms, credits, strict=True))
    free_found = sum(t.weight for t, c in zip(terms, credits, strict=True) if c)
    best, best_found, span = 0.0, 0.0, (-1, -1)
    counts: dict[int, int] = {}
    j = 0
    for pos, word in hits:
        if credits[word]:
            continue
        counts[word] = counts.get(word, 0) + 1
        while pos - hits[j][0] >= size or credits[hits[j][1]]:
            if not credits[hits[j][1]]:
                left = hits[j][1]
                counts[left] -= 1
                if not counts[left]:
                    del counts[left]
            j += 1
        if pos < inside[0] or hits[j][0] >= inside[1]:
            continue
        value = sum(terms[n].weight * terms[n].credit for n in counts)
        if value > best:
            best, span = value, (hits[j][0], pos)
            best_found = sum(terms[n].weight for n in counts)
    if span[0] < 0:
        # Only words the credits cover: show where the first of them is.
        inner = [pos for pos, _ in hits if inside[0] <= pos < inside[1]]
        span = (inner[0], inner[0]) if inner else span
    pairs = _phrase(hits, inside, len(terms)) if phrase and span[0] >= 0 else 0.0
    share = min(1.0, (free + best) / total)
    found = min(1.0, (free_found + best_found) / total)
    return Window(share, found, span[0], span[1], pairs)


def _phrase(hits: Sequence[tuple[int, int]], span: tuple[int, int], words: int) -> float:
    """Share of consecutive query word pairs (n, n+1) found in that order, close together,
    in the passage (token span ``span``), whatever the credits."""
    if words < 2:
        return 0.0
    at: dict[int, list[int]] = {}
    for pos, word in hits:
        if span[0] <= pos < span[1]:
            at.setdefault(word, []).append(pos)
    pairs = sum(
        any(0 < b - a <= PHRASE_GAP for a in at.get(n, ()) for b in at.get(n + 1, ()))
        for n in range(words - 1)
    )
    return PAIRS_CREDIT * pairs / (words - 1)
