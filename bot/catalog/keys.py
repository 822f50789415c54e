"""The one title key the catalog and lookup share, and the other keys a naming is known by."""

from __future__ import annotations

import re
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w]+")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_MAX_HEAD_WORDS = 10


@lru_cache(maxsize=1 << 16)  # the same titles are keyed again and again while merging
def normalise_title(title: str) -> str:
    """Case, punctuation and a leading article do not tell two titles apart."""
    folded = _NON_WORD.sub(" ", title.casefold()).strip()
    return _LEADING_ARTICLE.sub("", folded)


_HEAD_SEPARATOR = re.compile(r":\s|\s[–—-]\s")
# A dash also sets off a clause inside a title ('Why and When Can Deep - but Not Shallow -
# Networks ...'); only a short name before it is a head ('Knowledge Flow – Improve upon ...').
_MAX_DASH_HEAD_WORDS = 4


def head_of(title: str) -> str | None:
    """The part before a colon or a spaced dash ('Knowledge Flow – Improve upon ...')."""
    for match in _HEAD_SEPARATOR.finditer(title):
        head = title[: match.start()].strip()
        if match.group().startswith(":") or len(head.split()) <= _MAX_DASH_HEAD_WORDS:
            return head if title[match.end() :].strip() else None
    return None


def head_key(title: str | None) -> str | None:
    """'SinGAN: Learning a Generative Model ...' is also known by what precedes the colon."""
    head = head_of(title) if title else None
    if head is None:
        return None
    words = head.split()
    if len(words) > _MAX_HEAD_WORDS or (len(words) == 1 and not any(c.isupper() for c in head[1:])):
        return None  # a long clause, or a plain word ("Code"), is no name
    key = normalise_title(head)
    return key if len(key) >= 4 else None


def is_stop_title(title: str, stop: set[str]) -> bool:
    """A conference name, alone or with a year or 'website' ('ICLR 2019', 'ICLR website')."""
    words = [w for w in normalise_title(title).split() if not w.isdigit()]
    while words and words[-1] in {"website", "site", "homepage", "conference", "page"}:
        words.pop()
    return " ".join(words) in stop


def slug(title: str) -> str:
    """A readable id part for a title ('lottery-ticket-hypothesis')."""
    return "-".join(normalise_title(title).split())[:80] or "untitled"
