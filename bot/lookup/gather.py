"""One query's evidence: works named by it, passages that cover it, and which answer.

BM25 (tantivy) proposes candidates at both levels; a passage's evidence goes to the works it
is about (see attribution.py), and a passage about no work may answer by itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.lookup.build import Parts
from bot.lookup.evidence import (
    Window,
    best_window,
    hits_in,
    holds,
    required_share,
    window_size,
)
from bot.lookup.names import coverage as name_coverage
from bot.lookup.names import name_credits
from bot.lookup.query import ParsedQuery
from bot.lookup.rank import Evidence
from bot.lookup.text import WORDS
from bot.lookup.weights import (
    CONTAINED_CREDIT,
    CONTEXT_TOKENS,
    HEADING_CREDIT,
    MIN_EVIDENCE_WEIGHT,
    NAME_AFTER_TOKENS,
    NAME_DISTANCE_TOKENS,
    NAME_REQUIRED_MIN,
    OWN_MIN_NAMES,
    OWN_PASSAGE_WORKS,
    OWN_PASSAGES,
    PASSAGE_RESULT_MARGIN,
    PHRASE_CREDIT,
    QUOTED_MIN_WORDS,
)


@dataclass(slots=True)
class _Hits:
    """Where the query's words are in one passage's context, and what its heading covers."""

    hits: list[tuple[int, int]]
    heading: list[float]
    present: frozenset[int]  # the query words among the hits


@dataclass(slots=True)
class Gathered:
    """Evidence per candidate work (catalog index) and per loose passage (passage number)."""

    works: dict[int, Evidence] = field(default_factory=dict)
    loose: dict[int, Evidence] = field(default_factory=dict)


class QueryRun:
    """The evidence for one parsed query over one index's parts."""

    def __init__(self, parts: Parts, query: ParsedQuery) -> None:
        self.parts = parts
        self.query = query
        self.terms = query.terms
        self.wanted = _wanted(parts, query)
        self.window = window_size(len(self.terms))
        self.required = required_share(len(self.terms))
        self.total_weight = sum(t.weight for t in self.terms)
        self.sequence = _sequence(parts, query)
        self.stems = {s for t in self.terms for s in t.stems}
        # A name typed with its capitals ("SET") is found only where a report writes it so:
        # "validation set" is no mention of SET.
        self.cased = {
            n: re.compile(rf"(?<!\w){re.escape(t.cased)}(?!\w)")
            for n, t in enumerate(self.terms)
            if t.cased and not t.typed
        }
        self.found = Gathered()
        self._credits: dict[int, list[float]] = {}
        self._hits: dict[int, _Hits] = {}

    # --- works --------------------------------------------------------------------------

    def add_work(self, i: int, exact: float = 0.0, bm25: float = 0.0) -> Evidence:
        """The evidence of work ``i``'s names, recorded once; exactness and BM25 only grow."""
        evidence = self.found.works.get(i)
        if evidence is None:
            evidence = name_evidence(self, i)
            evidence.named = evidence.names_found >= max(NAME_REQUIRED_MIN, self.required)
            self.found.works[i] = evidence
        evidence.exact = max(evidence.exact, exact)
        evidence.bm25 = max(evidence.bm25, bm25)
        return evidence

    def credits(self, i: int) -> list[float]:
        """Per query word, the credit work ``i``'s names give it (cached)."""
        found = self._credits.get(i)
        if found is None:
            found = self._credits[i] = name_credits(self.terms, self.parts.entries[i])
        return found

    # --- passages -----------------------------------------------------------------------

    def add_passage(self, p: int, bm25: float = 0.0) -> None:
        """Weigh passage ``p`` for each work it is about, or as an answer of its own."""
        passages = self.parts.passages
        works = passages.works(p)
        for i, naming, at in zip(works, passages.naming(p), passages.named_at(p), strict=True):
            evidence = self.add_work(i)
            window = self._window(p, self.credits(i))
            self._record(evidence, p, window, bm25, naming / 255 * _closeness(at, window.first))
        if not works:
            loose = self.found.loose.setdefault(p, Evidence(loose=True))
            self._record(loose, p, self._window(p, None), bm25, 0.0)

    def read_own_passages(self) -> None:
        """Works named in part by the query get their own passages read (the global BM25 top
        may hold none of them: "frankle rewinding")."""
        partial = [
            (evidence.score(), i)
            for i, evidence in self.found.works.items()
            if OWN_MIN_NAMES <= evidence.names_found < 1 and not self.answers(evidence)
        ]
        for _, i in sorted(partial, reverse=True)[:OWN_PASSAGE_WORKS]:
            evidence = self.found.works[i]
            for p in self.parts.entries[i].passages[:OWN_PASSAGES]:
                self._record(evidence, p, self._window(p, self.credits(i)), 0.0, 0.0)

    def reach(self, p: int) -> float:
        """The weight of the query words passage ``p`` (with its context) has at all."""
        present = self._passage_hits(p).present
        return sum(t.weight for n, t in enumerate(self.terms) if n in present)

    def display_window(self, p: int) -> Window:
        """Passage ``p``'s best window by its own words only (what an excerpt shows)."""
        passages = self.parts.passages
        inside = (passages.token_start[p], passages.token_end[p])
        zero = [0.0] * len(self.terms)
        hits = self._passage_hits(p).hits
        return best_window(self.terms, hits, zero, self.window, inside, phrase=False)

    def _window(self, p: int, credits: list[float] | None) -> Window:
        hits = self._passage_hits(p)
        merged = [max(h, c) for h, c in zip(hits.heading, credits or hits.heading, strict=True)]
        # The most this passage could cover; below the bar, its window cannot make an answer.
        reach = sum(t.weight for n, t in enumerate(self.terms) if merged[n] or n in hits.present)
        if reach < self.required * self.total_weight:
            return Window(0.0)
        passages = self.parts.passages
        inside = (passages.token_start[p], passages.token_end[p])
        return best_window(self.terms, hits.hits, merged, self.window, inside)

    def _passage_hits(self, p: int) -> _Hits:
        found = self._hits.get(p)
        if found is None:
            passages = self.parts.passages
            start, end = passages.context(p, CONTEXT_TOKENS)
            heading_words = self.parts.headings[passages.snippet[p]]
            in_heading = {self.wanted[w] for w in heading_words if w in self.wanted}
            heading = [HEADING_CREDIT if n in in_heading else 0.0 for n in range(len(self.terms))]
            hits = hits_in(passages.tokens, start, end, self.wanted)
            if self.cased and hits:
                hits = self._as_written(p, hits)
            present = frozenset(n for _, n in hits)
            found = self._hits[p] = _Hits(hits, heading, present)
        return found

    def _as_written(self, p: int, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The hits, less those of a capitalised name the passage's snippet never writes so."""
        passages = self.parts.passages
        text = self.parts.corpus.snippet(passages.snippet_ids[passages.snippet[p]]).text
        absent = {n for n, pattern in self.cased.items() if not pattern.search(text)}
        return [hit for hit in hits if hit[1] not in absent] if absent else hits

    def _holds_query(self, p: int) -> bool:
        passages = self.parts.passages
        start, end = passages.token_start[p], passages.token_end[p]
        return holds(passages.tokens, start, end, self.sequence)

    def _record(
        self, evidence: Evidence, p: int, window: Window, bm25: float, naming: float
    ) -> None:
        """Keep the passage's window if it is the work's best so far (and the passage or its
        heading matched at all)."""
        if window.first < 0 and not any(self._passage_hits(p).heading):
            return
        evidence.bm25 = max(evidence.bm25, bm25)
        if self.sequence and self._holds_query(p):
            # The whole query word for word, stopwords too: a phrase, or a title quoted.
            evidence.quoted |= len(self.sequence) >= QUOTED_MIN_WORDS
            window = Window(1.0, 1.0, window.first, window.last, PHRASE_CREDIT)
        if (window.found, window.share) > (evidence.passage_found, evidence.passage):
            evidence.passage = window.share
            evidence.passage_found = window.found
            evidence.phrase = max(evidence.phrase, window.phrase)
            evidence.best_passage = p
            evidence.naming = naming

    # --- deciding -----------------------------------------------------------------------

    def answers(self, evidence: Evidence, loose: bool = False) -> bool:
        """Whether the evidence is enough: the query named the work, its names cover the
        query, or one passage does (a loose passage needs a margin more)."""
        if evidence.exact and not loose:
            return True
        if not loose and evidence.named:
            return True
        if evidence.quoted:
            return True  # the whole query, word for word: a title quoted
        if evidence.passage_found * self.total_weight < MIN_EVIDENCE_WEIGHT:
            return False  # only common words: "need more attention" is no answer
        margin = PASSAGE_RESULT_MARGIN if loose else 0.0
        return evidence.passage_found >= min(1.0, self.required + margin)


def _closeness(at: int, first: int) -> float:
    """How near a work's name is to the words that matched: 1 right before them, less the
    farther, and less again when the name comes after them (the subject of a sentence is
    named first: "RegNet models ... compete with EfficientNet")."""
    if at < 0 or first < 0:
        return 1.0
    distance = first - at if at <= first else at - first + NAME_AFTER_TOKENS
    return 1 / (1 + distance / NAME_DISTANCE_TOKENS)


def _sequence(parts: Parts, query: ParsedQuery) -> list[int]:
    """The word numbers of the whole query, stopwords too, when it has two words or more and
    every word is in the corpus (a passage may then hold it word for word)."""
    ids = parts.passages.words.ids
    words = WORDS.analyze(query.cleaned.text)
    if len(words) < 2 or any(w not in ids for w in words):
        return []
    return [ids[w] for w in words]


def _wanted(parts: Parts, query: ParsedQuery) -> dict[int, int]:
    """Word number -> query word number, for every corpus form of every query word."""
    ids = parts.passages.words.ids
    return {ids[w]: n for n, term in enumerate(query.terms) for w in term.accepted if w in ids}


def name_evidence(run: QueryRun, i: int) -> Evidence:
    """How well work ``i``'s own names answer the query."""
    entry = run.parts.entries[i]
    names, found = name_coverage(run.terms, run.credits(i))
    query = run.query
    exact = CONTAINED_CREDIT if any(k in query.padded for k in entry.contained) else 0.0
    title = entry.title_stems
    words = len(run.terms) or 1
    evidence = Evidence(
        names=names,
        names_found=found,
        exact=exact,
        phrase=1.0 if query.phrase and query.phrase in entry.title_phrase else 0.0,
        title_share=max(
            len(run.stems & name) / max(1, len(name)) for name in (title, *entry.short_stems)
        ),
        verbatim=sum(t.word in entry.name_words for t in run.terms) / words,
        reports=entry.reports,
        untitled=entry.paper.untitled,
    )
    if entry.abstract:
        window = _abstract_window(run, entry.abstract, run.credits(i))
        evidence.passage, evidence.passage_found = window.share, window.found
    return evidence


def _abstract_window(run: QueryRun, abstract: tuple[str, ...], credits: list[float]) -> Window:
    """The best window of a resolved abstract: one more passage about its work (by stems;
    never shown, as no report said it)."""
    by_stem = {s: n for n, t in enumerate(run.terms) for s in t.stems}
    hits = [(k, by_stem[s]) for k, s in enumerate(abstract) if s in by_stem]
    return best_window(run.terms, hits, credits, run.window, (0, len(abstract)), phrase=False)
