"""What the corpus layer reads off a Document block: its links and its marked phrases."""

from __future__ import annotations

import re

from bot.documents import Block
from bot.documents.links import arxiv_id, fold_space
from bot.models import Link


def links_of(block: Block) -> list[Link]:
    """The block's web links as catalog Links (text, URL, arXiv id)."""
    return [make_link(text, target) for text, target in block.links() if target]


def marked_of(block: Block) -> list[str]:
    """Phrases the source marked: emphasis, strong and quoted strings."""
    return [fold_space(text) for _, text in block.spanned("emph", "strong", "quoted") if text]


def make_link(text: str, url: str) -> Link:
    """A Link with whitespace folded and its arXiv id worked out."""
    return Link(text=fold_space(text), url=url.strip(), arxiv=arxiv_id(url))


# Link labels that name a resource, not a work: "[paper] [code]", "(arXiv)".
GENERIC_LABELS = frozenset(
    "paper pdf arxiv code project website video slides blog github poster openreview link "
    "here abs html talk demo repo preprint".split()
)
LABEL_IN_TEXT = re.compile(
    rf"\s*[\[(]\s*(?:{'|'.join(sorted(GENERIC_LABELS))})(?:\s+page)?\s*[\])]", re.IGNORECASE
)


def drop_link_labels(text: str) -> str:
    """Remove bracketed resource labels ('[paper] [code]', '(arXiv)') from prose."""
    return LABEL_IN_TEXT.sub("", text)


def is_generic_label(text: str) -> bool:
    """'[paper]', '(arXiv)', 'code': a link text that names a resource, not a work."""
    return text.strip("[]() ").lower() in GENERIC_LABELS
