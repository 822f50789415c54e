"""One check for any rendered digest: the platform's limits and pings, from its profile."""

from __future__ import annotations

from typing import Any

from bot.digest.platforms import profile


def problems_in(output: dict[str, Any] | str, platform: str) -> list[str]:
    """What is wrong with a rendered digest on a platform; [] when it can be posted."""
    return profile(platform).validate(output)
