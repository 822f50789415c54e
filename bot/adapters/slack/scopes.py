"""The bot scopes the Slack app needs: one per kind of Web API call the bot makes.

This is the one list. slack-manifest.yml requests exactly these (a test reads both, and checks
every Web API method the adapter calls is in ``METHOD_SCOPES``); `flashback doctor --online`
compares them with the scopes Slack granted, which every Web API answer lists in its
``x-oauth-scopes`` header. An app made by hand, or from an older manifest, lacks some: the
runtime then says which one, instead of a misleading refusal. No Slack SDK here: the doctor
imports it.
"""

from __future__ import annotations

from bot.chat.replies import Reply, ReplyView

# What each scope is for, in the manifest's order.
REQUIRED_SCOPES: dict[str, str] = {
    "commands": "the two slash commands",
    "chat:write": "post digests and shared results",
    "users:read": "users.info: is the person a workspace admin or owner?",
    "channels:history": "find a digest already posted (crash recovery), public channels",
    "groups:history": "the same in private channels the bot was invited to",
}
# The Web API methods the bot calls, and the scopes they need (slash commands need `commands`).
METHOD_SCOPES: dict[str, tuple[str, ...]] = {
    "auth.test": (),
    "apps.connections.open": (),  # the app-level token's connections:write
    "chat.postMessage": ("chat:write",),
    "users.info": ("users:read",),
    "conversations.history": ("channels:history", "groups:history"),
}
REINSTALL = (
    "reinstall the Slack app from slack-manifest.yml: App Manifest → paste it → Save Changes, "
    "then Install App → Reinstall to Workspace"
)


class MissingScope(Exception):
    """Slack refused a call because the app lacks ``scope`` (error ``missing_scope``)."""

    def __init__(self, scope: str) -> None:
        super().__init__(f"the Slack app lacks the {scope} scope")
        self.scope = scope


def missing_scopes(granted: str) -> list[str]:
    """The required scopes absent from an ``x-oauth-scopes`` header ("a,b,c")."""
    have = {scope.strip() for scope in granted.split(",")}
    return [scope for scope in REQUIRED_SCOPES if scope not in have]


def missing_scope_reply(scope: str) -> Reply:
    """What someone who ran a command hears when the app lacks a scope it needs for it."""
    return Reply(
        "reply",
        ReplyView(
            f"This Slack app lacks the {scope} scope",
            [
                f"Without {scope} ({REQUIRED_SCOPES[scope]}) the bot cannot check who may "
                "subscribe, unsubscribe or post now, so it refuses everyone but the users in "
                "FLASHBACK_SLACK_ADMIN_USERS.",
            ],
            tone="error",
            hint=f"Whoever installed the bot: {REINSTALL}.",
        ),
    )
