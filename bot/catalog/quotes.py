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

from bot.catalog.attribution import Hits
from bot.catalog.found import Candidate
from bot.documents.sentences import sentence_at, sentence_spans
from bot.models import Mention, Paper, Report, Snippet

QUOTE_CHARS = 420  # a taste of the passage, inside every platform's budget
ENOUGH_CHARS = 160  # a window this long says something: it stops at the block's end
# Where a quote is best taken from: where the text discusses the work (a link, a title in
# quotes, a citation), then a table row or cue, and last its bibliography entry.
_SOURCE_RANK = {
    "link": 0,
    "quoted": 0,
    "by-author": 0,
    "cite": 1,
    "row": 1,
    "cued": 1,
    "reference": 3,
}
_ENTRY_RANK = 3


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
    hits: Hits,
) -> list[Mention]:
    """One mention per report that discusses the work, each with its quote and section."""
    places: dict[str, list[_Place]] = {}
    for candidate in group:
        rank = 3 if candidate.at < 0 else _SOURCE_RANK.get(candidate.source, 2)
        if _in_entry(candidate.snippet, candidate.at):
            rank = _ENTRY_RANK  # whatever names it inside its bibliography entry
        places.setdefault(candidate.snippet.report, []).append(
            _Place(candidate.snippet, candidate.at, rank)
        )
    for snippet in snippets:
        at = next((start for pid, start, _ in hits.get(snippet.id, ()) if pid == paper.id), -1)
        if at >= 0:
            rank = _ENTRY_RANK if _in_entry(snippet, at) else 2
            places.setdefault(snippet.report, []).append(_Place(snippet, at, rank))
    found = []
    for report_id in sorted(places):
        best = _best_quote(paper, places[report_id], hits)
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


def best_mention(paper: Paper) -> Mention | None:
    """The mention whose quote says most about the work (the longest window), or None."""
    quoted = [m for m in paper.mentions if m.quote]
    return max(quoted, key=lambda m: len(m.quote), default=None)


def _in_entry(snippet: Snippet, at: int) -> bool:
    return any(p.kind == "reference" and p.start <= at < p.end for p in snippet.parts)


def _best_quote(paper: Paper, places: list[_Place], hits: Hits) -> tuple[_Place, str] | None:
    ordered = sorted(places, key=lambda p: (p.rank, p.snippet.position, p.at))
    fallback: tuple[_Place, str] | None = None
    for place in ordered:
        others = [(s, e) for pid, s, e in hits.get(place.snippet.id, ()) if pid != paper.id]
        quote = quote_window(place.snippet, place.at, others)
        if place.rank >= _ENTRY_RANK and fallback is not None:
            break  # a bibliography entry or a bare heading only when nothing discusses it
        if quote and len(quote) >= ENOUGH_CHARS // 2:
            return place, quote
        if quote and fallback is None:
            fallback = (place, quote)
    return fallback


def quote_window(snippet: Snippet, at: int, others: list[tuple[int, int]]) -> str:
    """The sentences from the one naming the work at ``at`` (see the module); ``others`` are
    where the snippet names other works."""
    text = snippet.text
    spans = sentence_spans(text)
    if not spans:
        return ""
    first = sentence_at(spans, max(at, 0))
    if at < 0 and _names_other(spans[first], others):
        return ""  # the heading's paragraph opens on another work
    end = spans[first][1]
    for start_next, end_next in spans[first + 1 :]:
        if end_next - spans[first][0] > QUOTE_CHARS:
            break
        if _names_other((start_next, end_next), others):
            break
        if end - spans[first][0] >= ENOUGH_CHARS and _part_boundary(snippet, end, start_next):
            break
        end = end_next
    return _within_budget(text[spans[first][0] : end])


def _names_other(sentence: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(sentence[0] <= start < sentence[1] for start, _ in others)


def _part_boundary(snippet: Snippet, end: int, start: int) -> bool:
    """Whether a block ends between two sentences (the next bullet, the next paragraph)."""
    return any(end <= part.start <= start for part in snippet.parts)


def _within_budget(quote: str) -> str:
    # A block joined to the next with "; " (a tweet's title line over its authors) ends
    # the quote at the title: no dangling separator.
    quote = quote.strip().rstrip(" ,;")
    if len(quote) <= QUOTE_CHARS:
        return quote
    cut = quote.rfind(" ", 0, QUOTE_CHARS - 1)
    return quote[: cut if cut > 0 else QUOTE_CHARS - 1].rstrip(" ,;:") + "…"
