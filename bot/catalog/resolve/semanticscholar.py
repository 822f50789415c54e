"""Semantic Scholar (api.semanticscholar.org/graph/v1): works by arXiv id or DOI in batches,
or the one best title match.

Without an API key every caller shares one pool; with a key (header ``x-api-key``) the
introductory rate is one request a second, which is also our default pace.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError

from bot.catalog.resolve.http import ServiceClient, Wire, decode_json
from bot.catalog.resolve.model import Fetched, WorkMetadata, WorkRef, first_error

DEFAULT_URL = "https://api.semanticscholar.org/graph/v1"
DEFAULT_INTERVAL = 1.0
_FIELDS = "title,authors,year,venue,abstract,externalIds,url"


# The fields of a Semantic Scholar paper we read (the graph API's "fields" parameter).
class _Author(Wire):
    name: str | None = None


class _Paper(Wire):
    title: str | None = None
    authors: tuple[_Author, ...] = ()
    year: int | None = None
    venue: str | None = None
    abstract: str | None = None
    externalIds: dict[str, str | int | None] | None = None
    url: str | None = None


class _Match(Wire):
    data: list[_Paper]


class SemanticScholarResolver:
    """The Semantic Scholar Academic Graph API."""

    name = "semanticscholar"
    id_batch = 100  # the batch endpoint takes up to 500

    def __init__(self, client: ServiceClient, url: str = DEFAULT_URL) -> None:
        self.client = client
        self.url = url.rstrip("/")

    def can_fetch(self, ref: WorkRef) -> bool:
        return bool(ref.arxiv or ref.doi)

    async def by_ids(self, refs: Sequence[WorkRef]) -> Fetched:
        asked = [ref for ref in refs if ref.arxiv or ref.doi]
        ids = [f"ARXIV:{ref.arxiv}" if ref.arxiv else f"DOI:{ref.doi}" for ref in asked]
        body = await self.client.post_json(
            f"{self.url}/paper/batch", {"fields": _FIELDS}, {"ids": ids}
        )
        fetched = Fetched()
        if body is None:
            return fetched
        papers = decode_json(body, list[_Paper | None], self.name)
        if len(papers) != len(asked):
            fetched.failed = {
                ref.key: "semanticscholar answered a batch of another size" for ref in asked
            }
            return fetched
        for ref, paper in zip(asked, papers, strict=True):
            if paper is None:
                continue  # unknown to Semantic Scholar
            fetched.add(ref.key, _metadata(paper))
        return fetched

    async def by_title(self, ref: WorkRef) -> list[WorkMetadata]:
        if not ref.title:
            return []
        params = {"query": ref.title[:300], "fields": _FIELDS}
        body = await self.client.get(f"{self.url}/paper/search/match", params)
        if body is None:
            return []  # 404: "Title match not found"
        match = decode_json(body, _Match, self.name)
        return [
            found for paper in match.data if isinstance(found := _metadata(paper), WorkMetadata)
        ]


def _metadata(paper: _Paper) -> WorkMetadata | str:
    ids = paper.externalIds or {}
    arxiv = ids.get("ArXiv")
    try:
        return WorkMetadata(
            title=paper.title or "",
            authors=tuple(a.name for a in paper.authors if a.name),
            year=paper.year,
            venue=paper.venue or None,
            abstract=paper.abstract,
            url=paper.url,
            arxiv=str(arxiv) if arxiv else None,
            source="semanticscholar",
        )
    except ValidationError as exc:
        return f"semanticscholar's record is unusable ({first_error(exc)})"
