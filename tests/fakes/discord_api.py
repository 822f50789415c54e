"""A fake Discord HTTP API (v10) speaking real HTTP on localhost.

Tests set ``discord.http.Route.BASE = fake.base`` (the library's own switch for its API
root); every REST call, interaction callback and webhook followup then lands here. The
gateway is here too (``fake.gateway_url``, FLASHBACK_DISCORD_GATEWAY_URL): it says hello,
answers IDENTIFY with READY and heartbeats with acks, and can refuse the next handshakes with
503, as Discord's gateway does during an outage.

Two set-up mistakes answer as Discord does: ``refuse_token`` refuses the login (401), and a
server in ``uninvited_guilds`` refuses its commands with 403 Missing Access (code 50001).
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from aiohttp import web

from tests.fakes.http_fake import Call, Failure, FakeHTTPServer, Handler, RawHandler

APPLICATION_ID = 4242
BOT_USER = {
    "id": "4243",
    "username": "flashback",
    "discriminator": "0",
    "avatar": None,
    "bot": True,
}
_V = "/api/v10"


def _json(body: Any, status: int = 200) -> web.Response:
    """JSON with Discord's exact Content-Type (discord.py compares it without a charset)."""
    return web.Response(
        body=json.dumps(body).encode(), status=status, headers={"Content-Type": "application/json"}
    )


class FakeDiscordAPI(FakeHTTPServer):
    """Canned JSON per endpoint; channel errors (403/404) and failures are programmable."""

    def __init__(self) -> None:
        super().__init__()
        self.channel_errors: dict[str, int] = {}
        self.history: dict[str, list[dict[str, Any]]] = {}
        self.gateway_refusals = 0  # answer the next handshakes with 503
        self.gateway_handshakes = 0
        self.identified = 0  # IDENTIFY payloads received
        self.gateway_sockets: list[web.WebSocketResponse] = []
        self.lost: dict[int, int | str] = {}  # stored-message number -> "drop" or a status
        self.stored = 0
        self._ids = itertools.count(900_000_000_000_000_001)
        self.refuse_token = False  # GET /users/@me (the login) answers 401, as for a reset token
        self.uninvited_guilds: set[str] = set()  # servers the app is not authorised in

    def lose_answer(self, *numbers: int, how: int | str = "drop") -> None:
        """After storing channel message number ``n`` (1 = the first), drop the connection
        or answer with the status ``how``: the message is there, the bot cannot know."""
        for number in numbers:
            self.lost[number] = how

    @property
    def base(self) -> str:
        return self.url + _V

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def raw_routes(self) -> list[tuple[str, str, RawHandler]]:
        return [("GET", "/gateway", self._gateway)]

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        """The gateway: HELLO, then READY for IDENTIFY and an ack for every heartbeat."""
        self.gateway_handshakes += 1
        if self.gateway_refusals > 0:
            self.gateway_refusals -= 1
            return web.Response(status=503, text="Service Unavailable")
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.gateway_sockets.append(ws)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
        async for message in ws:
            payload = json.loads(message.data)
            if payload["op"] == 2:
                self.identified += 1
                await ws.send_json({"op": 0, "s": 1, "t": "READY", "d": self._ready()})
            elif payload["op"] == 1:
                await ws.send_json({"op": 11, "d": None, "s": None, "t": None})
        return ws

    async def drop_gateway(self) -> None:
        """Close every gateway connection from Discord's side (a client may resume)."""
        for ws in self.gateway_sockets:
            await ws.close(code=4000, message=b"unknown error")

    def _ready(self) -> dict[str, Any]:
        return {
            "v": 10,
            "user": {**BOT_USER, "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [],
            "session_id": "fake-session",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(APPLICATION_ID), "flags": 0},
        }

    def sent_messages(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Bodies of channel messages that succeeded, optionally for one channel."""
        calls = self.calls_to("/messages")
        return [
            c.body
            for c in calls
            if c.method == "POST" and (channel is None or c.match.get("channel") == channel)
        ]

    def followups(self) -> list[dict[str, Any]]:
        """Bodies of interaction followups (webhook posts and edits of the original)."""
        return [c.body for c in self.calls_to("/webhooks/")]

    def callbacks(self) -> list[dict[str, Any]]:
        """Bodies of interaction callbacks (defer, immediate responses)."""
        return [c.body for c in self.calls_to("/callback")]

    def routes(self) -> list[tuple[str, str, Handler]]:
        return [
            ("GET", _V + "/users/@me", self._me),
            ("GET", _V + "/oauth2/applications/@me", self._application),
            ("POST", _V + "/interactions/{id}/{token}/callback", self._callback),
            ("POST", _V + "/webhooks/{app}/{token}", self._webhook_message),
            ("PATCH", _V + "/webhooks/{app}/{token}/messages/{mid}", self._webhook_message),
            ("POST", _V + "/channels/{channel}/messages", self._channel_message),
            ("GET", _V + "/channels/{channel}/messages", self._channel_history),
            ("PUT", _V + "/applications/{app}/commands", self._sync),
            ("PUT", _V + "/applications/{app}/guilds/{guild}/commands", self._sync),
        ]

    def failure_response(self, failure: Failure) -> web.Response:
        # Discord's own answers pass its proxy; discord.py treats a 429 without Via as a
        # Cloudflare ban instead of a rate limit.
        headers = {"Content-Type": "application/json", "Via": "1.1 google"}
        if failure.retry_after is not None:
            headers["Retry-After"] = f"{failure.retry_after:g}"
        body = json.dumps(self.failure_body(failure)).encode()
        return web.Response(body=body, status=failure.status, headers=headers)

    def failure_body(self, failure: Failure) -> Any:
        if failure.status == 429:
            return {
                "message": "You are being rate limited.",
                "retry_after": failure.retry_after or 0.01,
                "global": False,
            }
        return {"message": "Internal Server Error", "code": 0}

    async def _me(self, call: Call) -> web.StreamResponse:
        if self.refuse_token:
            call.failed = True
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        return _json(BOT_USER)

    async def _application(self, call: Call) -> web.StreamResponse:
        return _json(
            {
                "id": str(APPLICATION_ID),
                "name": "Conference Flashback",
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "flags": 0,
                "owner": BOT_USER,
            }
        )

    async def _callback(self, call: Call) -> web.StreamResponse:
        data = call.body.get("data") or {}
        return _json(
            {
                "interaction": {
                    "id": call.match["id"],
                    "type": 2,
                    "response_message_loading": call.body.get("type") == 5,
                    "response_message_ephemeral": bool(data.get("flags", 0) & 64),
                }
            }
        )

    async def _webhook_message(self, call: Call) -> web.StreamResponse:
        return _json(self._message(call.body, channel="1"))

    async def _channel_message(self, call: Call) -> web.StreamResponse:
        channel = call.match["channel"]
        status = self.channel_errors.get(channel)
        if status == 403:
            call.failed = True
            return _json({"message": "Missing Access", "code": 50001}, status=403)
        if status == 404:
            call.failed = True
            return _json({"message": "Unknown Channel", "code": 10003}, status=404)
        message = self._message(call.body, channel=channel)
        self.history.setdefault(channel, []).insert(0, message)  # newest first, like Discord
        self.stored += 1
        how = self.lost.pop(self.stored, None)
        if how == "drop" and call.request is not None and call.request.transport is not None:
            call.request.transport.close()
        elif isinstance(how, int):
            return _json({"message": "Internal Server Error", "code": 0}, status=how)
        return _json(message)

    async def _channel_history(self, call: Call) -> web.StreamResponse:
        limit = int(call.query.get("limit", "50"))
        return _json(self.history.get(call.match["channel"], [])[:limit])

    async def _sync(self, call: Call) -> web.StreamResponse:
        if call.match.get("guild") in self.uninvited_guilds:
            call.failed = True
            return _json({"message": "Missing Access", "code": 50001}, status=403)
        commands = call.body.get("_", [])
        answered = [
            {
                **command,
                "id": str(next(self._ids)),
                "application_id": str(APPLICATION_ID),
                "version": "1",
                "default_member_permissions": command.get("default_member_permissions"),
            }
            for command in commands
        ]
        return _json(answered)

    def _message(self, body: dict[str, Any], *, channel: str) -> dict[str, Any]:
        return {
            "id": str(next(self._ids)),
            "channel_id": channel,
            "type": 0,
            "content": body.get("content") or "",
            "author": BOT_USER,
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "mention_everyone": False,
            "tts": False,
            "timestamp": "2026-05-04T09:00:00+00:00",
            "edited_timestamp": None,
            "flags": body.get("flags", 0),
        }
