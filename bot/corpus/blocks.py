"""The form-neutral shape every reader produces: a flat list of headings, paragraphs and items."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlparse

from bot.models import Link

BlockKind = Literal["heading", "para", "item", "quote"]


@dataclass(slots=True)
class Block:
    """One block of a report: a heading (with level), a paragraph, a list item or a quote."""

    kind: BlockKind
    text: str
    level: int = 0
    links: list[Link] = field(default_factory=list)
    # Phrases the source marked up as titles (e.g. emphasis); hints for the catalog.
    marked: list[str] = field(default_factory=list)


_ARXIV = re.compile(
    r"arxiv\.org/(?:abs|pdf|html)/(?P<id>\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})",
    re.IGNORECASE,
)


def arxiv_id(url: str) -> str | None:
    """The arXiv identifier a URL points at (version suffix dropped), if any."""
    match = _ARXIV.search(url)
    return match.group("id") if match else None


def make_link(text: str, url: str) -> Link:
    """A Link with whitespace folded and its arXiv id worked out."""
    return Link(text=fold_space(text), url=url.strip(), arxiv=arxiv_id(url))


def fold_space(text: str) -> str:
    """Collapse runs of white space to single spaces and trim."""
    return " ".join(text.split())


def is_homepage(url: str) -> bool:
    """True for a site's front page (no path), which names an organisation, not a paper."""
    parsed = urlparse(url)
    return bool(parsed.netloc) and parsed.path.strip("/") == "" and not parsed.query
