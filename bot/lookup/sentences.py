"""Where sentences end in a snippet: the seams passages are cut at and excerpts trimmed to.

The pattern only starts matching at sentence punctuation, so it costs next to nothing on the
letters in between; abbreviations ("et al.", "e.g.", "J. Smith") are ruled out afterwards by
looking at the one word before the full stop, not by look-behinds tried at every character.
"""

from __future__ import annotations

import re

# . ! ? … or the "; " that joins list items, maybe closing quotes or brackets, then space.
_END = re.compile(r"[.!?…;][\"'”’)\]]{0,3}\s+")
# Words after which a full stop ends no sentence (lower-cased, without the stop).
_ABBREVIATIONS = frozenset(
    "al e.g i.e eg ie vs cf fig figs eq eqs sec no dr mr mrs ms prof st approx resp incl".split()
)


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` closes an abbreviation or an initial."""
    if text[stop] != ".":
        return False
    start = max(text.rfind(" ", 0, stop), text.rfind("(", 0, stop)) + 1
    word = text[start:stop]
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. Smith"
    return word.casefold() in _ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) character spans of the sentences of ``text``, in order, covering it."""
    spans = []
    start = 0
    for match in _END.finditer(text):
        if _is_abbreviation(text, match.start()):
            continue
        end = match.end()
        spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def sentence_starts(text: str) -> list[int]:
    """Where each sentence of ``text`` starts."""
    return [start for start, _ in sentence_spans(text)]


def sentence_ends(text: str, start: int, stop: int) -> list[int]:
    """The ends (just past the punctuation) of the sentences ending in ``text[start:stop]``."""
    return [
        match.start() + 1
        for match in _END.finditer(text, start, stop)
        if not _is_abbreviation(text, match.start())
    ]
