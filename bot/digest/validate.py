"""One check for any rendered digest: platform limits and pings for chat payloads."""

from __future__ import annotations

from typing import Any

from bot.digest.limits import validate_discord, validate_slack
from bot.digest.safety import find_pings


def problems_in(output: dict[str, Any] | str, platform: str) -> list[str]:
    """What is wrong with a rendered digest on a platform; [] when it can be posted."""
    if isinstance(output, dict):
        return validate_slack(output) if platform == "slack" else validate_discord(output)
    return [f"ping survives: {ping!r}" for ping in find_pings(output)] if platform == "text" else []
