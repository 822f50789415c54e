"""When nothing answers: a near-verbatim title fragment no word matched, or titles to suggest
(only close ones, and only among the works BM25 proposed: never a scan of every title)."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.lookup.gather import QueryRun
from bot.lookup.rank import Evidence
from bot.lookup.text import title_key
from bot.lookup.weights import (
    FUZZY_ANSWER,
    FUZZY_ANSWER_CREDIT,
    FUZZY_ANSWER_MIN_CHARS,
    NEAR_MISS,
    SUGGESTION_CUTOFF,
    SUGGESTIONS,
)


def fuzzy_answer(run: QueryRun) -> list[tuple[tuple[str, int], Evidence]]:
    """A near-verbatim title fragment that no word matched ("lotteryticket hypothesis"),
    among the works BM25 proposed."""
    key = title_key(run.query.cleaned.text)
    if len(key) < FUZZY_ANSWER_MIN_CHARS:
        return []
    titles = {i: run.parts.titles[i] for i in run.found.works}
    for _, score, i in process.extract(
        key, titles, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_ANSWER, limit=5
    ):
        # The query must be (nearly) inside the title, not a short title inside the query.
        if len(titles[i]) >= len(key):
            evidence = run.add_work(i, exact=FUZZY_ANSWER_CREDIT * score / 100)
            return [(("work", i), evidence)]
    return []


def suggestions(run: QueryRun) -> list[str]:
    """Titles close to the query when nothing answered: near misses first, then titles
    of the works BM25 proposed that read like the query (never a scan of every title)."""
    entries = run.parts.entries
    near = sorted(
        (e for e in run.found.works.items() if e[1].names_found >= NEAR_MISS),
        key=lambda item: -item[1].score(),
    )
    titles = [entries[i].paper.title for i, _ in near[:SUGGESTIONS]]
    key = title_key(run.query.cleaned.text)
    if key and len(titles) < SUGGESTIONS:
        proposed = {i: run.parts.titles[i] for i in run.found.works}
        matches = process.extract(
            key,
            proposed,
            scorer=fuzz.token_set_ratio,
            limit=SUGGESTIONS,
            score_cutoff=SUGGESTION_CUTOFF,
        )
        titles += [entries[i].paper.title for _, _, i in matches]
    return list(dict.fromkeys(titles))[:SUGGESTIONS]
