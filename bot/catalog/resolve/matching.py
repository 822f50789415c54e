"""Is a service's work the one a report names? Strict on purpose: a wrong paper attached to
an entry is worse than none.

Titles are compared by the catalog's own title key (case, punctuation and a leading article
do not count). A title lookup accepts only

- the same title, up to spacing ("pre-training" / "pretraining") or, for a long title, a
  one-letter typo; or
- the report's short name for a paper whose full title adds a subtitle ("The Lottery Ticket
  Hypothesis" for "The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural
  Networks"), when the short name has at least three words and is the only such candidate;

and in both cases refuses a work whose authors share no surname with the authors the report
gives, or that was published after the last report discussing it (plus a year of slack for
a journal version).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz

from bot.catalog import normalise_title
from bot.catalog.resolve.model import WorkMetadata, WorkRef

_TYPO_MIN_CHARS = 30
_TYPO_MIN_RATIO = 95.0
_SHORT_NAME_MIN_WORDS = 3
_YEAR_SLACK = 1


def title_key(title: str) -> str:
    """The catalog's title key, with accents folded ("Schölkopf" reads as "scholkopf")."""
    if not title.isascii():
        folded = unicodedata.normalize("NFKD", title)
        title = "".join(c for c in folded if not unicodedata.combining(c))
    return normalise_title(title)


def same_title(wanted: str, found: str) -> bool:
    """True when two titles are the same up to case, punctuation, spacing or a small typo."""
    a, b = title_key(wanted), title_key(found)
    if not a or not b:
        return False
    if a == b or a.replace(" ", "") == b.replace(" ", ""):
        return True
    return (
        min(len(a), len(b)) >= _TYPO_MIN_CHARS
        and len(a.split()) == len(b.split())
        and fuzz.ratio(a, b) >= _TYPO_MIN_RATIO
    )


def short_name_of(wanted: str, found: str) -> bool:
    """True when ``wanted`` is ``found``'s part before its subtitle, three words or more."""
    if ":" not in found:
        return False
    head = title_key(found.split(":", 1)[0])
    return len(head.split()) >= _SHORT_NAME_MIN_WORDS and title_key(wanted) == head


def choose_match(ref: WorkRef, candidates: Sequence[WorkMetadata]) -> WorkMetadata | None:
    """The one candidate that is surely the work ``ref`` names, or None."""
    if not ref.title:
        return None
    plausible = [c for c in candidates if _in_time(ref, c) and not _other_authors(ref, c)]
    exact = [c for c in plausible if same_title(ref.title, c.title)]
    if exact:
        return exact[0]
    short = [c for c in plausible if short_name_of(ref.title, c.title)]
    return short[0] if len(short) == 1 else None


def _in_time(ref: WorkRef, work: WorkMetadata) -> bool:
    """False for a work published after the reports could have discussed it."""
    return not (ref.latest_year and work.year and work.year > ref.latest_year + _YEAR_SLACK)


def _other_authors(ref: WorkRef, work: WorkMetadata) -> bool:
    """True when both name authors and no surname is shared."""
    wanted = {_surname(name) for name in ref.authors} - {""}
    found = {_surname(name) for name in work.authors} - {""}
    return bool(wanted and found and not wanted & found)


def _surname(name: str) -> str:
    """'Jonathan Frankle', 'J. Frankle' and 'Frankle et al.' all read as 'frankle'."""
    words = title_key(name.replace("et al.", "").replace("et al", "")).split()
    return words[-1] if words else ""
