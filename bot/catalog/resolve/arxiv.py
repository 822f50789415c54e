"""arXiv (export.arxiv.org/api/query): works by arXiv id in batches, or by a title phrase.

The API answers an Atom feed, read with the standard library's XML parser. Its terms of use
ask for one request every three seconds on a single connection. An id it does not know comes
back as no entry, or as an entry whose id points at the API's error page; both mean unknown.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from pydantic import ValidationError

from bot.catalog.resolve.http import ServiceClient
from bot.catalog.resolve.model import Fetched, ServiceError, WorkMetadata, WorkRef, first_error

log = logging.getLogger(__name__)

DEFAULT_URL = "https://export.arxiv.org/api/query"
DEFAULT_INTERVAL = 3.0
_NS = {"atom": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom"}
# The id in an entry's <id>: "http://arxiv.org/abs/1803.03635v5" or ".../abs/hep-th/9901001v1".
_ENTRY_ID = re.compile(r"arxiv\.org/abs/([a-z.-]{1,20}/\d{7}|\d{4}\.\d{4,5})(?:v\d{1,3})?$", re.I)
_SUBJECT_CLASS = re.compile(r"\.[A-Za-z]{2}(?=/)")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_NOT_A_WORD = re.compile(r"[^\w]+")
_TITLE_CANDIDATES = 5


class ArxivResolver:
    """The arXiv API."""

    name = "arxiv"
    id_batch = 50

    def __init__(self, client: ServiceClient, url: str = DEFAULT_URL) -> None:
        self.client = client
        self.url = url

    def can_fetch(self, ref: WorkRef) -> bool:
        return ref.arxiv is not None

    async def by_ids(self, refs: Sequence[WorkRef]) -> Fetched:
        wanted = {_plain(ref.arxiv): ref.key for ref in refs if ref.arxiv}
        params = {"id_list": ",".join(wanted), "max_results": str(len(wanted))}
        fetched = Fetched()
        for arxiv, work in await self._query(params):
            key = wanted.get(_plain(arxiv))
            if key is not None:
                fetched.add(key, work)
        return fetched

    async def by_title(self, ref: WorkRef) -> list[WorkMetadata]:
        # A phrase of the title's words: arXiv's query syntax gives meaning to punctuation.
        words = _NOT_A_WORD.sub(" ", ref.title or "").strip()
        if not words:
            return []
        params = {"search_query": f'ti:"{words}"', "max_results": str(_TITLE_CANDIDATES)}
        return [work for _, work in await self._query(params) if isinstance(work, WorkMetadata)]

    async def _query(self, params: dict[str, str]) -> list[tuple[str, WorkMetadata | str]]:
        body = await self.client.get(self.url, params)
        if body is None:
            return []
        return [work for entry in _feed(body) if (work := _work(entry)) is not None]


def _plain(arxiv: str) -> str:
    """'math.GT/0309136' is known to the API as 'math/0309136'."""
    return _SUBJECT_CLASS.sub("", arxiv)


def _feed(body: bytes) -> list[ET.Element]:
    """The feed's entries; a malformed feed is a ServiceError.

    The standard library's parser (expat 2.4.1 and later) stops entity expansion attacks, and
    the answer's size is bounded by the client.
    """
    try:
        root = ET.fromstring(body)  # noqa: S314 - see the docstring
    except ET.ParseError as exc:
        raise ServiceError(f"arxiv answered something that is not XML ({exc})") from None
    if root.tag != f"{{{_NS['atom']}}}feed":
        raise ServiceError("arxiv answered XML that is not an Atom feed")
    return root.findall("atom:entry", _NS)


def _work(entry: ET.Element) -> tuple[str, WorkMetadata | str] | None:
    """(arXiv id, metadata or why the entry is unusable); None for the API's error entries."""
    match = _ENTRY_ID.search(_text(entry, "atom:id") or "")
    if match is None:
        return None
    arxiv = match.group(1)
    published = _text(entry, "atom:published") or ""
    year = int(published[:4]) if published[:4].isdigit() else None
    venue, venue_year = "arXiv", year
    journal = _text(entry, "arxiv:journal_ref")
    if journal and len(journal) <= 120:
        venue = journal
        found = _YEAR.search(journal)
        venue_year = int(found.group(0)) if found else year
    authors = [name.text or "" for name in entry.findall("atom:author/atom:name", _NS)]
    try:
        work = WorkMetadata(
            title=_text(entry, "atom:title") or "",
            authors=tuple(authors),
            year=venue_year,
            venue=venue,
            abstract=_text(entry, "atom:summary"),
            url=f"https://arxiv.org/abs/{arxiv}",
            arxiv=arxiv,
            source="arxiv",
        )
    except ValidationError as exc:
        log.warning("metadata: arxiv's entry for %s is unusable: %s", arxiv, first_error(exc))
        return arxiv, f"arxiv's entry is unusable ({first_error(exc)})"
    return arxiv, work


def _text(entry: ET.Element, path: str) -> str | None:
    found = entry.find(path, _NS)
    return " ".join(found.text.split()) if found is not None and found.text else None
