"""`flashback discord sync|invite`: registering the slash commands, and the invite URL.

Mounted by the CLI from the Discord platform's ``commands`` (see ``platform.py``); discord.py
loads only when one of these runs. An ordinary set-up mistake (the bot not invited yet, a
refused token, no network) is one line naming the fix and exit code 1, never a traceback.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from bot.cli.common import err_console, settings_or_exit

if TYPE_CHECKING:
    from bot.settings import Settings

T = TypeVar("T")

app = typer.Typer(
    help="Discord: register the slash commands, build the invite URL.", no_args_is_help=True
)


def _fail(message: str, code: int) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _settings_with_token(missing: str) -> Settings:
    settings = settings_or_exit()
    if settings.discord_token is None:
        raise _fail(missing, 2)
    return settings


def _run(call: Coroutine[Any, Any, T]) -> T:
    """Run ``call``; a SetupError is its one line on stderr and exit code 1."""
    from bot.adapters.discord.refusals import SetupError

    try:
        return asyncio.run(call)
    except SetupError as error:
        raise _fail(str(error), 1) from None


@app.command()
def sync(
    guild: int | None = typer.Option(
        None, "--guild", help="Sync to one server (instant; for testing) instead of globally."
    ),
    clear: bool = typer.Option(
        False, "--clear", help="With --guild: remove the commands synced to that server."
    ),
) -> None:
    """Register the slash commands with Discord (after inviting the bot, and after upgrades)."""
    from bot.adapters.discord.sync import clear_commands, sync_commands

    if clear and guild is None:
        raise _fail("--clear needs --guild: it removes the commands synced to one server", 2)
    settings = _settings_with_token("set FLASHBACK_DISCORD_TOKEN first")
    if clear and guild is not None:
        _run(clear_commands(settings, guild))
        typer.echo(f"cleared the commands synced to server {guild}; global commands stay")
        return
    names = ", ".join(sorted(_run(sync_commands(settings, guild))))
    if guild:
        typer.echo(f"synced {names} to server {guild}")
        typer.echo(
            "If they are also synced globally, each shows twice there: "
            f"`flashback discord sync --guild {guild} --clear` removes this server's copy."
        )
    else:
        typer.echo(f"synced {names} globally (every server the bot is in)")


@app.command()
def invite(
    client_id: int | None = typer.Option(
        None, "--client-id", help="Application id (default: asked of Discord with the token)."
    ),
) -> None:
    """Print the URL that adds the bot to a server, with the scopes and permissions it needs."""
    from bot.adapters.discord.sync import application_id, invite_url

    if client_id is None:
        settings = _settings_with_token("give --client-id or set FLASHBACK_DISCORD_TOKEN")
        client_id = _run(application_id(settings))
    typer.echo(invite_url(client_id))
