"""A query as the index sees it: cleaned, its words corrected, weighted and stemmed."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Protocol

from bot.lookup.names import Term
from bot.lookup.spelling import variants
from bot.lookup.text import (
    MAX_QUERY_WORDS,
    RAW,
    STOPWORDS,
    WORDS,
    CleanQuery,
    clean_query,
    stem,
    title_key,
)
from bot.lookup.vocab import Vocabulary
from bot.lookup.weights import (
    CASE_SENSITIVE_ZIPF,
    CASED_NAME_WEIGHT,
    CO_AUTHOR_MAX_ZIPF,
    COMPLETION_MAX_EXTRA,
    COMPLETION_MIN_CHARS,
    CORRECTION_CREDIT,
    NAME_QUERY_WORDS,
    PART_CREDIT,
)

_HYPHENATED = re.compile(r"\w{1,40}(?:-\w{1,40}){1,5}")


class Weigher(Protocol):
    """What parsing asks of the index: word weights and whether a split word is meant."""

    vocabulary: Vocabulary
    author_words: frozenset[str]  # every word of every work's authors

    def weight(self, word: str, stem: str) -> float:
        """The weight of a query word (see rarity.word_weight)."""
        ...

    def zipf(self, word: str) -> float:
        """The word's frequency in English, on wordfreq's Zipf scale (0: unknown)."""
        ...

    def splittable(self, head: str, tail: str) -> bool:
        """Whether "headtail" may be read as "head tail" (both rare, adjacent somewhere)."""
        ...

    def adjacent(self, head: str, tail: str) -> bool:
        """Whether some passage has the two words side by side, in that order."""
        ...


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """What the ranking works with; ``phrase`` is the stemmed word sequence, space-padded."""

    cleaned: CleanQuery
    terms: list[Term]
    phrase: str | None  # " prune befor train " when the query has two words or more
    corrected: bool
    only_stopwords: bool = False  # "the", "all you": only an exact title or alias answers
    padded: str = ""  # the query's title key, padded, to find titles inside it

    @property
    def searched(self) -> str:
        """The words actually searched for, as shown in "Showing results for ..."."""
        return " ".join(t.word for t in self.terms)


def parse_query(raw: str, index: Weigher) -> ParsedQuery:
    """Clean the query, correct words the corpus does not know, weight them all by rarity."""
    cleaned = clean_query(raw)
    words = WORDS.analyze(cleaned.text)[:MAX_QUERY_WORDS]
    typed = RAW.analyze(cleaned.text)[:MAX_QUERY_WORDS]
    cased = {w.lower(): w for w in typed if any(c.isupper() for c in w[1:])}
    # A stopword inside a hyphenated name is part of the name: "ON-LSTM", "k-WTA".
    hyphenated = {p for m in _HYPHENATED.findall(cleaned.text) for p in WORDS.analyze(m)}
    content = [w for w in words if w not in STOPWORDS or w in hyphenated] or words
    terms: list[Term] = []
    corrected = False
    for word in dict.fromkeys(content):
        parts = index.vocabulary.part_words(word)
        found = [
            replace(t, parts=parts, accepted=_accepted(t, index.vocabulary))
            for t in _terms(word, index)
        ]
        if word in cased:
            # "SET" must be written so, for "set" is an English word; "simclr" is none.
            as_typed = cased[word] if index.zipf(word) >= CASE_SENSITIVE_ZIPF else ""
            found = [
                replace(t, weight=max(t.weight, CASED_NAME_WEIGHT), cased=as_typed) for t in found
            ]
        corrected |= any(t.typed for t in found) or len(found) > 1
        terms.extend(found)
    if len(terms) <= NAME_QUERY_WORDS:
        terms = _mark_joined(terms, index)
    phrase = None
    if len(words) > 1:
        phrase = " " + " ".join(stem(w) for w in words) + " "
    return ParsedQuery(
        cleaned=cleaned,
        terms=terms,
        phrase=phrase,
        corrected=corrected,
        only_stopwords=all(w in STOPWORDS for w in words),
        padded=f" {title_key(cleaned.text)} ",
    )


def _mark_joined(terms: list[Term], index: Weigher) -> list[Term]:
    """Mark words the reports have right before the next query word ("shangzhe wu"): a
    full name the passages spell out, so no other Wu's work may take "shangzhe" as a first
    name."""
    surnames = index.author_words
    return [
        replace(t, joined_next=True)
        if n + 1 < len(terms)
        and t.known
        and terms[n + 1].word in surnames
        and index.adjacent(t.word, terms[n + 1].word)
        else t
        for n, t in enumerate(terms)
    ]


def _accepted(term: Term, vocabulary: Vocabulary) -> frozenset[str]:
    """The corpus words that are forms of the term (see Term.accepts)."""
    return frozenset(
        w for s in term.stems for w in vocabulary.by_stem.get(s, ()) if term.accepts(w)
    )


def _terms(word: str, index: Weigher) -> list[Term]:
    """The term(s) one query word stands for: itself (and its other spelling), its
    correction, two run-together words ("lotteryticket"), the longer word it starts
    ("biped"), else an unknown word."""
    vocabulary = index.vocabulary
    s = stem(word)
    name_like = index.zipf(word) < CO_AUTHOR_MAX_ZIPF
    spellings = [v for v in variants(word) if vocabulary.knows(v)]
    if vocabulary.knows(word) or spellings:
        forms = (word, *spellings) if spellings else ()
        stems = tuple(dict.fromkeys(stem(f) for f in (word, *spellings)))
        return [Term(word, stems, index.weight(word, s), name_like=name_like, forms=forms)]
    fix = vocabulary.correct(word)
    if fix is not None:
        stems = tuple(dict.fromkeys(stem(w) for w in fix.words))
        weight = max(index.weight(w, stem(w)) for w in fix.words)
        credit = CORRECTION_CREDIT[fix.distance]
        return [Term(fix.words[0], stems, weight, credit, typed=word, forms=fix.words)]
    for head, tail in vocabulary.splits(word):
        if index.splittable(head, tail):
            return [
                Term(part, (stem(part),), index.weight(part, stem(part)), typed=word)
                for part in (head, tail)
            ]
    weight = index.weight(word, s)
    if len(word) >= COMPLETION_MIN_CHARS:
        longer = tuple(vocabulary.completions(word, COMPLETION_MAX_EXTRA))
        if longer:
            stems = tuple(dict.fromkeys(stem(w) for w in longer))
            return [Term(word, stems, weight, PART_CREDIT, typed=word, forms=longer)]
    return [Term(word, (s,), weight, known=False, name_like=name_like)]
