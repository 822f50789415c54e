"""Benchmark of the /paper lookup against SQLite FTS5 + spell-fix, on one seeded corpus.

A harder synthetic corpus (issue 13): 100,000 snippets of two to four sentences about 20,000
works whose titles share common ML words ("Deep ... networks for ... learning"); one snippet
in ten is about no work. 1,000 seeded queries: full titles, 2-4 word fragments, aliases,
author + word, descriptions (words of what a snippet says about the work, some paraphrased
away) and queries about nothing; 20% of them carry a one-edit typo.

Each engine is built and queried in its own forked process (the corpus is shared), so the
memory each adds is measured alone. Printed side by side: build time, memory added (RSS),
p50/p99 CPU time per query, hit@1 per kind of query (a "none" query hits when nothing is
answered). Targets: lookup p99 <= 3 ms and <= half the baseline's p99, hit@1 no lower.

    python benchmarks/bench_lookup.py [--snippets 100000] [--titles 20000] [--queries 1000]
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import random
import re
import sqlite3
import statistics
import string
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.lookup import LookupIndex
from bot.lookup.text import WORDS
from bot.lookup.vocab import Vocabulary
from bot.models import Corpus, Mention, Paper, Report, Snippet

_SYLLABLES = [c + v for c in "bcdfghklmnprstvwz" for v in "aeiou"] + ["tion", "ing", "er", "al"]
# Words every ML title and report uses: they make titles share words and BM25 work harder.
ML_WORDS = """learning deep neural network networks model models training adversarial
    generative attention transformer graph reinforcement representation representations
    optimization efficient robust scalable unsupervised supervised self convolutional
    recurrent language vision image images data sparse gradient stochastic bayesian
    inference policy reward agent embedding embeddings pretraining fine tuning loss
    regularization generalization features classification detection segmentation
    translation memory search architecture latent variational diffusion contrastive
    meta transfer few shot zero large scale fast towards via using understanding""".split()
_FILLER = """the of and a to in is that for with on as by this we are from it an be
    which their they at or was were has have but not more than also these can into
    our its when how all each one two only both most other such""".split()
_CONFERENCES = ["ICLR", "ICML", "NeurIPS", "CVPR", "ACL"]
_SENTENCE_END = re.compile(r"(?<=\.) (?=[A-Z])")
KINDS = ("title", "fragment", "alias", "author", "description", "none")
_KIND_SHARES = (0.15, 0.25, 0.1, 0.15, 0.25, 0.1)


@dataclass(frozen=True)
class Query:
    """A benchmark query and the catalog entry it is about ("" for none)."""

    text: str
    paper_id: str
    typo: bool
    kind: str = "fragment"


def _made_up_words(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _title(rng: random.Random, rare: list[str]) -> str:
    """A title of 3-8 words: one to three common ML words, the rest distinctive."""
    size = rng.randint(3, 8)
    common = rng.sample(ML_WORDS, min(size - 1, rng.randint(1, 3)))
    words = common + rng.sample(rare, size - len(common))
    rng.shuffle(words)
    return " ".join(words).capitalize()


def _papers(rng: random.Random, n: int, rare: list[str], surnames: list[str]) -> list[Paper]:
    papers: list[Paper] = []
    seen: set[str] = set()
    while len(papers) < n:
        title = _title(rng, rare)
        if title in seen:
            continue
        seen.add(title)
        aliases = []
        if rng.random() < 0.3:
            aliases.append("".join(w[0] for w in title.split()).upper() + str(len(papers) % 7))
        authors = [
            f"{rng.choice(string.ascii_uppercase)}. {rng.choice(surnames)}"
            for _ in range(rng.randint(1, 3))
        ]
        papers.append(Paper(id=f"t:{len(papers)}", title=title, aliases=aliases, authors=authors))
    return papers


def _sentence(rng: random.Random, words: list[str], zipf: Callable[[int], list[str]]) -> str:
    body = words + zipf(rng.randint(6, 12)) + rng.sample(_FILLER, 4)
    rng.shuffle(body)
    return " ".join(body).capitalize() + "."


def make_corpus(
    n_snippets: int = 100_000, n_titles: int = 20_000, seed: int = 7, n_reports: int = 200
) -> Corpus:
    """A seeded corpus: each work has eight "fact" words its snippets describe it with."""
    rng = random.Random(seed)
    rare = _made_up_words(rng, 30_000)
    vocab = rare + ML_WORDS
    weights = [1 / (rank + 1) ** 1.07 for rank in range(len(vocab))]
    rng.shuffle(weights)
    pool = rng.choices(vocab, weights=weights, k=400_000)
    cursor = [0]

    def zipf(k: int) -> list[str]:
        start = cursor[0] % (len(pool) - k)
        cursor[0] += k
        return pool[start : start + k]

    surnames = [w.capitalize() for w in rng.sample(rare, 5_000)]
    papers = _papers(rng, n_titles, rare[1000:], surnames)
    facts = {p.id: rng.sample(rare, 6) + rng.sample(ML_WORDS, 2) for p in papers}
    reports = [
        Report(
            id=f"r{r}.md",
            file=f"r{r}.md",
            form="markdown",
            encoding="utf-8",
            title=f"Report {r}",
            conference=_CONFERENCES[r % len(_CONFERENCES)],
            year=2015 + r % 10,
        )
        for r in range(n_reports)
    ]
    for n in range(n_snippets):
        report = reports[n % n_reports]
        # Every work gets a snippet; after that one snippet in ten is about no work.
        paper = papers[n] if n < n_titles else None if rng.random() < 0.1 else rng.choice(papers)
        sentences = [_sentence(rng, rng.sample(rare, 3), zipf) for _ in range(rng.randint(2, 4))]
        if paper is not None:
            sentences[0] = _naming_sentence(rng, paper, zipf)
            sentences[1] = _sentence(rng, rng.sample(facts[paper.id], 5), zipf)
        snippet = Snippet(
            id=f"{report.id}#{n}",
            report=report.id,
            section=(),
            text=" ".join(sentences),
            papers=[paper.id] if paper else [],
        )
        report.snippets.append(snippet)
        if paper is not None:
            paper.mentions.append(Mention(report.id, report.conference, report.year, snippet.id))
    return Corpus(reports=reports, papers=papers)


def _naming_sentence(rng: random.Random, paper: Paper, zipf: Callable[[int], list[str]]) -> str:
    """A sentence that names the paper: its title, part of it, its alias or its author."""
    roll = rng.random()
    if roll < 0.4:
        name = paper.title
    elif roll < 0.6 and paper.aliases:
        name = paper.aliases[0]
    elif roll < 0.8:
        name = f"{paper.authors[0].split()[-1]} et al."
    else:
        words = paper.title.split()
        name = " ".join(words[: max(2, len(words) // 2)])
    return f"{' '.join(zipf(3)).capitalize()} {name} {' '.join(zipf(5))}."


def _typo(rng: random.Random, word: str) -> str:
    """One random edit (delete, insert, substitute, swap) away from the ends of ``word``."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["delete", "insert", "substitute", "swap"])
    letter = rng.choice(string.ascii_lowercase)
    if kind == "delete":
        return word[:i] + word[i + 1 :]
    if kind == "insert":
        return word[:i] + letter + word[i:]
    if kind == "substitute":
        return word[:i] + letter + word[i + 1 :]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def _words_for(rng: random.Random, corpus: Corpus, paper: Paper, kind: str) -> list[str]:
    words = paper.title.lower().split()
    if kind == "title":
        return words
    if kind == "fragment":
        size = min(len(words), rng.randint(2, 4))
        start = rng.randrange(0, len(words) - size + 1)
        return words[start : start + size]
    if kind == "alias" and paper.aliases:
        return [paper.aliases[0].lower()]
    if kind in {"alias", "author"}:
        return [paper.authors[0].split()[-1].lower(), rng.choice(words)]
    # A description: most of what one snippet says about the work, a word remembered
    # wrong, two filler words.
    snippet = corpus.snippet(rng.choice(paper.mentions).snippet_id)
    said = _SENTENCE_END.split(snippet.text)[1].rstrip(".").lower().split()
    chosen = rng.sample([w for w in said if w not in _FILLER], 6) + rng.sample(_FILLER, 2)
    chosen[rng.randrange(6)] = rng.choice(ML_WORDS)
    rng.shuffle(chosen)
    return chosen


def make_queries(
    corpus: Corpus, n: int = 1_000, typo_rate: float = 0.2, seed: int = 11
) -> list[Query]:
    """Seeded queries of every kind (see KINDS); ``typo_rate`` of them with one typo."""
    rng = random.Random(seed)
    made_up = _made_up_words(random.Random(seed + 1), 60_000)[30_000:]
    known = {w for p in corpus.papers for w in p.title.lower().split()}
    made_up = [w for w in made_up if w not in known]
    queries: list[Query] = []
    for _ in range(n):
        kind = rng.choices(KINDS, weights=_KIND_SHARES)[0]
        if kind == "none":
            chosen = rng.sample(made_up, rng.randint(1, 3)) + rng.sample(ML_WORDS, 1)
            queries.append(Query(" ".join(chosen), "", False, kind))
            continue
        paper = rng.choice(corpus.papers)
        chosen = _words_for(rng, corpus, paper, kind)
        typo = rng.random() < typo_rate
        long_words = [i for i, w in enumerate(chosen) if len(w) >= 5]
        if typo and long_words:
            i = rng.choice(long_words)
            chosen = [*chosen[:i], _typo(rng, chosen[i]), *chosen[i + 1 :]]
        queries.append(Query(" ".join(chosen), paper.id, typo and bool(long_words), kind))
    return queries


# --- the baseline ---------------------------------------------------------------------------


class Fts5Baseline:
    """SQLite FTS5 (porter stemmer, BM25) over snippets and works, with the same spell-fix:
    a word the corpus does not know is replaced by its closest corpus word."""

    # BM25 of a work's names counts this much more than a snippet's (raw scores: the works
    # table's short documents score high already). Best hit@1 of 1.0, 1.5 and 2.0 here.
    WORK_WEIGHT = 1.0

    def __init__(self, corpus: Corpus) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE works USING fts5(title, aliases, authors)")
        self.db.execute("CREATE VIRTUAL TABLE snippets USING fts5(body, tokenize='porter')")
        self.papers = corpus.papers
        index = {p.id: i for i, p in enumerate(corpus.papers)}
        self.db.executemany(
            "INSERT INTO works(rowid, title, aliases, authors) VALUES (?, ?, ?, ?)",
            (
                (i, p.title, " ".join(p.aliases), " ".join(p.authors))
                for i, p in enumerate(corpus.papers)
            ),
        )
        self.snippet_work: dict[int, int] = {}
        rows = []
        counts: dict[str, int] = defaultdict(int)
        for n, snippet in enumerate(corpus.snippets):
            rows.append((n, snippet.text))
            if snippet.papers:
                self.snippet_work[n] = index[snippet.papers[0]]
            for word in WORDS.analyze(snippet.text):
                counts[word] += 1
        self.db.executemany("INSERT INTO snippets(rowid, body) VALUES (?, ?)", rows)
        titles = {w for p in corpus.papers for w in WORDS.analyze(" ".join([p.title, *p.aliases]))}
        from collections import Counter

        self.vocabulary = Vocabulary.from_words(Counter(counts), titles)

    def answer(self, text: str, limit: int = 3) -> list[int]:
        """The catalog numbers of the works that answer ``text``, best first."""
        words = []
        for word in WORDS.analyze(text):
            if not self.vocabulary.knows(word):
                fix = self.vocabulary.correct(word)
                word = fix.words[0] if fix else word
            words.append(f'"{word}"')
        if not words:
            return []
        match = " OR ".join(words)
        scores: dict[int, float] = {}
        for rowid, score in self._best("works", "4.0, 4.0, 3.0", match, 10):
            scores[rowid] = score * self.WORK_WEIGHT
        for rowid, score in self._best("snippets", "1.0", match, 30):
            work = self.snippet_work.get(rowid)
            if work is not None:
                scores[work] = max(scores.get(work, 0.0), score)
        return sorted(scores, key=lambda w: -scores[w])[:limit]

    def _best(self, table: str, weights: str, match: str, limit: int) -> list[tuple[int, float]]:
        """(rowid, BM25 as a positive score) of the best ``limit`` rows of ``table``."""
        rank = f"bm25({table}, {weights})"
        sql = f"SELECT rowid, -{rank} FROM {table} WHERE {table} MATCH ? ORDER BY {rank} LIMIT ?"
        return self.db.execute(sql, (match, limit)).fetchall()


# --- measuring ------------------------------------------------------------------------------


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class Run:
    """What one engine measured."""

    name: str
    build_s: float
    memory_mb: float
    p50_ms: float
    p99_ms: float
    hits: dict[str, tuple[int, int]]  # kind -> (hits at 1, queries)


def _lookup_engine(corpus: Corpus) -> Callable[[str], list[str]]:
    index = LookupIndex.build(corpus)

    def answer(text: str) -> list[str]:
        return [r.paper.id for r in index.answer(text, 3).results]

    return answer


def _fts5_engine(corpus: Corpus) -> Callable[[str], list[str]]:
    baseline = Fts5Baseline(corpus)
    return lambda text: [baseline.papers[i].id for i in baseline.answer(text, 3)]


_ENGINES = {"lookup": _lookup_engine, "fts5+spellfix": _fts5_engine}
_SHARED: tuple[Corpus, list[Query]] | None = None


def _measure(name: str) -> Run:
    """Build one engine and run every query (in a forked child: see main)."""
    assert _SHARED is not None
    corpus, queries = _SHARED
    gc.collect()
    before = _rss_mb()
    start = time.perf_counter()
    answer = _ENGINES[name](corpus)
    build = time.perf_counter() - start
    gc.collect()
    gc.freeze()  # what a long-running bot does after start-up
    memory = _rss_mb() - before
    for query in queries[:20]:
        answer(query.text)  # warm caches as a running bot has them
    cpu: list[float] = []
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for query in queries:
        start_cpu = time.thread_time()
        ids = answer(query.text)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        hit = not ids if query.kind == "none" else ids[:1] == [query.paper_id]
        hits[query.kind][0] += hit
        hits[query.kind][1] += 1
    return Run(
        name,
        build,
        memory,
        statistics.median(cpu),
        _percentile(cpu, 0.99),
        {k: (v[0], v[1]) for k, v in hits.items()},
    )


def _print(runs: list[Run]) -> None:
    width = 16
    print(f"{'':24s}" + "".join(f"{r.name:>{width}s}" for r in runs))
    rows = [
        ("build (s)", [f"{r.build_s:.1f}" for r in runs]),
        ("memory added (MB RSS)", [f"{r.memory_mb:.0f}" for r in runs]),
        ("CPU per query p50 (ms)", [f"{r.p50_ms:.2f}" for r in runs]),
        ("CPU per query p99 (ms)", [f"{r.p99_ms:.2f}" for r in runs]),
    ]
    for kind in (*KINDS, "all"):
        cells = []
        for r in runs:
            at1, n = (
                (sum(h for h, _ in r.hits.values()), sum(n for _, n in r.hits.values()))
                if kind == "all"
                else r.hits.get(kind, (0, 0))
            )
            cells.append(f"{at1 / max(1, n):.3f} ({n})")
        rows.append((f"hit@1 {kind}", cells))
    for label, cells in rows:
        print(f"{label:24s}" + "".join(f"{c:>{width}s}" for c in cells))
    lookup, baseline = runs
    print(
        f"\np99 ratio lookup/baseline: {lookup.p99_ms / baseline.p99_ms:.2f} (target <= 0.5); "
        f"lookup p99 {lookup.p99_ms:.2f} ms (target <= 3 ms)"
    )


def main() -> None:
    """Generate, then measure each engine in its own forked process, and print the table."""
    global _SHARED
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snippets", type=int, default=100_000)
    parser.add_argument("--titles", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=1_000)
    args = parser.parse_args()
    start = time.perf_counter()
    corpus = make_corpus(args.snippets, args.titles)
    queries = make_queries(corpus, args.queries)
    print(
        f"corpus: {len(corpus.snippets):,} snippets, {len(corpus.papers):,} works, "
        f"{len(queries):,} queries ({sum(q.typo for q in queries)} with a typo); "
        f"generated in {time.perf_counter() - start:.1f} s\n"
    )
    _SHARED = (corpus, queries)
    context = multiprocessing.get_context("fork")
    with context.Pool(1, maxtasksperchild=1) as pool:
        runs = [pool.apply(_measure, (name,)) for name in _ENGINES]
    _print(runs)


if __name__ == "__main__":
    main()
