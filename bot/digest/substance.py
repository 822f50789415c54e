"""Whether a quote says something about the work it is posted for, or only names it.

"Follow up read: “Do GANs actually learn the distribution?”" and "Typical networks like the
RelationalNet, FiLM, and MAC can not generalize ..." name works in passing: posted under one of
them, the reader learns nothing about it. A quote must keep some words of its own for each
work it names once the names are taken out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WORDS_PER_WORK = 7  # words a quote keeps per work it names (calibrated on the shipped corpus)
_WORD = re.compile(r"[^\W\d_]{3,}")  # words of three letters or more: no "of", "a", years


def says_something(quote: str, names_by_work: Iterable[Iterable[str]]) -> bool:
    """The quote keeps WORDS_PER_WORK words for each work whose name it holds, once those
    names are removed. Names are matched ignoring case, the longest of each work first."""
    rest = quote.casefold()
    named = 0
    for names in names_by_work:
        found = False
        for name in sorted({n.casefold() for n in names if len(n) >= 2}, key=len, reverse=True):
            if name in rest:
                rest = rest.replace(name, " ")
                found = True
        named += found
    return len(_WORD.findall(rest)) >= WORDS_PER_WORK * max(1, named)
