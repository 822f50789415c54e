"""Benchmark: ingesting the shipped corpus, and a synthetic corpus 100 times its size.

Run: `python benchmarks/bench_ingest.py [--copies 100] [--repeat 5]`. Prints medians; it never
fails on a number (speed is read by people, not asserted by tests).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from bot.corpus import load_corpus
from bot.paths import shipped_corpus_dir

WORDS = "sparse pruning lottery ticket gradient network robust adversarial attention".split()


def _time(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    load_corpus(shipped_corpus_dir())  # warm imports and the calendar
    small = _time(lambda: load_corpus(shipped_corpus_dir()), args.repeat)
    corpus = load_corpus(shipped_corpus_dir())
    print(
        f"shipped corpus: {len(corpus.reports)} reports, {len(corpus.snippets)} snippets, "
        f"{len(corpus.papers)} papers; median {statistics.median(small) * 1000:.0f} ms "
        f"(min {min(small) * 1000:.0f} ms, {args.repeat} runs)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        size = synthetic_corpus(Path(tmp), args.copies)
        big = _time(lambda: load_corpus(Path(tmp)), max(1, args.repeat // 2))
        # Memory in a run of its own: tracemalloc slows Python down several times over.
        tracemalloc.start()
        corpus = load_corpus(Path(tmp))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    ratio = statistics.median(big) / statistics.median(small)
    print(
        f"synthetic x{args.copies}: {len(corpus.reports)} reports ({size / 1e6:.1f} MB), "
        f"{len(corpus.snippets)} snippets, {len(corpus.papers)} papers; "
        f"median {statistics.median(big):.2f} s, {ratio:.0f}x the shipped corpus "
        f"for {args.copies}x the data; peak traced memory {peak / 1e6:.0f} MB"
    )


if __name__ == "__main__":
    main()
