"""Slack mrkdwn: plain text made safe to show, as Slack requires (&, < and > as entities)."""

from __future__ import annotations

from bot.digest.safety import defuse

_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape_slack(text: str) -> str:
    """Defused text for Slack mrkdwn: & < > as entities, as Slack requires."""
    return defuse(text).translate(_ENTITIES)
