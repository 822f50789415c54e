"""Opening the database: the async engine for a URL, SQLite tuning, schema migrations."""

from __future__ import annotations

import asyncio
import weakref
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any fixed number: replicas starting together take this lock so one of them migrates.
_MIGRATION_LOCK = 0x466C6173
_LOCKS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def create_engine(url: str, *, schema: str | None = None) -> AsyncEngine:
    """An async engine for ``url``; ``schema`` sets PostgreSQL's search_path.

    SQLite gets WAL and a busy timeout so a writer waits for another instead of failing.
    """
    parsed = make_url(url)
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        connect_args["timeout"] = 30
    elif schema and parsed.get_driver_name() == "asyncpg":
        connect_args["server_settings"] = {"search_path": schema}
    elif schema:
        connect_args["options"] = f"-csearch_path={schema}"
    engine = create_async_engine(url, connect_args=connect_args, pool_pre_ping=True)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine.sync_engine, "connect", _tune_sqlite)
    return engine


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def alembic_config(url: str | None = None) -> Config:
    """The Alembic configuration of the packaged migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


async def upgrade(engine: AsyncEngine, *, schema: str | None = None) -> None:
    """Bring the schema to the newest revision; safe when several replicas start together.

    PostgreSQL: an advisory lock serialises the migrators. SQLite: the migration runs in one
    BEGIN IMMEDIATE transaction, which holds the file's write lock until it commits.
    """
    # Alembic's ``context`` and ``op`` are process-wide proxies: one migration at a time here.
    async with _local_lock():
        await _upgrade_locked(engine, schema)


def _local_lock() -> asyncio.Lock:
    loop = asyncio.get_running_loop()
    return _LOCKS.setdefault(loop, asyncio.Lock())


async def _upgrade_locked(engine: AsyncEngine, schema: str | None) -> None:
    if engine.dialect.name == "sqlite":
        engine = _sqlite_migration_engine(engine)
        try:
            await _upgrade_on(engine, schema)
        finally:
            await engine.dispose()
        return
    await _upgrade_on(engine, schema)


def _sqlite_migration_engine(engine: AsyncEngine) -> AsyncEngine:
    """A private engine whose transactions really begin (and begin IMMEDIATE)."""
    private = create_async_engine(engine.url, connect_args={"timeout": 30})

    def autocommit_driver(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's BEGIN below be the only transaction control (pysqlite's
        # implicit transactions leave DDL outside any transaction).
        dbapi_connection.isolation_level = None

    def begin_immediate(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(private.sync_engine, "connect", autocommit_driver)
    event.listen(private.sync_engine, "begin", begin_immediate)
    return private


async def _upgrade_on(engine: AsyncEngine, schema: str | None) -> None:
    async with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK}
            )
            if schema:
                await connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        await connection.run_sync(_upgrade_sync)
        await connection.commit()


def _upgrade_sync(connection: Connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def current_revision(engine: AsyncEngine) -> str | None:
    """The revision the database is at, or None before the first migration."""
    async with engine.connect() as connection:
        return await connection.run_sync(
            lambda sync: MigrationContext.configure(sync).get_current_revision()
        )


def head_revision() -> str | None:
    """The newest revision the package ships."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
