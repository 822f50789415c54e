"""Database fixtures: every store test runs on SQLite and on PostgreSQL.

PostgreSQL comes from FLASHBACK_TEST_POSTGRES_URL; each test gets a fresh schema (dropped
afterwards), so parallel runs and reruns never collide and nothing stays in ``public``.
Without the URL, or when the server cannot be reached, the PostgreSQL half skips, unless
FLASHBACK_REQUIRE_POSTGRES=1 (CI), which turns that into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.settings import Settings
from bot.store import Store


@dataclass(frozen=True)
class Database:
    """Where a test's tables live: a URL plus, on PostgreSQL, a private schema."""

    kind: str  # sqlite | postgres
    url: str
    schema: str | None = None

    def settings(self, **overrides: Any) -> Settings:
        """Settings pointing at this database (overrides win)."""
        values: dict[str, Any] = {"database_url": self.url, "database_schema": self.schema}
        values.update(overrides)
        return Settings(**values)

    def env(self) -> dict[str, str]:
        """The FLASHBACK_ variables that point a bot process at this database."""
        env = {"FLASHBACK_DATABASE_URL": self.url}
        if self.schema:
            env["FLASHBACK_DATABASE_SCHEMA"] = self.schema
        return env

    async def open_store(self) -> Store:
        """A migrated store on this database."""
        return await Store.open(self.url, schema=self.schema)


def postgres_url() -> str | None:
    """The test server's URL, or None (skip) / a failure (CI) when it is not configured."""
    url = os.environ.get("FLASHBACK_TEST_POSTGRES_URL")
    if not url:
        _skip_or_fail("FLASHBACK_TEST_POSTGRES_URL is not set")
    return url


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("FLASHBACK_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required (FLASHBACK_REQUIRE_POSTGRES=1): {reason}")
    pytest.skip(f"PostgreSQL unavailable: {reason}")


async def _postgres_schema(url: str) -> AsyncIterator[Database]:
    schema = f"test_{uuid.uuid4().hex[:12]}"
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # cannot connect: skip, or fail in CI
        await engine.dispose()
        _skip_or_fail(f"{type(exc).__name__}: {exc}")
    try:
        yield Database("postgres", url, schema)
    finally:
        async with engine.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        await engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """An empty database of each kind: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield Database("sqlite", f"sqlite+aiosqlite:///{tmp_path / 'flashback.db'}")
        return
    url = postgres_url()
    assert url is not None
    async for db in _postgres_schema(url):
        yield db


@pytest.fixture
async def postgres_database() -> AsyncIterator[Database]:
    """A fresh PostgreSQL schema (for tests that need several processes on one server)."""
    url = postgres_url()
    assert url is not None
    async for db in _postgres_schema(url):
        yield db


@pytest.fixture
async def store(database: Database) -> AsyncIterator[Store]:
    """A migrated store on each kind of database."""
    opened = await database.open_store()
    try:
        yield opened
    finally:
        await opened.close()
