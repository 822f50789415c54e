"""Which conference editions in the corpus fall on a given week of the year, and the headline.

An edition is "this week" when its dates overlap the same ISO week number in its own year.
Otherwise its distance is the gap in days between its dates and that week (looking at the
neighbouring years too, so December conferences are near early-January weeks): negative when
it had already closed, positive when it was still to open. The digest uses the nearest.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from bot.calendar import Calendar, Edition
from bot.digest.model import Anniversary
from bot.digest.weeks import week_dates
from bot.models import Corpus, Report

_NEAR_DAYS = 7  # within a week either side the headline says "last week" / "next week"


def edition_for(report: Report, calendar: Calendar) -> Edition | None:
    """The report's edition: the calendar's when listed, else built from the report's dates."""
    if report.conference and report.year:
        listed = calendar.get(report.conference, report.year)
        if listed is not None:
            return listed
    if report.start_date is None:
        return None
    end = report.end_date or report.start_date
    return Edition(
        conference=report.conference or report.title or report.id,
        year=report.year or report.start_date.year,
        city=report.city or "",
        country="",
        start=report.start_date,
        end=max(end, report.start_date),
    )


def _gap(edition: Edition, week: int) -> int:
    """Signed days between the edition and the same week number, nearest over +-1 year."""
    best: int | None = None
    for year in (edition.year - 1, edition.year, edition.year + 1):
        monday, sunday = week_dates(year, week)
        if edition.end < monday:
            gap = -(monday - edition.end).days
        elif edition.start > sunday:
            gap = (edition.start - sunday).days
        else:
            return 0
        if best is None or abs(gap) < abs(best):
            best = gap
    assert best is not None
    return best


def anniversaries(corpus: Corpus, calendar: Calendar, year: int, week: int) -> list[Anniversary]:
    """Editions with reports from years before ``year``, nearest to the week first.

    Ties go to the edition with more reports, then the older one, then the name, so the
    order is the same on every run.
    """
    reports: dict[Edition, list[str]] = defaultdict(list)
    for report in corpus.reports:
        edition = edition_for(report, calendar)
        if edition is not None and edition.year < year:
            reports[edition].append(report.id)
    found = [
        Anniversary(edition, year - edition.year, _gap(edition, week), tuple(ids))
        for edition, ids in reports.items()
    ]
    found.sort(key=lambda a: (abs(a.gap_days), -len(a.report_ids), a.edition.year, a.label))
    return found


def _years(n: int) -> str:
    return "1 year ago" if n == 1 else f"{n} years ago"


def _month(day: date) -> str:
    return day.strftime("%B")


def headline(anniversary: Anniversary | None, year: int, week: int) -> str:
    """The flashback line: 'ICLR 2019 opened in New Orleans this week, 7 years ago'."""
    if anniversary is None:
        return f"Conference flashback for week {week} of {year}: highlights from the trip reports"
    edition, label, ago = anniversary.edition, anniversary.label, _years(anniversary.years_ago)
    city = edition.city or "its host city"
    if anniversary.this_week:
        monday, _ = week_dates(edition.year, week)
        if edition.virtual:
            return f"{label} was held online this week, {ago}"
        verb = "opened in" if edition.start >= monday else "was in"
        return f"{label} {verb} {city} this week, {ago}"
    if abs(anniversary.gap_days) <= _NEAR_DAYS:
        if anniversary.gap_days < 0:
            where = "ended online" if edition.virtual else f"closed in {city}"
            return f"{label} {where} {ago} last week"
        where = "opened online" if edition.virtual else f"opened in {city}"
        return f"{label} {where} {ago} next week"
    where = "was held online" if edition.virtual else f"met in {city}"
    return f"{ago} in {_month(edition.start)}, {label} {where}"
