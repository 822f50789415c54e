"""Works named at the head of a list item: 'Title: [Video], [Poster], [slides]' or
'Title — short note'. A title-cased run that opens a block and ends at a colon names the work
the block lists resources or a remark for."""

from __future__ import annotations

import re

from bot.catalog.authors import authors_after
from bot.catalog.found import Candidate
from bot.catalog.words import title_case_ratio
from bot.models import Snippet

_BY = re.compile(r",?\s+by\s+|\s+\((?=[A-Z])|\s+[-–—]\s+(?=[A-Z])")
_LEAD = re.compile(r"(?P<title>[A-Z][^:\n]{8,200}?)\s{0,2}:\s")
_FIRST_PERSON = re.compile(r"(?:I|We|My|Our)\b")
_SENTENCE_INSIDE = re.compile(r"[a-z][.!?][\"“”’']?\s")
_MIN_WORDS = 3
_TITLE_CASE = 0.6
_SHORT_REST = 80
_STRONG_WORDS = 4  # a lead with a short remark after it must read as a title by itself
_STRONG_CASE = 0.75


def _without_authors(title: str) -> str:
    """'Weight Agnostic Neural Networks by Gaier and Ha' -> the title alone."""
    for by in _BY.finditer(title):
        if authors_after(title, by.start()):
            return title[: by.start()].strip(" ,")
    return title


def from_leads(snippet: Snippet) -> list[Candidate]:
    """A title at the head of a block whose rest is resource links or a short remark."""
    found = []
    for part in snippet.parts:
        if part.kind not in {"item", "para"}:
            continue
        match = _LEAD.match(snippet.text, part.start, part.end)
        if match is None:
            continue
        title = _without_authors(match.group("title").strip())
        if _SENTENCE_INSIDE.search(title):
            continue  # 'Optimisers. "Lookahead Optimizer: ...': a sentence, then the title
        if len(title.split()) < _MIN_WORDS or title_case_ratio(title) < _TITLE_CASE:
            continue
        if _FIRST_PERSON.match(title) or any(
            s.kind == "link" and match.start() <= s.start < match.end() for s in snippet.spans
        ):
            continue  # "I liked [Title](url): ..." - the link names the work
        rest_start = match.end()
        linked = any(s.kind == "link" and rest_start <= s.start < part.end for s in snippet.spans)
        strong = len(title.split()) >= _STRONG_WORDS and title_case_ratio(title) >= _STRONG_CASE
        if linked or (strong and part.end - rest_start <= _SHORT_REST):
            found.append(Candidate(title, snippet, "cued", at=match.start("title")))
    return found
