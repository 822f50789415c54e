"""One naming of a work in one snippet, before the catalog merges namings into entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.models import Snippet


@dataclass(slots=True)
class Candidate:
    """One naming of a work in one snippet, before merging into the catalog."""

    title: str | None
    snippet: Snippet
    source: str
    aliases: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    arxiv: str | None = None
    url: str | None = None
    kind: str = "paper"
    descriptive: bool = False  # the title is a description ("contrastive predictive coding")
    # The link only names a resource ("[paper]", "arXiv", "2106.09685"): its work is the one
    # the text names around it.
    resource: bool = False
    at: int = -1  # character offset in the snippet where it is named
    key: str = ""  # a reference entry's key, or the keys a citation names (space-separated)
    # Talk videos, slides and posters the naming's block links: two blocks of a report that
    # link the same video are about the same work.
    resources: list[str] = field(default_factory=list)


def candidate_to_dict(candidate: Candidate) -> dict[str, Any]:
    """A naming as JSON types (its snippet by id), for the ingestion cache."""
    return {
        "title": candidate.title,
        "snippet": candidate.snippet.id,
        "source": candidate.source,
        "aliases": candidate.aliases,
        "authors": candidate.authors,
        "arxiv": candidate.arxiv,
        "url": candidate.url,
        "kind": candidate.kind,
        "descriptive": candidate.descriptive,
        "resource": candidate.resource,
        "at": candidate.at,
        "key": candidate.key,
        "resources": candidate.resources,
    }


def candidate_from_dict(data: dict[str, Any], snippets: dict[str, Snippet]) -> Candidate:
    """The naming a ``candidate_to_dict`` dict describes, tied to its snippet."""
    return Candidate(
        title=data["title"],
        snippet=snippets[data["snippet"]],
        source=data["source"],
        aliases=list(data["aliases"]),
        authors=list(data["authors"]),
        arxiv=data["arxiv"],
        url=data["url"],
        kind=data["kind"],
        descriptive=data["descriptive"],
        resource=data["resource"],
        at=data["at"],
        key=data["key"],
        resources=list(data.get("resources", [])),
    )
