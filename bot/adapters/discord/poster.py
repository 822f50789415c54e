"""Posting a digest to a Discord channel in exactly one request.

discord.py re-sends a request that got a 500, 502, 504 or 524, or whose connection was reset,
and a re-sent message is a second digest in the channel. So digests do not go through its
HTTP client: one POST to /channels/{id}/messages, and what happened is reported to the
delivery, which owns the retries (and looks for the message, by the week in its footer,
before posting again when the outcome is unknown). Replies to interactions still go through
discord.py: a person is waiting for those, and they are not the ones sent twice.
"""

from __future__ import annotations

import contextlib
from typing import Any

import aiohttp

from bot.ports import PermanentPostError, TransientPostError

USER_AGENT = "DiscordBot (https://github.com/conference-flashback, 0.1) Conference Flashback"
_TIMEOUT = aiohttp.ClientTimeout(total=30)


class DigestPoster:
    """POSTs one message per call with the bot token; never retries."""

    def __init__(self, api_url: str, token: str) -> None:
        self.api_url = api_url.rstrip("/")
        self._token = token
        self._session: aiohttp.ClientSession | None = None

    async def post(self, channel_id: str, payload: dict[str, Any]) -> str:
        """Post ``payload`` ({"content", "embeds"}) with mentions off; the message id."""
        body: dict[str, Any] = {"embeds": payload.get("embeds") or []}
        if payload.get("content"):
            body["content"] = payload["content"]
        body["allowed_mentions"] = {"parse": []}
        url = f"{self.api_url}/channels/{channel_id}/messages"
        try:
            async with self._open().post(url, json=body, headers=self._headers()) as response:
                if response.status == 200:
                    return str((await response.json())["id"])
                raise await _error(response)
        except (aiohttp.ClientError, TimeoutError) as exc:
            never_sent = isinstance(exc, aiohttp.ClientConnectorError)
            raise TransientPostError(
                f"Discord unreachable: {exc!r}", uncertain=not never_sent
            ) from exc

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=_TIMEOUT)
        return self._session

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bot {self._token}", "User-Agent": USER_AGENT}

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


async def _error(response: aiohttp.ClientResponse) -> TransientPostError | PermanentPostError:
    """What a refused post means for delivery."""
    if response.status == 403:
        return PermanentPostError("the bot may not post in this channel (missing permissions)")
    if response.status == 404:
        return PermanentPostError("the channel was not found (deleted, or the bot was removed)")
    text = await response.text()
    if response.status == 429:
        return TransientPostError("Discord rate limit", retry_after=_retry_after(response, text))
    return TransientPostError(
        f"Discord answered {response.status}: {text[:100]}", uncertain=response.status >= 500
    )


def _retry_after(response: aiohttp.ClientResponse, text: str) -> float | None:
    """Discord's Retry-After: the JSON body's retry_after (precise), else the header."""
    import json

    with contextlib.suppress(ValueError, TypeError, AttributeError):
        return float(json.loads(text)["retry_after"])
    with contextlib.suppress(TypeError, ValueError):
        return float(response.headers.get("Retry-After", ""))
    return None
