"""What every command shares: loading settings with a clear error, the --corpus option."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from bot.settings import Settings, SettingsError, load_settings

err_console = Console(stderr=True)

CorpusOption = typer.Option(
    None,
    "--corpus",
    help="Corpus directory (default: FLASHBACK_CORPUS_DIR or the shipped corpus).",
    exists=False,
)


def settings_or_exit(**overrides: Any) -> Settings:
    """Load settings; on a bad value print which variable is wrong and exit 2."""
    try:
        return load_settings(**{k: v for k, v in overrides.items() if v is not None})
    except SettingsError as exc:
        err_console.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None


def corpus_settings(corpus: Path | None) -> Settings:
    """Settings with --corpus applied when given."""
    return settings_or_exit(corpus_dir=corpus)
