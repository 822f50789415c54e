"""`flashback db upgrade|current`: the database schema (start-up also upgrades it)."""

from __future__ import annotations

import asyncio

import typer

from bot.cli.common import settings_or_exit

app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)


@app.command()
def upgrade() -> None:
    """Apply every pending migration to FLASHBACK_DATABASE_URL (default: SQLite in data/)."""
    from bot.store.database import create_engine, current_revision
    from bot.store.database import upgrade as upgrade_schema

    settings = settings_or_exit()

    async def run() -> str | None:
        engine = create_engine(settings.resolved_database_url, schema=settings.database_schema)
        try:
            await upgrade_schema(engine, schema=settings.database_schema)
            return await current_revision(engine)
        finally:
            await engine.dispose()

    revision = asyncio.run(run())
    typer.echo(f"database at revision {revision} ({_safe_url(settings.resolved_database_url)})")


@app.command()
def current() -> None:
    """Print the database's schema revision and the newest one this version ships."""
    from bot.store.database import create_engine, current_revision, head_revision

    settings = settings_or_exit()

    async def run() -> str | None:
        engine = create_engine(settings.resolved_database_url, schema=settings.database_schema)
        try:
            return await current_revision(engine)
        finally:
            await engine.dispose()

    typer.echo(f"current: {asyncio.run(run()) or 'none'}  head: {head_revision()}")


def _safe_url(url: str) -> str:
    """The URL with any password hidden, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
