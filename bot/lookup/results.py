"""Turning an answer's evidence into a result: per report, the passage that matched."""

from __future__ import annotations

from bot.lookup.answer import PASSAGE, MentionView, PaperResult
from bot.lookup.build import Parts
from bot.lookup.evidence import Window
from bot.lookup.gather import QueryRun
from bot.lookup.passages import snippet_passages
from bot.lookup.rank import Evidence
from bot.lookup.text import STEMS
from bot.lookup.trim import SNIPPET_CHARS, trim_snippet
from bot.lookup.weights import OWN_PASSAGES
from bot.models import Corpus, Paper, Report


def work_result(parts: Parts, run: QueryRun, i: int, evidence: Evidence) -> PaperResult:
    """A work with, per report that discusses it, the passage that best matches the query,
    best reports first."""
    entry = parts.entries[i]
    by_report = _passages_by_report(parts, i)
    views: list[tuple[float, MentionView]] = []
    for report_id, passages in by_report.items():
        if evidence.best_passage in passages:
            chosen, window = evidence.best_passage, run.display_window(evidence.best_passage)
            rank = 2.0
        else:
            chosen, window = _best(run, passages[:OWN_PASSAGES])
            rank = window.share
        conference, year = _edition(parts.corpus, entry.paper, report_id)
        views.append((rank, _view(parts, chosen, window, report_id, conference, year)))
    views.sort(key=lambda v: (-v[0], v[1].year or 0))
    return PaperResult(entry.paper, round(evidence.score(), 4), [view for _, view in views])


def passage_result(parts: Parts, run: QueryRun, p: int, evidence: Evidence) -> PaperResult:
    """A passage that names no work, as a result of its own ("What the reports said")."""
    passages = parts.passages
    snippet_id = passages.snippet_ids[passages.snippet[p]]
    snippet = parts.corpus.snippet(snippet_id)
    report = _report(parts.corpus, snippet.report)
    label = (snippet.section[-1] if snippet.section else "") or _report_title(
        report, snippet.report
    )
    number = p - snippet_passages(passages, passages.snippet[p])[0]
    stand_in = Paper(id=f"passage:{snippet_id}:{number}", title=label, kind=PASSAGE)
    view = _view(
        parts,
        p,
        run.display_window(p),
        snippet.report,
        report.conference if report else None,
        report.year if report else None,
    )
    return PaperResult(stand_in, round(evidence.score(), 4), [view])


def _passages_by_report(parts: Parts, i: int) -> dict[str, list[int]]:
    """Report id -> the work's passages there; a report whose mention the attribution
    narrowed away keeps the mentioned snippet's passages."""
    passages = parts.passages
    found: dict[str, list[int]] = {}
    for p in parts.entries[i].passages:
        found.setdefault(passages.reports[passages.snippet[p]], []).append(p)
    for mention in parts.entries[i].paper.mentions:
        number = passages.numbers.get(mention.snippet_id)
        if mention.report not in found and number is not None:
            found[mention.report] = list(snippet_passages(passages, number))
    return found


def _best(run: QueryRun, passages: list[int]) -> tuple[int, Window]:
    """The passage with the most of the query (by the words it has at all), and its window."""
    best = max(passages, key=run.reach)
    return best, run.display_window(best)


def _view(
    parts: Parts,
    p: int,
    window: Window,
    report_id: str,
    conference: str | None,
    year: int | None,
) -> MentionView:
    passages = parts.passages
    snippet = parts.corpus.snippet(passages.snippet_ids[passages.snippet[p]])
    start, end = passages.char_start[p], passages.char_end[p]
    span = None
    # Only a passage longer than an excerpt is trimmed, so only then is the match looked up.
    if window.first >= 0 and end - start > SNIPPET_CHARS:
        base = passages.snippet_token_start[passages.snippet[p]]
        tokens = STEMS.pre_tokenize(snippet.text).tokens
        first = max(tokens[window.first - base].char_offset_from, start)
        last = min(tokens[window.last - base].char_offset_to, end)
        span = (first - start, max(first, last) - start)
    return MentionView(
        report=_report_title(_report(parts.corpus, report_id), report_id),
        report_id=report_id,
        conference=conference,
        year=year,
        snippet=trim_snippet(snippet.text[start:end], span),
        section=tuple(snippet.section),
    )


def _report(corpus: Corpus, report_id: str) -> Report | None:
    try:
        return corpus.report(report_id)
    except KeyError:
        return None


def _report_title(report: Report | None, report_id: str) -> str:
    return (report.title if report else "") or report_id


def _edition(corpus: Corpus, paper: Paper, report_id: str) -> tuple[str | None, int | None]:
    """The conference and year of a report's mention (the report's own when unset)."""
    for mention in paper.mentions:
        if mention.report == report_id and (mention.conference or mention.year):
            return mention.conference, mention.year
    report = _report(corpus, report_id)
    return (report.conference, report.year) if report else (None, None)
