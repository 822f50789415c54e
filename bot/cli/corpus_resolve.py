"""`flashback corpus resolve`: fill the metadata cache now, and export it beside the corpus."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from bot.catalog.resolve import METADATA_FILE, WorkMetadata, pending_refs, read_metadata_file
from bot.catalog.resolve.cache import Known, load_known
from bot.catalog.resolve.configured import SERVICES, progress_every, resolve_into_cache
from bot.catalog.resolve.file import write_metadata_file
from bot.catalog.resolve.run import Tally
from bot.cli.common import CorpusOption, corpus_settings, err_console
from bot.corpus.configured import load_configured_corpus
from bot.ops.logging_setup import configure_logging
from bot.settings import Settings
from bot.store import Store

ServiceOption = typer.Option(
    None,
    "--service",
    help="arxiv, openalex or semanticscholar (default: FLASHBACK_METADATA).",
)
ExportOption = typer.Option(
    None,
    "--export",
    help=f"Also write what is known to this JSON file (keep it as {METADATA_FILE} in the corpus folder).",
    dir_okay=False,
)


def resolve(
    corpus: Path | None = CorpusOption,
    service: str | None = ServiceOption,
    export: Path | None = ExportOption,
) -> None:
    """Look up the catalog entries the metadata cache knows nothing of, with progress.

    Prints how many were resolved, not found and failed. Exits 1 when the service stopped
    answering (what was learned is kept), 2 when no service is chosen.
    """
    settings = corpus_settings(corpus)
    chosen = (service or settings.metadata).strip().lower()
    if chosen not in SERVICES:
        err_console.print(
            "[red]error:[/red] choose a metadata service: --service arxiv|openalex|semanticscholar "
            "or FLASHBACK_METADATA",
            highlight=False,
        )
        raise typer.Exit(2)
    # The service's refusals and failures are logged as they happen, as the running bot does.
    configure_logging(settings)
    console = Console(highlight=False, soft_wrap=True)
    tally = asyncio.run(_resolve(settings, chosen, export, console))
    if tally.stopped:
        raise typer.Exit(1)


async def _resolve(
    settings: Settings, service: str, export: Path | None, console: Console
) -> Tally:
    """Read the corpus with what the cache knows, look the rest up, print how it went."""
    store = await Store.open(settings.resolved_database_url, schema=settings.database_schema)
    try:
        known = await load_known(store, service, datetime.now(UTC))
        corpus = await asyncio.to_thread(load_configured_corpus, settings, metadata=known.records)
        resolved = {c.entry for c in corpus.changes if c.action == "resolved"}
        pending = pending_refs(corpus.papers, known.keys, resolved)
        console.print(
            f"{len(corpus.papers)} entries: {len(resolved)} described already, "
            f"{len(pending)} to look up with {service}"
        )
        progress = progress_every(5.0, lambda t: console.print(f"  {t.summary()}"))
        tally = await resolve_into_cache(
            settings, store, service, pending, known, progress=progress
        )
        console.print(
            f"resolved {tally.resolved}, not found {tally.not_found}, failed {tally.failed}"
        )
        if tally.stopped:
            console.print(f"[yellow]stopped early:[/yellow] {escape(tally.stopped)}")
        if export is not None:
            _export(export, known, settings, console)
        return tally
    finally:
        await store.close()


def _export(path: Path, known: Known, settings: Settings, console: Console) -> None:
    """Write the cache's records, and those of the corpus folder's own file (which win, as
    at load: a hand correction survives a re-export)."""
    kept, _ = read_metadata_file(settings.corpus_dir / METADATA_FILE)
    records = {**known.records, **kept}
    write_metadata_file(path, records)
    console.print(f"wrote {len(records)} works to {escape(str(path))}")


def cached_records(settings: Settings) -> dict[str, WorkMetadata] | None:
    """The metadata cache's records for FLASHBACK_METADATA (None when it is off, or the
    database cannot be read: then the catalog is shown without them, and a warning says so)."""
    if not settings.metadata:
        return None
    try:
        known = asyncio.run(_known(settings, settings.metadata))
    except Exception as exc:  # the catalog is still worth showing
        err_console.print(
            f"[yellow]warning:[/yellow] metadata cache not read ({type(exc).__name__})"
        )
        return None
    return known.records


async def _known(settings: Settings, service: str) -> Known:
    store = await Store.open(settings.resolved_database_url, schema=settings.database_schema)
    try:
        return await load_known(store, service, datetime.now(UTC))
    finally:
        await store.close()
