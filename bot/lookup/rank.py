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

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.lookup.vocab import allowed_distance

# Credit for a word that was corrected, by edit distance.
CORRECTION_CREDIT = {0: 1.0, 1: 0.9, 2: 0.8}
# Credit for a word that only shares its stem with a name word ("exploration", "explorer").
STEM_CREDIT = 0.95
# Credit for an unknown word just before a matched author surname (a first name).
FIRST_NAME_CREDIT = 0.9
# Credit for a word that is the start or end of a longer name word, and how long it must be.
PART_CREDIT = 0.85
PART_MIN_CHARS = 4


@dataclass(frozen=True, slots=True)
class Term:
    """One query word as the index knows it."""

    word: str  # the word as searched (the best correction of a typo)
    stems: tuple[str, ...]  # index forms: the word's, or each equally close correction's
    weight: float
    credit: float = 1.0  # less than 1 for a corrected word
    typed: str = ""  # the word as typed, when it was corrected

    def found_in(self, stems: Collection[str]) -> bool:
        """Whether any form of this word is among ``stems``."""
        return any(s in stems for s in self.stems)


def term_weight(doc_freq: int, docs: int) -> float:
    """Rarer words weigh more, but flattened (square root of IDF) so no word dominates."""
    return math.sqrt(math.log(1 + (docs + 1) / (doc_freq + 1)))


def name_credits(
    terms: Sequence[Term], names: Collection[str], name_words: Sequence[str]
) -> list[float]:
    """Per query word, the credit a paper's own names give it: its stem among the names, or
    for a misspelt word, a name word within the typo's reach (when the vocabulary picked
    another correction)."""
    credits = []
    for term in terms:
        if term.found_in(names):
            # Spelled as the title spells it, or only sharing a stem ("explorer").
            verbatim = term.word in name_words
            credits.append(term.credit * (1.0 if verbatim else STEM_CREDIT))
            continue
        # Only a word the corpus did not know as typed may be a typo of a name word.
        if _part_of_name(term.word, name_words):
            credits.append(PART_CREDIT * term.credit)
            continue
        typed = term.typed or (term.word if not term.stems else "")
        limit = allowed_distance(typed) if typed else 0
        match = None
        if limit and name_words:
            match = process.extractOne(typed, name_words, scorer=OSA.distance, score_cutoff=limit)
        credits.append(CORRECTION_CREDIT[int(match[1])] if match else 0.0)
    return credits


def _part_of_name(word: str, name_words: Sequence[str]) -> bool:
    """Whether the word starts a name word ("norm" in normalization, "fine" in FineTuning)
    or ends one ("tuning" in FineTuning)."""
    if len(word) < PART_MIN_CHARS:
        return False
    return any(
        n != word and (n.startswith(word) or (len(word) > PART_MIN_CHARS and n.endswith(word)))
        for n in name_words
    )


def credit_first_names(
    terms: Sequence[Term], credits: list[float], author_words: Collection[str]
) -> None:
    """Credit a word the corpus does not know that comes right before a matched author
    surname: the first name in "jonathan frankle" when the catalog only knows "Frankle"."""
    for n in range(len(terms) - 1):
        unknown = not credits[n] and not terms[n].stems
        if unknown and credits[n + 1] and terms[n + 1].word in author_words:
            credits[n] = FIRST_NAME_CREDIT


def coverage(terms: Sequence[Term], credits: Sequence[float]) -> float:
    """Weighted share of the query that the credits cover."""
    total = sum(t.weight for t in terms)
    if total <= 0:
        return 0.0
    return sum(t.weight * c for t, c in zip(terms, credits, strict=True)) / total


def window_coverage(
    terms: Sequence[Term], tokens: Sequence[str], credits: Sequence[float], window: int
) -> tuple[float, tuple[int, int] | None]:
    """Best weighted share of the query within ``window`` consecutive tokens of a passage.

    Words the paper's names already cover (``credits``) count wherever they are. Returns the
    share and the token positions (first, last) of the best window, or None when no word of
    the passage matched.
    """
    total = sum(t.weight for t in terms)
    if total <= 0:
        return 0.0, None
    free = sum(t.weight * c for t, c in zip(terms, credits, strict=True))
    # stem -> the query word it stands for (a typo's corrections all stand for one word)
    wanted = {
        s: n for n, (t, c) in enumerate(zip(terms, credits, strict=True)) if not c for s in t.stems
    }
    hits = [(i, wanted[s]) for i, s in enumerate(tokens) if s in wanted]
    if not hits:
        return free / total, None
    best, best_span = 0.0, (hits[0][0], hits[0][0])
    in_window: dict[int, int] = {}
    j = 0
    for pos, word in hits:
        in_window[word] = in_window.get(word, 0) + 1
        while pos - hits[j][0] >= window:
            left = hits[j][1]
            in_window[left] -= 1
            if not in_window[left]:
                del in_window[left]
            j += 1
        value = sum(terms[n].weight * terms[n].credit for n in in_window)
        if value > best:
            best, best_span = value, (hits[j][0], pos)
    return (free + best) / total, best_span


def window_size(terms: Sequence[Term]) -> int:
    """How far apart a passage's matching words may be: a clause, not a whole page."""
    return max(12, 4 * len(terms))
