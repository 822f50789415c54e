"""Read a corpus directory into a Corpus (first pass: paragraphs as snippets)."""

from __future__ import annotations

from pathlib import Path

from bot.models import Corpus, Problem, Report, Section, Snippet


def load_corpus(directory: Path, max_bytes: int = 5_000_000) -> Corpus:
    """Ingest every file of ``directory``; bad files become Problems, never exceptions."""
    reports: list[Report] = []
    problems: list[Problem] = []
    for path in sorted(p for p in Path(directory).iterdir() if p.is_file()):
        text = path.read_text("utf-8", errors="replace")
        report = Report(id=path.name, file=str(path), form="text", encoding="utf-8")
        section = Section(path=())
        for i, para in enumerate(p for p in text.split("\n\n") if p.strip()):
            snippet = Snippet(id=f"{path.name}#{i}", report=path.name, section=(), text=para.strip())
            report.snippets.append(snippet)
            section.snippet_ids.append(snippet.id)
        report.sections.append(section)
        reports.append(report)
    return Corpus(reports=reports, papers=[], problems=problems)
