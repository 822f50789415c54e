"""What a corpus directory looks like on disk, to notice added, edited or removed reports."""

from __future__ import annotations

from pathlib import Path

from bot.corpus.loader import corpus_files

Fingerprint = tuple[tuple[str, int, int], ...]


def corpus_fingerprint(directory: Path) -> Fingerprint:
    """Each file's name, size and modification time: a stat per file, no reading."""
    if not directory.is_dir():
        return ()
    entries = []
    for path in corpus_files(directory):
        try:
            stat = path.stat()
        except OSError:
            continue  # removed between listing and stat: the next look sees the change
        entries.append((path.relative_to(directory).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)
