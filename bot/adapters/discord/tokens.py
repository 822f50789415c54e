"""Is the Discord token plausible, and (online) does Discord accept it?

Shape checks catch the usual copy-paste mistakes without a network: "Bot " in front, the
application id or the OAuth2 client secret instead of the bot token. The online check asks
Discord itself (``GET /users/@me``) over plain HTTP, so it needs no Discord SDK.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.adapters.tokens import padding_problem, secret_value
from bot.ops.findings import Finding, fail, ok
from bot.settings import Settings

if TYPE_CHECKING:
    import aiohttp

DISCORD_TOKEN = re.compile(r"^[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}$")

DISCORD_FIX = (
    'copy the token from the Bot page of your application in the Discord Developer Portal ("Reset '
    'Token" shows a new one) into FLASHBACK_DISCORD_TOKEN, without a "Bot " prefix'
)


def discord_shape(settings: Settings) -> list[Finding]:
    """Findings about the Discord token, without any network."""
    token = secret_value(settings.discord_token)
    if not token:
        return [ok("discord", "not configured (set FLASHBACK_DISCORD_TOKEN to enable Discord)")]
    if problem := padding_problem("FLASHBACK_DISCORD_TOKEN", token):
        return [problem]
    if token.lower().startswith("bot "):
        return [
            fail(
                "discord",
                'FLASHBACK_DISCORD_TOKEN starts with "Bot "',
                "remove the prefix; the bot adds it",
            )
        ]
    if re.fullmatch(r"\d{17,20}", token):
        return [
            fail(
                "discord",
                "FLASHBACK_DISCORD_TOKEN is a numeric id (application or client id), not a token",
                DISCORD_FIX,
            )
        ]
    if re.fullmatch(r"[A-Za-z0-9_-]{32}", token):
        return [
            fail(
                "discord",
                "FLASHBACK_DISCORD_TOKEN looks like the OAuth2 client secret, not the bot token",
                DISCORD_FIX,
            )
        ]
    if not DISCORD_TOKEN.match(token):
        return [
            fail(
                "discord",
                "FLASHBACK_DISCORD_TOKEN does not look like a Discord bot token",
                DISCORD_FIX,
            )
        ]
    return [ok("discord", "token looks right")]


async def discord_online(settings: Settings, session: aiohttp.ClientSession) -> list[Finding]:
    """Ask Discord whether it accepts the bot token (GET /users/@me)."""
    token = secret_value(settings.discord_token)
    if not token:
        return []
    import aiohttp  # here, not at the top: `flashback` starts without it

    url = settings.discord_api_url.rstrip("/") + "/users/@me"
    try:
        async with session.get(url, headers={"Authorization": f"Bot {token}"}) as response:
            if response.status == 401:
                return [
                    fail(
                        "discord online",
                        "Discord refused FLASHBACK_DISCORD_TOKEN (401 Unauthorized)",
                        DISCORD_FIX,
                    )
                ]
            if response.status != 200:
                return [
                    fail(
                        "discord online",
                        f"Discord answered HTTP {response.status}",
                        "try again later; see https://discordstatus.com",
                    )
                ]
            me = await response.json()
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        return [
            fail(
                "discord online",
                f"cannot reach the Discord API: {type(exc).__name__}: {exc}",
                "check the network, a proxy, or FLASHBACK_DISCORD_API_URL",
            )
        ]
    if not me.get("bot"):
        return [
            fail(
                "discord online",
                "FLASHBACK_DISCORD_TOKEN belongs to a user account, not a bot",
                DISCORD_FIX,
            )
        ]
    return [
        ok(
            "discord online",
            f"Discord accepts the token: bot {me.get('username', '?')} ({me.get('id', '?')})",
        )
    ]
