"""Reading what people type after `/flashback`: a subcommand and its arguments.

Arguments are classified, not validated: the service validates them and says what is wrong,
so a recognisable but bad time ('25:00') gets its precise message instead of becoming a topic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.chat.subcommands import SUBCOMMANDS
from bot.schedule.subscription_rules import ValidationProblem, parse_weekday

_TIME = re.compile(r"^\d{1,2}(:\d{2})?\s*(am|pm)?$|^\d{1,2}(am|pm)$", re.IGNORECASE)
_SIZE = re.compile(r"^size=(\S+)$", re.IGNORECASE)


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
