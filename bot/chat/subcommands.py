"""The `/flashback` subcommands: their docstrings are the help.

``SUBCOMMANDS`` is the one list every platform shows, parses against and describes
(Discord's command descriptions, Slack's and the console's help). How each is typed, with its
arguments and examples, comes from ``bot.chat.usage``, in the platform's syntax.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.chat.replies import MANAGER_HINT, HelpEntry, HelpView, Reply, ReplyView
from bot.chat.usage import (
    PAPER_SUMMARY,
    Syntax,
    details,
    example,
    paper_example,
    paper_usage,
    usage,
)
from bot.chat.views import outcome_view, status_lines, subscribed_view, unmatched_note
from bot.ports import ChannelRef

if TYPE_CHECKING:
    from bot.chat.parse import FlashbackCommand
    from bot.service import Service


PostingCheck = Callable[[], Awaitable[str | None]]


@dataclass(frozen=True)
class CommandContext:
    """Who runs a command, where, against which service."""

    service: Service
    channel: ChannelRef
    actor: str
    command: FlashbackCommand
    syntax: Syntax = "text"  # how the platform types arguments, for the help
    posting: PostingCheck | None = None  # why the bot could not post here (None: it can)


Runner = Callable[[CommandContext], Awaitable[Reply]]


@dataclass(frozen=True)
class Subcommand:
    """A `/flashback` subcommand: who may run it, and its runner.

    ``announces``: its success is told to the whole channel, not only to the one who typed it
    (Discord must know this before it runs, to defer publicly).
    """

    name: str
    manager_only: bool
    announces: bool
    run: Runner

    @property
    def summary(self) -> str:
        """The first line of the runner's docstring: what the help lists."""
        return (self.run.__doc__ or "").strip().splitlines()[0]

    def usage(self, syntax: Syntax) -> str:
        """How it is typed, with the command: "/flashback subscribe [day] ..."."""
        return f"/flashback {usage(self.name, syntax)}"

    def described(self, syntax: Syntax) -> str:
        """The summary with an example in the platform's syntax, when there is one."""
        shown = example(self.name, syntax)
        if shown is None:
            return self.summary
        return f"{self.summary.rstrip('.')}, e.g. `/flashback {shown}`."


SUBCOMMANDS: dict[str, Subcommand] = {}


def _subcommand(
    name: str, *, manager_only: bool = False, announces: bool = False
) -> Callable[[Runner], Runner]:
    def register(run: Runner) -> Runner:
        SUBCOMMANDS[name] = Subcommand(name, manager_only, announces, run)
        return run

    return register


@_subcommand("subscribe", manager_only=True, announces=True)
async def _subscribe(ctx: CommandContext) -> Reply:
    """Post a weekly flashback here, on the day and at the time you choose."""
    args = ctx.command.subscribe
    before = await ctx.service.subscription(ctx.channel)
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
    notes: list[str] = []
    if ctx.posting is not None and (problem := await ctx.posting()):
        notes.append(f"Digests cannot be posted here yet: {problem}.")
    if args.topics:  # said when given, not on every later change
        unmatched = await ctx.service.unmatched_topics(subscription.topics)
        if note := unmatched_note(unmatched, subscription.topics):
            notes.append(note)
    view = subscribed_view(before, subscription, status, notes)
    return Reply("reply", view, ephemeral=False)


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
            hint="`/flashback subscribe` starts a weekly one.",
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
                hint="`/flashback subscribe` starts one.",
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
    """Show these commands, or explain one of them."""
    return help_reply(ctx.command.problem, topic=ctx.command.topic, syntax=ctx.syntax)


def paper_entry(syntax: Syntax = "text") -> HelpEntry:
    """`/paper` as the help lists it."""
    return HelpEntry(
        paper_usage(syntax),
        f"{PAPER_SUMMARY}, e.g. `{paper_example(syntax)}`. Only you see the answer.",
    )


def help_entries(syntax: Syntax = "text") -> list[HelpEntry]:
    """Every command users can type, in the order the help lists them."""
    entries = [paper_entry(syntax)]
    entries += [
        HelpEntry(sub.usage(syntax), sub.described(syntax), sub.manager_only)
        for sub in SUBCOMMANDS.values()
    ]
    return entries


def subcommand_help(name: str, syntax: Syntax = "text") -> HelpEntry:
    """One subcommand's entry with its details: what `/flashback help <name>` shows."""
    sub = SUBCOMMANDS[name]
    summary = f"{sub.described(syntax)} {details(name, syntax)}".strip()
    return HelpEntry(sub.usage(syntax), summary, sub.manager_only)


def help_reply(
    problem: str | None = None,
    manager_hint: str = MANAGER_HINT,
    *,
    topic: str | None = None,
    syntax: Syntax = "text",
) -> Reply:
    """The help (of one subcommand when ``topic`` names it), headed by what was wrong."""
    one = topic in SUBCOMMANDS
    entries = [subcommand_help(topic, syntax)] if topic and one else help_entries(syntax)
    return Reply("help", HelpView(entries, manager_hint, problem))


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
