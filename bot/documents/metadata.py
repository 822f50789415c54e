"""Metadata as each form states it (front matter, #+TITLE, \\title, HTML meta, mail headers)
-> the one Meta every reader returns."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from dateutil import parser as dateparser

from bot.documents.model import Meta

# Keys the forms use for each field, most specific first (lower-cased before lookup).
TITLE_KEYS = ("title", "headline", "og:title", "twitter:title", "dc.title", "name", "subject")
AUTHOR_KEYS = (
    "author",
    "authors",
    "creator",
    "dc.creator",
    "article:author",
    "by",
    "byline",
    "from",
)
DATE_KEYS = (
    "date",
    "published",
    "datepublished",
    "article:published_time",
    "pubdate",
    "publishdate",
    "publish_date",
    "created",
    "revdate",
    "dc.date",
    "datecreated",
)
URL_KEYS = ("url", "permalink", "canonical_url", "canonical", "og:url", "link")
DESCRIPTION_KEYS = ("description", "summary", "abstract", "subtitle", "og:description")
KEYWORD_KEYS = ("tags", "keywords", "categories", "category", "filetags", "article:tag")
SITE_KEYS = ("blog_title", "site", "site_name", "og:site_name", "publisher", "organization")

_EMAIL = re.compile(r"\s{0,4}[<(]?[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}[>)]?")
_NAME_SPLIT = re.compile(r"\s{0,4}(?:;|,\s{0,4}(?:and\s{1,4})?|\s{1,4}and\s{1,4}|&)\s{0,4}")
_HANDLE = re.compile(r"^@\w{1,40}$")
_NOT_A_NAME = re.compile(r"\d|https?:|www\.|^(?:admin|editor|staff|guest|unknown)$", re.I)


def merge_meta(meta: Meta, raw: Mapping[str, Any]) -> None:
    """Fill the fields of ``meta`` still empty from ``raw`` (keys compared lower-cased)."""
    lowered = {str(k).lower(): v for k, v in raw.items()}
    if not meta.title:
        meta.title = _first_text(lowered, TITLE_KEYS)
    if not meta.authors:
        meta.authors = _first_names(lowered)
    if meta.published is None:
        meta.published = next(
            (d for d in (parse_date(lowered.get(k)) for k in DATE_KEYS) if d), None
        )
    if not meta.url:
        url = _first_text(lowered, URL_KEYS)
        meta.url = url if url and url.startswith(("http://", "https://")) else None
    if not meta.description:
        meta.description = _first_text(lowered, DESCRIPTION_KEYS)
    if not meta.keywords:
        meta.keywords = _keywords(lowered)
    if not meta.site:
        meta.site = _first_text(lowered, SITE_KEYS)


def _first_text(raw: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = raw.get(key)
        if isinstance(value, list) and value and isinstance(value[0], str):
            value = value[0]
        if isinstance(value, dict):
            value = value.get("name") or value.get("title")
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:300]
    return None


def _first_names(raw: Mapping[str, Any]) -> list[str]:
    for key in AUTHOR_KEYS:
        names = person_names(raw.get(key))
        if names:
            return names
    return []


def person_names(value: Any) -> list[str]:
    """Names from a metadata value: 'A and B', 'A, B', ['A', {'name': 'B'}], 'A <a@b.c>'."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[:50]:
        if isinstance(item, dict):
            item = item.get("name") or item.get("display_name")
        if not isinstance(item, str):
            continue
        cleaned = _EMAIL.sub("", item[:400]).strip(" \"'<>()")
        for part in _NAME_SPLIT.split(cleaned):
            name = " ".join(part.split()).strip(" \"'")
            if _plausible_name(name) and name not in names:
                names.append(name)
    return names


def _plausible_name(name: str) -> bool:
    words = name.split()
    return (
        1 <= len(words) <= 6
        and not _NOT_A_NAME.search(name)
        and (bool(_HANDLE.match(name)) or name[:1].isupper() or len(words) >= 2)
    )


def _keywords(raw: Mapping[str, Any]) -> list[str]:
    for key in KEYWORD_KEYS:
        value = raw.get(key)
        if isinstance(value, str) and value.strip():
            return [w.strip(" #") for w in re.split(r"[,;:]", value) if w.strip(" #")][:30]
        if isinstance(value, list) and value:
            return [str(v).strip() for v in value if str(v).strip()][:30]
    return []


def parse_date(value: object) -> date | None:
    """A date from metadata or text ('2019/06/20', '<2019-05-10 Fri>', '16 May 2019')."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, list) and value:
        return parse_date(value[0])
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        return None
    cleaned = value.strip().strip("<>[]")
    try:
        parsed = dateparser.parse(cleaned, dayfirst=False, fuzzy=True)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if 1980 <= parsed.year <= 2100 else None
