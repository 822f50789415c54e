"""Reading what people type after `/flashback`: a subcommand and its arguments.

Arguments are classified, not validated: the service validates them and says what is wrong,
so a recognisable but bad time ('25:00') gets its precise message. What the parser cannot
classify is never guessed at: a stray word ('funday') is named back with the command's form,
instead of silently becoming a topic. Topics therefore take an explicit form,
``topics=pruning,gans``; every argument may be named so (``day=mon``, or ``day:mon`` as
Discord shows its options). A near miss is answered with what was meant ('subscibe',
'wendsday', 'Berlin'), and a second day with the rule: one day a week per subscription.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.chat.subcommands import SUBCOMMANDS
from bot.schedule.subscription_rules import (
    SIZE_RANGE,
    ValidationProblem,
    known_timezone,
    parse_weekday,
    suggest_timezone,
    suggest_weekday,
)

_TIME = re.compile(r"^\d{1,2}(:\d{2})?(am|pm)?$|^\d{1,2}(am|pm)$", re.IGNORECASE | re.ASCII)
_SIZE_VALUE = re.compile(r"^[0-9]{1,3}$", re.ASCII)  # ASCII digits only: '²' is no number
# `day=mon` as well as `day:mon`, the way Discord shows named options.
_NAMED = re.compile(r"^(?P<key>[a-z]+)[=:](?P<value>.*)$", re.IGNORECASE | re.DOTALL)
_KEYS = {
    "day": "weekday",
    "weekday": "weekday",
    "time": "time",
    "timezone": "timezone",
    "tz": "timezone",
    "topic": "topics",
    "topics": "topics",
    "size": "size",
}
_EXAMPLE_VALUES = {
    "weekday": "day=mon",
    "time": "time=09:00",
    "timezone": "timezone=Europe/Berlin",
    "topics": "topics=pruning,gans",
    "size": "size=4",
}
_ONE = {"weekday": "day a week", "time": "time", "timezone": "timezone", "size": "size"}
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
    return "/" in token or known_timezone(token) is not None or token.upper().startswith("UTC+")


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


def nearest(word: str, choices: Sequence[str]) -> str | None:
    """The choice ``word`` starts or is a near miss of ('sub', 'subscibe' -> 'subscribe')."""
    low = word.lower()
    starts = [c for c in choices if c.startswith(low)]
    close = starts if len(starts) == 1 else difflib.get_close_matches(low, choices, n=1)
    return close[0] if close else None


def _unknown_subcommand(problem: str, word: str) -> FlashbackCommand:
    """Help headed by ``problem``: of the subcommand meant, when one is near ``word``."""
    near = nearest(word, list(SUBCOMMANDS))
    if near is None:
        return FlashbackCommand("help", problem=problem)
    return FlashbackCommand("help", problem=f"{problem} Did you mean `{near}`?", topic=near)


def _not_understood(token: str) -> str:
    """What a token fits nothing: named back, with the nearest thing it may have meant."""
    problem = f"I don't understand {quoted(token)}."
    if day := suggest_weekday(token):
        return f"{problem} Did you mean `{day}`?"
    if zone := suggest_timezone(token):
        return f"{problem} Did you mean `{zone}`?"
    if "," in token:
        return f"{problem} Topics are written `topics={token.strip(',')}`."
    return problem


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
        named = _NAMED.match(token)
        if named and named["key"].lower() in _KEYS:
            return self.named(_KEYS[named["key"].lower()], named["value"], token)
        if day := _weekday(token):
            return self.once("weekday", day, token)
        if _TIME.match(token):
            return self.once("time", token, token)
        if _looks_like_timezone(token):
            return self.once("timezone", token, token)
        return _not_understood(token)

    def named(self, field: str, value: str, token: str) -> str | None:
        """``day=mon`` or ``day:mon`` (as Discord shows it): the value as typed."""
        if not value.strip():
            return f"{quoted(token)} needs a value, e.g. `{_EXAMPLE_VALUES[field]}`."
        if field == "topics":
            self.topics = (*(self.topics or ()), *_topics(value))
            return None
        if field == "size":
            size = _size(value, token)
            return size if isinstance(size, str) else self.once("size", size, token)
        return self.once(field, value, token)

    def once(self, field: str, value: str | int, token: str) -> str | None:
        """Set one argument; a second, different value is a problem (one day, one time...)."""
        current = getattr(self, field)
        if current is not None and current != value:
            return (
                f"{quoted(token)}: a subscription has one {_ONE[field]}, and "
                f"{quoted(str(current))} was given already; keep one."
            )
        setattr(self, field, value)
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
        return _unknown_subcommand(f"I don't know {quoted(tokens[0])}.", name)
    if name == "subscribe":
        args = parse_subscribe(rest)
        if isinstance(args, str):
            return FlashbackCommand("help", problem=args, topic="subscribe")
        return FlashbackCommand("subscribe", subscribe=args)
    if name == "help":
        wanted = rest[0].lower().lstrip("/") if rest else None
        if wanted is None or wanted in SUBCOMMANDS:
            return FlashbackCommand("help", topic=wanted)
        return _unknown_subcommand(f"There is no subcommand {quoted(rest[0])}.", wanted)
    if rest:
        return _extra(name, rest)
    return FlashbackCommand(name)
