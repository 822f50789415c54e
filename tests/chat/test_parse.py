"""Parsing `/flashback ...` lines and the one help text both platforms show."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.chat.commands import run_flashback
from bot.chat.parse import FlashbackCommand, SubscribeArgs, parse_flashback, parse_subscribe
from bot.chat.replies import HelpView
from bot.chat.subcommands import SUBCOMMANDS, help_entries
from bot.ports import ChannelRef
from bot.store import Store
from tests.support.databases import Database
from tests.support.delivery_kit import WEDNESDAY, Clock, make_service

REPO = Path(__file__).resolve().parents[2]


def test_subscribe_in_the_documented_order() -> None:
    command = parse_flashback("subscribe mon 09:00 Europe/Berlin topics=pruning,gans")
    assert command == FlashbackCommand(
        "subscribe", SubscribeArgs("mon", "09:00", "Europe/Berlin", ("pruning", "gans"))
    )
    assert command.needs_manager


def test_subscribe_arguments_in_any_order_and_optional() -> None:
    assert parse_subscribe(["topics=GANs,", "topic=Pruning", "UTC", "Tuesday"]) == SubscribeArgs(
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


@pytest.mark.parametrize(
    "token",
    ["size=²", "size=٣", "size=" + "9" * 5000, "size=", "size=-1", "size=4.5", "size=1e3"],
)
def test_sizes_that_are_no_plain_number_are_named_not_crashed_on(token: str) -> None:
    command = parse_flashback(f"subscribe mon {token}")
    assert command.name == "help" and command.topic == "subscribe"
    assert command.problem is not None and "size=4" in command.problem
    assert token[:20] in command.problem and len(command.problem) < 200


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("subscribe funday 09:00 UTC", "`funday`"),
        ("subscribe mon tue", "`tue`"),  # a second day is not understood either
        ("subscribe pruning,gans", "`pruning,gans`"),  # topics need topics=
        ("subscribe mon 09:00 UTC Berlin", "`Berlin`"),
    ],
)
def test_every_argument_not_understood_is_named_with_the_form(text: str, named: str) -> None:
    command = parse_flashback(text)
    assert command.name == "help" and command.topic == "subscribe"
    assert command.problem is not None and named in command.problem


def test_other_subcommands_name_stray_arguments() -> None:
    command = parse_flashback("status please")
    assert command.name == "help" and command.topic == "status"
    assert command.problem is not None and "`please`" in command.problem


def test_help_for_one_subcommand() -> None:
    assert parse_flashback("help subscribe") == FlashbackCommand("help", topic="subscribe")
    assert parse_flashback("help /now").topic == "now"
    unknown = parse_flashback("help frobnicate")
    assert unknown.problem is not None and "frobnicate" in unknown.problem


async def test_a_bad_argument_is_answered_with_the_subscribe_form() -> None:
    from bot.chat.commands import run_flashback
    from bot.chat.replies import HelpView
    from bot.ports import ChannelRef

    command = parse_flashback("subscribe size=²")
    reply = await run_flashback(None, ChannelRef("t", "", "c"), "u", True, command)  # type: ignore[arg-type]
    assert isinstance(reply.view, HelpView)
    [entry] = reply.view.entries
    assert entry.usage.startswith("/flashback subscribe [day] [HH:MM] [timezone] [topics=")
    assert "topics=" in entry.summary and "size=" in entry.summary
    assert reply.view.problem is not None and "size=²" in reply.view.problem


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
    assert usages[0] == "/paper <words>"
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


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_no_line_crashes_the_parser(text: str) -> None:
    command = parse_flashback("subscribe " + text)
    assert command.name in SUBCOMMANDS
    parse_flashback(text)


@pytest.mark.parametrize("zone", ["CET", "cet", "UTC", "EST5EDT", "Etc/GMT+1", "Asia/Tokyo"])
def test_every_iana_zone_is_read_as_the_timezone(zone: str) -> None:
    assert parse_flashback(f"subscribe mon {zone}").subscribe == SubscribeArgs("mon", None, zone)


@pytest.mark.parametrize(
    ("text", "meant", "topic"),
    [
        ("sub", "`subscribe`", "subscribe"),
        ("subscibe mon", "`subscribe`", "subscribe"),
        ("help subscibe", "`subscribe`", "subscribe"),
        ("stauts", "`status`", "status"),
        ("subscribe funday", "`sun`", "subscribe"),
        ("subscribe wendsday 09:00", "`wed`", "subscribe"),
        ("subscribe Berlin", "`Europe/Berlin`", "subscribe"),
        ("subscribe pruning,gans", "`topics=pruning,gans`", "subscribe"),
    ],
)
def test_near_misses_say_what_was_meant(text: str, meant: str, topic: str) -> None:
    command = parse_flashback(text)
    assert command.name == "help" and command.topic == topic
    assert command.problem is not None and meant in command.problem
    assert "\n" not in command.problem and len(command.problem) < 120


def test_a_second_day_says_one_day_per_subscription() -> None:
    command = parse_flashback("subscribe mon tue")
    assert command.problem == (
        "`tue`: a subscription has one day a week, and `mon` was given already; keep one."
    )


@pytest.mark.parametrize("sep", ["=", ":"])
def test_arguments_may_be_named_as_on_discord(sep: str) -> None:
    text = f"subscribe day{sep}Monday time{sep}09:00 timezone{sep}CET topics{sep}gans size{sep}3"
    assert parse_flashback(text) == FlashbackCommand(
        "subscribe", SubscribeArgs("Monday", "09:00", "CET", ("gans",), 3)
    )
    assert parse_flashback(f"subscribe tz{sep}UTC").subscribe == SubscribeArgs(timezone="UTC")
    empty = parse_flashback(f"subscribe day{sep}")
    assert empty.problem is not None and "needs a value, e.g. `day=mon`" in empty.problem


async def test_errors_show_the_one_subcommand_not_the_whole_help(
    store: Store, database: Database
) -> None:
    service = make_service(store, database, Clock(WEDNESDAY))
    channel = ChannelRef("memory", "W", "C")
    for text, problem in [
        ("sub", "I don't know `sub`. Did you mean `subscribe`?"),
        ("subscribe Europe/Berln", "Did you mean Europe/Berlin?"),  # the service's answer
        ("subscribe day:funday", "Did you mean sun?"),
    ]:
        reply = await run_flashback(service, channel, "U", True, parse_flashback(text))
        assert isinstance(reply.view, HelpView), text
        [entry] = reply.view.entries
        assert entry.usage.startswith("/flashback subscribe [day]")
        assert reply.view.problem is not None and problem in reply.view.problem
    assert await service.subscription(channel) is None
