"""Slack as a chat platform: its rendering profile, when it runs, how it connects.

``check_settings`` runs before start-up, so a missing signing secret or app token stops
`flashback run` with a message naming the variable instead of failing at the first request.

Only this package knows Slack. The SDK-heavy modules (``adapter``, ``app``, ``connection``)
are imported when Slack actually starts, so rendering or the doctor never load slack_bolt.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.adapters.platforms import ChatPlatform, Connection
from bot.adapters.slack.limits import fit_slack, validate_slack
from bot.adapters.slack.markup import escape_slack
from bot.adapters.slack.tokens import slack_online, slack_shape
from bot.digest.platforms import PlatformProfile
from bot.settings import SettingsError

if TYPE_CHECKING:
    from jinja2 import Environment

    from bot.app import App
    from bot.settings import Settings

log = logging.getLogger(__name__)

PROFILE = PlatformProfile(
    "slack",
    suffix="json.j2",
    escape=escape_slack,
    escape_filter="mrkdwn",
    fit=fit_slack,
    validate=validate_slack,
)


def check_settings(settings: Settings) -> None:
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


async def connect(app: App, env: Environment) -> Connection:
    """Slack in the configured mode; raises SettingsError when the mode cannot work."""
    from bot.adapters.slack.adapter import SlackAdapter
    from bot.adapters.slack.app import build_slack_app
    from bot.adapters.slack.connection import slack_connection

    settings = app.settings
    check_settings(settings)
    adapter = SlackAdapter.from_settings(settings, env)
    secret = settings.slack_signing_secret
    bolt = build_slack_app(
        adapter,
        app.service,
        signing_secret=secret.get_secret_value()
        if settings.slack_mode == "http" and secret
        else None,
    )
    link = slack_connection(bolt, settings)

    async def start() -> None:
        # Socket Mode retries a refused connection forever; a bad bot token should instead
        # stop the start-up with a message.
        log.info("Slack: %s", await adapter.verify())
        await link.start()

    async def close() -> None:
        await link.close()
        await adapter.close()

    return Connection("slack", adapter, start, close, lambda: link.connected)


SLACK = ChatPlatform(
    PROFILE,
    enabled=lambda settings: settings.slack_bot_token is not None,
    connect=connect,
    describe=lambda settings: f"slack ({settings.slack_mode} mode)",
    check_settings=check_settings,
    token_shape=slack_shape,
    token_online=slack_online,
)
