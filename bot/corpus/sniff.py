"""Tell a report's form from its content (never its extension), and split off front matter."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import yaml

from bot.corpus.reading import UnreadableReport

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b)", re.IGNORECASE)
_HTML_BLOCK_TAG = re.compile(r"<(?:p|div|article|section|h[1-6]|ul|li|table)\b", re.IGNORECASE)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)
_MD_LINK = re.compile(r"\[[^\]\n]+\]\([^)\s]+\)")
_MD_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__)[^*_\n]+\1")


@dataclass(slots=True)
class Sniffed:
    """A report's form, its front matter (if any) and the body after it."""

    form: str  # markdown | html | text
    body: str
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_kind: str | None = None  # yaml | toml


def sniff(text: str) -> Sniffed:
    """Detect the form by content and parse any YAML (---) or TOML (+++) front matter."""
    stripped = text.lstrip("\ufeff \t\n")
    for fence, kind in (("---", "yaml"), ("+++", "toml")):
        if stripped.startswith(fence + "\n") or stripped == fence:
            meta, body = _split_front_matter(stripped, fence, kind)
            return Sniffed(_body_form(body, default="markdown"), body, meta, kind)
    return Sniffed(_body_form(text, default="text"), text)


def _split_front_matter(text: str, fence: str, kind: str) -> tuple[dict[str, Any], str]:
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].strip() == fence:
            raw = "\n".join(lines[1:index])
            return _parse_front_matter(raw, kind), "\n".join(lines[index + 1 :])
    raise UnreadableReport(
        f"front matter opened with '{fence}' on the first line is never closed "
        f"(add a closing '{fence}' line after the {kind.upper()} header)"
    )


def _parse_front_matter(raw: str, kind: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(raw) if kind == "yaml" else tomllib.loads(raw)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UnreadableReport(f"front matter is not valid {kind.upper()}: {first_line}") from None
    return data if isinstance(data, dict) else {}


def refuse_data_files(text: str) -> None:
    """Tables and JSON documents sit beside reports (query lists, exports): not prose."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) >= 3:
        tabbed = sum(1 for line in lines if "\t" in line.strip())
        if tabbed / len(lines) > 0.5:
            raise UnreadableReport("tab-separated data, not a report")
        commas = [line.count(",") for line in lines[:50]]
        if min(commas) >= 2 and len(set(commas)) == 1 and len(lines[0]) < 300:
            raise UnreadableReport("comma-separated data, not a report")
    head = text.lstrip()[:1]
    if head in {"{", "["}:
        try:
            json.loads(text)
        except ValueError:
            return
        raise UnreadableReport("JSON data, not a report")


def _body_form(body: str, default: str) -> str:
    if _HTML_START.match(body):
        return "html"
    html_tags = len(_HTML_BLOCK_TAG.findall(body[:20000]))
    # Bullet lists are not a signal: plain-text notes use "-" and "*" bullets just as much.
    md_signals = (
        len(_MD_HEADING.findall(body))
        + len(_MD_LINK.findall(body))
        + len(_MD_EMPHASIS.findall(body)) // 3
    )
    if html_tags >= 5 and html_tags > 2 * md_signals and _mostly_tagged(body):
        return "html"
    if md_signals >= 2:
        return "markdown"
    return default


def _mostly_tagged(body: str) -> bool:
    """Most non-blank lines begin inside markup: a page, not Markdown with a few tags."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if not lines:
        return False
    tagged = sum(1 for line in lines if line.startswith("<"))
    return tagged / len(lines) > 0.5
