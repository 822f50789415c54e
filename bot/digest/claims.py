"""Checking what a headline claims about dates against the calendar, independently of how the
headline was written: "this week", "last week", "next week", a month, a week number.

A claim holds when the edition the digest features, its dates moved to the digest's year,
falls where the words say, with three days' slack either side of a week; a month holds when
it contains a day within ten days of the week. ``digest year`` reports every week that fails.
"""

from __future__ import annotations

import calendar as months
import re
from datetime import date, timedelta

from bot.digest.anniversary import moved_dates
from bot.digest.model import Digest
from bot.digest.weeks import parse_week, week_dates

SLACK_DAYS = 3
MONTH_SLACK_DAYS = 10
_MONTH_NAMES = [name for name in months.month_name if name]
_MONTH = re.compile(r"\b(" + "|".join(_MONTH_NAMES) + r")\b")
_WEEK_NUMBER = re.compile(r"\bweek (\d{1,2})\b", re.IGNORECASE)


def _touches(start: date, end: date, low: date, high: date) -> bool:
    return start <= high and end >= low


def _week_claims(digest: Digest, monday: date, sunday: date) -> list[str]:
    text = digest.headline.casefold()
    said = [phrase for phrase in ("this week", "last week", "next week") if phrase in text]
    if not said:
        return []
    edition = digest.featured
    if edition is None:
        return [f"says {said[0]!r} but names no edition"]
    year, number = parse_week(digest.week)
    start, end = moved_dates(edition, year, number)
    slack = timedelta(days=SLACK_DAYS)
    week = timedelta(days=7)
    windows = {
        "this week": (monday - slack, sunday + slack),
        "last week": (monday - week - slack, sunday - week + slack),
        "next week": (monday + week - slack, sunday + week + slack),
    }
    problems = []
    for phrase in said:
        low, high = windows[phrase]
        if not _touches(start, end, low, high):
            problems.append(
                f"says {phrase!r} but {edition.conference} {edition.year} falls on {start:%d %b}–{end:%d %b}"
            )
    return problems


def _month_claims(digest: Digest, monday: date, sunday: date) -> list[str]:
    low = monday - timedelta(days=MONTH_SLACK_DAYS)
    high = sunday + timedelta(days=MONTH_SLACK_DAYS)
    near = {(low + timedelta(days=d)).strftime("%B") for d in range((high - low).days + 1)}
    return [
        f"names {month} in the week of {monday:%d %B}"
        for month in _MONTH.findall(digest.headline)
        if month not in near
    ]


def date_claim_problems(digest: Digest) -> list[str]:
    """What the digest's headline says about dates that the calendar contradicts; [] if none."""
    year, number = parse_week(digest.week)
    monday, sunday = week_dates(year, number)
    problems = _week_claims(digest, monday, sunday) + _month_claims(digest, monday, sunday)
    for claimed in _WEEK_NUMBER.findall(digest.headline):
        if int(claimed) != number:
            problems.append(f"names week {claimed} in week {number}")
    return problems
