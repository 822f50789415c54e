"""pandoc's JSON AST -> Document.

One walk over pandoc's blocks and inlines (pandoc-types 1.23). What the model keeps: headings
with levels, paragraphs, list items with their depth, block quotes, table rows and cells,
code, captions, reference entries (citeproc's ``ref-KEY`` divs, reStructuredText citations,
list items that open with a ``\\label``), footnotes, and on inline text: links, emphasis,
strong, quoted strings, citations and note marks. What it drops: images, raw markup of any
format, struck-out text, org-mode TODO keywords, tags and timestamps, comments.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from bot.documents.builder import DocumentBuilder
from bot.documents.inline import InlineText, join_cells
from bot.documents.links import clean_url
from bot.documents.model import BlockKind, Document, Meta, SpanKind

Node = dict[str, Any]

# Span and Div classes whose content is not prose.
_DROP_CLASSES = frozenset(
    {
        "todo",
        "done",
        "tag",
        "tags",
        "timestamp",
        "comment-start",
        "comment-end",
        "comment",
        "output",
        "toc",
        "contents",  # reStructuredText's table of contents
        "title",  # an admonition's own "Note"/"Tip" title line
    }
)
_REFERENCE_DIVS = frozenset({"references", "csl-bib-body", "thebibliography", "bibliography"})
_NON_LINKS = ("category:", "file:", "image:", "media:")
_DOCINFO_KEYS = frozenset(
    "author authors date modified tags category categories slug summary title subtitle "
    "organization contact address version status copyright keywords".split()
)
_DOCINFO_WITHIN = 3  # blocks before it


@dataclass(slots=True)
class _Context:
    list_depth: int = 0
    quote_depth: int = 0
    reference: bool = False

    def nested(self, **changes: Any) -> _Context:
        return dataclasses.replace(self, **changes)


def ast_to_document(
    ast: Node, form: str, meta: Meta, labels: dict[str, str] | None = None
) -> Document:
    """Convert a pandoc JSON AST; ``meta`` is filled from the AST's metadata where empty.

    ``labels`` are citation labels the source gave (natbib's ``\\bibitem[Label]{key}``).
    """
    blocks = ast.get("blocks", [])
    converter = _Converter(DocumentBuilder(form), {**_citation_labels(blocks), **(labels or {})})
    converter.blocks(blocks, _Context())
    _fill_meta(meta, ast.get("meta", {}))
    from bot.documents.metadata import merge_meta

    merge_meta(meta, converter.fields)
    return converter.out.finish(meta)


class _Converter:
    def __init__(self, out: DocumentBuilder, labels: dict[str, str]) -> None:
        self.out = out
        self.labels = labels
        self.pending_notes: list[tuple[str, list[Node]]] = []
        self.fields: dict[str, str] = {}  # a docinfo field list near the top (":author: X")
        self.seen = 0  # top-level blocks read so far

    # --- blocks ----------------------------------------------------------------------

    def blocks(self, nodes: Iterable[Node], ctx: _Context) -> None:
        for node in nodes:
            self.block(node, ctx)
        if ctx.list_depth == 0 and ctx.quote_depth == 0 and not ctx.reference:
            self._flush_notes()

    def block(self, node: Node, ctx: _Context) -> None:
        handler = _BLOCK_HANDLERS.get(node.get("t", ""))
        if handler is not None:  # RawBlock, HorizontalRule and the like carry no prose
            handler(self, node.get("c"), ctx)

    def _para(self, content: Any, ctx: _Context) -> None:
        self.paragraph(content, ctx)

    def _line_block(self, content: Any, ctx: _Context) -> None:
        self.paragraph([x for line in content for x in [*line, {"t": "Space"}]], ctx)

    def _header(self, content: Any, ctx: _Context) -> None:
        self.out.add("heading", self.inline_text(content[2]), level=int(content[0]))

    def _quote(self, content: Any, ctx: _Context) -> None:
        self.blocks(content, ctx.nested(quote_depth=ctx.quote_depth + 1))

    def _bullets(self, content: Any, ctx: _Context) -> None:
        self.list_items(content, ctx)

    def _ordered(self, content: Any, ctx: _Context) -> None:
        self.list_items(content[1], ctx)

    def _code(self, content: Any, ctx: _Context) -> None:
        self.out.add("code", content[1])

    def _table(self, content: Any, ctx: _Context) -> None:
        self.table(content)

    def _figure(self, content: Any, ctx: _Context) -> None:
        self.caption(content[1])

    def _div(self, content: Any, ctx: _Context) -> None:
        self.div(content[0], content[1], ctx)

    def paragraph(self, inlines: list[Node], ctx: _Context) -> None:
        key = _label_key(inlines)
        if ctx.reference or key:
            self.out.add("reference", self.inline_text(inlines), key=key or "")
            return
        kind: BlockKind = "item" if ctx.list_depth else "quote" if ctx.quote_depth else "para"
        level = ctx.list_depth or ctx.quote_depth
        self.out.add(kind, self.inline_text(inlines), level=level)

    def list_items(self, items: list[list[Node]], ctx: _Context) -> None:
        inner = ctx.nested(list_depth=ctx.list_depth + 1)
        for item in items:
            self.blocks(item, inner)

    def definitions(self, entries: list[Any], ctx: _Context) -> None:
        if len(self.out.blocks) <= _DOCINFO_WITHIN and self._docinfo(entries):
            return
        for term, definitions in entries:
            key = _label_key(term)
            if key:  # reStructuredText citations: the term is the citation's label
                for definition in definitions:
                    self.reference_entry(key, definition)
                continue
            text = InlineText()
            text.open("strong")
            self.inlines(term, text)
            text.close("strong")
            self.out.add("para", text)
            for definition in definitions:
                self.blocks(definition, ctx)

    def _docinfo(self, entries: list[Any]) -> bool:
        """A field list of metadata keys at the top of the document (reStructuredText's
        docinfo, when pandoc does not promote it): taken as metadata, not prose."""
        fields = {_plain(term).strip().lower(): entry for term, entry in entries}
        if not fields or not set(fields) <= _DOCINFO_KEYS:
            return False
        for key, definitions in fields.items():
            texts = [_plain(x) for d in definitions for x in _all_inlines(d)]
            self.fields[key] = " ".join(texts)
        return True

    def reference_entry(self, key: str, nodes: list[Node]) -> None:
        text = InlineText()
        for inline_list in _all_inlines(nodes):
            self.inlines(inline_list, text)
            text.space()
        self.out.add("reference", text, key=key)

    def table(self, content: list[Any]) -> None:
        _attr, caption, _specs, head, bodies, foot = content
        rows = [(row, True) for row in head[1]]
        for body in bodies:
            rows += [(row, True) for row in body[2]] + [(row, False) for row in body[3]]
        rows += [(row, False) for row in foot[1]]
        for row, is_head in rows:
            self.row(row[1], is_head)
        self.caption(caption)

    def row(self, cells: list[Any], is_head: bool) -> None:
        texts: list[InlineText] = []
        for cell in cells:
            text = InlineText()
            for inline_list in _all_inlines(cell[4]):
                self.inlines(inline_list, text)
                text.space()
            texts.append(text)
        joined, cell_texts = join_cells(texts)
        block = self.out.add("row", joined, level=1 if is_head else 0)
        if block is not None:
            block.cells = cell_texts

    def caption(self, caption: list[Any]) -> None:
        text = InlineText()
        for inline_list in _all_inlines(caption[1]):
            self.inlines(inline_list, text)
            text.space()
        self.out.add("caption", text)

    def div(self, attr: list[Any], nodes: list[Node], ctx: _Context) -> None:
        identifier, classes = attr[0], set(attr[1])
        if classes & _DROP_CLASSES:
            return
        if identifier.startswith("ref-") and not classes - {"csl-entry"}:
            self.reference_entry(identifier[4:], nodes)
            return
        if classes & _REFERENCE_DIVS or identifier in {"refs", "citations"}:
            self.blocks(nodes, ctx.nested(reference=True))
            return
        self.blocks(nodes, ctx)

    def _flush_notes(self) -> None:
        while self.pending_notes:
            key, nodes = self.pending_notes.pop(0)
            text = InlineText()
            for inline_list in _all_inlines(nodes):
                self.inlines(inline_list, text)
                text.space()
            self.out.add_footnote(key, text)

    # --- inlines ---------------------------------------------------------------------

    def inline_text(self, inlines: list[Node]) -> InlineText:
        text = InlineText()
        self.inlines(inlines, text)
        return text

    def inlines(self, nodes: list[Node], out: InlineText) -> None:
        for node in nodes:
            self.inline(node, out)

    def inline(self, node: Node, out: InlineText) -> None:
        handler = _INLINE_HANDLERS.get(node.get("t", ""))
        if handler is not None:  # Image, RawInline and Strikeout carry no prose
            handler(self, node.get("c"), out)

    def _str(self, content: Any, out: InlineText) -> None:
        out.text(content)

    def _space(self, content: Any, out: InlineText) -> None:
        out.space()

    def _emph(self, content: Any, out: InlineText) -> None:
        self._spanned("emph", content, out)

    def _strong(self, content: Any, out: InlineText) -> None:
        self._spanned("strong", content, out)

    def _spanned(self, kind: SpanKind, content: Any, out: InlineText) -> None:
        out.open(kind)
        self.inlines(content, out)
        out.close(kind)

    def _plain_inlines(self, content: Any, out: InlineText) -> None:
        self.inlines(content, out)

    def _quoted(self, content: Any, out: InlineText) -> None:
        double = content[0]["t"] == "DoubleQuote"
        out.text("“" if double else "‘")
        self._spanned("quoted", content[1], out)
        out.text("”" if double else "’")

    def _cite(self, content: Any, out: InlineText) -> None:
        self.citation(content[0], content[1], out)

    def _code_inline(self, content: Any, out: InlineText) -> None:
        out.open("code")
        out.text(content[1])
        out.close("code")

    def _math(self, content: Any, out: InlineText) -> None:
        out.text(plain_math(content[1]))

    def _link(self, content: Any, out: InlineText) -> None:
        self.link(content, out)

    def _note(self, content: Any, out: InlineText) -> None:
        key = self.out.new_footnote_key()
        out.mark("note", key)
        self.pending_notes.append((key, content))

    def _span(self, content: Any, out: InlineText) -> None:
        self.span(content[0], content[1], out)

    def link(self, content: list[Any], out: InlineText) -> None:
        attr, inlines, (target, _title) = content
        if "citation" in attr[1] and target.startswith("#"):
            out.mark("cite", target[1:])
            self.inlines(inlines, out)
            return
        if target.lower().startswith(_NON_LINKS):
            return  # wiki categories and files are not prose
        if target.startswith("#") or not target:
            self.inlines(inlines, out)  # an anchor within the page
            return
        out.open("link", clean_url(target))
        self.inlines(inlines, out)
        out.close("link")

    def citation(self, citations: list[Node], inlines: list[Node], out: InlineText) -> None:
        keys = [c.get("citationId", "") for c in citations]
        out.mark("cite", " ".join(keys))
        if any(node.get("t") not in {"RawInline", "Space"} for node in inlines):
            self.inlines(inlines, out)  # citeproc or the form wrote the citation's text
            return
        labels = [self.labels[k] for k in keys if k in self.labels]
        if not labels:
            return
        in_text = citations[0].get("citationMode", {}).get("t") == "AuthorInText"
        out.text(" " + (labels[0] if in_text else f"({'; '.join(labels)})"))

    def span(self, attr: list[Any], inlines: list[Node], out: InlineText) -> None:
        if set(attr[1]) & _DROP_CLASSES:
            return
        self.inlines(inlines, out)


_BLOCK_HANDLERS: dict[str, Callable[[_Converter, Any, _Context], None]] = {
    "Para": _Converter._para,
    "Plain": _Converter._para,
    "LineBlock": _Converter._line_block,
    "Header": _Converter._header,
    "BlockQuote": _Converter._quote,
    "BulletList": _Converter._bullets,
    "OrderedList": _Converter._ordered,
    "DefinitionList": _Converter.definitions,
    "CodeBlock": _Converter._code,
    "Table": _Converter._table,
    "Figure": _Converter._figure,
    "Div": _Converter._div,
}
_INLINE_HANDLERS: dict[str, Callable[[_Converter, Any, InlineText], None]] = {
    "Str": _Converter._str,
    "Space": _Converter._space,
    "SoftBreak": _Converter._space,
    "LineBreak": _Converter._space,
    "Emph": _Converter._emph,
    "Underline": _Converter._emph,
    "Strong": _Converter._strong,
    "Superscript": _Converter._plain_inlines,
    "Subscript": _Converter._plain_inlines,
    "SmallCaps": _Converter._plain_inlines,
    "Quoted": _Converter._quoted,
    "Cite": _Converter._cite,
    "Code": _Converter._code_inline,
    "Math": _Converter._math,
    "Link": _Converter._link,
    "Note": _Converter._note,
    "Span": _Converter._span,
}


# --- helpers -----------------------------------------------------------------------------


def _label_key(inlines: list[Node]) -> str | None:
    """The key of a reference entry that opens with an empty labelled span (``\\label{k}``)
    or a reStructuredText citation label."""
    for node in inlines[:1]:
        if node.get("t") == "Span":
            identifier, classes, _attrs = node["c"][0]
            if identifier and (not node["c"][1] or "citation-label" in classes):
                return str(identifier)
    return None


def _all_inlines(nodes: list[Node]) -> Iterator[list[Node]]:
    """Every inline run in a block list, depth first (for captions, cells, notes)."""
    for node in nodes:
        kind: Any = node.get("t")
        content: Any = node.get("c")
        if kind in {"Para", "Plain"}:
            yield content
        elif kind == "Header":
            yield content[2]
        elif kind == "LineBlock":
            yield from content
        elif kind in {"BlockQuote", "Div"}:
            yield from _all_inlines(content if kind == "BlockQuote" else content[1])
        elif kind in {"BulletList", "OrderedList"}:
            for item in content if kind == "BulletList" else content[1]:
                yield from _all_inlines(item)


def plain_math(tex: str) -> str:
    """TeX math as readable text: commands lose their backslash, braces go."""
    out = tex.replace("\\", "").replace("{", "").replace("}", "")
    return " ".join(out.split())


def _citation_labels(blocks: list[Node]) -> dict[str, str]:
    """Key -> 'Frankle and Carbin (2019)' from reference entries written as ``\\bibitem``."""
    from bot.documents.citations import label_from_entry

    labels: dict[str, str] = {}
    stack = list(blocks)
    while stack:
        node = stack.pop()
        kind: Any = node.get("t")
        content: Any = node.get("c")
        if kind in {"Para", "Plain"}:
            key = _label_key(content)
            if key:
                labels[key] = label_from_entry(_plain(content))
        elif kind in {"BulletList", "OrderedList"}:
            for item in content if kind == "BulletList" else content[1]:
                stack.extend(item)
        elif kind in {"Div", "BlockQuote"}:
            stack.extend(content[1] if kind == "Div" else content)
    return labels


def _plain(inlines: list[Node]) -> str:
    text = InlineText()
    _Converter(DocumentBuilder(""), {}).inlines(inlines, text)
    return text.finish()[0]


def _fill_meta(meta: Meta, raw: dict[str, Any]) -> None:
    from bot.documents.metadata import merge_meta

    values = {key: meta_value(value) for key, value in raw.items()}
    if "author" in raw:  # "\\author{Name \\\\ Affiliation}": the name is the first line
        values["author"] = _first_lines(raw["author"])
    merge_meta(meta, values)


def _first_lines(node: Any) -> Any:
    if isinstance(node, dict) and node.get("t") == "MetaList":
        return [_first_lines(item) for item in node["c"]]
    if isinstance(node, dict) and node.get("t") == "MetaInlines":
        inlines = node["c"]
        cut = next((i for i, x in enumerate(inlines) if x.get("t") == "LineBreak"), len(inlines))
        return _plain(inlines[:cut])
    return meta_value(node)


def meta_value(node: Any) -> Any:
    """pandoc's MetaValue as plain Python: strings, lists and dicts."""
    if not isinstance(node, dict):
        return node
    kind: Any = node.get("t")
    content: Any = node.get("c")
    if kind == "MetaString":
        return content
    if kind == "MetaBool":
        return bool(content)
    if kind == "MetaInlines":
        return _plain(content)
    if kind == "MetaBlocks":
        return " ".join(_plain(x) for x in _all_inlines(content))
    if kind == "MetaList":
        return [meta_value(x) for x in content]
    if kind == "MetaMap":
        return {k: meta_value(v) for k, v in content.items()}
    return None
