"""The built catalog, kept beside the report cache: a restart over unchanged reports loads it
instead of merging, naming and attributing every work again.

One file (``catalog.json``) holds the catalog of the last corpus read, under a key made of
every report's cache key (their bytes, ids, reading limits and the ingestion version): any
change to a report, or to the code that reads them, misses it, and the next build replaces
it. What it holds is what ``build_catalog`` makes: the entries, and which entries each
passage names. Curation and resolved metadata are applied after, as on every build.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import fields
from pathlib import Path
from typing import Any

import orjson

from bot.atomic import write_atomically
from bot.models import Mention, Paper, Report

log = logging.getLogger(__name__)

_FILE = "catalog.json"
_PAPER_FIELDS = tuple(f.name for f in fields(Paper) if f.name != "mentions")
_MENTION_FIELDS = tuple(f.name for f in fields(Mention))


def catalog_key(report_keys: list[str]) -> str:
    """The key of a catalog built over reports with these cache keys, in this order."""
    return hashlib.sha256("\n".join(report_keys).encode()).hexdigest()


def load_catalog(directory: Path, key: str, reports: list[Report]) -> list[Paper] | None:
    """The saved catalog when it was built for ``key``, with each passage's entries put
    back on ``reports``' snippets; None (nothing changed) when there is none for it."""
    try:
        data = orjson.loads((directory / _FILE).read_bytes())
        if data.get("key") != key:
            return None
        papers = [_paper(entry) for entry in data["papers"]]
        named: dict[str, list[str]] = data["named"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("catalog cache: rebuilding a bad %s (%s)", _FILE, exc)
        return None
    for report in reports:
        for snippet in report.snippets:
            snippet.papers = list(named.get(snippet.id, ()))
    return papers


def save_catalog(directory: Path, key: str, papers: list[Paper], reports: list[Report]) -> None:
    """Keep the catalog for the next start; a cache that cannot be written is only logged."""
    named = {s.id: s.papers for r in reports for s in r.snippets if s.papers}
    entry = {"key": key, "papers": [_paper_dict(p) for p in papers], "named": named}
    try:
        write_atomically(directory / _FILE, orjson.dumps(entry))
    except OSError as exc:
        log.warning("catalog cache: cannot write %s (%s)", directory, exc)


def _paper_dict(paper: Paper) -> dict[str, Any]:
    entry = {name: getattr(paper, name) for name in _PAPER_FIELDS}
    entry["mentions"] = [{n: getattr(m, n) for n in _MENTION_FIELDS} for m in paper.mentions]
    return entry


def _paper(entry: dict[str, Any]) -> Paper:
    mentions = [Mention(**{**m, "section": tuple(m["section"])}) for m in entry.pop("mentions")]
    return Paper(**entry, mentions=mentions)
