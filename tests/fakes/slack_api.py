"""A fake Slack Web API (and response_url endpoint) speaking real HTTP on localhost.

Point ``AsyncWebClient(base_url=fake.api_url)`` (``FLASHBACK_SLACK_API_URL``) at it, and put
``fake.response_url(...)`` into slash-command payloads so ``respond()`` lands here too.

Two of Slack's behaviours that cost digests can be switched on: ``limit_rate`` answers
chat.postMessage beyond a global rate, or a second post to one channel within a second, with
429 and a whole-second Retry-After, as Slack does; ``lose_answer`` stores a message and then
drops the connection (or answers 5xx), so the bot cannot know the post arrived.

Like Slack, every Web API answer lists the app's granted scopes in ``x-oauth-scopes``: by
default those slack-manifest.yml requests (what installing from it grants); a test removes
some from ``scopes`` to play an app made by hand, and a method that needs one answers
``missing_scope``.

``python -m tests.fakes.slack_api --port N [--per-second 50]`` serves it alone (benchmarks).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from aiohttp import WSMsgType, web

from tests.fakes.http_fake import Call, Failure, FakeHTTPServer, Handler, RawHandler

MANIFEST = Path(__file__).resolve().parents[2] / "slack-manifest.yml"
# Which scope a Web API method needs, as Slack documents it (any one of them suffices).
NEEDS = {
    "users.info": ("users:read",),
    "chat.postMessage": ("chat:write",),
    "conversations.history": ("channels:history", "groups:history"),
}


def manifest_scopes() -> list[str]:
    """The bot scopes slack-manifest.yml requests: what installing the app from it grants."""
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return list(manifest["oauth_config"]["scopes"]["bot"])


@dataclass
class RateLimit:
    """Slack's posting limits: ``per_second`` overall (a sliding second), one per channel."""

    per_second: int = 50
    channel_interval: float = 1.0
    accepted: deque[float] = field(default_factory=deque)
    last_by_channel: dict[str, float] = field(default_factory=dict)
    limited_global: int = 0
    limited_channel: int = 0

    def retry_after(self, channel: str, now: float) -> int | None:
        """Seconds to come back in (whole, as Slack says), or None when the post may go."""
        while self.accepted and self.accepted[0] <= now - 1.0:
            self.accepted.popleft()
        last = self.last_by_channel.get(channel)
        if last is not None and now - last < self.channel_interval:
            self.limited_channel += 1
            return max(1, math.ceil(self.channel_interval - (now - last)))
        if len(self.accepted) >= self.per_second:
            self.limited_global += 1
            return max(1, math.ceil(self.accepted[0] + 1.0 - now))
        self.accepted.append(now)
        self.last_by_channel[channel] = now
        return None


class FakeSlackAPI(FakeHTTPServer):
    """Canned JSON per Web API method; users, channel errors and failures are programmable."""

    def __init__(self) -> None:
        super().__init__()
        self.users: dict[str, dict[str, Any]] = {}
        self.channel_errors: dict[str, str] = {}
        self.outside: set[str] = set()  # channels the bot was not added to
        self.history: dict[str, list[dict[str, Any]]] = {}
        self.auth_error: str | None = None  # e.g. "invalid_auth": auth.test refuses the token
        self.sockets: list[web.WebSocketResponse] = []
        self.socket_acks: list[dict[str, Any]] = []
        self.app_token_error: str | None = None  # apps.connections.open refuses the app token
        self.socket_url: str | None = None  # where apps.connections.open sends the bot
        self.rate: RateLimit | None = None
        self.lost: dict[int, int | str] = {}  # stored-message number -> "drop" or a status
        self.stored = 0  # messages chat.postMessage has stored
        self.post_times: list[float] = []  # time.time() of each stored message
        self._ts = itertools.count(1)
        self.scopes: list[str] = manifest_scopes()  # granted; sent as x-oauth-scopes

    def limit_rate(self, per_second: int = 50, channel_interval: float = 1.0) -> RateLimit:
        """Answer chat.postMessage beyond these limits with 429 and Retry-After."""
        self.rate = RateLimit(per_second, channel_interval)
        return self.rate

    def lose_answer(self, *numbers: int, how: int | str = "drop") -> None:
        """After storing the message numbered ``n`` (1 = the first), drop the connection
        (``how="drop"``) or answer with the status ``how``: the message is in the channel,
        but the bot cannot know."""
        for number in numbers:
            self.lost[number] = how

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """The messages a channel holds, newest first (what a person in it would see)."""
        return self.history.get(channel, [])

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str = "r") -> str:
        """A response_url for a slash-command payload, served by this fake."""
        return f"{self.url}/respond/{name}"

    def add_user(self, user_id: str, *, admin: bool = False, owner: bool = False) -> None:
        self.users[user_id] = {
            "id": user_id,
            "name": user_id.lower(),
            "is_admin": admin,
            "is_owner": owner,
            "is_primary_owner": False,
            "deleted": False,
        }

    def posted(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Bodies of chat.postMessage calls that succeeded, optionally for one channel."""
        bodies = [c.body for c in self.calls_to("/api/chat.postMessage")]
        return [b for b in bodies if channel is None or b.get("channel") == channel]

    def responses(self, name: str | None = None) -> list[dict[str, Any]]:
        """Bodies posted to response_url endpoints (what respond() sent)."""
        part = "/respond/" + (name or "")
        return [c.body for c in self.calls_to(part)]

    def routes(self) -> list[tuple[str, str, Handler]]:
        return [
            ("*", "/api/{method}", self._api),
            ("POST", "/respond/{name}", self._respond),
        ]

    def raw_routes(self) -> list[tuple[str, str, RawHandler]]:
        return [("GET", "/socket", self._socket), ("GET", "/_stats", self._stats)]

    async def _stats(self, request: web.Request) -> web.StreamResponse:
        """What a benchmark in another process reads: stored posts and the 429s given."""
        rate = self.rate or RateLimit()
        return web.json_response(
            {
                "stored": self.stored,
                "times": self.post_times,
                "limited_global": rate.limited_global,
                "limited_channel": rate.limited_channel,
            }
        )

    async def push(self, envelope: dict[str, Any]) -> None:
        """Send a Socket Mode envelope (a slash command, say) to the connected bot."""
        await self.sockets[-1].send_json(envelope)

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        """Socket Mode: say hello, then record what the bot sends back (envelope acks)."""
        ws = web.WebSocketResponse()  # answers the SDK's pings by itself
        await ws.prepare(request)
        self.sockets.append(ws)
        await ws.send_json(
            {
                "type": "hello",
                "num_connections": 1,
                "connection_info": {"app_id": "A0APP"},
                "debug_info": {"host": "fake"},
            }
        )
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                self.socket_acks.append(json.loads(message.data))
        return ws

    def _apps_connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        if self.app_token_error:
            return {"ok": False, "error": self.app_token_error}
        return {"ok": True, "url": self.socket_url or f"ws://127.0.0.1:{self.port}/socket"}

    def failure_body(self, failure: Failure) -> Any:
        error = "ratelimited" if failure.status == 429 else "internal_error"
        return {"ok": False, "error": error}

    async def _respond(self, call: Call) -> web.StreamResponse:
        return web.Response(text="ok")

    async def _api(self, call: Call) -> web.StreamResponse:
        method = call.match["method"]
        args = {**call.query, **call.body}
        if method == "chat.postMessage" and self.rate is not None:
            wait = self.rate.retry_after(str(args.get("channel")), time.monotonic())
            if wait is not None:
                call.failed = True
                body = {"ok": False, "error": "ratelimited"}
                return web.json_response(body, status=429, headers={"Retry-After": str(wait)})
        answer = getattr(self, "_" + method.replace(".", "_"), None)
        body = self._scope_refusal(method) or (answer(args) if answer else {"ok": True})
        call.failed = not body["ok"]
        if method == "chat.postMessage" and body["ok"]:
            return self._answer_stored(call, body)
        return web.json_response(body, headers={"x-oauth-scopes": ",".join(self.scopes)})

    def _scope_refusal(self, method: str) -> dict[str, Any] | None:
        needed = NEEDS.get(method, ())
        if not needed or set(needed) & set(self.scopes):
            return None
        provided = ",".join(self.scopes)
        return {"ok": False, "error": "missing_scope", "needed": needed[0], "provided": provided}

    def _answer_stored(self, call: Call, body: dict[str, Any]) -> web.StreamResponse:
        self.stored += 1
        self.post_times.append(time.time())
        how = self.lost.pop(self.stored, None)
        if how == "drop" and call.request is not None and call.request.transport is not None:
            call.request.transport.close()  # stored, and the answer never leaves
        elif isinstance(how, int):
            return web.json_response({"ok": False, "error": "internal_error"}, status=how)
        return web.json_response(body)

    def _auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        if self.auth_error:
            return {"ok": False, "error": self.auth_error}
        return {
            "ok": True,
            "url": "https://fake.slack.test/",
            "team": "Fake Team",
            "team_id": "T0FAKE",
            "user": "flashback",
            "user_id": "U0BOT",
            "bot_id": "B0BOT",
        }

    def _users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(args.get("user")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": user}

    def _chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel"))
        if channel in self.outside:
            return {"ok": False, "error": "not_in_channel"}
        if channel in self.channel_errors:
            return {"ok": False, "error": self.channel_errors[channel]}
        ts = f"1700000000.{next(self._ts):06d}"
        message = {"ts": ts, "text": args.get("text"), "metadata": args.get("metadata")}
        self.history.setdefault(channel, []).insert(0, message)
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel"))
        if channel in self.outside:  # a public channel; a private one: channel_not_found
            return {"ok": False, "error": "not_in_channel"}
        messages = self.history.get(channel, [])
        return {"ok": True, "messages": messages[: int(args.get("limit") or 100)]}


def main() -> None:
    """Serve the fake alone until killed (benchmarks run it in its own process)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--per-second", type=int, default=50)
    args = parser.parse_args()

    async def serve() -> None:
        fake = FakeSlackAPI()
        fake.limit_rate(args.per_second)
        fake.port_wanted = args.port
        async with fake:
            print(f"ready {fake.port}", flush=True)
            await asyncio.Event().wait()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
