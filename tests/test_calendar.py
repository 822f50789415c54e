"""The conference calendar: every edition on record, aliases, and the known anchors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.calendar import Edition, load_calendar

MAIN = ["ICML", "ICLR", "NeurIPS", "CVPR", "ACL", "EMNLP", "AAAI"]


def test_iclr_2019_was_in_new_orleans() -> None:
    edition = load_calendar().get("ICLR", 2019)
    assert edition == Edition(
        "ICLR", 2019, "New Orleans", "USA", date(2019, 5, 6), date(2019, 5, 9)
    )


def test_known_icml_anchors() -> None:
    calendar = load_calendar()
    icml_2019 = calendar.get("ICML", 2019)
    icml_2017 = calendar.get("icml", 2017)
    assert icml_2019 is not None and icml_2017 is not None
    assert (icml_2019.city, icml_2019.start, icml_2019.end) == (
        "Long Beach",
        date(2019, 6, 9),
        date(2019, 6, 15),
    )
    assert (icml_2017.city, icml_2017.start, icml_2017.end) == (
        "Sydney",
        date(2017, 8, 6),
        date(2017, 8, 11),
    )


def test_iclr_2020_was_virtual_planned_for_addis_ababa() -> None:
    edition = load_calendar().get("ICLR", 2020)
    assert edition is not None
    assert edition.virtual and edition.city == "Addis Ababa"
    assert (edition.start, edition.end) == (date(2020, 4, 26), date(2020, 4, 30))
    assert edition.place == "online"


@pytest.mark.parametrize("conference", MAIN)
def test_annual_conferences_cover_2015_to_2025(conference: str) -> None:
    calendar = load_calendar()
    assert all(calendar.get(conference, year) for year in range(2015, 2026))


def test_iccv_odd_years_eccv_even_years() -> None:
    calendar = load_calendar()
    for year in range(2015, 2026):
        assert (calendar.get("ICCV", year) is not None) == (year % 2 == 1)
    for year in range(2016, 2025):
        assert (calendar.get("ECCV", year) is not None) == (year % 2 == 0)


def test_every_edition_is_consistent() -> None:
    for edition in load_calendar().editions:
        assert edition.start <= edition.end, edition
        assert (edition.end - edition.start).days <= 14, edition
        assert edition.start.year == edition.year, edition
        assert edition.city, edition


def test_pandemic_years_are_marked_virtual() -> None:
    calendar = load_calendar()
    for conference, year in [("NeurIPS", 2020), ("ICML", 2021), ("CVPR", 2020), ("ECCV", 2020)]:
        edition = calendar.get(conference, year)
        assert edition is not None and edition.virtual
    in_person = calendar.get("ICML", 2019)
    assert in_person is not None and not in_person.virtual


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("NIPS", "NeurIPS"),
        ("neurips", "NeurIPS"),
        ("Neural Information Processing Systems", "NeurIPS"),
        ("the International Conference on Learning Representations", "ICLR"),
        ("International  Conference on Machine-Learning", "ICML"),
        ("IEEE/CVF Conference on Computer Vision and Pattern Recognition", "CVPR"),
        ("European Conference on Computer Vision", "ECCV"),
        ("Empirical Methods in Natural Language Processing", "EMNLP"),
        ("SIGGRAPH", None),
        ("", None),
    ],
)
def test_canonical_name(text: str, name: str | None) -> None:
    assert load_calendar().canonical_name(text) == name


def test_aliases_are_lower_case_and_include_short_names() -> None:
    aliases = load_calendar().aliases()
    assert aliases["nips"] == "NeurIPS"
    assert aliases["iclr"] == "ICLR"
    assert all(key == key.lower() for key in aliases)
    assert set(aliases.values()) >= {*MAIN, "ICCV", "ECCV", "NAACL", "KDD", "COLING"}


def test_get_by_alias() -> None:
    edition = load_calendar().get("NIPS", 2017)
    assert edition is not None and edition.city == "Long Beach"


def test_loaded_once_per_path() -> None:
    assert load_calendar() is load_calendar()


def test_custom_calendar_file(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    path.write_text(
        "conferences:\n  KDD:\n    aliases: [Knowledge Discovery and Data Mining]\n"
        "    editions:\n      2019: {city: Anchorage, country: USA,"
        " start: 2019-08-04, end: 2019-08-08}\n",
        encoding="utf-8",
    )
    calendar = load_calendar(path)
    assert calendar.canonical_name("knowledge discovery and data mining") == "KDD"
    edition = calendar.get("KDD", 2019)
    assert edition is not None and edition.city == "Anchorage"
