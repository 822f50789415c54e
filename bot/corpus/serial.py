"""Reports as plain JSON-able dicts and back (for the ingestion cache and the worker)."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.catalog.found import Candidate, candidate_from_dict, candidate_to_dict
from bot.documents.model import Span
from bot.models import Link, Part, Report, Section, Snippet


def report_to_dict(report: Report) -> dict[str, Any]:
    """Everything a Report holds, as JSON types."""
    return {
        "id": report.id,
        "file": report.file,
        "form": report.form,
        "encoding": report.encoding,
        "repairs": report.repairs,
        "title": report.title,
        "authors": report.authors,
        "conference": report.conference,
        "year": report.year,
        "start_date": _iso(report.start_date),
        "end_date": _iso(report.end_date),
        "city": report.city,
        "published": _iso(report.published),
        "url": report.url,
        "site": report.site,
        "sections": [{"path": list(s.path), "snippet_ids": s.snippet_ids} for s in report.sections],
        "snippets": [_snippet_to_dict(s) for s in report.snippets],
        "problems": report.problems,
    }


def report_from_dict(data: dict[str, Any]) -> Report:
    """The Report a ``report_to_dict`` dict describes."""
    return Report(
        id=data["id"],
        file=data["file"],
        form=data["form"],
        encoding=data["encoding"],
        repairs=list(data["repairs"]),
        title=data["title"],
        authors=list(data["authors"]),
        conference=data["conference"],
        year=data["year"],
        start_date=_date(data["start_date"]),
        end_date=_date(data["end_date"]),
        city=data["city"],
        published=_date(data["published"]),
        url=data["url"],
        site=data.get("site"),
        sections=[Section(tuple(s["path"]), list(s["snippet_ids"])) for s in data["sections"]],
        snippets=[_snippet_from_dict(s) for s in data["snippets"]],
        problems=list(data["problems"]),
    )


def _snippet_to_dict(snippet: Snippet) -> dict[str, Any]:
    return {
        "id": snippet.id,
        "report": snippet.report,
        "section": list(snippet.section),
        "text": snippet.text,
        "links": [[k.text, k.url, k.arxiv] for k in snippet.links],
        "position": snippet.position,
        "text_score": snippet.text_score,
        "candidates": snippet.candidates,
        "spans": [[s.kind, s.start, s.end, s.target] for s in snippet.spans],
        "parts": [[p.kind, p.start, p.end, p.level, p.key, list(p.cells)] for p in snippet.parts],
    }


def _snippet_from_dict(data: dict[str, Any]) -> Snippet:
    return Snippet(
        id=data["id"],
        report=data["report"],
        section=tuple(data["section"]),
        text=data["text"],
        links=[Link(text, url, arxiv) for text, url, arxiv in data["links"]],
        position=data["position"],
        text_score=data.get("text_score", 0.0),
        candidates=list(data["candidates"]),
        spans=[Span(kind, start, end, target) for kind, start, end, target in data["spans"]],
        parts=[
            Part(kind, start, end, level, key, tuple(cells))
            for kind, start, end, level, key, cells in data["parts"]
        ],
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def read_to_dict(report: Report, namings: list[Candidate]) -> dict[str, Any]:
    """What reading one file gives: the report and the namings of works found in it."""
    return {"report": report_to_dict(report), "namings": [candidate_to_dict(c) for c in namings]}


def read_from_dict(data: dict[str, Any]) -> tuple[Report, list[Candidate]]:
    report = report_from_dict(data["report"])
    snippets = {s.id: s for s in report.snippets}
    return report, [candidate_from_dict(c, snippets) for c in data["namings"]]
