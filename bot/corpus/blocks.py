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


_ARXIV_IN_TEXT = re.compile(r"\barxiv\s*[: ]\s*(\d{4}\.\d{4,5})(?:v\d+)?\b", re.IGNORECASE)


def text_arxiv_links(text: str, known: list[Link]) -> list[Link]:
    """Links for arXiv ids written as text ('arXiv:1801.06146'), unless already linked."""
    have = {link.arxiv for link in known}
    found = []
    for match in _ARXIV_IN_TEXT.finditer(text):
        if match.group(1) not in have:
            url = f"https://arxiv.org/abs/{match.group(1)}"
            found.append(Link(text=url, url=url, arxiv=match.group(1)))
            have.add(match.group(1))
    return found


def arxiv_id(url: str) -> str | None:
    """The arXiv identifier a URL points at (version suffix dropped), if any."""
    match = _ARXIV.search(url)
    return match.group("id") if match else None


def make_link(text: str, url: str) -> Link:
    """A Link with whitespace folded and its arXiv id worked out."""
    return Link(text=fold_space(text), url=url.strip(), arxiv=arxiv_id(url))


# Link labels that name a resource, not a work: "[paper] [code]", "(arXiv)".
GENERIC_LABELS = frozenset(
    "paper pdf arxiv code project website video slides blog github poster openreview link "
    "here abs html talk demo repo preprint".split()
)
_LABEL_IN_TEXT = re.compile(
    rf"\s*[\[(]\s*(?:{'|'.join(sorted(GENERIC_LABELS))})(?:\s+page)?\s*[\])]", re.IGNORECASE
)


def drop_link_labels(text: str) -> str:
    """Remove bracketed resource labels ('[paper] [code]', '(arXiv)') from prose."""
    return _LABEL_IN_TEXT.sub("", text)


def retarget_labels(block: Block) -> None:
    """'**Title** [paper](arxiv) [code](github): ...' - a generic label's link belongs to
    the title the block opens with, so the link is renamed after that title."""
    lead = next((m for m in block.marked if block.text.startswith(m)), None)
    if lead is None:
        return
    block.links = [
        Link(text=lead, url=link.url, arxiv=link.arxiv)
        if link.text.strip("[]() ").lower() in GENERIC_LABELS and link.arxiv
        else link
        for link in block.links
    ]


def fold_space(text: str) -> str:
    """Collapse runs of white space to single spaces and trim."""
    return " ".join(text.split())


def is_homepage(url: str) -> bool:
    """True for a site's front page (no path), which names an organisation, not a paper."""
    parsed = urlparse(url)
    return bool(parsed.netloc) and parsed.path.strip("/") == "" and not parsed.query
