"""Bylines, author bios and sign-offs: who wrote a report, and lines that are not highlights."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from bot.corpus.cleaning import has_email, is_boilerplate
from bot.corpus.metadata import find_date
from bot.documents import Block
from bot.documents.people import is_person_name, split_names

_BY = re.compile(
    r"^(?:by|written by|posted by|maintained by|notes by|compiled by|author[s]?:?|words by|"
    r"from:)\s{0,4}(?P<names>.{1,300})$",
    re.I,
)
# "Author: X" or "Maintained by **X**" anywhere in the opening lines of a report.
_STATED = re.compile(
    r"(?i:\b(?:written|posted|maintained|compiled|notes|words)\s+by|\bauthor(?:s|ed by)?\s{0,3}:)"
    r"\s{0,4}(?P<names>[A-Z][^\n,;:(|•·]{1,80})"
)
_PLACE_LINE = re.compile(
    r"^[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3},\s*[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}$"
)
_SUBJECT = re.compile(r"^(?:subject|title|re):\s*(?P<title>.+)$", re.IGNORECASE)
_AFFILIATION = re.compile(
    r"\b(?:group|lab|laboratory|university|institute|inc\.?|ltd|research|team|department|"
    r"school|college|center|centre|labs|ai|company)\b",
    re.IGNORECASE,
)
_JOINT = re.compile(
    r"^(?:a\s+)?(?:joint|guest)\s+(?:post|blog post|article)\s+(?:with|by)\s+(?P<names>.+)$", re.I
)
_POSTED = re.compile(r"^(?:posted|published|updated|date)\s*(?:on|:)?\s*(?P<date>.+)$", re.I)
_BIO = re.compile(
    r"^(?P<name>[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+)?\s+"
    r"(?:is|was|works|leads|has been)\s+(?:a|an|the|at|on|as)\b"
)


@dataclass(slots=True)
class Byline:
    """Authors and date read off a byline."""

    authors: list[str] = field(default_factory=list)
    published: date | None = None


def parse_byline(text: str) -> Byline | None:
    """Read a byline such as 'Inbar Naor | 16 May 2019 | Data Science' or 'Posted: 6 August
    2017'; None when the line is not one."""
    line = text.strip()
    if len(line) > 160:
        return None
    for pattern in (_BY, _JOINT):
        match = pattern.match(line)
        if match:
            return _names_and_date(match.group("names"))
    posted = _POSTED.match(line)
    if posted:
        published = find_date(posted.group("date"))
        return Byline(published=published) if published else None
    return _name_with_note(line) or _separated_byline(line)


def _name_with_note(line: str) -> Byline | None:
    """'Daniel Fischer, Robotics and ML Group' or 'Oskar Lindqvist, 14 Feb 2020'."""
    head, _, rest = line.partition(",")
    if not rest or not is_person_name(head.strip()):
        return None
    if _AFFILIATION.search(rest) and len(line) < 100:
        return Byline(authors=[head.strip()])
    when = find_date(rest) if len(line) < 80 else None
    return Byline(authors=[head.strip()], published=when) if when else None


def _separated_byline(line: str) -> Byline | None:
    """'Name | date | category' parts; a topic part is allowed after the author and a date."""
    parts = [p.strip() for p in re.split(r"\s*[|•·]\s*", line) if p.strip()]
    byline = Byline()
    long_parts = 0
    for part in parts:
        names = split_names(part)
        when = find_date(part)
        if names:
            byline.authors.extend(names)
        elif when:
            byline.published = when
        elif len(parts) == 1:
            return None  # a lone non-name line
        elif len(part.split()) > 3:
            long_parts += 1  # a topic line ("sequence labelling & evaluation") or prose
    if long_parts and not (byline.authors and byline.published and parts[0] in byline.authors):
        return None  # too long to be an org or category, unless the line opens with its author
    return byline if (byline.authors or byline.published) else None


def _names_and_date(text: str) -> Byline | None:
    """'Sam Doe, December 20, 2019' -> the names and the date, in either order; what follows
    them ('· filed under deep learning') is not a name."""
    text = re.sub(r"<[^<>]{0,200}>|\([^()]{0,200}@[^()]{0,200}\)", "", text)  # 'Name <x@y.org>'
    published = find_date(text)
    parts = [p.strip(" .") for p in re.split(r"\s*[,|•·]\s*|\s+on\s+", text) if p.strip(" .")]
    leading: list[str] = []
    for part in parts:
        if any(c.isdigit() for c in part) or find_date(part):
            continue
        if not split_names(part.removeprefix("and ")) and leading:
            break
        leading.append(part)
    names_text = ", ".join(leading)
    names = split_names(names_text.replace(", and ", " and ")) if names_text else None
    if not names and not published:
        return None
    return Byline(authors=names or [], published=published)


def stated_authors(blocks: list[Block]) -> list[str]:
    """Names given as the author in the opening blocks ('Author: X', 'Maintained by X')."""
    for block in blocks[:8]:
        match = _STATED.search(block.text[:600])
        if match:
            words = match.group("names").split()
            if block.text[match.end() : match.end() + 1] == ":":
                words = words[:-1]  # "Author: X Written: 2 July": 'Written' labels the next field
            for size in range(min(4, len(words)), 1, -1):  # the longest run that is a name
                candidate = " ".join(words[:size]).strip(" .")
                if is_person_name(candidate):
                    return [candidate]
    return []


def is_bio(text: str, authors: list[str]) -> bool:
    """An author bio: 'Inbar is a Data Scientist at Taboola who works on ...'."""
    match = _BIO.match(text.strip())
    if not match or len(text) > 400:
        return False
    first = match.group("name")
    return any(author.split()[0] == first for author in authors)


def take_preamble(blocks: list[Block], take_title: bool) -> tuple[str, Byline, list[Block]]:
    """Peel the title (for plain text), bylines, bios and boilerplate off the top of a report."""
    title = ""
    rest = list(blocks)
    subject = _SUBJECT.match(rest[0].text) if rest else None
    if take_title and subject:
        title = subject.group("title").strip()  # an e-mail: "Subject: AAAI-19 quick notes"
        rest.pop(0)
    elif take_title and rest and _title_like(rest[0]):
        title = rest.pop(0).text
    byline = Byline()
    while rest and len(rest) > 1:
        block = rest[0]
        found = parse_byline(block.text) if block.kind != "item" else None
        if not found and block.kind == "heading" and parse_byline(rest[1].text):
            rest.pop(0)  # a subtitle between the title and the byline (Medium)
            continue
        if not found and _PLACE_LINE.match(block.text):
            rest.pop(0)  # "Long Beach, CA" under the title
            continue
        if found:
            byline.authors.extend(a for a in found.authors if a not in byline.authors)
            byline.published = byline.published or found.published
        elif not (is_bio(block.text, byline.authors) or is_boilerplate(block.text)):
            break
        rest.pop(0)
    return title, byline, rest


def _title_like(block: Block) -> bool:
    if block.kind == "heading":
        return True
    text = block.text
    return (
        block.kind == "para"
        and len(text) <= 150
        and not text.endswith((".", ":"))
        and parse_byline(text) is None
    )


def is_signoff(block: Block) -> bool:
    """Lines that sign a report off: boilerplate, an author's e-mail, a 'Name • Org' byline."""
    text = block.text
    if is_boilerplate(text) or (has_email(text) and len(text) < 160):
        return True
    separated = "|" in text or "•" in text or bool(_BY.match(text) or _POSTED.match(text))
    return separated and block.kind != "heading" and parse_byline(text) is not None
