"""Discord markdown: plain text made safe to show, formatting characters escaped."""

from __future__ import annotations

import re

from bot.digest.safety import defuse

# Characters Discord markdown gives meaning to; a backslash shows them as they are.
_MARKDOWN = re.compile(r"([\\*_~`|<>\[\]()#])")
_LINE_START = re.compile(r"^(\s*)([-+]|\d+\.)(?=\s)", re.MULTILINE)


def escape_discord(text: str) -> str:
    """Defused text for Discord markdown: formatting characters backslash-escaped."""
    escaped = _MARKDOWN.sub(r"\\\1", defuse(text))
    return _LINE_START.sub(r"\1\\\2", escaped)
