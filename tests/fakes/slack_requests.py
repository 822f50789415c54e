"""Signed requests as Slack sends them to an HTTP-mode app (form body + signature headers)."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import aiohttp
from slack_sdk.signature import SignatureVerifier

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # Slack's documentation example shape


def free_port() -> int:
    """A port nobody listens on right now (settings need a real number, not 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def signed_headers(body: str, *, secret: str = SIGNING_SECRET, age: float = 0) -> dict[str, str]:
    """X-Slack-Signature and X-Slack-Request-Timestamp for ``body``, ``age`` seconds old."""
    timestamp = str(int(time.time() - age))
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    return {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
        "Content-Type": "application/x-www-form-urlencoded",
    }


def command_body(
    command: str,
    text: str,
    *,
    response_url: str,
    user: str = "U0USER",
    channel: str = "C0CHAN",
    team: str = "T0FAKE",
) -> str:
    """The form body of a slash command invocation."""
    return urlencode(
        {
            "token": "legacy-verification-token",
            "team_id": team,
            "team_domain": "fake",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "api_app_id": "A0APP",
            "response_url": response_url,
            "trigger_id": "13345224609.738474920.8088930838d88f008e0",
        }
    )


def action_body(
    action_id: str,
    value: str,
    *,
    response_url: str,
    user: str = "U0USER",
    channel: str = "C0CHAN",
    team: str = "T0FAKE",
) -> str:
    """The form body of a block_actions payload (a button click)."""
    payload = {
        "type": "block_actions",
        "team": {"id": team, "domain": "fake"},
        "user": {"id": user, "team_id": team},
        "api_app_id": "A0APP",
        "channel": {"id": channel, "name": "general"},
        "container": {"type": "message", "is_ephemeral": True},
        "trigger_id": "1.2.3",
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "share_1",
                "value": value,
                "action_ts": "1700000000.1",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)})


async def post_signed(
    url: str,
    body: str,
    *,
    headers: dict[str, str] | None = None,
    session: aiohttp.ClientSession | None = None,
) -> tuple[int, str]:
    """POST a (by default correctly signed) body; the status and text of the answer."""
    own = session is None
    session = session or aiohttp.ClientSession()
    try:
        async with session.post(url, data=body, headers=headers or signed_headers(body)) as resp:
            return resp.status, await resp.text()
    finally:
        if own:
            await session.close()


async def wait_until(check: Callable[[], Any], *, limit: float = 15.0) -> Any:
    """Poll ``check`` until it returns something truthy (background work finishing)."""
    import asyncio

    deadline = time.monotonic() + limit
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError("the expected request never arrived")
        await asyncio.sleep(0.01)
