"""Metadata read off report text: conference and year, date ranges, publication dates."""

from __future__ import annotations

from datetime import date

import pytest

from bot.calendar import load_calendar
from bot.corpus.metadata import dates_from_text, find_conference, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ICLR 2019 highlights", ("ICLR", 2019)),
        ("ICLR 19 highlights (and all that Jazz)", ("ICLR", 2019)),
        ("My NeurIPS'18 notes", ("NeurIPS", 2018)),
        ("NIPS 2017 was in Long Beach", ("NeurIPS", 2017)),
        ("Notes from #cvpr2022", ("CVPR", 2022)),
        ("the 2020 edition of the ICLR", ("ICLR", 2020)),
        ("International Conference on Machine Learning 2016 recap", ("ICML", 2016)),
        ("KDD 2019 in Anchorage", ("KDD", 2019)),
        ("A post about gardening", (None, None)),
    ],
)
def test_conference_and_year(text: str, expected: tuple[str | None, int | None]) -> None:
    assert find_conference([(text, 5.0), ("", 1.0)], load_calendar()) == expected


def test_the_title_outweighs_passing_mentions() -> None:
    body = "Next year ICLR 2020 will be in Addis Ababa. " * 3
    found = find_conference([("ICLR 2019 impressions", 6.0), (body, 1.0)], load_calendar())
    assert found == ("ICLR", 2019)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("On April 26-30, we attended", date(2019, 4, 26), date(2019, 4, 30)),
        ("took place in New Orleans from the 6.-9. May", date(2019, 5, 6), date(2019, 5, 9)),
        ("held Dec 8th-14th, 2019", date(2019, 12, 8), date(2019, 12, 14)),
        ("from the 2nd to 8th of December", date(2019, 12, 2), date(2019, 12, 8)),
        ("August 4-8, 2019 in Anchorage", date(2019, 8, 4), date(2019, 8, 8)),
    ],
)
def test_date_ranges(text: str, start: date, end: date) -> None:
    assert dates_from_text(text, 2019) == (start, end)


def test_no_date_range_without_a_year() -> None:
    assert dates_from_text("April 26-30", None) == (None, None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019/06/20", date(2019, 6, 20)),
        ("16 May 2019", date(2019, 5, 16)),
        ("2020-07-15 12:00:00 +0200", date(2020, 7, 15)),
        ("not a date", None),
        (None, None),
    ],
)
def test_publication_dates(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected
