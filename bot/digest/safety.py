"""Making corpus text safe to post: no pings, clean links (each adapter escapes its markup).

Pinging needs special syntax: Slack's ``<!channel>``, ``<!here>``, ``<!everyone>``,
``<@U123>`` (and ``@channel`` when Slack parses plain text), Discord's ``@everyone``,
``@here``, ``<@123>``, ``<@!123>`` and ``<@&123>``. A zero-width joiner after ``@`` and after
a ``<`` that opens such a token breaks every one of them while the text reads the same.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

ZWJ = "\u200d"

_AT = re.compile(r"@(?=[\w&!#])")
_OPEN = re.compile(r"<(?=[@!#&])")
# Anything that would still notify people if it reached a chat platform.
PING = re.compile(
    r"<!(?:channel|here|everyone|subteam\^)[^>]*>"  # Slack special mentions
    r"|<@[!&]?[A-Z0-9]+(?:\|[^>]*)?>"  # Slack user, Discord user/role mentions
    r"|@(?:everyone|here|channel)\b",  # Discord (and Slack when it parses text)
    re.IGNORECASE,
)
_URL_UNSAFE = " <>|\"'`{}^\\"


def defuse(text: str) -> str:
    """The text with every mention token broken by a zero-width joiner (idempotent)."""
    return _OPEN.sub("<" + ZWJ, _AT.sub("@" + ZWJ, text))


def defuse_pings(text: str) -> str:
    """The text with only the tokens that would notify someone broken (``@here``,
    ``<@U123>``): a command to copy (`/invite @Flashback`) stays as it is typed."""
    return PING.sub(lambda m: defuse(m.group(0)), text) if PING.search(text) else text


def find_pings(text: str) -> list[str]:
    """The mention tokens in a text that would notify someone."""
    return [m.group(0) for m in PING.finditer(text)]


def safe_url(url: str | None) -> str | None:
    """An http(s) URL with the characters that would break Slack links or HTML encoded."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    cleaned = "".join(quote(ch, safe="") if ch in _URL_UNSAFE or ord(ch) < 32 else ch for ch in url)
    return cleaned if len(cleaned) <= 2000 else None


def defuse_payload(value: Any) -> Any:
    """A JSON payload with any mention token left in any string broken (last line of defence)."""
    if isinstance(value, str):
        return defuse_pings(value)
    if isinstance(value, list):
        return [defuse_payload(item) for item in value]
    if isinstance(value, dict):
        return {key: defuse_payload(item) for key, item in value.items()}
    return value


def payload_strings(value: Any) -> list[str]:
    """Every string in a JSON payload, for checks."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in payload_strings(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in payload_strings(item)]
    return []
