"""One Document -> one Report: the prose, the preamble peeled, metadata, sections, snippets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.calendar import Calendar
from bot.corpus.bylines import Byline, stated_authors, take_preamble
from bot.corpus.metadata import (
    city_from_text,
    dates_from_text,
    find_conference,
    find_date,
    resolve_year,
)
from bot.corpus.prose import prose_blocks, text_blocks
from bot.corpus.segment import segment
from bot.documents import Block, Document, UnreadableReport
from bot.models import Report

_CONFERENCE_CHARS = 200_000


def report_from_document(
    document: Document, report_id: str, file: str, calendar: Calendar
) -> Report:
    """Turn a read Document into a Report; raise UnreadableReport when no prose is left."""
    meta = document.meta
    title, byline, blocks = take_preamble(text_blocks(document.blocks), take_title=not meta.title)
    blocks = prose_blocks(blocks)
    if meta.title and blocks and _same_text(blocks[0], meta.title):
        blocks = blocks[1:]  # the page's own <h1>/# title repeats the declared title
    if not any(block.kind != "heading" for block in blocks):
        raise UnreadableReport("no prose found (nothing but headings, bylines or markup)")
    report = Report(
        id=report_id,
        file=file,
        form=document.form,
        encoding=document.encoding,
        repairs=list(document.notes),
        title=meta.title or title or Path(report_id).stem,
        authors=_authors(meta.authors, byline) or stated_authors(document.blocks),
        published=meta.published or byline.published or _date_in_lead(blocks),
        url=meta.url,
        site=meta.site,
    )
    _place_in_calendar(report, meta, blocks, calendar)
    report.sections, report.snippets = segment(report_id, blocks)
    return report


def _same_text(block: Block, text: str) -> bool:
    return block.kind in {"heading", "para"} and (
        block.text.casefold() == " ".join(text.split()).casefold()
    )


def _authors(declared: list[str], byline: Byline) -> list[str]:
    names = list(declared)
    names.extend(name for name in byline.authors if name not in names)
    return names


def _date_in_lead(blocks: list[Block]) -> Any:
    for block in blocks[:3]:
        if len(block.text) < 80:
            found = find_date(block.text)
            if found:
                return found
    return None


def _opening(blocks: list[Block]) -> str:
    """The first _CONFERENCE_CHARS of the report: where it names its conference and dates
    (scanning a 5 MB report end to end for conference names cost half a second)."""
    parts: list[str] = []
    size = 0
    for block in blocks:
        parts.append(block.text)
        size += len(block.text)
        if size >= _CONFERENCE_CHARS:
            break
    return "\n".join(parts)


def _place_in_calendar(report: Report, meta: Any, blocks: list[Block], calendar: Calendar) -> None:
    """Conference and year from the text; dates and city from the calendar, else the text."""
    lead = " ".join(b.text for b in blocks[:4])
    body = _opening(blocks)
    described = " ".join([meta.description or "", " ".join(meta.keywords), meta.site or ""])
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
