"""Alembic environment: migrate with the bot's async engine.

The bot calls Alembic from inside its event loop and hands over an open connection in
``config.attributes["connection"]``; run by the ``alembic`` tool instead, this builds an
async engine from ``sqlalchemy.url`` (or the bot's settings) and runs it with asyncio.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from bot.store.tables import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from bot.settings import load_settings

    return load_settings().resolved_database_url


def run_with(connection: Connection) -> None:
    """Run the migrations on an open synchronous-facade connection."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_async() -> None:
    """Open an async engine on the URL and migrate through it."""
    engine = create_async_engine(_url())
    async with engine.connect() as connection:
        await connection.run_sync(run_with)
        await connection.commit()
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif (given := config.attributes.get("connection")) is not None:
    run_with(given)
else:
    asyncio.run(run_async())
