"""Building the lookup's parts from a corpus: works, passages, BM25 indexes, vocabulary."""

from __future__ import annotations

import gc
from array import array
from dataclasses import dataclass

import tantivy

from bot.lookup.acronym import NicknameIndex
from bot.lookup.answer import edition_labels
from bot.lookup.names import KIND_WORDS, Entry, exact_keys, make_entry
from bot.lookup.passages import Passages, build_passages, snippet_passages
from bot.lookup.rarity import english_zipf
from bot.lookup.text import PRESTEMMED, STEMS, WORDS, stem, title_key
from bot.lookup.vocab import Vocabulary
from bot.models import Corpus, Paper

# BM25 field boosts of the works index: a word of a title or alias counts more than one of
# the authors, far more than the venue or the kind. Calibrated on the shipped corpus.
WORK_FIELDS = {
    "title": 4.0,
    "alias": 4.0,
    "authors": 3.0,
    "venue": 0.5,
    "kind": 0.5,
    "abstract": 1.0,
}
_WRITER_HEAP = 128_000_000
# A heading is a work's name when all snippets under it are about at most this many works
# (two: the catalog may hold the work twice until it merges them).
HEADING_NAME_MAX_WORKS = 2


@dataclass(slots=True)
class Parts:
    """Everything a LookupIndex answers from."""

    corpus: Corpus
    entries: list[Entry]
    passages: Passages
    headings: list[frozenset[int]]  # snippet number -> word numbers of its nearest heading
    works_index: tantivy.Index
    passage_index: tantivy.Index
    vocabulary: Vocabulary
    zipf: dict[str, float]  # word -> Zipf frequency in English (see rarity.english_zipf)
    stem_zipf: dict[str, float]  # stem -> the highest Zipf of the corpus words with it
    exact: dict[str, list[int]]  # title key -> works named so
    heading_names: dict[str, list[int]]  # heading key -> the work(s) a heading is about
    arxiv: dict[str, list[int]]
    nicknames: NicknameIndex
    titles: list[str]  # title keys, for fuzzy matching
    has_field: dict[str, bool]  # whether any work has a venue, kind or abstract to search


def build_parts(corpus: Corpus) -> Parts:
    """Read the whole corpus once into the parts a lookup needs."""
    # Building makes millions of long-lived objects and no cycles: the cyclic collector
    # would walk the growing heap again and again (a third of the time at 100k snippets).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_parts(corpus)
    finally:
        if was_enabled:
            gc.enable()


def _build_parts(corpus: Corpus) -> Parts:
    passages, texts = build_passages(corpus)
    entries = [make_entry(p, _venues(p)) for p in corpus.papers]
    _link_passages(entries, passages)
    headings = _headings(corpus, passages)
    name_words = {w for e in entries for w in e.name_words}
    # Words of resolved abstracts are corpus words too: a query using one is not a typo.
    passages.words.counts.update(
        w for p in corpus.papers if p.abstract for w in WORDS.analyze(p.abstract)
    )
    vocabulary = Vocabulary.from_words(passages.words.counts, name_words)
    zipf = english_zipf(vocabulary.counts)
    stem_zipf: dict[str, float] = {}
    for word in vocabulary.counts:
        s = stem(word)
        stem_zipf[s] = max(stem_zipf.get(s, 0.0), zipf.get(word, 0.0))
    exact: dict[str, list[int]] = {}
    arxiv: dict[str, list[int]] = {}
    for i, paper in enumerate(corpus.papers):
        for key in exact_keys(paper):
            exact.setdefault(key, []).append(i)
        if paper.arxiv:
            arxiv.setdefault(paper.arxiv, []).append(i)
    return Parts(
        corpus=corpus,
        entries=entries,
        passages=passages,
        headings=headings,
        works_index=_works_index(corpus.papers),
        passage_index=_passage_index(passages, texts, headings),
        vocabulary=vocabulary,
        zipf=zipf,
        stem_zipf=stem_zipf,
        exact=exact,
        heading_names=_heading_names(corpus, passages),
        arxiv=arxiv,
        nicknames=NicknameIndex([WORDS.analyze(p.title) for p in corpus.papers]),
        titles=[title_key(p.title) for p in corpus.papers],
        has_field={
            "venue": any(p.mentions for p in corpus.papers),
            "kind": any(p.kind in KIND_WORDS for p in corpus.papers),
            "abstract": any(p.abstract for p in corpus.papers),
        },
    )


def _venues(paper: Paper) -> list[str]:
    """'ICLR 2019'-style labels of the editions whose reports discuss the paper."""
    return edition_labels(paper.mentions)


def _link_passages(entries: list[Entry], passages: Passages) -> None:
    """Give each entry its passages and the number of reports that discuss it."""
    owned: list[list[int]] = [[] for _ in entries]
    for p in range(len(passages)):
        for w in passages.works(p):
            owned[w].append(p)
    for entry, mine in zip(entries, owned, strict=True):
        entry.passages = array("I", mine)
        reports = {m.report for m in entry.paper.mentions}
        reports.update(passages.reports[passages.snippet[p]] for p in mine)
        entry.reports = len(reports)


def _headings(corpus: Corpus, passages: Passages) -> list[frozenset[int]]:
    """Per snippet, the word numbers of the heading it sits under (shared between snippets)."""
    shared: dict[tuple[str, ...], frozenset[int]] = {}
    found = []
    table = passages.words
    for snippet in corpus.snippets:
        key = snippet.section[-1:]
        if key not in shared:
            words = WORDS.analyze(key[0]) if key else []
            shared[key] = frozenset(table.number(w, stem(w)) for w in words)
        found.append(shared[key])
    return found


def _heading_names(corpus: Corpus, passages: Passages) -> dict[str, list[int]]:
    """Headings that name one work (a "### ON-LSTM" over the Ordered Neurons paragraph):
    heading key -> that work, or two when the catalog holds it twice."""
    about: dict[str, set[int]] = {}
    for snippet in corpus.snippets:
        if not snippet.section:
            continue
        key = title_key(snippet.section[-1])
        first = snippet_passages(passages, passages.numbers[snippet.id])
        works = set(passages.works(first[0])) if first else set()
        about.setdefault(key, set()).update(works or {-1})
    return {
        key: sorted(works)
        for key, works in about.items()
        if key and 0 < len(works) <= HEADING_NAME_MAX_WORKS and -1 not in works
    }


def _works_index(papers: list[Paper]) -> tantivy.Index:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("doc", fast=True)
    for name in WORK_FIELDS:
        builder.add_text_field(name, tokenizer_name="stems", index_option="freq")
    index = tantivy.Index(builder.build())
    index.register_tokenizer("stems", STEMS)
    writer = index.writer(heap_size=_WRITER_HEAP, num_threads=1)
    for i, paper in enumerate(papers):
        fields = {
            "title": paper.title,
            "alias": list(paper.aliases) or [""],
            "authors": list(paper.authors) or [""],
            "venue": " ".join(_venues(paper)),
            "kind": KIND_WORDS.get(paper.kind, ""),
            "abstract": paper.abstract or "",
        }
        writer.add_document(tantivy.Document(doc=i, **fields))
    _finish(index, writer)
    return index


def _passage_index(
    passages: Passages, texts: list[str], headings: list[frozenset[int]]
) -> tantivy.Index:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("doc", fast=True)
    builder.add_text_field("body", tokenizer_name="prestemmed", index_option="freq")
    builder.add_text_field("heading", tokenizer_name="prestemmed", index_option="freq")
    index = tantivy.Index(builder.build())
    index.register_tokenizer("prestemmed", PRESTEMMED)
    writer = index.writer(heap_size=_WRITER_HEAP, num_threads=1)
    stems = passages.words.stems
    heading_texts: dict[frozenset[int], str] = {}
    for p, text in enumerate(texts):
        heading = headings[passages.snippet[p]]
        if heading not in heading_texts:
            heading_texts[heading] = " ".join(stems[i] for i in heading)
        writer.add_document(tantivy.Document(doc=p, body=text, heading=heading_texts[heading]))
    _finish(index, writer)
    return index


def _finish(index: tantivy.Index, writer: tantivy.IndexWriter) -> None:
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
