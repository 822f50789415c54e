"""Service results in words: a subscription's schedule, a channel's status, a delivery."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from bot.chat.replies import ReplyView
from bot.schedule.periods import WEEKDAYS

if TYPE_CHECKING:
    from bot.schedule.delivery import DeliveryOutcome
    from bot.service import ChannelStatus
    from bot.store.records import DeliveryRecord, Subscription

DAY_NAMES = dict(
    zip(
        WEEKDAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)


def _fmt_when(value: datetime) -> str:
    """'Mon 30 Nov 2026, 09:00 CET'."""
    return value.strftime("%a %d %b %Y, %H:%M %Z").strip()


def schedule_line(subscription: Subscription) -> str:
    """'Every Monday at 09:00 (Europe/Berlin), 4 highlights, topics: pruning, gans'."""
    day = DAY_NAMES.get(subscription.weekday, subscription.weekday)
    topics = subscription.topics
    return ", ".join(
        [
            f"Every {day} at {subscription.time} ({subscription.timezone})",
            f"{subscription.size} highlights",
            "topics: " + ", ".join(topics) if topics else "all topics",
        ]
    )


def changes(before: Subscription, after: Subscription) -> list[str]:
    """What a re-run `subscribe` changed: ['time 09:00 → 17:00', 'size 4 → 3']."""
    shown = [
        ("day", DAY_NAMES.get(before.weekday), DAY_NAMES.get(after.weekday)),
        ("time", before.time, after.time),
        ("timezone", before.timezone, after.timezone),
        ("topics", _topics(before), _topics(after)),
        ("size", str(before.size), str(after.size)),
    ]
    return [f"{name} {old} → {new}" for name, old, new in shown if old != new]


def _topics(sub: Subscription) -> str:
    return ", ".join(sub.topics) if sub.topics else "all topics"


def unmatched_note(unmatched: Sequence[str], topics: Sequence[str]) -> str | None:
    """A line on the topics no highlight mentions yet, or None when every one does."""
    if not unmatched:
        return None
    named = ", ".join(f"`{topic}`" for topic in unmatched)
    if len(unmatched) == len(topics):
        return f"No highlight mentions {named} yet, so digests draw on all topics for now."
    return f"No highlight mentions {named} yet; digests lead with the other topics."


def subscribed_view(
    before: Subscription | None,
    after: Subscription,
    status: ChannelStatus,
    notes: Sequence[str] = (),
) -> ReplyView:
    """What `subscribe` did: subscribed, or updated (naming the changes), or resumed.

    ``notes``: what the person should know besides (a topic nothing matches, say)."""
    lines = [schedule_line(after), *status_lines(status)[1:], *notes]
    if before is None:
        return ReplyView(
            "Subscribed: a flashback will be posted here",
            lines,
            "ok",
            hint="`/flashback preview` shows this week's digest now.",
        )
    changed = ", ".join(changes(before, after))
    if before.paused:
        title = f"Resumed and updated: {changed}" if changed else "Resumed: posting here again"
    elif changed:
        title = f"Updated: {changed}"
    else:
        title = "Already subscribed: nothing changed"
    return ReplyView(
        title,
        lines,
        "ok",
        hint="Settings you leave out are kept; `/flashback status` shows them.",
    )


def status_lines(status: ChannelStatus) -> list[str]:
    """Lines describing a channel's status; the first is the schedule (or 'not subscribed')."""
    sub = status.subscription
    lines = [schedule_line(sub) if sub else "Not subscribed."]
    if status.next_run is not None:
        lines.append(f"Next flashback: {_fmt_when(status.next_run)}")
    if status.paused_reason:
        lines.append(f"Paused: {status.paused_reason}")
    if status.last_delivery is not None:
        lines.append(f"Last delivery: {_describe_delivery(status.last_delivery)}")
    return lines


def _describe_delivery(record: DeliveryRecord) -> str:
    """'2026-W48 sent Mon 23 Nov 2026, 14:50 UTC' or '2026-W48 failed: <error>'."""
    text = f"{record.period} {record.status}"
    if record.status == "sent" and record.sent_at is not None:
        text += f" {_fmt_when(record.sent_at)}"
    if record.status == "failed" and record.last_error:
        text += f": {record.last_error}"
    return text


def outcome_view(outcome: DeliveryOutcome) -> ReplyView:
    """A reply for what `/flashback now` did."""
    period = outcome.period
    if outcome.status == "sent":
        return ReplyView(f"Posted this week's flashback ({period})", tone="ok")
    if outcome.status in {"already_sent", "claimed_elsewhere"}:
        return ReplyView(
            f"This week's flashback ({period}) is already posted here",
            ["Each channel gets one digest a week; `/flashback preview` shows it again."],
            tone="info",
        )
    if outcome.status == "paused":
        return ReplyView(
            "The flashback is paused in this channel",
            [str(outcome.error or "")],
            "error",
            hint="`/flashback subscribe` again resumes it.",
        )
    if outcome.status == "no_adapter":
        return ReplyView("This bot is not connected to this platform right now", tone="error")
    return ReplyView("Could not post the flashback", [outcome.error or "unknown error"], "error")
