"""The one shape every reader produces: a report's metadata plus a flat list of blocks.

A block's text is plain (no markup of any form); what finding papers needs from the inline
markup is kept beside it as spans over that text: links with their targets, emphasis, quoted
strings, citations and footnote references. Everything after the readers (sections,
snippets, scoring, the catalog) reads this model and never raw markup, so a new form is a
new reader and nothing downstream changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

BlockKind = Literal[
    "heading",  # level: 1 (title) .. 6
    "para",
    "item",  # level: list depth, 1 for a top-level item
    "quote",  # level: quote depth
    "row",  # a table row; cells holds the cell texts, text joins them
    "code",  # program text: kept for completeness, never prose
    "caption",  # a figure or table caption
    "reference",  # a bibliography entry; key is what citations name it by
    "footnote",  # a footnote's text; key is what its note spans name
]
SpanKind = Literal["link", "emph", "strong", "quoted", "cite", "code", "note"]

PROSE_KINDS: frozenset[str] = frozenset({"para", "item", "quote", "row"})


@dataclass(frozen=True, slots=True)
class Span:
    """A marked stretch ``text[start:end]`` of a block.

    ``target`` is the URL of a link, the space-separated keys of a citation, or the key of
    the footnote a note mark points at.
    """

    kind: SpanKind
    start: int
    end: int
    target: str = ""


@dataclass(slots=True)
class Block:
    """One block of a report, its plain text and the spans marked on it."""

    kind: BlockKind
    text: str
    level: int = 0
    spans: tuple[Span, ...] = ()
    cells: tuple[str, ...] = ()
    key: str = ""

    def spanned(self, *kinds: SpanKind) -> list[tuple[Span, str]]:
        """The spans of the given kinds (all when none given), each with its text."""
        return [
            (span, self.text[span.start : span.end])
            for span in self.spans
            if not kinds or span.kind in kinds
        ]

    def links(self) -> list[tuple[str, str]]:
        """(visible text, target) of every link, in reading order."""
        return [(text, span.target) for span, text in self.spanned("link")]


@dataclass(slots=True)
class Meta:
    """What a report says about itself, read from its form's own place for it."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: date | None = None
    url: str | None = None
    description: str | None = None
    keywords: list[str] = field(default_factory=list)
    site: str | None = None  # the blog, organisation or list it was published by


@dataclass(slots=True)
class Document:
    """A report as read: its form, metadata and blocks, and what the reader had to do."""

    form: str
    meta: Meta
    blocks: list[Block]
    notes: list[str] = field(default_factory=list)
    encoding: str = "binary"

    def prose(self) -> list[Block]:
        """The blocks people read as the report's text (headings, code and the like excluded)."""
        return [block for block in self.blocks if block.kind in PROSE_KINDS]
