"""The delivery port: what the core needs from a chat platform, and how posting can fail.

The Slack, Discord, console and in-memory adapters implement ``ChatAdapter``; the scheduler
and the service only ever talk to this protocol, so the core imports no chat SDK.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from bot.digest.model import Digest


@dataclass(frozen=True, slots=True)
class ChannelRef:
    """One channel on one platform: the key of subscriptions, ledger rows and history.

    ``workspace`` is the Slack team id or the Discord guild id ("" for the console).
    """

    platform: str
    workspace: str
    channel: str

    @property
    def key(self) -> str:
        """'slack:T1:C1': a stable string for logs and for choose_digest's channel_key."""
        return f"{self.platform}:{self.workspace}:{self.channel}"


class PostError(Exception):
    """Posting a message failed."""


class TransientPostError(PostError):
    """Worth retrying: 429 (with ``retry_after`` seconds when the platform said), 5xx, timeout."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentPostError(PostError):
    """Not worth retrying: the channel is gone, the bot was removed or lacks permission.

    ``reason`` is shown to people by ``status``, so keep it short and plain.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@runtime_checkable
class ChatAdapter(Protocol):
    """A chat platform the scheduler can post digests to."""

    platform: str

    async def post_digest(self, channel: ChannelRef, digest: Digest) -> str:
        """Render ``digest`` for this platform, post it to ``channel``, return the message id.

        Raise TransientPostError or PermanentPostError; anything else counts as transient.
        """
        ...


@runtime_checkable
class DigestFinder(Protocol):
    """Optional: an adapter that can tell whether a week's digest already reached a channel.

    Used only when taking over a claim whose holder died in the middle of posting, to tell
    "crashed before the post" (post now) from "crashed after it" (just record it). Slack can
    answer this from message metadata, Discord from the bot's recent messages.
    """

    async def find_digest(self, channel: ChannelRef, week: str) -> str | None:
        """The message id of ``week``'s digest in ``channel``, or None if there is none."""
        ...
