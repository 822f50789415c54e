"""Web pages -> Document: the article, without the page around it.

trafilatura finds the article (blog engines, Medium, Substack, exported Google Docs, Notion
and Confluence pages) and reads the page's metadata (meta tags, OpenGraph, JSON-LD). Before
it runs, what no extractor knows about is removed: Google Docs margin comments, embedded
tweets, share/subscribe widgets, cookie banners and comment threads. When trafilatura's
article loses most of the page's headings (it falls back to a structure-blind baseline on
pages without an <article> or <main>), the cleaned page itself is read instead, so paper
titles written as headings survive.
"""

from __future__ import annotations

import re
from typing import Any

import trafilatura
from lxml import etree, html
from trafilatura.settings import set_date_params

from bot.documents.builder import DocumentBuilder
from bot.documents.errors import UnreadableReport
from bot.documents.html_walk import HtmlWalker
from bot.documents.metadata import merge_meta
from bot.documents.model import Document, Meta

# Class or id words of page furniture (matched against whole tokens of class/id values).
_CHROME_WORDS = frozenset(
    "cookie cookies consent gdpr banner subscribe subscription newsletter signup sign-up "
    "share sharing social sharedaddy related recommended recommendations sidebar widget "
    "widgets comments comment-list comment-respond disqus respond breadcrumb breadcrumbs "
    "menu navbar nav navigation header masthead topbar site-header site-footer footer popup "
    "modal advert ads "
    "advertisement promo paywall toc table-of-contents post-ufi like-button clap "
    "author-card author-box post-meta-share jp-relatedposts related-posts more-from "
    "subscription-widget-wrap button-wrapper captioned-button-wrap skip-link "
    "confluence-information-macro-icon page-metadata-modification-info attachments "
    "breadcrumb-section footer-body likes-and-labels-container comment-container".split()
)
_SPLIT_CLASS = re.compile(r"[\s]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,300}\?>", re.IGNORECASE)
_KEEP_HEADINGS = 0.5  # share of the page's headings an extraction must keep to be trusted
_MIN_HEADINGS = 3
_MIN_BREAKS = 5
_MIN_LOST_PAPERS = 1
_PAPER_HOST = re.compile(
    r"^https?://(?:www\.)?(?:arxiv\.org|openreview\.net|aclanthology\.org|doi\.org|"
    r"proceedings\.|papers\.nips\.cc|openaccess\.thecvf\.com|proceedings\.mlr\.press)"
)
_CARD_BLOCKS = frozenset({"div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "section"})
_MAX_PROPERTY_ROWS = 12
_PROPERTY_KEYS = {
    "created by": "author",
    "author": "author",
    "authors": "author",
    "owner": "author",
    "written by": "author",
    "date": "date",
    "created": "date",
    "published": "date",
    "tags": "tags",
}


def read_html(text: str, form: str = "html") -> Document:
    """Read a saved web page (or an HTML export) into a Document."""
    tree = parse_html(text)
    meta = _page_meta(text, tree)
    remove_chrome(tree)
    flatten_cards(tree)
    body = tree.find("body")
    if body is None:
        body = tree
    out = DocumentBuilder(form)
    article, why = _article(tree, body)
    HtmlWalker(out).walk(article if article is not None else body)
    if article is None:
        out.notes.append(f"read the whole page without its furniture: {why}")
    document = out.finish(meta)
    if not document.blocks:
        raise UnreadableReport("an HTML page with no readable text")
    return document


def parse_html(text: str) -> etree._Element:
    """An lxml tree of a page (an XML declaration at the top would make lxml refuse it)."""
    try:
        return html.document_fromstring(_XML_DECLARATION.sub("", text, count=1) or "<p></p>")
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableReport(f"HTML that cannot be parsed: {exc}") from None


def _page_meta(text: str, tree: etree._Element) -> Meta:
    meta = Meta()
    merge_meta(meta, property_table(tree))
    own_title = _own_title(tree)
    if own_title:
        meta.title = own_title
    try:
        # No extensive date search: it guesses a year from the title ("ICML 2016" -> 1 Jan).
        found = trafilatura.extract_metadata(tree, date_config=set_date_params(False))
    except Exception:  # metadata is a bonus: the article is still read
        found = None
    raw: dict[str, Any] = found.as_dict() if found is not None else {}
    raw.pop("body", None)
    raw.pop("commentsbody", None)
    raw.pop("filedate", None)  # the day the file was read, not written
    raw["site"] = raw.pop("sitename", None)
    merge_meta(meta, raw)
    return meta


def property_table(tree: etree._Element) -> dict[str, str]:
    """'Created by | Name', 'Date | ...' rows of a page's property table (Notion, wikis)."""
    fields: dict[str, str] = {}
    for table in tree.iter("table"):
        rows = [r for r in table.iter("tr")][: _MAX_PROPERTY_ROWS + 1]
        if not rows or len(rows) > _MAX_PROPERTY_ROWS:
            continue
        for row in rows:
            cells = [c for c in row if isinstance(c.tag, str) and c.tag in {"th", "td"}]
            if len(cells) != 2 or cells[0].tag != "th":
                break
            key = " ".join("".join(cells[0].itertext()).split()).lower()
            if key in _PROPERTY_KEYS:
                fields[_PROPERTY_KEYS[key]] = " ".join("".join(cells[1].itertext()).split())
        if fields:
            return fields
    return fields


def _own_title(tree: etree._Element) -> str | None:
    """The document's own title where the page's <title> is missing or wraps it: a Google
    Docs 'title' paragraph, or the heading a '<Site> : <Heading>' page title ends with."""
    head_title = _without_space_name(tree, " ".join((tree.findtext(".//title") or "").split()))
    marked = next(
        (el for el in tree.iter("p", "div", "h1") if "title" in (el.get("class") or "").split()),
        None,
    )
    if not head_title and marked is not None:
        return " ".join("".join(marked.itertext()).split()) or None
    raw_title = " ".join((tree.findtext(".//title") or "").split())
    if head_title != raw_title:
        return head_title
    for heading in tree.iter("h1"):
        text = " ".join("".join(heading.itertext()).split())
        if len(text) >= 8 and text != head_title and head_title.endswith(text):
            return text
        break
    return None


def _without_space_name(tree: etree._Element, title: str) -> str:
    """'Data Science Guild : KDD 2019 – Trip Report' -> the page's part, when the part before
    ' : ' is the name of the site or space the page links to (Confluence, wikis)."""
    head, separator, rest = title.partition(" : ")
    if not separator or not rest:
        return title
    links = {" ".join("".join(a.itertext()).split()) for a in tree.iter("a")}
    return rest if head in links else title


def remove_chrome(tree: etree._Element) -> None:
    """Drop page furniture, Google Docs comments and embedded tweets in place."""
    doomed = [el for el in tree.iter() if not isinstance(el.tag, str) or _is_chrome(el)]
    for anchor in tree.iter("a"):
        if (anchor.get("id") or "").startswith("cmnt"):
            # A Google Docs margin comment: the block that holds it is the comment.
            holder = next(anchor.iterancestors("div"), None)
            doomed.append(holder if holder is not None else anchor)
    for element in doomed:
        _drop(element)


def _paper_links(elements: Any, attribute: str) -> set[str]:
    return {url for el in elements if _PAPER_HOST.search(url := el.get(attribute) or "")}


def flatten_cards(tree: etree._Element) -> None:
    """Link cards (Notion bookmarks, embedded-post previews: a link wrapped around blocks)
    become a plain paragraph linking the card's title, so extraction keeps the link."""
    for anchor in list(tree.iter("a")):
        href = anchor.get("href") or ""
        blocks = [el for el in anchor.iterdescendants() if el.tag in _CARD_BLOCKS]
        if not href.startswith(("http://", "https://")) or not blocks:
            continue
        innermost = [el for el in blocks if not any(c.tag in _CARD_BLOCKS for c in el)]
        title = " ".join("".join((innermost or blocks)[0].itertext()).split())
        for child in list(anchor):
            anchor.remove(child)
        anchor.text = title or href
        holder = anchor.getparent()
        while holder is not None and holder.tag in {"div", "figure"} and len(holder) == 1:
            holder.tag = "p"
            holder = holder.getparent()


def _is_chrome(element: etree._Element) -> bool:
    tag = element.tag.lower()
    if tag in {"nav", "aside", "form", "footer", "script", "style", "noscript", "button"}:
        return True
    words = set(_SPLIT_CLASS.split(f"{element.get('class', '')} {element.get('id', '')}".lower()))
    if words & _CHROME_WORDS or "twitter-tweet" in words:
        return True
    return tag == "a" and (element.get("href") or "").startswith("#cmnt")


def _drop(element: etree._Element) -> None:
    """Remove an element but keep its tail text in the document."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _article(tree: etree._Element, body: etree._Element) -> tuple[etree._Element | None, str]:
    """trafilatura's article as an element tree, unless it lost the page's structure.

    Pages laid out with <br> instead of paragraphs are read from the cleaned page: the
    extraction splits their lines at inline elements and merges the blank lines between them.
    """
    breaks = sum(1 for _ in body.iter("br"))
    if breaks >= _MIN_BREAKS and breaks > 2 * sum(1 for _ in body.iter("p")):
        return None, "laid out with <br> rather than paragraphs"
    try:
        extracted = trafilatura.extract(
            tree,
            output_format="xml",
            include_links=True,
            include_formatting=True,
            include_tables=True,
            include_images=False,
            include_comments=False,
            favor_recall=True,
        )
    except Exception as exc:  # a failed extraction falls back to the cleaned page
        return None, f"the article extraction failed ({type(exc).__name__})"
    if not extracted:
        return None, "no article found"
    article = etree.fromstring(extracted.encode("utf-8"), etree.XMLParser(huge_tree=False))
    page_heads = sum(1 for el in body.iter("h2", "h3", "h4"))
    kept = sum(1 for _ in article.iter("head"))
    if page_heads >= _MIN_HEADINGS and kept < _KEEP_HEADINGS * page_heads:
        return None, f"the extracted article kept {kept} of the page's {page_heads} headings"
    page_papers = _paper_links(body.iter("a"), "href")
    lost = page_papers - _paper_links(article.iter("ref"), "target")
    if len(lost) >= _MIN_LOST_PAPERS:  # link-only paragraphs and cards are dropped as chrome
        return None, f"the extracted article lost {len(lost)} paper link(s)"
    main = article.find("main")
    return (main if main is not None else article), ""
