"""The chat platforms the bot can run on, each described once by its adapter package.

A ``ChatPlatform`` bundles what the rest of the bot asks of a platform beyond posting: its
rendering profile (registered with ``bot.digest.platforms``), whether the settings turn it
on, how it says so in the log, what it must have to start, how it connects, how the doctor
checks its tokens, and any `flashback <platform> ...` commands of its own. ``bot/adapters/__init__.py`` registers the platforms that ship;
``runtime``, ``flashback doctor`` and the CLI only ever iterate over ``chat_platforms()``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.digest import platforms as profiles
from bot.digest.platforms import PlatformProfile

if TYPE_CHECKING:
    import aiohttp
    import typer
    from jinja2 import Environment

    from bot.app import App
    from bot.ops.findings import Finding
    from bot.ports import ChatAdapter
    from bot.settings import Settings


@dataclass
class Connection:
    """One chat platform in a running bot: what posts, and how it connects.

    ``start`` returns once the platform is connected (the runtime bounds it with
    FLASHBACK_CONNECT_TIMEOUT_SECONDS and the stop signal). ``watch``, when given, returns or
    raises only when the platform gave up for good: its StartupError stops the bot.
    """

    name: str
    adapter: ChatAdapter
    start: Callable[[], Awaitable[None]]
    close: Callable[[], Awaitable[None]]
    healthy: Callable[[], bool]
    watch: Callable[[], Awaitable[None]] | None = None


def _nothing_to_check(settings: Settings) -> None:
    return None


async def _no_online_check(settings: Settings, session: aiohttp.ClientSession) -> list[Finding]:
    return []


@dataclass(frozen=True)
class ChatPlatform:
    """A chat platform as the runtime and the doctor see it."""

    profile: PlatformProfile  # how digests and replies are rendered for it
    enabled: Callable[[Settings], bool]  # do the settings turn it on (its token is set)
    connect: Callable[[App, Environment], Awaitable[Connection]]  # adapter + connection
    describe: Callable[[Settings], str] | None = None  # "slack (socket mode)"; default: name
    # Raise SettingsError when an enabled platform lacks what it needs to start.
    check_settings: Callable[[Settings], None] = _nothing_to_check
    token_shape: Callable[[Settings], list[Finding]] = lambda settings: []
    token_online: Callable[[Settings, aiohttp.ClientSession], Awaitable[list[Finding]]] = (
        _no_online_check
    )
    commands: Callable[[], typer.Typer] | None = None  # `flashback <name> ...`, built on demand

    @property
    def name(self) -> str:
        """The platform's name ("slack"), as in ChannelRef.platform and templates/<name>/."""
        return self.profile.name

    def label(self, settings: Settings) -> str:
        """How the start-up log names the platform."""
        return self.describe(settings) if self.describe else self.name


_platforms: dict[str, ChatPlatform] = {}


def register_platform(platform: ChatPlatform) -> ChatPlatform:
    """Make a chat platform known to the runtime, the doctor and rendering."""
    profiles.register(platform.profile)
    _platforms[platform.name] = platform
    return platform


def unregister_platform(name: str) -> None:
    """Forget a chat platform (tests that register one of their own)."""
    _platforms.pop(name, None)
    profiles.unregister(name)


def chat_platforms() -> list[ChatPlatform]:
    """Every registered chat platform, in start order."""
    return list(_platforms.values())


def enabled_platforms(settings: Settings) -> list[ChatPlatform]:
    """The platforms the settings turn on, in start order."""
    return [platform for platform in chat_platforms() if platform.enabled(settings)]
