"""Read a corpus directory into a Corpus: every good file ingested, every bad one named."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.calendar import Calendar, load_calendar
from bot.catalog import build_catalog
from bot.corpus.report import report_from_document
from bot.corpus.scoring import highlight_score
from bot.documents import Budget, UnreadableReport, read_document
from bot.models import Corpus, Problem, Report

log = logging.getLogger(__name__)

_DOC_NAMES = {"readme", "readme.md", "readme.txt", "license", "license.txt", "license.md"}


def corpus_files(directory: Path) -> list[Path]:
    """Every file under the directory (any extension), hidden files and folders excluded."""
    files = []
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        files.append(path)
    return files


def read_report(path: Path, report_id: str, max_bytes: int, calendar: Calendar) -> Report:
    """One file -> one Report; UnreadableReport says why a file is not one."""
    size = path.stat().st_size
    if size > max_bytes:
        raise UnreadableReport(
            f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes "
            "(FLASHBACK_MAX_REPORT_BYTES)"
        )
    document = read_document(path.read_bytes(), Budget())
    return report_from_document(document, report_id, str(path), calendar)


def load_corpus(
    directory: Path, max_bytes: int = 5_000_000, calendar: Calendar | None = None
) -> Corpus:
    """Ingest every file of ``directory``; bad files become Problems, never exceptions."""
    directory = Path(directory)
    calendar = calendar or load_calendar()
    if not directory.is_dir():
        problem = Problem(str(directory), "corpus directory does not exist (FLASHBACK_CORPUS_DIR)")
        return Corpus(reports=[], papers=[], problems=[problem])
    reports: list[Report] = []
    problems: list[Problem] = []
    for path in corpus_files(directory):
        report_id = path.relative_to(directory).as_posix()
        if path.name.lower() in _DOC_NAMES:
            problems.append(Problem(report_id, "skipped: documentation, not a report", fatal=False))
            continue
        try:
            reports.append(read_report(path, report_id, max_bytes, calendar))
        except UnreadableReport as exc:
            problems.append(Problem(report_id, str(exc)))
        except Exception as exc:
            log.exception("could not ingest %s", report_id)
            problems.append(
                Problem(report_id, f"could not be parsed ({type(exc).__name__}: {exc})")
            )
    # Neither a conference's name nor a report's own title is a work the report discusses.
    not_titles = [*calendar.aliases(), *(report.title for report in reports)]
    papers = build_catalog(reports, not_titles=not_titles)
    for report in reports:
        for snippet in report.snippets:
            snippet.score = highlight_score(snippet)
    return Corpus(reports=reports, papers=papers, problems=problems)
