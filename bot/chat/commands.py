"""Chat commands, platform-neutral: run `/flashback ...` for an adapter, failures as replies.

Every adapter (Slack, Discord, console) turns a platform event into one of these calls (or
``bot.chat.paper``'s for `/paper`) and renders the returned Reply through its platform's
templates, so the commands, their arguments, the permission rule and the help text exist
once: parsing in ``parse``, the subcommands and help in ``subcommands``, the words for
service results in ``views``, the reply shapes in ``replies``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.chat.parse import FlashbackCommand, parse_flashback
from bot.chat.replies import MANAGER_HINT, Reply, ReplyView
from bot.chat.subcommands import (
    SUBCOMMANDS,
    CommandContext,
    PostingCheck,
    help_reply,
    refused,
)
from bot.chat.usage import Syntax
from bot.schedule.subscription_rules import ValidationProblem

if TYPE_CHECKING:
    from bot.ports import ChannelRef
    from bot.service import Service

log = logging.getLogger(__name__)


async def run_flashback(
    service: Service,
    channel: ChannelRef,
    actor: str,
    is_manager: bool,
    command: FlashbackCommand,
    *,
    manager_hint: str = MANAGER_HINT,
    syntax: Syntax = "text",
    posting: PostingCheck | None = None,
) -> Reply:
    """Run a parsed `/flashback` command; bad input and failures become replies.

    ``syntax``: how the platform types arguments (Discord: named options), for the help.
    ``posting``: asks the platform why the bot could not post here (the adapter's
    ``posting_problem``), so that `subscribe` can warn.
    """
    if command.problem is not None:
        return help_reply(command.problem, manager_hint, topic=command.topic, syntax=syntax)
    if command.needs_manager and not is_manager:
        return refused(command, manager_hint)
    ctx = CommandContext(service, channel, actor, command, syntax, posting)
    try:
        return await SUBCOMMANDS[command.name].run(ctx)
    except ValidationProblem as problem:
        # What was wrong, over how this one subcommand is typed (not the whole help).
        return help_reply(str(problem), manager_hint, topic=command.name, syntax=syntax)
    except Exception:
        log.exception("/flashback %s failed in %s", command.name, channel)
        return Reply(
            "reply",
            ReplyView(
                "Sorry, something went wrong on our side",
                ["The error is logged; please try again later."],
                "error",
            ),
        )


async def handle_flashback(
    service: Service,
    channel: ChannelRef,
    actor: str,
    is_manager: bool,
    text: str,
    *,
    manager_hint: str = MANAGER_HINT,
) -> Reply:
    """Answer `/flashback <text>` typed by ``actor`` in ``channel``."""
    command = parse_flashback(text)
    return await run_flashback(
        service, channel, actor, is_manager, command, manager_hint=manager_hint
    )
