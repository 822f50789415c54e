"""Building a block's plain text and its spans from a reader's inline events.

Every reader walks its parser's inline tree and calls ``text``, ``space``, ``open`` and
``close`` on an ``InlineText``; the builder folds white space as it goes (so span offsets stay
right) and hands back the finished text with its spans. Linear in the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.documents.model import Span, SpanKind

# Characters that never belong in prose: zero-width marks and controls some exports carry.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


@dataclass(slots=True)
class _Open:
    kind: SpanKind
    start: int
    target: str


@dataclass(slots=True)
class InlineText:
    """Accumulates plain text and spans; white space is folded to single spaces."""

    _parts: list[str] = field(default_factory=list)
    _length: int = 0
    _pending_space: bool = False
    _open: list[_Open] = field(default_factory=list)
    _spans: list[Span] = field(default_factory=list)

    def text(self, value: str) -> None:
        """Append text; runs of white space inside it become one space."""
        if _INVISIBLE.search(value):
            value = _INVISIBLE.sub("", value)
        if not value:
            return
        if value[0].isspace():
            self._pending_space = True
        core = " ".join(value.split())  # C speed: one call per run, not one per word
        if core:
            self._word(core)
        if value[-1].isspace():
            self._pending_space = True

    def space(self) -> None:
        """A soft break or a space between words."""
        self._pending_space = True

    def _word(self, word: str) -> None:
        if self._pending_space and self._length:
            self._parts.append(" ")
            self._length += 1
        self._pending_space = False
        self._parts.append(word)
        self._length += len(word)

    def open(self, kind: SpanKind, target: str = "") -> None:
        """Start a span at the next word."""
        start = self._length + (1 if self._pending_space and self._length else 0)
        self._open.append(_Open(kind, start, target))

    def close(self, kind: SpanKind) -> None:
        """End the innermost open span of ``kind`` (ignored when none is open)."""
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].kind == kind:
                opened = self._open.pop(index)
                if self._length > opened.start:
                    self._spans.append(Span(kind, opened.start, self._length, opened.target))
                return

    def mark(self, kind: SpanKind, target: str = "") -> None:
        """A zero-width mark at the current position (a footnote or citation reference)."""
        self._spans.append(Span(kind, self._length, self._length, target))

    def quoted(self, value: str) -> None:
        """Append a quoted string with curly quotes, marked as a quoted span."""
        self.text("“")
        self.open("quoted")
        self.text(value)
        self.close("quoted")
        self.text("”")

    def slice(self, start: int, end: int | None = None) -> InlineText:
        """A new builder holding text[start:end] of this one, with its closed spans clipped."""
        text, spans = self.finish_peek()
        end = len(text) if end is None else end
        piece = InlineText()
        piece.text(text[start:end])
        shift = len(text[start:end]) - len(text[start:end].lstrip())
        for span in spans:
            s, e = max(span.start, start), min(span.end, end)
            if e > s or (span.start == span.end and start <= span.start < end):
                piece._spans.append(
                    Span(span.kind, s - start - shift, e - start - shift, span.target)
                )
        return piece

    def finish_peek(self) -> tuple[str, list[Span]]:
        """The text so far and the spans already closed, leaving the builder as it is."""
        return "".join(self._parts), list(self._spans)

    @property
    def length(self) -> int:
        return self._length

    def finish(self) -> tuple[str, tuple[Span, ...]]:
        """The text and its spans, sorted by position; open spans are closed at the end."""
        while self._open:
            self.close(self._open[-1].kind)
        spans = sorted(self._spans, key=lambda s: (s.start, -s.end))
        return "".join(self._parts), tuple(spans)


CELL_SEPARATOR = " - "


def join_cells(cells: list[InlineText]) -> tuple[InlineText, tuple[str, ...]]:
    """One row's text from its cells (set off by CELL_SEPARATOR), and the cell texts."""
    row = InlineText()
    texts: list[str] = []
    for cell in cells:
        text, spans = cell.finish()
        if not text:
            continue
        if texts:
            row.text(CELL_SEPARATOR)
            row.space()
        offset = row.length + (1 if row._pending_space and row.length else 0)
        row.text(text)
        row._spans.extend(Span(s.kind, s.start + offset, s.end + offset, s.target) for s in spans)
        texts.append(text)
    return row, tuple(texts)
