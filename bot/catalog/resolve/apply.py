"""Resolved metadata onto catalog entries: a pure function of the entries and the records."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from bot.catalog.names import distinct_aliases
from bot.catalog.resolve.model import WorkMetadata
from bot.catalog.resolve.refs import work_ref
from bot.models import CatalogChange, Paper

# arXiv is where a preprint is, not where the work was published: a venue a report gives
# ("ICLR 2019") is worth more.
_PREPRINT_VENUES = frozenset({"arxiv"})


def apply_metadata(
    papers: Sequence[Paper],
    records: Mapping[str, WorkMetadata],
    keep_titles: Collection[str] = (),
) -> tuple[list[Paper], list[CatalogChange]]:
    """The entries with what their records know filled in, and one change per entry enriched.

    A record (found under the entry's ``work_ref`` key) gives the canonical title (the
    report's own naming stays as an alias, unless ``keep_titles`` holds the entry's id: the
    community chose that title), the authors, the venue and its year, the abstract, and the
    arXiv id and link when the entry has none. The entries passed in are not changed.
    """
    enriched: list[Paper] = []
    changes: list[CatalogChange] = []
    for paper in papers:
        ref = work_ref(paper)
        record = records.get(ref.key) if ref else None
        if ref is None or record is None:
            enriched.append(paper)
            continue
        updated, filled = _enrich(paper, record, paper.id in keep_titles)
        enriched.append(updated)
        what = ", ".join(filled) or "nothing new"
        changes.append(
            CatalogChange(paper.id, "resolved", f"{what} from {record.source} ({ref.key})")
        )
    return enriched, changes


def _enrich(paper: Paper, record: WorkMetadata, keep_title: bool) -> tuple[Paper, list[str]]:
    """``paper`` with ``record`` applied, and the names of the fields that changed."""
    filled: list[str] = []
    title, aliases = paper.title, list(paper.aliases)
    if not keep_title and record.title != paper.title:
        title = record.title
        if not paper.untitled:  # a made-up name ("arXiv 1810.09536") is nobody's naming
            aliases.insert(0, paper.title)
        filled.append("title")
    aliases = distinct_aliases(aliases, title)
    authors = list(record.authors) or paper.authors
    venue, venue_year = paper.venue, paper.venue_year
    if record.venue and not (paper.venue and record.venue.casefold() in _PREPRINT_VENUES):
        venue, venue_year = record.venue, record.year or paper.venue_year
    for name, before, after in (
        ("authors", paper.authors, authors),
        ("venue", (paper.venue, paper.venue_year), (venue, venue_year)),
        ("abstract", paper.abstract, record.abstract or paper.abstract),
        ("arXiv id", paper.arxiv, paper.arxiv or record.arxiv),
    ):
        if after != before:
            filled.append(name)
    updated = replace(
        paper,
        title=title,
        aliases=aliases,
        authors=authors,
        venue=venue,
        venue_year=venue_year,
        abstract=record.abstract or paper.abstract,
        arxiv=paper.arxiv or record.arxiv,
        url=paper.url or record.url,
        untitled=paper.untitled if keep_title else False,
    )
    return updated, filled
