"""How Slack reaches the bot: a Socket Mode connection, or an HTTP endpoint at /slack/events.

``check_slack_settings`` runs at start-up, so a missing signing secret or app token stops
`flashback run` with a message naming the variable instead of failing at the first request.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from bot.settings import SettingsError

if TYPE_CHECKING:
    from slack_bolt.async_app import AsyncApp

    from bot.settings import Settings

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"


def check_slack_settings(settings: Settings) -> None:
    """Raise SettingsError when the Slack settings cannot work in the chosen mode."""
    if settings.slack_bot_token is None:
        raise SettingsError("FLASHBACK_SLACK_BOT_TOKEN (xoxb-...) is needed to run Slack")
    if settings.slack_mode == "http" and settings.slack_signing_secret is None:
        raise SettingsError(
            "FLASHBACK_SLACK_SIGNING_SECRET is required when FLASHBACK_SLACK_MODE=http: "
            "copy it from your Slack app's Basic Information page"
        )
    if settings.slack_mode == "socket" and settings.slack_app_token is None:
        raise SettingsError(
            "FLASHBACK_SLACK_APP_TOKEN (xapp-..., scope connections:write) is required for "
            "Socket Mode; or set FLASHBACK_SLACK_MODE=http with FLASHBACK_SLACK_SIGNING_SECRET"
        )


class SlackHTTPServer:
    """Serves the bolt app over HTTP (aiohttp) at host:port/slack/events."""

    def __init__(self, app: AsyncApp, host: str, port: int) -> None:
        self.app = app
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    @property
    def connected(self) -> bool:
        return self._runner is not None

    async def start(self) -> None:
        web_app = self.app.web_app(path=EVENTS_PATH, port=self.port)
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
        self.handler = AsyncSocketModeHandler(app, app_token)

    @property
    def connected(self) -> bool:
        return not self.handler.client.closed

    async def start(self) -> None:
        await self.handler.connect_async()
        log.info("Slack Socket Mode: connected")

    async def close(self) -> None:
        await self.handler.close_async()


def slack_connection(app: AsyncApp, settings: Settings) -> SlackHTTPServer | SlackSocketConnection:
    """The connection the settings ask for (call check_slack_settings first)."""
    if settings.slack_mode == "http":
        return SlackHTTPServer(app, settings.http_host, settings.http_port)
    assert settings.slack_app_token is not None
    return SlackSocketConnection(app, settings.slack_app_token.get_secret_value())
