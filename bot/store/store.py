"""The queries the service and scheduler need, each one short transaction.

The ledger's unique key (platform, workspace, channel, period) is what keeps a digest from
being posted twice: ``claim`` inserts with ON CONFLICT DO NOTHING and only the inserter posts;
``take_over`` is a conditional UPDATE that at most one replica can win.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Collection, Iterable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.ports import ChannelRef
from bot.store.database import create_engine, upgrade
from bot.store.records import CachedWork, DeliveryRecord, DeliveryStatus, Subscription
from bot.store.tables import DeliveryRow, HistoryRow, SubscriptionRow, WorkMetadataRow

T = TypeVar("T")
ChannelTable = type[SubscriptionRow] | type[DeliveryRow] | type[HistoryRow]


def _is_channel(table: ChannelTable, channel: ChannelRef) -> ColumnElement[bool]:
    return and_(
        table.platform == channel.platform,
        table.workspace == channel.workspace,
        table.channel == channel.channel,
    )


def _ledger_row(channel: ChannelRef, period: str) -> ColumnElement[bool]:
    """The delivery ledger's row for a channel and period."""
    return and_(_is_channel(DeliveryRow, channel), DeliveryRow.period == period)


def _our_claim(channel: ChannelRef, period: str, owner: str) -> ColumnElement[bool]:
    """That row, while it is still a claim held by ``owner``."""
    return and_(
        _ledger_row(channel, period),
        DeliveryRow.status == "claimed",
        DeliveryRow.claimed_by == owner,
    )


def _subscription(row: SubscriptionRow) -> Subscription:
    return Subscription(
        channel=ChannelRef(row.platform, row.workspace, row.channel),
        weekday=row.weekday,
        time=row.local_time,
        timezone=row.timezone,
        topics=tuple(row.topics or ()),
        size=row.size,
        created_by=row.created_by,
        paused=row.paused,
        paused_reason=row.paused_reason,
        created_at=row.created_at,
        updated_at=row.updated_at,
        effective_from=row.effective_from,
    )


def _delivery(row: DeliveryRow) -> DeliveryRecord:
    status: DeliveryStatus = row.status  # type: ignore[assignment]
    return DeliveryRecord(
        channel=ChannelRef(row.platform, row.workspace, row.channel),
        period=row.period,
        status=status,
        claimed_by=row.claimed_by,
        claimed_at=row.claimed_at,
        attempts=row.attempts,
        last_error=row.last_error,
        message_id=row.message_id,
        sent_at=row.sent_at,
        paper_ids=tuple(row.paper_ids or ()),
    )


class Store:
    """Subscriptions, the delivery ledger, the posted history and the metadata cache in one
    database."""

    def __init__(self, engine: AsyncEngine, *, schema: str | None = None) -> None:
        self.engine = engine
        self.schema = schema
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._write_lock = asyncio.Lock() if engine.dialect.name == "sqlite" else None

    @asynccontextmanager
    async def _writing(self) -> AsyncIterator[AsyncSession]:
        """A write transaction. On SQLite, one at a time per process: SQLite has one writer,
        and writers that collide sleep in its busy handler, which costs far more than a queue.
        """
        if self._write_lock is None:
            async with self.sessions.begin() as session:
                yield session
            return
        async with self._write_lock, self.sessions.begin() as session:
            yield session

    @classmethod
    async def open(cls, url: str, *, schema: str | None = None, migrate: bool = True) -> Store:
        """Connect to ``url`` and (by default) apply pending migrations."""
        engine = create_engine(url, schema=schema)
        if migrate:
            await upgrade(engine, schema=schema)
        return cls(engine, schema=schema)

    async def close(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _insert(self, table: Any) -> Any:
        module = postgresql if self.dialect == "postgresql" else sqlite
        return module.insert(table)

    # --- subscriptions -------------------------------------------------------------------

    async def save_subscription(self, sub: Subscription, now: datetime) -> Subscription:
        """Insert or replace the channel's subscription (one per channel); return it as stored."""
        await self.save_subscriptions([sub], now)
        stored = await self.subscription(sub.channel)
        assert stored is not None
        return stored

    async def save_subscriptions(self, subs: Iterable[Subscription], now: datetime) -> None:
        """Insert or replace many subscriptions in one transaction (keeps created_by/at)."""
        rows = [
            {
                "platform": sub.channel.platform,
                "workspace": sub.channel.workspace,
                "channel": sub.channel.channel,
                "created_by": sub.created_by,
                "created_at": sub.created_at or now,
                "weekday": sub.weekday,
                "local_time": sub.time,
                "timezone": sub.timezone,
                "topics": list(sub.topics),
                "size": sub.size,
                "paused": sub.paused,
                "paused_reason": sub.paused_reason,
                "updated_at": now,
                "effective_from": sub.effective_from or now,
            }
            for sub in subs
        ]
        kept = {"platform", "workspace", "channel", "created_by", "created_at"}
        async with self._writing() as session:
            # In chunks: SQLite caps the number of bound parameters per statement.
            for start in range(0, len(rows), 500):
                stmt = self._insert(SubscriptionRow).values(rows[start : start + 500])
                changes = {name: stmt.excluded[name] for name in rows[0] if name not in kept}
                await session.execute(
                    stmt.on_conflict_do_update(
                        index_elements=["platform", "workspace", "channel"], set_=changes
                    )
                )

    async def subscription(self, channel: ChannelRef) -> Subscription | None:
        """The channel's subscription, or None."""
        async with self.sessions() as session:
            row = await session.scalar(
                select(SubscriptionRow).where(_is_channel(SubscriptionRow, channel))
            )
            return _subscription(row) if row else None

    async def subscriptions(self, *, include_paused: bool = False) -> list[Subscription]:
        """Every subscription (active ones only unless ``include_paused``), in a stable order."""
        query = select(SubscriptionRow).order_by(SubscriptionRow.id)
        if not include_paused:
            query = query.where(SubscriptionRow.paused.is_(False))
        async with self.sessions() as session:
            return [_subscription(row) for row in await session.scalars(query)]

    async def delete_subscription(self, channel: ChannelRef) -> bool:
        """Remove the channel's subscription; True if there was one."""
        async with self._writing() as session:
            result = await session.execute(
                delete(SubscriptionRow)
                .where(_is_channel(SubscriptionRow, channel))
                .returning(SubscriptionRow.id)
            )
            return result.first() is not None

    async def pause(self, channel: ChannelRef, reason: str, now: datetime) -> None:
        """Stop delivering to the channel until it subscribes again; keep the reason."""
        async with self._writing() as session:
            await session.execute(
                update(SubscriptionRow)
                .where(_is_channel(SubscriptionRow, channel))
                .values(paused=True, paused_reason=reason, updated_at=now)
            )

    # --- the delivery ledger -------------------------------------------------------------

    async def claim(self, channel: ChannelRef, period: str, owner: str, now: datetime) -> bool:
        """Insert the ledger row for (channel, period); True only for the one inserter."""
        stmt = (
            self._insert(DeliveryRow)
            .values(
                platform=channel.platform,
                workspace=channel.workspace,
                channel=channel.channel,
                period=period,
                status="claimed",
                claimed_by=owner,
                claimed_at=now,
                attempts=0,
                paper_ids=[],
            )
            .on_conflict_do_nothing(index_elements=["platform", "workspace", "channel", "period"])
            .returning(DeliveryRow.id)
        )
        async with self._writing() as session:
            return (await session.execute(stmt)).first() is not None

    async def take_over(
        self, channel: ChannelRef, period: str, owner: str, now: datetime, lease: timedelta
    ) -> DeliveryRecord | None:
        """Take a claim whose holder went quiet for longer than ``lease``; None if not won.

        Concurrent takers race on one conditional UPDATE; the first commit refreshes
        claimed_at, so the condition no longer holds for anyone else.
        """
        stmt = (
            update(DeliveryRow)
            .where(
                _ledger_row(channel, period),
                DeliveryRow.status == "claimed",
                DeliveryRow.claimed_at < now - lease,
            )
            .values(claimed_by=owner, claimed_at=now)
            .returning(DeliveryRow)
        )
        async with self._writing() as session:
            row = (await session.execute(stmt)).scalar_one_or_none()
            return _delivery(row) if row else None

    async def start_attempt(
        self, channel: ChannelRef, period: str, owner: str, now: datetime
    ) -> int | None:
        """Renew our claim and count one more attempt; None when the claim is no longer ours.

        Committed before each post, so a successor knows whether a post may have happened.
        """
        stmt = (
            update(DeliveryRow)
            .where(_our_claim(channel, period, owner))
            .values(claimed_at=now, attempts=DeliveryRow.attempts + 1)
            .returning(DeliveryRow.attempts)
        )
        async with self._writing() as session:
            return (await session.execute(stmt)).scalar_one_or_none()

    async def note_error(self, channel: ChannelRef, period: str, owner: str, error: str) -> None:
        """Record the last error of our claim (kept when it later succeeds, for status)."""
        async with self._writing() as session:
            await session.execute(
                update(DeliveryRow)
                .where(_ledger_row(channel, period), DeliveryRow.claimed_by == owner)
                .values(last_error=error[:1000])
            )

    async def mark_sent(
        self,
        channel: ChannelRef,
        period: str,
        owner: str,
        message_id: str,
        paper_ids: Iterable[str],
        now: datetime,
    ) -> None:
        """Record the post and its papers in one transaction."""
        papers = list(dict.fromkeys(paper_ids))
        async with self._writing() as session:
            await session.execute(
                update(DeliveryRow)
                .where(_ledger_row(channel, period))
                .values(status="sent", message_id=message_id, sent_at=now, paper_ids=papers)
            )
            if papers:
                rows = [
                    {
                        "platform": channel.platform,
                        "workspace": channel.workspace,
                        "channel": channel.channel,
                        "paper_id": paper,
                        "period": period,
                        "posted_at": now,
                    }
                    for paper in papers
                ]
                insert = self._insert(HistoryRow).values(rows)
                await session.execute(
                    insert.on_conflict_do_update(
                        index_elements=["platform", "workspace", "channel", "paper_id"],
                        set_={
                            "period": insert.excluded.period,
                            "posted_at": insert.excluded.posted_at,
                        },
                    )
                )

    async def mark_failed(self, channel: ChannelRef, period: str, owner: str, error: str) -> None:
        """Give up on this period for the channel (attempts exhausted or a permanent error)."""
        async with self._writing() as session:
            await session.execute(
                update(DeliveryRow)
                .where(_our_claim(channel, period, owner))
                .values(status="failed", last_error=error[:1000])
            )

    async def release(self, channel: ChannelRef, period: str, owner: str) -> bool:
        """Give back a claim nobody posted on yet (shutdown), so another replica can post now."""
        async with self._writing() as session:
            result = await session.execute(
                delete(DeliveryRow)
                .where(_our_claim(channel, period, owner))
                .returning(DeliveryRow.id)
            )
            return result.first() is not None

    async def delivery(self, channel: ChannelRef, period: str) -> DeliveryRecord | None:
        """The ledger row of (channel, period), or None."""
        async with self.sessions() as session:
            row = await session.scalar(select(DeliveryRow).where(_ledger_row(channel, period)))
            return _delivery(row) if row else None

    async def last_delivery(self, channel: ChannelRef) -> DeliveryRecord | None:
        """The channel's most recent ledger row (by period), or None."""
        async with self.sessions() as session:
            row = await session.scalar(
                select(DeliveryRow)
                .where(_is_channel(DeliveryRow, channel))
                .order_by(DeliveryRow.period.desc())
                .limit(1)
            )
            return _delivery(row) if row else None

    async def deliveries_for(
        self, keys: Collection[tuple[ChannelRef, str]]
    ) -> dict[tuple[ChannelRef, str], DeliveryRecord]:
        """Ledger rows of many (channel, period) pairs at once, for the catch-up pass."""
        found: dict[tuple[ChannelRef, str], DeliveryRecord] = {}
        periods = sorted({period for _, period in keys})
        if not periods:
            return found
        async with self.sessions() as session:
            rows = await session.scalars(select(DeliveryRow).where(DeliveryRow.period.in_(periods)))
            for row in rows:
                record = _delivery(row)
                if (record.channel, record.period) in keys:
                    found[(record.channel, record.period)] = record
        return found

    async def count_deliveries(self, status: DeliveryStatus | None = None) -> int:
        """How many ledger rows (with ``status``) there are; for status pages and tests."""
        query = select(func.count()).select_from(DeliveryRow)
        if status:
            query = query.where(DeliveryRow.status == status)
        async with self.sessions() as session:
            return int(await session.scalar(query) or 0)

    # --- the posted history --------------------------------------------------------------

    async def seen_papers(self, channel: ChannelRef) -> frozenset[str]:
        """Every paper id the channel has been shown."""
        async with self.sessions() as session:
            rows = await session.scalars(
                select(HistoryRow.paper_id).where(_is_channel(HistoryRow, channel))
            )
            return frozenset(rows)

    # --- the metadata cache --------------------------------------------------------------

    async def cached_works(
        self, service: str, now: datetime, keys: Collection[str] | None = None
    ) -> list[CachedWork]:
        """The cache's answers from ``service`` (for ``keys``, or all), expired ones left out."""
        live = or_(WorkMetadataRow.expires_at.is_(None), WorkMetadataRow.expires_at > now)
        query = select(WorkMetadataRow).where(WorkMetadataRow.service == service, live)
        queries = (
            [query]
            if keys is None
            else [
                query.where(WorkMetadataRow.key.in_(chunk)) for chunk in _chunks(sorted(keys), 500)
            ]
        )
        async with self.sessions() as session:
            return [_cached_work(row) for q in queries for row in await session.scalars(q)]

    async def put_cached_works(self, works: Iterable[CachedWork]) -> None:
        """Insert or replace many answers in one transaction."""
        rows = [
            {
                "service": work.service,
                "key": work.key,
                "record": work.record,
                "fetched_at": work.fetched_at,
                "expires_at": work.expires_at,
            }
            for work in works
        ]
        if not rows:
            return
        async with self._writing() as session:
            for chunk in _chunks(rows, 500):
                stmt = self._insert(WorkMetadataRow).values(chunk)
                await session.execute(
                    stmt.on_conflict_do_update(
                        index_elements=["service", "key"],
                        set_={
                            name: stmt.excluded[name]
                            for name in ("record", "fetched_at", "expires_at")
                        },
                    )
                )


def _chunks(items: list[T], size: int) -> list[list[T]]:
    """``items`` in lists of at most ``size`` (SQLite caps the parameters of a statement)."""
    return [items[start : start + size] for start in range(0, len(items), size)]


def _cached_work(row: WorkMetadataRow) -> CachedWork:
    return CachedWork(row.service, row.key, row.record, row.fetched_at, row.expires_at)
