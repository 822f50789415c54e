"""The contracts adapters implement: everything the core asks of a chat platform.

The Slack, Discord, console and in-memory adapters implement ``ChatAdapter``: post a digest
and find it again (delivery), tell who manages a channel and answer a command (the chat
layer), close at shutdown (the runtime). The core only ever talks to this protocol, so it
imports no chat SDK; how a platform is chosen, rendered for and connected is registered in
``bot/adapters/platforms.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from bot.chat.replies import Reply
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
    """Worth retrying: 429 (with ``retry_after`` seconds when the platform said), 5xx, timeout.

    ``uncertain``: the request may have reached the platform and the message may have been
    stored (the connection dropped after sending, a 5xx, a timeout). Delivery then looks for
    the message (``find_digest``) before it posts again; adapters only report what happened.
    """

    def __init__(
        self, message: str, *, retry_after: float | None = None, uncertain: bool = False
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.uncertain = uncertain


class PermanentPostError(PostError):
    """Not worth retrying: the channel is gone, the bot was removed or lacks permission.

    ``reason`` is shown to people by ``status``, so keep it short and plain.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Invocation:
    """A command as a platform delivered it: where, who, and how to answer.

    ``handle`` is the platform's own way back to the person (Slack's response_url, Discord's
    Interaction, nothing on the console); only the adapter that made the Invocation reads it.
    """

    channel: ChannelRef
    user: str
    handle: Any = None


class ChatAdapter(Protocol):
    """A chat platform, as the scheduler, the chat layer and the runtime use it."""

    platform: str  # "slack": ChannelRef.platform of the channels it serves
    manager_hint: str  # who may manage subscriptions, in words ("workspace admins ...")

    async def post_digest(self, channel: ChannelRef, digest: Digest) -> str:
        """Render ``digest`` for this platform, post it to ``channel``, return the message id.

        Raise TransientPostError (``uncertain`` when the message may have been stored) or
        PermanentPostError; anything else counts as transient and uncertain. Never retry
        inside: delivery owns the retry policy (attempts, backoff, Retry-After, looking first).
        """
        ...

    async def find_digest(self, channel: ChannelRef, week: str) -> str | None:
        """The message id of ``week``'s digest in ``channel``, or None if there is none.

        Used before posting again whenever an earlier attempt may have gone out (a dropped
        connection, a 5xx, a timeout, or a claim whose holder died in the middle of posting),
        to tell "it never arrived" (post now) from "it arrived" (just record it).
        Slack answers from message metadata, Discord from the bot's recent messages; a
        platform that cannot look answers None.
        """
        ...

    async def is_manager(self, invocation: Invocation) -> bool:
        """Whether the person behind ``invocation`` may manage the channel's subscription."""
        ...

    async def respond(self, invocation: Invocation, reply: Reply) -> None:
        """Render ``reply`` for this platform and send it to the person behind ``invocation``."""
        ...

    async def posting_problem(self, invocation: Invocation) -> str | None:
        """Why a digest could not be posted where ``invocation`` came from, with how to fix
        it ("the bot is not in this channel: invite it with `/invite @Flashback`"); None when
        it can, or when the platform cannot tell. `subscribe` warns with it."""
        ...

    async def close(self) -> None:
        """Let work in flight finish and release what the adapter holds (at shutdown)."""
        ...
