"""Chat commands, platform-neutral: parse `/flashback ...` and `/paper ...`, call the service.

Every adapter (Slack, Discord, console) turns a platform event into one of the ``handle_*``
calls below and renders the returned :class:`Reply` through its platform's templates, so the
commands, their arguments, the permission rule and the help text exist once.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from bot.ports import ChannelRef
from bot.schedule.periods import WEEKDAYS
from bot.schedule.subscription_rules import ValidationProblem, parse_weekday

if TYPE_CHECKING:
    from bot.digest.model import Digest
    from bot.lookup import LookupAnswer
    from bot.schedule.delivery import DeliveryOutcome
    from bot.service import ChannelStatus, Service
    from bot.store.records import DeliveryRecord, Subscription

log = logging.getLogger(__name__)

Tone = Literal["ok", "info", "error"]
DAY_NAMES = dict(
    zip(
        WEEKDAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)
_TIME = re.compile(r"^\d{1,2}(:\d{2})?\s*(am|pm)?$|^\d{1,2}(am|pm)$", re.IGNORECASE)
_SIZE = re.compile(r"^size=(\S+)$", re.IGNORECASE)
MANAGER_HINT = "people who manage this channel"


# --- what the adapters render ---------------------------------------------------------------


@dataclass(frozen=True)
class ReplyView:
    """Context of the ``reply`` templates: a short titled answer."""

    title: str
    lines: list[str] = field(default_factory=list)
    tone: Tone = "info"
    hint: str | None = None  # one line of what to try next, may hold `code`


@dataclass(frozen=True)
class HelpEntry:
    """One command in the help: how to type it, what it does, whether managers only."""

    usage: str
    summary: str
    manager_only: bool = False


@dataclass(frozen=True)
class HelpView:
    """Context of the ``help`` templates."""

    entries: list[HelpEntry]
    manager_hint: str = MANAGER_HINT
    problem: str | None = None  # why help is shown (unknown subcommand ...)


@dataclass(frozen=True)
class PaperView:
    """Context of the ``paper`` templates: a lookup answer, private or shared."""

    answer: LookupAnswer
    shared_by: str | None = None  # set when someone shared one result to the channel

    @property
    def query(self) -> str:
        return self.answer.query


@dataclass(frozen=True)
class Reply:
    """What the bot answers, before a platform renders it.

    ``template`` names the template family (templates/<platform>/<template>.*); ``digest``
    replies are rendered with ``render_digest``. ``ephemeral`` replies are seen only by the
    person who asked.
    """

    template: Literal["reply", "help", "paper", "digest"]
    view: ReplyView | HelpView | PaperView | Digest
    ephemeral: bool = True

    @property
    def summary(self) -> str:
        """A one-line plain-text version (notification text, logs, the console's fallback)."""
        view = self.view
        if isinstance(view, ReplyView):
            return view.title
        if isinstance(view, HelpView):
            return view.problem or "Conference Flashback commands"
        if isinstance(view, PaperView):
            found = len(view.answer.results)
            return f"/paper {view.query}: {found} result{'s' if found != 1 else ''}"
        return view.headline


# --- parsing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubscribeArgs:
    """The optional arguments of `/flashback subscribe`, as typed (the service validates)."""

    weekday: str | None = None
    time: str | None = None
    timezone: str | None = None
    topics: tuple[str, ...] | None = None
    size: int | None = None


@dataclass(frozen=True)
class FlashbackCommand:
    """A parsed `/flashback` command line."""

    name: str  # a subcommand name, or "help"
    subscribe: SubscribeArgs = SubscribeArgs()
    problem: str | None = None  # what was wrong with the line; answered with help

    @property
    def needs_manager(self) -> bool:
        """Whether only channel managers may run it (adapters check lazily, after ack)."""
        sub = SUBCOMMANDS.get(self.name)
        return bool(sub and sub.manager_only)


def _weekday(token: str) -> str | None:
    try:
        return parse_weekday(token)
    except ValidationProblem:
        return None


def _looks_like_timezone(token: str) -> bool:
    return "/" in token or token.upper() in {"UTC", "GMT"} or token.upper().startswith("UTC+")


def parse_subscribe(tokens: Sequence[str]) -> SubscribeArgs | str:
    """Classify `subscribe` tokens as day, time, timezone, size=N or topics; str = problem."""
    weekday = time = timezone = None
    size: int | None = None
    topics: list[str] = []
    for token in tokens:
        if weekday is None and _weekday(token):
            weekday = _weekday(token)
        elif time is None and _TIME.match(token):
            time = token
        elif timezone is None and _looks_like_timezone(token):
            timezone = token
        elif match := _SIZE.match(token):
            if not match.group(1).isdigit():
                return f"size must be a number of highlights, e.g. `size=4`, not `{token}`"
            size = int(match.group(1))
        else:
            topics.extend(t.strip().lower() for t in token.split(",") if t.strip())
    return SubscribeArgs(weekday, time, timezone, tuple(topics) if topics else None, size)


def parse_flashback(text: str) -> FlashbackCommand:
    """Parse the text after `/flashback`: a subcommand and its arguments."""
    tokens = text.split()
    if not tokens:
        return FlashbackCommand("help")
    name, rest = tokens[0].lower(), tokens[1:]
    if name not in SUBCOMMANDS:
        return FlashbackCommand("help", problem=f"I don't know `{tokens[0]}`.")
    if name == "subscribe":
        args = parse_subscribe(rest)
        if isinstance(args, str):
            return FlashbackCommand("subscribe", problem=args)
        return FlashbackCommand("subscribe", subscribe=args)
    return FlashbackCommand(name)


# --- the subcommands: their docstrings are the help text --------------------------------


@dataclass(frozen=True)
class CommandContext:
    """Who runs a command, where, against which service."""

    service: Service
    channel: ChannelRef
    actor: str
    command: FlashbackCommand


Runner = Callable[[CommandContext], Awaitable[Reply]]


@dataclass(frozen=True)
class Subcommand:
    """A `/flashback` subcommand: usage, who may run it, and its runner.

    ``announces``: its success is told to the whole channel, not only to the one who typed it
    (Discord must know this before it runs, to defer publicly).
    """

    name: str
    usage: str
    manager_only: bool
    announces: bool
    run: Runner

    @property
    def summary(self) -> str:
        return (self.run.__doc__ or "").strip().splitlines()[0]


SUBCOMMANDS: dict[str, Subcommand] = {}


def _subcommand(
    usage: str, *, manager_only: bool = False, announces: bool = False
) -> Callable[[Runner], Runner]:
    def register(run: Runner) -> Runner:
        name = usage.split()[0]
        SUBCOMMANDS[name] = Subcommand(name, usage, manager_only, announces, run)
        return run

    return register


@_subcommand(
    "subscribe [day] [HH:MM] [timezone] [topics,...] [size=N]", manager_only=True, announces=True
)
async def _subscribe(ctx: CommandContext) -> Reply:
    """Post a weekly flashback here, e.g. `subscribe mon 09:00 Europe/Berlin pruning,gans`."""
    args = ctx.command.subscribe
    subscription = await ctx.service.subscribe(
        ctx.channel,
        actor=ctx.actor,
        weekday=args.weekday,
        time=args.time,
        timezone=args.timezone,
        topics=list(args.topics) if args.topics is not None else None,
        size=args.size,
    )
    status = await ctx.service.status(ctx.channel)
    lines = [schedule_line(subscription), *status_lines(status)[1:]]
    return Reply(
        "reply",
        ReplyView(
            "Subscribed: a flashback will be posted here",
            lines,
            "ok",
            hint="`/flashback preview` shows this week's digest now.",
        ),
        ephemeral=False,
    )


@_subcommand("unsubscribe", manager_only=True, announces=True)
async def _unsubscribe(ctx: CommandContext) -> Reply:
    """Stop the weekly flashback in this channel."""
    if await ctx.service.unsubscribe(ctx.channel):
        view = ReplyView(
            "Unsubscribed: no more flashbacks here",
            tone="ok",
            hint="`/flashback subscribe` starts them again.",
        )
        return Reply("reply", view, ephemeral=False)
    return Reply(
        "reply",
        ReplyView(
            "This channel is not subscribed",
            tone="info",
            hint="`/flashback subscribe mon 09:00` starts a weekly one.",
        ),
    )


@_subcommand("status")
async def _status(ctx: CommandContext) -> Reply:
    """Show this channel's schedule, next post, last delivery and any pause."""
    status = await ctx.service.status(ctx.channel)
    lines = status_lines(status)
    if status.subscription is None:
        return Reply(
            "reply",
            ReplyView(
                "This channel is not subscribed",
                lines[1:],
                "info",
                hint="`/flashback subscribe mon 09:00` starts one.",
            ),
        )
    return Reply("reply", ReplyView("Flashback status", lines, "info"))


@_subcommand("preview")
async def _preview(ctx: CommandContext) -> Reply:
    """Show this week's digest to you only, without posting it."""
    digest = await ctx.service.preview(ctx.channel)
    return Reply("digest", digest, ephemeral=True)


@_subcommand("now", manager_only=True)
async def _now(ctx: CommandContext) -> Reply:
    """Post this week's digest to the channel now (once per week and channel)."""
    outcome = await ctx.service.send_now(ctx.channel)
    return Reply("reply", outcome_view(outcome))


@_subcommand("help")
async def _help(ctx: CommandContext) -> Reply:
    """Show these commands."""
    return help_reply(ctx.command.problem)


# --- views of service results -----------------------------------------------------------


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


# --- entry points for adapters ------------------------------------------------------------


def help_entries() -> list[HelpEntry]:
    """Every command users can type, in the order the help lists them."""
    entries = [
        HelpEntry(
            "/paper <query>",
            "Find the papers trip reports discussed, e.g. "
            "`/paper lottery ticket`. Only you see the answer.",
        )
    ]
    entries += [
        HelpEntry(f"/flashback {sub.usage}", sub.summary, sub.manager_only)
        for sub in SUBCOMMANDS.values()
    ]
    return entries


def help_reply(problem: str | None = None, manager_hint: str = MANAGER_HINT) -> Reply:
    """The help, optionally headed by what was wrong with the command typed."""
    return Reply("help", HelpView(help_entries(), manager_hint, problem))


def refused(command: FlashbackCommand, manager_hint: str = MANAGER_HINT) -> Reply:
    """The answer when someone who does not manage the channel runs a manager command."""
    return Reply(
        "reply",
        ReplyView(
            f"Only {manager_hint} can use `/flashback {command.name}`",
            ["Anyone can use `/flashback preview`, `/flashback status` and `/paper`."],
            tone="error",
        ),
    )


async def run_flashback(
    service: Service,
    channel: ChannelRef,
    actor: str,
    is_manager: bool,
    command: FlashbackCommand,
    *,
    manager_hint: str = MANAGER_HINT,
) -> Reply:
    """Run a parsed `/flashback` command; bad input and failures become replies."""
    if command.problem is not None:
        return help_reply(command.problem, manager_hint)
    if command.needs_manager and not is_manager:
        return refused(command, manager_hint)
    ctx = CommandContext(service, channel, actor, command)
    try:
        return await SUBCOMMANDS[command.name].run(ctx)
    except ValidationProblem as problem:
        return Reply(
            "reply",
            ReplyView(
                "That did not work",
                [str(problem)],
                "error",
                hint="`/flashback help` lists the commands.",
            ),
        )
    except Exception:
        log.exception("/flashback %s failed in %s", command.name, channel)
        return Reply(
            "reply",
            ReplyView(
                "Sorry, something went wrong on our side",
                ["The error is logged; please try again later."],
                "error",
            ),
        )


async def handle_flashback(
    service: Service,
    channel: ChannelRef,
    actor: str,
    is_manager: bool,
    text: str,
    *,
    manager_hint: str = MANAGER_HINT,
) -> Reply:
    """Answer `/flashback <text>` typed by ``actor`` in ``channel``."""
    command = parse_flashback(text)
    return await run_flashback(
        service, channel, actor, is_manager, command, manager_hint=manager_hint
    )


async def handle_paper(service: Service, text: str, *, limit: int = 3) -> Reply:
    """Answer `/paper <text>` privately: results, or help and suggestions."""
    try:
        answer = await service.paper(text.strip(), limit=limit)
    except Exception:
        log.exception("/paper %r failed", text)
        return Reply(
            "reply",
            ReplyView(
                "Sorry, the lookup failed on our side",
                ["The error is logged; please try again later."],
                "error",
            ),
        )
    return Reply("paper", PaperView(answer))


async def share_paper(service: Service, query: str, paper_id: str, actor: str) -> Reply:
    """Post one result of a lookup to the channel, on behalf of ``actor``."""
    answer = await service.paper(query, limit=10)
    chosen = [r for r in answer.results if r.paper.id == paper_id]
    if not chosen and paper_id in {p.id for p in service.corpus.papers}:
        # The query may have been cut short (Discord custom ids hold 100 characters).
        by_title = await service.paper(service.corpus.paper(paper_id).title, limit=10)
        chosen = [r for r in by_title.results if r.paper.id == paper_id]
    if not chosen:
        return Reply(
            "reply",
            ReplyView(
                "That result is no longer available", [f"Try `/paper {query}` again."], "error"
            ),
        )
    shared = dataclasses.replace(answer, results=chosen, suggestions=[])
    return Reply("paper", PaperView(shared, shared_by=actor), ephemeral=False)
