"""What an HTTP request must be before the bolt app sees it: signed by Slack, and well formed.

Bolt parses a body before it checks the signature, and a body it cannot parse (``payload={x``,
bytes that are not UTF-8) or a header it cannot read (a timestamp that is not a number, a
signature with non-ASCII characters) becomes a 500 and a long traceback per request, from
anyone on the internet. So each request is checked here first, in this order: the signature
headers are readable and the request is fresh and signed (else 401), the body is UTF-8 in a
form Slack sends (else 400), and a slash command or button click carries every field the bot
reads (else 400: a signed request the bot cannot serve is said so, never dropped silently).
Each refusal is at most one short log line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from slack_sdk.signature import SignatureVerifier

from bot.chat.render import SHARE_ACTION

MAX_FIELDS = 50  # a slash command has about 12
COMMAND_FIELDS = ("command", "team_id", "channel_id", "user_id", "response_url")


class RefusedRequest(Exception):
    """A request the bot will not serve: ``status`` (400/401) and a short reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def check_signature(verifier: SignatureVerifier, headers: Mapping[str, str], body: bytes) -> str:
    """The body as text when the request is signed by Slack; RefusedRequest otherwise."""
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    # The library's check assumes both are readable: int() and an ASCII-only comparison.
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
        raise RefusedRequest(401, "no readable X-Slack-Request-Timestamp")
    if not (signature.isascii() and signature.startswith("v0=") and len(signature) <= 100):
        raise RefusedRequest(401, "no readable X-Slack-Signature")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise RefusedRequest(400, "the body is not UTF-8 text") from None
    if not verifier.is_valid(body=text, timestamp=timestamp, signature=signature):
        raise RefusedRequest(401, "the signature does not match, or the request is stale")
    return text


def check_shape(text: str, content_type: str) -> None:
    """RefusedRequest(400) unless the body is a slash command, an interaction or an event."""
    if content_type == "application/json":
        _check_event(text)
        return
    try:
        form = dict(parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS))
    except ValueError:
        raise RefusedRequest(400, "the body is not a form Slack sends") from None
    if form.get("ssl_check") == "1":
        return
    if "payload" in form:
        _check_interaction(form["payload"])
    elif "command" in form:
        _check_command(form)
    else:
        raise RefusedRequest(400, "neither a slash command nor an interaction")


def _typed_object(text: str, what: str) -> dict[str, Any]:
    """``text`` as a JSON object with a "type"; RefusedRequest(400) naming ``what`` if not."""
    try:
        body = json.loads(text)
    except ValueError:
        raise RefusedRequest(400, f"{what} does not parse") from None
    if not isinstance(body, dict) or not isinstance(body.get("type"), str):
        raise RefusedRequest(400, f"{what} is not an object with a type")
    return body


def _check_event(text: str) -> None:
    _typed_object(text, "the JSON body")


def _check_command(form: dict[str, str]) -> None:
    missing = [name for name in COMMAND_FIELDS if not form.get(name)]
    if missing:
        raise RefusedRequest(400, "the slash command lacks " + ", ".join(missing))
    if not form["response_url"].startswith(("https://", "http://")):
        raise RefusedRequest(400, "the slash command's response_url is not a URL")


def _check_interaction(payload: str) -> None:
    body = _typed_object(payload, "the interaction payload")
    if body["type"] == "block_actions":
        _check_actions(body)


def _check_actions(body: dict[str, Any]) -> None:
    actions = body.get("actions")
    user = body.get("user")
    if (
        not isinstance(actions, list)
        or not actions
        or not all(isinstance(a, dict) for a in actions)
    ):
        raise RefusedRequest(400, "the button click carries no actions")
    if not isinstance(user, dict) or not isinstance(body.get("response_url"), str):
        raise RefusedRequest(400, "the button click lacks its user or response_url")
    for action in actions:
        if action.get("action_id") == SHARE_ACTION and not _is_share_value(action.get("value")):
            raise RefusedRequest(400, "the Share button's value is not one the bot made")


def _is_share_value(value: Any) -> bool:
    try:
        decoded = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return False
    return (
        isinstance(decoded, dict)
        and isinstance(decoded.get("q"), str)
        and isinstance(decoded.get("p"), str)
    )
