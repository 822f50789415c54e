"""The conference calendar: where and when each edition took place, and conference aliases.

The data lives in ``bot/data/conferences.yaml``; ``load_calendar()`` reads it once per path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.paths import data_file

_NOT_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class Edition:
    """One edition of a conference: its host city (planned city when held online) and dates."""

    conference: str
    year: int
    city: str
    country: str
    start: date
    end: date
    virtual: bool = False

    @property
    def place(self) -> str:
        """'New Orleans, USA', or 'online' for a virtual edition."""
        if self.virtual:
            return "online"
        return f"{self.city}, {self.country}" if self.country else self.city


def _normalise(text: str) -> str:
    """Case, punctuation and a leading 'the' do not matter when matching a conference name."""
    words = _NOT_WORD.sub(" ", text.casefold()).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class Calendar:
    """Every known edition, looked up by conference name (or alias) and year."""

    def __init__(self, editions: list[Edition], aliases: dict[str, str]) -> None:
        self.editions = sorted(editions, key=lambda e: (e.start, e.conference))
        self._by_key = {(e.conference, e.year): e for e in self.editions}
        self._aliases = dict(aliases)
        self._lookup = {_normalise(alias): name for alias, name in aliases.items()}

    def canonical_name(self, text: str) -> str | None:
        """The canonical short name for a conference name or alias ('NIPS' -> 'NeurIPS')."""
        return self._lookup.get(_normalise(text))

    def get(self, conference: str, year: int) -> Edition | None:
        """The edition of a conference (any alias) in a year, or None when not on record."""
        name = self.canonical_name(conference)
        return self._by_key.get((name, year)) if name else None

    def aliases(self) -> dict[str, str]:
        """Every alias, lower-case, including the short names themselves -> canonical name."""
        return dict(self._aliases)

    @property
    def conferences(self) -> list[str]:
        """The canonical names, in the order the data file lists them."""
        return list(dict.fromkeys(self._aliases.values()))


def _as_date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{where}: {value!r} is not an ISO date") from exc


def _parse(raw: dict[str, Any]) -> Calendar:
    editions: list[Edition] = []
    aliases: dict[str, str] = {}
    for name, entry in raw["conferences"].items():
        for alias in [name, *entry.get("aliases", [])]:
            aliases[alias.lower()] = name
        for year, info in entry.get("editions", {}).items():
            where = f"{name} {year}"
            editions.append(
                Edition(
                    conference=name,
                    year=int(year),
                    city=str(info["city"]),
                    country=str(info.get("country", "")),
                    start=_as_date(info["start"], where),
                    end=_as_date(info["end"], where),
                    virtual=bool(info.get("virtual", False)),
                )
            )
    return Calendar(editions, aliases)


@cache
def _load(path: Path) -> Calendar:
    with path.open(encoding="utf-8") as handle:
        return _parse(yaml.safe_load(handle))


def load_calendar(path: Path | None = None) -> Calendar:
    """The calendar from a YAML file (default: the shipped one), parsed once per path."""
    return _load((path or data_file("conferences.yaml")).resolve())
