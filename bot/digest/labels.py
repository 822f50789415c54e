"""The words around a highlight: its tag (where the work is from, where it was discussed) and
its source (whose notes the quote comes from)."""

from __future__ import annotations

from bot.digest.text import squash
from bot.models import Paper, Report

# Kinds of work that happen at the conference a report covers: a talk discussed in a report
# on ICML 2017 was given at ICML 2017.
EVENT_KINDS = frozenset({"talk", "keynote", "tutorial", "workshop", "panel"})
_MAX_SITE_WORDS = 5  # longer "site" values are a subtitle, not a blog or organisation name


def conference_label(report: Report) -> str:
    """'ICML 2019', or '' when the report's conference or year is unknown."""
    return f"{report.conference} {report.year}" if report.conference and report.year else ""


def tag(paper: Paper | None, report: Report) -> str:
    """Where the work is from and where it was discussed, as far as is known.

    'ICLR 2019 paper, discussed at ICML 2019' when the work's venue is known and differs;
    'ICLR 2019 paper' when it is the report's own conference; 'discussed at ICML 2019' when
    the venue is unknown; 'ICML 2017 talk' for a talk, tutorial or panel given there.
    """
    where = conference_label(report)
    if paper is None:
        return where
    if paper.venue and paper.venue_year:
        venue = f"{paper.venue} {paper.venue_year} {paper.kind}"
        return (
            venue
            if not where or venue.startswith(f"{where} ")
            else f"{venue}, discussed at {where}"
        )
    if not where:
        return ""
    if paper.kind in EVENT_KINDS:
        return f"{where} {paper.kind}"
    return f"discussed at {where}"


def _possessive(name: str) -> str:
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def _article(label: str) -> str:
    """'an ICML 2017', 'a NeurIPS 2019': vowel sounds, with acronyms spelt out letter by letter."""
    name = label.split()[0]
    spelt = name.isupper() and name[:1] in "FHLMNRSX"
    return "an" if name[:1].upper() in "AEIOU" or spelt else "a"


def owner(report: Report) -> str:
    """Who published the report: its site (blog or organisation) when that is a name, else
    its authors ('A and B', 'A et al.'), else ''."""
    site = squash(report.site or "")
    if site and len(site.split()) <= _MAX_SITE_WORDS:
        return site
    authors = [squash(a) for a in report.authors if squash(a)]
    if len(authors) > 2:
        return f"{authors[0]} et al."
    return " and ".join(authors)


def source(report: Report) -> str:
    """Whose notes a quote comes from: "Numenta’s ICML 2019 trip report", "an ICML 2017
    attendee’s trip report" when nobody is named, the report's title without a conference."""
    label = conference_label(report)
    who = owner(report)
    if who and label:
        return f"{_possessive(who)} {label} trip report"
    if label:
        return f"{_article(label)} {label} attendee’s trip report"
    title = squash(report.title) or report.id
    return f"{_possessive(who)} “{title}”" if who else f"“{title}”"
