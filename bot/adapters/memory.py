"""An adapter that keeps posted digests and replies in memory: for tests and for trying the bot.

It implements the whole ChatAdapter contract, so a test can post, find, answer commands and
close without a network. Failures can be queued per channel (``fail_next``) to exercise
retries and pauses; ``managers`` limits who may manage channels (default: everyone).
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.chat.replies import MANAGER_HINT
from bot.ports import ChannelRef, Invocation, PostError

if TYPE_CHECKING:
    from bot.chat.replies import Reply
    from bot.digest.model import Digest


@dataclass(frozen=True, slots=True)
class Posted:
    """One digest the adapter accepted."""

    channel: ChannelRef
    digest: Digest
    message_id: str


@dataclass
class InMemoryAdapter:
    """A ChatAdapter whose channels are lists in memory."""

    platform: str = "memory"
    posted: list[Posted] = field(default_factory=list)
    replies: list[tuple[Invocation, Reply]] = field(default_factory=list)
    managers: frozenset[str] | None = None  # None: everyone manages
    manager_hint: str = MANAGER_HINT
    closed: bool = False
    _failures: dict[ChannelRef, deque[PostError]] = field(
        default_factory=lambda: defaultdict(deque)
    )

    def fail_next(self, channel: ChannelRef, *errors: PostError) -> None:
        """Make the next posts to ``channel`` raise ``errors``, one per post, in order."""
        self._failures[channel].extend(errors)

    async def post_digest(self, channel: ChannelRef, digest: Digest) -> str:
        """Keep the digest; raise the next queued failure for the channel, if any."""
        queued = self._failures.get(channel)
        if queued:
            raise queued.popleft()
        message_id = f"{self.platform}-{len(self.posted) + 1}"
        self.posted.append(Posted(channel, digest, message_id))
        return message_id

    async def find_digest(self, channel: ChannelRef, week: str) -> str | None:
        """The message id of ``week``'s digest in ``channel``, if it was posted."""
        for post in self.posted:
            if post.channel == channel and post.digest.week == week:
                return post.message_id
        return None

    async def is_manager(self, invocation: Invocation) -> bool:
        """Everyone, unless ``managers`` names who."""
        return self.managers is None or invocation.user in self.managers

    async def respond(self, invocation: Invocation, reply: Reply) -> None:
        """Keep the reply, unrendered, with whom it answered."""
        self.replies.append((invocation, reply))

    async def posting_problem(self, invocation: Invocation) -> str | None:
        """None: a channel in memory takes every post."""
        return None

    async def close(self) -> None:
        self.closed = True

    def posts_to(self, channel: ChannelRef) -> list[Posted]:
        """The digests posted to one channel, oldest first."""
        return [post for post in self.posted if post.channel == channel]
