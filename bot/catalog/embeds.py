"""A quoted embed names the work a link beside it only hints at.

Reports embed the tweet or quote that gives a paper's title ("Best Paper 2: Ordered Neurons:
Integrating Tree Structures into Recurrent Neural Networks") right after the paragraph that
links the paper under a phrase ("The [second paper] that got a best paper award presented an
extension for LSTMs ... to model tree structures"). The link and the title are one work when
the quote names exactly one work and the link's sentence shares the most words with it.
"""

from __future__ import annotations

import re
from collections import defaultdict

from bot.catalog.found import Candidate
from bot.documents.sentences import sentence_at, sentence_spans
from bot.models import Snippet

_WORD = re.compile(r"[^\W\d_][\w-]{3,}")
_COMMON = frozenset(
    "this that with from have been were their there they them what when where which while "
    "about into also more most some such than then these those very will would could should "
    "paper papers work works model models neural network networks learning deep using".split()
)
_MIN_SHARED = 2


def bind_embedded_titles(found: list[Candidate], snippets: list[Snippet]) -> None:
    """Give an untitled link's id and URL to the one title of the quote next to it."""
    base: dict[str, int] = {}  # each snippet's first block's place in the report
    offset = 0
    for snippet in snippets:
        base[snippet.id] = offset
        offset += len(snippet.parts)
    by_block: dict[int, list[Candidate]] = defaultdict(list)
    kinds: dict[int, str] = {}
    for candidate in found:
        index = _part_index(candidate)
        if index is not None and candidate.snippet.id in base:
            block = base[candidate.snippet.id] + index
            by_block[block].append(candidate)
            kinds[block] = candidate.snippet.parts[index].kind
    for block, named in list(by_block.items()):
        titled = [c for c in named if c.title and not c.descriptive]
        if kinds[block] != "quote" or len(titled) != 1 or titled[0].arxiv or titled[0].url:
            continue
        work = titled[0]
        beside = [
            c
            for step in (-2, -1, 1, 2)
            if kinds.get(block + step, "quote") != "quote"
            for c in by_block[block + step]
            if c.source == "link" and (c.arxiv or c.url) and (c.title is None or c.descriptive)
        ]
        link = _closest_link(beside, _words(_block_text(work)))
        if link is not None:
            work.arxiv, work.url = link.arxiv, link.url


def _part_index(candidate: Candidate) -> int | None:
    for index, part in enumerate(candidate.snippet.parts):
        if part.start <= candidate.at < part.end:
            return index
    return None


def _block_text(candidate: Candidate) -> str:
    index = _part_index(candidate)
    part = candidate.snippet.parts[index or 0]
    return candidate.snippet.text[part.start : part.end]


def _closest_link(links: list[Candidate], quote_words: set[str]) -> Candidate | None:
    """The link whose sentence shares the most words with the quote, if unambiguous."""
    scored = sorted(
        ((len(_words(_sentence_of(link)) & quote_words), i) for i, link in enumerate(links)),
        reverse=True,
    )
    if not scored or scored[0][0] < _MIN_SHARED:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return links[scored[0][1]]


def _sentence_of(candidate: Candidate) -> str:
    text = candidate.snippet.text
    spans = sentence_spans(text)
    if not spans:
        return ""
    start, end = spans[sentence_at(spans, candidate.at)]
    return text[start:end]


def _words(text: str) -> set[str]:
    return {w for w in (m.group().casefold() for m in _WORD.finditer(text)) if w not in _COMMON}
