"""BM25 candidates from the two tantivy indexes: works by their names, passages by their
words; and the few word statistics queries ask of the passages."""

from __future__ import annotations

from typing import Any

import tantivy

from bot.lookup.build import WORK_FIELDS, Parts
from bot.lookup.names import Term
from bot.lookup.query import ParsedQuery
from bot.lookup.text import stem
from bot.lookup.weights import (
    COMMON_SHARE,
    HEADING_BOOST,
    PASSAGE_CANDIDATES,
    SEARCH_MIN_WORDS,
    WORK_CANDIDATES,
)

# Passages searched for two words side by side before a run-together word is split.
_SPLIT_PROBES = 32
_DOC_FREQ_CACHE = 65_536


class Bm25:
    """Searches the works and passage indexes of one index's parts."""

    def __init__(self, parts: Parts) -> None:
        self.parts = parts
        self._works = parts.works_index.searcher()
        self._works_schema = parts.works_index.schema
        # Abstracts and venues are searched only when some work has them.
        self._work_fields = {
            name: boost
            for name, boost in WORK_FIELDS.items()
            if name in {"title", "alias", "authors"} or parts.has_field.get(name)
        }
        self._passages = parts.passage_index.searcher()
        self._passage_schema = parts.passage_index.schema
        self._doc_freqs: dict[str, int] = {}

    def adjacent(self, head: str, tail: str) -> bool:
        """Whether some passage has the two words side by side, in that order."""
        words = self.parts.passages.words.ids
        if head not in words or tail not in words:
            return False
        both = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, self.term("body", stem(w))) for w in (head, tail)]
        )
        first, second = words[head], words[tail]
        passages = self.parts.passages
        tokens = passages.tokens
        for p in self._passage_numbers(both, _SPLIT_PROBES):
            start, end = passages.token_start[p], passages.token_end[p]
            if any(tokens[k] == first and tokens[k + 1] == second for k in range(start, end - 1)):
                return True
        return False

    def doc_freq(self, stem: str) -> int:
        """In how many passages the stem occurs (cached)."""
        found = self._doc_freqs.get(stem)
        if found is None:
            if len(self._doc_freqs) >= _DOC_FREQ_CACHE:
                self._doc_freqs.clear()
            found = self._doc_freqs[stem] = self._passages.doc_freq("body", stem)
        return found

    def term(self, field: str, stem: str) -> tantivy.Query:
        """A term query on one field of either index."""
        schema = self._works_schema if field in WORK_FIELDS else self._passage_schema
        return tantivy.Query.term_query(schema, field, stem, index_option="freq")

    def works(self, query: ParsedQuery) -> dict[int, float]:
        """BM25 over the works' names: work number -> score over the best score."""
        clauses = []
        for term in query.terms:
            per_field = [
                tantivy.Query.boost_query(self.term(name, s), boost * term.weight * term.credit)
                for name, boost in self._work_fields.items()
                for s in term.stems
            ]
            clauses.append(
                (tantivy.Occur.Should, tantivy.Query.disjunction_max_query(per_field, 0.2))
            )
        return dict(_normalised(self._search(self._works, clauses, WORK_CANDIDATES)))

    def passages(self, query: ParsedQuery) -> list[tuple[int, float]]:
        """BM25 over the passages (heading words count less): passage number -> score.

        Only the query's less common words search (see _searching); the evidence step still
        counts every word.
        """
        clauses = []
        for term in self._searching(query):
            boost = term.weight * term.credit
            per_field = []
            for s in term.stems:
                per_field.append(tantivy.Query.boost_query(self.term("body", s), boost))
                per_field.append(
                    tantivy.Query.boost_query(self.term("heading", s), HEADING_BOOST * boost)
                )
            clauses.append(
                (tantivy.Occur.Should, tantivy.Query.disjunction_max_query(per_field, 0.0))
            )
        return _normalised(self._search(self._passages, clauses, PASSAGE_CANDIDATES))

    def _searching(self, query: ParsedQuery) -> list[Term]:
        """The query words worth a BM25 search: those in at most COMMON_SHARE of the
        passages, or else the SEARCH_MIN_WORDS rarest (a word in every other passage
        ranks nothing and costs the most)."""
        stems = self.parts.passages.words.by_stem
        known = [t for t in query.terms if any(s in stems for s in t.stems)]
        freq = {t: max(self.doc_freq(s) for s in t.stems) for t in known}
        limit = COMMON_SHARE * len(self.parts.passages)
        rare = [t for t in known if freq[t] <= limit]
        if len(rare) >= SEARCH_MIN_WORDS:
            return rare
        return sorted(known, key=lambda t: freq[t])[:SEARCH_MIN_WORDS]

    def _search(
        self,
        searcher: tantivy.Searcher,
        clauses: list[tuple[Any, Any]],
        k: int,
    ) -> list[tuple[int, float]]:
        if not clauses:
            return []
        hits = searcher.search(tantivy.Query.boolean_query(clauses), k, count=False).hits
        if not hits:
            return []
        docs = searcher.fast_field_values("doc", [address for _, address in hits])
        return [(int(d), score) for (score, _), d in zip(hits, docs, strict=True) if d is not None]

    def _passage_numbers(self, query: tantivy.Query, k: int) -> list[int]:
        hits = self._passages.search(query, k, count=False).hits
        docs = self._passages.fast_field_values("doc", [address for _, address in hits])
        return [int(d) for d in docs if d is not None]


def _normalised(hits: list[tuple[int, float]]) -> list[tuple[int, float]]:
    top = max((score for _, score in hits), default=0.0) or 1.0
    return [(doc, score / top) for doc, score in hits]
