"""Building the whole bot from Settings: open everything at start-up, close it at shutdown.

    app = await App.open(settings)          # corpus, calendar, lookup, store (migrated), service
    app.add_adapter(slack_adapter)          # adapters need app.service for their commands
    await app.start()                       # the scheduler: first sync + catch-up
    ...
    await app.close()                       # finish or release in-flight posts, close the store

or ``async with App.running(settings, adapters) as app: ...`` for all of it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.calendar import Calendar, load_calendar
from bot.corpus.configured import load_configured_corpus
from bot.corpus.fingerprint import Fingerprint, corpus_fingerprint
from bot.digest.ranking import shared_pool
from bot.lookup import LookupIndex
from bot.models import Corpus
from bot.ports import ChatAdapter
from bot.schedule.scheduler import DigestScheduler
from bot.service import Clock, DigestChooser, Service, utcnow
from bot.settings import Settings
from bot.store.store import Store

log = logging.getLogger(__name__)

CORPUS_WATCH_JOB = "corpus-watch"


def _read_corpus(settings: Settings) -> tuple[Corpus, LookupIndex]:
    """Ingest the corpus and build its lookup index, saying how long each took."""
    log.info("corpus: reading %s", settings.corpus_dir)
    started = time.perf_counter()
    corpus = load_configured_corpus(settings)
    for problem in corpus.problems:
        log.warning("corpus: skipped %s: %s", problem.file, problem.reason)
    read = time.perf_counter()
    lookup = LookupIndex.build(corpus)
    log.info(
        "corpus: %d reports, %d snippets, %d papers in %.1f s; lookup index in %.1f s",
        len(corpus.reports),
        len(corpus.snippets),
        len(corpus.papers),
        read - started,
        time.perf_counter() - read,
    )
    # The digests' shared ranking too, here off the event loop (a large corpus takes a second).
    shared_pool(corpus, load_calendar())
    return corpus, lookup


@dataclass
class App:
    """Every long-lived part of a running bot, built once from Settings."""

    settings: Settings
    corpus: Corpus
    calendar: Calendar
    store: Store
    service: Service
    scheduler: DigestScheduler
    fingerprint: Fingerprint = ()
    started: bool = False
    _resync: asyncio.Task[object] | None = None

    @classmethod
    async def open(
        cls,
        settings: Settings,
        *,
        adapters: Sequence[ChatAdapter] = (),
        clock: Clock = utcnow,
        choose: DigestChooser | None = None,
    ) -> App:
        """Load the corpus, calendar and lookup index; open and migrate the store."""
        fingerprint = await asyncio.to_thread(corpus_fingerprint, settings.corpus_dir)
        corpus, lookup = await asyncio.to_thread(_read_corpus, settings)
        calendar = load_calendar()
        store = await Store.open(settings.resolved_database_url, schema=settings.database_schema)
        service = Service(
            settings=settings,
            store=store,
            corpus=corpus,
            calendar=calendar,
            lookup=lookup,
            clock=clock,
            choose=choose,
        )
        for adapter in adapters:
            service.add_adapter(adapter)
        scheduler = DigestScheduler(service, settings, clock)
        return cls(settings, corpus, calendar, store, service, scheduler, fingerprint=fingerprint)

    async def reload_corpus_if_changed(self) -> bool:
        """Re-read the corpus when a report was added, edited or removed since the last read.

        The new corpus and lookup index are built off the event loop and swapped in together,
        so a lookup or a digest sees either the old corpus or the new one, never a mix.
        """
        fingerprint = await asyncio.to_thread(corpus_fingerprint, self.settings.corpus_dir)
        if fingerprint == self.fingerprint:
            return False
        corpus, lookup = await asyncio.to_thread(_read_corpus, self.settings)
        self.fingerprint, self.corpus = fingerprint, corpus
        self.service.replace_corpus(corpus, lookup)
        return True

    def add_adapter(self, adapter: ChatAdapter) -> None:
        """Let the bot post to ``adapter.platform`` (after ``start``, a sync schedules it)."""
        self.service.add_adapter(adapter)
        if self.started:
            self._resync = asyncio.create_task(self.scheduler.sync())

    async def start(self) -> None:
        """Start the scheduler (its first sync catches up on missed digests), and the corpus
        watch that picks up reports dropped into the corpus directory while the bot runs."""
        report = await self.scheduler.start()
        if self.settings.corpus_reload_seconds:
            self.scheduler.add_periodic(
                self.reload_corpus_if_changed,
                self.settings.corpus_reload_seconds,
                CORPUS_WATCH_JOB,
            )
        self.started = True
        log.info(
            "scheduler started: %d subscriptions scheduled, %d caught up",
            report.added,
            report.caught_up,
        )

    async def close(self) -> None:
        """Stop the scheduler (finishing or releasing in-flight posts), close the store."""
        await self.scheduler.shutdown()
        await self.store.close()

    @classmethod
    @asynccontextmanager
    async def running(
        cls,
        settings: Settings,
        adapters: Sequence[ChatAdapter] = (),
        *,
        clock: Clock = utcnow,
        choose: DigestChooser | None = None,
    ) -> AsyncIterator[App]:
        """Open, start, and always close the app."""
        app = await cls.open(settings, adapters=adapters, clock=clock, choose=choose)
        try:
            await app.start()
            yield app
        finally:
            await app.close()
