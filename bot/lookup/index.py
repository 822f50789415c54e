"""The /paper index: works and passages, found by BM25 and kept by evidence."""

from __future__ import annotations

import logging
from typing import Any

import tantivy
from rapidfuzz import fuzz, process

from bot.lookup.acronym import could_be_acronym
from bot.lookup.answer import LookupAnswer, PaperResult
from bot.lookup.build import WORK_FIELDS, Parts, build_parts
from bot.lookup.gather import QueryRun
from bot.lookup.names import Term
from bot.lookup.query import ParsedQuery, parse_query
from bot.lookup.rank import Evidence
from bot.lookup.rarity import english_rarity, word_weight
from bot.lookup.results import passage_result, work_result
from bot.lookup.text import stem, title_key
from bot.lookup.weights import (
    COMMON_SHARE,
    EXACT_CREDIT,
    FUZZY_ANSWER,
    FUZZY_ANSWER_CREDIT,
    FUZZY_ANSWER_MIN_CHARS,
    HEADING_BOOST,
    HEADING_NAME_CREDIT,
    NEAR_MISS,
    NICKNAME_CREDIT,
    PASSAGE_CANDIDATES,
    SEARCH_MIN_WORDS,
    SPLIT_RARITY,
    SUGGESTION_CUTOFF,
    SUGGESTIONS,
    WORK_CANDIDATES,
)
from bot.models import Corpus

logger = logging.getLogger(__name__)

EMPTY_HELP = (
    "Type what you are looking for after /paper: a title, an author, an abbreviation or a "
    'topic, for example "/paper lottery ticket".'
)
FAILED = "Sorry, that lookup went wrong; try fewer or simpler words."
# Passages searched for two words side by side before a run-together word is split.
_SPLIT_PROBES = 32
_DOC_FREQ_CACHE = 65_536


class LookupIndex:
    """Answers `/paper` queries over one corpus; build once, query many times."""

    def __init__(self, parts: Parts) -> None:
        self.corpus = parts.corpus
        self.parts = parts
        self.vocabulary = parts.vocabulary
        self.author_words = frozenset(w for e in parts.entries for w in e.author_words)
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

    @classmethod
    def build(cls, corpus: Corpus) -> LookupIndex:
        """Index every work and passage of ``corpus`` in memory."""
        return cls(build_parts(corpus))

    # --- what parsing asks --------------------------------------------------------------

    def weight(self, word: str, stem: str) -> float:
        """A query word's weight: its rarity in the passages and in English (the word's own,
        else the commonest form of its stem in the corpus)."""
        zipf = self.parts.zipf.get(word)
        if zipf is None:
            zipf = self.parts.stem_zipf.get(stem, 0.0)
        return word_weight(self._doc_freq(stem), len(self.parts.passages), zipf)

    def zipf(self, word: str) -> float:
        """The word's frequency in English, on wordfreq's Zipf scale (0: unknown)."""
        return self.parts.zipf.get(word, 0.0)

    def splittable(self, head: str, tail: str) -> bool:
        """Whether "headtail" means "head tail": both are rare in English and some passage
        has them side by side, in that order."""
        if min(english_rarity(self.zipf(head)), english_rarity(self.zipf(tail))) < SPLIT_RARITY:
            return False
        return self.adjacent(head, tail)

    def adjacent(self, head: str, tail: str) -> bool:
        """Whether some passage has the two words side by side, in that order."""
        words = self.parts.passages.words.ids
        if head not in words or tail not in words:
            return False
        both = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, self._term("body", stem(w))) for w in (head, tail)]
        )
        first, second = words[head], words[tail]
        passages = self.parts.passages
        tokens = passages.tokens
        for p in self._passage_numbers(both, _SPLIT_PROBES):
            start, end = passages.token_start[p], passages.token_end[p]
            if any(tokens[k] == first and tokens[k + 1] == second for k in range(start, end - 1)):
                return True
        return False

    def _doc_freq(self, stem: str) -> int:
        found = self._doc_freqs.get(stem)
        if found is None:
            if len(self._doc_freqs) >= _DOC_FREQ_CACHE:
                self._doc_freqs.clear()
            found = self._doc_freqs[stem] = self._passages.doc_freq("body", stem)
        return found

    # --- answering ----------------------------------------------------------------------

    def answer(self, query: str, limit: int = 3) -> LookupAnswer:
        """The works (or passages) the reports discuss that match ``query``, best first
        (never raises)."""
        echo = query.strip()[:300]
        try:
            return self._answer(query, echo, max(1, min(limit, 50)))
        except Exception:  # a lookup must answer something; the log keeps the details
            logger.exception("lookup failed for query %r", echo[:80])
            return LookupAnswer(query=echo, message=FAILED)

    def _answer(self, raw: str, echo: str, limit: int) -> LookupAnswer:
        query = parse_query(raw, self)
        if not query.terms and not query.cleaned.arxiv_ids:
            return LookupAnswer(query=echo, message=EMPTY_HELP)
        run = self._gather(query)
        ranked = self._ranked(run)
        if not ranked and not all(t.known for t in query.terms):
            ranked = self._fuzzy_answer(run)
        results = [self._result(run, key, evidence) for key, evidence in ranked[:limit]]
        suggestions = [] if results else self._suggestions(run)
        return LookupAnswer(
            query=echo,
            results=results,
            suggestions=suggestions,
            message=_message(query, bool(results), bool(suggestions)),
        )

    def _gather(self, query: ParsedQuery) -> QueryRun:
        run = QueryRun(self.parts, query)
        for i, credit in self._exact_matches(query).items():
            run.add_work(i, exact=credit)
        if query.only_stopwords:
            return run
        for i, bm25 in self._search_works(query).items():
            run.add_work(i, bm25=bm25)
        for p, bm25 in self._search_passages(query):
            run.add_passage(p, bm25)
        run.read_own_passages()
        return run

    def _ranked(self, run: QueryRun) -> list[tuple[tuple[str, int], Evidence]]:
        """Every answer, best first: works by their number, loose passages by theirs."""
        found: list[tuple[tuple[str, int], Evidence]] = [
            (("work", i), e) for i, e in run.found.works.items() if run.answers(e)
        ]
        seen: set[int] = set()
        loose = sorted(run.found.loose.items(), key=lambda item: -item[1].score())
        for p, evidence in loose:
            snippet = self.parts.passages.snippet[p]
            if snippet not in seen and run.answers(evidence, loose=True):
                seen.add(snippet)
                found.append((("passage", p), evidence))
        found.sort(key=lambda item: -item[1].score())
        return found

    def _result(self, run: QueryRun, key: tuple[str, int], evidence: Evidence) -> PaperResult:
        kind, number = key
        if kind == "passage":
            return passage_result(self.parts, run, number, evidence)
        return work_result(self.parts, run, number, evidence)

    def _exact_matches(self, query: ParsedQuery) -> dict[int, float]:
        """Works the query names outright: title, title head, alias or arXiv id, or a
        nickname the corpus never spells out, such as "rigl" (NICKNAME_CREDIT)."""
        parts = self.parts
        key = title_key(query.cleaned.text)
        found = dict.fromkeys(parts.heading_names.get(key, ()), HEADING_NAME_CREDIT)
        found.update(dict.fromkeys(parts.exact.get(key, ()), EXACT_CREDIT))
        for arxiv in query.cleaned.arxiv_ids:
            found.update(dict.fromkeys(parts.arxiv.get(arxiv, ()), EXACT_CREDIT))
        nickname = _nickname(query)
        if nickname and not found:
            found.update(dict.fromkeys(parts.nicknames.find(nickname), NICKNAME_CREDIT))
        return found

    def _term(self, field: str, stem: str) -> tantivy.Query:
        schema = self._works_schema if field in WORK_FIELDS else self._passage_schema
        return tantivy.Query.term_query(schema, field, stem, index_option="freq")

    def _search_works(self, query: ParsedQuery) -> dict[int, float]:
        """BM25 over the works' names: work number -> score over the best score."""
        clauses = []
        for term in query.terms:
            per_field = [
                tantivy.Query.boost_query(self._term(name, s), boost * term.weight * term.credit)
                for name, boost in self._work_fields.items()
                for s in term.stems
            ]
            clauses.append(
                (tantivy.Occur.Should, tantivy.Query.disjunction_max_query(per_field, 0.2))
            )
        return dict(_normalised(self._search(self._works, clauses, WORK_CANDIDATES)))

    def _search_passages(self, query: ParsedQuery) -> list[tuple[int, float]]:
        """BM25 over the passages (heading words count less): passage number -> score.

        Only the query's less common words search (see _searching); the evidence step still
        counts every word.
        """
        clauses = []
        for term in self._searching(query):
            boost = term.weight * term.credit
            per_field = []
            for s in term.stems:
                per_field.append(tantivy.Query.boost_query(self._term("body", s), boost))
                per_field.append(
                    tantivy.Query.boost_query(self._term("heading", s), HEADING_BOOST * boost)
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
        freq = {t: max(self._doc_freq(s) for s in t.stems) for t in known}
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

    def _fuzzy_answer(self, run: QueryRun) -> list[tuple[tuple[str, int], Evidence]]:
        """A near-verbatim title fragment that no word matched ("lotteryticket hypothesis"),
        among the works BM25 proposed."""
        key = title_key(run.query.cleaned.text)
        if len(key) < FUZZY_ANSWER_MIN_CHARS:
            return []
        titles = {i: self.parts.titles[i] for i in run.found.works}
        for _, score, i in process.extract(
            key, titles, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_ANSWER, limit=5
        ):
            # The query must be (nearly) inside the title, not a short title inside the query.
            if len(titles[i]) >= len(key):
                evidence = run.add_work(i, exact=FUZZY_ANSWER_CREDIT * score / 100)
                return [(("work", i), evidence)]
        return []

    def _suggestions(self, run: QueryRun) -> list[str]:
        """Titles close to the query when nothing answered: near misses first, then titles
        of the works BM25 proposed that read like the query (never a scan of every title)."""
        entries = self.parts.entries
        near = sorted(
            (e for e in run.found.works.items() if e[1].names_found >= NEAR_MISS),
            key=lambda item: -item[1].score(),
        )
        titles = [entries[i].paper.title for i, _ in near[:SUGGESTIONS]]
        key = title_key(run.query.cleaned.text)
        if key and len(titles) < SUGGESTIONS:
            proposed = {i: self.parts.titles[i] for i in run.found.works}
            matches = process.extract(
                key,
                proposed,
                scorer=fuzz.token_set_ratio,
                limit=SUGGESTIONS,
                score_cutoff=SUGGESTION_CUTOFF,
            )
            titles += [entries[i].paper.title for _, _, i in matches]
        return list(dict.fromkeys(titles))[:SUGGESTIONS]


def _normalised(hits: list[tuple[int, float]]) -> list[tuple[int, float]]:
    top = max((score for _, score in hits), default=0.0) or 1.0
    return [(doc, score / top) for doc, score in hits]


def _nickname(query: ParsedQuery) -> str | None:
    """The query as a nickname the corpus never spells out: one word ("rigl"), or one
    hyphenated token ("k-WTA"), that the vocabulary does not know."""
    if " " in query.cleaned.text or all(t.known and not t.typed for t in query.terms):
        return None
    word = "".join(dict.fromkeys(t.typed or t.word for t in query.terms))
    return word if could_be_acronym(word) else None


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
