"""Which candidates a channel's topics match, answered from a word index instead of a regex
over the whole corpus per channel.

The index maps each word of a candidate's text to the candidates using it. A one-word topic is
a lookup of its forms ("pruning" -> prun, prune + "", s, es, d, ed, ing); a topic of several
words narrows to the candidates holding its first word, then ``topic_pattern`` confirms. A
set of topics is answered once and kept: channels share topic sets far more than histories.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from bot.digest.text import ENDINGS, squash, topic_pattern, topic_stems, words

_KEPT = 512  # topic sets remembered


class TopicIndex:
    """Candidate texts indexed by word; ``matching(topics)`` gives the matching positions."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = list(texts)
        self._index: dict[str, set[int]] | None = None
        self._answers: dict[tuple[str, ...], frozenset[int]] = {}

    def _words(self) -> dict[str, set[int]]:
        if self._index is None:
            index: dict[str, set[int]] = defaultdict(set)
            for at, text in enumerate(self._texts):
                for word in set(words(text)):
                    index[word].add(at)
            self._index = dict(index)
        return self._index

    def _one(self, topic: str) -> set[int]:
        index = self._words()
        found: set[int] = set()
        for stem in topic_stems(topic):
            parts = words(stem)
            if parts == [stem]:
                for ending in ENDINGS:
                    found |= index.get(stem + ending, set())
                continue
            pattern = topic_pattern([stem])
            narrowed = index.get(parts[0], set()) if parts else set(range(len(self._texts)))
            if pattern is not None:
                found |= {at for at in narrowed if pattern.search(self._texts[at])}
        return found

    def matching(self, topics: Sequence[str]) -> frozenset[int]:
        """The positions of the texts that mention any of the topics (none: empty)."""
        key = tuple(sorted({squash(t).casefold() for t in topics if squash(t)}))
        found = self._answers.get(key)
        if found is None:
            found = frozenset(at for topic in key for at in self._one(topic))
            if len(self._answers) >= _KEPT:
                self._answers.pop(next(iter(self._answers)))
            self._answers[key] = found
        return found
