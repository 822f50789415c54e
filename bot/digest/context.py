"""What a digest template is given: a typed, documented context built from a Digest.

Every string here is plain text with mention tokens already broken (see ``safety.defuse``),
so even an override template that forgets to escape cannot ping anyone. Templates still
escape for their markup with the filters ``mrkdwn``, ``discord_md`` or HTML autoescape.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from bot.calendar import Edition
from bot.digest.model import Digest, Highlight
from bot.digest.safety import defuse, safe_url
from bot.digest.weeks import parse_week

LOOKUP_HINT = "Look a paper up with /paper <words>, e.g. /paper lottery ticket"


@dataclass(frozen=True)
class HighlightContext:
    """One highlight as templates see it."""

    number: int  #: 1-based position in the digest
    title: str  #: paper title (or a short title for a passage about no named paper)
    url: str | None  #: a clean http(s) link to the paper, or None
    label: str  #: "ICLR 2019": the conference the report is about; "" when unknown
    conference: str | None  #: "ICLR"
    year: int | None  #: 2019
    report: str  #: title of the report the quote comes from
    quote: str  #: whole sentences about the work, within the platform budgets
    paper_id: str | None  #: catalog id, e.g. "arxiv:1803.03635"
    tag: str  #: "ICLR 2019 paper, discussed at ICML 2019", "discussed at ICML 2019", or ""
    source: str  #: whose notes: "Numenta’s ICML 2019 trip report"
    section: str  #: the headings the quote sits under, "Robustness › Datasets"; may be ""


@dataclass(frozen=True)
class DigestContext:
    """Everything a digest template may use; ``variables()`` hands the fields to Jinja."""

    platform: str  #: slack | discord | text | html
    week: str  #: "2026-W19"
    title: str  #: "Conference Flashback · week 19, 2026": the message's header
    headline: str  #: the flashback line, "ICLR 2019 opened in New Orleans this week, 7 years ago"
    edition: str  #: the headline's edition: "ICLR 2019 · New Orleans, USA · May 6–9, 2019" or ""
    highlights: list[HighlightContext]  #: in digest order
    footer: str  #: how to look a paper up
    empty: str  #: what to say when there are no highlights

    def variables(self) -> dict[str, Any]:
        """The fields as template variables (``{{ headline }}``, ``{% for h in highlights %}``)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def format_dates(start: date, end: date) -> str:
    """'May 6–9, 2019', 'April 30 – May 3, 2018', 'December 30, 2019 – January 2, 2020'."""
    if start == end:
        return f"{start:%B} {start.day}, {start.year}"
    if start.year != end.year:
        return f"{start:%B} {start.day}, {start.year} – {end:%B} {end.day}, {end.year}"
    if start.month != end.month:
        return f"{start:%B} {start.day} – {end:%B} {end.day}, {end.year}"
    return f"{start:%B} {start.day}–{end.day}, {end.year}"


def edition_line(edition: Edition) -> str:
    """'ICLR 2019 · New Orleans, USA · May 6–9, 2019' (or '· online' for virtual editions)."""
    parts = [f"{edition.conference} {edition.year}"]
    if edition.place:
        parts.append(edition.place)
    parts.append(format_dates(edition.start, edition.end))
    return " · ".join(parts)


def _highlight(number: int, highlight: Highlight) -> HighlightContext:
    label = ""
    if highlight.conference and highlight.year:
        label = f"{highlight.conference} {highlight.year}"
    return HighlightContext(
        number=number,
        title=defuse(highlight.paper),
        url=safe_url(highlight.url),
        label=defuse(label),
        conference=highlight.conference,
        year=highlight.year,
        report=defuse(highlight.report),
        quote=defuse(highlight.quote),
        paper_id=highlight.paper_id,
        tag=defuse(highlight.tag or label),
        source=defuse(highlight.source or highlight.report),
        section=defuse(" › ".join(highlight.section)),
    )


def build_context(digest: Digest, platform: str) -> DigestContext:
    """The template context for a digest on a platform."""
    year, week = parse_week(digest.week)
    featured = digest.featured
    return DigestContext(
        platform=platform,
        week=digest.week,
        title=f"Conference Flashback · week {week}, {year}",
        headline=defuse(digest.headline),
        edition=defuse(edition_line(featured)) if featured else "",
        highlights=[_highlight(i, h) for i, h in enumerate(digest.highlights, start=1)],
        footer=LOOKUP_HINT,
        empty="No highlights this week: the corpus has no reports to draw from.",
    )
