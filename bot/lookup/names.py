"""A work's own names (title, aliases, authors, kind) and how much of a query they cover."""

from __future__ import annotations

from array import array
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.lookup.text import STEMS, STOPWORDS, WORDS, stem, title_key
from bot.lookup.vocab import allowed_distance
from bot.lookup.weights import (
    CO_AUTHOR_CREDIT,
    CO_AUTHOR_MAX_WORDS,
    CONTAINED_MIN_CHARS,
    CORRECTION_CREDIT,
    FIRST_NAME_CREDIT,
    PART_CREDIT,
    STEM_CREDIT,
    STEM_FORM_GAP,
)
from bot.models import Paper

# Words a query may use for the kind of work it means ("Celeste Kidd keynote").
KIND_WORDS = {
    "talk": "talk keynote invited lecture",
    "keynote": "talk keynote invited lecture",
    "tutorial": "tutorial",
    "workshop": "workshop",
    "panel": "panel discussion",
    "dataset": "dataset benchmark corpus",
    "library": "library toolkit framework",
}


@dataclass(frozen=True, slots=True)
class Term:
    """One query word as the index knows it."""

    word: str  # the word as searched (the best correction of a typo)
    stems: tuple[str, ...]  # index forms: the word's, or each equally close correction's
    weight: float
    credit: float = 1.0  # less than 1 for a corrected word
    typed: str = ""  # the word as typed, when it was corrected
    known: bool = True  # whether the corpus has the word (or a correction of it)
    name_like: bool = False  # rare in English, as surnames are ("levine", "koller")
    forms: tuple[str, ...] = ()  # the corpus words it stands for, when not ``word`` itself
    parts: frozenset[str] = frozenset()  # longer corpus words it starts or ends (names.py)
    accepted: frozenset[str] = frozenset()  # every corpus word that is a form of it
    joined_next: bool = False  # the reports have it right before the next query word
    cased: str = ""  # as typed, when typed with capitals inside ("SET", "ELMo"): a name

    def accepts(self, word: str) -> bool:
        """Whether a corpus word sharing one of the stems is a form of this word, not a
        word the stemmer merged with it ("generalizes" is; "general" is not)."""
        return any(abs(len(word) - len(f)) <= STEM_FORM_GAP for f in self.forms or (self.word,))


@dataclass(slots=True)
class Entry:
    """What the ranking needs to know about one catalog entry."""

    paper: Paper
    name_set: frozenset[str]  # words of title, aliases, authors, venues and kind
    title_stems: frozenset[str]  # content stems of the title
    short_stems: tuple[frozenset[str], ...]  # of its head ("The Lottery Ticket Hypothesis")
    # and aliases: a query may name the work by any of them
    title_phrase: str  # the title's stems, space-joined and padded
    name_words: tuple[str, ...]  # words of title, aliases and authors, for typo matches
    author_words: frozenset[str]  # words of the authors' names
    contained: tuple[str, ...]  # " title " forms a query may contain whole
    abstract: tuple[str, ...] = ()  # stems of the resolved abstract, when there is one
    passages: array[int] = field(default_factory=lambda: array("I"))  # its passages
    reports: int = 0  # how many reports discuss it


def exact_keys(paper: Paper) -> set[str]:
    """Keys a query equal to which names the work: title, part before a colon, aliases."""
    keys = {title_key(t) for t in (paper.title, paper.title.split(":")[0], *paper.aliases)}
    keys.discard("")
    return keys


def make_entry(paper: Paper, venues: Sequence[str]) -> Entry:
    """The ranking's view of a catalog entry."""
    kind = KIND_WORDS.get(paper.kind, "")
    title = STEMS.analyze(paper.title)
    keys = exact_keys(paper)
    stop = {stem(w) for w in STOPWORDS}
    # Title, aliases and authors first: typos are corrected towards them (see _credit).
    words = WORDS.analyze(" ".join([paper.title, *paper.aliases, *paper.authors]))
    name_words = tuple(dict.fromkeys(words + WORDS.analyze(" ".join([*venues, kind]))))
    return Entry(
        paper=paper,
        name_set=frozenset(name_words),
        title_stems=frozenset(title) - stop,
        short_stems=tuple(
            names
            for name in dict.fromkeys([paper.title.split(":")[0], *paper.aliases])
            if (names := frozenset(STEMS.analyze(name)) - stop)
        ),
        title_phrase=" " + " ".join(title) + " ",
        name_words=name_words,
        author_words=frozenset(WORDS.analyze(" ".join(paper.authors))),
        contained=tuple(f" {k} " for k in keys if " " in k or len(k) >= CONTAINED_MIN_CHARS),
        abstract=tuple(STEMS.analyze(paper.abstract)) if paper.abstract else (),
    )


def name_credits(terms: Sequence[Term], entry: Entry) -> list[float]:
    """Per query word, the credit the work's own names give it: its stem among the names, a
    part of a longer name word, or for a word the corpus does not know, a name word within
    the typo's reach; then unknown words next to a matched author surname."""
    credits = [_credit(term, entry) for term in terms]
    _credit_author_neighbours(terms, credits, entry.author_words)
    return credits


def _credit(term: Term, entry: Entry) -> float:
    names = entry.name_set
    if term.word in names:
        return term.credit
    if not term.accepted.isdisjoint(names):
        # Another form of the word ("explorer" for "exploration"), or a correction's.
        return term.credit * STEM_CREDIT
    if term.parts and not term.parts.isdisjoint(names):
        # The start or end of a longer name word: "norm" in Normalization, "tuning" in
        # FineTuning.
        return PART_CREDIT * term.credit
    typed = term.typed or (term.word if not term.known else "")
    limit = allowed_distance(typed) if typed else 0
    if not limit or not entry.name_words:
        return 0.0
    match = process.extractOne(typed, entry.name_words, scorer=OSA.distance, score_cutoff=limit)
    return CORRECTION_CREDIT[int(match[1])] if match else 0.0


def _credit_author_neighbours(
    terms: Sequence[Term], credits: list[float], author_words: Collection[str]
) -> None:
    """A word right before a matched surname is a first name ("jonathan frankle"); a
    name-like word next to one in a short query is a co-author the report leaves out
    ("haarnoja levine" when the report says "Haarnoja et al.")."""
    matched = [bool(c) and t.word in author_words for t, c in zip(terms, credits, strict=True)]
    if not any(matched):
        return
    for n, term in enumerate(terms):
        if credits[n]:
            continue
        if n + 1 < len(terms) and matched[n + 1]:
            # Unless the reports spell out this very name: then its passages decide.
            credits[n] = 0.0 if term.joined_next else FIRST_NAME_CREDIT * term.credit
        elif _adjacent(matched, n) and len(terms) <= CO_AUTHOR_MAX_WORDS and term.name_like:
            credits[n] = CO_AUTHOR_CREDIT * term.credit


def _adjacent(matched: list[bool], n: int) -> bool:
    return (n > 0 and matched[n - 1]) or (n + 1 < len(matched) and matched[n + 1])


def coverage(terms: Sequence[Term], credits: Sequence[float]) -> tuple[float, float]:
    """Weighted share of the query that the credits cover, and that has any credit at all
    (what thresholds compare: a corrected typo is found, though it counts less)."""
    total = sum(t.weight for t in terms)
    if total <= 0:
        return 0.0, 0.0
    pairs = list(zip(terms, credits, strict=True))
    share = sum(t.weight * c for t, c in pairs) / total
    return share, sum(t.weight for t, c in pairs if c) / total
