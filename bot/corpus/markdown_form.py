"""Markdown (CommonMark with embedded HTML, Jekyll/kramdown flavour) -> Blocks."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from bot.corpus.blocks import (
    GENERIC_LABELS,
    Block,
    BlockKind,
    drop_link_labels,
    fold_space,
    make_link,
    retarget_labels,
    text_arxiv_links,
)
from bot.corpus.cleaning import is_caption, strip_markup_leftovers
from bot.corpus.html_form import html_fragment_blocks
from bot.corpus.titles import looks_like_author_list, title_start_before
from bot.models import Link

_MD = MarkdownIt("commonmark", {"html": True}).enable("table")
_NUMBERED = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[IVX]{1,4}\.)\s+(?=\S)")
_KRAMDOWN_ATTR = re.compile(r"\{:[^}\n]*\}")
_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_MATH_BLOCK = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)


def markdown_blocks(body: str) -> list[Block]:
    """Parse a Markdown body (front matter already removed) into Blocks."""
    body = _KRAMDOWN_ATTR.sub("", body)
    body = _LIQUID.sub("", body)  # Jekyll/Hugo template tags: {% include ... %}, {{ site.x }}
    body = _MATH_BLOCK.sub(lambda m: m.group(1), body)
    tokens = _MD.parse(body)
    blocks: list[Block] = []
    quote_depth = 0
    list_depth = 0
    heading_level = 0
    row: list[str] | None = None
    row_links: list[Link] = []
    header_row = False
    for token in tokens:
        if token.type == "tr_open":
            row, row_links, header_row = [], [], False
            continue
        if token.type == "th_open":
            header_row = True
        if token.type == "tr_close" and row is not None:
            # A table row is one item, its cells set off like "Title - Authors - Notes".
            if not header_row and any(row):
                text = " - ".join(cell for cell in row if cell)
                blocks.append(Block("item", text, level=1, links=row_links))
            row = None
            continue
        if row is not None:
            if token.type == "inline":
                text, links, _ = _flatten_inline(token.children or [])
                row.append(fold_space(drop_link_labels(strip_markup_leftovers(text))))
                row_links.extend(links)
            continue
        if token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type in {"bullet_list_open", "ordered_list_open"}:
            list_depth += 1
        elif token.type in {"bullet_list_close", "ordered_list_close"}:
            list_depth -= 1
        elif token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "html_block":
            blocks.extend(html_fragment_blocks(token.content))
        elif token.type == "inline":
            block = _inline_block(token, heading_level, list_depth, quote_depth)
            if block is not None:
                blocks.append(block)
    return blocks


def _inline_block(token: Token, heading: int, list_depth: int, quote_depth: int) -> Block | None:
    text, links, marked = _flatten_inline(token.children or [])
    text = fold_space(drop_link_labels(strip_markup_leftovers(text)))
    if not text:
        return None
    if heading:
        text = _NUMBERED.sub("", text, count=1)  # "## 2. Implicit depth" -> "Implicit depth"
        return Block("heading", text, level=heading, links=links, marked=marked)
    if quote_depth and is_caption(text):
        return None  # figure captions are written as block quotes in some blogs
    if is_caption(text) and len(text) < 200:
        return None
    kind: BlockKind = "item" if list_depth else "quote" if quote_depth else "para"
    links += text_arxiv_links(text, links)
    block = Block(kind, text, level=list_depth, links=links, marked=marked)
    retarget_labels(block)
    return block


def _named_by_text_before(link: Link, before: str) -> Link:
    """'Deep Equilibrium Models [[arXiv]](https://arxiv.org/abs/1909.01377)': a resource label's
    arXiv link belongs to the title written just before it."""
    if not link.arxiv or link.text.strip("[]() ").lower() not in GENERIC_LABELS:
        return link
    before = before.rstrip(" [(")
    title = before[title_start_before(before, len(before)) :].strip(" —–-")
    if len(title.split()) < 2 or looks_like_author_list(title):
        return link  # "**Title** — Authors [[paper]](...)": retarget_labels gives it the title
    return Link(text=title, url=link.url, arxiv=link.arxiv)


def _flatten_inline(children: list[Token]) -> tuple[str, list[Link], list[str]]:
    """Plain text of an inline run, its links, and emphasised phrases."""
    parts: list[str] = []
    links: list[Link] = []
    marked: list[str] = []
    link_href: str | None = None
    link_start = 0
    emphasis_start: list[int] = []
    for child in children:
        kind = child.type
        if kind in {"text", "code_inline"}:
            parts.append(child.content)
        elif kind in {"softbreak", "hardbreak"}:
            parts.append(" ")
        elif kind == "link_open":
            link_href = str(child.attrs.get("href", ""))
            link_start = len(parts)
        elif kind == "link_close" and link_href is not None:
            label = "".join(parts[link_start:])
            if label.strip():
                link = make_link(strip_markup_leftovers(label), link_href)
                links.append(_named_by_text_before(link, "".join(parts[:link_start])))
            link_href = None
        elif kind in {"em_open", "strong_open"}:
            emphasis_start.append(len(parts))
        elif kind in {"em_close", "strong_close"} and emphasis_start:
            phrase = fold_space("".join(parts[emphasis_start.pop() :]))
            if phrase:
                marked.append(phrase)
        elif kind == "html_inline":
            continue  # tags only; the text between them arrives as text tokens
        # images are dropped: their alt text is not prose
    return "".join(parts), links, marked
