"""OpenAlex (api.openalex.org): works by DOI (arXiv's own DOIs too), or by a title search.

A lookup by DOI is a "singleton" request, free of OpenAlex's daily credits; a title search is
a list request. OpenAlex allows up to 100 requests a second; we ask at most ten. Its answers
keep the abstract as an inverted index (word -> positions), rebuilt here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from pydantic import ValidationError

from bot.catalog.resolve.http import ServiceClient, Wire, decode_json
from bot.catalog.resolve.model import MAX_ABSTRACT, Fetched, WorkMetadata, WorkRef, first_error

DEFAULT_URL = "https://api.openalex.org"
DEFAULT_INTERVAL = 0.1
_FIELDS = (
    "id,doi,title,display_name,publication_year,authorships,primary_location,locations,"
    "abstract_inverted_index"
)
_ARXIV_DOI = re.compile(r"10\.48550/arxiv\.(\S{1,40})$", re.I)
_ARXIV_PAGE = re.compile(r"arxiv\.org/abs/(\d{4}\.\d{4,5}|[a-z.-]{1,20}/\d{7})", re.I)
# Filter values may not hold the filter syntax's own separators.
_FILTER_SYNTAX = re.compile(r"[,|:!<>]+")
_TITLE_CANDIDATES = 5
_MAX_WORDS = MAX_ABSTRACT // 2


# The fields of an OpenAlex work we read (https://docs.openalex.org, "Work object").
class _Source(Wire):
    display_name: str | None = None


class _Location(Wire):
    source: _Source | None = None
    landing_page_url: str | None = None


class _Author(Wire):
    display_name: str | None = None


class _Authorship(Wire):
    author: _Author | None = None


class _Work(Wire):
    id: str | None = None
    doi: str | None = None
    title: str | None = None
    display_name: str | None = None
    publication_year: int | None = None
    authorships: tuple[_Authorship, ...] = ()
    primary_location: _Location | None = None
    locations: tuple[_Location, ...] = ()
    abstract_inverted_index: dict[str, list[int]] | None = None


class _Page(Wire):
    results: list[_Work]


class OpenAlexResolver:
    """The OpenAlex API."""

    name = "openalex"
    id_batch = 1  # singletons are free of credits; a filter over many DOIs is not

    def __init__(self, client: ServiceClient, url: str = DEFAULT_URL) -> None:
        self.client = client
        self.url = url.rstrip("/")

    def can_fetch(self, ref: WorkRef) -> bool:
        return bool(ref.arxiv or ref.doi)

    async def by_ids(self, refs: Sequence[WorkRef]) -> Fetched:
        fetched = Fetched()
        for ref in refs:
            doi = ref.doi or f"10.48550/arXiv.{ref.arxiv}"
            body = await self.client.get(f"{self.url}/works/doi:{quote(doi, safe='/')}", {})
            if body is None:
                continue  # 404: OpenAlex does not know it
            work = decode_json(body, _Work, self.name)
            fetched.add(ref.key, _metadata(work))
        return fetched

    async def by_title(self, ref: WorkRef) -> list[WorkMetadata]:
        words = _FILTER_SYNTAX.sub(" ", ref.title or "").strip()
        if not words:
            return []
        params = {
            "filter": f"title.search:{words}",
            "per_page": str(_TITLE_CANDIDATES),
            "select": _FIELDS,
        }
        body = await self.client.get(f"{self.url}/works", params)
        if body is None:
            return []
        page = decode_json(body, _Page, self.name)
        return [
            found for work in page.results if isinstance(found := _metadata(work), WorkMetadata)
        ]


def _metadata(work: _Work) -> WorkMetadata | str:
    """A work as metadata, or why it cannot be used."""
    primary = work.primary_location
    venue = primary.source.display_name if primary and primary.source else None
    arxiv = _arxiv(work)
    if venue and venue.casefold().startswith("arxiv"):
        venue = "arXiv"  # "arXiv (Cornell University)"
    try:
        return WorkMetadata(
            title=work.title or work.display_name or "",
            authors=tuple(
                a.author.display_name
                for a in work.authorships
                if a.author and a.author.display_name
            ),
            year=work.publication_year,
            venue=venue,
            abstract=_abstract(work.abstract_inverted_index),
            url=work.doi or (primary.landing_page_url if primary else None) or work.id,
            arxiv=arxiv,
            source="openalex",
        )
    except ValidationError as exc:
        return f"openalex's record is unusable ({first_error(exc)})"


def _arxiv(work: _Work) -> str | None:
    if work.doi and (match := _ARXIV_DOI.search(work.doi)):
        return match.group(1)
    for location in work.locations:
        if location.landing_page_url and (match := _ARXIV_PAGE.search(location.landing_page_url)):
            return match.group(1)
    return None


def _abstract(index: dict[str, list[int]] | None) -> str | None:
    """The abstract's words put back in order; None when the index is absent or implausible."""
    if not index:
        return None
    words: dict[int, str] = {}
    for word, positions in index.items():
        for position in positions:
            if not 0 <= position < _MAX_WORDS:
                return None
            words[position] = word
    return " ".join(words[i] for i in sorted(words))[:MAX_ABSTRACT] or None
