"""One channel's year of digests, simulated with its delivered history, and what a subscriber
would notice about it: distinct works, repeats, each report's share, honest headlines."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.calendar import Calendar
from bot.digest.claims import date_claim_problems
from bot.digest.model import Digest
from bot.digest.passages import names_work
from bot.digest.ranking import week_plan
from bot.digest.select import REPEAT_WEEKS, choose_for_plan
from bot.digest.weeks import format_week, weeks_in_year
from bot.models import Corpus


@dataclass
class YearRun:
    """The digests of a simulated year and the history they leave behind."""

    year: int
    digests: list[Digest]
    history: dict[str, str | None] = field(default_factory=dict)  # key -> week last posted


def simulate_year(
    corpus: Corpus,
    calendar: Calendar,
    year: int,
    *,
    size: int = 4,
    topics: Sequence[str] = (),
    history: Mapping[str, str | None] | None = None,
) -> YearRun:
    """Every week of ``year`` as one channel gets it, each week's posts added to its history."""
    run = YearRun(year, [], dict(history or {}))
    for number in range(1, weeks_in_year(year) + 1):
        week = format_week(year, number)
        digest = choose_for_plan(
            week_plan(corpus, calendar, week), size=size, topics=topics, seen=run.history
        )
        run.digests.append(digest)
        for key in digest.paper_ids:
            run.history[key] = week
    return run


def _repeats(digests: Sequence[Digest]) -> int:
    last: dict[str, int] = {}
    repeats = 0
    for number, digest in enumerate(digests):
        for key in digest.paper_ids:
            if key in last and number - last[key] < REPEAT_WEEKS:
                repeats += 1
            last[key] = number
    return repeats


def _quotes_naming(corpus: Corpus, digests: Sequence[Digest]) -> tuple[int, int]:
    titled = naming = 0
    for digest in digests:
        for h in digest.highlights:
            if h.paper_id is None:
                continue
            titled += 1
            try:
                paper = corpus.paper(h.paper_id)
            except KeyError:
                continue
            naming += names_work(paper, h.quote, h.section)
    return naming, titled


def summarize(corpus: Corpus, run: YearRun, good_candidates: int) -> dict[str, Any]:
    """The year in numbers (the summary of ``digest year --history``)."""
    highlights = [h for d in run.digests for h in d.highlights]
    slots = len(highlights)
    per_report = Counter(h.report_id for h in highlights)
    naming, titled = _quotes_naming(corpus, run.digests)
    off = [
        {"week": d.week, "headline": d.headline, "problems": problems}
        for d in run.digests
        if (problems := date_claim_problems(d))
    ]
    return {
        "weeks": len(run.digests),
        "slots": slots,
        "distinct_works": len({h.history_key for h in highlights}),
        "distinct_titled_works": len({h.paper_id for h in highlights if h.paper_id}),
        "good_candidates": good_candidates,
        "repeats_within_26_weeks": _repeats(run.digests),
        "share_per_report": {r: round(n / slots, 3) for r, n in per_report.most_common()},
        "max_report_share": round(max(per_report.values()) / slots, 3) if slots else 0.0,
        "weeks_without_anniversary": sum(1 for d in run.digests if d.anniversary is None),
        "headlines_off": off,
        "titled_highlights": titled,
        "titled_quotes_naming_work": round(naming / titled, 3) if titled else 1.0,
        "highlights_with_link": round(sum(1 for h in highlights if h.url) / slots, 3)
        if slots
        else 0.0,
    }
