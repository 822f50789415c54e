"""A report's metadata: conference and year, dates and city, title, authors, publication date."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from dateutil import parser as dateparser

from bot.calendar import Calendar
from bot.documents.metadata import parse_date

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_TEXT = re.compile(
    rf"\b(?:\d{{1,2}}\.?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}})\b",
    re.IGNORECASE,
)
# "April 26-30", "May 6-9, 2019", "6.-9. May", "6-9 May 2019"
_RANGE_MONTH_FIRST = re.compile(
    rf"\b(?P<month>{_MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|until)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?",
    re.IGNORECASE,
)
_RANGE_DAY_FIRST = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\.?\s*(?:-|–|to|until)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<month>{_MONTHS})\b\.?(?:,?\s+(?P<year>\d{{4}}))?",
    re.IGNORECASE,
)
_PLACE = re.compile(
    r"\b(?:took place|was held|is held|held|hosted|happened|attended [A-Z]\w+(?: \d{4})?)"
    r"\s+in\s+(?:the\s+)?(?:wonderful\s+|beautiful\s+|sunny\s+)?"
    r"(?P<city>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})"
)


@cache
def _conference_pattern(aliases: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """One alternation of every alias, longest first, so a body is scanned once."""
    names = sorted((alias for alias, _ in aliases), key=len, reverse=True)
    words = (r"\s+".join(re.escape(word) for word in name.split()) for name in names)
    return re.compile(rf"(?<![A-Za-z])(?:{'|'.join(words)})(?![A-Za-z])", re.IGNORECASE)


def find_conference(
    weighted_texts: list[tuple[str, float]], calendar: Calendar
) -> tuple[str | None, int | None]:
    """The conference and year a report is about, by weighted mentions like 'ICLR 2019'."""
    aliases = calendar.aliases()
    pattern = _conference_pattern(tuple(sorted(aliases.items())))
    with_year: dict[tuple[str, int], float] = {}
    bare: dict[str, float] = {}
    for text, weight in weighted_texts:
        for match in pattern.finditer(text):
            name = aliases[" ".join(match.group(0).lower().split())]
            bare[name] = bare.get(name, 0.0) + weight
            year = _year_near(text, match.start(), match.end())
            if year:
                with_year[(name, year)] = with_year.get((name, year), 0.0) + weight
    if with_year:
        (name, year), _ = max(with_year.items(), key=lambda item: (item[1], bare[item[0][0]]))
        return name, year
    unlisted = _unlisted_conference(weighted_texts)
    if unlisted[0] or not bare:
        return unlisted  # "NAACL 2019" beats a bare "*ACL" the text mentions in passing
    return max(bare.items(), key=lambda item: item[1])[0], None


# A conference the calendar does not list, named like one: "KDD 2019", "UAI'20", "CoRL 2021".
_ACRONYM_YEAR = re.compile(
    r"\b(?P<name>[A-Z][A-Za-z]{1,9})(?:-[A-Z]{2,6})?\s?['’]?(?P<year>(?:19|20)\d{2}|\d{2})\b"
)
_NOT_CONFERENCES = frozenset({"COVID", "Covid", "Posted", "Updated", "May", "June", "July"})


def _unlisted_conference(weighted_texts: list[tuple[str, float]]) -> tuple[str | None, int | None]:
    """The most mentioned acronym-with-a-year in the title and opening lines, if any."""
    counts: dict[tuple[str, int], float] = {}
    for text, weight in weighted_texts[:-1]:  # the whole body is too noisy for this guess
        for match in _ACRONYM_YEAR.finditer(text):
            name = match.group("name")
            capitals = sum(1 for c in name if c.isupper())
            year = _plausible_year(match.group("year"))
            if capitals >= 2 and year and name not in _NOT_CONFERENCES:
                counts[(name, year)] = counts.get((name, year), 0.0) + weight
    if not counts:
        return None, None
    (name, year), _ = max(counts.items(), key=lambda item: item[1])
    return name, year


def _year_near(text: str, start: int, end: int) -> int | None:
    """A year written next to a conference name: 'ICLR 2019', 'ICLR '19', '#iclr2019',
    '2020 edition of the ICLR', 'ICLR's 2019 best paper'."""
    after = re.match(r"(?:['’]s)?\s*['’]?\s*(\d{4}|\d{2})(?!\d)", text[end : end + 12])
    if after:
        return _plausible_year(after.group(1))
    before = re.search(
        r"(\d{4})\s+(?:edition\s+of\s+(?:the\s+)?)?$", text[max(0, start - 30) : start]
    )
    if before:
        return _plausible_year(before.group(1))
    return None


def _plausible_year(digits: str) -> int | None:
    year = int(digits) + (2000 if len(digits) == 2 else 0)
    return year if 1980 <= year <= 2100 else None


def resolve_year(conference: str | None, published: date | None, calendar: Calendar) -> int | None:
    """Without a written year: the last edition that started before the report was published."""
    if not (conference and published):
        return None
    editions = [e for e in calendar.editions if e.conference == conference and e.start <= published]
    if editions and (published - editions[-1].start).days < 366:
        return editions[-1].year
    return published.year


def find_date(text: str) -> date | None:
    """The first written date in a line of text."""
    match = _DATE_TEXT.search(text)
    return parse_date(match.group(0)) if match else None


def dates_from_text(text: str, year: int | None) -> tuple[date | None, date | None]:
    """Conference dates a report gives itself ('April 26-30', 'from the 6.-9. May')."""
    for pattern in (_RANGE_MONTH_FIRST, _RANGE_DAY_FIRST):
        for match in pattern.finditer(text):
            found_year = int(match.group("year")) if match.group("year") else year
            if not found_year:
                continue
            month = dateparser.parse(match.group("month")).month
            try:
                start = date(found_year, month, int(match.group("d1")))
                end = date(found_year, month, int(match.group("d2")))
            except ValueError:
                continue
            if start <= end and (end - start).days <= 14:
                return start, end
    return None, None


def city_from_text(text: str) -> str | None:
    """A host city the report names itself ('took place in New Orleans')."""
    match = _PLACE.search(text)
    return match.group("city") if match else None
