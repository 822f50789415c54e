"""Which snippets discuss which works: the namings found in them, and every known title or
distinctive alias written anywhere else in the corpus."""

from __future__ import annotations

import re
from collections import defaultdict

from bot.catalog.found import Candidate
from bot.catalog.keys import normalise_title
from bot.models import Paper, Report, Snippet

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,60}")


def attribute(groups: list[list[Candidate]], papers: list[Paper], reports: list[Report]) -> None:
    """Record on each snippet the papers it names directly or by a known title or alias."""
    direct: set[tuple[str, str]] = set()
    for group, paper in zip(groups, papers, strict=True):
        for candidate in group:
            _attach(candidate.snippet, paper.id)
            direct.add((candidate.snippet.report, paper.id))
    matcher = TitleMatcher(papers)
    for report in reports:
        for snippet in report.snippets:
            for paper_id, short in matcher.find(snippet.text):
                # A two- or three-letter alias ("LT") only counts where the report named the
                # paper in full: elsewhere it is too likely to mean something else.
                if not short or (report.id, paper_id) in direct:
                    _attach(snippet, paper_id)


def _attach(snippet: Snippet, paper_id: str) -> None:
    if paper_id not in snippet.papers:
        snippet.papers.append(paper_id)


class TitleMatcher:
    """Finds known titles and distinctive aliases in text, longest first, in linear time."""

    def __init__(self, papers: list[Paper]) -> None:
        # Keyed by a title's first two words: few titles share them, so each position of a
        # text is checked against a handful of titles at most.
        self._phrases: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        self._acronyms: dict[str, list[str]] = defaultdict(list)
        for paper in papers:
            for name in [paper.title, *paper.aliases]:
                self._add(name, paper.id)
        for entries in self._phrases.values():
            entries.sort(key=lambda e: -len(e[0]))

    def _add(self, name: str, paper_id: str) -> None:
        tokens = tuple(normalise_title(name).split())
        if len(tokens) >= 2 and len(" ".join(tokens)) >= 10:
            self._phrases[(tokens[0], tokens[1])].append((tokens, paper_id))
        elif (
            len(tokens) == 1
            and _WORD.fullmatch(name)
            and (any(c.isupper() for c in name[1:]) or name.isupper())
        ):
            self._acronyms[name].append(paper_id)

    def find(self, text: str) -> list[tuple[str, bool]]:
        """(paper id, matched only by a short acronym) for each paper named in ``text``."""
        found: list[tuple[str, bool]] = []
        tokens = normalise_title(text).split()
        i = 0
        while i < len(tokens) - 1:
            step = 1
            for phrase, paper_id in self._phrases.get((tokens[i], tokens[i + 1]), ()):
                if tuple(tokens[i : i + len(phrase)]) == phrase:
                    found.append((paper_id, False))
                    step = len(phrase)
                    break
            i += step
        for word in set(_WORD.findall(text)):
            for paper_id in self._acronyms.get(word, ()):
                found.append((paper_id, len(word) <= 3))
        return list(dict.fromkeys(found))

    def names_in(self, text: str) -> set[str]:
        """The ids of the papers a text names by title or distinctive alias."""
        return {paper_id for paper_id, short in self.find(text) if not short}
