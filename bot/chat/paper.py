"""`/paper <words>` and its Share button: lookups answered privately, shared on request."""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from bot.chat.replies import PaperView, Reply, ReplyView

if TYPE_CHECKING:
    from bot.service import Service

log = logging.getLogger(__name__)


async def handle_paper(service: Service, text: str, *, limit: int = 3) -> Reply:
    """Answer `/paper <text>` privately: results, or help and suggestions."""
    try:
        answer = await service.paper(text.strip(), limit=limit)
    except Exception:
        log.exception("/paper %r failed", text)
        return Reply(
            "reply",
            ReplyView(
                "Sorry, the lookup failed on our side",
                ["The error is logged; please try again later."],
                "error",
            ),
        )
    return Reply("paper", PaperView(answer))


async def share_paper(service: Service, query: str, paper_id: str, actor: str) -> Reply:
    """Post one result of a lookup to the channel, on behalf of ``actor``."""
    answer = await service.paper(query, limit=10)
    chosen = [r for r in answer.results if r.paper.id == paper_id]
    if not chosen and (paper := service.paper_by_id(paper_id)) is not None:
        # The query may have been cut short (Discord custom ids hold 100 characters).
        by_title = await service.paper(paper.title, limit=10)
        chosen = [r for r in by_title.results if r.paper.id == paper_id]
    if not chosen:
        return Reply(
            "reply",
            ReplyView(
                "That result is no longer available", [f"Try `/paper {query}` again."], "error"
            ),
        )
    shared = dataclasses.replace(answer, results=chosen, suggestions=[])
    return Reply("paper", PaperView(shared, shared_by=actor), ephemeral=False)
