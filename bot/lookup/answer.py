"""What a lookup returns: papers with their best snippets, and the stable JSON shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.models import Paper


@dataclass(slots=True)
class MentionView:
    """One report's discussion of a result paper, reduced to its best-matching snippet."""

    report: str  # the report's title, or its id when it has none
    report_id: str
    conference: str | None
    year: int | None
    snippet: str  # trimmed at a sentence or word boundary


@dataclass(slots=True)
class PaperResult:
    """One catalog entry that answers the query, with how well it does and where it was said."""

    paper: Paper
    score: float
    mentions: list[MentionView] = field(default_factory=list)

    @property
    def editions(self) -> list[str]:
        """The distinct 'ICLR 2019'-style labels of the reports that discuss the paper."""
        labels: list[str] = []
        for mention in self.mentions:
            label = " ".join(str(p) for p in (mention.conference, mention.year) if p)
            if label and label not in labels:
                labels.append(label)
        return labels


@dataclass(slots=True)
class LookupAnswer:
    """The answer to one `/paper` query; ``message`` explains an empty or corrected answer."""

    query: str
    results: list[PaperResult] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    message: str | None = None


def answer_to_json(answer: LookupAnswer) -> dict[str, Any]:
    """The stable ``--json`` shape of a lookup (issue 3); keys never change meaning."""
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
                    }
                    for mention in result.mentions
                ],
            }
            for result in answer.results
        ],
        "suggestions": list(answer.suggestions),
    }
