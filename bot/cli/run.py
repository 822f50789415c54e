"""`flashback run|console|demo`: the bot itself."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

import typer

from bot.cli.common import CorpusOption, settings_or_exit
from bot.settings import Settings, SettingsError

DEMO_LINES = (
    "/flashback subscribe mon 09:00 UTC",
    "/flashback now",
    "/flashback status",
    "/paper lottery ticket",
)


def _start_logging(settings: Settings) -> None:
    from bot.ops.logging_setup import configure_logging

    configure_logging(settings)


def run(corpus: Path | None = CorpusOption) -> None:
    """Run the bot: Slack and/or Discord when their tokens are set, else the console."""
    from bot.adapters.console import stdin_lines
    from bot.adapters.runtime import serve, stop_on_signals
    from bot.app import StartupError
    from bot.ops.fatal import report_fatal, report_unexpected

    settings = settings_or_exit(corpus_dir=corpus)
    _start_logging(settings)

    async def main() -> None:
        stop = asyncio.Event()
        stop_on_signals(stop)  # first: from here on SIGTERM stops the bot gracefully
        # Commands on stdin only when a person is typing; under Docker the console just prints.
        lines = stdin_lines() if sys.stdin.isatty() else None
        await serve(settings, stop, console_lines=lines)

    try:
        asyncio.run(main())
    except SettingsError as exc:
        report_fatal(str(exc), "correct these variables in the environment or .env")
        raise typer.Exit(2) from None
    except StartupError as exc:
        report_fatal(str(exc), exc.fix)
        raise typer.Exit(1) from None
    except Exception as exc:
        report_unexpected(exc)
        raise typer.Exit(1) from None


def console(corpus: Path | None = CorpusOption) -> None:
    """Chat with the bot on this terminal: /paper ..., /flashback ... (you manage the channel)."""
    from bot.adapters.console import ConsoleAdapter, run_console, stdin_lines
    from bot.app import App
    from bot.digest.render import make_environment

    settings = settings_or_exit(corpus_dir=corpus)
    _start_logging(settings)

    async def main() -> None:
        app = await App.open(settings)
        adapter = ConsoleAdapter(make_environment(settings.templates_dir))
        app.add_adapter(adapter)
        try:
            await run_console(app.service, adapter, stdin_lines(), prompt=sys.stdin.isatty())
        finally:
            await app.close()

    asyncio.run(main())


def demo(corpus: Path | None = CorpusOption) -> None:
    """The bot's whole job once, on a throwaway SQLite file: subscribe, digest, lookup."""
    from bot.adapters.console import ConsoleAdapter, answer_line
    from bot.app import App
    from bot.digest.render import make_environment

    with tempfile.TemporaryDirectory(prefix="flashback-demo-") as data_dir:
        settings = settings_or_exit(corpus_dir=corpus, data_dir=Path(data_dir))
        _start_logging(settings)

        async def main() -> None:
            async with App.running(settings) as app:
                adapter = ConsoleAdapter(make_environment(settings.templates_dir))
                app.add_adapter(adapter)
                reports, papers = len(app.corpus.reports), len(app.corpus.papers)
                adapter.print(
                    f"Ingested {reports} reports and {papers} papers from "
                    f"{settings.corpus_dir}; database: a temporary SQLite file."
                )
                for line in DEMO_LINES:
                    adapter.print(f"\n> {line}")
                    reply = await answer_line(app.service, line)
                    if reply is not None:
                        adapter.show(reply)

        asyncio.run(main())
