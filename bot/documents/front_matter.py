"""Metadata headers written above a report's body: YAML (---), TOML (+++), MultiMarkdown."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import yaml

from bot.documents.errors import UnreadableReport

_MMD_LINE = re.compile(r"^([A-Za-z][\w -]{0,40}):\s+(\S.{0,500})$")
_MMD_KEYS = frozenset(
    "title author authors date affiliation keywords tags summary description url "
    "base header level css subtitle".split()
)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """(metadata, body, 'YAML'|'TOML'|None) for a text that may open with front matter."""
    stripped = text.lstrip("\ufeff \t\n")
    for fence, kind in (("---", "YAML"), ("+++", "TOML")):
        if stripped.startswith(fence + "\n"):
            lines = stripped.split("\n")
            for index in range(1, min(len(lines), 500)):
                if lines[index].strip() in {fence, "..."}:
                    raw = "\n".join(lines[1:index])
                    return _parse(raw, kind), "\n".join(lines[index + 1 :]), kind
            raise UnreadableReport(
                f"front matter opened with '{fence}' on the first line is never closed "
                f"(add a closing '{fence}' line after the {kind} header)"
            )
    return {}, text, None


def _parse(raw: str, kind: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(raw) if kind == "YAML" else tomllib.loads(raw)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UnreadableReport(f"front matter is not valid {kind}: {first}") from None
    return data if isinstance(data, dict) else {}


def split_mmd_header(text: str) -> tuple[dict[str, Any], str]:
    """MultiMarkdown metadata: 'Key: value' lines opening the file, ended by a blank line.

    Only taken when the first line's key is one MultiMarkdown documents use (Title, Author,
    Date, ...), so prose that opens with 'Note: ...' stays prose.
    """
    lines = text.lstrip("\n").split("\n")
    meta: dict[str, Any] = {}
    end = next((i for i, line in enumerate(lines[:40]) if not line.strip()), None)
    if end is None:
        return {}, text
    for line in lines[:end]:
        match = _MMD_LINE.match(line)
        if not match:
            return {}, text
        meta[match.group(1).strip().lower()] = match.group(2).strip()
    if not meta or next(iter(meta)) not in _MMD_KEYS:
        return {}, text
    return meta, "\n".join(lines[end + 1 :])
