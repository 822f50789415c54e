"""`flashback discord sync|invite`: registering the slash commands, and the invite URL.

Mounted by the CLI from the Discord platform's ``commands`` (see ``platform.py``); discord.py
loads only when one of these runs.
"""

from __future__ import annotations

import asyncio

import typer

from bot.cli.common import err_console, settings_or_exit

app = typer.Typer(
    help="Discord: register the slash commands, build the invite URL.", no_args_is_help=True
)


@app.command()
def sync(
    guild: int | None = typer.Option(
        None, "--guild", help="Sync to one server (instant) instead of globally (up to an hour)."
    ),
) -> None:
    """Register the slash commands with Discord (do it after install and after upgrades)."""
    from bot.adapters.discord.sync import sync_commands

    settings = settings_or_exit()
    if settings.discord_token is None:
        err_console.print("[red]error:[/red] set FLASHBACK_DISCORD_TOKEN first", highlight=False)
        raise typer.Exit(2)
    names = asyncio.run(sync_commands(settings, guild))
    where = f"server {guild}" if guild else "every server (global; may take up to an hour)"
    typer.echo(f"synced {len(names)} commands to {where}: {', '.join(sorted(names))}")


@app.command()
def invite(
    client_id: int | None = typer.Option(
        None, "--client-id", help="Application id (default: asked of Discord with the token)."
    ),
) -> None:
    """Print the URL that adds the bot to a server, with the scopes and permissions it needs."""
    from bot.adapters.discord.sync import application_id, invite_url

    if client_id is None:
        settings = settings_or_exit()
        if settings.discord_token is None:
            err_console.print(
                "[red]error:[/red] give --client-id or set FLASHBACK_DISCORD_TOKEN", highlight=False
            )
            raise typer.Exit(2)
        client_id = asyncio.run(application_id(settings))
    typer.echo(invite_url(client_id))
