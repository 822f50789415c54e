"""The /paper index: tantivy BM25 over catalog entries, re-ranked by query coverage."""

from __future__ import annotations

import logging
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

import tantivy
from rapidfuzz import fuzz, process

from bot.lookup.acronym import NicknameIndex, could_be_acronym
from bot.lookup.answer import LookupAnswer
from bot.lookup.query import ParsedQuery, parse_query
from bot.lookup.rank import (
    Term,
    coverage,
    credit_first_names,
    name_credits,
    window_coverage,
    window_size,
)
from bot.lookup.results import Entry, edition, group_mentions, make_result, snippet_text
from bot.lookup.text import STEMS, STOPWORDS, WORDS, normalized, stem
from bot.lookup.vocab import Vocabulary
from bot.models import Corpus, Paper

logger = logging.getLogger(__name__)

# Field boosts for BM25: a word in a title or alias counts four times a word in a passage.
BOOSTS = {"title": 4.0, "alias": 4.0, "authors": 3.0, "venue": 0.5, "body": 1.0}
# The coverage a paper needs to be an answer (calibrated on tests/eval, see its README).
RELEVANT = 0.7
# A passage that covers the whole query counts a little less than the paper's own names.
BODY_CREDIT = 0.9
# Candidates BM25 hands to the re-ranker, per result asked for (at least MIN_CANDIDATES).
CANDIDATES_PER_RESULT = 8
MIN_CANDIDATES = 24
# How sure a title-initials nickname match ("rigl" -> Rigging the Lottery) is.
NICKNAME_CREDIT = 0.85
# A query that contains a whole title or alias, plus more words ("Lottery Ticket Hypothesis:
# Finding Sparse, Trainable Neural Networks" for the catalog's "Lottery Ticket Hypothesis").
CONTAINED_CREDIT = 0.95
CONTAINED_MIN_CHARS = 6
# A fuzzy title match good enough to answer when no word matched (near-verbatim fragment).
FUZZY_ANSWER = 90
FUZZY_ANSWER_MIN_CHARS = 12
SUGGESTIONS = 3
SUGGESTION_CUTOFF = 50
_TOKEN_CACHE_SIZE = 8_192

EMPTY_HELP = (
    "Type what you are looking for after /paper: a title, an author, an abbreviation or a "
    'topic, for example "/paper lottery ticket".'
)
FAILED = "Sorry, that lookup went wrong; try fewer or simpler words."


@dataclass(slots=True)
class _Scored:
    index: int
    relevance: float
    score: float


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("doc", fast=True)
    for name in BOOSTS:
        builder.add_text_field(name, tokenizer_name="stems", index_option="freq")
    return builder.build()


def _title_keys(paper: Paper) -> set[str]:
    """Exact-match keys: the title, its part before a colon, and the aliases."""
    keys = set()
    for text in (paper.title, paper.title.split(":")[0], *paper.aliases):
        key = normalized(text)
        keys.add(key)
        first, _, rest = key.partition(" ")
        if first in {"the", "a", "an"} and rest:
            keys.add(rest)
    keys.discard("")
    return keys


def _containable(key: str) -> bool:
    """Whether a query containing this title or alias surely means the paper: two words or
    more, or one long word ("Slalom", not "MAC")."""
    return " " in key or len(key) >= CONTAINED_MIN_CHARS


def _padded(stems: list[str]) -> str:
    return " " + " ".join(stems) + " "


class LookupIndex:
    """Answers `/paper` queries over one corpus; build once, query many times."""

    def __init__(self, corpus: Corpus, index: tantivy.Index, entries: list[Entry]) -> None:
        self.corpus = corpus
        self._schema = index.schema
        self._searcher = index.searcher()
        self._entries = entries
        self._doc_freq: Counter[str] = Counter()
        self._exact: dict[str, list[int]] = {}
        self._arxiv: dict[str, list[int]] = {}
        self._titles = [normalized(entry.paper.title) for entry in entries]
        self._tokens: dict[str, list[str]] = {}
        self._stem_ids: dict[str, int] = {}
        body_words: Counter[str] = Counter()
        name_words: set[str] = set()
        for i, entry in enumerate(entries):
            paper = entry.paper
            names = " ".join([paper.title, *paper.aliases, *paper.authors])
            name_words.update(WORDS.analyze(names))
            body = "\n".join(snippet_text(corpus, s) for ids in entry.reports.values() for s in ids)
            body_words.update(WORDS.analyze(body))
            body_stems = set(STEMS.analyze(body))
            self._doc_freq.update(entry.names | body_stems)
            entry.body_ids = array("I", sorted(self._stem_id(s) for s in body_stems))
            for key in _title_keys(paper):
                self._exact.setdefault(key, []).append(i)
            if paper.arxiv:
                self._arxiv.setdefault(paper.arxiv, []).append(i)
        self.vocabulary = Vocabulary.from_words(body_words, name_words)
        self._nicknames = NicknameIndex([WORDS.analyze(e.paper.title) for e in entries])

    @classmethod
    def build(cls, corpus: Corpus) -> LookupIndex:
        """Index every catalog entry of ``corpus`` in memory."""
        index = tantivy.Index(_schema())
        index.register_tokenizer("stems", STEMS)
        writer = index.writer(heap_size=128_000_000, num_threads=1)
        entries: list[Entry] = []
        for i, paper in enumerate(corpus.papers):
            entry, fields = _entry_and_fields(corpus, paper)
            entries.append(entry)
            writer.add_document(tantivy.Document(doc=i, **fields))
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        return cls(corpus, index, entries)

    # --- answering ----------------------------------------------------------------------

    def answer(self, query: str, limit: int = 3) -> LookupAnswer:
        """The papers the reports discuss that match ``query``, best first (never raises)."""
        echo = query.strip()[:300]
        try:
            return self._answer(query, echo, max(1, min(limit, 50)))
        except Exception:  # a lookup must answer something; the log keeps the details
            logger.exception("lookup failed for query %r", echo[:80])
            return LookupAnswer(query=echo, message=FAILED)

    def _answer(self, raw: str, echo: str, limit: int) -> LookupAnswer:
        query = parse_query(raw, self.vocabulary, self._doc_freq, len(self._entries))
        if not query.terms and not query.cleaned.arxiv_ids:
            return LookupAnswer(query=echo, message=EMPTY_HELP)
        exact = self._exact_matches(query)
        candidates = {}
        if not query.only_stopwords:
            candidates = self._search(query, max(MIN_CANDIDATES, CANDIDATES_PER_RESULT * limit))
        for i in exact:
            candidates.setdefault(i, 0.0)
        scored, partial = self._rank(query, candidates, exact, limit)
        if not scored:
            scored = self._fuzzy_answer(query.cleaned.text)
        results = [
            make_result(self.corpus, self._entries[s.index], s.score, query.terms)
            for s in scored[:limit]
        ]
        suggestions = [] if results else self._suggestions(query.cleaned.text, partial)
        return LookupAnswer(
            query=echo,
            results=results,
            suggestions=suggestions,
            message=_message(query, bool(results), bool(suggestions)),
        )

    def _exact_matches(self, query: ParsedQuery) -> dict[int, float]:
        """Entries the query names outright: title, title head, alias or arXiv id (1.0), or a
        nickname the corpus never spells out, such as "rigl" (NICKNAME_CREDIT)."""
        found = dict.fromkeys(self._exact.get(normalized(query.cleaned.text), ()), 1.0)
        for arxiv in query.cleaned.arxiv_ids:
            found.update(dict.fromkeys(self._arxiv.get(arxiv, ()), 1.0))
        nickname = self._nickname(query)
        if nickname and not found:
            found.update(dict.fromkeys(self._nicknames.find(nickname), NICKNAME_CREDIT))
        return found

    def _nickname(self, query: ParsedQuery) -> str | None:
        """The query as a nickname the corpus never spells out: one word ("rigl"), or one
        hyphenated token ("k-WTA"), that the vocabulary does not know."""
        if " " in query.cleaned.text or all(t.stems for t in query.terms):
            return None
        word = "".join(t.typed or t.word for t in query.terms)
        return word if could_be_acronym(word) else None

    def _search(self, query: ParsedQuery, k: int) -> dict[int, float]:
        """BM25 candidates: entry index -> score, each word matched in its best field."""
        clauses = []
        for term in query.terms:
            stems = [s for s in term.stems if self._doc_freq[s]]
            if not stems:
                continue
            per_field = [
                tantivy.Query.boost_query(
                    tantivy.Query.term_query(self._schema, name, s, index_option="freq"),
                    boost * term.credit,
                )
                for name, boost in BOOSTS.items()
                for s in stems
            ]
            clauses.append(
                (tantivy.Occur.Should, tantivy.Query.disjunction_max_query(per_field, 0.2))
            )
        if not clauses:
            return {}
        hits = self._searcher.search(tantivy.Query.boolean_query(clauses), k, count=False).hits
        if not hits:
            return {}
        docs = self._searcher.fast_field_values("doc", [address for _, address in hits])
        return {
            int(doc): score for (score, _), doc in zip(hits, docs, strict=True) if doc is not None
        }

    def _rank(
        self, query: ParsedQuery, candidates: dict[int, float], exact: dict[int, float], limit: int
    ) -> tuple[list[_Scored], list[_Scored]]:
        """Relevant candidates best first, and the near misses (for suggestions).

        Candidates are visited by an upper bound of their score, so the passages of a paper
        are read only when it could still make the results.
        """
        top_bm25 = max(candidates.values(), default=0.0) or 1.0
        query_stems = {s for t in query.terms for s in t.stems}
        bounds = []
        for i, bm25 in candidates.items():
            entry = self._entries[i]
            credits = name_credits(query.terms, entry.names, entry.name_words)
            credit_first_names(query.terms, credits, entry.author_words)
            names = coverage(query.terms, credits)
            is_exact = exact.get(i, 0.0)
            if any(key in query.padded for key in entry.title_keys):
                is_exact = max(is_exact, CONTAINED_CREDIT)
            title_share = len(query_stems & entry.title_stems) / max(1, len(entry.title_stems))
            # Words typed exactly as the title spells them beat words that only share a stem
            # ("exploration" is not "explorer").
            verbatim = sum(t.word in entry.name_words for t in query.terms) / max(
                1, len(query.terms)
            )
            static = (
                0.25 * names
                + 0.1 * is_exact
                + 0.05 * title_share
                + 0.03 * verbatim
                + 0.05 * bm25 / top_bm25
                + 0.03 * min(1.0, len(entry.reports) / 3)
            )
            own = max(names, is_exact)
            reach = BODY_CREDIT * self._body_bound(query.terms, credits, entry)
            title_phrase = bool(query.phrase and query.phrase in entry.title_phrase)
            bound = 0.5 * max(own, reach) + static + 0.04
            bounds.append((bound, i, own, reach, static, title_phrase, credits))
        bounds.sort(key=lambda b: -b[0])
        accepted: list[_Scored] = []
        partial: list[_Scored] = []
        for bound, i, own, reach, static, title_phrase, credits in bounds:
            if len(accepted) >= limit and accepted[limit - 1].score >= bound:
                break
            relevance, phrase = own, title_phrase
            if reach > own and reach >= RELEVANT:
                passage, in_passage = self._passage_coverage(query, i, credits)
                relevance = max(own, BODY_CREDIT * passage)
                phrase = phrase or in_passage
            scored = _Scored(i, relevance, 0.5 * relevance + static + 0.04 * phrase)
            (accepted if relevance >= RELEVANT else partial).append(scored)
            accepted.sort(key=lambda s: -s.score)
        partial.sort(key=lambda s: -s.score)
        return accepted, partial

    def _body_bound(self, terms: list[Term], credits: list[float], entry: Entry) -> float:
        """The most a passage of ``entry`` could cover: words its passages contain at all."""
        reachable = list(credits)
        ids = entry.body_ids
        for n, term in enumerate(terms):
            for s in term.stems if not reachable[n] else ():
                stem_id = self._stem_ids.get(s)
                k = bisect_left(ids, stem_id) if stem_id is not None else len(ids)
                if k < len(ids) and ids[k] == stem_id:
                    reachable[n] = term.credit
                    break
        return coverage(terms, reachable)

    def _passage_coverage(
        self, query: ParsedQuery, i: int, credits: list[float]
    ) -> tuple[float, bool]:
        """How much of the query one passage about entry ``i`` covers at best, and whether a
        passage holds the query's words in the order typed."""
        entry = self._entries[i]
        window = window_size(query.terms)
        best, phrase = 0.0, False
        for ids in entry.reports.values():
            for snippet_id in ids:
                stems = self._stems(snippet_id)
                share, _ = window_coverage(query.terms, stems, credits, window)
                best = max(best, share)
                if query.phrase and not phrase:
                    phrase = query.phrase in _padded(stems)
                if best >= 1.0 and (phrase or not query.phrase):
                    return best, phrase
        return best, phrase

    def _fuzzy_answer(self, text: str) -> list[_Scored]:
        """A near-verbatim title fragment that no word matched ("lotteryticket hypothesis")."""
        key = normalized(text)
        if len(key) < FUZZY_ANSWER_MIN_CHARS:
            return []
        for _, score, i in process.extract(
            key, self._titles, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_ANSWER, limit=5
        ):
            # The query must be (nearly) inside the title, not a short title inside the query.
            if len(self._titles[i]) >= len(key):
                relevance = 0.8 * score / 100
                return [_Scored(i, relevance, 0.5 * relevance)]
        return []

    def _suggestions(self, text: str, partial: list[_Scored]) -> list[str]:
        """Closest titles when nothing answered: near misses first, then fuzzy title matches."""
        titles = [self._entries[s.index].paper.title for s in partial[:SUGGESTIONS]]
        key = normalized(text)
        if key and len(titles) < SUGGESTIONS:
            matches = process.extract(
                key,
                self._titles,
                scorer=fuzz.WRatio,
                limit=SUGGESTIONS,
                score_cutoff=SUGGESTION_CUTOFF,
            )
            titles += [self._entries[i].paper.title for _, _, i in matches]
        return list(dict.fromkeys(titles))[:SUGGESTIONS]

    def _stem_id(self, stem: str) -> int:
        return self._stem_ids.setdefault(stem, len(self._stem_ids))

    def _stems(self, snippet_id: str) -> list[str]:
        """A snippet's stems, cached: the re-ranker reads the same passages again and again."""
        stems = self._tokens.get(snippet_id)
        if stems is None:
            if len(self._tokens) >= _TOKEN_CACHE_SIZE:
                self._tokens.clear()
            stems = STEMS.analyze(snippet_text(self.corpus, snippet_id))
            self._tokens[snippet_id] = stems
        return stems


def _entry_and_fields(corpus: Corpus, paper: Paper) -> tuple[Entry, dict[str, object]]:
    """The re-ranker's view of a paper and the text fields tantivy indexes for it."""
    reports = group_mentions(paper)
    venues: list[str] = []
    for report_id in reports:
        conference, year = edition(corpus, paper, report_id)
        venue = " ".join(str(p) for p in (conference, year) if p)
        if venue and venue not in venues:
            venues.append(venue)
    body = [snippet_text(corpus, s) for ids in reports.values() for s in ids]
    names_text = " ".join([paper.title, *paper.aliases, *paper.authors, *venues])
    title = STEMS.analyze(paper.title)
    entry = Entry(
        paper=paper,
        names=frozenset(STEMS.analyze(names_text)),
        title_stems=frozenset(title) - {stem(w) for w in STOPWORDS},
        title_phrase=_padded(title),
        name_words=tuple(
            dict.fromkeys(WORDS.analyze(" ".join([paper.title, *paper.aliases, *paper.authors])))
        ),
        author_words=frozenset(WORDS.analyze(" ".join(paper.authors))),
        title_keys=tuple(f" {key} " for key in _title_keys(paper) if _containable(key)),
        reports=reports,
    )
    fields: dict[str, object] = {
        "title": paper.title,
        "alias": list(paper.aliases) or [""],
        "authors": list(paper.authors) or [""],
        "venue": " ".join(venues),
        "body": "\n".join(body),
    }
    return entry, fields


def _message(query: ParsedQuery, found: bool, suggested: bool) -> str | None:
    """The plain sentence shown above (or instead of) the results."""
    parts = []
    if query.cleaned.truncated:
        parts.append("That query was long; only its first words were used.")
    if not found:
        about = query.cleaned.text[:80] or " ".join(query.cleaned.arxiv_ids)
        parts.append(f'Nothing in the reports is about "{about}".')
        if suggested:
            parts.append("The closest titles are below.")
    elif query.corrected:
        parts.append(f'Showing results for "{query.searched}".')
    return " ".join(parts) or None
