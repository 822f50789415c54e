"""Are the Slack tokens plausible, and (online) does Slack accept them?

Shape checks catch the usual copy-paste mistakes without a network: the user token instead of
the bot token, the two Slack tokens swapped, a signing secret that is not one. Online checks
ask Slack itself (``auth.test`` and ``apps.connections.open``) over plain HTTP, so they need
no Slack SDK, and compare the scopes auth.test's answer lists (``x-oauth-scopes``) with those
the bot needs (``scopes.py``). Every finding says what is wrong and how to fix it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot.adapters.slack.scopes import REINSTALL, REQUIRED_SCOPES, missing_scopes
from bot.adapters.tokens import padding_problem, secret_value
from bot.ops.findings import Finding, fail, ok, warn
from bot.settings import Settings

if TYPE_CHECKING:
    import aiohttp

SLACK_SIGNING_SECRET = re.compile(r"^[0-9a-f]{32}$")

_SLACK_BOT_FIX = (
    'copy the "Bot User OAuth Token" (xoxb-...) from your Slack app\'s '
    "OAuth & Permissions page into FLASHBACK_SLACK_BOT_TOKEN"
)
_SLACK_APP_FIX = (
    "in your Slack app's Basic Information page, generate an App-Level Token with the "
    "connections:write scope and put it (xapp-...) in FLASHBACK_SLACK_APP_TOKEN"
)


def slack_shape(settings: Settings) -> list[Finding]:
    """Findings about the Slack settings, without any network."""
    bot = secret_value(settings.slack_bot_token)
    app = secret_value(settings.slack_app_token)
    signing = secret_value(settings.slack_signing_secret)
    if not bot:
        if app or signing:
            return [
                warn("slack", "Slack is off: FLASHBACK_SLACK_BOT_TOKEN is not set", _SLACK_BOT_FIX)
            ]
        return [ok("slack", "not configured (set FLASHBACK_SLACK_BOT_TOKEN to enable Slack)")]
    findings = [f for f in (padding_problem("FLASHBACK_SLACK_BOT_TOKEN", bot),) if f]
    if bot.startswith("xoxp-"):
        findings.append(
            fail(
                "slack",
                "FLASHBACK_SLACK_BOT_TOKEN is a user token (xoxp-), not a bot token",
                _SLACK_BOT_FIX,
            )
        )
    elif bot.startswith("xapp-"):
        findings.append(
            fail(
                "slack",
                "FLASHBACK_SLACK_BOT_TOKEN holds the app-level token (xapp-)",
                "swap them: xoxb-... goes in FLASHBACK_SLACK_BOT_TOKEN, xapp-... in "
                "FLASHBACK_SLACK_APP_TOKEN",
            )
        )
    elif not bot.strip().startswith("xoxb-"):
        findings.append(
            fail(
                "slack",
                "FLASHBACK_SLACK_BOT_TOKEN does not look like a bot token (xoxb-...)",
                _SLACK_BOT_FIX,
            )
        )
    findings += _slack_mode_shape(settings, app, signing)
    if not any(f.status == "fail" for f in findings):
        findings.insert(0, ok("slack", f"tokens look right for {settings.slack_mode} mode"))
    return findings


def _slack_mode_shape(settings: Settings, app: str | None, signing: str | None) -> list[Finding]:
    if settings.slack_mode == "socket":
        if not app:
            return [fail("slack", "Socket Mode needs FLASHBACK_SLACK_APP_TOKEN", _SLACK_APP_FIX)]
        if not app.strip().startswith("xapp-"):
            return [
                fail(
                    "slack",
                    "FLASHBACK_SLACK_APP_TOKEN does not look like an app-level token (xapp-...)",
                    _SLACK_APP_FIX,
                )
            ]
        return [f for f in (padding_problem("FLASHBACK_SLACK_APP_TOKEN", app),) if f]
    fix = (
        "copy the Signing Secret from your Slack app's Basic Information page into "
        "FLASHBACK_SLACK_SIGNING_SECRET"
    )
    if not signing:
        return [fail("slack", "HTTP mode needs FLASHBACK_SLACK_SIGNING_SECRET", fix)]
    if not SLACK_SIGNING_SECRET.match(signing):
        return [
            warn("slack", "FLASHBACK_SLACK_SIGNING_SECRET is not 32 hex digits as Slack's are", fix)
        ]
    return []


async def slack_online(settings: Settings, session: aiohttp.ClientSession) -> list[Finding]:
    """Ask Slack whether it accepts the bot token (auth.test) and the app token."""
    findings = []
    bot = secret_value(settings.slack_bot_token)
    if bot:
        answer = await _slack_call(session, settings.slack_api_url, "auth.test", bot)
        if answer.get("ok"):
            who = f"@{answer.get('user', '?')} in {answer.get('team', '?')}"
            findings.append(ok("slack online", f"Slack accepts the bot token: {who}"))
            findings.append(_scope_finding(answer.get(_SCOPES)))
        else:
            findings.append(_slack_refusal("FLASHBACK_SLACK_BOT_TOKEN", answer, _SLACK_BOT_FIX))
            if answer.get("error") == "unreachable":
                return findings  # the app token goes to the same API: one line says it
    app = secret_value(settings.slack_app_token)
    if bot and app and settings.slack_mode == "socket":
        # Opening a connection URL is how Slack checks an app-level token; nothing connects to it.
        answer = await _slack_call(session, settings.slack_api_url, "apps.connections.open", app)
        if answer.get("ok"):
            findings.append(ok("slack online", "Slack accepts the app-level token (Socket Mode)"))
        else:
            findings.append(_slack_refusal("FLASHBACK_SLACK_APP_TOKEN", answer, _SLACK_APP_FIX))
    return findings


_SCOPES = "x-oauth-scopes"  # kept in the answer under the header's name


def _scope_finding(granted: str | None) -> Finding:
    if granted is None:
        return warn("slack scopes", "Slack did not list the app's scopes", REINSTALL)
    missing = missing_scopes(granted)
    if not missing:
        return ok("slack scopes", f"the app has every scope it needs: {', '.join(REQUIRED_SCOPES)}")
    named = "; ".join(f"{scope} ({REQUIRED_SCOPES[scope]})" for scope in missing)
    return fail("slack scopes", f"the Slack app lacks {named}", REINSTALL)


async def _slack_call(
    session: aiohttp.ClientSession, base_url: str, method: str, token: str
) -> dict[str, Any]:
    """The answer of one Web API call, with its x-oauth-scopes header when Slack sent one."""
    import aiohttp  # here, not at the top: `flashback` starts without it

    url = base_url.rstrip("/") + "/" + method
    try:
        async with session.post(url, headers={"Authorization": f"Bearer {token}"}) as response:
            if response.status >= 500 or response.content_type != "application/json":
                return {"ok": False, "error": f"http_{response.status}"}
            answer: dict[str, Any] = await response.json()
            if _SCOPES in response.headers:
                answer[_SCOPES] = response.headers[_SCOPES]
            return answer
    except (aiohttp.ClientError, TimeoutError) as exc:
        return {"ok": False, "error": "unreachable", "detail": f"{type(exc).__name__}: {exc}"}


_SLACK_ERRORS = {
    "invalid_auth": "Slack does not know this token",
    "not_authed": "Slack received no token",
    "account_inactive": "the token belongs to a deleted user or a deactivated workspace",
    "token_revoked": "the token was revoked",
    "token_expired": "the token expired (token rotation is on: turn it off or refresh it)",
    "not_allowed_token_type": "this kind of token cannot be used here",
}


def slack_error_reason(error: str) -> str:
    """What a Slack error code about a token means, in words."""
    return _SLACK_ERRORS.get(error, f"Slack answered {error}")


def _slack_refusal(variable: str, answer: dict[str, Any], fix: str) -> Finding:
    error = str(answer.get("error", "unknown"))
    if error == "unreachable":
        return fail(
            "slack online",
            f"cannot reach the Slack API: {answer.get('detail', '')}",
            "check the network, a proxy, or FLASHBACK_SLACK_API_URL",
        )
    return fail("slack online", f"{variable} refused: {slack_error_reason(error)}", fix)
