"""One source for how commands are typed: the in-chat help, Discord's options, the Slack
manifest's usage hints and the README's table must all say the same (and include size=N)."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.chat.parse import SubscribeArgs, parse_flashback
from bot.chat.subcommands import SUBCOMMANDS, help_entries, subcommand_help
from bot.chat.usage import ARGUMENTS, SYNTAXES, Syntax, example, usage
from bot.chat.views import DAY_NAMES
from bot.ops.usage_docs import command_table, usage_hints, with_usage_hints
from tests.conftest import REPO_ROOT

MANIFEST = REPO_ROOT / "slack-manifest.yml"


def _manifest_hints() -> dict[str, str]:
    manifest = yaml.safe_load(MANIFEST.read_text("utf-8"))
    return {c["command"]: c["usage_hint"] for c in manifest["features"]["slash_commands"]}


def test_the_manifest_hints_are_the_generated_ones() -> None:
    assert _manifest_hints() == usage_hints()
    text = MANIFEST.read_text("utf-8")
    assert with_usage_hints(text) == text, "slack-manifest.yml is out of date: run `make docs`"


def test_the_flashback_hint_is_the_help_text_usage() -> None:
    hint = _manifest_hints()["/flashback"]
    slack_usages = [e.usage.removeprefix("/flashback ") for e in help_entries("text")[1:]]
    assert hint.split(" | ") == slack_usages
    assert "[size=N]" in hint and "[topics=a,b]" in hint


def test_every_place_shows_size() -> None:
    readme = (REPO_ROOT / "README.md").read_text("utf-8")
    assert command_table() in readme, "README.md is out of date: run `make docs`"
    assert "[size=N]" in readme and "[size]" in readme
    for syntax in SYNTAXES:
        assert "size" in subcommand_help("subscribe", syntax).usage


def test_discord_help_uses_named_options_and_slack_help_uses_text() -> None:
    slack = " ".join(f"{e.usage} {e.summary}" for e in help_entries("text"))
    discord = " ".join(f"{e.usage} {e.summary}" for e in help_entries("options"))
    assert "topics=pruning,gans" in slack and "day:Monday" not in slack
    assert "day:Monday time:09:00" in discord and "query:lottery ticket" in discord
    assert not re.search(r"\w=\w", discord) and "mon 09:00" not in discord
    details = subcommand_help("subscribe", "options").summary
    assert "`size:` highlights per digest" in details and "any order" not in details


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_usage_names_every_argument(syntax: Syntax) -> None:
    for name, arguments in ARGUMENTS.items():
        shown = usage(name, syntax)
        for argument in arguments:
            assert (argument.typed if syntax == "text" else argument.name) in shown


def _options_example(line: str) -> SubscribeArgs:
    """The named-option example read the way Discord hands the options to the cog."""
    options = dict(token.split(":", 1) for token in line.split()[1:])
    day = {name: key for key, name in DAY_NAMES.items()}[options["day"]]
    topics = tuple(options["topics"].split(","))
    return SubscribeArgs(day, options["time"], options["timezone"], topics)


def test_the_two_examples_say_the_same() -> None:
    text, options = example("subscribe", "text"), example("subscribe", "options")
    assert text is not None and options is not None
    typed = parse_flashback(text).subscribe
    assert typed == _options_example(options)
    assert parse_flashback(example("help", "text") or "").topic == "subscribe"
    assert set(SUBCOMMANDS) >= set(ARGUMENTS)
