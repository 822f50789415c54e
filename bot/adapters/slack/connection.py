"""How Slack reaches the bot: a Socket Mode connection, or an HTTP endpoint at /slack/events."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.requests import RefusedRequest, check_shape, check_signature

if TYPE_CHECKING:
    from slack_bolt.async_app import AsyncApp

    from bot.settings import Settings

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"


class SlackHTTPServer:
    """Serves the bolt app over HTTP (aiohttp) at host:port/slack/events, letting through
    only requests signed by Slack and shaped as Slack sends them (see ``requests.py``)."""

    def __init__(self, app: AsyncApp, host: str, port: int, signing_secret: str) -> None:
        self.app = app
        self.host = host
        self.port = port
        self.verifier = SignatureVerifier(signing_secret)
        self._runner: web.AppRunner | None = None

    @property
    def connected(self) -> bool:
        return self._runner is not None

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Check the request, then hand it to bolt; a refusal is a 400/401 and one log line."""
        try:
            text = check_signature(self.verifier, request.headers, await request.read())
            check_shape(text, request.content_type)
        except RefusedRequest as refused:
            log.warning("refused a Slack request (%s): %s", refused.status, refused.reason)
            return web.Response(status=refused.status, text=refused.reason)
        bolt_request = AsyncBoltRequest(
            body=text,
            query=request.query_string,
            headers=request.headers,  # type: ignore[arg-type]
        )
        return await to_aiohttp_response(await self.app.async_dispatch(bolt_request))

    async def start(self) -> None:
        web_app = web.Application()
        web_app.router.add_post(EVENTS_PATH, self.handle)
        self._runner = web.AppRunner(web_app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        if self.port == 0:  # an ephemeral port (tests, benchmarks): report the real one
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        log.info("Slack HTTP mode: listening on %s:%s%s", self.host, self.port, EVENTS_PATH)

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


class SlackSocketConnection:
    """A Socket Mode connection: Slack pushes events over a websocket, no public URL needed."""

    def __init__(self, app: AsyncApp, app_token: str) -> None:
        self.app_token = app_token
        self.web_client = app.client
        self.handler = AsyncSocketModeHandler(app, app_token)

    @property
    def connected(self) -> bool:
        return not self.handler.client.closed

    async def start(self) -> None:
        """Check the app token once, then connect (slack-sdk would retry a refused token
        every 10 seconds forever, and the bot would never finish starting)."""
        await check_app_token(self.web_client, self.app_token)
        await self.handler.connect_async()
        log.info("Slack Socket Mode: connected")

    async def close(self) -> None:
        await self.handler.close_async()


async def check_app_token(client: AsyncWebClient, app_token: str) -> None:
    """Raise RuntimeError naming FLASHBACK_SLACK_APP_TOKEN when Slack refuses it."""
    from bot.adapters.slack.tokens import slack_error_reason

    try:
        await client.apps_connections_open(app_token=app_token)
    except SlackApiError as exc:
        code = str(exc.response.get("error", "")) if isinstance(exc.response.data, dict) else ""
        reason = slack_error_reason(code or f"http_{exc.response.status_code}")
        raise RuntimeError(f"Slack refused FLASHBACK_SLACK_APP_TOKEN: {reason}") from None


def slack_connection(app: AsyncApp, settings: Settings) -> SlackHTTPServer | SlackSocketConnection:
    """The connection the settings ask for (check the settings first: platform.check_settings)."""
    if settings.slack_mode == "http":
        assert settings.slack_signing_secret is not None
        secret = settings.slack_signing_secret.get_secret_value()
        return SlackHTTPServer(app, settings.http_host, settings.http_port, secret)
    assert settings.slack_app_token is not None
    return SlackSocketConnection(app, settings.slack_app_token.get_secret_value())
