"""Assembling a Document from a reader's blocks, with the passes every form shares.

Readers add blocks as they walk their parser's tree; ``finish`` then appends the footnotes,
turns the entries under a "References" heading into reference blocks, and marks what every
form writes the same way in plain text: quoted strings, bare URLs and arXiv ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.documents.inline import InlineText
from bot.documents.links import arxiv_url, clean_url
from bot.documents.model import Block, BlockKind, Document, Meta, Span

# A heading that opens a bibliography: what follows it are reference entries.
_REFERENCES = re.compile(
    r"^(?:\d+\.?\s+)?(?:references?|bibliography|works cited|citations?|sources|"
    r"literature|papers (?:cited|mentioned)|cited (?:papers|works))\s*:?$",
    re.IGNORECASE,
)
# Quoted strings worth marking: up to 300 characters, on one block, never across a quote.
_QUOTED = re.compile(r"“([^“”]{2,300})”|\"([^\"]{2,300})\"|‘([^‘’]{2,300})’(?!\w)")
_BARE_URL = re.compile(r"\bhttps?://[^\s<>()\[\]{}\"'“”]{3,2000}")
_ARXIV_ID = re.compile(r"\barxiv\s?[:.]?\s?(\d{4}\.\d{4,5})(?:v\d{1,2})?\b", re.IGNORECASE)
_URL_TAIL = ".,;:!?"


@dataclass(slots=True)
class DocumentBuilder:
    """Collects blocks and footnotes for one document."""

    form: str
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _footnote_count: int = 0

    def add(
        self,
        kind: BlockKind,
        inline: InlineText | str,
        level: int = 0,
        *,
        cells: tuple[str, ...] = (),
        key: str = "",
    ) -> Block | None:
        """Add a block unless it has no text; return it."""
        if isinstance(inline, str):
            built = InlineText()
            built.text(inline)
            inline = built
        text, spans = inline.finish()
        if not text:
            return None
        block = Block(kind, text, level, spans, cells, key)
        self.blocks.append(block)
        return block

    def new_footnote_key(self) -> str:
        self._footnote_count += 1
        return f"fn{self._footnote_count}"

    def add_footnote(self, key: str, inline: InlineText | str) -> None:
        """A footnote's text; it is placed after the body when the document is finished."""
        before = len(self.blocks)
        self.add("footnote", inline, key=key)
        self.footnotes.extend(self.blocks[before:])
        del self.blocks[before:]

    def finish(self, meta: Meta) -> Document:
        """The Document, with the shared passes applied."""
        blocks = self.blocks + self.footnotes
        _mark_references(blocks)
        _mark_numeric_citations(blocks)
        for block in blocks:
            if block.kind != "code":
                block.spans = _with_plain_text_spans(block.text, block.spans)
        return Document(form=self.form, meta=meta, blocks=blocks, notes=list(self.notes))


def _mark_references(blocks: list[Block]) -> None:
    """Paragraphs and items under a References heading are bibliography entries."""
    level = 0
    for block in blocks:
        if block.kind == "heading":
            if _REFERENCES.match(block.text):
                level = block.level
            elif level and block.level <= level:
                level = 0
        elif level and block.kind in {"para", "item"}:
            block.kind = "reference"


_ENTRY_NUMBER = re.compile(r"\s{0,4}\[?(\d{1,3})[\].)]\s")
_NUMERIC_CITE = re.compile(r"\[(\d{1,3}(?:\s{0,2}[,–-]\s{0,2}\d{1,3}){0,9})\]")


def _mark_numeric_citations(blocks: list[Block]) -> None:
    """A numbered bibliography ('[3] Ioffe and Szegedy. Batch Normalization ...', or the
    third entry of a numbered list) gives its entries their numbers as keys, and '[3]',
    '[1, 3]' or '[2-4]' in the text become citations of them."""
    entries = [b for b in blocks if b.kind == "reference"]
    if not entries:
        return
    for index, block in enumerate(entries, start=1):
        if not block.key:
            number = _ENTRY_NUMBER.match(block.text)
            block.key = number.group(1) if number else str(index)
    keys = {b.key for b in entries}
    for block in blocks:
        if block.kind == "reference" or "[" not in block.text:
            continue
        added = []
        for match in _NUMERIC_CITE.finditer(block.text):
            cited = _cited_numbers(match.group(1))
            if cited and all(key in keys for key in cited):
                added.append(Span("cite", match.start(), match.end(), " ".join(cited)))
        if added:
            block.spans = tuple(sorted((*block.spans, *added), key=lambda s: (s.start, -s.end)))


def _cited_numbers(listed: str) -> list[str]:
    """'1, 3' -> ['1', '3']; '2-4' -> ['2', '3', '4'] (a range of at most 20)."""
    out: list[str] = []
    for part in re.split(r"\s{0,2},\s{0,2}", listed):
        bounds = [b.strip() for b in re.split(r"[–-]", part)]
        if len(bounds) == 2 and 0 <= int(bounds[1]) - int(bounds[0]) <= 20:
            out += [str(n) for n in range(int(bounds[0]), int(bounds[1]) + 1)]
        elif len(bounds) == 1:
            out.append(str(int(bounds[0])))
    return out


def _with_plain_text_spans(text: str, spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Add quoted strings, bare URLs and arXiv ids the markup did not mark already."""
    added: list[Span] = []
    quoted = _Cursor([s for s in spans if s.kind == "quoted"])
    marks = ('"' in text or "“" in text or "‘" in text, "://" in text, "rxiv" in text.lower())
    if not any(marks):
        return spans
    for match in _QUOTED.finditer(text) if marks[0] else ():
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        if not quoted.overlaps(match.start(group), match.end(group)):
            added.append(Span("quoted", match.start(group), match.end(group)))
    linked = _Cursor([s for s in spans if s.kind == "link"])
    for match in _BARE_URL.finditer(text) if marks[1] else ():
        url = match.group(0).rstrip(_URL_TAIL)
        if not linked.overlaps(match.start(), match.start() + len(url)):
            added.append(Span("link", match.start(), match.start() + len(url), clean_url(url)))
    linked = _Cursor([s for s in spans if s.kind == "link"])
    for match in _ARXIV_ID.finditer(text) if marks[2] else ():
        if not linked.overlaps(match.start(), match.end()):
            added.append(Span("link", match.start(), match.end(), arxiv_url(match.group(1))))
    if not added:
        return spans
    return tuple(sorted((*spans, *added), key=lambda s: (s.start, -s.end)))


class _Cursor:
    """Overlap tests for matches that arrive in increasing order: linear over a block."""

    def __init__(self, spans: list[Span]) -> None:
        self._spans = sorted(spans, key=lambda s: s.end)
        self._at = 0

    def overlaps(self, start: int, end: int) -> bool:
        while self._at < len(self._spans) and self._spans[self._at].end <= start:
            self._at += 1
        return self._at < len(self._spans) and self._spans[self._at].start < end
