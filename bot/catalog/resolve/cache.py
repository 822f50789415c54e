"""The metadata cache in the database: what is known, and outcomes stored as they come."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pydantic import ValidationError

from bot.catalog.resolve.model import Outcome, WorkMetadata, first_error
from bot.store import CachedWork, Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Known:
    """What the cache holds for one service: records by key, and keys it does not know."""

    records: dict[str, WorkMetadata] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)

    @property
    def keys(self) -> set[str]:
        return self.missing | self.records.keys()

    def learn(self, outcomes: Iterable[Outcome]) -> None:
        """Remember found and not-found outcomes (failures are not knowledge)."""
        for outcome in outcomes:
            if outcome.failed:
                continue
            if outcome.metadata is None:
                self.missing.add(outcome.ref.key)
            else:
                self.records[outcome.ref.key] = outcome.metadata
                self.missing.discard(outcome.ref.key)


async def load_known(store: Store, service: str, now: datetime) -> Known:
    """Everything the cache holds for ``service`` that has not expired."""
    known = Known()
    for work in await store.cached_works(service, now):
        if work.record is None:
            known.missing.add(work.key)
            continue
        try:
            known.records[work.key] = WorkMetadata.model_validate(work.record)
        except ValidationError as exc:  # written by another version, or by hand
            log.warning(
                "metadata: cached record %r unusable (%s); asked again", work.key, first_error(exc)
            )
    return known


def cached_works(
    outcomes: Iterable[Outcome], service: str, now: datetime, not_found_for: timedelta
) -> list[CachedWork]:
    """Outcomes as cache rows: found ones for good, not-found ones until they expire."""
    return [
        CachedWork(
            service=service,
            key=outcome.ref.key,
            record=outcome.metadata.as_json() if outcome.metadata else None,
            fetched_at=now,
            expires_at=None if outcome.metadata else now + not_found_for,
        )
        for outcome in outcomes
        if not outcome.failed
    ]
