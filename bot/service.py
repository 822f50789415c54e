"""What the bot can do, platform-neutral: look up papers, manage subscriptions, deliver.

Adapters turn a chat event into one of these calls and the result into a reply. Who may
manage a channel is the adapter's business (only it knows the platform's roles); the service
records the actor as ``created_by``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.digest.source import DigestChooser, DigestSource
from bot.ports import (
    ChannelRef,
    ChatAdapter,
    PermanentPostError,
    PostError,
    TransientPostError,
)
from bot.schedule.delivery import Deliverer, DeliveryOutcome
from bot.schedule.periods import last_slot, next_slot, period_of
from bot.schedule.subscription_rules import (
    ValidationProblem,
    parse_size,
    parse_time,
    parse_timezone,
    parse_topics,
    parse_weekday,
)
from bot.store.records import DeliveryRecord, Subscription
from bot.store.store import Store

if TYPE_CHECKING:
    from bot.calendar import Calendar
    from bot.digest.model import Digest
    from bot.lookup import LookupAnswer, LookupIndex
    from bot.models import Corpus, Paper
    from bot.settings import Settings

__all__ = [
    "ChannelRef",
    "ChannelStatus",
    "ChatAdapter",
    "DeliveryOutcome",
    "DigestChooser",
    "PermanentPostError",
    "PostError",
    "Service",
    "Subscription",
    "TransientPostError",
    "ValidationProblem",
]

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    """The current aware UTC time: the default clock."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class ChannelStatus:
    """What ``/flashback status`` shows for a channel."""

    channel: ChannelRef
    subscription: Subscription | None
    next_run: datetime | None  # aware, in the subscription's timezone; None when paused
    paused_reason: str | None
    last_delivery: DeliveryRecord | None


class Service:
    """The platform-neutral operations, over one store, corpus, calendar and lookup index."""

    def __init__(
        self,
        *,
        settings: Settings,
        store: Store,
        corpus: Corpus,
        calendar: Calendar,
        lookup: LookupIndex | None = None,
        adapters: dict[str, ChatAdapter] | None = None,
        clock: Clock = utcnow,
        choose: DigestChooser | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.source = DigestSource(corpus, calendar, choose)
        self.lookup = lookup
        self.adapters: dict[str, ChatAdapter] = adapters if adapters is not None else {}
        self.clock = clock
        # The deliverer shares the adapters and the digest source, not the service.
        self.deliverer = Deliverer(
            store=store,
            adapters=self.adapters,
            source=self.source,
            owner=settings.replica_id,
            lease=timedelta(seconds=settings.claim_lease_seconds),
            attempts=settings.delivery_attempts,
            backoff_seconds=settings.delivery_backoff_seconds,
            clock=clock,
        )

    @property
    def corpus(self) -> Corpus:
        """The corpus being served."""
        return self.source.corpus

    @property
    def calendar(self) -> Calendar:
        """The conference calendar digests are placed in."""
        return self.source.calendar

    def replace_corpus(self, corpus: Corpus, lookup: LookupIndex) -> None:
        """Serve a freshly read corpus and its index from now on (both at once)."""
        self.source.corpus, self.lookup = corpus, lookup

    def add_adapter(self, adapter: ChatAdapter) -> None:
        """Let the service post to ``adapter.platform`` (one adapter per platform)."""
        self.adapters[adapter.platform] = adapter

    # --- lookups -------------------------------------------------------------------------

    async def paper(self, query: str, limit: int = 3) -> LookupAnswer:
        """Answer ``/paper <query>`` from the lookup index."""
        if self.lookup is None:
            from bot.lookup import LookupIndex

            self.lookup = await asyncio.to_thread(LookupIndex.build, self.corpus)
        # A lookup is milliseconds of CPU: off the event loop, so Slack acks and the Discord
        # gateway are not held up behind it. (LookupIndex.answer only reads, plus a cache.)
        return await asyncio.to_thread(self.lookup.answer, query, limit)

    def paper_by_id(self, paper_id: str) -> Paper | None:
        """The catalog entry with this id in the corpus being served, or None."""
        try:
            return self.corpus.paper(paper_id)
        except KeyError:
            return None

    # --- subscriptions -------------------------------------------------------------------

    async def subscribe(
        self,
        channel: ChannelRef,
        *,
        actor: str,
        weekday: str | None = None,
        time: str | None = None,
        timezone: str | None = None,
        topics: Sequence[str] | None = None,
        size: int | None = None,
    ) -> Subscription:
        """Create or change the channel's subscription; unpauses it. Raises ValidationProblem.

        Arguments left out keep the current value, or take the settings' default for a new
        subscription.
        """
        current = await self.store.subscription(channel)
        defaults = current or Subscription(
            channel=channel,
            weekday=self.settings.default_weekday,
            time=self.settings.default_time,
            timezone=self.settings.default_timezone,
            size=self.settings.digest_size,
            created_by=actor,
        )
        wanted = replace(
            defaults,
            weekday=parse_weekday(weekday) if weekday is not None else defaults.weekday,
            time=parse_time(time) if time is not None else defaults.time,
            timezone=parse_timezone(timezone) if timezone is not None else defaults.timezone,
            topics=parse_topics(topics) if topics is not None else defaults.topics,
            size=parse_size(size) if size is not None else defaults.size,
            paused=False,
            paused_reason=None,
        )
        now = self.clock()
        schedule = (wanted.weekday, wanted.time, wanted.timezone)
        unchanged = current is not None and not current.paused and schedule == _schedule(current)
        effective_from = current.effective_from if current is not None and unchanged else now
        wanted = replace(wanted, effective_from=effective_from)
        return await self.store.save_subscription(wanted, now)

    async def unmatched_topics(self, topics: Sequence[str]) -> list[str]:
        """The topics no highlight of the corpus mentions (the digest then uses the others,
        or all topics when none matches)."""
        # The first call builds the corpus's candidates: CPU work, off the event loop.
        return await asyncio.to_thread(self.source.unmatched_topics, topics)

    async def subscription(self, channel: ChannelRef) -> Subscription | None:
        """The channel's subscription, or None."""
        return await self.store.subscription(channel)

    async def subscriptions(self) -> list[Subscription]:
        """Every subscription this process can serve: those on a platform it posts to."""
        return [s for s in await self.store.subscriptions() if s.channel.platform in self.adapters]

    async def subscriptions_due(
        self, subs: Iterable[Subscription], now: datetime
    ) -> list[tuple[Subscription, str]]:
        """(subscription, period) pairs owed a delivery at ``now``.

        A subscription is owed its latest slot when that slot has passed since its schedule
        took effect and the ledger has no row for it, or only a claim whose holder has gone
        quiet for longer than the lease.
        """
        lease = timedelta(seconds=self.settings.claim_lease_seconds)
        owed: dict[tuple[ChannelRef, str], Subscription] = {}
        for sub in subs:
            period, slot = last_slot(now, sub.weekday, sub.time, sub.timezone)
            if sub.effective_from is None or slot >= sub.effective_from:
                owed[(sub.channel, period)] = sub
        records = await self.store.deliveries_for(owed.keys())
        return [
            (sub, period)
            for (channel, period), sub in owed.items()
            if _unclaimed(records.get((channel, period)), now - lease)
        ]

    async def next_run(self, sub: Subscription, now: datetime) -> datetime:
        """The first slot after ``now`` that will be posted: one whose period is still owed.

        The rule of ``subscriptions_due`` and of the delivery: a period whose ledger row
        is sent, failed or claimed by a live holder is not posted again, so after
        `/flashback now` this week's slot is skipped and the next one is next week's.
        """
        quiet_since = now - timedelta(seconds=self.settings.claim_lease_seconds)
        slot = next_slot(now, sub.weekday, sub.time, sub.timezone)
        for _ in range(3):  # only the current week can be settled before its slot
            record = await self.store.delivery(sub.channel, period_of(slot, sub.timezone))
            if _unclaimed(record, quiet_since):
                break
            slot = next_slot(slot, sub.weekday, sub.time, sub.timezone)
        return slot

    async def unsubscribe(self, channel: ChannelRef) -> bool:
        """Stop the channel's digests; False if it had no subscription."""
        return await self.store.delete_subscription(channel)

    async def status(self, channel: ChannelRef) -> ChannelStatus:
        """The channel's subscription, next run, pause reason and last delivery."""
        sub = await self.store.subscription(channel)
        last = await self.store.last_delivery(channel)
        next_run = None
        if sub and not sub.paused:
            slot = await self.next_run(sub, self.clock())
            next_run = slot.astimezone(ZoneInfo(sub.timezone))
        reason = sub.paused_reason if sub and sub.paused else None
        return ChannelStatus(channel, sub, next_run, reason, last)

    # --- digests -------------------------------------------------------------------------

    async def preview(self, channel: ChannelRef, when: datetime | None = None) -> Digest:
        """The digest the channel would get in the week of ``when`` (default: now); no post."""
        sub = await self.store.subscription(channel) or Subscription(
            channel=channel,
            weekday=self.settings.default_weekday,
            time=self.settings.default_time,
            timezone=self.settings.default_timezone,
            size=self.settings.digest_size,
        )
        period = period_of(when or self.clock(), sub.timezone)
        seen = await self.store.seen_papers(channel)
        return self._digest_for(sub, period, seen)

    async def send_now(self, channel: ChannelRef) -> DeliveryOutcome:
        """Deliver this week's digest now instead of at the scheduled time (once per week)."""
        sub = await self.store.subscription(channel)
        if sub is None:
            raise ValidationProblem(
                "This channel has no subscription yet. Subscribe first: `/flashback subscribe`."
            )
        return await self.deliver(sub, period_of(self.clock(), sub.timezone))

    async def deliver(self, subscription: Subscription, period: str) -> DeliveryOutcome:
        """Post ``subscription``'s digest for ``period`` exactly once across all replicas."""
        return await self.deliverer.deliver(subscription, period)

    def _digest_for(self, sub: Subscription, period: str, seen: frozenset[str]) -> Digest:
        return self.source.digest_for(
            period, size=sub.size, topics=sub.topics, seen=seen, channel_key=sub.channel.key
        )


def _schedule(sub: Subscription) -> tuple[str, str, str]:
    return (sub.weekday, sub.time, sub.timezone)


def _unclaimed(record: DeliveryRecord | None, quiet_since: datetime) -> bool:
    """No ledger row, or a claim not renewed since ``quiet_since`` (its holder is gone)."""
    return record is None or (record.status == "claimed" and record.claimed_at < quiet_since)
