"""A query as the index sees it: cleaned, its words corrected, weighted and stemmed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bot.lookup.rank import CORRECTION_CREDIT, Term, term_weight
from bot.lookup.text import MAX_QUERY_WORDS, STOPWORDS, WORDS, CleanQuery, clean_query, stem
from bot.lookup.vocab import Vocabulary


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """What the ranking works with; ``phrase`` is the stemmed word sequence, space-padded."""

    cleaned: CleanQuery
    terms: list[Term]
    phrase: str | None  # " prune befor train " when the query has two words or more
    corrected: bool
    only_stopwords: bool = False  # "the", "all you": only an exact title or alias answers
    padded: str = ""  # the query's words, space-joined and padded, to find titles inside it

    @property
    def searched(self) -> str:
        """The words actually searched for, as shown in "Showing results for ..."."""
        return " ".join(t.word for t in self.terms)


def parse_query(raw: str, vocabulary: Vocabulary, doc_freq: Counter[str], docs: int) -> ParsedQuery:
    """Clean the query, correct words the corpus does not know, weight the rest by rarity."""
    cleaned = clean_query(raw)
    words = WORDS.analyze(cleaned.text)[:MAX_QUERY_WORDS]
    fixed: dict[str, str] = {}
    terms: list[Term] = []
    content = [w for w in words if w not in STOPWORDS] or words
    for word in dict.fromkeys(content):
        if vocabulary.knows(word):
            s = stem(word)
            terms.append(Term(word, (s,), term_weight(doc_freq[s], docs)))
            continue
        fix = vocabulary.correct(word)
        if fix is None:
            parts = vocabulary.split(word)
            for part in parts or [word]:
                s = stem(part)
                terms.append(Term(part, (s,) if parts else (), term_weight(doc_freq[s], docs)))
            if parts:
                fixed[word] = " ".join(parts)
            continue
        fixed[word] = fix.words[0]
        stems = tuple(dict.fromkeys(stem(w) for w in fix.words))
        weight = max(term_weight(doc_freq[s], docs) for s in stems)
        credit = CORRECTION_CREDIT[fix.distance]
        terms.append(Term(fix.words[0], stems, weight, credit, typed=word))
    phrase = None
    if len(words) >= 2:
        phrase = " " + " ".join(stem(fixed.get(w, w)) for w in words) + " "
    only_stopwords = bool(words) and all(w in STOPWORDS for w in words)
    padded = " " + " ".join(words) + " "
    return ParsedQuery(cleaned, terms, phrase, bool(fixed), only_stopwords, padded)
