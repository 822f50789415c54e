"""Benchmark of the /paper lookup on a seeded synthetic corpus (issue 3).

100,000 snippets about 20,000 titles, 1,000 seeded queries of which 20% carry a typo.
Prints the index build time, memory (RSS), p50/p99 latency of the whole ``answer()`` call,
and hit@1/hit@10 for clean and typo queries. Target: p99 under 5 ms.

    python benchmarks/bench_lookup.py [--snippets 100000] [--titles 20000] [--queries 1000]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import string
import time
from dataclasses import dataclass
from pathlib import Path

from bot.lookup import LookupIndex
from bot.models import Corpus, Mention, Paper, Report, Snippet

_SYLLABLES = [c + v for c in "bcdfghklmnprstvwz" for v in "aeiou"] + ["tion", "ing", "er", "al"]
_FILLER = [
    "the",
    "of",
    "and",
    "a",
    "to",
    "in",
    "is",
    "that",
    "for",
    "with",
    "on",
    "as",
    "by",
    "this",
    "we",
    "are",
    "from",
    "it",
    "an",
    "be",
]
_CONFERENCES = ["ICLR", "ICML", "NeurIPS", "CVPR", "ACL"]


@dataclass(frozen=True)
class Query:
    """A benchmark query and the catalog entry it is about."""

    text: str
    paper_id: str
    typo: bool


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def make_corpus(
    n_snippets: int = 100_000, n_titles: int = 20_000, seed: int = 7, n_reports: int = 200
) -> Corpus:
    """A seeded corpus: Zipf-distributed passage words, distinctive titles, 1-3 authors."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 30_000)
    zipf = [1 / (rank + 1) ** 1.07 for rank in range(len(vocab))]
    surnames = [w.capitalize() for w in rng.sample(vocab, 5_000)]
    title_words = vocab[200:]
    papers: list[Paper] = []
    seen: set[str] = set()
    while len(papers) < n_titles:
        title = " ".join(rng.sample(title_words, rng.randint(3, 8))).capitalize()
        if title in seen:
            continue
        seen.add(title)
        aliases = []
        if rng.random() < 0.3:
            aliases.append("".join(w[0] for w in title.split()).upper())
        authors = [f"{rng.choice(string.ascii_uppercase)}. {rng.choice(surnames)}"]
        authors += [f"{rng.choice(string.ascii_uppercase)}. {rng.choice(surnames)}"] * (
            rng.random() < 0.5
        )
        papers.append(Paper(id=f"t:{len(papers)}", title=title, aliases=aliases, authors=authors))
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
    body_words = rng.choices(vocab, weights=zipf, k=n_snippets * 40)
    for n in range(n_snippets):
        paper = papers[n % n_titles] if n < n_titles else rng.choice(papers)
        report = reports[n % n_reports]
        words = body_words[n * 40 : n * 40 + rng.randint(20, 40)]
        words += rng.sample(_FILLER, 6)
        rng.shuffle(words)
        title_bits = paper.title.lower().split()
        mention = rng.sample(title_bits, min(len(title_bits), rng.randint(1, 3)))
        text = " ".join(words[:10] + mention + words[10:]).capitalize() + "."
        snippet = Snippet(
            id=f"{report.id}#{n}", report=report.id, section=(), text=text, papers=[paper.id]
        )
        report.snippets.append(snippet)
        paper.mentions.append(Mention(report.id, report.conference, report.year, snippet.id))
    return Corpus(reports=reports, papers=papers)


def _typo(rng: random.Random, word: str) -> str:
    """One random edit (delete, insert, substitute, swap) away from the middle of ``word``."""
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


def make_queries(
    corpus: Corpus, n: int = 1_000, typo_rate: float = 0.2, seed: int = 11
) -> list[Query]:
    """Full titles, 2-4 word title fragments, aliases and author+word queries; some typo'd."""
    rng = random.Random(seed)
    queries: list[Query] = []
    for _ in range(n):
        paper = rng.choice(corpus.papers)
        words = paper.title.lower().split()
        roll = rng.random()
        if roll < 0.3:
            chosen = words
        elif roll < 0.8 or not paper.aliases:
            size = min(len(words), rng.randint(2, 4))
            start = rng.randrange(0, len(words) - size + 1)
            chosen = words[start : start + size]
        elif roll < 0.9:
            chosen = [paper.aliases[0].lower()]
        else:
            chosen = [paper.authors[0].split()[-1].lower(), rng.choice(words)]
        typo = rng.random() < typo_rate
        if typo:
            long_words = [i for i, w in enumerate(chosen) if len(w) >= 5]
            if long_words:
                i = rng.choice(long_words)
                chosen = [*chosen[:i], _typo(rng, chosen[i]), *chosen[i + 1 :]]
            else:
                typo = False
        queries.append(Query(" ".join(chosen), paper.id, typo))
    return queries


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    """Build, query, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snippets", type=int, default=100_000)
    parser.add_argument("--titles", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--no-freeze", action="store_true", help="leave the GC unfrozen")
    args = parser.parse_args()

    start = time.perf_counter()
    corpus = make_corpus(args.snippets, args.titles)
    queries = make_queries(corpus, args.queries)
    print(
        f"corpus: {len(corpus.snippets):,} snippets, {len(corpus.papers):,} titles, "
        f"{len(queries):,} queries ({sum(q.typo for q in queries)} with a typo); "
        f"generated in {time.perf_counter() - start:.1f} s"
    )
    gc.collect()
    rss_before = _rss_mb()
    start = time.perf_counter()
    index = LookupIndex.build(corpus)
    build = time.perf_counter() - start
    gc.collect()
    # What a long-running bot does after start-up: the corpus and index live forever, so the
    # collector need not walk them (a full collection over them is a ~10 ms pause).
    if not args.no_freeze:
        gc.freeze()
    rss_after = _rss_mb()
    print(
        f"index build: {build:.2f} s; RSS {rss_after:.0f} MB "
        f"(+{rss_after - rss_before:.0f} MB for the index)"
    )

    for limit in (3, 10):
        latencies: list[float] = []
        cpu: list[float] = []
        hits: dict[bool, list[tuple[bool, bool]]] = {False: [], True: []}
        for query in queries:
            start, start_cpu = time.perf_counter(), time.thread_time()
            answer = index.answer(query.text, limit)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            latencies.append((time.perf_counter() - start) * 1000)
            ids = [r.paper.id for r in answer.results]
            hits[query.typo].append((ids[:1] == [query.paper_id], query.paper_id in ids))
        print(
            f"answer(limit={limit}): p50 {statistics.median(latencies):.2f} ms, "
            f"p99 {_percentile(latencies, 0.99):.2f} ms, max {max(latencies):.2f} ms "
            f"(CPU time p50 {statistics.median(cpu):.2f} ms, p99 {_percentile(cpu, 0.99):.2f} ms)"
        )
        if limit == 10:
            for typo, rows in hits.items():
                label = "typo " if typo else "clean"
                at1 = sum(a for a, _ in rows) / max(1, len(rows))
                at10 = sum(b for _, b in rows) / max(1, len(rows))
                print(f"  {label} ({len(rows):4d} queries): hit@1 {at1:.3f}, hit@10 {at10:.3f}")


if __name__ == "__main__":
    main()
