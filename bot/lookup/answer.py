"""What a lookup returns: works or passages with what the reports said, and the JSON shape."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.models import Paper

# The kind of a result that is a passage naming no catalog work.
PASSAGE = "passage"


class _Edition(Protocol):
    @property
    def conference(self) -> str | None: ...
    @property
    def year(self) -> int | None: ...


def edition_labels(mentions: Iterable[_Edition]) -> list[str]:
    """The distinct 'ICLR 2019'-style labels of mentions, in order."""
    labels: list[str] = []
    for mention in mentions:
        label = " ".join(str(p) for p in (mention.conference, mention.year) if p)
        if label and label not in labels:
            labels.append(label)
    return labels


@dataclass(slots=True)
class MentionView:
    """One report's discussion of a result, reduced to the passage that matched best."""

    report: str  # the report's title, or its id when it has none
    report_id: str
    conference: str | None
    year: int | None
    snippet: str  # the passage, trimmed at a sentence or word boundary
    section: tuple[str, ...] = ()  # the headings the passage sits under


@dataclass(slots=True)
class PaperResult:
    """One answer: a catalog work, or a passage about the query that names no work.

    A passage result (``kind == "passage"``) carries a stand-in ``paper`` (id "passage:…",
    title the passage's section or report, kind "passage") so every view and the Share
    button treat both alike; its one mention is the passage.
    """

    paper: Paper
    score: float
    mentions: list[MentionView] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """ "passage", or the work's kind: paper, talk, tutorial, workshop, dataset, ..."""
        return self.paper.kind

    @property
    def is_passage(self) -> bool:
        return self.paper.kind == PASSAGE

    @property
    def editions(self) -> list[str]:
        """The distinct 'ICLR 2019'-style labels of the reports that discuss the paper."""
        return edition_labels(self.mentions)


@dataclass(slots=True)
class LookupAnswer:
    """The answer to one `/paper` query; ``message`` explains an empty or corrected answer."""

    query: str
    results: list[PaperResult] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    message: str | None = None


def answer_to_json(answer: LookupAnswer) -> dict[str, Any]:
    """The stable ``--json`` shape of a lookup (issue 3); keys never change meaning, new keys
    are added at the end ("kind": "passage" for a passage that names no work)."""
    return {
        "query": answer.query,
        "results": [
            {
                "title": result.paper.title,
                "aliases": list(result.paper.aliases),
                "authors": list(result.paper.authors),
                "url": result.paper.link,
                "arxiv": result.paper.arxiv,
                "score": round(result.score, 4),
                "mentions": [
                    {
                        "report": mention.report,
                        "conference": mention.conference,
                        "year": mention.year,
                        "snippet": mention.snippet,
                        "section": list(mention.section),
                    }
                    for mention in result.mentions
                ],
                "kind": result.kind,
            }
            for result in answer.results
        ],
        "suggestions": list(answer.suggestions),
    }
