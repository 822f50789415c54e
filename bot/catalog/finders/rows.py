"""Works named by table rows: a title cell, and the authors in another cell."""

from __future__ import annotations

from bot.catalog.authors import plausible_authors
from bot.catalog.found import Candidate
from bot.catalog.words import looks_coined, looks_titled
from bot.documents.people import is_person_name
from bot.models import Snippet

_MAX_TITLE_WORDS = 25


def from_rows(snippet: Snippet) -> list[Candidate]:
    """'| Title | Authors | Notes |' rows: the first cell that reads as a title."""
    found = []
    for part in snippet.parts:
        if part.kind != "row" or len(part.cells) < 2:
            continue
        title = part.cells[0].strip(" *_")
        words = title.split()
        if not words or len(words) > _MAX_TITLE_WORDS or is_person_name(title):
            continue
        if not (looks_titled(title) or any(looks_coined(w) for w in words)):
            continue
        at = snippet.text.find(title, part.start)
        candidate = Candidate(title, snippet, "row", at=at)
        for cell in part.cells[1:]:
            people = plausible_authors(cell.strip())
            if people:
                candidate.authors = people
                break
        found.append(candidate)
    return found
