"""A Slack bot under test: its settings (HTTP mode against the fake Web API) and its endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any

from bot.adapters.runtime import Connection
from bot.app import App
from bot.settings import Settings, load_settings
from tests.fakes.slack_api import FakeSlackAPI
from tests.fakes.slack_requests import (
    SIGNING_SECRET,
    command_body,
    free_port,
    post_signed,
    wait_until,
)

ADMIN, OWNER, MEMBER, ALLOWED = "U0ADMIN", "U0OWNER", "U0MEMBER", "U0ALLOWED"
_names = count()


def slack_settings(tmp_path: Path, api_url: str, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": tmp_path / "data",
        "slack_bot_token": "xoxb-0000-test",
        "slack_signing_secret": SIGNING_SECRET,
        "slack_mode": "http",
        "slack_api_url": api_url,
        "slack_admin_users": ALLOWED,
        "http_host": "127.0.0.1",
        "http_port": free_port(),
        "delivery_backoff_seconds": 0.01,
    }
    return load_settings(**{**values, **extra})


@dataclass
class SlackBot:
    """The running bot, its endpoint and the fake Slack it talks to."""

    app: App
    connection: Connection
    fake: FakeSlackAPI
    url: str

    async def command(
        self, command: str, text: str = "", *, user: str = MEMBER, channel: str = "C0CHAN"
    ) -> dict[str, Any]:
        """Send a signed slash command; return what the bot then sent to response_url."""
        name = f"r{next(_names)}"
        body = command_body(
            command, text, response_url=self.fake.response_url(name), user=user, channel=channel
        )
        status, ack_body = await post_signed(self.url, body)
        assert status == 200, ack_body
        [answer] = await wait_until(lambda: self.fake.responses(name))
        return answer
