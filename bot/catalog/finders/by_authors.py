"""Works named as "Title, by Authors", "Title (Authors)", "Title - Authors"."""

from __future__ import annotations

import re

from bot.catalog.authors import ORG_TAIL, authors_after, plausible_authors
from bot.catalog.found import Candidate
from bot.catalog.words import looks_coined, title_case_ratio, title_start_before
from bot.documents.people import is_person_name
from bot.models import Snippet


def from_by_authors(snippet: Snippet) -> list[Candidate]:
    """'Comparing Rewinding and FineTuning in Neural Network Pruning, by Renda, Frankle and
    Carbin', 'Obfuscated Gradients Give a False Sense of Security by Anish Athalye, ...',
    'Sanity Checks for Saliency Maps (Adebayo et al.)'."""
    out = []
    text = snippet.text
    entries = [(p.start, p.end) for p in snippet.parts if p.kind == "reference"]
    for match in re.finditer(
        r",?\s{1,4}by\s{1,4}|\s{0,4}\((?=[A-ZÀ-Þ])|\s{1,4}[-–—]\s{1,4}(?=[A-ZÀ-Þ])", text
    ):
        if any(start <= match.start() < end for start, end in entries):
            continue  # a bibliography entry: the entry finder reads its authors and title
        found = authors_after(text, match.start())
        if not found:
            continue
        if text[: match.start()].endswith(("”", '"', "’")):
            continue  # a quoted title: the quote finder reads it whole
        head = _head_and_subtitle(text, match.start())
        start = title_start_before(text, match.start()) if head is None else head
        title = ORG_TAIL.sub("", text[start : match.start()].strip(" ,"))
        # Without a comma, "by" is often a verb phrase: only a clearly title-cased run counts.
        needed = 0.6 if match.group(0).strip() == "by" else 0.5
        cased = head is not None or title_case_ratio(title) >= needed
        # One coined word counts too: "MultiWOZ (Budzianowski et al.)".
        if title and ((len(title.split()) >= 2 and cased) or one_coined_word(title)):
            out.append(Candidate(title, snippet, "by-author", authors=found[0], at=start))
    return out


def one_coined_word(title: str | None) -> bool:
    """'MultiWOZ', 'StyleGAN2': a name of one coined word."""
    return bool(title) and len((title or "").split()) == 1 and looks_coined(title or "")


_SENTENCE_START = re.compile(r"(?:^|[.!?;]\s|\n)\s*")
_HEAD_SUBTITLE = re.compile(r"(?P<head>[A-Z][^.:;!?()]{1,80}):\s[^.:;!?()]{1,120}")


def _head_and_subtitle(text: str, end: int) -> int | None:
    """Where 'Lookahead Optimizer: k steps forward, 1 step back' starts when it opens the
    sentence before ``end``: a title-cased head, a colon, and a subtitle in lower case."""
    window = text[max(0, end - 220) : end]
    starts = [m.end() for m in _SENTENCE_START.finditer(window)]
    begin = starts[-1] if starts else 0
    match = _HEAD_SUBTITLE.fullmatch(window, begin)
    if match is None or title_case_ratio(match.group("head")) < 0.75:
        return None
    return max(0, end - 220) + begin


# "Self-Attention with Relative Position Representations Shaw, Uszkoreit, Vaswani --
# arXiv:1803.02155" (an affiliation in brackets may follow the names): a title line, its
# authors and the paper's id or page, run together in notes.
_REFERENCE_LINE = re.compile(
    r"(?P<body>[A-Z][^\n]{10,400}?)(?:\s{1,4}\([^()]{1,80}\))?\s{1,4}"
    r"(?:(?:--|—|–)\s{1,4}(?P<url>https?://\S{1,300})|(?:(?:--|—|–)\s{1,4})?"
    r"arxiv:\s{0,2}(?P<arxiv>\d{4}\.\d{4,5}))",
    re.IGNORECASE,
)
_NAME_WORDS = (3, 2, 1)  # words of the first author's name, longest tried first


def from_reference_lines(snippet: Snippet) -> list[Candidate]:
    """A block that opens 'Title Author, Author, Author -- arXiv:ID' names the work."""
    out = []
    for part in snippet.parts:
        if part.kind not in {"para", "item"}:
            continue
        match = _REFERENCE_LINE.match(snippet.text, part.start, part.end)
        if match is None:
            continue
        split = _title_and_authors(match.group("body"))
        if split is None:
            continue
        title, authors = split
        candidate = Candidate(title, snippet, "by-author", authors=authors, at=part.start)
        candidate.arxiv = match.group("arxiv")
        candidate.url = match.group("url") or (
            f"https://arxiv.org/abs/{candidate.arxiv}" if candidate.arxiv else None
        )
        out.append(candidate)
    return out


def _title_and_authors(body: str) -> tuple[str, list[str]] | None:
    """'Title Words Shaw, Uszkoreit, Vaswani' -> the title and the names after it."""
    before_comma, comma, _ = body.partition(",")
    if not comma:
        return None
    words = before_comma.split()
    others = plausible_authors(body[len(before_comma) + 1 :]) or []
    # "..., Uszkoreit, Vaswani": when the others are surnames alone, so is the first.
    sizes = (1,) if others and all(" " not in name for name in others) else _NAME_WORDS
    for size in sizes:
        if len(words) - size < 2:
            continue
        first = " ".join(words[-size:])
        if size > 1 and not is_person_name(first):
            continue
        title = " ".join(words[:-size])
        authors = plausible_authors(body[len(before_comma) - len(first) :])
        if authors and len(authors) >= 2 and title_case_ratio(title) >= 0.5:
            return title, authors
    return None
