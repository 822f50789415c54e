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
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from bot.calendar import Calendar, load_calendar
from bot.catalog.resolve import WorkMetadata, WorkRef, pending_refs
from bot.catalog.resolve.cache import Known, load_known
from bot.catalog.resolve.configured import progress_log, resolve_into_cache
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


class StartupError(Exception):
    """The bot cannot start (or cannot go on): said in one line, with what to do about it."""

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.fix = fix


async def _open_store(settings: Settings) -> Store:
    """The migrated store, or a StartupError saying why the database cannot be used."""
    from bot.ops.doctor import database_problem

    try:
        return await Store.open(settings.resolved_database_url, schema=settings.database_schema)
    except Exception as exc:  # every driver has its own errors; all mean "cannot use it"
        finding = database_problem(settings, exc)
        raise StartupError(finding.message, finding.fix) from exc


def _read_corpus(
    settings: Settings, metadata: Mapping[str, WorkMetadata] | None = None
) -> tuple[Corpus, LookupIndex]:
    """Ingest the corpus (its catalog refined by cached ``metadata``) and build its lookup
    index, saying how long each took."""
    log.info("corpus: reading %s", settings.corpus_dir)
    started = time.perf_counter()
    corpus = load_configured_corpus(settings, metadata=metadata)
    for problem in corpus.problems:
        verdict = "skipped" if problem.fatal else "note on"
        log.warning("corpus: %s %s: %s", verdict, problem.file, problem.reason)
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


async def _cached_metadata(settings: Settings, store: Store) -> Known:
    """What the metadata cache holds for the configured service (nothing when it is off)."""
    if not settings.metadata:
        return Known()
    known = await load_known(store, settings.metadata, utcnow())
    log.info(
        "metadata: the cache knows %d works from %s (%d unknown to it)",
        len(known.records),
        settings.metadata,
        len(known.missing),
    )
    return known


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
    # What the metadata cache holds (FLASHBACK_METADATA), grown by the background lookups.
    metadata: Known = field(default_factory=Known)
    _resync: asyncio.Task[object] | None = None
    _resolving: asyncio.Task[None] | None = None

    @classmethod
    async def open(
        cls,
        settings: Settings,
        *,
        adapters: Sequence[ChatAdapter] = (),
        clock: Clock = utcnow,
        choose: DigestChooser | None = None,
    ) -> App:
        """Open and migrate the store; load the corpus (with the metadata the cache holds),
        calendar and lookup index."""
        store = await _open_store(settings)
        try:
            known = await _cached_metadata(settings, store)
            fingerprint = await asyncio.to_thread(corpus_fingerprint, settings.corpus_dir)
            corpus, lookup = await asyncio.to_thread(_read_corpus, settings, known.records)
        except BaseException:
            # Stopped (or failed) while reading the corpus: the store's connections close
            # now, not when the event loop is already gone.
            await asyncio.shield(store.close())
            raise
        calendar = load_calendar()
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
        return cls(
            settings,
            corpus,
            calendar,
            store,
            service,
            scheduler,
            fingerprint=fingerprint,
            metadata=known,
        )

    async def reload_corpus_if_changed(self) -> bool:
        """Re-read the corpus when a report was added, edited or removed since the last read.

        The new corpus and lookup index are built off the event loop and swapped in together,
        so a lookup or a digest sees either the old corpus or the new one, never a mix.
        """
        fingerprint = await asyncio.to_thread(corpus_fingerprint, self.settings.corpus_dir)
        if fingerprint == self.fingerprint:
            return False
        await self._reread(fingerprint)
        self.resolve_metadata_soon()  # new entries may want looking up
        return True

    async def _reread(self, fingerprint: Fingerprint) -> None:
        """Read the corpus again with the metadata known now, and serve it."""
        # A copy: a background run may add records while the corpus is read in a thread.
        records = dict(self.metadata.records)
        corpus, lookup = await asyncio.to_thread(_read_corpus, self.settings, records)
        self.fingerprint, self.corpus = fingerprint, corpus
        self.service.replace_corpus(corpus, lookup)

    def resolve_metadata_soon(self) -> None:
        """Look up, in the background, the entries the metadata cache knows nothing of."""
        if self.settings.metadata and (self._resolving is None or self._resolving.done()):
            self._resolving = asyncio.create_task(self._resolve_metadata())

    async def metadata_settled(self) -> None:
        """Wait for the background metadata lookups in progress, if any, to finish."""
        if self._resolving is not None:
            await asyncio.shield(self._resolving)

    async def _resolve_metadata(self) -> None:
        """Background runs until every entry was asked once (a reload meanwhile may add
        some); after a run that resolved anything, the enriched corpus is swapped in. A
        service that is down costs a few log lines, never the bot."""
        asked: set[str] = set()
        try:
            while pending := [r for r in self._pending_refs() if r.key not in asked]:
                asked.update(ref.key for ref in pending)
                if not await self._resolve_run(pending):
                    break
        except Exception:
            log.exception("metadata: the background lookups stopped")

    def _pending_refs(self) -> list[WorkRef]:
        resolved = {c.entry for c in self.corpus.changes if c.action == "resolved"}
        return pending_refs(self.corpus.papers, self.metadata.keys, resolved)

    async def _resolve_run(self, pending: list[WorkRef]) -> bool:
        """One run over ``pending``; False when the service stopped answering."""
        service = self.settings.metadata
        log.info("metadata: looking up %d entries with %s in the background", len(pending), service)
        tally = await resolve_into_cache(
            self.settings, self.store, service, pending, self.metadata, progress=progress_log()
        )
        if tally.resolved:  # (the progress log has said how the run went)
            fingerprint = await asyncio.to_thread(corpus_fingerprint, self.settings.corpus_dir)
            await self._reread(fingerprint)
        return tally.stopped is None

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
        self.resolve_metadata_soon()
        log.info(
            "scheduler started: %d subscriptions scheduled, %d caught up",
            report.added,
            report.caught_up,
        )

    async def close(self) -> None:
        """Stop the background lookups and the scheduler (finishing or releasing in-flight
        posts), close the store."""
        if self._resolving is not None:
            self._resolving.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._resolving
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
