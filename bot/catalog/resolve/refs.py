"""What to look a catalog entry up by, and which entries still need a lookup."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from bot.catalog.resolve.matching import title_key
from bot.catalog.resolve.model import WorkRef
from bot.models import Paper

# Only a paper is looked up by its title: a talk, tutorial or workshop title names no record
# in a paper index, and a short title ("Batch Normalization") names too many.
TITLE_KINDS = frozenset({"paper"})
MIN_TITLE_WORDS = 3
MAX_KEY_CHARS = 300
_DOI = re.compile(r"(?:doi\.org/|\bdoi:\s?)(10\.\d{4,9}/[^\s?#\"<>]{1,200})", re.I)


def work_ref(paper: Paper) -> WorkRef | None:
    """The lookup for ``paper``, or None when it has nothing to be looked up by."""
    doi = doi_of(paper.url)
    years = [m.year for m in paper.mentions if m.year]
    title, normalised = _searchable_title(paper)
    if paper.arxiv:
        key = f"arxiv:{paper.arxiv}"
    elif doi:
        key = f"doi:{doi.casefold()}"
    elif title:
        key = f"title:{normalised}"[:MAX_KEY_CHARS]
    else:
        return None
    return WorkRef(
        key=key,
        title=title,
        arxiv=paper.arxiv,
        doi=doi,
        authors=tuple(paper.authors),
        latest_year=max(years) if years else None,
    )


def pending_refs(
    papers: Iterable[Paper], known: Collection[str], resolved: Collection[str] = ()
) -> list[WorkRef]:
    """The lookups still to make: entries not ``resolved`` (by id) whose key is not ``known``
    (cached found or not found), one per key."""
    pending: dict[str, WorkRef] = {}
    for paper in papers:
        if paper.id in resolved:
            continue
        ref = work_ref(paper)
        if ref is not None and ref.key not in known:
            pending.setdefault(ref.key, ref)
    return list(pending.values())


def doi_of(url: str | None) -> str | None:
    """The DOI in a doi.org link, if that is what ``url`` is."""
    match = _DOI.search(url or "")
    return match.group(1).rstrip(".,;)") if match else None


def _searchable_title(paper: Paper) -> tuple[str | None, str]:
    """The title to search by, if the entry has one worth searching, and its title key."""
    if paper.untitled or paper.kind not in TITLE_KINDS:
        return None, ""
    key = title_key(paper.title)
    return (paper.title if len(key.split()) >= MIN_TITLE_WORDS else None), key
