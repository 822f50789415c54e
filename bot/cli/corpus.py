"""`flashback corpus check|snippets|papers|resolve`: what ingestion made of the corpus."""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import shorten
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from bot.catalog.quotes import best_mention
from bot.cli.common import CorpusOption, corpus_settings
from bot.cli.corpus_resolve import cached_records, resolve
from bot.models import CatalogChange, Corpus, Paper, Report, Snippet

QUOTE_PREVIEW = 160  # characters of each quote in the text listing

app = typer.Typer(help="Inspect what ingestion makes of the corpus.", no_args_is_help=True)
app.command()(resolve)
JsonOption = typer.Option(False, "--json", help="Print the stable JSON interface instead.")


def _load(corpus: Path | None, *, with_metadata: bool = False) -> Corpus:
    """The corpus as the bot serves it; ``with_metadata`` applies the metadata cache too
    (FLASHBACK_METADATA), as the running bot does."""
    from bot.corpus.configured import load_configured_corpus

    settings = corpus_settings(corpus)
    records = cached_records(settings) if with_metadata else None
    return load_configured_corpus(settings, metadata=records)


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command()
def check(corpus: Path | None = CorpusOption, json_output: bool = JsonOption) -> None:
    """One line per report: form, encoding and repairs, conference, dates, counts, problems.

    Exits non-zero only when no report could be read.
    """
    result = _load(corpus)
    if json_output:
        _print_json(check_json(result))
    else:
        _print_check(result)
    if not result.reports:
        raise typer.Exit(1)


def check_json(corpus: Corpus) -> dict[str, Any]:
    """The stable JSON shape of `corpus check`."""
    paper_counts = {r.id: 0 for r in corpus.reports}
    for paper in corpus.papers:
        for mention in paper.mentions:
            paper_counts[mention.report] += 1
    return {
        "reports": [_report_json(r, paper_counts[r.id]) for r in corpus.reports],
        "papers": len(corpus.papers),
        "snippets": len(corpus.snippets),
        "problems": [
            {"file": p.file, "reason": p.reason, "skipped": p.fatal} for p in corpus.problems
        ],
    }


def _report_json(report: Report, papers: int) -> dict[str, Any]:
    return {
        "file": report.id,
        "form": report.form,
        "encoding": report.encoding,
        "repairs": report.repairs,
        "conference": report.conference,
        "year": report.year,
        "start_date": report.start_date.isoformat() if report.start_date else None,
        "end_date": report.end_date.isoformat() if report.end_date else None,
        "city": report.city,
        "author": ", ".join(report.authors) or None,
        "title": report.title,
        "published": report.published.isoformat() if report.published else None,
        "sections": len(report.sections),
        "snippets": len(report.snippets),
        "papers": papers,
        "problems": report.problems,
    }


def _print_check(corpus: Corpus) -> None:
    console = Console(highlight=False, soft_wrap=True)
    data = check_json(corpus)
    for report in data["reports"]:
        when = (
            f"{report['start_date']}..{report['end_date']}" if report["start_date"] else "dates ?"
        )
        where = report["city"] or "city ?"
        conference = f"{report['conference'] or '?'} {report['year'] or '?'}"
        console.print(
            f"[bold]{escape(report['file'])}[/bold]: {report['form']}, {report['encoding']}; "
            f"{conference}, {escape(where)}, {when}; {report['sections']} sections, "
            f"{report['snippets']} snippets, {report['papers']} papers"
        )
        for repair in report["repairs"]:
            console.print(f"    repaired: {escape(repair)}")
        for problem in report["problems"]:
            console.print(f"    [yellow]problem:[/yellow] {escape(problem)}")
    for problem in data["problems"]:
        label = "[red]skipped[/red]" if problem["skipped"] else "[yellow]note[/yellow]"
        console.print(f"{label} {escape(problem['file'])}: {escape(problem['reason'])}")
    skipped = sum(1 for problem in data["problems"] if problem["skipped"])
    console.print(
        f"{len(data['reports'])} reports, {data['snippets']} snippets, {data['papers']} papers, "
        f"{skipped} files skipped"
    )


@app.command()
def snippets(
    corpus: Path | None = CorpusOption,
    json_output: bool = JsonOption,
    file: str | None = typer.Option(None, "--file", help="Only this report (its file name)."),
) -> None:
    """The highlight snippets as plain text, with score, section and the papers they name."""
    result = _load(corpus)
    chosen = [s for s in result.snippets if file is None or s.report == file]
    if file is not None and not chosen:
        names = ", ".join(r.id for r in result.reports)
        typer.echo(f"error: no report named {file!r}; the corpus has: {names}", err=True)
        raise typer.Exit(2)
    if json_output:
        _print_json({"snippets": [snippet_json(s) for s in chosen]})
        return
    console = Console(highlight=False)
    for snippet in chosen:
        section = " / ".join(snippet.section) or "(no section)"
        console.print(f"[bold]{snippet.id}[/bold]  score {snippet.score:.2f}  {escape(section)}")
        console.print(escape(snippet.text), soft_wrap=False)
        for paper_id in snippet.papers:
            console.print(f"    about: {escape(result.paper(paper_id).title)}")
        console.print()


def snippet_json(snippet: Snippet) -> dict[str, Any]:
    """The stable JSON shape of one snippet."""
    return {
        "id": snippet.id,
        "report": snippet.report,
        "section": " / ".join(snippet.section),
        "text": snippet.text,
        "links": [{"text": k.text, "url": k.url, "arxiv": k.arxiv} for k in snippet.links],
        "score": snippet.score,
        "papers": snippet.papers,
    }


@app.command()
def papers(corpus: Path | None = CorpusOption, json_output: bool = JsonOption) -> None:
    """The paper catalog: each work with its aliases, authors, link and mentions, and what
    curation (catalog.yaml) and resolved metadata changed."""
    result = _load(corpus, with_metadata=True)
    if json_output:
        _print_json(papers_json(result))
        return
    console = Console(highlight=False)
    changes = _changes_by_entry(result)
    for paper in result.papers:
        _print_paper(console, paper, changes.get(paper.id, []))
    live = {paper.id for paper in result.papers}
    for change in result.changes:
        if change.entry not in live:  # merged away or hidden
            console.print(f"[cyan]{change.action}:[/cyan] {change.entry}: {escape(change.detail)}")
    described = sum(1 for change in result.changes if change.action == "resolved")
    console.print(
        f"{len(result.papers)} papers; {len(result.changes) - described} curation changes, "
        f"{described} described by metadata"
    )


def _print_paper(console: Console, paper: Paper, changes: list[CatalogChange]) -> None:
    console.print(f"[bold]{escape(paper.title)}[/bold]  ({paper.kind}, {paper.id})")
    if paper.aliases:
        console.print(f"    also: {escape(', '.join(paper.aliases))}")
    if paper.authors:
        console.print(f"    by: {escape(', '.join(paper.authors))}")
    if paper.venue:
        console.print(f"    venue: {escape(paper.venue)} {paper.venue_year or ''}".rstrip())
    if paper.link:
        console.print(f"    link: {escape(paper.link)}")
    for change in changes:
        console.print(f"    [cyan]{change.action}:[/cyan] {escape(change.detail)}")
    for mention in paper.mentions:
        label = f"{mention.conference or '?'} {mention.year or ''}".strip()
        console.print(f"    - {escape(mention.report)} ({label}): {mention.snippet_id}")
        if mention.quote:
            console.print(f"      “{escape(shorten(mention.quote, QUOTE_PREVIEW))}”")


def _changes_by_entry(corpus: Corpus) -> dict[str, list[CatalogChange]]:
    changes: dict[str, list[CatalogChange]] = {}
    for change in corpus.changes:
        changes.setdefault(change.entry, []).append(change)
    return changes


def papers_json(corpus: Corpus) -> dict[str, Any]:
    """The stable JSON shape of `corpus papers`."""
    changes = _changes_by_entry(corpus)
    return {
        "papers": [paper_json(p, changes.get(p.id, [])) for p in corpus.papers],
        # Every change, those of entries no longer listed (merged away, hidden) too.
        "changes": [change_json(c) for c in corpus.changes],
    }


def change_json(change: CatalogChange) -> dict[str, str]:
    """The stable JSON shape of one catalog change."""
    return {"entry": change.entry, "action": change.action, "detail": change.detail}


def paper_json(paper: Paper, changes: list[CatalogChange] | None = None) -> dict[str, Any]:
    """The stable JSON shape of one catalog entry."""
    best = best_mention(paper)
    return {
        "id": paper.id,
        "title": paper.title,
        "aliases": paper.aliases,
        "authors": paper.authors,
        "arxiv": paper.arxiv,
        "url": paper.link,
        "kind": paper.kind,
        "mentions": [
            {
                "report": m.report,
                "conference": m.conference,
                "year": m.year,
                "snippet_id": m.snippet_id,
                "quote": m.quote,
                "section": list(m.section),
            }
            for m in paper.mentions
        ],
        "venue": paper.venue,
        "venue_year": paper.venue_year,
        "abstract": paper.abstract,
        "changes": [{"action": c.action, "detail": c.detail} for c in changes or []],
        # The quote a reader would want first: the fullest of the reports' windows.
        "quote": best.quote if best else "",
        "section": list(best.section) if best else [],
    }
