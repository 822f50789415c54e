"""Which snippets discuss which works: the namings found in them, and every known title or
distinctive alias written anywhere else in the corpus."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from itertools import accumulate

import ahocorasick

from bot.catalog.found import Candidate
from bot.catalog.keys import normalise_title
from bot.models import Paper, Report, Snippet

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,60}")
_NON_WORD = re.compile(r"[^\w]+")
_TOKEN = re.compile(r"\w+")  # the words normalise_title keeps


Hits = dict[str, list[tuple[str, int, int]]]  # snippet id -> (paper id, start, end)


def attribute(
    groups: list[list[Candidate]], papers: list[Paper], reports: list[Report], matcher: TitleMatcher
) -> Hits:
    """Record on each snippet the papers it names directly or by a known title or alias;
    return where in each snippet each title or alias stands (for the quotes)."""
    direct: set[tuple[str, str]] = set()
    for group, paper in zip(groups, papers, strict=True):
        for candidate in group:
            _attach(candidate.snippet, paper.id)
            direct.add((candidate.snippet.report, paper.id))
    hits: Hits = {}
    for report in reports:
        for snippet in report.snippets:
            found = []
            for paper_id, short, start, end in matcher.find_at(snippet.text):
                # A two- or three-letter alias ("LT") or a citation by surnames ("Zhou et
                # al.") only counts where the report named the paper in full: elsewhere it is
                # too likely to mean something else.
                if not short or (report.id, paper_id) in direct:
                    _attach(snippet, paper_id)
                    found.append((paper_id, start, end))
            hits[snippet.id] = found
    return hits


def _attach(snippet: Snippet, paper_id: str) -> None:
    if paper_id not in snippet.papers:
        snippet.papers.append(paper_id)


class TitleMatcher:
    """Finds known titles and distinctive aliases in text, longest first, in linear time.

    Titles of two words or more are found by one Aho-Corasick automaton (pyahocorasick, in C)
    over the text's normalised words; acronyms by a set lookup of the text's words.
    """

    def __init__(self, papers: list[Paper]) -> None:
        self._phrases = ahocorasick.Automaton()
        self._acronyms: dict[str, list[str]] = defaultdict(list)
        names: dict[str, list[str]] = defaultdict(list)
        cited: set[str] = set()  # phrases that cite authors ("Zhou et al."): scoped to a report
        for paper in papers:
            for name in [paper.title, *paper.aliases]:
                tokens = normalise_title(name).split()
                if len(tokens) >= 2 and len(" ".join(tokens)) >= 10:
                    phrase = f" {' '.join(tokens)} "
                    names[phrase].append(paper.id)
                    if _CITATION.fullmatch(name.strip()):
                        cited.add(phrase)
                elif len(tokens) == 1 and _acronym(name):
                    self._acronyms[name].append(paper.id)
        for phrase, ids in names.items():
            words = phrase.count(" ") - 1
            value = (len(phrase), words, list(dict.fromkeys(ids)), phrase in cited)
            self._phrases.add_word(phrase, value)
        self._ready = bool(names)
        if self._ready:
            self._phrases.make_automaton()

    def find(self, text: str) -> list[tuple[str, bool]]:
        """(paper id, matched only by a short acronym) for each paper named in ``text``."""
        return list(
            dict.fromkeys((paper_id, short) for paper_id, short, _, _ in self.find_at(text))
        )

    def find_at(self, text: str) -> list[tuple[str, bool, int, int]]:
        """(paper id, by a short acronym only, start, end) for every naming in ``text``."""
        found: list[tuple[str, bool, int, int]] = []
        tokens = _NON_WORD.sub(" ", text.casefold()).split()
        if self._ready and len(tokens) >= 2:
            found.extend(self._phrase_hits(text, tokens))
        for word in set(_WORD.findall(text)) & self._acronyms.keys():
            at = _whole_word(text, word)
            for paper_id in self._acronyms[word]:
                found.append((paper_id, len(word) <= 3, at, at + len(word)))
        return found

    def _phrase_hits(self, text: str, tokens: list[str]) -> list[tuple[str, bool, int, int]]:
        """Longest phrases first, none overlapping another: the same choice a reader makes."""
        joined = f" {' '.join(tokens)} "
        found = list(self._phrases.iter(joined))
        if not found:
            return []  # most passages: no need to place their words
        # Where the space before each word stands in ``joined``: word k's is at spaces[k].
        spaces = [0, *accumulate(len(token) + 1 for token in tokens)]
        matches: list[tuple[int, int, list[str], bool]] = []
        for end, (length, words, ids, cited) in found:
            first = bisect_left(spaces, end - length + 1)  # the phrase's first word
            matches.append((first, first + words, ids, cited))
        matches.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        spans = _word_spans(text)
        taken_until = -1
        hits: list[tuple[str, bool, int, int]] = []
        for first, last, ids, cited in matches:
            if first < taken_until or last > len(spans):
                continue
            taken_until = last
            hits.extend((paper_id, cited, spans[first][0], spans[last - 1][1]) for paper_id in ids)
        return hits


# "Zhou et al.", "Frankle and Carbin", "Gonen & Goldberg": how one report cites a work; in
# another report the same surnames often cite another work of theirs.
_CITATION = re.compile(
    r"[A-Z][\w'’-]{1,30}(?:\s{1,3}et\s{1,3}al\.?|\s{1,3}(?:and|&)\s{1,3}[A-Z][\w'’-]{1,30})"
)


def _acronym(name: str) -> bool:
    return bool(_WORD.fullmatch(name)) and (any(c.isupper() for c in name[1:]) or name.isupper())


def _word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word, in the order the normalised tokens come."""
    return [m.span() for m in _TOKEN.finditer(text)]


def _whole_word(text: str, word: str) -> int:
    at = text.find(word)
    while at >= 0:
        before, after = text[at - 1 : at], text[at + len(word) : at + len(word) + 1]
        if not (before.isalnum() or before == "-" or after.isalnum() or after == "-"):
            return at
        at = text.find(word, at + 1)
    return 0
