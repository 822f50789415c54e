"""What the store hands out: plain frozen records, detached from any database session."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from bot.ports import ChannelRef

DeliveryStatus = Literal["claimed", "sent", "failed"]


@dataclass(frozen=True, slots=True)
class Subscription:
    """A channel's standing order: one digest a week at a local weekday and time.

    ``effective_from`` is when this schedule took effect (subscribe, change, resume): the
    catch-up pass only makes up for slots at or after it, so subscribing on a Wednesday to
    Mondays does not post at once.
    """

    channel: ChannelRef
    weekday: str  # mon .. sun
    time: str  # HH:MM, 24 h, local to ``timezone``
    timezone: str  # IANA name
    topics: tuple[str, ...] = ()
    size: int = 4
    created_by: str = ""
    paused: bool = False
    paused_reason: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    effective_from: datetime | None = None


@dataclass(frozen=True, slots=True)
class DeliveryRecord:
    """One row of the delivery ledger: a channel's digest for one period (ISO week)."""

    channel: ChannelRef
    period: str
    status: DeliveryStatus
    claimed_by: str
    claimed_at: datetime
    attempts: int = 0
    last_error: str | None = None
    message_id: str | None = None
    sent_at: datetime | None = None
    paper_ids: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class CachedWork:
    """A metadata service's answer about one work, as the cache keeps it.

    ``record`` is the metadata as JSON, or None when the service does not know the work;
    ``expires_at`` (for those) says when to ask again.
    """

    service: str
    key: str
    record: dict[str, Any] | None
    fetched_at: datetime
    expires_at: datetime | None = None
