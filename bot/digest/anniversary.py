"""Which conference editions in the corpus fall on a given week, by calendar date, and the headline.

An edition's dates are moved to the digest's year (or the year before or after, so December
conferences are near early-January weeks) and compared with the digest's week, Monday to
Sunday. It is "this week" when the moved dates overlap the week, "last week" when they ended
in the week before, "next week" when they open in the week after. Any other week has no
anniversary: its headline says it is from the archive and names no month or week, so it cannot
name one that is off. (The check in ``claims`` allows three days either side of a week; the
headlines here keep to the week itself.)
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from bot.calendar import Calendar, Edition
from bot.digest.model import Anniversary
from bot.digest.weeks import week_dates
from bot.models import Corpus, Report

NEAR_DAYS = 7  # "last week" / "next week": within the week before or after


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


def _moved(day: date, years: int) -> date:
    """``day`` moved by whole years; 29 February becomes 28 February in other years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def moved_dates(edition: Edition, year: int, week: int) -> tuple[date, date]:
    """The edition's dates moved to the year (digest's, or one either side) nearest the week."""
    monday, _ = week_dates(year, week)
    middle = monday + timedelta(days=3)
    options = []
    for target in (year - 1, year, year + 1):
        shift = target - edition.year
        start, end = _moved(edition.start, shift), _moved(edition.end, shift)
        options.append((_distance(start, end, middle, middle), start, end))
    _, start, end = min(options)
    return start, end


def _distance(start: date, end: date, monday: date, sunday: date) -> int:
    """Days from the interval start..end to monday..sunday: 0 when they overlap."""
    if end < monday:
        return (monday - end).days
    if start > sunday:
        return (start - sunday).days
    return 0


def gap_days(edition: Edition, year: int, week: int) -> int:
    """Signed days between the edition's moved dates and the week.

    0 when they overlap ("this week"); negative when the edition had closed that many days
    before the Monday, positive when it opens that many days after the Sunday.
    """
    monday, sunday = week_dates(year, week)
    start, end = moved_dates(edition, year, week)
    if end < monday:
        return -(monday - end).days
    if start > sunday:
        return (start - sunday).days
    return 0


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
        Anniversary(edition, year - edition.year, gap_days(edition, year, week), tuple(ids))
        for edition, ids in reports.items()
    ]
    found.sort(key=lambda a: (abs(a.gap_days), -len(a.report_ids), a.edition.year, a.label))
    return found


def is_near(anniversary: Anniversary) -> bool:
    """Whether the edition is this week, last week or next week (a headline may say so)."""
    return abs(anniversary.gap_days) <= NEAR_DAYS


def _years(n: int) -> str:
    return "1 year ago" if n == 1 else f"{n} years ago"


def _place(edition: Edition) -> str:
    return edition.city or "its host city"


def headline(anniversary: Anniversary, year: int, week: int) -> str:
    """The flashback line for a near anniversary: 'ICLR 2019 opened in New Orleans this week,
    7 years ago', '7 years ago last week, ICLR 2019 closed in New Orleans', '... next week'."""
    edition, label, ago = anniversary.edition, anniversary.label, _years(anniversary.years_ago)
    if anniversary.this_week:
        if edition.virtual:
            return f"{label} was held online this week, {ago}"
        monday, _ = week_dates(year, week)
        start, _ = moved_dates(edition, year, week)
        verb = "opened in" if start >= monday else "was in"
        return f"{label} {verb} {_place(edition)} this week, {ago}"
    if anniversary.gap_days < 0:
        where = "ended online" if edition.virtual else f"closed in {_place(edition)}"
        return f"{ago} last week, {label} {where}"
    where = "opened online" if edition.virtual else f"opened in {_place(edition)}"
    return f"{ago} next week, {label} {where}"


def archive_headline(edition: Edition) -> str:
    """The line for a week without an anniversary: 'From the archive: ICML 2017, Sydney'."""
    place = "held online" if edition.virtual else edition.city
    label = f"{edition.conference} {edition.year}"
    return f"From the archive: {label}, {place}" if place else f"From the archive: {label}"


def empty_headline(year: int, week: int) -> str:
    """The line when the corpus has nothing to look back on."""
    return f"Conference flashback for week {week} of {year}: highlights from the trip reports"
