"""Which files of a corpus folder are reports, and every other entry named with the reason.

Hidden files and folders are left alone, and so are the catalog's side files at the top
(catalog.yaml, metadata.json: see bot/catalog/side_files.py). A symbolic link is followed only when it stays
inside the corpus folder; FIFOs, devices and sockets are never opened (reading a FIFO would
block for ever); a folder named like a report ("notes.md/") is named, not walked. A file name
that is not valid UTF-8 gets an id that is (its bad bytes replaced, a short hash added), so
the report can be stored, posted and logged.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from bot.catalog.side_files import SIDE_FILES
from bot.models import Problem

DOC_NAMES = frozenset({"readme", "readme.md", "readme.txt", "license", "license.txt", "license.md"})
# Configuration and data beside the reports (catalog.yaml curation, truth files): not prose.
DATA_SUFFIXES = frozenset({".yaml", ".yml"})
# Suffixes of report files: a folder carrying one is a mistake worth naming.
REPORT_SUFFIXES = frozenset(
    ".md .markdown .mdx .txt .text .html .htm .org .rst .tex .adoc .asciidoc .ipynb .docx .odt "
    ".wiki .mediawiki .textile .eml .mbox".split()
)
_MAX_DEPTH = 20
_MAX_ENTRIES = 100_000


@dataclass(frozen=True, slots=True)
class CorpusFile:
    """A regular file to read: where it is, the id it is known by, its size and mtime."""

    path: Path
    report_id: str
    size: int
    mtime_ns: int


def scan_corpus(directory: Path) -> tuple[list[CorpusFile], list[Problem]]:
    """Every report file under ``directory`` (sorted by id) and the entries skipped."""
    root = directory.resolve()
    files: list[CorpusFile] = []
    problems: list[Problem] = []
    seen = 0
    stack: list[tuple[Path, int]] = [(directory, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(
                Problem(_relative(folder, directory), f"cannot be listed: {exc.strerror}")
            )
            continue
        for entry in entries:
            seen += 1
            if seen > _MAX_ENTRIES:
                problems.append(Problem(str(directory), f"more than {_MAX_ENTRIES:,} entries"))
                return sorted(files, key=lambda f: f.report_id), problems
            if entry.name.startswith("."):
                continue
            _classify(Path(entry.path), directory, root, depth, files, problems, stack)
    return sorted(files, key=lambda f: f.report_id), problems


def _classify(
    path: Path,
    directory: Path,
    root: Path,
    depth: int,
    files: list[CorpusFile],
    problems: list[Problem],
    stack: list[tuple[Path, int]],
) -> None:
    report_id, renamed = safe_id(_relative(path, directory))
    info = _stat_inside(path, root)
    if isinstance(info, str):
        problems.append(Problem(report_id, info))
        return
    if stat.S_ISDIR(info.st_mode):
        if path.suffix.lower() in REPORT_SUFFIXES:
            problems.append(Problem(report_id, "a folder named like a report, not a file"))
        elif depth < _MAX_DEPTH:
            stack.append((path, depth + 1))
        return
    if not stat.S_ISREG(info.st_mode):
        problems.append(Problem(report_id, f"not a regular file ({_file_type(info.st_mode)})"))
        return
    if depth == 0 and path.name in SIDE_FILES:
        return  # the catalog's curation and metadata, read by bot/catalog/extras.py
    if path.name.lower() in DOC_NAMES:
        problems.append(Problem(report_id, "skipped: documentation, not a report", fatal=False))
        return
    if path.suffix.lower() in DATA_SUFFIXES:
        problems.append(Problem(report_id, "skipped: YAML data, not a report", fatal=False))
        return
    if renamed:
        problems.append(
            Problem(report_id, "the file name is not valid UTF-8; known by this name", fatal=False)
        )
    files.append(CorpusFile(path, report_id, info.st_size, info.st_mtime_ns))


def _stat_inside(path: Path, root: Path) -> os.stat_result | str:
    """The entry's stat (through a symlink that stays inside ``root``), or why not."""
    try:
        info = path.lstat()
        if not stat.S_ISLNK(info.st_mode):
            return info
        if not path.resolve().is_relative_to(root):
            return "a symbolic link that leads outside the corpus folder"
        return path.stat()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        return f"cannot be read: {getattr(exc, 'strerror', exc)}"


def safe_id(name: str) -> tuple[str, bool]:
    """A UTF-8 id for a file name; True when the name had to change."""
    try:
        name.encode("utf-8")
        return name, False
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        readable = raw.decode("utf-8", errors="replace")
        digest = hashlib.sha256(raw).hexdigest()[:8]
        return f"{readable}~{digest}", True


def _relative(path: Path, directory: Path) -> str:
    return path.relative_to(directory).as_posix() if path != directory else str(directory)


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"
