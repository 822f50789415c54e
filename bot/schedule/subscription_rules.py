"""Parsing what people type for a subscription: weekday, time, timezone, topics, size.

Each parser returns the canonical value or raises ValidationProblem whose message says what
is wrong and shows an example, because it is sent back to the chat as it is.
"""

from __future__ import annotations

import difflib
import re
import zoneinfo
from collections.abc import Sequence
from functools import cache

from bot.schedule.periods import WEEKDAYS

MAX_TOPICS = 10
MAX_TOPIC_LENGTH = 40
SIZE_RANGE = (1, 10)

_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(r"^(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>am|pm|a\.m\.|p\.m\.)?$")


class ValidationProblem(ValueError):
    """A bad subscription argument; ``str(problem)`` is the user-facing message."""


def parse_weekday(text: str) -> str:
    """'Mon', 'monday', 'TUE' -> 'mon'/'tue'/...; the stored form is the 3-letter name."""
    word = text.strip().lower().rstrip(".")
    for short, full in zip(WEEKDAYS, _FULL_DAYS, strict=True):
        if word in {short, full} or (len(word) >= 3 and full.startswith(word)):
            return short
    close = suggest_weekday(text)
    guess = f" Did you mean {close}?" if close else ""
    raise ValidationProblem(
        f"'{text}' is not a weekday.{guess} Use mon, tue, wed, thu, fri, sat or sun (e.g. 'mon')."
    )


def suggest_weekday(text: str) -> str | None:
    """The short name of the weekday ``text`` is a near miss of ('wendsday' -> 'wed'), or None."""
    word = text.strip().lower().rstrip(".")
    close = difflib.get_close_matches(word, _FULL_DAYS, n=1, cutoff=0.7)
    return WEEKDAYS[_FULL_DAYS.index(close[0])] if close else None


def parse_time(text: str) -> str:
    """'9:00', '09:00', '21:30', '9am', '9:30pm' -> 'HH:MM' (24 h)."""
    match = _TIME.match(text.strip().lower())
    problem = ValidationProblem(
        f"'{text}' is not a time of day. Use 24-hour HH:MM such as 09:00 or 17:30 (or 9am)."
    )
    if not match:
        raise problem
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    half = (match["half"] or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            raise problem
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise problem
    return f"{hour:02d}:{minute:02d}"


@cache
def _zones_by_lower_name() -> dict[str, str]:
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def known_timezone(text: str) -> str | None:
    """The IANA name ``text`` spells, whatever its case ('cet' -> 'CET'), or None."""
    return _zones_by_lower_name().get(text.strip().lower())


def suggest_timezone(text: str) -> str | None:
    """The IANA name ``text`` is a city of or a near miss of ('Berlin' -> 'Europe/Berlin')."""
    wanted = text.strip().lower().replace(" ", "_")
    names = sorted(_zones_by_lower_name().values())
    by_city = [z for z in names if z.lower().rsplit("/", 1)[-1] == wanted]
    close = by_city or difflib.get_close_matches(text.strip(), names, n=1, cutoff=0.8)
    return close[0] if close else None


def parse_timezone(text: str) -> str:
    """An IANA timezone name, matched case-insensitively: 'europe/berlin' -> 'Europe/Berlin'."""
    name = known_timezone(text)
    if name:
        return name
    close = suggest_timezone(text)
    guess = f" Did you mean {close}?" if close else ""
    raise ValidationProblem(
        f"'{text}' is not an IANA timezone.{guess} "
        "Use a name like Europe/Berlin, America/New_York or UTC."
    )


def parse_topics(topics: Sequence[str] | str) -> tuple[str, ...]:
    """'pruning, GANs' or ['pruning', 'GANs'] -> ('pruning', 'gans'): trimmed, lower, unique."""
    items = topics.split(",") if isinstance(topics, str) else list(topics)
    cleaned: list[str] = []
    for item in items:
        topic = " ".join(item.split()).lower()
        if not topic or topic in cleaned:
            continue
        if len(topic) > MAX_TOPIC_LENGTH:
            raise ValidationProblem(
                f"The topic '{topic[:20]}...' is too long; keep each under "
                f"{MAX_TOPIC_LENGTH} characters (e.g. 'pruning,gans')."
            )
        cleaned.append(topic)
    if len(cleaned) > MAX_TOPICS:
        raise ValidationProblem(
            f"{len(cleaned)} topics is too many; give at most {MAX_TOPICS} (e.g. 'pruning,gans')."
        )
    return tuple(cleaned)


def parse_size(size: int | str) -> int:
    """The number of highlights, 1..10."""
    low, high = SIZE_RANGE
    try:
        value = int(size)
    except (TypeError, ValueError):
        value = -1
    if not low <= value <= high:
        raise ValidationProblem(
            f"'{size}' is not a digest size. Give a number of highlights from {low} to {high} "
            "(e.g. 4)."
        )
    return value
