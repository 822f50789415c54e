"""Read a corpus directory into a Corpus: every good file ingested, every bad one named.

Each file is read in the ingestion worker (bot/corpus/worker.py) within its budget, unless
the cache already holds what its bytes read as; the catalog and the highlight scores are
then built over all reports in this process.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from bot.calendar import Calendar, load_calendar
from bot.catalog import build_catalog, normalise_title
from bot.catalog.find import find_in_report
from bot.catalog.found import Candidate
from bot.catalog.saved import catalog_key, load_catalog, save_catalog
from bot.corpus.cache import ReportCache
from bot.corpus.files import CorpusFile, safe_id, scan_corpus
from bot.corpus.report import report_from_document
from bot.corpus.scoring import highlight_score, text_score
from bot.corpus.worker import IngestWorker, Read, ReadLimits, shared_worker
from bot.documents import Budget, UnreadableReport, read_document
from bot.models import Corpus, Problem, Report

if TYPE_CHECKING:
    from bot.catalog.extras import CatalogExtras
    from bot.catalog.resolve import WorkMetadata

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


def read_report(
    path: Path,
    report_id: str,
    max_bytes: int,
    calendar: Calendar,
    seconds: float = 10.0,
    memory_mb: int = 1024,
) -> Report:
    """One file -> one Report, in this process; UnreadableReport says why it is not one."""
    size = path.stat().st_size
    if size > max_bytes:
        raise UnreadableReport(
            f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes "
            "(FLASHBACK_MAX_REPORT_BYTES)"
        )
    document = read_document(path.read_bytes(), Budget(seconds, memory_mb), path.suffix)
    return report_from_document(document, report_id, safe_id(str(path))[0], calendar)


def analyse_report(report: Report, calendar: Calendar) -> list[Candidate]:
    """What one report says on its own: each snippet's text score and the namings of works
    in it (done once per file, in the worker, and cached with the report)."""
    for snippet in report.snippets:
        snippet.text_score = text_score(snippet)
    cities = {edition.city for edition in calendar.editions}
    return find_in_report(report, [*calendar.aliases(), report.title], cities)


def load_corpus(
    directory: Path,
    max_bytes: int = 5_000_000,
    calendar: Calendar | None = None,
    *,
    limits: ReadLimits | None = None,
    cache_dir: Path | None = None,
    worker: IngestWorker | None = None,
    progress: Progress | None = None,
    metadata: Mapping[str, WorkMetadata] | None = None,
) -> Corpus:
    """Ingest every file of ``directory``; bad files become Problems, never exceptions.

    ``limits`` bound each file (time and memory, in the worker); ``cache_dir`` keeps what each
    file read as, so an unchanged file is not read again; ``progress`` hears (done, total,
    file) after each file. The folder's catalog.yaml and metadata.json, and ``metadata``
    records (the database cache), refine the catalog.
    """
    directory = Path(directory)
    calendar = calendar or load_calendar()
    limits = limits or ReadLimits(max_bytes=max_bytes)
    if not directory.is_dir():
        problem = Problem(str(directory), "corpus directory does not exist (FLASHBACK_CORPUS_DIR)")
        return Corpus(reports=[], papers=[], problems=[problem])
    files, problems = scan_corpus(directory)
    cache = ReportCache(cache_dir) if cache_dir else None
    reports: list[Report] = []
    namings: dict[str, list[Candidate]] = {}
    keys: list[str] = []
    started = time.monotonic()
    for done, file in enumerate(files, 1):
        result, key = _read(file, limits, cache, worker)
        keys.append(key or "")
        if isinstance(result, str):
            problems.append(Problem(file.report_id, result))
        else:
            reports.append(result[0])
            namings[result[0].id] = result[1]
        if progress:
            progress(done, len(files), file.report_id)
    if cache is not None:
        log.debug(
            "corpus: %d files read, %d from the cache, in %.1f s",
            cache.misses,
            cache.hits,
            time.monotonic() - started,
        )
    from bot.catalog.extras import read_extras  # not in the ingestion worker

    saved = (cache_dir, catalog_key(keys)) if cache_dir and all(keys) else None
    extras = read_extras(directory, metadata)
    return build_corpus(reports, problems, calendar, namings, extras, saved=saved)


def build_corpus(
    reports: list[Report],
    problems: list[Problem],
    calendar: Calendar,
    namings: dict[str, list[Candidate]] | None = None,
    extras: CatalogExtras | None = None,
    *,
    saved: tuple[Path, str] | None = None,
) -> Corpus:
    """The catalog over all reports (refined by ``extras``), and each snippet's highlight
    score; ``saved`` is where a catalog built before for the same reports is kept, and its
    key (bot/catalog/saved.py)."""
    from bot.catalog.extras import CatalogExtras, refine_catalog  # not in the ingestion worker

    namings = dict(namings or {})
    for report in reports:
        if report.id not in namings:
            namings[report.id] = analyse_report(report, calendar)
    papers = load_catalog(*saved, reports) if saved else None
    if papers is None:
        papers = build_catalog(reports, found=_without_report_titles(reports, namings))
        if saved:
            save_catalog(*saved, papers, reports)
    papers, changes, notes = refine_catalog(papers, reports, extras or CatalogExtras())
    for report in reports:
        for snippet in report.snippets:
            snippet.score = highlight_score(snippet, snippet.text_score)
    return Corpus(reports=reports, papers=papers, problems=[*problems, *notes], changes=changes)


def _without_report_titles(
    reports: list[Report], namings: dict[str, list[Candidate]]
) -> dict[str, list[Candidate]]:
    """The namings, but of the reports' own titles: a report's title is no work, in any."""
    titles = {normalise_title(report.title) for report in reports}
    return {
        report_id: [c for c in found if normalise_title(c.title or "") not in titles]
        for report_id, found in namings.items()
    }


def _read(
    file: CorpusFile, limits: ReadLimits, cache: ReportCache | None, worker: IngestWorker | None
) -> tuple[Read | str, str | None]:
    """A file's Report or skip reason (from the cache, else from the worker), and its cache
    key (None without a cache, or when the outcome may change on the next read)."""
    if file.size > limits.max_bytes:
        return (
            f"file is {file.size:,} bytes, over the limit of {limits.max_bytes:,} bytes "
            "(FLASHBACK_MAX_REPORT_BYTES)"
        ), f"over:{file.report_id}:{file.size}"
    key = None
    if cache is not None:
        try:
            digest = hashlib.sha256(file.path.read_bytes()).hexdigest()
        except OSError as exc:
            return f"cannot be read: {exc.strerror}", None
        key = cache.key(digest, f"{file.report_id}|{limits}")
        cached = cache.get(key)
        if cached is not None:
            return cached, key
    result = (worker or shared_worker()).read(file.path, file.report_id, limits)
    if cache is not None and key is not None and not result_is_transient(result):
        cache.put(key, result)
        return result, key
    return result, None


def result_is_transient(result: Read | str) -> bool:
    """A crash of the worker may not happen again; every other outcome will."""
    return isinstance(result, str) and result.startswith("the reader stopped")
