"""ISO weeks: parsing "2026-W19", the dates a week covers, and the week a moment falls in."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


def weeks_in_year(year: int) -> int:
    """52 or 53: how many ISO weeks an ISO year has (28 December is always in the last one)."""
    return date(year, 12, 28).isocalendar().week


def parse_week(text: str) -> tuple[int, int]:
    """(year, week) from "2026-W19"; ValueError with an example when it is not an ISO week."""
    match = _ISO_WEEK.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not an ISO week; write it like 2026-W19")
    year, week = int(match.group(1)), int(match.group(2))
    if not 1 <= week <= weeks_in_year(year):
        raise ValueError(f"{year} has weeks 1 to {weeks_in_year(year)}, not {week}")
    return year, week


def format_week(year: int, week: int) -> str:
    """The canonical spelling, "2026-W19"."""
    return f"{year}-W{week:02d}"


def week_dates(year: int, week: int) -> tuple[date, date]:
    """Monday and Sunday of an ISO week; week 53 of a 52-week year means its last week."""
    week = min(week, weeks_in_year(year))
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)


def week_of(day: date) -> str:
    """The ISO week a date falls in."""
    iso = day.isocalendar()
    return format_week(iso.year, iso.week)


def iso_week_for(when: datetime, tz: str) -> str:
    """The ISO week of a moment as seen in a timezone (naive datetimes are taken as UTC)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=ZoneInfo("UTC"))
    return week_of(when.astimezone(ZoneInfo(tz)).date())
