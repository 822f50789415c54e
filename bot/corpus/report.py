"""One file -> one Report: decode, sniff, read blocks, peel the preamble, metadata, snippets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.calendar import Calendar
from bot.corpus.blocks import Block
from bot.corpus.bylines import Byline, is_signoff, split_names, take_preamble
from bot.corpus.cleaning import is_article_end, remove_emails
from bot.corpus.html_form import html_page
from bot.corpus.markdown_form import markdown_blocks
from bot.corpus.metadata import (
    city_from_text,
    dates_from_text,
    find_conference,
    find_date,
    parse_date,
    resolve_year,
)
from bot.corpus.reading import UnreadableReport, read_report_text
from bot.corpus.segment import segment
from bot.corpus.sniff import refuse_data_files, sniff
from bot.corpus.text_form import text_blocks
from bot.models import Report


def ingest_file(path: Path, report_id: str, max_bytes: int, calendar: Calendar) -> Report:
    """Ingest one report file; raise UnreadableReport with a plain reason when it is not one."""
    decoded = read_report_text(path, max_bytes)
    refuse_data_files(decoded.text)
    sniffed = sniff(decoded.text)
    meta: dict[str, Any] = dict(sniffed.front_matter)
    if sniffed.form == "html":
        page = html_page(sniffed.body)
        blocks, page_meta = page.blocks, page.meta
    else:
        blocks = (
            markdown_blocks(sniffed.body)
            if sniffed.form == "markdown"
            else text_blocks(sniffed.body)
        )
        page_meta = {}
    declared_title = _first_str(meta, "title", "header") or _first_str(
        page_meta, "og:title", "h1", "title"
    )
    title, byline, blocks = take_preamble(blocks, take_title=not declared_title)
    if declared_title and blocks and _same_text(blocks[0], declared_title):
        blocks = blocks[1:]  # the page's own <h1>/# title repeats the declared title
    blocks = _prose_blocks(blocks)
    if not blocks:
        raise UnreadableReport("no prose found (nothing but headings, bylines or markup)")
    report = Report(
        id=report_id,
        file=str(path),
        form=sniffed.form,
        encoding=decoded.encoding,
        repairs=list(decoded.repairs),
        title=declared_title or title or path.stem,
        authors=_authors(meta, page_meta, byline),
        published=_published(meta, page_meta, byline, blocks),
        url=_first_str(meta, "url", "permalink", "canonical_url") or page_meta.get("og:url"),
    )
    if sniffed.front_matter_kind:
        report.repairs.append(f"read {sniffed.front_matter_kind.upper()} front matter")
    _place_in_calendar(report, meta, blocks, calendar)
    report.sections, report.snippets = segment(report_id, blocks)
    return report


def _same_text(block: Block, text: str) -> bool:
    return block.kind == "heading" and block.text.casefold() == " ".join(text.split()).casefold()


def _prose_blocks(blocks: list[Block]) -> list[Block]:
    """Drop sign-offs and boilerplate; strip e-mail addresses from what stays."""
    kept = []
    for block in _before_article_end(blocks):
        if block.kind != "heading" and is_signoff(block):
            continue
        block.text = remove_emails(block.text)
        if block.text:
            kept.append(block)
    # A trailing heading with nothing under it ("Leave a Reply" sections) is not content.
    while kept and kept[-1].kind == "heading":
        kept.pop()
    return kept


def _before_article_end(blocks: list[Block]) -> list[Block]:
    """Cut the bio, sharing and comment sections a copied web page ends with. Only in the
    second half of a report: a heading 'About me' at the top is an introduction."""
    for index in range(len(blocks) // 2, len(blocks)):
        if is_article_end(blocks[index].text):
            return blocks[:index]
    return blocks


def _first_str(meta: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def _authors(meta: dict[str, Any], page_meta: dict[str, str], byline: Byline) -> list[str]:
    raw = meta.get("authors") or meta.get("author") or page_meta.get("author")
    names: list[str] = []
    for item in raw if isinstance(raw, list) else [raw] if raw else []:
        value = item.get("name") if isinstance(item, dict) else item
        if isinstance(value, str) and value.strip():
            names.extend(split_names(value) or [value.strip()])
    for name in byline.authors:
        if name not in names:
            names.append(name)
    return names


def _published(
    meta: dict[str, Any], page_meta: dict[str, str], byline: Byline, blocks: list[Block]
) -> Any:
    for key in ("date", "published", "pubDate", "publishDate", "created"):
        found = parse_date(meta.get(key))
        if found:
            return found
    for key in ("article:published_time", "date", "dc.date", "pubdate"):
        found = parse_date(page_meta.get(key))
        if found:
            return found
    if byline.published:
        return byline.published
    for block in blocks[:3]:
        if len(block.text) < 80:
            found = find_date(block.text)
            if found:
                return found
    return None


def _place_in_calendar(
    report: Report, meta: dict[str, Any], blocks: list[Block], calendar: Calendar
) -> None:
    """Conference and year from the text; dates and city from the calendar, else the text."""
    lead = " ".join(b.text for b in blocks[:4])
    body = "\n".join(b.text for b in blocks)
    described = " ".join(
        str(meta.get(k, ""))
        for k in ("description", "keywords", "tags", "categories", "blog_title")
    )
    weighted = [
        (report.title, 6.0),
        (Path(report.id).stem.replace("-", " ").replace("_", " "), 2.0),
        (described, 3.0),
        (lead, 2.0),
        (body, 1.0),
    ]
    report.conference, report.year = find_conference(weighted, calendar)
    if report.conference and not report.year:
        report.year = resolve_year(report.conference, report.published, calendar)
    if not report.conference:
        report.problems.append("conference not recognised: no name like 'ICLR 2019' in the text")
        return
    edition = calendar.get(report.conference, report.year) if report.year else None
    if edition is not None:
        report.start_date, report.end_date = edition.start, edition.end
        report.city = "online" if edition.virtual else edition.city
        return
    report.start_date, report.end_date = dates_from_text(body, report.year)
    report.city = city_from_text(body)
    if not report.start_date:
        report.problems.append(
            f"{report.label} is not in the conference calendar and the report gives no dates"
        )
