"""A Discord bot under test: interactions built from raw payloads, run through the real tree.

As in discord.py's own tests (tests/test_app_commands_invoke.py), ``discord.Interaction``
objects are made from API payloads; the library's HTTP goes to tests/fakes/discord_api.py.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import discord

from bot.adapters.discord.adapter import DiscordAdapter
from bot.adapters.discord.sync import BOT_PERMISSIONS
from bot.app import App
from tests.fakes.discord_api import APPLICATION_ID, FakeDiscordAPI
from tests.fakes.slack_requests import wait_until

GUILD, CHANNEL = "7001", "7002"
MANAGER = discord.Permissions(manage_channels=True, send_messages=True, view_channel=True)
MEMBER = discord.Permissions(send_messages=True, view_channel=True)
_ids = itertools.count(800_000_000_000_000_001)
TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAw.GfakeX.abcdefghijklmnopqrstuvwxyz0123456789AB"


@dataclass
class DiscordBot:
    """The bot with its commands registered, logged in over REST against the fake."""

    app: App
    adapter: DiscordAdapter
    fake: FakeDiscordAPI
    errors: list[Exception] = field(default_factory=list)

    def interaction(
        self,
        name: str,
        sub: str | None = None,
        *,
        permissions: discord.Permissions = MEMBER,
        channel: str = CHANNEL,
        user: str = "6001",
        thread: bool = False,
        app_permissions: discord.Permissions = BOT_PERMISSIONS,
        **options: Any,
    ) -> discord.Interaction[Any]:
        """An application-command interaction as the gateway would deliver it (in a public
        thread of the channel with ``thread``)."""
        args = [
            {"type": 4 if isinstance(value, int) else 3, "name": key, "value": value}
            for key, value in options.items()
        ]
        data: dict[str, Any] = {"id": "1", "name": name, "type": 1, "options": args}
        if sub is not None:
            data["options"] = [{"type": 1, "name": sub, "options": args}]
        payload = self._payload(2, data, permissions, channel, user)
        payload["app_permissions"] = str(app_permissions.value)  # the bot's, in the channel
        if thread:
            payload["channel"] = {**payload["channel"], **_thread_of(channel)}
            payload["channel_id"] = payload["channel"]["id"]
        return discord.Interaction(data=payload, state=self.adapter.bot._connection)

    def _payload(
        self,
        kind: int,
        data: dict[str, Any],
        permissions: discord.Permissions,
        channel: str,
        user: str,
        **extra: Any,
    ) -> Any:
        return {
            "id": str(next(_ids)),
            "application_id": str(APPLICATION_ID),
            "type": kind,
            "token": f"interaction-token-{next(_ids)}",
            "version": 1,
            "data": data,
            "guild_id": GUILD,
            "channel_id": channel,
            "channel": {
                "id": channel,
                "type": 0,
                "guild_id": GUILD,
                "name": "general",
                "position": 0,
                "permission_overwrites": [],
                "nsfw": False,
                "parent_id": None,
            },
            "member": {
                "user": {
                    "id": user,
                    "username": f"user{user}",
                    "discriminator": "0",
                    "avatar": None,
                },
                "roles": [],
                "joined_at": "2024-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
                "permissions": str(permissions.value),
            },
            "app_permissions": str(MANAGER.value),
            "attachment_size_limit": 10_485_760,
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": GUILD},
            "context": 0,
            **extra,
        }

    async def run(self, interaction: discord.Interaction[Any]) -> dict[str, Any]:
        """Run an interaction through the command tree; the one answer it produced."""
        before = len(self.fake.followups()) + len(self.fake.callbacks())
        await self.adapter.bot.tree._call(interaction)
        assert not self.errors, self.errors
        answers = self.fake.followups() + self.fake.callbacks()
        assert len(answers) > before
        return self.fake.followups()[-1] if self.fake.followups() else answers[-1]

    async def click(self, message: dict[str, Any], custom_id: str) -> dict[str, Any]:
        """Click a button of a message the bot sent, the way the gateway reports it."""
        before = len(self.fake.followups())
        stored = {
            **message,
            "id": str(next(_ids)),
            "channel_id": CHANNEL,
            "author": {
                "id": "4243",
                "username": "flashback",
                "discriminator": "0",
                "avatar": None,
                "bot": True,
            },
            "attachments": [],
            "embeds": message.get("embeds", []),
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "mention_everyone": False,
            "tts": False,
            "timestamp": "2026-05-04T09:00:00+00:00",
            "edited_timestamp": None,
            "type": 0,
            "flags": message.get("flags", 0),
        }
        payload = self._payload(
            3,
            {"custom_id": custom_id, "component_type": 2},
            MEMBER,
            CHANNEL,
            "6001",
            message=stored,
        )
        self.adapter.bot._connection.parse_interaction_create(payload)
        await wait_until(lambda: len(self.fake.followups()) > before)
        return self.fake.followups()[-1]


def _thread_of(channel: str) -> dict[str, Any]:
    """A public thread's channel fields (type 11), as Discord sends them in an interaction."""
    return {
        "id": str(next(_ids)),
        "type": 11,
        "parent_id": channel,
        "name": "a thread",
        "owner_id": "6001",
        "message_count": 3,
        "member_count": 2,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": "2026-05-04T09:00:00+00:00",
            "locked": False,
        },
    }
