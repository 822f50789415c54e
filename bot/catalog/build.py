"""Reports -> the catalog: namings found per report, merged into works, quoted per report.

``find_in_report`` (per report, cached with it) finds every naming; ``build_catalog`` merges
the namings of all reports into one entry per work, names each entry, records on every
snippet the works it discusses, and gives each work one mention per report with its quote.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from bot.catalog.attribution import TitleMatcher, attribute
from bot.catalog.find import find_in_report
from bot.catalog.found import Candidate
from bot.catalog.keys import normalise_title
from bot.catalog.merge import merge
from bot.catalog.naming import make_paper
from bot.catalog.nicknames import presented_as_method
from bot.catalog.quotes import mentions
from bot.models import Paper, Report, Snippet

__all__ = ["build_catalog", "normalise_title"]


def build_catalog(
    reports: list[Report],
    not_titles: Iterable[str] = (),
    found: dict[str, list[Candidate]] | None = None,
    cities: Iterable[str] = (),
) -> list[Paper]:
    """The catalog of works the reports discuss, with one mention per report.

    ``not_titles`` are names that are never works (the conferences, the reports' own
    titles); ``found`` holds each report's namings when they were found already (the cache).
    """
    not_titles = list(not_titles)
    candidates: list[Candidate] = []
    for report in reports:
        known = (found or {}).get(report.id)
        candidates.extend(
            known if known is not None else find_in_report(report, not_titles, cities)
        )
    groups = [group for group in merge(candidates) if _is_work(group) and _nameable(group)]
    papers = _unique_ids([make_paper(group) for group in groups])
    hits = attribute(groups, papers, reports, TitleMatcher(papers))
    by_id = {r.id: r for r in reports}
    naming: dict[str, list[Snippet]] = defaultdict(list)
    for report in reports:
        for snippet in report.snippets:
            for paper_id in snippet.papers:
                naming[paper_id].append(snippet)
    for group, paper in zip(groups, papers, strict=True):
        paper.mentions = mentions(paper, group, by_id, naming[paper.id], hits)
    kept = [p for p in papers if p.mentions]
    kept.sort(key=lambda p: (-len(p.mentions), p.title.casefold()))
    return kept


def _is_work(group: list[Candidate]) -> bool:
    """A name with its abbreviation is a work only when the text presents it as one ('the
    Single-Shot Network Pruning (SNIP) algorithm', 'Their model is ... (VLAE)'); 'Batch
    Normalization (BN) layers' names an idea."""
    if any(c.source != "abbrev" for c in group) or any(c.arxiv for c in group):
        return True
    return any(presented_as_method(c) for c in group)


def _nameable(group: list[Candidate]) -> bool:
    """A work needs a title, an id, the people and page that name it, or a link to a paper's
    own page ("[GANs are still hard to evaluate](https://openreview.net/forum?id=...)")."""
    return any(c.title or c.arxiv or (c.url and (c.authors or c.source == "link")) for c in group)


def _unique_ids(papers: list[Paper]) -> list[Paper]:
    seen: dict[str, int] = defaultdict(int)
    for paper in papers:
        seen[paper.id] += 1
        if seen[paper.id] > 1:
            paper.id = f"{paper.id}-{seen[paper.id]}"
    return papers
