"""Benchmark: reading reports, cold and warm, as the bot does (worker process, cache).

Run: `python benchmarks/bench_ingest.py [--copies 100] [--repeat 5] [--skip-compare]`.

1. The shipped corpus and a synthetic corpus of 500 reports (perturbed copies of the five):
   cold (an empty cache: every file parsed in the worker) and warm (nothing changed: every
   file from the cache), medians, and peak memory of the bot and of the worker.
2. Hostile files, each alone: a 5 MB Markdown report, 200 KB runs of markup characters in
   several forms, a 200,000-letter word, a 50,000-item list, deep nesting, UTF-16 without a
   BOM and binary junk: the time to read or skip each (target: 2 s), and what happened.
3. Markdown by markdown-it-py (what the bot uses) and by pandoc, side by side on the shipped
   Markdown reports, the Markdown test reports and a 1 MB report: time, and what each keeps
   (links, emphasis, headings) and leaks (markup left in the text).

Prints numbers; it never fails on one (speed is read by people, not asserted by tests).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bot.corpus import load_corpus
from bot.corpus.worker import IngestWorker, ReadLimits
from bot.models import Corpus
from bot.paths import shipped_corpus_dir

WORDS = "sparse pruning lottery ticket gradient network robust adversarial attention".split()
REPO = Path(__file__).resolve().parent.parent
LIMITS = ReadLimits(max_bytes=5_000_000, seconds=10.0, memory_mb=1024)


def synthetic_corpus(directory: Path, copies: int, seed: int = 7) -> int:
    """Write ``copies`` perturbed copies of every shipped report; return the bytes written."""
    rng = random.Random(seed)
    total = 0
    for source in sorted(shipped_corpus_dir().iterdir()):
        text = source.read_bytes().decode("utf-8")
        for index in range(copies):
            # Perturb so the catalog cannot merge everything: new words in every paragraph.
            paragraphs = text.split("\n\n")
            for i in range(1, len(paragraphs), 3):  # paragraph 0 may be front matter
                paragraphs[i] += " " + " ".join(rng.choice(WORDS) for _ in range(5))
            data = "\n\n".join(paragraphs).encode("utf-8")
            (directory / f"{index:03d}-{source.name}").write_bytes(data)
            total += len(data)
    return total


def _load(directory: Path, cache: Path) -> tuple[Corpus, float]:
    worker = IngestWorker()
    try:
        start = time.perf_counter()
        corpus = load_corpus(directory, limits=LIMITS, cache_dir=cache, worker=worker)
        return corpus, time.perf_counter() - start
    finally:
        worker.close()


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KB


def cold_and_warm(name: str, directory: Path, repeat: int) -> None:
    colds, warms = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as cache:
            corpus, cold = _load(directory, Path(cache))
            colds.append(cold)
            warms += [_load(directory, Path(cache))[1] for _ in range(2)]
    print(
        f"{name}: {len(corpus.reports)} reports, {len(corpus.snippets)} snippets, "
        f"{len(corpus.papers)} works; cold median {statistics.median(colds):.2f} s, "
        f"warm median {statistics.median(warms):.2f} s (min {min(warms):.2f} s; "
        f"{len(colds)} cold, {len(warms)} warm runs)"
    )


def hostile(directory: Path) -> dict[str, bytes]:
    """Files that once hung or broke ingestion, or could."""
    run = 200_000
    paragraph = "We saw [a paper](https://arxiv.org/abs/1803.03635) on *pruning* today. "
    files = {
        "big.md": ("# ICML 2019 notes\n\n" + (paragraph * 8 + "\n\n") * 8_500).encode(),
        "word.txt": ("ICML 2019\n\n" + "a" * run).encode(),
        "list.md": ("# NeurIPS 2019\n\n" + "- item with words\n" * 50_000).encode(),
        "nested.md": ("# ICLR 2020\n\n" + "> " * 5_000 + "deep\n").encode(),
        "utf16.txt": "ICML 2019 notes\n\nA paragraph of notes.\n".encode("utf-16-le"),
        "junk.bin": random.Random(1).randbytes(200_000),
    }
    for char in "*_[`<#|\\{=~":
        for form, wrap in {
            "md": lambda r: f"# Notes\n\n{r}\n",
            "org": lambda r: f"#+TITLE: Notes\n* H\n{r}\n",
            "rst": lambda r: f"Title\n=====\n\n{r}\n",
            "tex": lambda r: (
                f"\\documentclass{{article}}\\begin{{document}}\n{r}\n\\end{{document}}"
            ),
            "html": lambda r: f"<!doctype html><html><body><p>{r}</p></body></html>",
        }.items():
            files[f"run-{ord(char)}.{form}"] = wrap(char * run).encode()
    for name, data in files.items():
        (directory / name).write_bytes(data)
    return files


def hostile_times(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        files = hostile(folder)
        worst: list[tuple[float, str, str]] = []
        for name in files:
            alone = Path(tmp) / f"one-{name}"
            alone.mkdir()
            (alone / name).write_bytes((folder / name).read_bytes())
            times, verdict = [], ""
            for _ in range(repeat):
                with tempfile.TemporaryDirectory() as cache:
                    corpus, took = _load(alone, Path(cache))
                times.append(took)
                problem = next((p for p in corpus.problems if p.fatal), None)
                verdict = f"skipped: {problem.reason}" if problem else "read"
            worst.append((statistics.median(times), name, verdict))
    worst.sort(reverse=True)
    over = [w for w in worst if w[0] > 2.0]
    print(
        f"hostile files: {len(worst)}, median time each; slowest {worst[0][0]:.2f} s "
        f"({worst[0][1]}), {len(over)} over 2 s; worker peak memory {_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB"
    )
    for took, name, verdict in worst[:8]:
        print(f"  {took:5.2f} s  {name:14} {verdict[:90]}")


def compare_markdown() -> None:
    """markdown-it-py against pandoc's Markdown reader on the same files."""
    from bot.documents import Meta, read_document
    from bot.documents.pandoc_ast import ast_to_document
    from bot.documents.pandoc_run import pandoc_ast
    from tests.support.markup import MARKUP

    files = [p for p in shipped_corpus_dir().iterdir() if p.suffix == ".md"]
    files += sorted((REPO / "tests" / "data" / "forms").glob("*.md"))
    big = (shipped_corpus_dir() / "iclr-2019-hinz.md").read_text("utf-8") * 12

    def by_pandoc(text: str) -> object:
        with tempfile.TemporaryDirectory() as work:
            ast = pandoc_ast(
                text, "markdown", timeout=60, memory_mb=2048, args=(), workdir=Path(work)
            )
        return ast_to_document(ast, "markdown", Meta(), {})

    readers: dict[str, Callable[[str], object]] = {
        "markdown-it-py": lambda text: read_document(text.encode("utf-8"), suffix=".md"),
        "pandoc": by_pandoc,
    }
    texts = [p.read_text("utf-8") for p in files]
    for name, read in readers.items():
        start = time.perf_counter()
        documents = [read(text) for text in texts]
        small = time.perf_counter() - start
        start = time.perf_counter()
        read(big)
        large = time.perf_counter() - start
        blocks = [b for d in documents for b in d.blocks]  # type: ignore[attr-defined]
        kept = {
            kind: sum(1 for b in blocks for s in b.spans if s.kind == kind)
            for kind in ("link", "emph", "strong")
        }
        headings = sum(1 for b in blocks if b.kind == "heading")
        leaks = sum(1 for b in blocks if b.kind != "code" and MARKUP.search(b.text))
        print(
            f"  {name:15} {len(files)} files {small:.2f} s, {len(big) // 1000} KB {large:.2f} s; "
            f"links {kept['link']}, emphasis {kept['emph']}, strong {kept['strong']}, "
            f"headings {headings}; blocks with markup left {leaks}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-compare", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))

    cold_and_warm("shipped corpus", shipped_corpus_dir(), args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        size = synthetic_corpus(Path(tmp), args.copies)
        print(f"synthetic corpus: {size / 1e6:.1f} MB")
        cold_and_warm(f"{5 * args.copies} reports", Path(tmp), max(1, args.repeat - 1))
    print(
        f"peak memory: bot {_peak_mb(resource.RUSAGE_SELF):.0f} MB, "
        f"worker {_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB"
    )
    hostile_times(max(1, args.repeat - 1))
    if not args.skip_compare:
        print("Markdown, the same files read by both:")
        compare_markdown()


if __name__ == "__main__":
    main()
