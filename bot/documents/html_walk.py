"""An HTML element tree -> blocks: one walk over lxml elements.

Shared by web pages (the article trafilatura extracts, or the cleaned page), HTML embedded in
Markdown, and e-mail bodies. Block tags open blocks; inline tags become spans; ``<br>`` breaks
a paragraph when it is doubled, or after a line that is bold from end to end (a title line
in ``<br>``-laid-out pages). Also reads trafilatura's XML (``head``, ``list``/``item``,
``ref``, ``hi``, ``lb``), so either output walks the same way.
"""

from __future__ import annotations

import re

from lxml import etree

from bot.documents.builder import DocumentBuilder
from bot.documents.inline import InlineText, join_cells
from bot.documents.links import clean_url
from bot.documents.model import BlockKind, SpanKind
from bot.documents.text_reader import looks_like_heading

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = frozenset(
    "p div section article main header body html li item blockquote quote pre table thead "
    "tbody tfoot tr row ul ol list dl dt dd figure figcaption head details summary center "
    "address aside hgroup".split()
) | frozenset(_HEADINGS)
_EMPH = frozenset({"em", "i", "cite", "dfn", "var", "u"})
_STRONG = frozenset({"strong", "b"})
_CODE = frozenset({"code", "kbd", "samp", "tt"})
_SKIP = frozenset(
    "script style noscript template iframe object embed svg canvas img picture video audio "
    "source button input select textarea option del s strike graphic map area math head meta "
    "link title".split()
)
_FOOTNOTE_MARK = re.compile(r"^\[?\d{1,3}\]?$|^\[?[a-z]\]$")
_TRAFILATURA_REND: dict[str, SpanKind] = {"#b": "strong", "#i": "emph", "#u": "emph", "#t": "code"}
_MAX_DEPTH = 200


class HtmlWalker:
    """Walks one tree into a DocumentBuilder."""

    def __init__(self, out: DocumentBuilder) -> None:
        self.out = out
        self.list_depth = 0
        self.quote_depth = 0
        self.line = InlineText()
        self.kind = "para"
        self.breaks = 0
        self.line_start = 0  # where the current <br>-separated line starts in self.line
        self.heading_level = 3  # for heading lines found between <br>s: below the last heading

    def walk(self, element: etree._Element) -> None:
        """Add the blocks of ``element`` and everything under it."""
        self._element(element, 0)
        self._flush()

    # --- blocks ----------------------------------------------------------------------

    def _element(self, element: etree._Element, depth: int) -> None:
        tag = _tag(element)
        trafilatura_head = tag == "head" and element.get("rend") is not None
        if (tag in _SKIP and not trafilatura_head) or tag == "" or depth > _MAX_DEPTH:
            self._tail(element)
            return
        if tag in _HEADINGS or trafilatura_head:
            self._heading(element, tag)
        elif tag in {"pre"}:
            self._flush()
            self.out.add("code", "".join(element.itertext()))
        elif tag in {"table"}:
            self._flush()
            self._table(element, depth)
        elif tag in {"ul", "ol", "list"}:
            self._flush()
            self.list_depth += 1
            self._children(element, depth)
            self.list_depth -= 1
        elif tag in {"blockquote", "quote"}:
            self._flush()
            self.quote_depth += 1
            self._children(element, depth)
            self._flush()
            self.quote_depth -= 1
        elif tag == "figcaption":
            self._flush()
            self.out.add("caption", _inline_of(self, element))
        elif tag in {"p", "div"} and "title" in (element.get("class") or "").split():
            self._heading(element, "h1")  # a Google Docs (or similar) Title paragraph
        elif tag in _BLOCKS:
            self._flush()
            self.kind = "item" if tag in {"li", "item"} else "para"
            self._children(element, depth)
            self._flush()
        else:
            self._inline(element, self.line, depth)
        self._tail(element)

    def _children(self, element: etree._Element, depth: int) -> None:
        if element.text:
            self._text(element.text)
        for child in element:
            self._element(child, depth + 1)

    def _heading(self, element: etree._Element, tag: str) -> None:
        self._flush()
        level = _HEADINGS.get(tag) or _trafilatura_level(element)
        self.out.add("heading", _inline_of(self, element), level=level)
        self.heading_level = min(6, level + 1)

    def _table(self, table: etree._Element, depth: int) -> None:
        for row in table.iter("tr", "row"):
            cells: list[InlineText] = []
            is_head = row.get("role") == "head"
            for cell in (c for c in row if _tag(c) in {"td", "th", "cell"}):
                is_head = is_head or _tag(cell) == "th"
                text = InlineText()
                self._inline_children(cell, text, depth + 1)
                cells.append(text)
            joined, texts = join_cells(cells)
            block = self.out.add("row", joined, level=1 if is_head else 0)
            if block is not None:
                block.cells = texts

    def _text(self, value: str) -> None:
        if value.strip():
            self.breaks = 0
        self.line.text(value)

    def _tail(self, element: etree._Element) -> None:
        if element.tail:
            self._text(element.tail)

    def _line_break(self) -> None:
        """A <br>: two in a row end the paragraph; so does one after a bold title line, and a
        line that reads as a heading ('Deep Speech 2' between two lines of prose) becomes one."""
        self.breaks += 1
        if self.breaks >= 2 or self._bold_line():
            self._flush()
            return
        text, _ = self.line.finish_peek()
        line = text[self.line_start :]
        if self.kind == "para" and not self.list_depth and looks_like_heading(line):
            if self.line_start:
                head = self.line.slice(0, self.line_start)
                self.out.add(self._kind(), head, level=self.quote_depth)
            self.out.add("heading", self.line.slice(self.line_start), level=self.heading_level)
            self.line = InlineText()
            self.line_start = 0
            self.breaks = 0
            return
        self.line.space()
        self.line_start = self.line.length + 1

    def _bold_line(self) -> bool:
        text, spans = self.line.finish_peek()
        return bool(text) and any(
            s.kind == "strong" and s.start == 0 and s.end >= len(text) - 1 for s in spans
        )

    def _kind(self) -> BlockKind:
        if self.kind == "item" and self.list_depth:
            return "item"
        return "quote" if self.quote_depth else "para"

    def _flush(self) -> None:
        kind = self._kind()
        level = self.list_depth if kind == "item" else self.quote_depth
        self.out.add(kind, self.line, level=level)
        self.line = InlineText()
        self.line_start = 0
        self.kind = "item" if self.kind == "item" and self.list_depth else "para"
        self.breaks = 0

    # --- inlines ---------------------------------------------------------------------

    def _inline(self, element: etree._Element, out: InlineText, depth: int) -> None:
        tag = _tag(element)
        if tag in _SKIP or depth > _MAX_DEPTH:
            return
        if tag in {"br", "lb"}:
            if out is self.line:
                self._line_break()
            else:
                out.space()
            return
        if tag in {"a", "ref"}:
            self._link(element, out, depth)
            return
        if tag == "sup" and _FOOTNOTE_MARK.match("".join(element.itertext()).strip()):
            out.mark("note", "".join(element.itertext()).strip("[] "))
            return
        span = _span_kind(element, tag)
        if span:
            out.open(span)
        if tag == "q":
            out.text("“")
        self._inline_children(element, out, depth)
        if tag == "q":
            out.text("”")
        if span:
            out.close(span)

    def _inline_children(self, element: etree._Element, out: InlineText, depth: int) -> None:
        if element.text:
            out.text(element.text)
            if out is self.line and element.text.strip():
                self.breaks = 0
        for child in element:
            if _tag(child) in _BLOCKS and out is self.line:
                self._element(child, depth + 1)
                continue
            self._inline(child, out, depth + 1)
            if child.tail:
                out.text(child.tail)
                if out is self.line and child.tail.strip():
                    self.breaks = 0

    def _link(self, element: etree._Element, out: InlineText, depth: int) -> None:
        href = (element.get("href") or element.get("target") or "").strip()
        label = "".join(element.itertext()).strip()
        if href.startswith("#") and _FOOTNOTE_MARK.match(label):
            out.mark("note", label.strip("[] "))
            return
        if not href.startswith(("http://", "https://")):
            self._inline_children(element, out, depth)  # anchors and site-relative links
            return
        out.open("link", clean_url(href))
        if any(_tag(child) in _BLOCKS for child in element.iter()):
            out.text(" ".join(element.itertext()))  # a card (Notion bookmark): its text, inline
        else:
            self._inline_children(element, out, depth)
        out.close("link")


def _inline_of(walker: HtmlWalker, element: etree._Element) -> InlineText:
    text = InlineText()
    walker._inline_children(element, text, 0)
    return text


def _span_kind(element: etree._Element, tag: str) -> SpanKind | None:
    if tag in _EMPH:
        return "emph"
    if tag in _STRONG:
        return "strong"
    if tag in _CODE:
        return "code"
    if tag == "q":
        return "quoted"
    if tag == "hi":
        return _TRAFILATURA_REND.get(element.get("rend", ""))
    return None


def _trafilatura_level(element: etree._Element) -> int:
    rend = element.get("rend", "h2")
    return int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2


def _tag(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return tag.rsplit("}", 1)[-1].lower()
