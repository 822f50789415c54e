"""The evidence gathered for one candidate answer, and the score that orders answers."""

from __future__ import annotations

from dataclasses import dataclass

from bot.lookup.weights import (
    PASSAGE_CREDIT,
    REPORTS_FOR_FULL_CREDIT,
    SCORE_BM25,
    SCORE_EXACT,
    SCORE_LOOSE,
    SCORE_NAMES,
    SCORE_NAMING,
    SCORE_PARTIAL_NAMES,
    SCORE_PHRASE,
    SCORE_RELEVANCE,
    SCORE_REPORTS,
    SCORE_TITLE_SHARE,
    SCORE_UNTITLED,
    SCORE_VERBATIM,
)


@dataclass(slots=True)
class Evidence:
    """Why a work (or a passage that names none) may answer a query.

    Every field is in [0, 1]. ``names`` and ``exact`` come from the work's own names,
    ``passage`` from the best passage about it, the rest only order answers.
    """

    names: float = 0.0  # weighted share of the query the work's names cover
    names_found: float = 0.0  # the same, counting loose matches fully (for thresholds)
    exact: float = 0.0  # named outright (title, alias, arXiv id, contained title, nickname)
    passage: float = 0.0  # best weighted share one passage covers, words close together
    passage_found: float = 0.0  # the same, counting loose matches fully (for thresholds)
    phrase: float = 0.0  # query words in the order typed, in the title or that passage
    title_share: float = 0.0  # share of the title's content words the query has
    verbatim: float = 0.0  # share of query words spelled as the names spell them
    bm25: float = 0.0  # BM25 of the work's names or passage, over the best candidate's
    reports: int = 0  # reports that discuss the work
    best_passage: int = -1  # the passage that gave ``passage``, -1 if none
    untitled: bool = False  # the work's title is made up (see Paper.untitled)
    named: bool = False  # the names alone cover enough of the query to answer
    quoted: bool = False  # a passage holds the whole query word for word
    naming: float = 0.0  # how fully the best passage names the work (1: a whole title)
    loose: bool = False  # a passage that names no work, answering by itself

    @property
    def own(self) -> float:
        """How well the work's own names answer the query."""
        return max(self.names, self.exact)

    @property
    def relevance(self) -> float:
        """How surely this answers the query: its names, or one passage about it."""
        return max(self.own, PASSAGE_CREDIT * self.passage)

    @property
    def _partial(self) -> float:
        return SCORE_PARTIAL_NAMES * self.names

    def score(self) -> float:
        """The ordering score: relevance first, then the tie-breakers (weights.SCORE_*)."""
        return (
            SCORE_RELEVANCE * self.relevance
            + SCORE_NAMES * (self.own if self.named or self.exact else self._partial)
            + SCORE_EXACT * self.exact
            + SCORE_TITLE_SHARE * self.title_share
            + SCORE_VERBATIM * self.verbatim
            + SCORE_BM25 * self.bm25
            + SCORE_REPORTS * min(1.0, self.reports / REPORTS_FOR_FULL_CREDIT)
            + SCORE_PHRASE * self.phrase
            + SCORE_UNTITLED * self.untitled
            + SCORE_NAMING * self.naming
            + SCORE_LOOSE * self.loose
        )
