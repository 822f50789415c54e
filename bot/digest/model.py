"""The shapes of a weekly flashback: the Digest, its Highlights and the Anniversary it opens with.

Selection (``select``) builds them, rendering (``render``), delivery and every adapter read
them; they live here so that none of those depends on how highlights are chosen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.calendar import Edition


@dataclass(frozen=True)
class Anniversary:
    """A conference edition in the corpus, placed relative to this week of the year.

    ``gap_days`` is 0 when the edition overlapped this week, negative when it had closed that
    many days before, positive when it opened that many days after; ``years_ago`` counts from
    the digest's year; ``report_ids`` are the corpus reports about the edition.
    """

    edition: Edition
    years_ago: int
    gap_days: int
    report_ids: tuple[str, ...]

    @property
    def this_week(self) -> bool:
        """Whether the edition's dates, moved to the digest's year, touch its week (+-3 days)."""
        return self.gap_days == 0

    @property
    def label(self) -> str:
        """'ICLR 2019'."""
        return f"{self.edition.conference} {self.edition.year}"


@dataclass
class Highlight:
    """One passage of a digest, with the paper it is about and where it came from."""

    paper_id: str | None
    paper: str  # the paper's title, or a short title for the passage
    url: str | None
    conference: str | None
    year: int | None
    report: str  # the report's title
    report_id: str
    quote: str  # plain text, whole sentences about the work, within the platform budgets
    snippet_id: str
    section: tuple[str, ...] = ()  # the headings the quote sits under
    # "ICLR 2019 paper, discussed at ICML 2019", "discussed at ICML 2019", "ICML 2017 talk"
    tag: str = ""
    # Whose notes these are: "Numenta's ICML 2019 trip report"
    source: str = ""

    @property
    def history_key(self) -> str:
        """What the posted history records: the paper id, or the snippet id without one."""
        return self.paper_id or self.snippet_id


@dataclass
class Digest:
    """A week's flashback for one channel: the headline and its highlights."""

    week: str
    headline: str
    anniversary: Anniversary | None
    highlights: list[Highlight] = field(default_factory=list)
    # The edition the headline names: the anniversary's, or the archive edition of a week
    # without one ("From the archive: ICML 2017, Sydney"); None when it names none.
    edition: Edition | None = None

    @property
    def featured(self) -> Edition | None:
        """The edition whose place and dates the digest's subtitle shows."""
        if self.edition is not None:
            return self.edition
        return self.anniversary.edition if self.anniversary else None

    @property
    def paper_ids(self) -> list[str]:
        """The history keys of the highlights (paper ids; snippet ids for paper-less ones)."""
        return [h.history_key for h in self.highlights]
