"""Turning a ranked catalog entry into a result: its reports, editions and best snippets."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.lookup.answer import MentionView, PaperResult
from bot.lookup.rank import Term, window_coverage, window_size
from bot.lookup.text import STEMS
from bot.lookup.trim import trim_snippet
from bot.models import Corpus, Paper


@dataclass(slots=True)
class Entry:
    """What the ranking needs to know about one catalog entry."""

    paper: Paper
    names: frozenset[str]  # stems of title, aliases, authors and venues
    title_stems: frozenset[str]  # content stems of the title
    title_phrase: str  # the title's stems, space-joined and padded
    name_words: tuple[str, ...]  # words of title, aliases and authors, for typo matches
    author_words: frozenset[str]  # words of the authors' names
    title_keys: tuple[str, ...]  # " title ", " alias " forms a query may contain whole
    reports: dict[str, list[str]]  # report id -> ids of the snippets that mention the paper
    # Sorted ids of every stem in the paper's passages: a cheap "could a passage match?"
    body_ids: array[int] = field(default_factory=lambda: array("I"))


def group_mentions(paper: Paper) -> dict[str, list[str]]:
    """Report id -> the ids of its snippets that mention the paper, in mention order."""
    reports: dict[str, list[str]] = {}
    for mention in paper.mentions:
        ids = reports.setdefault(mention.report, [])
        if mention.snippet_id not in ids:
            ids.append(mention.snippet_id)
    return reports


def edition(corpus: Corpus, paper: Paper, report_id: str) -> tuple[str | None, int | None]:
    """The conference and year of a report's mention (the report's own when unset)."""
    for mention in paper.mentions:
        if mention.report == report_id and (mention.conference or mention.year):
            return mention.conference, mention.year
    try:
        report = corpus.report(report_id)
    except KeyError:
        return None, None
    return report.conference, report.year


def snippet_text(corpus: Corpus, snippet_id: str) -> str:
    """A snippet's text, or "" when the catalog points at a snippet that is not there."""
    try:
        return corpus.snippet(snippet_id).text
    except KeyError:
        return ""


def _report_title(corpus: Corpus, report_id: str) -> str:
    try:
        return corpus.report(report_id).title or report_id
    except KeyError:
        return report_id


def best_snippet(corpus: Corpus, terms: Sequence[Term], ids: list[str]) -> tuple[float, str]:
    """The snippet (of one report) that best matches the query, trimmed around the match."""
    best: tuple[float, str, tuple[int, int] | None] = (-1.0, "", None)
    for snippet_id in ids:
        text = snippet_text(corpus, snippet_id)
        tokens = STEMS.pre_tokenize(text).tokens
        stems = [t.text for t in tokens]
        zero = [0.0] * len(terms)
        coverage, span = window_coverage(terms, stems, zero, window_size(terms))
        if coverage > best[0]:
            chars = None
            if span:
                chars = (tokens[span[0]].char_offset_from, tokens[span[1]].char_offset_to)
            best = (coverage, text, chars)
    return best[0], trim_snippet(best[1], best[2])


def make_result(corpus: Corpus, entry: Entry, score: float, terms: Sequence[Term]) -> PaperResult:
    """A result with, per mentioning report, its best-matching snippet, best reports first."""
    views: list[tuple[float, MentionView]] = []
    for report_id, ids in entry.reports.items():
        coverage, snippet = best_snippet(corpus, terms, ids)
        conference, year = edition(corpus, entry.paper, report_id)
        view = MentionView(
            report=_report_title(corpus, report_id),
            report_id=report_id,
            conference=conference,
            year=year,
            snippet=snippet,
        )
        views.append((coverage, view))
    views.sort(key=lambda v: (-v[0], v[1].year or 0))
    return PaperResult(entry.paper, round(score, 4), [view for _, view in views])
