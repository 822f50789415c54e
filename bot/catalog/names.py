"""The names an entry is known by, kept distinct from each other and from its title."""

from __future__ import annotations

from collections.abc import Iterable

from bot.catalog import normalise_title


def distinct_aliases(aliases: Iterable[str], title: str) -> list[str]:
    """``aliases`` once each, in order, none the same as ``title`` (up to case and
    punctuation) or empty."""
    seen = {normalise_title(title)}
    kept = []
    for alias in aliases:
        key = normalise_title(alias)
        if key and key not in seen:
            seen.add(key)
            kept.append(alias)
    return kept
