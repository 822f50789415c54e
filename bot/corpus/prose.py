"""Which blocks of a Document are the report's prose: what no parser can tell.

Code, captions and figure-caption quotes are dropped; so are sign-offs, comment forms and
sharing lines; the bio, sharing and comment sections a copied web page ends with are cut;
e-mail addresses are removed from what stays.
"""

from __future__ import annotations

import re

from bot.catalog.titles import looks_like_author_list, title_start_before
from bot.corpus.blocks import LABEL_IN_TEXT, is_generic_label
from bot.corpus.bylines import is_signoff
from bot.corpus.cleaning import EMAIL, is_article_end, is_caption
from bot.documents import Block, Span
from bot.documents.edit import remove_matches

_KEPT = frozenset({"heading", "para", "item", "quote", "row", "reference", "footnote"})
_NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}[.)]|[IVX]{1,4}\.)\s{1,4}(?=\S)")


def text_blocks(blocks: list[Block]) -> list[Block]:
    """Blocks of text people read: no code, captions or table header rows."""
    kept = []
    for block in blocks:
        if block.kind not in _KEPT or (block.kind == "row" and block.level):
            continue
        if block.kind != "heading" and _caption(block):
            continue
        if block.kind == "heading" and (
            block.text[:1].isdigit() or block.text[:1] in {"I", "V", "X"}
        ):
            remove_matches(block, _NUMBERED_HEADING)  # "## 2. Implicit depth"
        _resource_labels(block)
        if block.text:
            kept.append(block)
    return kept


def _resource_labels(block: Block) -> None:
    """'**Title** [paper](arxiv) [code](github)', 'Title [[arXiv]](url)': a resource label's
    link belongs to the title it stands by; the labels themselves are not prose."""
    labels = [s for s in block.spans if s.kind == "link" and is_generic_label(_text(block, s))]
    if not labels:
        if "[" in block.text or "(" in block.text:
            remove_matches(block, LABEL_IN_TEXT)
        return
    lead = _lead_title(block, labels[0].start)
    spans = [s for s in block.spans if s not in labels]
    paper_link = next((s for s in labels if _paper_host(s.target)), None)
    if lead is not None and paper_link is not None:
        spans.append(Span("link", lead[0], lead[1], paper_link.target))
    block.spans = tuple(sorted(spans, key=lambda s: (s.start, -s.end)))
    remove_matches(block, LABEL_IN_TEXT)


def _lead_title(block: Block, label_at: int) -> tuple[int, int] | None:
    """The title a label stands by: marked text opening the block, or the words before it."""
    for span in block.spans:
        if span.kind in {"strong", "emph"} and span.start == 0 and span.end <= label_at:
            return span.start, span.end
    window = max(0, label_at - 300)
    before = block.text[window:label_at].rstrip(" [(")
    start = window + title_start_before(before, len(before))
    end = window + len(before)
    title = block.text[start:end].strip(" —–-")
    if len(title.split()) < 2 or looks_like_author_list(title):
        return None
    return start, start + len(block.text[start:end].rstrip(" —–-"))


def _paper_host(url: str) -> bool:
    return any(host in url for host in ("arxiv.org", "openreview.net", "aclanthology", "doi.org"))


def _text(block: Block, span: Span) -> str:
    return block.text[span.start : span.end]


def prose_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks worth segmenting (after the preamble is peeled), cleaned in place."""
    kept = []
    for block in _before_article_end(blocks):
        if block.kind != "heading" and is_signoff(block):
            continue
        if "@" in block.text:
            remove_matches(block, EMAIL)
        if block.text:
            kept.append(block)
    # A trailing heading with nothing under it ("Leave a Reply" sections) is not content.
    while kept and kept[-1].kind == "heading":
        kept.pop()
    return kept


def _caption(block: Block) -> bool:
    return is_caption(block.text) and (block.kind == "quote" or len(block.text) < 200)


def _before_article_end(blocks: list[Block]) -> list[Block]:
    """Cut the bio, sharing and comment sections a copied web page ends with. Only in the
    second half of a report: a heading 'About me' at the top is an introduction."""
    for index in range(len(blocks) // 2, len(blocks)):
        if is_article_end(blocks[index].text):
            return blocks[:index]
    return blocks
