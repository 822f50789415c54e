"""What a highlight may quote: a titled work and a passage that names it, or, for a passage
about no titled work, a heading that can title it.

``titled_passage`` is the one place that decides which works may fill a titled slot; the
catalog (issue 12) makes its quotes windows of whole sentences that name the work, and this is
where the digest follows when it does. Until then ``quote_window`` cuts a passage down to the
sentences from the one naming the work, stopping before a sentence about another work.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.digest.text import sentences, squash, trim_text, words
from bot.models import Mention, Paper

QUOTE_CHARS = 420  # a taste of the passage, well inside every platform's budget
# Kinds of catalog entry that are works a highlight can be about (a "topic" is not).
WORK_KINDS = frozenset(
    {"paper", "talk", "keynote", "tutorial", "workshop", "panel", "dataset", "library"}
)
_MIN_OTHER_NAME = 4  # shorter names of other works ("MAC", "SET") are too often plain words

# Headings that say where a passage is, not what it is about ("Day 2 - Conference",
# "Papers I Liked", "General impressions"): they cannot title a highlight.
_GENERIC_WORDS = frozenset(
    """a an and the of on in from for to at we i our my me some more other others things thing
    liked like favourite favorite general impressions impression main themes theme topics topic
    papers paper interest interesting thoughts thought wrapping up day days session sessions
    conference conferences workshops workshop tutorials tutorial resources highlights highlight
    summary introduction intro conclusion conclusions overview takeaways takeaway misc
    miscellaneous attendance final notes note part recap review reviews trip report""".split()
)
_NUMBERED = re.compile(r"^(?:day|session|part|track)\s+\d{1,3}\s*[-–—:.]\s*", re.IGNORECASE)
_BRACKETED = re.compile(r"\s*\([^()]{0,80}\)")
_TRAILING_NUMBER = re.compile(r"\s+\d{1,3}$")


def _padded(text: str) -> str:
    """Words joined by single spaces with a space either side, for whole-word containment."""
    return f" {' '.join(words(text))} "


def _names(paper: Paper, shortest: int = 1) -> list[str]:
    """The work's title and aliases as padded word strings (empty names dropped)."""
    found = [_padded(name) for name in (paper.title, *paper.aliases) if len(name) >= shortest]
    return [name for name in found if name.strip()]


def names_work(paper: Paper, text: str, section: Sequence[str] = ()) -> bool:
    """Whether a passage names the work: its title or an alias in the text or a heading."""
    names = _names(paper)
    places = [_padded(text), *(_padded(heading) for heading in section)]
    return any(name in place for name in names for place in places)


def titled_passage(
    paper: Paper,
    score: Callable[[Mention], float],
    others: Callable[[Mention], Sequence[Paper]],
) -> tuple[Mention, str] | None:
    """The mention a titled highlight quotes for a work and the quote, or None when the work
    cannot have a titled highlight.

    A work qualifies with a real title (not ``untitled``), a kind that is a work, and a quote
    about it: a mention whose text or headings name it, cut by ``quote_window`` to the
    sentences about it (``others`` gives the other works its passage discusses). The best
    ``score`` wins, the earlier mention on a tie.
    """
    if paper.untitled or paper.kind not in WORK_KINDS or not words(paper.title):
        return None
    about = [m for m in paper.mentions if m.quote and names_work(paper, m.quote, m.section)]
    for mention in sorted(about, key=score, reverse=True):
        quote = quote_window(mention.quote, paper, others(mention))
        if quote:
            return mention, quote
    return None


def quote_window(
    text: str, paper: Paper, others: Sequence[Paper], budget: int = QUOTE_CHARS
) -> str:
    """Whole sentences of a passage about ``paper``, at most ``budget`` characters.

    The window starts at the first sentence naming the work (the first sentence when only a
    heading names it) and runs on until a sentence names one of ``others`` or the budget is
    spent. It never reaches back: the sentences before the name are about something else
    as often as not ("This is motivated by ..." about the work named before). "" when only
    a heading names the work and the passage opens on another one.
    """
    parts = sentences(text)
    if not parts:
        return ""
    own = _names(paper)
    other = [name for p in others for name in _names(p, _MIN_OTHER_NAME) if name not in own]

    def names_other(sentence: str) -> bool:
        padded = _padded(sentence)
        return any(name in padded for name in other)

    start = next((i for i, s in enumerate(parts) if any(n in _padded(s) for n in own)), None)
    if start is None:  # only a heading names the work: its passage must not open on another
        start = 0
        if names_other(parts[0]):
            return ""
    end = start + 1
    while end < len(parts) and not names_other(parts[end]):
        if len(" ".join(parts[start : end + 1])) > budget:
            break
        end += 1
    return trim_text(" ".join(parts[start:end]), budget)


def heading_title(section: Sequence[str]) -> str | None:
    """A title for a passage about no titled work, from its last heading when that names a
    subject ("Robustness", "Deep Generative Models"); None for a heading that only says
    where the passage is ("Day 5 - Workshops", "Papers I Liked")."""
    if not section:
        return None
    heading = _BRACKETED.sub("", squash(section[-1]))
    heading = _TRAILING_NUMBER.sub("", _NUMBERED.sub("", heading)).strip(" -–—:")
    if not any(word not in _GENERIC_WORDS and not word.isdigit() for word in words(heading)):
        return None
    return heading
