"""Namings -> works: every candidate joined to the others that name the same work.

Two namings are one work when they share a key: an arXiv id, a paper page's URL, a title (the
same up to case, punctuation and a leading article), a title's head ('SinGAN' for 'SinGAN:
Learning a Generative Model ...'), a nickname ('WANN' given to 'Weight Agnostic Neural
Networks (WANN)' and a heading 'WANN'), or a citation key within one report. Long titles also
join across a small typo when they have as many words. Nicknames that are short acronyms and
titles of one or two plain words are keys within one report only: across reports "SAM" is
two different papers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rapidfuzz import fuzz

from bot.catalog.found import Candidate
from bot.catalog.keys import head_key, head_of, normalise_title
from bot.catalog.words import looks_coined

_FUZZY_MIN = 92.0
_FUZZY_MIN_CHARS = 12
_BUCKET_REACH = 50  # titles compared per title within a bucket, at most
_PAPER_PAGES = ("openreview.net/forum", "aclanthology.org/", "proceedings.mlr.press/")


class _Sets:
    """Union-find over candidate indexes."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def merge(candidates: list[Candidate]) -> list[list[Candidate]]:
    """The candidates grouped by the work they name, in order of first appearance."""
    sets = _Sets(len(candidates))
    first: dict[tuple[str, ...], int] = {}
    for index, candidate in enumerate(candidates):
        for key in keys_of(candidate):
            if key in first:
                sets.union(first[key], index)
            else:
                first[key] = index
    _join_typos(candidates, sets)
    groups: dict[int, list[Candidate]] = defaultdict(list)
    for index, candidate in enumerate(candidates):
        groups[sets.find(index)].append(candidate)
    return [group for group in groups.values() if _nameable(group)]


def keys_of(candidate: Candidate) -> Iterator[tuple[str, ...]]:
    """Every key the naming is known by (see the module docstring)."""
    report = candidate.snippet.report
    if candidate.arxiv:
        yield ("arxiv", candidate.arxiv)
    if candidate.url and any(page in candidate.url for page in _PAPER_PAGES):
        yield ("url", candidate.url.split("#")[0].rstrip("/"))
    if candidate.key and candidate.source in {"reference", "cite"}:
        for key in candidate.key.split():
            yield ("cite", report, key)
    for url in candidate.resources:
        yield ("resource", report, url)
    yield from _name_keys(candidate, report)


def _name_keys(candidate: Candidate, report: str) -> Iterator[tuple[str, ...]]:
    """The keys of its title, its title's head and its nicknames."""
    if candidate.title:
        key = normalise_title(candidate.title)
        if key:
            yield _scoped("name", key, candidate.title, report)
        head = head_key(candidate.title)
        if head:
            yield _scoped("name", head, head_of(candidate.title) or head, report)
        if len(candidate.title.split()) == 1 and looks_coined(candidate.title):
            yield _scoped("name", key, candidate.title, report)
    for alias in candidate.aliases:
        key = normalise_title(alias)
        if key and (looks_coined(alias) or alias.isupper() or " " in alias.strip()):
            yield _scoped("name", key, alias, report)


def _scoped(kind: str, key: str, name: str, report: str) -> tuple[str, ...]:
    """A key that holds across reports when the name is distinctive, else within one."""
    words = key.split()
    distinctive = (
        len(words) >= 3
        or len(key) >= 12
        or (looks_coined(name) and not name.isupper() and len(key) >= 5)
    )
    return (kind, key) if distinctive else (kind, report, key)


def _join_typos(candidates: list[Candidate], sets: _Sets) -> None:
    """Long titles equal up to a small typo, with as many words, are one work.

    Only titles that share their word count and their first or last word are compared (a
    typo rarely touches both ends), so the work stays near linear in the number of titles.
    """
    by_key: dict[str, int] = {}
    for index, candidate in enumerate(candidates):
        if candidate.title and not candidate.descriptive:
            key = normalise_title(candidate.title)
            if len(key) >= _FUZZY_MIN_CHARS:
                by_key.setdefault(key, index)
    buckets: dict[tuple[int, str, str], list[str]] = defaultdict(list)
    for key in by_key:
        words = key.split()
        buckets[(len(words), "first", words[0])].append(key)
        buckets[(len(words), "last", words[-1])].append(key)
    for keys in buckets.values():
        for position, key in enumerate(keys):
            for other in keys[position + 1 : position + 1 + _BUCKET_REACH]:
                if fuzz.ratio(key, other) >= _FUZZY_MIN:
                    sets.union(by_key[key], by_key[other])


def _nameable(group: list[Candidate]) -> bool:
    """A group with nothing to name its work by (a citation whose entry was not found)."""
    return any(c.title or c.arxiv or c.url or c.authors for c in group)
