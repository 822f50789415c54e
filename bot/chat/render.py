"""Turning a neutral chat Reply (or a Digest) into one platform's payload, via the templates.

Replies go through ``templates/<platform>/<reply.template>.*`` with the fields of
:class:`ReplyContext`; digests through ``render_digest``. Both use the one Jinja environment
the digest package builds, so user overrides in FLASHBACK_TEMPLATES_DIR apply to every message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, cast

from bot.chat.replies import HelpEntry, HelpView, PaperView, Reply, ReplyView
from bot.chat.subcommands import help_entries
from bot.digest.model import Digest
from bot.digest.platforms import get_profile
from bot.digest.render import render_digest, render_template
from bot.digest.safety import defuse, defuse_pings

if TYPE_CHECKING:
    from jinja2 import Environment

SHARE_ACTION = "flashback_share"  # Slack action_id / Discord custom_id prefix of "Share"
_CODE = re.compile(r"`([^`]+)`")


@dataclass(frozen=True)
class ReplyContext:
    """What a reply template (paper.*, reply.*, help.*) is given."""

    view: ReplyView | HelpView | PaperView  #: the reply's data; see bot/chat/replies.py
    ephemeral: bool  #: only the person who asked sees it
    summary: str  #: one line of plain text (Slack's notification text)
    share_action: str  #: action_id / custom_id prefix of the Share button
    commands: list[HelpEntry]  #: every command, for hints and help

    def variables(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def inline(text: object, platform: str = "text") -> str:
    """Escape text for ``platform`` but keep `code` spans as code (our own hints use them).

    A code span is something to type, so only what would ping is broken in it: the
    zero-width joiner ``defuse`` puts after every ``@`` would break a copied
    `/invite @Flashback`, while a quoted `@here` or `<@U1>` still notifies nobody.
    """
    known = get_profile(platform)
    escape = known.escape if known is not None else defuse
    parts = _CODE.split("" if text is None else str(text))
    # split() alternates text and code: even indexes are text, odd ones the code spans.
    return "".join(
        escape(part) if i % 2 == 0 else f"`{defuse_pings(part).replace('`', '')}`"
        for i, part in enumerate(parts)
    )


def _with_reply_filters(env: Environment) -> Environment:
    env.filters.setdefault("inline", inline)
    return env


def render_reply(reply: Reply, platform: str, env: Environment) -> Any:
    """The payload of ``reply``: slack {"text","blocks"}, discord {"content","embeds"}, text str."""
    if isinstance(reply.view, Digest):
        return render_digest(reply.view, platform, env)
    context = ReplyContext(reply.view, reply.ephemeral, reply.summary, SHARE_ACTION, help_entries())
    return render_template(reply.template, context, platform, _with_reply_filters(env))


def render_digest_payload(digest: Digest, platform: str, env: Environment) -> dict[str, Any]:
    """A digest's structured payload (Slack or Discord)."""
    return cast(dict[str, Any], render_digest(digest, platform, env))


def render_digest_text(digest: Digest, env: Environment) -> str:
    """A digest as plain text (the console)."""
    return str(render_digest(digest, "text", env))
