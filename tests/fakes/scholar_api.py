"""Fake metadata services on localhost: arXiv's Atom API, OpenAlex and Semantic Scholar.

One server answers all three from one list of works, each at its real path, so a resolver
only needs its base URL pointed here:

    arXiv             {url}/api/query               (Atom XML; id_list or search_query=ti:"...")
    OpenAlex          {url}/works/doi:{doi}, {url}/works?filter=title.search:...
    Semantic Scholar  {url}/graph/v1/paper/batch, {url}/graph/v1/paper/search/match

Title searches answer every work sharing most of the query's words, best first, as the real
services do: near misses ("... at Scale") come back too, and the client must choose. Beyond
the programmable 429/5xx of FakeHTTPServer, a test can make answers slow (``stall``) or
malformed (``garble``).
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from aiohttp import web

from tests.fakes.http_fake import Call, FakeHTTPServer, Handler

ARXIV_PATH = "/api/query"
OPENALEX_PATH = "/works"
S2_PATH = "/graph/v1"


@dataclass(frozen=True)
class Work:
    """A work the fake services know."""

    title: str
    authors: tuple[str, ...]
    year: int
    abstract: str = ""
    arxiv: str | None = None
    doi: str | None = None
    venue: str | None = None
    journal_ref: str | None = None


LTH = Work(
    title="The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks",
    authors=("Jonathan Frankle", "Michael Carbin"),
    year=2018,
    abstract="Neural network pruning techniques can reduce the parameter counts of trained networks.",
    arxiv="1803.03635",
    venue="International Conference on Learning Representations",
    journal_ref="ICLR 2019",
)
ORDERED_NEURONS = Work(
    title="Ordered Neurons: Integrating Tree Structures into Recurrent Neural Networks",
    authors=("Yikang Shen", "Shawn Tan", "Alessandro Sordoni", "Aaron Courville"),
    year=2018,
    abstract="Natural language is hierarchically structured: smaller units are nested.",
    arxiv="1810.09536",
)
LTH_AT_SCALE = Work(
    title="The Lottery Ticket Hypothesis at Scale",
    authors=("Jonathan Frankle", "Gintare Karolina Dziugaite", "Daniel M. Roy", "Michael Carbin"),
    year=2019,
    abstract="Recent work on the lottery ticket hypothesis proposes sparse subnetworks.",
    arxiv="1903.01611",
)
RIGL = Work(
    title="Rigging the Lottery: Making All Tickets Winners",
    authors=("Utku Evci", "Trevor Gale", "Jacob Menick", "Pablo Samuel Castro", "Erich Elsen"),
    year=2019,
    abstract="Many applications require sparse neural networks due to space or inference time.",
    arxiv="1911.11134",
)
RESNET = Work(
    title="Deep Residual Learning for Image Recognition",
    authors=("Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"),
    year=2016,
    abstract="Deeper neural networks are more difficult to train.",
    doi="10.1109/CVPR.2016.90",
    venue="Computer Vision and Pattern Recognition",
)
MEMORIZATION = Work(
    title="A Closer Look at Memorization in Deep Networks",
    authors=("Devansh Arpit", "Stanisław Jastrzębski", "Nicolas Ballas"),
    year=2017,
    abstract="We examine the role of memorization in deep learning.",
    arxiv="1706.05394",
)
# Same title as a 2017 talk, published years later by others: must never be attached to it.
LATE_NAMESAKE = Work(
    title="Learned Optimizers that Scale and Generalize",
    authors=("Someone Else",),
    year=2023,
    arxiv="2301.00001",
)
SAMPLE_WORKS = [LTH, ORDERED_NEURONS, LTH_AT_SCALE, RIGL, RESNET, MEMORIZATION, LATE_NAMESAKE]


@dataclass
class _Trick:
    path_part: str
    times: int
    seconds: float = 0.0
    body: bytes = b""
    content_type: str = "application/json"


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


class FakeScholarAPI(FakeHTTPServer):
    """All three services over one list of works (SAMPLE_WORKS by default)."""

    def __init__(self, works: list[Work] | None = None) -> None:
        super().__init__()
        self.works = list(SAMPLE_WORKS if works is None else works)
        self._stalls: list[_Trick] = []
        self._garbles: list[_Trick] = []
        self._holds: list[tuple[str, asyncio.Event]] = []

    # --- programming the fake ----------------------------------------------------------

    def stall(self, path_part: str, seconds: float, *, times: int = 1) -> None:
        """Answer the next ``times`` matching requests only after ``seconds``."""
        self._stalls.append(_Trick(path_part, times, seconds=seconds))

    def hold(self, path_part: str) -> asyncio.Event:
        """Keep every matching request waiting until the returned event is set."""
        gate = asyncio.Event()
        self._holds.append((path_part, gate))
        return gate

    def garble(
        self,
        path_part: str,
        body: bytes,
        *,
        times: int = 1,
        content_type: str = "application/json",
    ) -> None:
        """Answer the next ``times`` matching requests with 200 and ``body`` as it is."""
        self._garbles.append(_Trick(path_part, times, body=body, content_type=content_type))

    # --- serving -----------------------------------------------------------------------

    def routes(self) -> list[tuple[str, str, Handler]]:
        return [
            ("GET", ARXIV_PATH, self._arxiv),
            ("GET", OPENALEX_PATH + "/{ident:.+}", self._openalex_one),
            ("GET", OPENALEX_PATH, self._openalex_search),
            ("POST", S2_PATH + "/paper/batch", self._s2_batch),
            ("GET", S2_PATH + "/paper/search/match", self._s2_match),
        ]

    async def _tricks(self, call: Call) -> web.Response | None:
        for path_part, gate in self._holds:
            if path_part in call.path:
                await gate.wait()
        for stall in self._stalls:
            if stall.path_part in call.path and stall.times > 0:
                stall.times -= 1
                await asyncio.sleep(stall.seconds)
        for garble in self._garbles:
            if garble.path_part in call.path and garble.times > 0:
                garble.times -= 1
                call.failed = True
                return web.Response(body=garble.body, content_type=garble.content_type)
        return None

    def search(self, title: str, limit: int) -> list[Work]:
        """Works sharing at least half the words of ``title``, most shared first."""
        wanted = _words(title)
        scored = [(len(wanted & _words(w.title)) / max(1, len(wanted)), w) for w in self.works]
        return [w for score, w in sorted(scored, key=lambda s: -s[0]) if score >= 0.5][:limit]

    # --- arXiv -------------------------------------------------------------------------

    async def _arxiv(self, call: Call) -> web.Response:
        if (tricked := await self._tricks(call)) is not None:
            return tricked
        limit = int(call.query.get("max_results", "10"))
        if "id_list" in call.query:
            ids = [i for i in call.query["id_list"].split(",") if i]
            entries = [self._arxiv_entry_for(i) for i in ids][:limit]
        else:
            phrase = re.sub(r'^ti:"|"$', "", call.query.get("search_query", ""))
            entries = [_atom_entry(w) for w in self.search(phrase, limit) if w.arxiv]
        feed = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom" '
            'xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
            f"<title>arXiv Query</title>{''.join(entries)}</feed>"
        )
        return web.Response(text=feed, content_type="application/atom+xml")

    def _arxiv_entry_for(self, arxiv: str) -> str:
        for work in self.works:
            if work.arxiv == arxiv:
                return _atom_entry(work)
        # What the real API answers for an id it does not know.
        return (
            "<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_"
            f"{escape(arxiv)}</id><title>Error</title><summary>incorrect id format</summary>"
            "</entry>"
        )

    # --- OpenAlex ----------------------------------------------------------------------

    async def _openalex_one(self, call: Call) -> web.Response:
        if (tricked := await self._tricks(call)) is not None:
            return tricked
        doi = call.match["ident"].removeprefix("doi:").casefold()
        for work in self.works:
            if _doi_of(work).casefold() == doi:
                return web.json_response(_openalex_work(work))
        return web.json_response({"error": "Not Found"}, status=404)

    async def _openalex_search(self, call: Call) -> web.Response:
        if (tricked := await self._tricks(call)) is not None:
            return tricked
        title = call.query.get("filter", "").removeprefix("title.search:")
        limit = int(call.query.get("per_page", "25"))
        found = self.search(title, limit)
        return web.json_response(
            {"meta": {"count": len(found)}, "results": [_openalex_work(w) for w in found]}
        )

    # --- Semantic Scholar --------------------------------------------------------------

    async def _s2_batch(self, call: Call) -> web.Response:
        if (tricked := await self._tricks(call)) is not None:
            return tricked
        answers: list[dict[str, Any] | None] = []
        for ident in call.body.get("ids", []):
            kind, _, value = ident.partition(":")
            match = [
                w
                for w in self.works
                if (kind == "ARXIV" and w.arxiv == value)
                or (kind == "DOI" and w.doi and w.doi.casefold() == value.casefold())
            ]
            answers.append(_s2_paper(match[0]) if match else None)
        return web.json_response(answers)

    async def _s2_match(self, call: Call) -> web.Response:
        if (tricked := await self._tricks(call)) is not None:
            return tricked
        found = self.search(call.query.get("query", ""), 1)
        if not found:
            return web.json_response({"error": "Title match not found"}, status=404)
        return web.json_response({"data": [{**_s2_paper(found[0]), "matchScore": 88.5}]})


def _doi_of(work: Work) -> str:
    return work.doi or (f"10.48550/arXiv.{work.arxiv}" if work.arxiv else "")


def _atom_entry(work: Work) -> str:
    authors = "".join(f"<author><name>{escape(a)}</name></author>" for a in work.authors)
    journal = (
        f"<arxiv:journal_ref>{escape(work.journal_ref)}</arxiv:journal_ref>"
        if work.journal_ref
        else ""
    )
    # Hard line breaks inside title and summary, as arXiv sends them.
    title = escape(work.title).replace(": ", ":\n  ", 1)
    return (
        f"<entry><id>http://arxiv.org/abs/{work.arxiv}v2</id>"
        f"<published>{work.year}-03-09T18:51:28Z</published>"
        f"<title>{title}</title><summary>  {escape(work.abstract)}\n</summary>"
        f"{authors}{journal}"
        f'<link href="http://arxiv.org/abs/{work.arxiv}v2" rel="alternate" type="text/html"/>'
        "</entry>"
    )


def _openalex_work(work: Work) -> dict[str, Any]:
    index: dict[str, list[int]] = {}
    for position, word in enumerate(work.abstract.split()):
        index.setdefault(word, []).append(position)
    doi = _doi_of(work)
    locations = [{"landing_page_url": f"https://arxiv.org/abs/{work.arxiv}"}] if work.arxiv else []
    return {
        "id": "https://openalex.org/W" + str(abs(hash(work.title)) % 10**9),
        "doi": f"https://doi.org/{doi}" if doi else None,
        "title": work.title,
        "display_name": work.title,
        "publication_year": work.year,
        "authorships": [{"author": {"display_name": a}} for a in work.authors],
        "primary_location": {
            "source": {"display_name": work.venue or "arXiv (Cornell University)"},
            "landing_page_url": f"https://doi.org/{doi}" if doi else None,
        },
        "locations": locations,
        "abstract_inverted_index": index or None,
    }


def _s2_paper(work: Work) -> dict[str, Any]:
    ids: dict[str, Any] = {"CorpusId": 1234}
    if work.arxiv:
        ids["ArXiv"] = work.arxiv
    if work.doi:
        ids["DOI"] = work.doi
    return {
        "paperId": "f" * 40,
        "title": work.title,
        "authors": [{"authorId": "1", "name": a} for a in work.authors],
        "year": work.year,
        "venue": work.venue or "",
        "abstract": work.abstract or None,
        "externalIds": ids,
        "url": "https://www.semanticscholar.org/paper/" + "f" * 40,
    }


def dumps(data: Any) -> bytes:
    """JSON bytes, for ``garble`` bodies that are JSON of the wrong shape."""
    return json.dumps(data).encode()
