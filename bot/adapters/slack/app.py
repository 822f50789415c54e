"""The Slack slash commands and the "Share" button, as a slack-bolt AsyncApp.

Every listener acknowledges first (Slack wants an answer within 3 seconds), then does the
work in the background (bot/adapters/background.py) and answers through the adapter's
``respond``, which posts to the command's response_url.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot.adapters.slack.adapter import SlackAdapter
from bot.adapters.slack.scopes import MissingScope, missing_scope_reply
from bot.chat.commands import run_flashback
from bot.chat.paper import handle_paper, share_paper
from bot.chat.parse import parse_flashback
from bot.chat.render import SHARE_ACTION
from bot.ports import ChannelRef, Invocation

if TYPE_CHECKING:
    from bot.service import Service

log = logging.getLogger(__name__)


def channel_of(body: dict[str, Any]) -> ChannelRef:
    """The channel a command or action came from."""
    team = body.get("team_id") or (body.get("team") or {}).get("id") or ""
    channel = body.get("channel_id") or (body.get("channel") or {}).get("id") or ""
    return ChannelRef("slack", str(team), str(channel))


def invocation_of(body: dict[str, Any]) -> Invocation:
    """Who ran a command or clicked a button, where, and the response_url that answers them."""
    user = body.get("user_id") or (body.get("user") or {}).get("id", "")
    return Invocation(channel_of(body), str(user), str(body["response_url"]))


def build_slack_app(
    adapter: SlackAdapter, service: Service, *, signing_secret: str | None
) -> AsyncApp:
    """The bolt app: /paper, /flashback and the Share button, verified when a secret is given."""
    app = AsyncApp(
        client=adapter.client,
        signing_secret=signing_secret or "",
        request_verification_enabled=signing_secret is not None,
        # Listeners only ack and hand the work to adapter.background, so bolt can answer
        # as soon as they return (otherwise it polls for the ack every 10 ms).
        process_before_response=True,
        ssl_check_enabled=True,
    )
    work = adapter.background

    async def paper(command: dict[str, Any]) -> None:
        async with work.slots:
            reply = await handle_paper(service, command.get("text", ""))
        await adapter.respond(invocation_of(command), reply)

    async def flashback(command: dict[str, Any]) -> None:
        invocation = invocation_of(command)
        parsed = parse_flashback(command.get("text", ""))
        try:
            # users.info only when the answer matters, and only after the ack.
            is_manager = parsed.needs_manager and await adapter.is_manager(invocation)
        except MissingScope as missing:
            await adapter.respond(invocation, missing_scope_reply(missing.scope))
            return
        async with work.slots:
            reply = await run_flashback(
                service,
                invocation.channel,
                invocation.user,
                is_manager,
                parsed,
                manager_hint=adapter.manager_hint,
                posting=lambda: adapter.posting_problem(invocation),
            )
        await adapter.respond(invocation, reply)

    async def share(body: dict[str, Any]) -> None:
        value = json.loads(body["actions"][0]["value"])
        invocation = invocation_of(body)
        async with work.slots:
            reply = await share_paper(service, str(value["q"]), str(value["p"]), invocation.user)
        await adapter.respond(invocation, reply)

    @app.command("/paper")
    async def on_paper(ack: AsyncAck, command: dict[str, Any]) -> None:
        await ack()
        work.spawn(paper(command), "/paper")

    @app.command("/flashback")
    async def on_flashback(ack: AsyncAck, command: dict[str, Any]) -> None:
        await ack()
        work.spawn(flashback(command), "/flashback")

    @app.action(SHARE_ACTION)
    async def on_share(ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        work.spawn(share(body), "share")

    @app.error
    async def on_error(error: Exception, body: dict[str, Any]) -> None:
        log.error("Slack request failed: %r (type %s)", error, body.get("type") or "command")

    return app
