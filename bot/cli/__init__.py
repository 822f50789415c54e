"""The `flashback` command: one Typer app, one sub-module per command group.

A chat platform may bring a group of its own (`flashback discord ...`), mounted from its
ChatPlatform's ``commands``.
"""

from __future__ import annotations

import typer

from bot.adapters.platforms import chat_platforms
from bot.cli import corpus as corpus_commands
from bot.cli import db as db_commands
from bot.cli import digest as digest_commands
from bot.cli import doctor as doctor_commands
from bot.cli import health as health_commands
from bot.cli import paper as paper_commands
from bot.cli import run as run_commands
from bot.cli import settings as settings_commands

app = typer.Typer(
    name="flashback",
    help="Conference Flashback: weekly conference flashbacks and /paper lookups.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
app.add_typer(corpus_commands.app, name="corpus")
app.add_typer(db_commands.app, name="db")
app.add_typer(digest_commands.app, name="digest")
app.command()(health_commands.health)
app.command()(doctor_commands.doctor)
app.command()(paper_commands.paper)
app.add_typer(settings_commands.app, name="settings")
app.command()(run_commands.run)
app.command()(run_commands.console)
app.command()(run_commands.demo)
for _platform in chat_platforms():  # `flashback discord sync|invite` and the like
    if _platform.commands is not None:
        app.add_typer(_platform.commands(), name=_platform.name)


def main() -> None:
    """Entry point of the console script and of `python -m bot`."""
    from bot.ops.logging_setup import RedactingFilter, install_record_redaction

    # Token-shaped strings are redacted from every log record of every command, even before
    # (or without) configure_logging, which adds the configured secrets themselves.
    install_record_redaction(RedactingFilter())
    app()
