"""Which works a passage is about: the snippet's works, narrowed to the sentences naming them.

The catalog says which works a snippet discusses (``Snippet.papers``) and, per mention, the
quote about the work. ``snippet_works`` is the one place lookup reads that; when the catalog
gives quotes smaller than the snippet, the passages under a quote are the work's passages.
Otherwise a passage belongs to the works it names (title, alias, author surname, link text),
to the works its section heading names, to the work named just before it in the snippet
("The authors show ..."), to the works the snippet first names when it comes before them
(a lead-in), or, in a snippet about a single work it never names, to that work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from bot.lookup.text import WORDS, fold_accents, title_key
from bot.models import Corpus, Paper, Snippet

# Author surnames shorter than this are not taken as naming a work ("Ha", "Li").
SURNAME_MIN_CHARS = 3
# A title (or alias) of at least this many words names its work wherever a passage has it,
# whether or not the catalog linked that snippet. Shape: two words ("Batch Normalization")
# are as often a topic as a title.
TITLE_MIN_WORDS = 3
_ARTICLES = frozenset({"a", "an", "the"})
# How fully a catalog quote names its work, as a name of this many characters would.
QUOTED_STRENGTH = 40


class TitleFinder:
    """Finds, word for word, the names that point at one work wherever a passage has them:
    a title or alias of TITLE_MIN_WORDS words or more, a one-word alias shaped like a name
    ("DDIM", "ELMo", "GPT-3": capitals inside, or digits) spelled with its capitals, and a
    first author's surname followed by "et al." in a report that discusses the work (there
    are many Zhangs)."""

    def __init__(self, papers: Sequence[Paper]) -> None:
        self._by_start: dict[tuple[str, str], list[tuple[tuple[str, ...], int]]] = {}
        self._nicknames: dict[str, list[tuple[str, int]]] = {}  # word -> (as spelled, work)
        self._first_authors: dict[str, list[int]] = {}
        self._reports = [{m.report for m in paper.mentions} for paper in papers]
        for i, paper in enumerate(papers):
            for name in {paper.title, *paper.aliases}:
                self._add_name(name, i)
            surname = WORDS.analyze(paper.authors[0])[-1:] if paper.authors else []
            if surname and len(surname[0]) >= SURNAME_MIN_CHARS:
                self._first_authors.setdefault(surname[0], []).append(i)
        self._firsts = frozenset(first for first, _ in self._by_start)

    def _add_name(self, name: str, work: int) -> None:
        words = WORDS.analyze(name)
        if words and words[0] in _ARTICLES:
            words = words[1:]
        if len(words) >= TITLE_MIN_WORDS:
            self._by_start.setdefault((words[0], words[1]), []).append((tuple(words), work))
        elif len(words) == 1 and _name_shaped(name.strip()):
            self._nicknames.setdefault(words[0], []).append((name.strip(), work))

    def find(
        self,
        words: Sequence[str],
        span: tuple[int, int],
        spelled: Callable[[int], str],
        report: str,
    ) -> list[tuple[int, Naming]]:
        """The works named within ``words[span[0]:span[1]]`` of a snippet of ``report``, with
        how fully and where; ``spelled(k)`` is word k as written."""
        start, end = span
        found: list[tuple[int, Naming]] = []
        firsts = self._firsts
        for k in range(start, min(end, len(words))):
            word = words[k]
            if word in firsts and k + 1 < len(words):
                for title, work in self._by_start.get((word, words[k + 1]), ()):
                    if tuple(words[k : k + len(title)]) == title:
                        found.append((work, Naming(len(" ".join(title)), k)))
            for name, work in self._nicknames.get(word, ()):
                if fold_accents(spelled(k)) == fold_accents(name.split("-")[0]):
                    found.append((work, Naming(len(name), k)))
            if word in self._first_authors and tuple(words[k + 1 : k + 3]) == ("et", "al"):
                found.extend(
                    (w, Naming(len(word), k))
                    for w in self._first_authors[word]
                    if report in self._reports[w]
                )
        return found


def _name_shaped(name: str) -> bool:
    """A one-word name that is no English word: capitals after the first letter or digits
    ("DDIM", "ELMo", "GPT-3"), at least three characters."""
    return len(name) >= 3 and (any(c.isupper() for c in name[1:]) or any(c.isdigit() for c in name))


class Naming(NamedTuple):
    """How fully a passage names a work (the name's length; 0: about it, not naming it) and
    at which word of the snippet (-1: not named there)."""

    strength: int
    at: int = -1


NOT_NAMED = Naming(0)


@dataclass(frozen=True, slots=True)
class WorkNames:
    """A work as a passage may name it: padded title keys, and its quotes in one snippet."""

    index: int  # the work's position in the catalog
    keys: tuple[str, ...]  # " lottery ticket hypothesis ", " frankle ", ...
    quotes: tuple[tuple[int, int], ...] = ()  # character spans of its quotes in the snippet

    def named_in(self, padded: str) -> str:
        """The longest of the work's names that a padded title key of the passage's text
        holds ("" if none)."""
        return max((key for key in self.keys if key in padded), key=len, default="")

    def quoted(self, start: int, end: int) -> bool:
        """Whether one of the work's quotes overlaps the passage at ``start:end``."""
        return any(a < end and start < b for a, b in self.quotes)


def name_keys(paper: Paper, link_texts: Sequence[str] = ()) -> tuple[str, ...]:
    """The padded keys under which a passage names ``paper``."""
    names = [paper.title, paper.title.split(":")[0], *paper.aliases, *link_texts]
    names += [a.split()[-1] for a in paper.authors if a.split()]
    keys = {title_key(n) for n in names}
    return tuple(sorted(f" {k} " for k in keys if len(k) >= SURNAME_MIN_CHARS))


def snippet_works(corpus: Corpus) -> dict[str, dict[int, list[str]]]:
    """Snippet id -> {work index: its quotes there}: the catalog's word on who is discussed."""
    found: dict[str, dict[int, list[str]]] = {}
    index = {paper.id: i for i, paper in enumerate(corpus.papers)}
    for snippet in corpus.snippets:
        works = found.setdefault(snippet.id, {})
        for paper_id in snippet.papers:
            if paper_id in index:
                works.setdefault(index[paper_id], [])
    for i, paper in enumerate(corpus.papers):
        for mention in paper.mentions:
            quotes = found.setdefault(mention.snippet_id, {}).setdefault(i, [])
            if mention.quote:
                quotes.append(mention.quote)
    return found


class NameKeys:
    """Each work's name keys, made once (a work is discussed in many snippets)."""

    def __init__(self, papers: Sequence[Paper]) -> None:
        self.papers = papers
        self._keys: dict[int, tuple[str, ...]] = {}

    def of(self, i: int, link_texts: Sequence[str] = ()) -> tuple[str, ...]:
        """Work ``i``'s padded keys, with the keys of link texts pointing at it."""
        keys = self._keys.get(i)
        if keys is None:
            keys = self._keys[i] = name_keys(self.papers[i])
        if link_texts:
            return tuple(dict.fromkeys(keys + name_keys(Paper("", ""), link_texts)))
        return keys


def work_names(snippet: Snippet, works: dict[int, list[str]], names: NameKeys) -> list[WorkNames]:
    """The works of one snippet, with their names and where their quotes sit in its text."""
    found = []
    for i, quotes in works.items():
        paper = names.papers[i]
        links = [link.text for link in snippet.links if _links_to(link.url, link.arxiv, paper)]
        spans = []
        for quote in quotes:
            at = snippet.text.find(quote)
            # A quote that is the whole snippet says nothing about which sentences.
            if at >= 0 and len(quote) < len(snippet.text.strip()):
                spans.append((at, at + len(quote)))
        found.append(WorkNames(i, names.of(i, links), tuple(spans)))
    return found


def _links_to(url: str, arxiv: str | None, paper: Paper) -> bool:
    return bool((arxiv and arxiv == paper.arxiv) or (paper.url and url == paper.url))


def attribute(
    text: str,
    heading: str,
    windows: Sequence[tuple[tuple[int, int], tuple[int, int]]],
    works: Sequence[WorkNames],
    titled: Sequence[Sequence[tuple[int, Naming]]],
    words: Sequence[str],
) -> list[dict[int, Naming]]:
    """Per passage (its character span of ``text`` and word span of ``words``), the works
    it is about and how it names each; ``titled`` holds, per passage, the works TitleFinder
    found named there."""
    if not works and not any(titled):
        return [{} for _ in windows]
    padded_heading = f" {title_key(heading)} "
    always = {w.index: NOT_NAMED for w in works if heading and w.named_in(padded_heading)}
    named = [
        _named(text, chars, works, extra, words, span)
        for (chars, span), extra in zip(windows, titled, strict=True)
    ]
    # A snippet about one work that never names it (a heading above, a link we cannot see)
    # is about that work throughout.
    alone = {works[0].index: NOT_NAMED} if len(works) == 1 and not any(named) else {}
    attributed: list[dict[int, Naming]] = []
    # Sentences before the first naming one lead into it ("Two papers examined weight
    # decay. AdamW ..."): they are about the work it names first. Sentences after one are
    # about the work it names last ("... Self-Normalizing Neural Networks. The SELU ...").
    carried = _named_at_end(next((here for here in named if here), {}), first=True)
    for here in named:
        if here:
            carried = _named_at_end(here, first=False)
        attributed.append(always | (here or carried or alone))
    return attributed


def _named_at_end(named: dict[int, Naming], first: bool) -> dict[int, Naming]:
    """The work(s) a passage names first (or last), as carried to a passage naming none."""
    if not named:
        return {}
    edge = (min if first else max)(n.at for n in named.values())
    return {work: NOT_NAMED for work, n in named.items() if n.at == edge}


def _named(
    text: str,
    chars: tuple[int, int],
    works: Sequence[WorkNames],
    titled: Sequence[tuple[int, Naming]],
    words: Sequence[str],
    span: tuple[int, int],
) -> dict[int, Naming]:
    start, end = chars
    padded = f" {title_key(text[start:end])} "
    found: dict[int, Naming] = {}
    for w in works:
        if w.quoted(start, end):
            found[w.index] = Naming(QUOTED_STRENGTH, span[0])
        elif key := w.named_in(padded):
            found[w.index] = Naming(len(key) - 2, _position(key.split(), words, span))
    for work, naming in titled:
        if naming.strength > found.get(work, NOT_NAMED).strength:
            found[work] = naming
    return found


def _position(name: list[str], words: Sequence[str], span: tuple[int, int]) -> int:
    """Where the words of ``name`` first stand in ``words[span[0]:span[1]]`` (else its start:
    the title key and the word analyzer may split a name differently)."""
    first, size = name[0], len(name)
    for k in range(span[0], span[1]):
        if words[k] == first and list(words[k : k + size]) == name:
            return k
    return span[0]
