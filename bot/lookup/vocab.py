"""The corpus vocabulary, and correcting a query word that is not in it (rapidfuzz)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.lookup.text import stem


@dataclass(frozen=True, slots=True)
class Correction:
    """A query word replaced by the vocabulary words it most likely meant, best first."""

    typed: str
    words: tuple[str, ...]  # every candidate at the smallest distance, up to MAX_ALTERNATIVES
    distance: int


MAX_ALTERNATIVES = 3
# Each part of a run-together word has at least this many letters.
SPLIT_MIN_CHARS = 3


def allowed_distance(word: str) -> int:
    """How many edits a word of this length may be off (short words are left alone)."""
    if len(word) < 4 or word.isdigit():
        return 0
    return 1 if len(word) < 8 else 2


class Vocabulary:
    """Every word of the corpus with its frequency; title words are the preferred targets.

    Candidates are bucketed by (length, first letter) and (length, last letter): a typo of at
    most two edits almost never changes both ends of a word, and the buckets keep a
    correction well under a millisecond on a vocabulary of a hundred thousand words.
    """

    def __init__(self, counts: Counter[str], title_words: set[str]) -> None:
        self.counts = counts
        self.title_words = title_words
        self.stems = {stem(w) for w in counts}
        self._by_first: dict[tuple[int, str], list[str]] = {}
        self._by_last: dict[tuple[int, str], list[str]] = {}
        for word in counts:
            if len(word) >= 3 and not word.isdigit():
                self._by_first.setdefault((len(word), word[0]), []).append(word)
                self._by_last.setdefault((len(word), word[-1]), []).append(word)

    @classmethod
    def from_words(cls, body: Counter[str], titles: Iterable[str]) -> Vocabulary:
        """The vocabulary of passage word counts plus the words of titles, aliases, authors."""
        counts: Counter[str] = Counter(body)
        title_words = set(titles)
        counts.update(title_words)
        return cls(counts, title_words)

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
            candidates += self._by_first.get((length, word[0]), ())
            candidates += self._by_last.get((length, word[-1]), ())
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
        )
        if not ranked:
            return None
        distance = ranked[0][0]
        words = [choice for d, _, _, choice in ranked if d == distance]
        return Correction(word, tuple(dict.fromkeys(words))[:MAX_ALTERNATIVES], distance)

    def split(self, word: str) -> list[str] | None:
        """Two corpus words run together ("lotteryticket"), longest first part first."""
        if len(word) < 2 * SPLIT_MIN_CHARS:
            return None
        for cut in range(len(word) - SPLIT_MIN_CHARS, SPLIT_MIN_CHARS - 1, -1):
            head, tail = word[:cut], word[cut:]
            if head in self.counts and tail in self.counts:
                return [head, tail]
        return None
