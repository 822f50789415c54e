"""What a corpus directory looks like on disk, to notice added, edited or removed reports."""

from __future__ import annotations

import os
from pathlib import Path

from bot.catalog.side_files import SIDE_FILES
from bot.corpus.files import scan_corpus

Fingerprint = tuple[tuple[str, int, int], ...]


def corpus_fingerprint(directory: Path) -> Fingerprint:
    """Each file's id, size and modification time (the catalog's side files too): a stat per
    file, no reading."""
    if not directory.is_dir():
        return ()
    files, _ = scan_corpus(directory)
    sides = [(name, info) for name in sorted(SIDE_FILES) if (info := _stat(directory / name))]
    return (
        *((f.report_id, f.size, f.mtime_ns) for f in files),
        *((name, info.st_size, info.st_mtime_ns) for name, info in sides),
    )


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None
