"""What the corpus folder adds to the catalog the reports make: its curation (catalog.yaml)
and resolved metadata (metadata.json, and the database cache the running bot passes in).

``refine_catalog`` applies curation first, then metadata (a title the community chose is
kept), and says what changed and what could not be applied.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.catalog.curation import Curation, apply_curation, load_curation
from bot.catalog.resolve import WorkMetadata, apply_metadata, read_metadata_file
from bot.catalog.side_files import CURATION_FILE, METADATA_FILE
from bot.models import CatalogChange, Paper, Problem, Report


@dataclass(slots=True)
class CatalogExtras:
    """The curation and metadata records to apply, and what was wrong reading them."""

    curation: Curation = field(default_factory=Curation)
    metadata: dict[str, WorkMetadata] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_extras(
    directory: Path, metadata: Mapping[str, WorkMetadata] | None = None
) -> CatalogExtras:
    """The side files of ``directory`` (no network); ``metadata`` adds cached records, which
    the file's records override (the file is what the self-hoster keeps and may correct)."""
    records, notes = read_metadata_file(directory / METADATA_FILE)
    return CatalogExtras(
        curation=load_curation(directory / CURATION_FILE),
        metadata={**(metadata or {}), **records},
        problems=[Problem(METADATA_FILE, note, fatal=False) for note in notes],
    )


def refine_catalog(
    papers: Sequence[Paper], reports: Sequence[Report], extras: CatalogExtras
) -> tuple[list[Paper], list[CatalogChange], list[Problem]]:
    """The curated, resolved catalog; what changed; and the problems to report.

    Snippets naming a merged entry are pointed at the entry it went into, and snippets stop
    naming hidden entries (the one change outside the returned entries).
    """
    curated = apply_curation(papers, extras.curation)
    _repoint(reports, curated.moved)
    resolved, changes = apply_metadata(curated.papers, extras.metadata, curated.renamed)
    problems = [
        *extras.problems,
        *(Problem(CURATION_FILE, str(p), fatal=False) for p in curated.problems),
    ]
    return resolved, [*curated.changes, *changes], problems


def _repoint(reports: Sequence[Report], moved: Mapping[str, str | None]) -> None:
    """Snippets name the entry a merged one went into, and no hidden entry."""
    if not moved:
        return
    for report in reports:
        for snippet in report.snippets:
            ids = [moved.get(i, i) for i in snippet.papers]
            snippet.papers = list(dict.fromkeys(i for i in ids if i is not None))
