"""The metadata file a self-hoster keeps beside the corpus: the cache, exported as JSON.

``flashback corpus resolve --export corpus/metadata.json`` writes it; at every corpus load
the file in the corpus folder is read (no network, whatever FLASHBACK_METADATA says). Shape::

    {
      "format": "conference-flashback/metadata",
      "version": 1,
      "works": {
        "arxiv:1803.03635": {"title": "...", "authors": ["..."], "year": 2019,
                             "venue": "ICLR 2019", "abstract": "...", "url": "...",
                             "arxiv": "1803.03635", "source": "arxiv"},
        "title:wasserstein gan": {...}
      }
    }

Keys are the catalog's lookup keys (``refs.work_ref``). A record that does not fit is named
and skipped; a file that is not JSON is named and nothing of it applies.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.atomic import write_atomically
from bot.catalog.resolve.model import WorkMetadata, first_error

FORMAT = "conference-flashback/metadata"
VERSION = 1
MAX_BYTES = 50_000_000


def read_metadata_file(path: Path) -> tuple[dict[str, WorkMetadata], list[str]]:
    """The records of the file at ``path`` (none when it is absent), and what was wrong."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return {}, [f"over {MAX_BYTES:,} bytes; not read"]
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        return {}, [f"cannot be read: {exc.strerror}"]
    except json.JSONDecodeError as exc:
        return {}, [f"not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); not used"]
    except UnicodeDecodeError:
        return {}, ["not UTF-8 text; not used"]
    works = data.get("works") if isinstance(data, dict) else None
    if not isinstance(works, dict):
        return {}, ['no "works" object mapping keys to records; not used']
    return _records(works)


def _records(works: dict[str, Any]) -> tuple[dict[str, WorkMetadata], list[str]]:
    records: dict[str, WorkMetadata] = {}
    problems: list[str] = []
    for key, value in works.items():
        try:
            records[key] = WorkMetadata.model_validate(value)
        except ValidationError as exc:
            problems.append(f"work {key[:80]!r}: {first_error(exc)}; skipped")
    return records, problems


def write_metadata_file(path: Path, records: Mapping[str, WorkMetadata]) -> None:
    """Write ``records`` to ``path`` in one step (a reader never sees half a file)."""
    data = {
        "format": FORMAT,
        "version": VERSION,
        "works": {key: records[key].as_json() for key in sorted(records)},
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_atomically(path, text.encode("utf-8"))
