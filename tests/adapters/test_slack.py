"""Slack over real HTTP: signed slash commands into the app's endpoint, a fake Web API behind.

The bot runs as `flashback run` builds it (HTTP mode), against the shipped corpus and a
SQLite file; FLASHBACK_SLACK_API_URL points at tests/fakes/slack_api.py, and every
command's response_url points at the same fake, so what respond() sends is recorded too.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest

from bot.adapters.runtime import connections_for
from bot.adapters.slack.adapter import PERMANENT_ERRORS
from bot.adapters.slack.limits import validate_slack
from bot.app import App
from bot.digest.render import make_environment
from bot.digest.safety import ZWJ
from bot.ports import ChannelRef
from bot.settings import load_settings
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_requests import (
    action_body,
    command_body,
    post_signed,
    signed_headers,
    wait_until,
)
from tests.support.slack_bot import ADMIN, ALLOWED, MEMBER, OWNER, SlackBot, slack_settings


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlackAPI]:
    async with FakeSlackAPI() as fake:
        fake.add_user(ADMIN, admin=True)
        fake.add_user(OWNER, owner=True)
        fake.add_user(MEMBER)
        fake.add_user(ALLOWED)
        yield fake


@pytest.fixture
async def slack(fake_slack: FakeSlackAPI, tmp_path: Path) -> AsyncIterator[SlackBot]:
    settings = slack_settings(tmp_path, fake_slack.api_url)
    app = await App.open(settings)
    [connection] = await connections_for(app, make_environment(None))
    app.add_adapter(connection.adapter)
    await connection.start()
    url = f"http://127.0.0.1:{settings.http_port}/slack/events"
    try:
        yield SlackBot(app, connection, fake_slack, url)
    finally:
        await connection.close()
        await app.close()


def blocks_text(payload: dict[str, Any]) -> str:
    """Every text in a Block Kit payload, joined, for content assertions."""
    return json.dumps(payload["blocks"], ensure_ascii=False)


def within_limits(payload: dict[str, Any]) -> None:
    assert validate_slack({"text": payload["text"], "blocks": payload["blocks"]}) == []


# --- /paper ---------------------------------------------------------------------------------


async def test_paper_answers_privately_with_share_buttons(slack: SlackBot) -> None:
    answer = await slack.command("/paper", "lottery ticket")
    assert answer["response_type"] == "ephemeral"
    assert "Lottery Ticket Hypothesis" in blocks_text(answer)
    buttons = [b for b in answer["blocks"] if b["type"] == "actions"]
    assert buttons and buttons[0]["elements"][0]["action_id"] == "flashback_share"
    assert answer["unfurl_links"] is False
    within_limits(answer)


async def test_share_button_posts_one_result_to_the_channel(slack: SlackBot) -> None:
    answer = await slack.command("/paper", "lottery ticket")
    value = next(b for b in answer["blocks"] if b["type"] == "actions")["elements"][0]["value"]
    body = action_body("flashback_share", value, response_url=slack.fake.response_url("share"))
    status, _ = await post_signed(slack.url, body)
    assert status == 200
    [shared] = await wait_until(lambda: slack.fake.responses("share"))
    assert shared["response_type"] == "in_channel"
    assert "Lottery Ticket Hypothesis" in blocks_text(shared)
    assert not [b for b in shared["blocks"] if b["type"] == "actions"]
    within_limits(shared)


@pytest.mark.parametrize("query", ["", "zxqvwk"])
async def test_empty_or_nonsense_query_gets_help(slack: SlackBot, query: str) -> None:
    answer = await slack.command("/paper", query)
    assert "/paper &lt;words&gt;" in blocks_text(answer) or "/paper <words>" in blocks_text(answer)
    within_limits(answer)


# --- /flashback -----------------------------------------------------------------------------


async def test_admin_subscribes_and_the_channel_is_told(slack: SlackBot) -> None:
    answer = await slack.command(
        "/flashback", "subscribe tue 08:30 Europe/Berlin topics=pruning,gans", user=ADMIN
    )
    assert answer["response_type"] == "in_channel"
    assert "Every Tuesday at 08:30 (Europe/Berlin)" in blocks_text(answer)
    sub = await slack.app.store.subscription(ChannelRef("slack", "T0FAKE", "C0CHAN"))
    assert sub is not None and sub.topics == ("pruning", "gans") and sub.created_by == ADMIN
    within_limits(answer)


async def test_subscribing_where_the_bot_is_not_warns_how_to_invite_it(slack: SlackBot) -> None:
    invite = "`/invite @Flashback`"  # as typed: no zero-width joiner in our own instruction
    slack.fake.outside.add("C0OUT")
    answer = await slack.command("/flashback", "subscribe mon", user=ADMIN, channel="C0OUT")
    assert "Subscribed" in answer["text"]
    assert (
        f"Digests cannot be posted here yet: the bot is not in this channel: invite it with {invite}."
        in blocks_text(answer)
    )
    assert "\u200d" not in json.dumps(answer["blocks"]) and ZWJ not in blocks_text(answer)
    inside = await slack.command("/flashback", "subscribe mon", user=ADMIN)
    assert "cannot be posted" not in blocks_text(inside)

    # The digest then fails, the channel is paused, and status says the same, copyable.
    [sub] = [s for s in await slack.app.store.subscriptions() if s.channel.channel == "C0OUT"]
    assert (await slack.app.service.deliver(sub, "2026-W19")).status == "failed"
    status = await slack.command("/flashback", "status", channel="C0OUT")
    assert f"Paused: the bot is not in the channel: invite it with {invite}" in blocks_text(status)
    assert ZWJ not in blocks_text(status)


async def test_pings_typed_by_users_are_still_broken_in_code_spans(slack: SlackBot) -> None:
    answer = await slack.command("/flashback", "subscribe <!channel> @here", user=ADMIN)
    text = blocks_text(answer)
    assert "<!channel>" not in text and "@here" not in text and "`@" + ZWJ + "here`" in text


@pytest.mark.parametrize("user", [OWNER, ALLOWED])
async def test_owners_and_allow_listed_users_manage_too(slack: SlackBot, user: str) -> None:
    answer = await slack.command("/flashback", "subscribe", user=user)
    assert "Subscribed" in answer["text"]


async def test_allow_listed_user_needs_no_users_info(slack: SlackBot) -> None:
    await slack.command("/flashback", "subscribe", user=ALLOWED)
    assert not [c for c in slack.fake.calls_to("users.info") if c.body.get("user") == ALLOWED]


@pytest.mark.parametrize("text", ["subscribe mon", "unsubscribe", "now"])
async def test_members_may_not_manage(slack: SlackBot, text: str) -> None:
    answer = await slack.command("/flashback", text, user=MEMBER)
    assert answer["response_type"] == "ephemeral"
    assert "Only workspace admins and owners" in answer["text"]
    assert await slack.app.store.subscription(ChannelRef("slack", "T0FAKE", "C0CHAN")) is None
    assert not slack.fake.posted()


async def test_without_users_read_an_admin_hears_of_the_scope(slack: SlackBot) -> None:
    slack.fake.scopes.remove("users:read")
    answer = await slack.command("/flashback", "subscribe", user=ADMIN)
    assert answer["response_type"] == "ephemeral"
    assert "lacks the users:read scope" in answer["text"]
    assert "Only workspace admins" not in answer["text"]
    assert "Reinstall to Workspace" in str(answer["blocks"])
    [refused] = slack.fake.calls_to("users.info", include_failed=True)
    assert refused.failed


@pytest.mark.parametrize("text", ["status", "preview", "help"])
async def test_members_may_look(slack: SlackBot, text: str) -> None:
    answer = await slack.command("/flashback", text, user=MEMBER)
    assert answer["response_type"] == "ephemeral"
    assert "Only workspace" not in answer["text"]
    within_limits(answer)
    # Read-only commands never ask Slack who the user is.
    assert not slack.fake.calls_to("users.info")


async def test_preview_shows_the_digest_blocks(slack: SlackBot) -> None:
    answer = await slack.command("/flashback", "preview")
    assert answer["blocks"][0]["type"] == "header"
    assert "Conference Flashback" in answer["blocks"][0]["text"]["text"]
    assert not slack.fake.posted()  # a preview posts nothing


async def test_status_before_and_after_subscribing(slack: SlackBot) -> None:
    assert "not subscribed" in (await slack.command("/flashback", "status"))["text"]
    await slack.command("/flashback", "subscribe fri 17:00 UTC", user=ADMIN)
    answer = await slack.command("/flashback", "status")
    assert "Every Friday at 17:00 (UTC)" in blocks_text(answer)
    assert "Next flashback: Fri" in blocks_text(answer)


async def test_now_posts_the_digest_once_with_unfurling_off(slack: SlackBot) -> None:
    await slack.command("/flashback", "subscribe", user=ADMIN)
    first = await slack.command("/flashback", "now", user=ADMIN)
    assert "Posted this week's flashback" in first["text"]
    again = await slack.command("/flashback", "now", user=ADMIN)
    assert "already posted" in again["text"]
    [posted] = slack.fake.posted("C0CHAN")
    assert posted["unfurl_links"] is False and posted["unfurl_media"] is False
    assert posted["metadata"]["event_type"] == "flashback_digest"
    within_limits(posted)


async def test_unsubscribe(slack: SlackBot) -> None:
    await slack.command("/flashback", "subscribe", user=ADMIN)
    answer = await slack.command("/flashback", "unsubscribe", user=ADMIN)
    assert answer["response_type"] == "in_channel" and "Unsubscribed" in answer["text"]
    again = await slack.command("/flashback", "unsubscribe", user=ADMIN)
    assert "not subscribed" in again["text"]


async def test_bad_arguments_get_a_helpful_private_reply(slack: SlackBot) -> None:
    answer = await slack.command("/flashback", "subscribe 25:00", user=ADMIN)
    assert answer["response_type"] == "ephemeral"
    assert "'25:00' is not a time of day" in blocks_text(answer)
    unknown = await slack.command("/flashback", "frobnicate")
    assert "frobnicate" in blocks_text(unknown) and "subscribe" in blocks_text(unknown)


async def test_help_is_the_shared_help(slack: SlackBot) -> None:
    from bot.chat.subcommands import help_entries

    answer = await slack.command("/flashback", "help")
    for entry in help_entries():
        assert entry.usage.replace("<", "&lt;").replace(">", "&gt;") in blocks_text(answer)


# --- request verification -------------------------------------------------------------------


async def test_forged_signature_is_refused(slack: SlackBot) -> None:
    body = command_body("/paper", "lottery", response_url=slack.fake.response_url("forged"))
    headers = signed_headers(body, secret="not-the-signing-secret")
    status, _ = await post_signed(slack.url, body, headers=headers)
    assert status == 401
    assert not slack.fake.responses("forged")


async def test_replayed_request_is_refused(slack: SlackBot) -> None:
    body = command_body("/paper", "lottery", response_url=slack.fake.response_url("old"))
    status, _ = await post_signed(slack.url, body, headers=signed_headers(body, age=6 * 60))
    assert status == 401
    assert not slack.fake.responses("old")


# --- posting digests ------------------------------------------------------------------------


async def test_a_429_storm_loses_nothing(slack: SlackBot) -> None:
    channels = [ChannelRef("slack", "T0FAKE", f"C0STORM{i}") for i in range(4)]
    for channel in channels:
        await slack.app.service.subscribe(channel, actor=ADMIN)
    slack.fake.fail("chat.postMessage", status=429, retry_after=0, times=8)
    slack.fake.fail("chat.postMessage", status=500, times=2)
    subs = await slack.app.store.subscriptions()
    import asyncio

    outcomes = await asyncio.gather(*(slack.app.service.deliver(s, "2026-W19") for s in subs))
    assert [o.status for o in outcomes] == ["sent"] * 4
    for channel in channels:
        [posted] = slack.fake.posted(channel.channel)
        within_limits(posted)
    assert len(slack.fake.calls_to("chat.postMessage", include_failed=True)) >= 14


async def test_a_post_whose_answer_is_lost_is_looked_for_not_posted_again(
    slack: SlackBot,
) -> None:
    import asyncio

    channels = [ChannelRef("slack", "T0FAKE", f"C0LOST{i:02d}") for i in range(12)]
    for channel in channels:
        await slack.app.service.subscribe(channel, actor=ADMIN)
    slack.fake.lose_answer(2, 5, how="drop")  # stored, then the connection drops
    slack.fake.lose_answer(8, how=503)  # stored, then a gateway error
    slack.fake.fail("chat.postMessage", status=429, retry_after=0, times=2)  # certain: not stored
    subs = await slack.app.store.subscriptions()
    outcomes = await asyncio.gather(*(slack.app.service.deliver(s, "2026-W19") for s in subs))

    assert [o.status for o in outcomes] == ["sent"] * len(channels)
    for outcome in outcomes:
        [message] = slack.fake.messages(outcome.channel.channel)  # exactly one digest each
        assert outcome.message_id == message["ts"]
        assert message["metadata"]["event_payload"]["week"] == "2026-W19"
    # No library retry re-sent a post: 12 stored, plus the two 429s; three looks, one per loss.
    assert len(slack.fake.calls_to("chat.postMessage", include_failed=True)) == 14
    assert len(slack.fake.calls_to("conversations.history")) == 3


async def test_an_uncertain_post_that_did_not_arrive_is_posted_again(slack: SlackBot) -> None:
    channel = ChannelRef("slack", "T0FAKE", "C0RETRY")
    await slack.app.service.subscribe(channel, actor=ADMIN)
    slack.fake.fail("chat.postMessage", status=502, times=1)  # a 5xx before anything was stored
    [sub] = await slack.app.store.subscriptions()
    outcome = await slack.app.service.deliver(sub, "2026-W19")
    assert outcome.status == "sent" and outcome.attempts == 2
    assert len(slack.fake.messages("C0RETRY")) == 1
    assert len(slack.fake.calls_to("conversations.history")) == 1  # looked, found nothing


@pytest.mark.parametrize(("error", "reason"), sorted(PERMANENT_ERRORS.items()))
async def test_permanent_errors_pause_the_channel(slack: SlackBot, error: str, reason: str) -> None:
    channel = ChannelRef("slack", "T0FAKE", "C0GONE")
    await slack.app.service.subscribe(channel, actor=ADMIN)
    slack.fake.channel_errors["C0GONE"] = error
    [sub] = await slack.app.store.subscriptions()
    outcome = await slack.app.service.deliver(sub, "2026-W19")
    assert outcome.status == "failed" and outcome.error == reason
    status = await slack.app.service.status(channel)
    assert status.paused_reason == reason
    assert len(slack.fake.calls_to("chat.postMessage", include_failed=True)) == 1


async def test_find_digest_recognises_an_earlier_post(slack: SlackBot) -> None:
    from bot.adapters.slack.adapter import SlackAdapter

    channel = ChannelRef("slack", "T0FAKE", "C0CHAN")
    await slack.app.service.subscribe(channel, actor=ADMIN)
    [sub] = await slack.app.store.subscriptions()
    outcome = await slack.app.service.deliver(sub, "2026-W19")
    adapter = slack.connection.adapter
    assert isinstance(adapter, SlackAdapter)
    assert await adapter.find_digest(channel, "2026-W19") == outcome.message_id
    assert await adapter.find_digest(channel, "2026-W20") is None


async def test_socket_mode_is_the_default_and_answers_commands(
    fake_slack: FakeSlackAPI, tmp_path: Path
) -> None:
    settings = load_settings(
        data_dir=tmp_path / "data",
        slack_bot_token="xoxb-0000-test",
        slack_app_token="xapp-1-A0APP-1-abc",
        slack_api_url=fake_slack.api_url,
    )
    assert settings.slack_mode == "socket"
    app = await App.open(settings)
    [connection] = await connections_for(app, make_environment(None))
    app.add_adapter(connection.adapter)
    try:
        await connection.start()
        await wait_until(lambda: fake_slack.sockets)
        payload = dict(
            parse_qsl(
                command_body(
                    "/paper", "lottery ticket", response_url=fake_slack.response_url("socket")
                )
            )
        )
        await fake_slack.push(
            {
                "envelope_id": "env-1",
                "type": "slash_commands",
                "accepts_response_payload": True,
                "payload": payload,
            }
        )
        [ack] = await wait_until(lambda: fake_slack.socket_acks)
        assert ack["envelope_id"] == "env-1"
        [answer] = await wait_until(lambda: fake_slack.responses("socket"))
        assert "Lottery Ticket Hypothesis" in blocks_text(answer)
        assert connection.healthy()
    finally:
        await connection.close()
        await app.close()
    assert not connection.healthy()


async def test_a_refused_bot_token_stops_the_start_up(
    fake_slack: FakeSlackAPI, tmp_path: Path
) -> None:
    import asyncio

    from bot.adapters.runtime import StartupError, serve

    fake_slack.auth_error = "invalid_auth"
    settings = slack_settings(tmp_path, fake_slack.api_url)
    with pytest.raises(StartupError, match="Slack refused FLASHBACK_SLACK_BOT_TOKEN"):
        await serve(settings, asyncio.Event())
    assert not fake_slack.sockets


async def test_run_serves_slack_until_stopped(fake_slack: FakeSlackAPI, tmp_path: Path) -> None:
    import asyncio

    from bot.adapters.runtime import serve

    settings = slack_settings(tmp_path, fake_slack.api_url)
    stop = asyncio.Event()
    running = asyncio.create_task(serve(settings, stop))
    url = f"http://127.0.0.1:{settings.http_port}/slack/events"
    body = command_body("/paper", "gan", response_url=fake_slack.response_url("run"))

    async def endpoint_up() -> bool:
        try:
            return (await post_signed(url, body))[0] == 200
        except OSError:
            return False

    while not await endpoint_up():
        if running.done():
            running.result()  # raises what stopped the bot
            raise AssertionError("the bot stopped before serving")
        await asyncio.sleep(0.05)
    await wait_until(lambda: fake_slack.responses("run"))
    stop.set()
    app = await asyncio.wait_for(running, timeout=60)
    assert set(app.service.adapters) == {"slack"}
    with pytest.raises(OSError):
        await post_signed(url, body)  # the endpoint is closed after shutdown


# --- Socket Mode that cannot connect --------------------------------------------------------


def socket_settings(tmp_path: Path, fake: FakeSlackAPI, **extra: Any) -> Any:
    return load_settings(
        data_dir=tmp_path / "data",
        slack_bot_token="xoxb-0000-test",
        slack_app_token="xapp-1-A0APP-1-abc",
        slack_api_url=fake.api_url,
        **extra,
    )


async def test_a_refused_app_token_stops_the_start_up_naming_it(
    fake_slack: FakeSlackAPI, tmp_path: Path
) -> None:
    import asyncio

    from bot.adapters.runtime import StartupError, serve

    fake_slack.app_token_error = "invalid_auth"
    with pytest.raises(StartupError, match="Slack refused FLASHBACK_SLACK_APP_TOKEN"):
        await asyncio.wait_for(serve(socket_settings(tmp_path, fake_slack), asyncio.Event()), 60)
    # Checked once, not retried every 10 seconds forever.
    assert len(fake_slack.calls_to("apps.connections.open", include_failed=True)) == 1
    assert not fake_slack.sockets


async def test_a_socket_that_cannot_connect_can_still_be_stopped(
    fake_slack: FakeSlackAPI, tmp_path: Path
) -> None:
    import asyncio

    from bot.adapters.runtime import serve

    fake_slack.socket_url = "ws://127.0.0.1:1/socket"  # nobody listens there
    stop = asyncio.Event()
    running = asyncio.create_task(serve(socket_settings(tmp_path, fake_slack), stop))
    await wait_until(lambda: fake_slack.calls_to("apps.connections.open"), limit=60)
    stop.set()  # what SIGTERM or Ctrl-C do
    app = await asyncio.wait_for(running, timeout=60)
    assert app is not None and not app.started  # never got as far as the scheduler


async def test_a_socket_that_cannot_connect_in_time_stops_the_start_up(
    fake_slack: FakeSlackAPI, tmp_path: Path
) -> None:
    import asyncio

    from bot.adapters.runtime import StartupError, serve

    fake_slack.socket_url = "ws://127.0.0.1:1/socket"
    settings = socket_settings(tmp_path, fake_slack, connect_timeout_seconds=2)
    with pytest.raises(StartupError, match="slack could not connect within 2 s"):
        await asyncio.wait_for(serve(settings, asyncio.Event()), timeout=60)


async def test_a_stop_before_the_corpus_is_read_opens_nothing(tmp_path: Path) -> None:
    import asyncio

    from bot.adapters.runtime import serve

    stop = asyncio.Event()
    stop.set()  # SIGTERM came while the bot was still starting
    assert await asyncio.wait_for(serve(load_settings(data_dir=tmp_path), stop), 60) is None


# --- malformed requests ---------------------------------------------------------------------


def _raw_headers(timestamp: str, signature: str) -> dict[str, str]:
    return {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
        "Content-Type": "application/x-www-form-urlencoded",
    }


def _signed_raw(body: bytes) -> dict[str, str]:
    return signed_headers(body.decode("utf-8"))


UNSIGNED = {"Content-Type": "application/x-www-form-urlencoded"}
MALFORMED: list[tuple[str, bytes, dict[str, str], int]] = [
    ("unsigned broken payload", b"payload={x", UNSIGNED, 401),
    ("unsigned null payload", b"payload=null", UNSIGNED, 401),
    ("unsigned binary", bytes(range(256)), UNSIGNED, 401),
    ("timestamp not a number", b"command=/paper", _raw_headers("soon", "v0=" + "0" * 64), 401),
    ("non-ASCII signature", b"command=/paper", _raw_headers("1700000000", "v0=é" + "0" * 63), 401),
    ("huge timestamp", b"command=/paper", _raw_headers("9" * 400, "v0=" + "0" * 64), 401),
    ("signed broken payload", b"payload={x", _signed_raw(b"payload={x"), 400),
    ("signed null payload", b"payload=null", _signed_raw(b"payload=null"), 400),
    ("signed list payload", b"payload=[1]", _signed_raw(b"payload=[1]"), 400),
    (
        "signed click without actions",
        b'payload={"type":"block_actions"}',
        _signed_raw(b'payload={"type":"block_actions"}'),
        400,
    ),
    (
        "signed command without response_url",
        b"command=%2Fpaper&text=gan&team_id=T&channel_id=C&user_id=U",
        _signed_raw(b"command=%2Fpaper&text=gan&team_id=T&channel_id=C&user_id=U"),
        400,
    ),
    ("signed nothing at all", b"hello=world", _signed_raw(b"hello=world"), 400),
]


@pytest.mark.parametrize(
    ("body", "headers", "status"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED]
)
async def test_malformed_requests_get_400_or_401_and_one_short_line(
    slack: SlackBot,
    caplog: pytest.LogCaptureFixture,
    body: bytes,
    headers: dict[str, str],
    status: int,
) -> None:
    import aiohttp

    caplog.set_level("INFO")
    async with (
        aiohttp.ClientSession() as session,
        session.post(slack.url, data=body, headers=headers) as response,
    ):
        assert response.status == status
    await asyncio.sleep(0.2)  # anything the request set off in the background shows by now
    lines = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) <= 1, [r.getMessage() for r in lines]
    assert all(r.exc_info is None and len(r.getMessage()) < 200 for r in lines)
    assert not slack.fake.responses()  # nothing was answered, nothing ran


async def test_a_well_formed_share_click_still_works_after_the_checks(slack: SlackBot) -> None:
    value = json.dumps({"q": "lottery ticket", "p": "arxiv:1803.03635"})
    body = action_body("flashback_share", value, response_url=slack.fake.response_url("ok"))
    status, _ = await post_signed(slack.url, body)
    assert status == 200
    await wait_until(lambda: slack.fake.responses("ok"))


async def test_a_share_click_with_a_foreign_value_is_refused(slack: SlackBot) -> None:
    body = action_body("flashback_share", "not json", response_url=slack.fake.response_url("x"))
    status, _ = await post_signed(slack.url, body)
    assert status == 400
