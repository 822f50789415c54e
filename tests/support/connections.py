"""One chat platform's connection of a bot under test, opened and always closed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.adapters.platforms import Connection
from bot.adapters.runtime import connections_for
from bot.app import App
from bot.digest.render import make_environment
from bot.settings import Settings


@asynccontextmanager
async def one_connection(settings: Settings) -> AsyncIterator[tuple[App, Connection]]:
    """The App and the one enabled platform's Connection (not started); closed after."""
    app = await App.open(settings)
    [connection] = await connections_for(app, make_environment(None))
    app.add_adapter(connection.adapter)
    try:
        yield app, connection
    finally:
        await connection.close()
        await app.close()
