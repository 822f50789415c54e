"""Plain text with bare-line headings and bullet lines -> Blocks."""

from __future__ import annotations

import re

from bot.corpus.blocks import Block, fold_space, make_link, text_arxiv_links
from bot.corpus.bylines import split_names
from bot.corpus.cleaning import strip_markup_leftovers
from bot.models import Link

_BULLET = re.compile(r"^\s*(?:[•·◦‣▪●*\-–+]|\d{1,2}[.)]|[a-z][.)])\s+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+|\b[\w-]+\.(?:com|org|net|io|ai|cc)/\S*")
# "Code: https://...", "Results on: ...", "Site: example.edu": labelled lines, not headings.
_LABEL = re.compile(
    r"^(?:code|site|paper|slides|video|link|links|results?(?: on)?|examples?(?: on)?|github|"
    r"source|website|blog|demo|tl;?dr|note|update|edit|project page|poster|arxiv)\s*:",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|ai|cc|edu|gov|me|dev|co|uk|de)\b")
_DAY = re.compile(r"^(?:day|week)\s*\d+\b", re.IGNORECASE)
# "Session 2 - Generative Models", "Session: Optimization", "Track 3": containers of talks.
# A bare "Workshops" or "Keynotes" is a topic heading like any other.
_SESSION = re.compile(
    r"^(?:session|track|part|workshop|tutorial|poster session|oral session)s?\s*(?:\d+|[:\-–])",
    re.IGNORECASE,
)
_SMALL_WORDS = frozenset(
    "a an and as at by for from in into of on or the to vs via with without".split()
)


def text_blocks(text: str) -> list[Block]:
    """Split plain text into headings, paragraphs and list items."""
    groups = _header_lines_apart(_paragraph_groups(text))
    blocks: list[Block] = []
    structured = False
    for index, lines in enumerate(groups):
        followed = index + 1 < len(groups)
        lines = _underlined_heading(lines)
        heading = _NUMBERING.sub("", lines[0], count=1) if len(lines) == 1 else ""
        if followed and heading and looks_like_heading(heading):
            level, structural = _heading_level(heading, structured)
            structured = structured or structural
            blocks.append(Block("heading", fold_space(heading), level=level))
            continue
        for part in _split_at_list_headings(lines):
            if isinstance(part, str):
                level, structural = _heading_level(part, structured)
                structured = structured or structural
                blocks.append(Block("heading", fold_space(part), level=level))
            else:
                blocks.extend(_group_blocks(part))
    return blocks


_HEADER_FIELD = re.compile(
    r"^\s*(?:from|to|cc|date|subject|author|authors|by|posted|published|updated|tags|"
    r"categories|event|venue|location|where|when|conference)\s*:",
    re.IGNORECASE,
)


def _header_lines_apart(groups: list[list[str]]) -> list[list[str]]:
    """The top of a report ('NIPS 2017 TRIP REPORT' / 'Long Beach, CA' / 'Dec 10, 2017' /
    'Rahul Mehta') and e-mail style 'Key: value' lines are one line each, not a paragraph."""
    out: list[list[str]] = []
    for index, lines in enumerate(groups):
        short = all(len(line.strip()) < 70 and not line.rstrip().endswith(".") for line in lines)
        short = short and not any(_UNDERLINE.match(line) for line in lines)  # "===" titles
        fields = sum(1 for line in lines if _HEADER_FIELD.match(line))
        if len(lines) > 1 and ((index == 0 and short) or fields == len(lines)):
            out.extend([line] for line in lines)
        else:
            out.append(lines)
    return out


def _split_at_list_headings(lines: list[str]) -> list[str | list[str]]:
    """Notes often put a heading straight above its bullets, with no blank line:
    'Session: Optimization' then '- ...' lines. Such a line becomes a heading (a str)."""
    parts: list[str | list[str]] = []
    current: list[str] = []
    for index, line in enumerate(lines):
        next_is_bullet = index + 1 < len(lines) and bool(_BULLET.match(lines[index + 1]))
        if next_is_bullet and not _BULLET.match(line) and looks_like_heading(line):
            if current:
                parts.append(current)
                current = []
            parts.append(line)
        else:
            current.append(line)
    if current:
        parts.append(current)
    return parts


# Link shorteners and thread readers carry nothing a reader can use.
_SHORT_LINK = re.compile(r"https?://(?:t\.co|bit\.ly|buff\.ly|ow\.ly|threadreaderapp\.com)/\S*")
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.)\s+(?=[A-Z])")
_UNDERLINE = re.compile(r"^\s*(?:={3,}|-{3,}|~{3,}|\*{3,})\s*$")


def _underlined_heading(lines: list[str]) -> list[str]:
    """'Highlights' over a line of '=' or '-' (and under one, in reStructuredText) is a
    heading: drop the rules."""
    if len(lines) == 3 and _UNDERLINE.match(lines[0]) and _UNDERLINE.match(lines[2]):
        return [lines[1]]
    if len(lines) == 2 and _UNDERLINE.match(lines[1]) and not _UNDERLINE.match(lines[0]):
        return [lines[0]]
    return [line for line in lines if not _UNDERLINE.match(line)] or lines


# "Page 2 of 5", "- 3 -", and running headers that end in a page number (PDF exports).
_PAGE_LINE = re.compile(
    r"(?:^|\s)page\s+\d+\s+(?:of|/)\s+\d+\s*$|^\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$", re.I
)
_DIRECTIVE = re.compile(r"^\s*\.\.\s+[\w-]+::\s*$|^\s*\.\.\s+(?:contents|toctree)::")
_FIELD = re.compile(r"^:(\w+):\s+")  # reStructuredText ":Author: Name"
_TWEET_NUMBER = re.compile(r"^\s*\d{1,3}/\d{0,3}\s+(?=\S)")  # "3/ ..." in a thread export
_WRAP_HYPHEN = re.compile(r"(?<=[a-z])-\n(?=[a-z])")


def _dehyphenate(text: str) -> str:
    """Join words a hard wrap split ('repre-' / 'sentation'), keeping real compounds
    ('state-of-' / 'the-art') whose first part already has a hyphen."""

    def join(match: re.Match[str]) -> str:
        line_start = text.rfind("\n", 0, match.start()) + 1
        word = (
            text[line_start : match.start()].rsplit(maxsplit=1)[-1]
            if text[line_start : match.start()].strip()
            else ""
        )
        return "-" if "-" in word else ""

    return _WRAP_HYPHEN.sub(join, text)


def _paragraph_groups(text: str) -> list[list[str]]:
    """Runs of non-blank lines; in text written one paragraph per line, each line alone."""
    groups: list[list[str]] = []
    current: list[str] = []
    text = _dehyphenate(text.replace("\f", "\n"))
    for line in text.split("\n"):
        if _PAGE_LINE.search(line) or _DIRECTIVE.match(line):
            continue  # page furniture of a PDF export; reStructuredText directive markers
        line = _FIELD.sub(r"\1: ", _TWEET_NUMBER.sub("", line))
        if line.strip():
            current.append(line.rstrip())
        elif current:
            groups.extend(_unwrapped(current))
            current = []
    if current:
        groups.extend(_unwrapped(current))
    return groups


_WRAPPED_WIDTH = 200


def _unwrapped(lines: list[str]) -> list[list[str]]:
    """Hard-wrapped prose keeps its lines together; lines longer than any wrap width are
    whole paragraphs (text copied from a web page), so headings between them stand alone."""
    if len(lines) > 1 and max(len(line) for line in lines) > _WRAPPED_WIDTH:
        return [[line] for line in lines]
    return [lines]


def looks_like_heading(line: str) -> bool:
    """A bare line that reads as a heading: short, no closing punctuation, not a bullet."""
    stripped = fold_space(line)
    words = stripped.split()
    if not stripped or len(stripped) > 120 or len(words) > 16 or _BULLET.match(line):
        return False
    if (
        stripped[-1] in ".,;:!"
        or _URL.search(stripped)
        or "|" in stripped
        or _LABEL.match(stripped)
    ):
        return False
    if "->" in stripped or "→" in stripped or _DOMAIN.search(stripped):
        return False
    if _HEADER_FIELD.match(stripped):
        return False  # "Author: Lukas Hoffmann" is a byline, not a section
    if re.search(r"[a-z)]\.\s+[A-Z(]", stripped) or _author_line(stripped):
        return False  # two sentences, or a list of people ("Ramamoorthi, Barron, Ng")
    if not (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "“\"'"):
        return False
    if stripped.endswith("?") and title_case_ratio(stripped) < 0.5:
        return False
    # A comma in a heading is fine in "Fairness, Accountability and Safety", not in a sentence.
    return not ("," in stripped and title_case_ratio(stripped) < 0.6)


def _author_line(line: str) -> bool:
    """'Michael Laskin, Pieter Abbeel, Aravind Srinivas' or 'Ramamoorthi, Barron, Ng'."""
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", line)]
    if len(parts) < 2 or not all(parts):
        return False
    names = [p.split() for p in parts]
    if not all(1 <= len(words) <= 4 for words in names):
        return False
    people = split_names(line)
    single_surnames = len(parts) >= 3 and all(
        len(words) == 1 and words[0][:1].isupper() and words[0][1:].islower() for words in names
    )
    return bool(people and len(people) >= 2) or single_surnames


def title_case_ratio(text: str, small_words: frozenset[str] = _SMALL_WORDS) -> float:
    """Share of significant words (not in ``small_words``) that start with a capital or digit."""
    words = [w.strip("“”\"'()[]:,-–") for w in text.split()]
    significant = [w for w in words if w and w.lower() not in small_words]
    if not significant:
        return 0.0
    capital = sum(1 for w in significant if w[0].isupper() or w[0].isdigit())
    return capital / len(significant)


def _heading_level(line: str, structured: bool) -> tuple[int, bool]:
    """Day/week lines are level 1, session lines 2, other headings 3 under them, else 2."""
    if _DAY.match(line.strip()):
        return 1, True
    if _SESSION.match(line.strip()):
        return 2, True
    return (3 if structured else 2), False


def _group_blocks(lines: list[str]) -> list[Block]:
    """A paragraph group: running lines become one paragraph, bullet lines become items."""
    blocks: list[Block] = []
    current: list[str] = []
    kind = "para"

    def flush() -> None:
        if current:
            blocks.append(text_block(kind, " ".join(current)))

    for line in lines:
        bullet = _BULLET.match(line)
        if bullet:
            flush()
            current = [line[bullet.end() :]]
            kind = "item"
        else:
            current.append(line.strip())
    flush()
    return [b for b in blocks if b.text]


def text_block(kind: str, raw: str) -> Block:
    """A Block from a line of plain text, with bare URLs turned into links."""
    raw = _EMPHASIS.sub(r"\1", _SHORT_LINK.sub("", raw.replace("``", "")))
    text = fold_space(strip_markup_leftovers(raw))
    links: list[Link] = []
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:")
        if not url.startswith("http"):
            url = "https://" + url
        links.append(make_link(url, url))
    links.extend(text_arxiv_links(text, links))  # "arXiv 1802.05957", "arXiv:1802.05957"
    return Block(
        "item" if kind == "item" else "para", text, level=1 if kind == "item" else 0, links=links
    )
