"""Periods (ISO weeks such as "2026-W19") and the local slot of a subscription in one.

A period is the ISO week in the subscription's own timezone, so a channel in Tokyo and one in
Los Angeles each get their Monday digest in their own week.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.digest.weeks import iso_week_for, parse_week, week_of

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# One spelling of ISO weeks for the whole bot: the digest's week helpers.
period_of = iso_week_for
parse_period = parse_week


def shift_period(period: str, weeks: int) -> str:
    """The period ``weeks`` weeks after (or before, when negative) ``period``."""
    monday = date.fromisocalendar(*parse_period(period), 1) + timedelta(weeks=weeks)
    return week_of(monday)


def slot_in(period: str, weekday: str, local_time: str, timezone: str) -> datetime:
    """The aware instant of a weekly slot (weekday + HH:MM in ``timezone``) in ``period``.

    A local time that does not exist (the spring-forward gap) resolves like the wall clock
    does, to the instant one hour later; an ambiguous one takes its first occurrence.
    """
    year, week = parse_period(period)
    day = date.fromisocalendar(year, week, WEEKDAYS.index(weekday) + 1)
    hour, minute = (int(part) for part in local_time.split(":"))
    local = datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(timezone))
    # Round-trip through UTC normalises a non-existent wall time (fold=0 rule of PEP 495).
    return local.astimezone(ZoneInfo("UTC"))


def next_slot(after: datetime, weekday: str, local_time: str, timezone: str) -> datetime:
    """The first slot strictly after the aware instant ``after``."""
    period = period_of(after, timezone)
    for _ in range(3):
        candidate = slot_in(period, weekday, local_time, timezone)
        if candidate > after:
            return candidate
        period = shift_period(period, 1)
    raise AssertionError("unreachable: a weekly slot exists within two weeks")


def last_slot(now: datetime, weekday: str, local_time: str, timezone: str) -> tuple[str, datetime]:
    """The latest slot at or before ``now``, with the period it belongs to.

    A job that fires a little late, or a catch-up after downtime, delivers this period even
    when the clock has already crossed into the next week.
    """
    period = period_of(now, timezone)
    slot = slot_in(period, weekday, local_time, timezone)
    if slot > now:
        period = shift_period(period, -1)
        slot = slot_in(period, weekday, local_time, timezone)
    return period, slot
