"""The `/flashback` subcommands, registered with their usage: their docstrings are the help.

``SUBCOMMANDS`` is the one list every platform shows, parses against and describes
(Discord's command descriptions, Slack's and the console's help).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.chat.replies import MANAGER_HINT, HelpEntry, HelpView, Reply, ReplyView
from bot.chat.views import outcome_view, schedule_line, status_lines
from bot.ports import ChannelRef

if TYPE_CHECKING:
    from bot.chat.parse import FlashbackCommand
    from bot.service import Service


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
        """The first line of the runner's docstring: what the help lists."""
        return (self.run.__doc__ or "").strip().splitlines()[0]

    @property
    def details(self) -> str:
        """The rest of the docstring, one paragraph: what `help <name>` adds."""
        rest = (self.run.__doc__ or "").strip().splitlines()[1:]
        return " ".join(line.strip() for line in rest if line.strip())


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
    "subscribe [day] [HH:MM] [timezone] [topics=a,b] [size=N]", manager_only=True, announces=True
)
async def _subscribe(ctx: CommandContext) -> Reply:
    """Post a weekly flashback here, e.g. `subscribe mon 09:00 Europe/Berlin topics=pruning,gans`.

    Every argument is optional and may come in any order: a day (`mon` to `sun`), a time
    (`09:00`, `17:30`, `9am`), a timezone (`UTC`, `Europe/Berlin`), `topics=` a comma-separated
    list of words the highlights should be about, and `size=` the number of highlights (1 to
    10). Anything else is answered with this help, naming what was not understood.
    """
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


@_subcommand("help [subcommand]")
async def _help(ctx: CommandContext) -> Reply:
    """Show these commands; `help subscribe` explains one of them."""
    return help_reply(ctx.command.problem, topic=ctx.command.topic)


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


def subcommand_help(name: str) -> HelpEntry:
    """One subcommand's entry with its details: what `/flashback help <name>` shows."""
    sub = SUBCOMMANDS[name]
    summary = f"{sub.summary} {sub.details}".strip()
    return HelpEntry(f"/flashback {sub.usage}", summary, sub.manager_only)


def help_reply(
    problem: str | None = None, manager_hint: str = MANAGER_HINT, *, topic: str | None = None
) -> Reply:
    """The help (of one subcommand when ``topic`` names it), headed by what was wrong."""
    entries = [subcommand_help(topic)] if topic in SUBCOMMANDS else help_entries()
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
