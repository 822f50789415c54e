"""Parsing `/flashback ...` lines and the one help text both platforms show."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.chat.parse import FlashbackCommand, SubscribeArgs, parse_flashback, parse_subscribe
from bot.chat.subcommands import SUBCOMMANDS, help_entries

REPO = Path(__file__).resolve().parents[2]


def test_subscribe_in_the_documented_order() -> None:
    command = parse_flashback("subscribe mon 09:00 Europe/Berlin pruning,gans")
    assert command == FlashbackCommand(
        "subscribe", SubscribeArgs("mon", "09:00", "Europe/Berlin", ("pruning", "gans"))
    )
    assert command.needs_manager


def test_subscribe_arguments_in_any_order_and_optional() -> None:
    assert parse_subscribe(["GANs,", "Pruning", "UTC", "Tuesday"]) == SubscribeArgs(
        "tue", None, "UTC", ("gans", "pruning")
    )
    assert parse_subscribe([]) == SubscribeArgs()
    assert parse_subscribe(["9am", "size=5"]) == SubscribeArgs(time="9am", size=5)


def test_bad_values_reach_the_service_as_typed() -> None:
    # '25:00' and 'Europe/Berln' are recognisable as a time and a timezone, so the service
    # answers with its precise message instead of them silently becoming topics.
    args = parse_subscribe(["25:00", "Europe/Berln"])
    assert args == SubscribeArgs(time="25:00", timezone="Europe/Berln")


def test_bad_size_is_a_problem() -> None:
    command = parse_flashback("subscribe size=lots")
    assert command.problem is not None and "size=4" in command.problem


@pytest.mark.parametrize("text", ["", "   ", "help", "HELP"])
def test_empty_and_help_show_help(text: str) -> None:
    command = parse_flashback(text)
    assert command.name == "help" and command.problem is None


def test_unknown_subcommand_is_named() -> None:
    command = parse_flashback("subscrbe mon")
    assert command.name == "help"
    assert command.problem is not None and "subscrbe" in command.problem


def test_manager_rule() -> None:
    managers = {name for name, sub in SUBCOMMANDS.items() if sub.manager_only}
    assert managers == {"subscribe", "unsubscribe", "now"}
    assert set(SUBCOMMANDS) == {"subscribe", "unsubscribe", "status", "preview", "now", "help"}


def test_help_lists_every_command_once_with_a_summary() -> None:
    entries = help_entries()
    usages = [e.usage for e in entries]
    assert usages[0] == "/paper <query>"
    assert len(usages) == len(set(usages)) == len(SUBCOMMANDS) + 1
    assert all(e.summary and len(e.summary) < 200 for e in entries)


def test_slack_manifest_declares_the_same_commands() -> None:
    manifest = yaml.safe_load((REPO / "slack-manifest.yml").read_text())
    commands = {c["command"]: c for c in manifest["features"]["slash_commands"]}
    assert set(commands) == {"/paper", "/flashback"}
    hint = commands["/flashback"]["usage_hint"]
    for name in SUBCOMMANDS:
        assert name in hint
    assert manifest["settings"]["socket_mode_enabled"] is True
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "users:read"} <= scopes
