"""What a corpus directory looks like on disk, to notice added, edited or removed reports."""

from __future__ import annotations

from pathlib import Path

from bot.corpus.files import scan_corpus

Fingerprint = tuple[tuple[str, int, int], ...]


def corpus_fingerprint(directory: Path) -> Fingerprint:
    """Each file's id, size and modification time: a stat per file, no reading."""
    if not directory.is_dir():
        return ()
    files, _ = scan_corpus(directory)
    return tuple((f.report_id, f.size, f.mtime_ns) for f in files)
