"""A fake Slack Web API (and response_url endpoint) speaking real HTTP on localhost.

Point ``AsyncWebClient(base_url=fake.api_url)`` (``FLASHBACK_SLACK_API_URL``) at it, and put
``fake.response_url(...)`` into slash-command payloads so ``respond()`` lands here too.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from aiohttp import WSMsgType, web

from tests.fakes.http_fake import Call, Failure, FakeHTTPServer, Handler, RawHandler


class FakeSlackAPI(FakeHTTPServer):
    """Canned JSON per Web API method; users, channel errors and failures are programmable."""

    def __init__(self) -> None:
        super().__init__()
        self.users: dict[str, dict[str, Any]] = {}
        self.channel_errors: dict[str, str] = {}
        self.history: dict[str, list[dict[str, Any]]] = {}
        self.auth_error: str | None = None  # e.g. "invalid_auth": auth.test refuses the token
        self.sockets: list[web.WebSocketResponse] = []
        self.socket_acks: list[dict[str, Any]] = []
        self._ts = itertools.count(1)

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
        return [("GET", "/socket", self._socket)]

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
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}

    def failure_body(self, failure: Failure) -> Any:
        error = "ratelimited" if failure.status == 429 else "internal_error"
        return {"ok": False, "error": error}

    async def _respond(self, call: Call) -> web.StreamResponse:
        return web.Response(text="ok")

    async def _api(self, call: Call) -> web.StreamResponse:
        method = call.match["method"]
        args = {**call.query, **call.body}
        answer = getattr(self, "_" + method.replace(".", "_"), None)
        body: dict[str, Any] = answer(args) if answer else {"ok": True}
        call.failed = not body["ok"]
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
        if channel in self.channel_errors:
            return {"ok": False, "error": self.channel_errors[channel]}
        ts = f"1700000000.{next(self._ts):06d}"
        message = {"ts": ts, "text": args.get("text"), "metadata": args.get("metadata")}
        self.history.setdefault(channel, []).insert(0, message)
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "messages": self.history.get(str(args.get("channel")), [])}
