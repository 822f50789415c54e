"""Where a channel's digest comes from: the corpus being served, the calendar, the chooser.

The service and the deliverer share one source. A corpus reload swaps the corpus in it, so
previews and scheduled posts move to the new corpus together. The ranking no channel changes
is built once per corpus and week and shared by every channel (``bot.digest.ranking``); a
channel's history is best passed as {history key: ISO week last posted}, so that a new round
brings back the least recently posted works first (a plain set of keys works too).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from bot.calendar import Calendar
from bot.digest.model import Digest
from bot.models import Corpus

# choose_digest's signature (bot/digest/select.py); injectable so tests can pin a corpus.
DigestChooser = Callable[..., Digest]


@dataclass
class DigestSource:
    """The inputs of every digest this process makes, and how it chooses one."""

    corpus: Corpus
    calendar: Calendar
    choose: DigestChooser | None = None  # None: choose_digest

    def digest_for(
        self,
        period: str,
        *,
        size: int,
        topics: Sequence[str],
        seen: Collection[str],
        channel_key: str,
    ) -> Digest:
        """The digest a channel gets for ``period`` ("2026-W19"), given what it has seen."""
        choose = self.choose or _default_chooser()
        return choose(
            self.corpus,
            self.calendar,
            period,
            size=size,
            topics=topics,
            seen=seen,
            channel_key=channel_key,
        )

    def unmatched_topics(self, topics: Sequence[str]) -> list[str]:
        """The topics no highlight mentions yet: a digest cannot put any of them first."""
        from bot.digest.ranking import shared_pool

        index = shared_pool(self.corpus, self.calendar).topics
        return [topic for topic in topics if not index.matching([topic])]


def _default_chooser() -> DigestChooser:
    from bot.digest.select import choose_digest

    return choose_digest
