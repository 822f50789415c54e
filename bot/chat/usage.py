"""How each command is typed: the one source of usage lines, examples and argument help.

Slack and the console read arguments from the text after the command
(`/flashback subscribe mon 09:00 topics=pruning,gans`); Discord has named options
(`/flashback subscribe day:Monday time:09:00 topics:pruning,gans`). The help on every
platform, Discord's option descriptions, the `/paper` and `/flashback` usage hints in
slack-manifest.yml and the README's command table are all made from here (`make docs` rewrites
the generated files, see ``bot.ops.usage_docs``; tests/chat/test_usage.py fails on drift).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Syntax = Literal["text", "options"]  # text after the command (Slack, console); named options
SYNTAXES: tuple[Syntax, ...] = ("text", "options")


@dataclass(frozen=True)
class Argument:
    """One optional argument of a subcommand."""

    name: str  # Discord's option name
    typed: str  # how it is written in text: "HH:MM", "topics=a,b"
    about: str  # what it is; help and Discord's option description (at most 100 characters)


ARGUMENTS: dict[str, tuple[Argument, ...]] = {
    "subscribe": (
        Argument("day", "day", "day of the week to post on, Monday to Sunday (mon to sun)"),
        Argument("time", "HH:MM", "local time, 24-hour HH:MM such as 09:00 or 17:30 (or 9am)"),
        Argument("timezone", "timezone", "IANA timezone such as UTC or Europe/Berlin"),
        Argument("topics", "topics=a,b", "comma-separated words the highlights are about"),
        Argument("size", "size=N", "highlights per digest, 1 to 10"),
    ),
    "help": (Argument("subcommand", "subcommand", "the subcommand to explain, e.g. subscribe"),),
}
EXAMPLES: dict[str, dict[Syntax, str]] = {
    "subscribe": {
        "text": "subscribe mon 09:00 Europe/Berlin topics=pruning,gans",
        "options": "subscribe day:Monday time:09:00 timezone:Europe/Berlin topics:pruning,gans",
    },
    "help": {"text": "help subscribe", "options": "help subcommand:subscribe"},
}
PAPER_ARGUMENT = Argument(
    "query", "<words>", "words from a title, a nickname, an author or a topic"
)
PAPER_SUMMARY = "Find the papers trip reports discussed"
PAPER_EXAMPLE = "lottery ticket"


def usage(name: str, syntax: Syntax) -> str:
    """How a subcommand is typed after `/flashback`: "subscribe [day] [HH:MM] ..."."""
    shown = [f"[{arg.typed if syntax == 'text' else arg.name}]" for arg in ARGUMENTS.get(name, ())]
    return " ".join([name, *shown])


def example(name: str, syntax: Syntax) -> str | None:
    """A whole example after `/flashback`, in the platform's syntax, or None."""
    return EXAMPLES.get(name, {}).get(syntax)


def details(name: str, syntax: Syntax) -> str:
    """Each argument explained, for `/flashback help <name>` ('' without arguments)."""
    arguments = ARGUMENTS.get(name, ())
    if name == "help" or not arguments:
        return ""
    if syntax == "options":
        listed = "; ".join(f"`{a.name}:` {a.about}" for a in arguments)
        return f"Every option may be left out (the defaults apply): {listed}."
    listed = "; ".join(f"`{a.typed}` {a.about}" for a in arguments)
    return (
        f"Every argument may be left out and they may come in any order: {listed}. "
        "Each may also be named, as `day=mon` or `day:mon`. "
        "Anything else is answered with this help, naming what was not understood."
    )


def paper_usage(syntax: Syntax) -> str:
    """How `/paper` is typed: "/paper <words>" or "/paper query:<words>"."""
    arg = PAPER_ARGUMENT
    return f"/paper {arg.typed}" if syntax == "text" else f"/paper {arg.name}:{arg.typed}"


def paper_example(syntax: Syntax) -> str:
    """`/paper` with the example words, in the platform's syntax."""
    prefix = "" if syntax == "text" else f"{PAPER_ARGUMENT.name}:"
    return f"/paper {prefix}{PAPER_EXAMPLE}"
