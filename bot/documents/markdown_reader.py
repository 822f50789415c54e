"""Markdown (CommonMark, GFM, MultiMarkdown, Jekyll/Hugo, MDX) -> Document, by markdown-it-py.

markdown-it-py rather than pandoc for this family, measured on this machine: a 4.7 MB
Markdown file parses in 0.5 s and 60 MB with markdown-it-py against 3.5-20 s and 550-790 MB
with pandoc's gfm, commonmark_x and markdown readers, and 200 KB runs of one markup
character (backticks, '<', '>', '&', '+') that take pandoc's readers over 5 s each parse in
milliseconds (benchmarks/bench_ingest.py has the numbers).

What no Markdown parser knows is handled around it: template tags of static-site generators
(Liquid ``{% %}``, Hugo shortcodes ``{{< >}}``), kramdown attribute lists, MultiMarkdown's
metadata header, and MDX's import/export lines, ``{/* comments */}`` and JSX components,
whose ``title``/``url``/``authors`` props are read as a linked title.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from bot.documents.builder import DocumentBuilder
from bot.documents.edit import remove_ranges
from bot.documents.front_matter import split_front_matter, split_mmd_header
from bot.documents.html_reader import parse_html, remove_chrome
from bot.documents.html_walk import HtmlWalker
from bot.documents.inline import InlineText, join_cells
from bot.documents.jsx import component_blocks, inline_component
from bot.documents.links import clean_url
from bot.documents.metadata import merge_meta
from bot.documents.model import Block, Document, Meta, Span, SpanKind
from bot.documents.pandoc_ast import plain_math

_MD = (
    MarkdownIt("commonmark", {"html": True, "maxNesting": 40})
    .enable(["table", "strikethrough"])
    .use(footnote_plugin)
    .use(deflist_plugin)
    .use(tasklists_plugin)
    .use(dollarmath_plugin, allow_space=True, double_inline=True)
    .use(container_plugin, "admonition", validate=lambda *_: True, marker=":")
)
_TEMPLATE_TAGS = re.compile(
    r"\{%[^\n]{0,500}?%\}|\{\{[<%][^\n]{0,1000}?[>%]\}\}|\{\{[^\n{}]{0,300}\}\}"
)
_KRAMDOWN_ATTR = re.compile(r"\{:[^}\n]{0,300}\}")
_MDX_COMMENT = re.compile(r"\{/\*.{0,2000}?\*/\}", re.DOTALL)
_ESM_LINE = re.compile(r"^(?:import|export)\s[^\n]{0,500}$", re.MULTILINE)
_HTML_COMMENT = re.compile(r"<!--.{0,20000}?-->", re.DOTALL)
_CITATION_ENTRY = re.compile(r"^\[#([^\]\s]{1,60})\]:\s+")
_CITATION = re.compile(r"\s?\[([#@][\w:.\-]{1,60}(?:;\s{0,2}[#@][\w:.\-]{1,60}){0,9})\]")
_JSX_OPEN = re.compile(r"^\s{0,3}<[A-Z][\w.]{0,60}[\s/>]")


def read_markdown(text: str, form: str = "markdown") -> Document:
    """Read a Markdown report (front matter or a MultiMarkdown header allowed)."""
    raw, body, kind = split_front_matter(text)
    if not raw:
        raw, body = split_mmd_header(body)
        kind = "MultiMarkdown" if raw else None
    body = _without_templates(body, mdx=form == "mdx")
    out = DocumentBuilder(form)
    if kind:
        out.notes.append(f"read {kind} metadata")
    _Walker(out, mdx=form == "mdx").walk(_MD.parse(body))
    for block in out.blocks:
        _citation_syntax(block)
    meta = Meta()
    merge_meta(meta, raw)
    return out.finish(meta)


def _citation_syntax(block: Block) -> None:
    """MultiMarkdown's and pandoc's citations, which markdown-it leaves as text: a
    '[#Key]: entry' paragraph is a bibliography entry, '[#Key]' or '[@key; @other]' in prose
    a citation of it."""
    if "[" not in block.text:
        return
    definition = _CITATION_ENTRY.match(block.text)
    if definition and block.kind == "para":
        block.kind, block.key = "reference", definition.group(1)
        remove_ranges(block, [(0, definition.end())])
        return
    marks = [(m.start(), m.end(), m.group(1)) for m in _CITATION.finditer(block.text)]
    if not marks:
        return
    remove_ranges(block, [(start, end) for start, end, _ in marks])
    removed = 0
    cites = []
    for start, end, keys in marks:
        where = max(0, min(start - removed, len(block.text)))
        cites.append(Span("cite", where, where, " ".join(k.lstrip("#@ ") for k in keys.split(";"))))
        removed += end - start
    block.spans = tuple(sorted((*block.spans, *cites), key=lambda s: (s.start, -s.end)))


def _without_templates(body: str, mdx: bool) -> str:
    body = _TEMPLATE_TAGS.sub("", body)
    body = _KRAMDOWN_ATTR.sub("", body)
    body = _HTML_COMMENT.sub("", body)
    if mdx:
        body = _MDX_COMMENT.sub("", body)
        body = _ESM_LINE.sub("", body)
    return body


class _Walker:
    """markdown-it's flat token stream -> blocks (nesting tracked by open/close tokens)."""

    def __init__(self, out: DocumentBuilder, mdx: bool) -> None:
        self.out = out
        self.mdx = mdx
        self.list_depth = 0
        self.quote_depth = 0
        self.heading = 0
        self.row: list[InlineText] | None = None
        self.row_head = False
        self.footnote: str | None = None
        self.footnote_text: InlineText | None = None
        self.links: list[bool] = []  # per open link: whether it is a web link (relative: text)

    def walk(self, tokens: list[Token]) -> None:
        for token in tokens:
            self.token(token)

    def token(self, token: Token) -> None:
        kind = token.type
        depth = _DEPTH_CHANGES.get(kind)
        if depth is not None:
            name, change = depth
            setattr(self, name, getattr(self, name) + change)
            return
        handler = _TOKEN_HANDLERS.get(kind)
        if handler is not None:
            handler(self, token)

    def _heading_open(self, token: Token) -> None:
        self.heading = int(token.tag[1])

    def _heading_close(self, token: Token) -> None:
        self.heading = 0

    def _row_open(self, token: Token) -> None:
        self.row, self.row_head = [], False

    def _cell_open(self, token: Token) -> None:
        if self.row is not None:
            self.row_head = self.row_head or token.type == "th_open"
            self.row.append(InlineText())

    def _row_close(self, token: Token) -> None:
        self.finish_row()

    def _code(self, token: Token) -> None:
        self.out.add("code", token.content)

    def _math_block(self, token: Token) -> None:
        self.out.add("para", plain_math(token.content))

    def _html_block(self, token: Token) -> None:
        self.html(token.content)

    def _footnote_open(self, token: Token) -> None:
        self.footnote = f"fn-{token.meta.get('label', token.meta.get('id'))}"
        self.footnote_text = InlineText()

    def _footnote_close(self, token: Token) -> None:
        if self.footnote and self.footnote_text:
            self.out.add_footnote(self.footnote, self.footnote_text)
        self.footnote, self.footnote_text = None, None

    def inline(self, token: Token) -> None:
        if self.row:
            self.inlines(token.children or [], self.row[-1])
            return
        if self.footnote_text is not None:
            self.inlines(token.children or [], self.footnote_text)
            self.footnote_text.space()
            return
        text = InlineText()
        self.inlines(token.children or [], text)
        if self.heading:
            self.out.add("heading", text, level=self.heading)
        elif self.list_depth:
            self.out.add("item", text, level=self.list_depth)
        elif self.quote_depth:
            self.out.add("quote", text, level=self.quote_depth)
        else:
            self.out.add("para", text)

    def finish_row(self) -> None:
        if self.row is None:
            return
        joined, texts = join_cells(self.row)
        block = self.out.add("row", joined, level=1 if self.row_head else 0)
        if block is not None:
            block.cells = texts
        self.row = None

    def html(self, content: str) -> None:
        if self.mdx and _JSX_OPEN.match(content):
            for text in component_blocks(content):
                self.out.add("para", text)
            return
        HtmlWalker(self.out).walk(_fragment_body(content))

    def inlines(self, children: list[Token], out: InlineText) -> None:
        for child in children:
            marker = _SPAN_MARKERS.get(child.type)
            if marker is not None:
                kind, opening = marker
                if opening:
                    out.open(kind)
                else:
                    out.close(kind)
                continue
            handler = _INLINE_HANDLERS.get(child.type)
            if handler is not None:  # images carry no prose; struck-out words stay as text
                handler(self, child, out)

    def _text(self, child: Token, out: InlineText) -> None:
        out.text(child.content)

    def _space(self, child: Token, out: InlineText) -> None:
        out.space()

    def _html_inline(self, child: Token, out: InlineText) -> None:
        if self.mdx and _JSX_OPEN.match(child.content):
            inline_component(child.content, out)

    def _math_inline(self, child: Token, out: InlineText) -> None:
        out.text(plain_math(child.content))

    def _code_inline(self, child: Token, out: InlineText) -> None:
        out.open("code")
        out.text(child.content)
        out.close("code")

    def _link_open(self, child: Token, out: InlineText) -> None:
        href = str(child.attrs.get("href", ""))
        self.links.append(href.startswith(("http://", "https://")))
        if self.links[-1]:
            out.open("link", clean_url(href))

    def _link_close(self, child: Token, out: InlineText) -> None:
        if self.links and self.links.pop():
            out.close("link")

    def _footnote_ref(self, child: Token, out: InlineText) -> None:
        out.mark("note", f"fn-{child.meta.get('label', child.meta.get('id'))}")


# Tokens that only open or close a nesting level: (attribute, change).
_DEPTH_CHANGES = {
    "bullet_list_open": ("list_depth", 1),
    "ordered_list_open": ("list_depth", 1),
    "bullet_list_close": ("list_depth", -1),
    "ordered_list_close": ("list_depth", -1),
    "blockquote_open": ("quote_depth", 1),
    "blockquote_close": ("quote_depth", -1),
}
_TOKEN_HANDLERS: dict[str, Callable[[_Walker, Token], None]] = {
    "inline": _Walker.inline,
    "heading_open": _Walker._heading_open,
    "heading_close": _Walker._heading_close,
    "tr_open": _Walker._row_open,
    "th_open": _Walker._cell_open,
    "td_open": _Walker._cell_open,
    "tr_close": _Walker._row_close,
    "fence": _Walker._code,
    "code_block": _Walker._code,
    "math_block": _Walker._math_block,
    "math_block_label": _Walker._math_block,
    "html_block": _Walker._html_block,
    "footnote_open": _Walker._footnote_open,
    "footnote_close": _Walker._footnote_close,
}
_SPAN_MARKERS: dict[str, tuple[SpanKind, bool]] = {
    "em_open": ("emph", True),
    "em_close": ("emph", False),
    "strong_open": ("strong", True),
    "strong_close": ("strong", False),
}
_INLINE_HANDLERS: dict[str, Callable[[_Walker, Token, InlineText], None]] = {
    "text": _Walker._text,
    "softbreak": _Walker._space,
    "hardbreak": _Walker._space,
    "html_inline": _Walker._html_inline,
    "math_inline": _Walker._math_inline,
    "math_inline_double": _Walker._math_inline,
    "code_inline": _Walker._code_inline,
    "link_open": _Walker._link_open,
    "link_close": _Walker._link_close,
    "footnote_ref": _Walker._footnote_ref,
}


def _fragment_body(content: str) -> Any:
    tree = parse_html(f"<html><body>{content}</body></html>")
    remove_chrome(tree)  # embedded tweets, share buttons
    return tree.find("body")
