"""Works named by quoted titles: “Knowledge Flow – Improve upon your teachers”."""

from __future__ import annotations

import re

from bot.catalog.authors import authors_after
from bot.catalog.found import Candidate
from bot.catalog.notworks import names_something_else
from bot.catalog.words import title_case_ratio
from bot.models import Snippet

_QUOTED = re.compile(r"[“\"](?P<q>[^“”\"\n]{4,140}?)[”“\"]")


_CUE_BEFORE = re.compile(r"(?:paper|talk|poster|titled|called|workshop on|article|read)\W*$")
# "Zeynep Tufekci’s “While we’re all worried about ...”": a person's talk or paper.
_POSSESSIVE = re.compile(r"\b[A-Z][\w-]+['’]s\s{0,3}$")


def from_quotes(snippet: Snippet) -> list[Candidate]:
    out = []
    text = snippet.text
    for match in _QUOTED.finditer(text):
        quoted = match.group("q").strip(" .,")
        before = text[max(0, match.start() - 40) : match.start()]
        if names_something_else(before):
            continue
        cued = bool(_CUE_BEFORE.search(before.lower()) or _POSSESSIVE.search(before))
        after = authors_after(text, match.end())
        words = quoted.split()
        if len(words) < 2 or not (quoted[0].isupper() or after or cued):
            continue  # "mixup: Beyond Empirical Risk Minimization" (Zhang, ...) is a title
        if not (cued or after or (title_case_ratio(quoted) >= 0.6 and len(words) >= 3)):
            continue
        candidate = Candidate(quoted, snippet, "quoted", at=match.start())
        if after:
            candidate.authors = after[0]
        out.append(candidate)
    return out
