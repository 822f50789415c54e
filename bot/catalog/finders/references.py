"""Works named by reference-list entries ("Howard and Ruder. 2018. Universal ...")."""

from __future__ import annotations

import re

from bot.catalog.authors import plausible_authors
from bot.catalog.found import Candidate
from bot.models import Snippet

# A reference list entry: "Jeremy Howard and Sebastian Ruder. 2018. Universal Language Model
# Fine-tuning for Text Classification. In Proceedings of ACL." (ACL style) or "Howard, J., &
# Ruder, S. (2018). Universal Language Model Fine-tuning ... . In ..." (APA style).
_REFERENCE = re.compile(
    r"(?P<authors>[A-ZÀ-Þ][^.()]{1,300}?(?:\.[^.()]{1,40}?){0,6}?)"
    r"(?:\.\s+|\s+\()(?P<year>(?:19|20)\d{2})[a-z]?\)?\.\s+"
    r"(?P<title>[^\s].{6,300}?[^.\s])[.?!]\s+"
    r"(?=In\b|\*?Proceedings|Advances|Journal|Transactions|arXiv|CoRR|\*|[A-Z]{3,}|\d|$)"
)


def from_references(snippet: Snippet) -> list[Candidate]:
    """Titles and authors from a reference list; the authors also serve as a short name
    ('Howard and Ruder'), which is how the body of such a report cites the work."""
    out = []
    text = snippet.text
    for match in _REFERENCE.finditer(text):
        people = _reference_authors(match.group("authors"))
        title = match.group("title").strip()
        if not people or len(title.split()) < 2:
            continue
        candidate = Candidate(title, snippet, "reference", authors=people, at=match.start("title"))
        candidate.aliases.append(citation_name(people))
        out.append(candidate)
    return out


def _reference_authors(text: str) -> list[str]:
    """'Jeremy Howard and Sebastian Ruder' or 'Howard, J., & Ruder, S.' -> full names. The
    match may start inside the previous entry ('In Proceedings of ACL, pages 1-9. Jeremy
    Howard and ...'): the names are the last sentence-like part that parses as names."""
    pieces = re.split(r"(?<=[^A-Z])\.\s+", text)
    for start in range(len(pieces)):
        people = names_from_reference(" ".join(pieces[start:]))
        if people:
            return people
    return []


def names_from_reference(text: str) -> list[str]:
    text = text.strip(" ,;")
    apa = re.findall(r"([A-ZÀ-Þ][\w'’-]+),\s+((?:[A-Z]\.\s?)+)", text)
    if apa:
        return [f"{initials.strip()} {surname}" for surname, initials in apa]
    names = plausible_authors(text)
    return names or []


def citation_name(people: list[str]) -> str:
    """How a body text cites the work: 'Howard and Ruder', 'Khandelwal et al.'."""
    suffixes = {"Jr.", "Jr", "Sr.", "II", "III", "IV"}
    surnames = [[w for w in name.split() if w not in suffixes][-1] for name in people]
    if len(surnames) == 1:
        return surnames[0]
    if len(surnames) == 2:
        return f"{surnames[0]} and {surnames[1]}"
    return f"{surnames[0]} et al."
