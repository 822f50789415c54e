"""One naming of a work in one snippet, before the catalog merges namings into entries."""

from __future__ import annotations

from dataclasses import dataclass, field

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
