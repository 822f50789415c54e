"""MDX components as prose: ``<PaperCard title="..." url="..." authors="..."/>`` becomes a
linked title followed by its authors and venue, the way the page renders it."""

from __future__ import annotations

import re

from bot.documents.inline import InlineText
from bot.documents.links import clean_url

_COMPONENT = re.compile(
    r"<([A-Z][\w.]{0,60})((?:\s+[\w:-]{1,40}(?:=(?:\"[^\"]{0,2000}\"|'[^']{0,2000}'|\{[^{}]{0,2000}\}))?){0,40})\s*/?>"
)
_PROP = re.compile(r"([\w:-]{1,40})=(?:\"([^\"]{0,2000})\"|'([^']{0,2000})'|\{([^{}]{0,2000})\})")
_TITLE_PROPS = ("title", "name", "paper", "heading", "label")
_URL_PROPS = ("url", "href", "link", "arxiv", "paperurl", "pdf")
_PEOPLE_PROPS = ("authors", "author", "by", "speaker", "speakers")
_VENUE_PROPS = ("venue", "conference", "year")
_TEXT_PROPS = ("summary", "description", "note", "tldr", "children", "text", "quote")


def component_blocks(content: str) -> list[InlineText]:
    """One paragraph per component that carries a title or text; the rest is page code."""
    found: list[InlineText] = []
    for match in _COMPONENT.finditer(content):
        text = InlineText()
        if write_component(match, text):
            found.append(text)
    inner = _COMPONENT.sub(" ", content)
    inner = re.sub(r"</[A-Z][\w.]{0,60}>", " ", inner)
    if inner.strip():
        plain = InlineText()
        plain.text(re.sub(r"<[^<>\n]{0,300}>", " ", inner))
        found.append(plain)
    return found


def inline_component(tag: str, out: InlineText) -> None:
    """A component written inside a paragraph (a tag spanning lines is inline in Markdown)."""
    match = _COMPONENT.match(tag.strip())
    if match:
        write_component(match, out)


def write_component(match: re.Match[str], text: InlineText) -> bool:
    """Write a component's title (linked), people and text; False when it carries none."""
    props = {m.group(1).lower(): _value(m) for m in _PROP.finditer(match.group(2))}
    title = next((props[p] for p in _TITLE_PROPS if props.get(p)), "")
    if title:
        url = _url(next((props[p] for p in _URL_PROPS if props.get(p)), ""))
        text.open("strong")
        if url:
            text.open("link", url)
        text.text(title)
        if url:
            text.close("link")
        text.close("strong")
    extra = [props[p] for p in (*_PEOPLE_PROPS, *_VENUE_PROPS) if props.get(p)]
    if extra and title:
        text.text(" — " + ", ".join(extra) + ".")
    body = next((props[p] for p in _TEXT_PROPS if props.get(p)), "")
    if body:
        text.text(" " + body)
    return bool(title or body)


def _value(match: re.Match[str]) -> str:
    raw = next((g for g in match.groups()[1:] if g is not None), "")
    raw = raw.strip()
    if raw.startswith(("[", "'", '"', "`")):  # {["A", "B"]} or {"text"} or {`text`}
        raw = ", ".join(re.findall(r"[\"'`]([^\"'`]{1,300})[\"'`]", raw)) or raw
    return " ".join(raw.split())


def _url(value: str) -> str:
    if re.fullmatch(r"\d{4}\.\d{4,5}", value):
        return f"https://arxiv.org/abs/{value}"
    return clean_url(value) if value.startswith(("http://", "https://")) else ""
