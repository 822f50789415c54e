"""Snippets -> Papers: find the works each report names, merge them, and record mentions.

Two namings are one work when they share an arXiv id, or when their titles differ only in
case, punctuation, a leading article or a small typo. Once merged, every snippet of every
report is scanned for the titles and distinctive aliases, so a report that names a paper
without a link ("the Lottery Ticket Hypothesis") is counted as a mention too.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.catalog.titles import Candidate, find_candidates
from bot.models import Mention, Paper, Report, Snippet

_SOURCE_RANK = {
    "link": 0,
    "reference": 1,
    "heading": 2,
    "quoted": 3,
    "by-author": 4,
    "cued": 5,
    "abbrev": 6,
}
_NON_WORD = re.compile(r"[^\w]+")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_FUZZY_MIN = 92.0


def normalise_title(title: str) -> str:
    """Case, punctuation and a leading article do not tell two titles apart."""
    folded = _NON_WORD.sub(" ", title.casefold()).strip()
    return _LEADING_ARTICLE.sub("", folded)


@dataclass(slots=True)
class _Group:
    candidates: list[Candidate] = field(default_factory=list)
    arxiv: str | None = None


def build_catalog(reports: list[Report], not_titles: Iterable[str] = ()) -> list[Paper]:
    """The catalog of works the reports discuss, with one mention per report.

    ``not_titles`` are names that are never works (the conferences themselves).
    """
    stop = {normalise_title(t) for t in not_titles}
    candidates = [
        c
        for r in reports
        for s in r.snippets
        for c in find_candidates(s)
        if not (c.title and _is_stop_title(c.title, stop))
    ]
    groups = _merge(candidates)
    papers = [_paper(group) for group in groups]
    papers = _unique_ids(papers)
    _link_snippets(groups, papers, reports)
    naming: dict[str, list[Snippet]] = defaultdict(list)
    for report in reports:
        for snippet in report.snippets:
            for paper_id in snippet.papers:
                naming[paper_id].append(snippet)
    conference = {r.id: (r.conference, r.year) for r in reports}
    for paper in papers:
        paper.mentions = _mentions(paper, naming[paper.id], conference)
    papers = [p for p in papers if p.mentions]
    papers.sort(key=lambda p: (-len(p.mentions), p.title.casefold()))
    return papers


# --- merging -------------------------------------------------------------------------------


def _merge(candidates: list[Candidate]) -> list[_Group]:
    groups: list[_Group] = []
    by_arxiv: dict[str, _Group] = {}
    by_key: dict[str, _Group] = {}
    ordered = sorted(candidates, key=lambda c: (c.arxiv is None, _SOURCE_RANK.get(c.source, 9)))
    for candidate in ordered:
        key = normalise_title(candidate.title) if candidate.title else None
        if key is None and not candidate.arxiv and candidate.authors and candidate.url:
            key = "url " + candidate.url  # "[Mangalam and Prabhu](openreview...)": named by who
        head = _head_key(candidate.title)
        group = (
            (by_arxiv.get(candidate.arxiv) if candidate.arxiv else None)
            or (by_key.get(key) if key else None)
            or (by_key.get(head) if head else None)
        )
        if group is None and key:
            group = _fuzzy_group(key, by_key)
        if group is None and key is None and not candidate.arxiv:
            continue  # nothing to name it by
        if group is None:
            group = _Group()
            groups.append(group)
        group.candidates.append(candidate)
        if candidate.arxiv and group.arxiv is None:
            group.arxiv = candidate.arxiv
            by_arxiv[candidate.arxiv] = group
        for name in (key, head):
            if name:
                by_key.setdefault(name, group)

    return groups


def _head_key(title: str | None) -> str | None:
    """'SinGAN: Learning a Generative Model ...' is also known by what precedes the colon."""
    if not title or ": " not in title:
        return None
    head = title.split(": ", 1)[0].strip()
    words = head.split()
    if len(words) > 6 or (len(words) == 1 and not any(c.isupper() for c in head[1:])):
        return None  # a long clause, or a plain word ("Code"), is no name
    key = normalise_title(head)
    return key if len(key) >= 4 else None


def _is_stop_title(title: str, stop: set[str]) -> bool:
    """A conference name, alone or with a year or 'website' ('ICLR 2019', 'ICLR website')."""
    words = [w for w in normalise_title(title).split() if not w.isdigit()]
    while words and words[-1] in {"website", "site", "homepage", "conference", "page"}:
        words.pop()
    return " ".join(words) in stop


def _fuzzy_group(key: str, by_key: dict[str, _Group]) -> _Group | None:
    """A group whose title is the same up to a small typo (long titles only)."""
    if len(key) < 12:
        return None
    # rapidfuzz scans the keys in C; a linear Python loop here made large corpora quadratic.
    best = process.extractOne(key, by_key.keys(), scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN)
    if best is None or len(best[0].split()) != len(key.split()):
        return None  # "attention is not not explanation" answers "attention is not explanation"
    return by_key[best[0]]


def _paper(group: _Group) -> Paper:
    titled = [c for c in group.candidates if c.title]
    title = _canonical_title(titled) if titled else _untitled_name(group)
    aliases: list[str] = []
    head = title.split(": ", 1)[0] if _head_key(title) else None
    if head and head != title:
        aliases.append(head)
    for candidate in group.candidates:
        for alias in [*candidate.aliases, candidate.title]:
            if alias and normalise_title(alias) != normalise_title(title) and alias not in aliases:
                aliases.append(alias)
    authors: list[str] = []
    for candidate in group.candidates:
        authors.extend(a for a in candidate.authors if a not in authors)
    urls = [c.url for c in group.candidates if c.url and not c.arxiv]
    kinds = Counter(c.kind for c in group.candidates)
    if all(c.source == "abbrev" for c in group.candidates) and not group.arxiv:
        kinds = Counter({"topic": 1})  # "Batch Normalization (BN)": a named idea, not a work
    paper_id = f"arxiv:{group.arxiv}" if group.arxiv else f"t:{_slug(title)}"
    return Paper(
        id=paper_id,
        title=title,
        aliases=aliases,
        authors=authors,
        arxiv=group.arxiv,
        url=f"https://arxiv.org/abs/{group.arxiv}" if group.arxiv else (urls[0] if urls else None),
        kind=kinds.most_common(1)[0][0],
        untitled=not titled,
    )


def _canonical_title(titled: list[Candidate]) -> str:
    """The most trusted naming: by source, then how often it is used, then the longest."""
    counts = Counter(c.title for c in titled)

    def rank(c: Candidate) -> tuple[int, int, int, int]:
        return (
            int(c.descriptive),
            _SOURCE_RANK.get(c.source, 9),
            -counts[c.title],
            -len(c.title or ""),
        )

    best = min(titled, key=rank).title or ""
    return best[0].upper() + best[1:] if best[:1].islower() else best


def _untitled_name(group: _Group) -> str:
    authors = [a for c in group.candidates for a in c.authors]
    if authors:
        names = list(dict.fromkeys(authors))
        who = f"{names[0]} et al." if len(names) > 2 else " and ".join(names)
        return f"{who} (arXiv {group.arxiv})" if group.arxiv else f"{who} (paper)"
    return f"arXiv {group.arxiv}"


def _slug(title: str) -> str:
    return "-".join(normalise_title(title).split())[:80] or "untitled"


def _unique_ids(papers: list[Paper]) -> list[Paper]:
    seen: Counter[str] = Counter()
    for paper in papers:
        seen[paper.id] += 1
        if seen[paper.id] > 1:
            paper.id = f"{paper.id}-{seen[paper.id]}"
    return papers


# --- mentions ------------------------------------------------------------------------------


def _link_snippets(groups: list[_Group], papers: list[Paper], reports: list[Report]) -> None:
    """Record on each snippet the papers it names directly or by a known title or alias."""
    for group, paper in zip(groups, papers, strict=True):
        for candidate in group.candidates:
            _attach(candidate.snippet, paper.id)
    direct = {
        (candidate.snippet.report, paper.id)
        for group, paper in zip(groups, papers, strict=True)
        for candidate in group.candidates
    }
    matcher = _TitleMatcher(papers)
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


class _TitleMatcher:
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
            and re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", name)
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
        for word in set(re.findall(r"[A-Za-z][A-Za-z0-9-]*", text)):
            for paper_id in self._acronyms.get(word, ()):
                found.append((paper_id, len(word) <= 3))
        return list(dict.fromkeys(found))


def _mentions(
    paper: Paper, naming: list[Snippet], conference: dict[str, tuple[str | None, int | None]]
) -> list[Mention]:
    """One mention per report: its snippet that names the paper most directly."""
    best: dict[str, Snippet] = {}
    for snippet in naming:
        current = best.get(snippet.report)
        key = (_directness(snippet, paper), snippet.position)
        if current is None or key < (_directness(current, paper), current.position):
            best[snippet.report] = snippet
    return [
        Mention(
            report_id,
            *conference[report_id],
            snippet.id,
            quote=snippet.text,
            section=snippet.section,
        )
        for report_id, snippet in sorted(best.items())
    ]


def _directness(snippet: Snippet, paper: Paper) -> int:
    """0 when the snippet links to the paper or spells its title, 1 for an alias only."""
    if paper.arxiv and any(link.arxiv == paper.arxiv for link in snippet.links):
        return 0
    return 0 if normalise_title(paper.title) in normalise_title(snippet.text) else 1
