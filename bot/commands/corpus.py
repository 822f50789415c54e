"""`flashback corpus check|snippets|papers`: what ingestion made of the corpus."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.commands.common import CorpusOption, corpus_settings

app = typer.Typer(help="Inspect what ingestion makes of the corpus.", no_args_is_help=True)


@app.command()
def check(corpus: Path | None = CorpusOption, json_output: bool = typer.Option(False, "--json")) -> None:
    """One line per report: form, encoding, conference, year, counts, problems."""
    from bot.corpus import load_corpus

    settings = corpus_settings(corpus)
    result = load_corpus(settings.corpus_dir, settings.max_report_bytes)
    for report in result.reports:
        typer.echo(f"{report.id}: {report.form} {len(report.snippets)} snippets")
