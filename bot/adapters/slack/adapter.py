"""Slack: the Web API client, posting digests, and who counts as a channel manager.

The slash commands live in ``app.py`` and the connection (Socket Mode or HTTP) in
``connection.py``; this module is what the scheduler needs (a ChatAdapter).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.adapters.background import Background
from bot.adapters.slack.scopes import MissingScope
from bot.chat.render import render_digest_payload, render_reply
from bot.ports import ChannelRef, Invocation, PermanentPostError, TransientPostError

if TYPE_CHECKING:
    from jinja2 import Environment

    from bot.chat.replies import Reply
    from bot.digest.model import Digest
    from bot.settings import Settings

log = logging.getLogger(__name__)

# Slack error codes that no retry will fix, with the reason `/flashback status` shows.
PERMANENT_ERRORS = {
    "channel_not_found": "the channel was not found (deleted, or the bot cannot see it)",
    "not_in_channel": "the bot is not in the channel: invite it with `/invite @Flashback`",
    "is_archived": "the channel is archived",
    "account_inactive": "the bot's Slack account is inactive",
    "invalid_auth": "the Slack bot token is invalid",
    "not_authed": "no Slack bot token was sent",
    "token_revoked": "the Slack bot token was revoked",
    "missing_scope": "the Slack app lacks a scope it needs (chat:write)",
    "restricted_action": "the workspace does not let the bot post in this channel",
}
# What conversations.history answers in a channel the bot cannot post to, as `subscribe` warns.
NOT_A_MEMBER = {
    "not_in_channel": "the bot is not in this channel: invite it with `/invite @Flashback`",
    "channel_not_found": (
        "the bot cannot see this channel (a private one it was not added to): "
        "invite it with `/invite @Flashback`"
    ),
}
SLACK_MANAGER_HINT = "workspace admins and owners (and users the bot's operator allowed)"
RATE_LIMIT_RETRIES = 5
DIGEST_EVENT = "flashback_digest"


def make_web_client(
    settings: Settings, session: aiohttp.ClientSession | None = None, *, retries: bool = True
) -> AsyncWebClient:
    """The Web API client: base URL from settings; with ``retries``, 429s, 5xx and dropped
    connections are retried by slack-sdk (right for reads, never for posting: see
    ``SlackAdapter.poster``)."""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    handlers = [
        AsyncConnectionErrorRetryHandler(max_retry_count=2),
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        AsyncServerErrorRetryHandler(max_retry_count=2),
    ]
    return AsyncWebClient(
        token=token,
        base_url=settings.slack_api_url,
        session=session,
        # [] and not None: None would mean slack-sdk's defaults, which re-send on a dropped
        # connection.
        retry_handlers=handlers if retries else [],
    )


def slack_message(reply: Reply, env: Environment) -> dict[str, Any]:
    """The response_url message of a reply: blocks, privacy, no link previews."""
    payload = render_reply(reply, "slack", env)
    return {
        "text": payload["text"],
        "blocks": payload["blocks"],
        "response_type": "ephemeral" if reply.ephemeral else "in_channel",
        "replace_original": False,
        "unfurl_links": False,
        "unfurl_media": False,
    }


def post_error(error: SlackApiError) -> TransientPostError | PermanentPostError:
    """Map a Slack API failure to the delivery port's error kinds.

    An answer with ``"ok": false`` (a 429 among them) says the message was not posted; a 5xx
    (a gateway's or Slack's own) does not say whether it was stored, so it is uncertain.
    """
    response = error.response
    code = str(response.get("error", "")) if isinstance(response.data, dict) else ""
    if code in PERMANENT_ERRORS:
        return PermanentPostError(PERMANENT_ERRORS[code])
    retry_after = None
    header = response.headers.get("Retry-After") or response.headers.get("retry-after")
    if header:
        try:
            retry_after = float(header)
        except ValueError:
            retry_after = None
    return TransientPostError(
        f"Slack answered {response.status_code} {code or 'error'}",
        retry_after=retry_after,
        uncertain=response.status_code >= 500,
    )


def connection_error(exc: Exception) -> TransientPostError:
    """A post that got no answer: certain only when no connection was ever made."""
    never_sent = isinstance(exc, aiohttp.ClientConnectorError)
    return TransientPostError(f"Slack unreachable: {exc!r}", uncertain=not never_sent)


class SlackAdapter:
    """Posts digests with chat.postMessage and answers 'is this user a manager?'."""

    platform = "slack"
    manager_hint = SLACK_MANAGER_HINT

    def __init__(
        self,
        client: AsyncWebClient,
        env: Environment,
        admin_users: Collection[str] = (),
        session: aiohttp.ClientSession | None = None,
        poster: AsyncWebClient | None = None,
    ) -> None:
        self.client = client  # reads and bolt: slack-sdk may retry them
        # Digests go out on a client that never retries by itself: a re-sent chat.postMessage
        # after a dropped connection posts the digest twice. Delivery decides what comes next.
        self.poster = poster or client
        self.env = env
        self.admin_users = frozenset(admin_users)
        self.session = session  # shared by the Web API client and response_url posts
        self.background = Background()

    @classmethod
    def from_settings(cls, settings: Settings, env: Environment) -> SlackAdapter:
        """An adapter with its own HTTP session (call inside the running event loop)."""
        session = aiohttp.ClientSession()
        return cls(
            make_web_client(settings, session),
            env,
            settings.slack_admin_users,
            session,
            poster=make_web_client(settings, session, retries=False),
        )

    async def respond(self, invocation: Invocation, reply: Reply) -> None:
        """Answer a command or button through its response_url (what bolt's respond does)."""
        # Rendering is CPU work: it takes a background slot, and runs off the event loop;
        # posting is not, so it waits outside the slot.
        async with self.background.slots:
            message = await asyncio.to_thread(slack_message, reply, self.env)
        webhook = AsyncWebhookClient(str(invocation.handle), session=self.session)
        response = await webhook.send(**message)
        if response.status_code != 200:
            log.warning("response_url answered %s: %s", response.status_code, response.body)

    async def post_digest(self, channel: ChannelRef, digest: Digest) -> str:
        """Post the digest as Block Kit, link previews off; return the message ts."""
        payload = render_digest_payload(digest, "slack", self.env)
        try:
            response = await self.poster.chat_postMessage(
                channel=channel.channel,
                text=payload["text"],
                blocks=payload["blocks"],
                unfurl_links=False,
                unfurl_media=False,
                # Lets find_digest recognise the post after a crash.
                metadata={"event_type": DIGEST_EVENT, "event_payload": {"week": digest.week}},
            )
        except SlackApiError as exc:
            raise post_error(exc) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise connection_error(exc) from exc
        return str(response["ts"])

    async def verify(self) -> str:
        """Check the bot token with auth.test; 'workspace X as @bot', or raise why not."""
        try:
            response = await self.client.auth_test()
        except SlackApiError as exc:
            code = exc.response.get("error")
            hint = PERMANENT_ERRORS.get(str(code), str(code))
            raise RuntimeError(f"Slack refused FLASHBACK_SLACK_BOT_TOKEN: {hint}") from None
        return f"workspace {response.get('team')} ({response.get('team_id')}) as @{response.get('user')}"

    async def find_digest(self, channel: ChannelRef, week: str) -> str | None:
        """The ts of ``week``'s digest among the channel's recent messages (its metadata)."""
        try:
            response = await self.client.conversations_history(
                channel=channel.channel, limit=100, include_all_metadata=True
            )
        except SlackApiError as exc:
            log.warning("cannot read %s history: %s", channel.key, exc.response.get("error"))
            return None
        for message in response.get("messages") or []:
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") == DIGEST_EVENT and payload.get("week") == week:
                return str(message["ts"])
        return None

    async def posting_problem(self, invocation: Invocation) -> str | None:
        """Whether the bot is in the channel, asked of conversations.history (one message).

        It answers not_in_channel in a public channel the bot was not added to and
        channel_not_found in a private one, with the history scopes the bot has anyway
        (conversations.info would need two more scopes, and a reinstall, to say the same).
        """
        try:
            await self.client.conversations_history(channel=invocation.channel.channel, limit=1)
        except SlackApiError as exc:
            return NOT_A_MEMBER.get(str(exc.response.get("error")))
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.warning("cannot tell whether the bot is in %s: %r", invocation.channel.key, exc)
        return None

    async def is_manager(self, invocation: Invocation) -> bool:
        """Workspace admins and owners, or an allow-listed user id, manage subscriptions.

        Raises MissingScope when the app may not ask (no users:read): a plain "no" would tell
        an admin that only admins may do this.
        """
        user_id = invocation.user
        if user_id in self.admin_users:
            return True
        try:
            response = await self.client.users_info(user=user_id)
        except SlackApiError as exc:
            error = exc.response.get("error")
            log.warning("users.info %s failed: %s", user_id, error)
            if error == "missing_scope":
                raise MissingScope("users:read") from None
            return False
        user: dict[str, Any] = response.get("user") or {}
        return bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))

    async def close(self) -> None:
        """Let answers still being computed go out, then close the HTTP session."""
        await self.background.drain(grace_seconds=10)
        if self.session is not None:
            await self.session.close()
