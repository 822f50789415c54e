"""Passages: the sentence windows of every snippet, their stems and the works they are about.

A passage is a run of whole sentences of one snippet, at most ``PASSAGE_TOKENS`` stems (a
longer sentence, such as a list joined into one line, is cut between words). Everything is
kept in flat arrays, not objects: a corpus of 100,000 snippets makes some 250,000 passages.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from bot.lookup.attribution import (
    NameKeys,
    Naming,
    TitleFinder,
    attribute,
    snippet_works,
    work_names,
)
from bot.lookup.sentences import sentence_spans
from bot.lookup.text import STEMS, WORDS
from bot.lookup.weights import PASSAGE_TOKENS
from bot.models import Corpus


def _ints() -> array[int]:
    return array("I")


@dataclass(slots=True)
class WordTable:
    """The corpus's words as typed (lower-cased, accents folded), numbered, with their stems.

    Passages store word numbers, not stems, so a query word matches only the forms of its
    stem that are close to it: "generalization" finds "generalizes", not "general".
    """

    ids: dict[str, int] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)  # word number -> the word
    stems: list[str] = field(default_factory=list)  # word number -> its stem
    counts: Counter[str] = field(default_factory=Counter)  # word -> occurrences
    by_stem: dict[str, list[int]] = field(default_factory=dict)  # stem -> word numbers

    def number(self, word: str, stem: str) -> int:
        """The word's number, given one if it is new."""
        found = self.ids.get(word)
        if found is None:
            found = self.ids[word] = len(self.stems)
            self.words.append(word)
            self.stems.append(stem)
            self.by_stem.setdefault(stem, []).append(found)
        return found

    def numbers(self, words: list[str], stems: list[str]) -> list[int]:
        """The numbers of a snippet's words, counted."""
        self.counts.update(words)
        ids = self.ids
        found = [ids.get(w, -1) for w in words]
        if -1 in found:
            found = [
                n if n >= 0 else self.number(w, s)
                for n, w, s in zip(found, words, stems, strict=True)
            ]
        return found


@dataclass(slots=True)
class Passages:
    """Every passage of a corpus; passage ``p`` is described by the p-th item of each array."""

    snippet_ids: list[str] = field(default_factory=list)  # snippet number -> its id
    reports: list[str] = field(default_factory=list)  # snippet number -> its report's id
    numbers: dict[str, int] = field(default_factory=dict)  # snippet id -> its number
    snippet: array[int] = field(default_factory=_ints)  # passage -> snippet number
    char_start: array[int] = field(default_factory=_ints)  # passage -> span in the text
    char_end: array[int] = field(default_factory=_ints)
    token_start: array[int] = field(default_factory=_ints)  # passage -> span in ``tokens``
    token_end: array[int] = field(default_factory=_ints)
    tokens: array[int] = field(default_factory=_ints)  # word ids, snippet after snippet
    snippet_token_start: array[int] = field(default_factory=_ints)  # snippet -> its tokens
    snippet_token_end: array[int] = field(default_factory=_ints)
    work_start: array[int] = field(default_factory=lambda: array("I", [0]))  # CSR of works
    work_ids: array[int] = field(default_factory=_ints)
    # How fully the passage names each of its works against the most fully named one
    # (255: that one, or every work when it names none; 0: about it without naming it).
    work_naming: array[int] = field(default_factory=lambda: array("B"))
    work_at: array[int] = field(default_factory=lambda: array("i"))  # token naming it, or -1
    words: WordTable = field(default_factory=lambda: WordTable())

    def __len__(self) -> int:
        return len(self.snippet)

    def works(self, passage: int) -> array[int]:
        """The catalog indexes of the works passage ``passage`` is about."""
        return self.work_ids[self.work_start[passage] : self.work_start[passage + 1]]

    def naming(self, passage: int) -> array[int]:
        """How fully the passage names each of its works (see ``works``), in that order."""
        return self.work_naming[self.work_start[passage] : self.work_start[passage + 1]]

    def named_at(self, passage: int) -> array[int]:
        """The token that names each of its works (-1: not named there), in that order."""
        return self.work_at[self.work_start[passage] : self.work_start[passage + 1]]

    def context(self, passage: int, reach: int) -> tuple[int, int]:
        """The token span of a passage widened by ``reach`` tokens within its snippet."""
        s = self.snippet[passage]
        start = max(self.snippet_token_start[s], self.token_start[passage] - reach)
        end = min(self.snippet_token_end[s], self.token_end[passage] + reach)
        return start, end


def build_passages(corpus: Corpus) -> tuple[Passages, list[str]]:
    """The passages of every snippet of ``corpus``, and each passage's stems space-joined
    (what the BM25 index is fed)."""
    store = Passages()
    texts: list[str] = []
    attributed = snippet_works(corpus)
    titles = TitleFinder(corpus.papers)
    names = NameKeys(corpus.papers)
    for snippet in corpus.snippets:
        number = len(store.snippet_ids)
        store.snippet_ids.append(snippet.id)
        store.reports.append(snippet.report)
        store.numbers[snippet.id] = number
        tokens = STEMS.pre_tokenize(snippet.text).tokens
        stems = [t.text for t in tokens]
        words = WORDS.analyze(snippet.text)
        if len(words) != len(stems):  # the analyzers share a tokenizer; never trust blindly
            words = stems
        base = _add_tokens(store, words, stems)
        sentences = sentence_spans(snippet.text)
        windows = list(_windows(sentences, [t.char_offset_to for t in tokens]))
        spans = [_chars(snippet.text, sentences, tokens, a, b) for a, b in windows]
        works = work_names(snippet, attributed.get(snippet.id, {}), names)
        heading = snippet.section[-1] if snippet.section else ""
        spelled = _spelling(snippet.text, tokens)
        titled = [titles.find(words, window, spelled, snippet.report) for window in windows]
        about = attribute(
            snippet.text, heading, list(zip(spans, windows, strict=True)), works, titled, words
        )
        for (a, b), span, its_works in zip(windows, spans, about, strict=True):
            _add_passage(store, number, span, (base, a, b), its_works)
            texts.append(" ".join(stems[a:b]))
    return store, texts


def _spelling(text: str, tokens: list[Any]) -> Callable[[int], str]:
    """Word k of a snippet as written (capitals and all)."""

    def spelled(k: int) -> str:
        return text[tokens[k].char_offset_from : tokens[k].char_offset_to]

    return spelled


def _add_tokens(store: Passages, words: list[str], stems: list[str]) -> int:
    """Append a snippet's words to the store; where they start."""
    base = len(store.tokens)
    store.tokens.extend(store.words.numbers(words, stems))
    store.snippet_token_start.append(base)
    store.snippet_token_end.append(len(store.tokens))
    return base


def _add_passage(
    store: Passages,
    snippet: int,
    chars: tuple[int, int],
    tokens: tuple[int, int, int],
    works: dict[int, Naming],
) -> None:
    """Append one passage: its snippet, characters, tokens (snippet base, start, end) and
    works (with how fully it names each, against the most fully named one)."""
    base, start, end = tokens
    store.snippet.append(snippet)
    store.char_start.append(chars[0])
    store.char_end.append(chars[1])
    store.token_start.append(base + start)
    store.token_end.append(base + end)
    store.work_ids.extend(works)
    fullest = max((n.strength for n in works.values()), default=0)
    for naming in works.values():
        store.work_naming.append(255 * naming.strength // fullest if fullest else 255)
        store.work_at.append(base + naming.at if naming.at >= 0 else -1)
    store.work_start.append(len(store.work_ids))


def _chars(
    text: str,
    sentences: list[tuple[int, int]],
    tokens: list[Any],  # tantivy tokens: char_offset_from, char_offset_to
    a: int,
    b: int,
) -> tuple[int, int]:
    """The characters of tokens [a, b): whole sentences, unless the window cuts one."""
    first, last = tokens[a].char_offset_from, tokens[b - 1].char_offset_to
    k = bisect_right(sentences, (first, len(text) + 1)) - 1
    cut_before = a > 0 and tokens[a - 1].char_offset_to > sentences[k][0]
    start = first if cut_before else sentences[k][0]
    k = bisect_right(sentences, (last - 1, len(text) + 1)) - 1
    cut_after = b < len(tokens) and tokens[b].char_offset_from < sentences[k][1]
    end = last if cut_after else len(text[: sentences[k][1]].rstrip())
    return int(start), int(end)


def _windows(sentences: list[tuple[int, int]], token_ends: list[int]) -> Iterator[tuple[int, int]]:
    """Token spans [a, b) of whole sentences, packed up to PASSAGE_TOKENS tokens each."""
    if not token_ends:
        return
    # The token index where each sentence starts: the first token ending after its start.
    cuts = sorted({bisect_left(token_ends, start + 1) for start, _ in sentences})
    cuts = [c for c in cuts if c < len(token_ends)] + [len(token_ends)]
    if cuts[0] != 0:
        cuts.insert(0, 0)
    start = 0
    for here, after in pairwise(cuts):
        if after - start > PASSAGE_TOKENS and here > start:
            yield start, here
            start = here
        while after - start > PASSAGE_TOKENS:  # one sentence longer than a passage
            yield start, start + PASSAGE_TOKENS
            start += PASSAGE_TOKENS
    if start < len(token_ends):
        yield start, len(token_ends)


def snippet_passages(store: Passages, snippet_number: int) -> range:
    """The passages of one snippet (they are numbered consecutively)."""
    lo = bisect_left(store.snippet, snippet_number)
    return range(lo, bisect_left(store.snippet, snippet_number + 1, lo))
