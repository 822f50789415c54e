"""Works named by bibliography entries and the citations that point at them.

A reference entry is a block the reader marked as one (a LaTeX ``\\bibitem``, a
reStructuredText citation, citeproc's output, the items under a "References" heading). Its
title is the quoted part when it has one ("Attention is all you need"), else the sentence
after the authors (and the year, when the year comes second: "Frankle and Carbin. 2019. The
Lottery Ticket Hypothesis. ICLR."). A citation (``\\cite{key}``, ``[Key]_``) names the entry
with that key where it stands in the text, so the passage around it is about that work.
"""

from __future__ import annotations

import re

from bot.catalog.authors import plausible_authors
from bot.catalog.finders.references import citation_name, names_from_reference
from bot.catalog.found import Candidate
from bot.catalog.words import title_case_ratio
from bot.models import Snippet

# Sentence-like pieces of an entry: split at ". " that does not end an initial ("J. Smith").
_PIECE_END = re.compile(r"(?<![\s.][A-Z])(?<!\bal)(?<!\bet)[.?!]\s+(?=\S)")
_YEAR = re.compile(r"^\(?(?:19|20)\d{2}[a-z]?\)?[.,]?$")
_VENUE = re.compile(
    r"^(?:In\b|Proceedings|Proc\.|Advances|Journal|Transactions|arXiv|CoRR|Preprint|"
    r"(?:NeurIPS|NIPS|ICML|ICLR|ACL|EMNLP|NAACL|CVPR|ICCV|ECCV|AAAI|IJCAI|KDD|COLING)\b)",
    re.IGNORECASE,
)
_TRAILING_VENUE = re.compile(
    r",?\s*(?:In\s+)?(?:Proc\.\s+|Proceedings of\s+)?(?:the\s+)?"
    r"(?:NeurIPS|NIPS|ICML|ICLR|ACL|EMNLP|NAACL|CVPR|ICCV|ECCV|AAAI|IJCAI|KDD|COLING)"
    r"(?:[-\s]?(?:19|20)?\d{2})?\.?$"
)
_INITIALS_FIRST = re.compile(r"^(?:[A-Z]\.\s?){1,3}[A-Z][\w'’-]")
_CHICAGO_FIRST = re.compile(
    r"^(?P<family>[A-Z][\w'’-]+),\s(?P<given>[A-Z][a-z][\w'’-]*(?:\s[A-Z]\.)?)(?=,|\s+and\b|$)"
)
_NUMBERED = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)])\s+")


def from_entries(snippet: Snippet) -> list[Candidate]:
    """A candidate for each reference entry part of the snippet (keyed when it has a key)."""
    found = []
    for part in snippet.parts:
        if part.kind != "reference":
            continue
        candidate = entry_candidate(snippet, part.start, part.end, part.key)
        if candidate is not None:
            found.append(candidate)
    return found


def entry_candidate(snippet: Snippet, start: int, end: int, key: str) -> Candidate | None:
    """The work a reference entry describes: its title, authors and citation name."""
    text = snippet.text[start:end]
    numbered = _NUMBERED.match(text)
    offset = start + (numbered.end() if numbered else 0)
    text = snippet.text[offset:end]
    quoted = [s for s in snippet.spans if s.kind == "quoted" and offset <= s.start < end]
    if quoted:
        title = snippet.text[quoted[0].start : quoted[0].end].strip(" ,.")
        authors = entry_authors(snippet.text[offset : quoted[0].start].strip(' ,“"'))
        at = quoted[0].start
    else:
        title, authors, at = _title_after_authors(text, offset)
    title = _TRAILING_VENUE.sub("", title).strip(" ,.")
    if not title or len(title.split()) < 2:
        return None
    candidate = Candidate(title, snippet, "reference", authors=authors, at=at)
    candidate.key = key
    if authors:
        candidate.aliases.append(citation_name(authors))
    return candidate


def entry_authors(text: str) -> list[str]:
    """'R. T. Q. Chen, Y. Rubanova and D. Duvenaud', 'Chen, R. T. Q., & Rubanova, Y.',
    'Jonathan Frankle and Michael Carbin', 'A. Vaswani et al.' -> the names."""
    text = text.strip(" ,;")
    if _INITIALS_FIRST.match(text):
        return plausible_authors(text) or []
    chicago = _CHICAGO_FIRST.match(text)
    if chicago:  # "Frankle, Jonathan, and Michael Carbin": the first name comes second
        rest = text[chicago.end() :].strip(" ,")
        first = f"{chicago.group('given')} {chicago.group('family')}"
        return [first, *(plausible_authors(rest.removeprefix("and ")) or [])] if rest else [first]
    return names_from_reference(text)


def from_citations(snippet: Snippet) -> list[Candidate]:
    """A citation names the entry with its key where it stands in the text."""
    found = []
    for span in snippet.spans:
        if span.kind == "cite" and span.target.strip():
            for key in span.target.split():  # "[1, 3]" names two works
                candidate = Candidate(None, snippet, "cite", at=span.start)
                candidate.key = key
                found.append(candidate)
    return found


def _title_after_authors(text: str, offset: int) -> tuple[str, list[str], int]:
    """'R. Chen, Y. Rubanova. Neural ODEs. NeurIPS 2018.' -> ('Neural ODEs', [...], at)."""
    pieces: list[tuple[int, str]] = []
    at = 0
    for match in _PIECE_END.finditer(text):
        pieces.append((at, text[at : match.start()]))
        at = match.end()
    pieces.append((at, text[at:].rstrip(". ")))
    authors: list[str] = []
    for index, (position, piece) in enumerate(pieces):
        if not authors:
            authors = entry_authors(piece)
            if authors:
                continue
        if _YEAR.match(piece.strip()) or not piece.strip():
            continue
        if _VENUE.match(piece.strip()) and index:
            break
        if authors or title_case_ratio(piece) >= 0.5 or index:
            return piece.strip(), authors, offset + position
    return "", authors, offset
