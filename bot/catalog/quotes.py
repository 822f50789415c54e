"""A work's quote in each report: the whole sentences that discuss it.

The window starts at the sentence that names the work (its title, an alias, its link or a
citation of it) and takes the sentences after it that carry its idea or result, stopping
before a sentence that names another work, at the end of the block when the window already
says something, and within the budget every platform can show. A work named only by the
heading above a passage is quoted from the passage's opening sentences, unless they name
another work (a heading glued to a paragraph about something else is no quote).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.catalog.attribution import TitleMatcher
from bot.catalog.found import Candidate
from bot.catalog.keys import normalise_title
from bot.documents.sentences import sentence_at, sentence_spans
from bot.models import Mention, Paper, Report, Snippet

QUOTE_CHARS = 420  # a taste of the passage, inside every platform's budget
ENOUGH_CHARS = 160  # a window this long says something: it stops at the block's end
_SOURCE_RANK = {"link": 0, "quoted": 0, "by-author": 0, "reference": 1, "row": 1, "cued": 1}


@dataclass(slots=True)
class _Place:
    snippet: Snippet
    at: int  # where the work is named; -1 when only the heading above names it
    rank: int


def mentions(
    paper: Paper,
    group: list[Candidate],
    reports: dict[str, Report],
    snippets: list[Snippet],
    matcher: TitleMatcher,
) -> list[Mention]:
    """One mention per report that discusses the work, each with its quote and section."""
    places: dict[str, list[_Place]] = {}
    for candidate in group:
        rank = 3 if candidate.at < 0 else _SOURCE_RANK.get(candidate.source, 2)
        places.setdefault(candidate.snippet.report, []).append(
            _Place(candidate.snippet, candidate.at, rank)
        )
    for snippet in snippets:
        at = _named_at(paper, snippet.text)
        if at >= 0:
            places.setdefault(snippet.report, []).append(_Place(snippet, at, 2))
    found = []
    for report_id in sorted(places):
        best = _best_quote(paper, places[report_id], matcher)
        if best is None:
            continue
        place, quote = best
        report = reports[report_id]
        found.append(
            Mention(
                report_id,
                report.conference,
                report.year,
                place.snippet.id,
                quote=quote,
                section=place.snippet.section,
            )
        )
    return found


def _best_quote(
    paper: Paper, places: list[_Place], matcher: TitleMatcher
) -> tuple[_Place, str] | None:
    ordered = sorted(places, key=lambda p: (p.rank, p.snippet.position, p.at))
    fallback: tuple[_Place, str] | None = None
    for place in ordered:
        quote = quote_window(place.snippet, place.at, paper.id, matcher)
        if quote and len(quote) >= ENOUGH_CHARS // 2:
            return place, quote
        if quote and fallback is None:
            fallback = (place, quote)
    return fallback


def quote_window(snippet: Snippet, at: int, paper_id: str, matcher: TitleMatcher) -> str:
    """The sentences about ``paper_id`` from the one naming it at ``at`` (see the module)."""
    text = snippet.text
    spans = sentence_spans(text)
    if not spans:
        return ""
    first = sentence_at(spans, max(at, 0))
    if at < 0 and _names_other(text[slice(*spans[first])], paper_id, matcher):
        return ""  # the heading's paragraph opens on another work
    end = spans[first][1]
    for start_next, end_next in spans[first + 1 :]:
        if end_next - spans[first][0] > QUOTE_CHARS:
            break
        if _names_other(text[start_next:end_next], paper_id, matcher):
            break
        if end - spans[first][0] >= ENOUGH_CHARS and _part_boundary(snippet, end, start_next):
            break
        end = end_next
    return _within_budget(text[spans[first][0] : end])


def _names_other(sentence: str, paper_id: str, matcher: TitleMatcher) -> bool:
    return bool(matcher.names_in(sentence) - {paper_id})


def _part_boundary(snippet: Snippet, end: int, start: int) -> bool:
    """Whether a block ends between two sentences (the next bullet, the next paragraph)."""
    return any(end <= part.start <= start for part in snippet.parts)


def _within_budget(quote: str) -> str:
    quote = quote.strip()
    if len(quote) <= QUOTE_CHARS:
        return quote
    cut = quote.rfind(" ", 0, QUOTE_CHARS - 1)
    return quote[: cut if cut > 0 else QUOTE_CHARS - 1].rstrip(" ,;:") + "…"


def _named_at(paper: Paper, text: str) -> int:
    """Where the text names the work by its title or an alias as whole words, or -1."""
    lowered = text.casefold()
    for name in (paper.title, *paper.aliases):
        if len(normalise_title(name)) >= 3:
            at = _word_find(lowered, name.casefold())
            if at >= 0:
                return at
    return -1


def _word_find(text: str, name: str) -> int:
    at = text.find(name)
    while at >= 0:
        before = text[at - 1 : at]
        after = text[at + len(name) : at + len(name) + 1]
        if not (before.isalnum() or after.isalnum()):
            return at
        at = text.find(name, at + 1)
    return -1
