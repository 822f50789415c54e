"""`flashback paper "<query>"`: what the reports said about a paper, for people or scripts."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

from bot.cli.common import CorpusOption, corpus_settings, err_console
from bot.lookup import LookupAnswer, LookupIndex, PaperResult, answer_to_json


def paper(
    query: list[str] | None = typer.Argument(
        None, help='What to look up: a title, fragment, alias, author or topic ("lottery ticket").'
    ),
    limit: int = typer.Option(3, "--limit", "-n", min=1, max=50, help="Most results to show."),
    corpus: Path | None = CorpusOption,
    json_output: bool = typer.Option(False, "--json", help="Print the stable JSON shape."),
    batch: Path | None = typer.Option(
        None,
        "--batch",
        help="Answer one query per line of FILE ('-': stdin), one JSON object per line.",
    ),
) -> None:
    """Find a paper the reports discuss, typos and all, with what each report said.

    A passage that matches but names no work is shown as what the reports said about the
    query ("kind": "passage" in --json).
    """
    text = " ".join(query or [])
    if batch is None and not text.strip():
        err_console.print('Give a query, e.g. flashback paper "lottery ticket", or --batch FILE.')
        raise typer.Exit(2)
    if batch is not None and text:
        err_console.print("Give either a query or --batch FILE, not both.")
        raise typer.Exit(2)
    index = _load_index(corpus)
    if batch is not None:
        _answer_batch(index, batch, limit)
        return
    answer = index.answer(text, limit)
    if json_output:
        typer.echo(json.dumps(answer_to_json(answer), ensure_ascii=False))
    else:
        print_answer(Console(highlight=False), answer)


def _load_index(corpus: Path | None) -> LookupIndex:
    """Ingest the corpus and index it, or explain why not and exit 2."""
    from bot.corpus.configured import load_configured_corpus

    settings = corpus_settings(corpus)
    if not settings.corpus_dir.is_dir():
        err_console.print(f"Corpus directory not found: {settings.corpus_dir}", markup=False)
        raise typer.Exit(2)
    return LookupIndex.build(load_configured_corpus(settings))


def _answer_batch(index: LookupIndex, batch: Path, limit: int) -> None:
    """One JSON line per input line, in order (empty lines get the empty-query answer)."""
    try:
        source = (
            sys.stdin.read()
            if str(batch) == "-"
            else batch.read_text(encoding="utf-8", errors="replace")
        )
    except OSError as exc:
        err_console.print(f"Cannot read {batch}: {exc.strerror}", markup=False)
        raise typer.Exit(2) from None
    for line in source.splitlines():
        answer = index.answer(line, limit)
        typer.echo(json.dumps(answer_to_json(answer), ensure_ascii=False))


def print_answer(console: Console, answer: LookupAnswer) -> None:
    """The answer as a person reads it; report text is printed literally, never as markup."""
    if answer.message:
        console.print(answer.message, markup=False)
    for number, result in enumerate(answer.results, 1):
        console.print()
        if result.is_passage:
            _print_passage(console, number, answer.query, result)
        else:
            _print_result(console, number, result)
    if answer.suggestions:
        console.print()
        console.print("Did you mean:")
        for title in answer.suggestions:
            console.print(Text(f"  - {title}"))


def _print_result(console: Console, number: int, result: PaperResult) -> None:
    paper = result.paper
    _print_wrapped(console, f"{number}. {paper.title}", 0, "bold")
    facts = [
        ("aka", ", ".join(paper.aliases)),
        ("by", ", ".join(paper.authors)),
        ("link", paper.link or ""),
        ("discussed at", ", ".join(result.editions)),
    ]
    for label, value in facts:
        if value:
            _print_wrapped(console, f"{label}: {value}", 3)
    for mention in result.mentions:
        where = " ".join(str(p) for p in (mention.conference, mention.year) if p)
        _print_wrapped(
            console, f"{where} - {mention.report}" if where else mention.report, 3, "dim"
        )
        _print_wrapped(console, mention.snippet, 5)


def _print_passage(console: Console, number: int, query: str, result: PaperResult) -> None:
    """A passage that names no work: what the reports said, where."""
    _print_wrapped(console, f'{number}. What the reports said about "{query}"', 0, "bold")
    for mention in result.mentions:
        where = " ".join(str(p) for p in (mention.conference, mention.year) if p)
        label = " - ".join(p for p in (where, mention.report, " > ".join(mention.section)) if p)
        _print_wrapped(console, label, 3, "dim")
        _print_wrapped(console, mention.snippet, 5)


def _print_wrapped(console: Console, text: str, indent: int, style: str = "") -> None:
    """Print text wrapped to the console with a hanging indent and no trailing spaces."""
    width = max(40, min(console.width, 100))
    pad = " " * indent
    for line in textwrap.wrap(text, width, initial_indent=pad, subsequent_indent=pad) or [pad]:
        console.print(Text(line, style=style), soft_wrap=True)
