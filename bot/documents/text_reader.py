"""Plain text -> Document: bare-line headings, bullet lines, paragraphs.

No parser knows plain-text notes, so this reader keeps the heuristics such notes need: a
short line between blank lines is a heading ("Pruning and Sparsity"), "Day 2" and "Session 3"
lines are containers of talks, underlined lines are headings, "•", "-" and "1." open list
items, hard-wrapped lines are one paragraph, PDF page furniture is dropped. ``**bold**`` is
read as strong text, as people write it in text too.
"""

from __future__ import annotations

import re

from bot.documents.builder import DocumentBuilder
from bot.documents.inline import InlineText
from bot.documents.metadata import person_names
from bot.documents.model import Document, Meta

_BULLET = re.compile(r"^\s{0,12}(?:[•·◦‣▪●*\-–+]|\d{1,2}[.)]|[a-z][.)])\s{1,8}")
_URL = re.compile(
    r"(?:https?://|www\.)\S{1,2000}|\b[\w-]{1,60}\.(?:com|org|net|io|ai|cc)/\S{0,2000}"
)
# "Code: https://...", "Results on: ...": labelled lines, not headings.
_LABEL = re.compile(
    r"^(?:code|site|paper|slides|video|link|links|results?(?: on)?|examples?(?: on)?|github|"
    r"source|website|blog|demo|tl;?dr|note|update|edit|project page|poster|arxiv|"
    r"follow[- ]?up(?: read(?:ing)?)?|further reading|see also|related(?: work| papers?)?|"
    r"read(?:ing)?|references?)\s{0,3}:",
    re.IGNORECASE,
)
_DOMAIN = re.compile(
    r"\b[\w-]{1,60}(?:\.[\w-]{1,60}){0,5}\.(?:com|org|net|io|ai|cc|edu|gov|me|dev|co|uk|de)\b"
)
_PAPER_ID = re.compile(r"\barxiv:\s{0,2}\d{4}\.\d{4,5}|\bdoi:\s{0,2}10\.\d", re.IGNORECASE)
_DASH_SPLIT = re.compile(r"\s{1,4}(?:--|—|–)\s{1,4}")
_DAY = re.compile(r"^(?:day|week)\s{0,3}\d{1,3}\b", re.IGNORECASE)
# "Session 2 - Generative Models", "Track 3": containers of talks.
_SESSION = re.compile(
    r"^(?:session|track|part|workshop|tutorial|poster session|oral session)s?\s{0,3}(?:\d{1,3}|[:\-–])",
    re.IGNORECASE,
)
_TALK_HEADING = re.compile(
    r"^(?:invited\s+talk|keynote|plenary|tutorial|test[- ]of[- ]time)\b", re.IGNORECASE
)
_SMALL_WORDS = frozenset(
    "a an and as at by for from in into of on or the to vs via with without".split()
)
_HEADER_FIELD = re.compile(
    r"^\s{0,8}(?:from|to|cc|date|subject|author|authors|by|posted|published|updated|tags|"
    r"categories|event|venue|location|where|when|conference)\s{0,3}:",
    re.IGNORECASE,
)
_SHORT_LINK = re.compile(
    r"https?://(?:t\.co|bit\.ly|buff\.ly|ow\.ly|threadreaderapp\.com)/\S{0,200}"
)
_STRONG = re.compile(r"\*\*([^*\n]{1,300})\*\*|__([^_\n]{1,300})__")
_NUMBERING = re.compile(r"^\s{0,8}(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,4}\.)\s{1,4}(?=[A-Z])")
_UNDERLINE = re.compile(r"^\s{0,8}(?:={3,}|-{3,}|~{3,}|\*{3,})\s{0,8}$")
# "Page 2 of 5", "- 3 -", and running headers that end in a page number (PDF exports).
_PAGE_LINE = re.compile(r"\bpage\s{1,4}\d{1,4}\s{1,4}(?:of|/)\s{1,4}\d{1,4}\s{0,8}$", re.I)
_PAGE_NUMBER = re.compile(r"^\s{0,40}[-–]?\s{0,4}\d{1,3}\s{0,4}[-–]?\s{0,40}$")
_TWEET_NUMBER = re.compile(r"^\s{0,8}\d{1,3}/\d{0,3}\s{1,8}(?=\S)")  # "3/ ..." in a thread
_WRAP_HYPHEN = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_WRAPPED_WIDTH = 200
_TITLE_WORDS = 6
_AUTHOR_SPLIT = re.compile(r",\s{0,4}(?:and\s{1,4})?|\s{1,4}and\s{1,4}|\s{0,4}&\s{0,4}")


def read_text(text: str, form: str = "text") -> Document:
    """Read plain-text notes into a Document."""
    out = DocumentBuilder(form)
    groups = _header_lines_apart(_paragraph_groups(text))
    levels = _Levels()
    for index, lines in enumerate(groups):
        followed = index + 1 < len(groups)
        lines = _underlined_heading(lines)
        heading = _NUMBERING.sub("", lines[0], count=1) if len(lines) == 1 else ""
        if followed and heading and looks_like_heading(heading):
            out.add("heading", heading, level=levels.of(heading))
            continue
        for part in _split_at_list_headings(lines):
            if isinstance(part, str):
                out.add("heading", part, level=levels.of(part))
            else:
                _add_group(out, part)
    return out.finish(Meta())


class _Levels:
    """Heading levels plain text does not write: Day/week lines are level 1, session lines
    2, other headings 3 under them (else 2), and the short headings after an invited talk's
    are the talk's own sections, one level down, until the next day, session or talk, or a
    heading long enough to title a work of its own."""

    def __init__(self) -> None:
        self.structured = False
        self.talk: int | None = None

    def of(self, line: str) -> int:
        level, structural = _heading_level(line, self.structured)
        self.structured = self.structured or structural
        if structural:
            self.talk = None
        elif _TALK_HEADING.match(line.strip()):
            self.talk = level
        elif self.talk is not None and not reads_like_a_title(line):
            return self.talk + 1
        else:
            self.talk = None
        return level


def reads_like_a_title(line: str) -> bool:
    """Six or more title-cased words, or a title with a colon: a work's name, where a talk's
    own sections are short phrases ('Continuous Control and Parkour')."""
    words = line.split()
    if ":" in line and len(words) >= 3:
        return True
    return len(words) >= _TITLE_WORDS and title_case_ratio(line) >= 0.75


def _header_lines_apart(groups: list[list[str]]) -> list[list[str]]:
    """The top of a report ('NIPS 2017 TRIP REPORT' / 'Long Beach, CA' / 'Dec 10, 2017') and
    'Key: value' lines are one line each, not a paragraph."""
    out: list[list[str]] = []
    for index, lines in enumerate(groups):
        text_lines = [line for line in lines if not _UNDERLINE.match(line)]
        short = all(
            len(line.strip()) < 70 and not line.rstrip().endswith(".") for line in text_lines
        )
        # "Title / Name, date / =====": a title block underlined as a whole is header lines too.
        underlined_block = len(text_lines) >= 2 and bool(_UNDERLINE.match(lines[-1]))
        short = short and (underlined_block or len(text_lines) == len(lines))
        fields = sum(1 for line in lines if _HEADER_FIELD.match(line))
        if len(lines) > 1 and ((index == 0 and short) or fields == len(lines)):
            out.extend([line] for line in text_lines)
        else:
            out.append(lines)
    return out


def _split_at_list_headings(lines: list[str]) -> list[str | list[str]]:
    """A heading line straight above its bullets, with no blank line between."""
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


def _underlined_heading(lines: list[str]) -> list[str]:
    """'Highlights' over (and under) a line of '=' or '-' is a heading: drop the rules."""
    if len(lines) == 3 and _UNDERLINE.match(lines[0]) and _UNDERLINE.match(lines[2]):
        return [lines[1]]
    if len(lines) == 2 and _UNDERLINE.match(lines[1]) and not _UNDERLINE.match(lines[0]):
        return [lines[0]]
    return [line for line in lines if not _UNDERLINE.match(line)] or lines


def _dehyphenate(text: str) -> str:
    """Join words a hard wrap split ('repre-' / 'sentation'), keeping real compounds
    ('state-of-' / 'the-art') whose first part already has a hyphen."""

    def join(match: re.Match[str]) -> str:
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[max(line_start, match.start() - 60) : match.start()]
        word = before.rsplit(maxsplit=1)[-1] if before.strip() else ""
        return "-" if "-" in word else ""

    return _WRAP_HYPHEN.sub(join, text)


def _paragraph_groups(text: str) -> list[list[str]]:
    """Runs of non-blank lines; in text written one paragraph per line, each line alone."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in _dehyphenate(text.replace("\f", "\n")).split("\n"):
        if _PAGE_LINE.search(line[-80:]) or _PAGE_NUMBER.match(line):
            continue  # page furniture of a PDF export
        line = _TWEET_NUMBER.sub("", line)
        if line.strip():
            current.append(line.rstrip())
        elif current:
            groups.extend(_unwrapped(current))
            current = []
    if current:
        groups.extend(_unwrapped(current))
    return groups


def _unwrapped(lines: list[str]) -> list[list[str]]:
    """Hard-wrapped prose keeps its lines together; lines longer than any wrap width are
    whole paragraphs (text copied from a web page), so headings between them stand alone."""
    if len(lines) > 1 and max(len(line) for line in lines) > _WRAPPED_WIDTH:
        return [[line] for line in lines]
    return [lines]


def looks_like_heading(line: str) -> bool:
    """A bare line that reads as a heading: short, no closing punctuation, not a bullet."""
    stripped = " ".join(line.split()[:20])
    words = stripped.split()
    if not stripped or len(line.strip()) > 120 or len(words) > 16 or _BULLET.match(line):
        return False
    last = stripped.rstrip("”’\"' ")[-1:]  # 'Follow up read: “Title.”' ends a sentence
    if last in {"", ".", ",", ";", ":", "!"} or _URL.search(stripped) or "|" in stripped:
        return False
    if _LABEL.match(stripped) or _HEADER_FIELD.match(stripped):
        return False
    if "->" in stripped or "→" in stripped or _DOMAIN.search(stripped):
        return False
    if _PAPER_ID.search(stripped):
        return False  # "Shaw, Uszkoreit, Vaswani -- arXiv:1803.02155": a reference line
    people = _DASH_SPLIT.split(stripped, maxsplit=1)[0]
    if re.search(r"[a-z)]\.\s+[A-Z(]", stripped) or _author_line(people):
        return False  # two sentences, or a list of people ("Ramamoorthi, Barron, Ng")
    if not (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "“\"'"):
        return False
    if stripped.endswith("?") and title_case_ratio(stripped) < 0.5:
        return False
    # A comma in a heading is fine in "Fairness, Accountability and Safety", not in a sentence.
    return not ("," in stripped and title_case_ratio(stripped) < 0.6)


def _author_line(line: str) -> bool:
    """'Michael Laskin, Pieter Abbeel, Aravind Srinivas' or 'Ramamoorthi, Barron, Ng'."""
    if ":" in line:
        return False  # "McGan: Mean and Covariance Feature Matching GAN" is a title
    parts = [p.strip() for p in _AUTHOR_SPLIT.split(line)]
    if len(parts) < 2 or not all(parts):
        return False
    names = [p.split() for p in parts]
    if not all(1 <= len(words) <= 4 for words in names):
        return False
    single_surnames = len(parts) >= 3 and all(
        len(words) == 1 and words[0][:1].isupper() and words[0][1:].islower() for words in names
    )
    people = person_names(line)
    full_names = sum(1 for p in people if len(p.split()) >= 2 and _capitalised(p))
    return full_names >= 2 or single_surnames


def _capitalised(name: str) -> bool:
    return all(
        w[:1].isupper() or w in {"de", "van", "von", "der", "da", "di"} for w in name.split()
    )


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


def _add_group(out: DocumentBuilder, lines: list[str]) -> None:
    """A paragraph group: running lines become one paragraph, bullet lines become items."""
    current: list[str] = []
    kind = "para"
    for line in lines:
        bullet = _BULLET.match(line)
        if bullet:
            _add_line_block(out, kind, current)
            current, kind = [line[bullet.end() :]], "item"
        else:
            current.append(line.strip())
    _add_line_block(out, kind, current)


def _add_line_block(out: DocumentBuilder, kind: str, lines: list[str]) -> None:
    if not lines:
        return
    raw = _SHORT_LINK.sub("", " ".join(lines).replace("``", ""))
    text = InlineText()
    at = 0
    for match in _STRONG.finditer(raw):
        text.text(raw[at : match.start()])
        text.open("strong")
        text.text(match.group(1) or match.group(2))
        text.close("strong")
        at = match.end()
    text.text(raw[at:])
    out.add("item" if kind == "item" else "para", text, level=1 if kind == "item" else 0)
