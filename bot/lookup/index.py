"""The /paper index: works and passages, found by BM25 and kept by evidence."""

from __future__ import annotations

import logging

from bot.lookup.acronym import could_be_acronym
from bot.lookup.answer import LookupAnswer, PaperResult
from bot.lookup.bm25 import Bm25
from bot.lookup.build import Parts, build_parts
from bot.lookup.gather import QueryRun
from bot.lookup.query import ParsedQuery, parse_query
from bot.lookup.rank import Evidence
from bot.lookup.rarity import english_rarity, word_weight
from bot.lookup.results import passage_result, work_result
from bot.lookup.suggest import fuzzy_answer, suggestions
from bot.lookup.text import title_key
from bot.lookup.weights import (
    EXACT_CREDIT,
    HEADING_NAME_CREDIT,
    NICKNAME_CREDIT,
    SPLIT_RARITY,
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
        self.bm25 = Bm25(parts)

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
        return word_weight(self.bm25.doc_freq(stem), len(self.parts.passages), zipf)

    def zipf(self, word: str) -> float:
        """The word's frequency in English, on wordfreq's Zipf scale (0: unknown)."""
        return self.parts.zipf.get(word, 0.0)

    def splittable(self, head: str, tail: str) -> bool:
        """Whether "headtail" means "head tail": both are rare in English and some passage
        has them side by side, in that order."""
        if min(english_rarity(self.zipf(head)), english_rarity(self.zipf(tail))) < SPLIT_RARITY:
            return False
        return self.bm25.adjacent(head, tail)

    def adjacent(self, head: str, tail: str) -> bool:
        """Whether some passage has the two words side by side, in that order."""
        return self.bm25.adjacent(head, tail)

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
            ranked = fuzzy_answer(run)
        results = [self._result(run, key, evidence) for key, evidence in ranked[:limit]]
        offered = [] if results else suggestions(run)
        return LookupAnswer(
            query=echo,
            results=results,
            suggestions=offered,
            message=_message(query, bool(results), bool(offered)),
        )

    def _gather(self, query: ParsedQuery) -> QueryRun:
        run = QueryRun(self.parts, query)
        for i, credit in self._exact_matches(query).items():
            run.add_work(i, exact=credit)
        if query.only_stopwords:
            return run
        for i, score in self.bm25.works(query).items():
            run.add_work(i, bm25=score)
        for p, score in self.bm25.passages(query):
            run.add_passage(p, score)
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
