"""What the chat commands answer, before a platform renders it: a Reply and its view.

Adapters render a Reply through ``templates/<platform>/<reply.template>.*`` (see
``bot.chat.render``); the views are the templates' documented context.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from bot.digest.model import Digest
    from bot.lookup import LookupAnswer

Tone = Literal["ok", "info", "error"]
MANAGER_HINT = "people who manage this channel"


@dataclass(frozen=True)
class ReplyView:
    """Context of the ``reply`` templates: a short titled answer."""

    title: str
    lines: list[str] = field(default_factory=list)
    tone: Tone = "info"
    hint: str | None = None  # one line of what to try next, may hold `code`


@dataclass(frozen=True)
class HelpEntry:
    """One command in the help: how to type it, what it does, whether managers only."""

    usage: str
    summary: str
    manager_only: bool = False


@dataclass(frozen=True)
class HelpView:
    """Context of the ``help`` templates."""

    entries: list[HelpEntry]
    manager_hint: str = MANAGER_HINT
    problem: str | None = None  # why help is shown (unknown subcommand ...)


@dataclass(frozen=True)
class PaperView:
    """Context of the ``paper`` templates: a lookup answer, private or shared."""

    answer: LookupAnswer
    shared_by: str | None = None  # set when someone shared one result to the channel

    @property
    def query(self) -> str:
        return self.answer.query


@dataclass(frozen=True)
class Reply:
    """What the bot answers, before a platform renders it.

    ``template`` names the template family (templates/<platform>/<template>.*); ``digest``
    replies are rendered with ``render_digest``. ``ephemeral`` replies are seen only by the
    person who asked.
    """

    template: Literal["reply", "help", "paper", "digest"]
    view: ReplyView | HelpView | PaperView | Digest
    ephemeral: bool = True

    @property
    def summary(self) -> str:
        """A one-line plain-text version (notification text, logs, the console's fallback)."""
        view = self.view
        if isinstance(view, ReplyView):
            return view.title
        if isinstance(view, HelpView):
            return view.problem or "Conference Flashback commands"
        if isinstance(view, PaperView):
            found = len(view.answer.results)
            return f"/paper {view.query}: {found} result{'s' if found != 1 else ''}"
        return view.headline
