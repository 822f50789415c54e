"""The corpus vocabulary, and correcting a query word that is not in it (rapidfuzz)."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.lookup.text import stem
from bot.lookup.weights import PART_MIN_CHARS


@dataclass(frozen=True, slots=True)
class Correction:
    """A query word replaced by the vocabulary words it most likely meant, best first."""

    typed: str
    words: tuple[str, ...]  # every candidate at the smallest distance, up to MAX_ALTERNATIVES
    distance: int


MAX_ALTERNATIVES = 3
# Longer words a query word may be part of, at most (see part_words).
MAX_PART_WORDS = 2_000
# Each part of a run-together word has at least this many letters.
SPLIT_MIN_CHARS = 3


def allowed_distance(word: str) -> int:
    """How many edits a word of this length may be off (short words are left alone)."""
    if len(word) < 4 or word.isdigit():
        return 0
    return 1 if len(word) < 8 else 2


class Vocabulary:
    """Every word of the corpus with its frequency; title words are the preferred targets.

    Candidates are bucketed by (length, first two letters) and (length, last two letters): a
    typo of at most two edits almost never changes both ends of a word, and the buckets keep
    a correction well under a millisecond on a vocabulary of a hundred thousand words.
    """

    def __init__(self, counts: Counter[str], title_words: set[str]) -> None:
        self.counts = counts
        self.title_words = title_words
        self.by_stem: dict[str, list[str]] = {}
        for word in counts:
            self.by_stem.setdefault(stem(word), []).append(word)
        self.stems = self.by_stem.keys()
        self._sorted = sorted(counts)
        self._reversed = sorted(w[::-1] for w in counts)
        self._by_first: dict[tuple[int, str], list[str]] = {}
        self._by_last: dict[tuple[int, str], list[str]] = {}
        for word in counts:
            if len(word) >= 3 and not word.isdigit():
                self._by_first.setdefault((len(word), word[:2]), []).append(word)
                self._by_last.setdefault((len(word), word[-2:]), []).append(word)

    @classmethod
    def from_words(cls, body: Counter[str], titles: Iterable[str]) -> Vocabulary:
        """The vocabulary of passage word counts (taken over, not copied) plus the words of
        titles, aliases, authors."""
        title_words = set(titles)
        body.update(title_words)
        return cls(body, title_words)

    def knows(self, word: str) -> bool:
        """Whether the word, or another form of it, occurs in the corpus."""
        return word in self.counts or stem(word) in self.stems

    def correct(self, word: str) -> Correction | None:
        """The closest corpus word within the allowed edits, preferring title words."""
        limit = allowed_distance(word)
        if limit == 0:
            return None
        candidates: list[str] = []
        for length in range(len(word) - limit, len(word) + limit + 1):
            candidates += self._by_first.get((length, word[:2]), ())
            candidates += self._by_last.get((length, word[-2:]), ())
        if not candidates:
            return None
        matches = process.extract(
            word, candidates, scorer=OSA.distance, score_cutoff=limit, limit=None
        )
        ranked = sorted(
            (int(distance), choice not in self.title_words, -self.counts[choice], choice)
            for choice, distance, _ in matches
            # Short words only become title words: "bert" must not turn into "best"; two
            # edits must keep the first letter: "federated" is not "generated".
            if (len(word) >= 6 or choice in self.title_words)
            and (distance < 2 or choice[0] == word[0])
            # Another word, not a typo: "lossy" is not "loss" with a letter too many.
            and not (choice.startswith(word) or word.startswith(choice))
        )
        if not ranked:
            return None
        distance = ranked[0][0]
        words = [choice for d, _, _, choice in ranked if d == distance]
        return Correction(word, tuple(dict.fromkeys(words))[:MAX_ALTERNATIVES], distance)

    def part_words(self, word: str) -> frozenset[str]:
        """Words of the corpus that ``word`` starts ("norm": "normalization") or, when longer
        than PART_MIN_CHARS letters, ends ("tuning": "finetuning")."""
        if len(word) < PART_MIN_CHARS:
            return frozenset()
        found = set(self._starting(self._sorted, word))
        if len(word) > PART_MIN_CHARS:
            found.update(w[::-1] for w in self._starting(self._reversed, word[::-1]))
        found.discard(word)
        return frozenset(found)

    @staticmethod
    def _starting(ordered: list[str], prefix: str) -> list[str]:
        start = bisect_left(ordered, prefix)
        end = bisect_left(ordered, prefix + "\uffff", start)
        return ordered[start : min(end, start + MAX_PART_WORDS)]

    def completions(self, word: str, max_extra: int, limit: int = MAX_ALTERNATIVES) -> list[str]:
        """Corpus words that ``word`` starts and that are at most ``max_extra`` letters longer
        ("biped" -> "bipedal"), most frequent first."""
        found = [
            candidate
            for candidate in self._starting(self._sorted, word)
            if candidate != word and len(candidate) - len(word) <= max_extra
        ]
        found.sort(key=lambda w: -self.counts[w])
        return found[:limit]

    def splits(self, word: str) -> list[tuple[str, str]]:
        """Ways to read ``word`` as two corpus words run together ("lotteryticket"), longest
        first part first. Whether a split is meant is the index's call (see query.py)."""
        if len(word) < 2 * SPLIT_MIN_CHARS:
            return []
        found = []
        for cut in range(len(word) - SPLIT_MIN_CHARS, SPLIT_MIN_CHARS - 1, -1):
            head, tail = word[:cut], word[cut:]
            if head in self.counts and tail in self.counts:
                found.append((head, tail))
        return found
