"""Metadata resolution the way Settings say: which service, how fast, and into the cache."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiohttp

from bot import __version__
from bot.catalog.resolve import arxiv, openalex, semanticscholar
from bot.catalog.resolve.cache import Known, cached_works
from bot.catalog.resolve.http import Policy, ServiceClient
from bot.catalog.resolve.model import Outcome, Resolver, WorkRef
from bot.catalog.resolve.run import Progress, Tally, resolve_works
from bot.settings import Settings
from bot.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Service:
    """A metadata service we know: how to build its resolver, its API and its pace."""

    make: Callable[[ServiceClient, str], Resolver]
    url: str
    interval: float


SERVICES: dict[str, Service] = {
    "arxiv": Service(arxiv.ArxivResolver, arxiv.DEFAULT_URL, arxiv.DEFAULT_INTERVAL),
    "openalex": Service(openalex.OpenAlexResolver, openalex.DEFAULT_URL, openalex.DEFAULT_INTERVAL),
    "semanticscholar": Service(
        semanticscholar.SemanticScholarResolver,
        semanticscholar.DEFAULT_URL,
        semanticscholar.DEFAULT_INTERVAL,
    ),
}


def policy(settings: Settings, service: str) -> Policy:
    """How ``service`` may be asked, from the settings and its published rate."""
    interval = settings.metadata_interval_seconds
    return Policy(
        interval=SERVICES[service].interval if interval is None else interval,
        timeout=settings.metadata_timeout_seconds,
        attempts=settings.metadata_attempts,
        max_wait=settings.metadata_max_wait_seconds,
        backoff=settings.metadata_backoff_seconds,
    )


@asynccontextmanager
async def open_resolver(settings: Settings, service: str) -> AsyncIterator[Resolver]:
    """The resolver of ``service`` over a session of its own, closed on the way out."""
    headers = {"User-Agent": f"conference-flashback/{__version__}"}
    params: dict[str, str] = {}
    contact = settings.metadata_contact
    key = settings.metadata_api_key.get_secret_value() if settings.metadata_api_key else None
    if contact:
        headers["User-Agent"] += f" (mailto:{contact})"
    if service == "openalex":
        params.update({"mailto": contact} if contact else {})
        params.update({"api_key": key} if key else {})
    if service == "semanticscholar" and key:
        headers["x-api-key"] = key
    async with aiohttp.ClientSession() as session:
        client = ServiceClient(
            session, service, policy(settings, service), headers=headers, params=params
        )
        yield SERVICES[service].make(client, settings.metadata_api_url or SERVICES[service].url)


async def resolve_into_cache(
    settings: Settings,
    store: Store,
    service: str,
    refs: Sequence[WorkRef],
    known: Known,
    *,
    progress: Progress | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Tally:
    """Look ``refs`` up with ``service``; each step's answers go to the cache and ``known``."""
    not_found_for = timedelta(days=settings.metadata_not_found_days)

    async def sink(outcomes: list[Outcome]) -> None:
        known.learn(outcomes)
        await store.put_cached_works(cached_works(outcomes, service, clock(), not_found_for))

    async with open_resolver(settings, service) as resolver:
        return await resolve_works(resolver, refs, sink, progress=progress)


def progress_every(seconds: float, emit: Callable[[Tally], None]) -> Progress:
    """A progress callback that hands the tally to ``emit`` every ``seconds``, and at the end."""
    last = time.monotonic()

    def report(tally: Tally) -> None:
        nonlocal last
        now = time.monotonic()
        if tally.done >= tally.total or now - last >= seconds:
            last = now
            emit(tally)

    return report


def progress_log(seconds: float = 30.0) -> Progress:
    """Progress as log lines (the running bot's background lookups)."""
    return progress_every(seconds, lambda tally: log.info("metadata: %s", tally.summary()))
