"""Where sentences start and end in a passage of prose (one pass, no look-behind scans).

A sentence ends at '.', '!', '?' or ';' (a list item's end, as the segmenter joins them)
followed by white space and a capital, a digit or an opening quote/bracket, unless the word
before the mark is an initial ('T.'), a common abbreviation ('et al.', 'e.g.', 'Fig.', 'vs.')
or a number ('2.5').
"""

from __future__ import annotations

import re

# Marks and closing quotes are bounded: over a run of "!!!!" an unbounded repeat would be
# retried from every character of it.
_CANDIDATE_END = re.compile(r"[.!?;…]{1,4}[\"”’)\]]{0,4}(?P<space>\s+)(?=[A-Z0-9“\"(\[‘'])")
_ABBREVIATIONS = frozenset(
    "al e.g i.e etc fig figs eq eqs vs cf dr mr mrs ms prof sec ch no vol pp approx ca resp "
    "inc ltd co jr sr st mt dept univ jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``, covering it in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE_END.finditer(text):
        if _not_an_end(text, match.start()):
            continue
        spans.append((start, match.start("space")))
        start = match.end()
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _not_an_end(text: str, mark: int) -> bool:
    """The mark closes an initial, an abbreviation or a number, not a sentence."""
    if text[mark] not in ".":
        return False
    word_start = text.rfind(" ", max(0, mark - 12), mark) + 1
    word = text[word_start:mark].lstrip("(“\"'").casefold()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "Lydia T. Liu"
    return word.rstrip(".") in _ABBREVIATIONS or (word.replace(".", "").isdigit() and "." in word)


def sentence_at(spans: list[tuple[int, int]], position: int) -> int:
    """The index of the sentence holding ``position`` (the last one past the end)."""
    low, high = 0, len(spans) - 1
    while low < high:
        middle = (low + high) // 2
        if spans[middle][1] <= position:
            low = middle + 1
        else:
            high = middle
    return max(0, low)
