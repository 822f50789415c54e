"""HTML pages and fragments -> Blocks: the article only, without page chrome."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from bot.corpus.blocks import (
    Block,
    BlockKind,
    drop_link_labels,
    fold_space,
    make_link,
    retarget_labels,
)
from bot.corpus.cleaning import is_caption, strip_markup_leftovers
from bot.corpus.text_form import text_blocks

# Elements that are never prose.
_DROP_TAGS = "script, style, noscript, template, iframe, svg, canvas, form, button, input, select, textarea, img, picture, video, audio, figcaption, nav, aside, sup"
# Page chrome recognised by class or id words (cookie banners, sidebars, comments, sharing).
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:cookie|consent|gdpr|banner|sidebar|widget|comments?|respond|reply|share|"
    r"sharing|social|related|newsletter|subscribe|nav|navbar|menu|breadcrumbs?|footer|advert|"
    r"ads|promo|popup|modal|author-bio|bio|byline|tags|meta-data|site-header|button|btn|cta|"
    r"footnotes?)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BLOCK_SELECTOR = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, dd, dt"
_ARTICLE_SELECTORS = (
    "article",
    "main",
    "[role=main]",
    ".post-content",
    ".entry-content",
    ".article-content",
    ".post",
    "#content",
)


@dataclass(slots=True)
class HtmlPage:
    """What an HTML page yields: its blocks and the metadata its head declares."""

    blocks: list[Block]
    meta: dict[str, str] = field(default_factory=dict)


def html_page(html: str) -> HtmlPage:
    """Parse a whole page: metadata from <head>, blocks from the article."""
    tree = HTMLParser(html)
    meta = _head_meta(tree)
    _drop_chrome(tree)
    root = _article_root(tree)
    blocks = _blocks_under(root) if root is not None else []
    if root is not None and _covers_little(blocks, root):
        # Old-style pages put the text straight into <div>s and <br>s: read it as plain text,
        # each heading and line break where the page puts it.
        for node in root.css("h1, h2, h3, h4, h5, h6"):
            node.replace_with(f"\n\n{fold_space(node.text())}\n\n")
        for node in root.css("br"):
            node.replace_with("\n")
        blocks = text_blocks(root.text(separator="", strip=False))
    return HtmlPage(blocks=blocks, meta=meta)


def _covers_little(blocks: list[Block], root: Node) -> bool:
    """Whether the block elements hold less than half of the article's text."""
    total = len(fold_space(root.text(separator=" ")))
    covered = sum(len(block.text) for block in blocks if block.kind != "heading")
    return total > 0 and covered < total / 2


def html_fragment_blocks(html: str) -> list[Block]:
    """Blocks of an HTML fragment embedded in Markdown (tweets, scripts and images dropped)."""
    tree = HTMLParser(html)
    _drop_chrome(tree)
    root = tree.body or tree.root
    if root is None:
        return []
    blocks = _blocks_under(root)
    if blocks:
        return blocks
    text = fold_space(strip_markup_leftovers(root.text(separator=" ")))
    return [Block("para", text)] if text and not is_caption(text) else []


def _head_meta(tree: HTMLParser) -> dict[str, str]:
    meta: dict[str, str] = {}
    title = tree.css_first("title")
    if title is not None and title.text(strip=True):
        meta["title"] = fold_space(title.text())
    for node in tree.css("meta"):
        key = node.attributes.get("property") or node.attributes.get("name") or ""
        value = node.attributes.get("content") or ""
        if key and value:
            meta[key.lower()] = fold_space(value)
    if "author" not in meta:
        # Bylines are chrome and dropped with it, but first they name the author.
        for selector in (
            "[rel=author]",
            "[itemprop=author]",
            ".byline .author",
            ".byline a",
            ".author-name",
            ".post-author",
            ".author a",
        ):
            found = tree.css_first(selector)
            if found is not None and found.text(strip=True):
                meta["author"] = fold_space(found.text())
                break
    h1 = tree.css_first("article h1") or tree.css_first("h1")
    if h1 is not None and h1.text(strip=True):
        meta["h1"] = fold_space(h1.text())
    return meta


def _drop_chrome(tree: HTMLParser) -> None:
    for node in tree.css(_DROP_TAGS):
        node.decompose()
    for node in tree.css("blockquote.twitter-tweet, blockquote.instagram-media, .tweet"):
        node.decompose()
    for node in tree.css("header, footer"):
        # An article's own header holds its title; the page's header and footer are chrome.
        if not _inside(node, "article"):
            node.decompose()
    for node in tree.css("[class], [id]"):
        words = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if node.tag not in {"html", "body", "article", "main"} and _CHROME.search(words):
            node.decompose()


def _inside(node: Node, tag: str) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


def _article_root(tree: HTMLParser) -> Node | None:
    for selector in _ARTICLE_SELECTORS:
        candidates = tree.css(selector)
        if candidates:
            return max(candidates, key=lambda n: len(n.text(strip=True)))
    return tree.body or tree.root


def _blocks_under(root: Node) -> list[Block]:
    blocks: list[Block] = []
    for node in root.css(_BLOCK_SELECTOR):
        if _has_block_ancestor(node, root):
            continue
        block = _node_block(node)
        if block is not None:
            blocks.append(block)
    return blocks


def _has_block_ancestor(node: Node, root: Node) -> bool:
    parent = node.parent
    while parent is not None and parent is not root and parent.mem_id != root.mem_id:
        if parent.tag in {"p", "li", "blockquote", "pre", "dd", "dt"}:
            return True
        parent = parent.parent
    return False


def _node_block(node: Node) -> Block | None:
    text = fold_space(drop_link_labels(strip_markup_leftovers(node.text(separator=" "))))
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    if not text or (is_caption(text) and len(text) < 200):
        return None
    links = [
        make_link(a.text(separator=" "), a.attributes.get("href") or "")
        for a in node.css("a")
        if a.attributes.get("href") and a.text(strip=True)
    ]
    marked = [fold_space(m.text()) for m in node.css("em, i, cite") if m.text(strip=True)]
    marked += [fold_space(m.text()) for m in node.css("strong, b") if m.text(strip=True)]
    tag = node.tag or ""
    if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
        text = re.sub(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[IVX]{1,4}\.)\s+(?=\S)", "", text)
        return Block("heading", text, level=int(tag[1]), links=links, marked=marked)
    kinds: dict[str, BlockKind] = {"li": "item", "blockquote": "quote"}
    kind = kinds.get(tag, "para")
    block = Block(kind, text, level=1 if kind == "item" else 0, links=links, marked=marked)
    retarget_labels(block)
    return block
