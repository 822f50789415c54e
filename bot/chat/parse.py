"""Reading what people type after `/flashback`: a subcommand and its arguments.

Arguments are classified, not validated: the service validates them and says what is wrong,
so a recognisable but bad time ('25:00') gets its precise message. What the parser cannot
classify is never guessed at: a stray word ('funday') is named back with the command's form,
instead of silently becoming a topic. Topics therefore take an explicit form,
``topics=pruning,gans``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.chat.subcommands import SUBCOMMANDS
from bot.schedule.subscription_rules import SIZE_RANGE, ValidationProblem, parse_weekday

_TIME = re.compile(r"^\d{1,2}(:\d{2})?(am|pm)?$|^\d{1,2}(am|pm)$", re.IGNORECASE | re.ASCII)
_SIZE = re.compile(r"^size=", re.IGNORECASE)
_SIZE_VALUE = re.compile(r"^[0-9]{1,3}$", re.ASCII)  # ASCII digits only: '²' is no number
_TOPICS = re.compile(r"^topics?=(?P<value>.*)$", re.IGNORECASE | re.DOTALL)
_SHOWN = 40  # characters of an unknown argument quoted back


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
    topic: str | None = None  # `help <subcommand>`: the subcommand to explain

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


def quoted(token: str) -> str:
    """An argument as shown back in a reply: in backticks, cut short, never a code fence."""
    shown = token if len(token) <= _SHOWN else token[: _SHOWN - 1] + "…"
    return "`" + shown.replace("`", "'") + "`"


def _size(value: str, token: str) -> int | str:
    low, high = SIZE_RANGE
    if not _SIZE_VALUE.match(value):
        return (
            f"{quoted(token)}: size is a number of highlights from {low} to {high}, e.g. `size=4`."
        )
    return int(value)


def _topics(value: str) -> tuple[str, ...]:
    return tuple(t.strip().lower() for t in value.split(",") if t.strip())


@dataclass
class _Subscribe:
    """The arguments read so far, and the tokens not understood."""

    weekday: str | None = None
    time: str | None = None
    timezone: str | None = None
    topics: tuple[str, ...] | None = None
    size: int | None = None

    def take(self, token: str) -> str | None:
        """Classify one token; a problem (str) when it is not understood."""
        if self.weekday is None and (day := _weekday(token)):
            self.weekday = day
        elif self.time is None and _TIME.match(token):
            self.time = token
        elif self.timezone is None and _looks_like_timezone(token):
            self.timezone = token
        elif _SIZE.match(token):
            size = _size(token[len("size=") :], token)
            if isinstance(size, str):
                return size
            self.size = size
        elif match := _TOPICS.match(token):
            self.topics = (*(self.topics or ()), *_topics(match["value"]))
        else:
            return f"I don't understand {quoted(token)}."
        return None


def parse_subscribe(tokens: Sequence[str]) -> SubscribeArgs | str:
    """Classify `subscribe` tokens as day, time, timezone, size=N or topics=...; str = problem."""
    args = _Subscribe()
    problems = [problem for token in tokens if (problem := args.take(token))]
    if problems:
        return " ".join(problems)
    return SubscribeArgs(args.weekday, args.time, args.timezone, args.topics, args.size)


def _extra(name: str, rest: Sequence[str]) -> FlashbackCommand:
    words = " ".join(quoted(token) for token in rest[:3])
    return FlashbackCommand(
        "help",
        problem=f"`/flashback {name}` takes no arguments; I don't understand {words}.",
        topic=name,
    )


def parse_flashback(text: str) -> FlashbackCommand:
    """Parse the text after `/flashback`: a subcommand and its arguments."""
    tokens = text.split()
    if not tokens:
        return FlashbackCommand("help")
    name, rest = tokens[0].lower(), tokens[1:]
    if name not in SUBCOMMANDS:
        return FlashbackCommand("help", problem=f"I don't know {quoted(tokens[0])}.")
    if name == "subscribe":
        args = parse_subscribe(rest)
        if isinstance(args, str):
            return FlashbackCommand("help", problem=args, topic="subscribe")
        return FlashbackCommand("subscribe", subscribe=args)
    if name == "help":
        wanted = rest[0].lower().lstrip("/") if rest else None
        if wanted is None or wanted in SUBCOMMANDS:
            return FlashbackCommand("help", topic=wanted)
        return FlashbackCommand("help", problem=f"There is no subcommand {quoted(rest[0])}.")
    if rest:
        return _extra(name, rest)
    return FlashbackCommand(name)
