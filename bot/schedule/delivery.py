"""Delivering one digest to one channel for one period, exactly once.

The steps: claim the ledger row (or take over a stale claim), choose the digest from the
channel's history (a DigestSource), post through the adapter with retries, record sent +
message id + papers. This module owns the retry policy (attempts, backoff, Retry-After, and
the uncertain case); adapters never retry a post, they report what happened. After a failure
whose outcome is unknown (a dropped connection, a 5xx, a timeout) the next attempt first asks
the platform whether the digest arrived (``find_digest``), as a takeover does.
Only the replica holding the claim posts; before every attempt it renews the claim and counts
the attempt, so a successor can tell whether a post may already have happened.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    wait_exponential,
    wait_random,
)

from bot.ports import (
    ChannelRef,
    ChatAdapter,
    PermanentPostError,
    PostError,
    TransientPostError,
)
from bot.schedule.rate_gate import RateGate
from bot.store.records import DeliveryRecord, Subscription
from bot.store.store import Store

if TYPE_CHECKING:
    from bot.digest.model import Digest
    from bot.digest.source import DigestSource

log = logging.getLogger(__name__)

OutcomeStatus = Literal[
    "sent",  # posted now by this call
    "already_sent",  # the ledger says this period's digest went out before
    "claimed_elsewhere",  # another worker holds a live claim (or took ours over)
    "failed",  # gave up for this period (attempts exhausted or a permanent error)
    "paused",  # the subscription is paused
    "no_adapter",  # this process cannot post to the platform; left for one that can
]


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    """What ``deliver`` did for one channel and period."""

    channel: ChannelRef
    period: str
    status: OutcomeStatus
    message_id: str | None = None
    paper_ids: tuple[str, ...] = ()
    attempts: int = 0
    error: str | None = None


@dataclass
class Deliverer:
    """Posts digests through adapters under the ledger's claims."""

    store: Store
    adapters: Mapping[str, ChatAdapter]
    source: DigestSource
    owner: str
    lease: timedelta
    attempts: int
    backoff_seconds: float
    clock: Callable[[], datetime]
    gates: dict[str, RateGate] = field(default_factory=dict)

    def gate(self, platform: str) -> RateGate:
        """The rate gate of one platform."""
        return self.gates.setdefault(platform, RateGate())

    async def deliver(self, sub: Subscription, period: str) -> DeliveryOutcome:
        """Deliver ``sub``'s digest for ``period`` unless it went out or is being sent."""
        channel = sub.channel
        adapter = self.adapters.get(channel.platform)
        if adapter is None:
            return DeliveryOutcome(channel, period, "no_adapter")
        if sub.paused:
            return DeliveryOutcome(channel, period, "paused", error=sub.paused_reason)
        if await self.store.claim(channel, period, self.owner, self.clock()):
            return await self._post(adapter, sub, period, previous=None)
        record = await self.store.delivery(channel, period)
        if record is None:  # released between our insert and our read: try once more
            if await self.store.claim(channel, period, self.owner, self.clock()):
                return await self._post(adapter, sub, period, previous=None)
            record = await self.store.delivery(channel, period)
        if record is None or record.status == "claimed":
            taken = await self.store.take_over(
                channel, period, self.owner, self.clock(), self.lease
            )
            if taken is not None:
                log.warning("took over a stale claim for %s %s", channel.key, period)
                return await self._post(adapter, sub, period, previous=taken)
            return DeliveryOutcome(channel, period, "claimed_elsewhere")
        return _outcome_of(record)

    async def _post(
        self, adapter: ChatAdapter, sub: Subscription, period: str, previous: DeliveryRecord | None
    ) -> DeliveryOutcome:
        channel = sub.channel
        if previous is not None and previous.attempts > 0:
            # The holder died after counting an attempt: the post may have gone out.
            found = await adapter.find_digest(channel, period)
            if found is not None:
                log.info("%s %s had already arrived as %s; recorded", channel.key, period, found)
                await self.store.mark_sent(channel, period, self.owner, found, (), self.clock())
                return DeliveryOutcome(channel, period, "sent", message_id=found)
        seen = await self.store.seen_papers(channel)
        digest = self.source.digest_for(
            period, size=sub.size, topics=sub.topics, seen=seen, channel_key=channel.key
        )
        post = _Post(adapter, channel, period, digest)
        try:
            message_id, attempts = await self._post_with_retries(post)
        except asyncio.CancelledError:
            # Shutting down: hand the claim back unless a post may be on its way, in which
            # case the lease and the successor's check decide.
            if not post.flight.posting:
                await asyncio.shield(self.store.release(channel, period, self.owner))
            raise
        except _LostClaim:
            return DeliveryOutcome(channel, period, "claimed_elsewhere")
        except PostError as exc:
            return await self._give_up(post, exc)
        papers = tuple(digest.paper_ids)
        await self.store.mark_sent(channel, period, self.owner, message_id, papers, self.clock())
        return DeliveryOutcome(channel, period, "sent", message_id, papers, attempts)

    async def _give_up(self, post: _Post, exc: PostError) -> DeliveryOutcome:
        """Record a delivery that failed for good, unless its last uncertain post arrived."""
        channel, period = post.channel, post.period
        if post.flight.uncertain:
            found = await self._look_quietly(post)
            if found is not None:
                papers = tuple(post.digest.paper_ids)
                await self.store.mark_sent(channel, period, self.owner, found, papers, self.clock())
                return DeliveryOutcome(channel, period, "sent", found, papers, self.attempts)
        if isinstance(exc, PermanentPostError):
            await self.store.mark_failed(channel, period, self.owner, exc.reason)
            await self.store.pause(channel, exc.reason, self.clock())
            log.warning("paused %s: %s", channel.key, exc.reason)
            return DeliveryOutcome(channel, period, "failed", error=exc.reason)
        error = str(exc) or type(exc).__name__
        await self.store.mark_failed(channel, period, self.owner, error)
        log.warning("gave up on %s %s: %s", channel.key, period, error)
        return DeliveryOutcome(channel, period, "failed", error=error, attempts=self.attempts)

    async def _post_with_retries(self, post: _Post) -> tuple[str, int]:
        """Post under the retry policy; after an uncertain failure, look before posting again."""
        channel, period = post.channel, post.period
        retrying = AsyncRetrying(
            stop=_stop_for(self.attempts, self.lease.total_seconds(), post.flight),
            wait=_wait_for(self.backoff_seconds),
            retry=retry_if_exception_type(TransientPostError),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                found = await self._look(post) if post.flight.uncertain else None
                number = await self.store.start_attempt(channel, period, self.owner, self.clock())
                if number is None:
                    raise _LostClaim
                if found is not None:
                    return found, number
                # Paced last, right before the request: nothing between the turn and the post.
                await self.gate(channel.platform).wait()
                return await self._attempt(post), number
        raise AssertionError("unreachable: tenacity reraises the last error")

    async def _attempt(self, post: _Post) -> str:
        """One post; what went wrong is noted, and whether the post may have arrived."""
        channel, period, flight = post.channel, post.period, post.flight
        gate = self.gate(channel.platform)
        flight.posting = True  # stays True if we are cancelled mid-post
        try:
            message_id = await post.adapter.post_digest(channel, post.digest)
        except TransientPostError as exc:
            flight.posting = False
            flight.uncertain |= exc.uncertain
            if exc.retry_after:
                flight.rate_limited += 1
                gate.limited(exc.retry_after)
            await self.store.note_error(channel, period, self.owner, _describe(exc))
            raise
        except PostError:
            flight.posting = False
            raise
        except Exception as exc:
            flight.posting = False
            flight.uncertain = True
            # An adapter bug or an unexpected network error: worth another try, after a look.
            await self.store.note_error(channel, period, self.owner, _describe(exc))
            raise TransientPostError(_describe(exc), uncertain=True) from exc
        gate.accepted()
        return message_id

    async def _look(self, post: _Post) -> str | None:
        """The id of the digest an uncertain attempt may have posted; raise when unable to look."""
        channel, period = post.channel, post.period
        try:
            found = await post.adapter.find_digest(channel, period)
        except Exception as exc:
            # Posting without knowing could post twice: try again later instead.
            raise TransientPostError(
                f"could not look for an earlier post: {_describe(exc)}", uncertain=True
            ) from exc
        if found is not None:
            log.info("%s %s: the uncertain post had arrived as %s", channel.key, period, found)
        return found

    async def _look_quietly(self, post: _Post) -> str | None:
        try:
            return await self._look(post)
        except TransientPostError:
            return None


@dataclass
class _Flight:
    """One delivery's posting state: is a post on the wire (then a cancelled delivery keeps
    its claim), may an earlier attempt have arrived (then look before posting again), and how
    many attempts a rate limit turned away."""

    posting: bool = False
    uncertain: bool = False
    rate_limited: int = 0


@dataclass
class _Post:
    """One digest on its way to one channel for one period, and how its attempts went."""

    adapter: ChatAdapter
    channel: ChannelRef
    period: str
    digest: Digest
    flight: _Flight = field(default_factory=_Flight)


def _stop_for(
    attempts: int, max_seconds: float, flight: _Flight
) -> Callable[[RetryCallState], bool]:
    """Tenacity stop: after ``attempts`` failures; a 429 with Retry-After is not a failure of
    the message (the platform said when to come back), so those only count against time."""

    def stop(state: RetryCallState) -> bool:
        failures = state.attempt_number - flight.rate_limited
        return failures >= attempts or (state.seconds_since_start or 0.0) >= max_seconds

    return stop


class _LostClaim(Exception):
    """Our claim was taken over (we were too slow); the new holder posts."""


def _wait_for(base: float) -> Callable[[RetryCallState], float]:
    """Tenacity wait: the platform's Retry-After when given, else jittered exponential."""
    backoff = wait_exponential(multiplier=base, max=base * 32) + wait_random(0, base)

    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, TransientPostError) and error.retry_after:
            return 0.0  # the rate gate already holds every poster for Retry-After
        return float(backoff(state))

    return wait


def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _outcome_of(record: DeliveryRecord) -> DeliveryOutcome:
    status: OutcomeStatus = "already_sent" if record.status == "sent" else "failed"
    return DeliveryOutcome(
        record.channel,
        record.period,
        status,
        message_id=record.message_id,
        paper_ids=record.paper_ids,
        attempts=record.attempts,
        error=record.last_error if record.status == "failed" else None,
    )
