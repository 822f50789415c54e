"""What the service, scheduler and delivery tests share: a clock, a small corpus, a service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.adapters.memory import InMemoryAdapter
from bot.calendar import load_calendar
from bot.models import Corpus, Mention, Paper, Report, Snippet
from bot.service import Service
from bot.store import Store
from tests.support.databases import Database


@dataclass
class Clock:
    """A clock the test moves by hand."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def small_corpus(papers: int = 12) -> Corpus:
    """One report discussing ``papers`` papers, one well-scored snippet each."""
    report = Report(
        id="iclr-2019.md",
        file="iclr-2019.md",
        form="markdown",
        encoding="utf-8",
        title="ICLR 2019 trip report",
        conference="ICLR",
        year=2019,
    )
    catalog = []
    for i in range(papers):
        snippet = Snippet(
            id=f"iclr-2019.md#{i}",
            report=report.id,
            section=("Talks", f"Topic {i}"),
            text=f"Paper number {i} showed something rather remarkable about deep networks.",
            score=0.8,
            papers=[f"t:paper-{i}"],
            position=i,
        )
        report.snippets.append(snippet)
        mention = Mention(report.id, "ICLR", 2019, snippet.id)
        catalog.append(Paper(id=f"t:paper-{i}", title=f"Paper {i}", mentions=[mention]))
    return Corpus(reports=[report], papers=catalog)


def make_service(
    store: Store,
    database: Database,
    clock: Clock,
    adapter: InMemoryAdapter | None = None,
    **settings: Any,
) -> Service:
    """A service on ``store`` posting to ``adapter`` (platform "memory")."""
    options: dict[str, Any] = {"delivery_backoff_seconds": 0.01, "replica_id": "test-replica"}
    options.update(settings)
    service = Service(
        settings=database.settings(**options),
        store=store,
        corpus=small_corpus(),
        calendar=load_calendar(),
        clock=clock,
    )
    service.add_adapter(adapter or InMemoryAdapter())
    return service


# A Wednesday in ISO week 2026-W19.
WEDNESDAY = datetime(2026, 5, 6, 12, 0, tzinfo=UTC)
