"""Shared fixtures. Every test starts from a clean environment, so no real token leaks in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.corpus import load_corpus
from bot.models import Corpus
from bot.paths import shipped_corpus_dir

REPO_ROOT = Path(__file__).resolve().parent.parent

# `database` (sqlite + postgres), `postgres_database` and `store` fixtures.
pytest_plugins = ["tests.support.databases"]


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Drop every FLASHBACK_ variable and run in a temp dir (no stray .env is read)."""
    for name in list(os.environ):
        if name.startswith("FLASHBACK_") and name not in {
            "FLASHBACK_TEST_POSTGRES_URL",
            "FLASHBACK_REQUIRE_POSTGRES",
        }:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    yield


@pytest.fixture(scope="session")
def shipped_corpus() -> Corpus:
    """The five shipped reports, ingested once per test session."""
    return load_corpus(shipped_corpus_dir())
