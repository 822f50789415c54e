"""Reports read once: cached by content fingerprint in the data directory.

An entry is keyed by the file's bytes (SHA-256), its report id, the reading limits and the
ingestion version,
a hash of the reading code (bot/documents, bot/corpus), the calendar and the versions of the
parsers, so any change to how reports are read invalidates every entry. Entries are JSON,
never pickle: a corrupt or tampered entry is rebuilt, never trusted. Skipped files are cached
too (with their reason), so a hostile file costs its budget once, not at every start.
"""

from __future__ import annotations

import hashlib
import logging
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import orjson

from bot.atomic import write_atomically
from bot.catalog.found import Candidate
from bot.corpus.serial import read_from_dict, read_to_dict
from bot.models import Report

Read = tuple[Report, list[Candidate]]

log = logging.getLogger(__name__)

_PARSERS = ("markdown-it-py", "mdit-py-plugins", "trafilatura", "pypandoc-binary", "ftfy", "lxml")


@cache
def ingest_version() -> str:
    """A hash of everything that decides what a file reads as."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for folder in ("documents", "corpus", "catalog", "catalog/finders"):
        for path in sorted((package / folder).glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    digest.update((package / "models.py").read_bytes())  # the shapes entries are read into
    calendar = package / "data" / "conferences.yaml"
    if calendar.exists():
        digest.update(calendar.read_bytes())
    for name in _PARSERS:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()[:16]


class ReportCache:
    """One JSON file per (content, report id, version) under ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0

    def key(self, content_hash: str, context: str) -> str:
        """The entry for these bytes read in this context (report id and limits)."""
        raw = f"{ingest_version()}|{context}|{content_hash}".encode()
        return hashlib.sha256(raw).hexdigest()

    def get(self, key: str) -> Read | str | None:
        """The cached report and namings, the cached reason a file was skipped, or None."""
        path = self.directory / f"{key}.json"
        try:
            data = orjson.loads(path.read_bytes())
            if data.get("version") != ingest_version():
                raise ValueError("another version")
            result: Read | str = (
                str(data["skipped"]) if "skipped" in data else read_from_dict(data["read"])
            )
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("corpus cache: rebuilding a bad entry %s (%s)", path.name, exc)
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: Read | str) -> None:
        """Store a read or a skip reason; a cache that cannot be written is only logged."""
        entry: dict[str, Any] = {"version": ingest_version()}
        if isinstance(result, str):
            entry["skipped"] = result
        else:
            entry["read"] = read_to_dict(*result)
        try:
            write_atomically(self.directory / f"{key}.json", orjson.dumps(entry))
        except OSError as exc:
            log.warning("corpus cache: cannot write %s (%s)", self.directory, exc)
