"""Benchmark of the catalog's curation and metadata (issue 12, items 4 and 5).

1. The pure steps on a synthetic 20,000-entry catalog: reading a 900-line catalog.yaml,
   apply_curation, apply_metadata with 15,000 records (median of 5).
2. Loading the shipped corpus (reports from the warm cache) with and without catalog.yaml and
   metadata.json beside it, side by side: the cost the side files add to every load.
3. The bot's start-up with FLASHBACK_METADATA=arxiv against a fake service that holds every
   request, next to start-up with metadata off: start-up must not wait for the service. Then
   how long after the service answers the enriched corpus is served.
4. One resolution run of 500 arXiv ids per service against the fake (no pacing): requests
   sent and wall time, showing each service's batching.

    python benchmarks/bench_catalog_extras.py [--entries 20000] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import App
from bot.catalog.curation import apply_curation
from bot.catalog.curation_file import parse_curation
from bot.catalog.resolve import WorkMetadata, WorkRef, apply_metadata, work_ref
from bot.corpus import load_corpus
from bot.models import Mention, Paper
from bot.paths import shipped_corpus_dir
from tests.catalog.resolve_kit import fake_settings, run
from tests.fakes.scholar_api import ARXIV_PATH, FakeScholarAPI, Work


def _median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _catalog(entries: int) -> list[Paper]:
    papers = []
    for n in range(entries):
        mention = Mention(f"r{n % 500}.md", "ICLR", 2019, f"r{n % 500}.md#{n}")
        if n % 2:
            papers.append(
                Paper(f"arxiv:{n}", f"Paper number {n} on things", arxiv=str(n), mentions=[mention])
            )
        else:
            papers.append(Paper(f"t:{n}", f"A study of topic {n} in depth", mentions=[mention]))
    return papers


def _curation_text(papers: list[Paper]) -> str:
    lines = ["rename:"]
    lines += [f"  {p.id}: Renamed {p.title}" for p in papers[:300]]
    lines += ["merge:"]
    lines += [f"  - [{papers[400 + 2 * i].id}, {papers[401 + 2 * i].title}]" for i in range(100)]
    lines += ["hide:"]
    lines += [f"  - {p.title}" for p in papers[1000:1200]]
    lines += ["aliases:"]
    lines += [f"  {p.id}: [alias {p.id}, another name]" for p in papers[2000:2300]]
    return "\n".join(lines) + "\n"


def pure_steps(entries: int, runs: int) -> None:
    papers = _catalog(entries)
    text = _curation_text(papers)
    records: dict[str, WorkMetadata] = {}
    for paper in papers[: entries * 3 // 4]:
        ref = work_ref(paper)
        if ref is not None:
            records[ref.key] = WorkMetadata(
                title=f"The canonical {paper.title}", authors=("A. Author",), source="arxiv"
            )
    curation = parse_curation(text)
    curated = apply_curation(papers, curation)
    parse_ms = _median_ms(lambda: parse_curation(text), runs)
    curate_ms = _median_ms(lambda: apply_curation(papers, curation), runs)
    metadata_ms = _median_ms(lambda: apply_metadata(curated.papers, records, curated.renamed), runs)
    print(
        f"1. pure steps on {entries:,} entries ({len(text.splitlines())} curation lines, {len(records):,} records):"
    )
    print(f"   parse catalog.yaml   {parse_ms:8.1f} ms")
    print(
        f"   apply_curation       {curate_ms:8.1f} ms  ({len(curated.changes)} changes, {len(curated.problems)} problems)"
    )
    print(
        f"   apply_metadata       {metadata_ms:8.1f} ms  ({curate_ms * 1000 / entries + metadata_ms * 1000 / entries:.1f} us per entry for both)"
    )


def shipped_load(runs: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        plain = Path(scratch) / "plain"
        shutil.copytree(shipped_corpus_dir(), plain)
        extras = Path(scratch) / "extras"
        shutil.copytree(shipped_corpus_dir(), extras)
        cache = Path(scratch) / "cache"
        corpus = load_corpus(plain, cache_dir=cache)
        works = {}
        for paper in corpus.papers:
            ref = work_ref(paper)
            if ref is not None:
                works[ref.key] = {
                    "title": f"Canonical {paper.title}",
                    "authors": ["A. Author"],
                    "source": "arxiv",
                }
        (extras / "metadata.json").write_text(json.dumps({"works": works}), "utf-8")
        (extras / "catalog.yaml").write_text(
            "hide:\n  - Batch Normalization\nmerge:\n  - [Decoupled weight decay, AdamW or SGDW]\n"
            "aliases:\n  arxiv:1803.03635: [LTH]\nrename:\n  arxiv:1810.09536: Ordered Neurons\n",
            "utf-8",
        )
        load_corpus(extras, cache_dir=cache)  # warm both
        plain_ms, extras_ms = [], []
        for _ in range(runs):  # side by side, alternating
            plain_ms.append(_median_ms(lambda: load_corpus(plain, cache_dir=cache), 1))
            extras_ms.append(_median_ms(lambda: load_corpus(extras, cache_dir=cache), 1))
        enriched = load_corpus(extras, cache_dir=cache)
    a, b = statistics.median(plain_ms), statistics.median(extras_ms)
    print(f"2. shipped corpus load (warm report cache), median of {runs}:")
    print(f"   without side files   {a:8.1f} ms")
    print(
        f"   with side files      {b:8.1f} ms  (ratio {b / a:.2f}; {len(works)} records, {len(enriched.changes)} changes)"
    )


async def start_up(runs: int) -> None:
    off_ms, held_ms, swap_ms = [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        for n in range(runs):
            async with FakeScholarAPI() as fake:
                gate = fake.hold(ARXIV_PATH)
                base: dict[str, Any] = {"data_dir": Path(scratch) / f"data{n}"}
                off = fake_settings(fake, "arxiv").model_copy(update={**base, "metadata": ""})
                on = fake_settings(fake, "arxiv").model_copy(
                    update={**base, "data_dir": Path(scratch) / f"on{n}"}
                )
                for settings, sink in ((off, off_ms), (on, held_ms)):
                    started = time.perf_counter()
                    app = await App.open(settings)
                    await app.start()
                    sink.append((time.perf_counter() - started) * 1000)
                    if settings.metadata:
                        released = time.perf_counter()
                        gate.set()
                        await app.metadata_settled()
                        swap_ms.append((time.perf_counter() - released) * 1000)
                    await app.close()
    a, b = statistics.median(off_ms), statistics.median(held_ms)
    print(f"3. App.open + start on the shipped corpus, median of {runs}:")
    print(f"   metadata off         {a:8.1f} ms")
    print(f"   arxiv, service held  {b:8.1f} ms  (ratio {b / a:.2f})")
    print(f"   released -> enriched corpus served  {statistics.median(swap_ms):8.1f} ms")


async def resolution_runs(count: int = 500) -> None:
    works = [
        Work(title=f"Work {n} about things", authors=("A",), year=2019, arxiv=f"1901.{n:05d}")
        for n in range(count)
    ]
    refs = [WorkRef(f"arxiv:1901.{n:05d}", arxiv=f"1901.{n:05d}") for n in range(count)]
    print(f"4. one run of {count} arXiv ids against the fake (no pacing):")
    for service in ("arxiv", "openalex", "semanticscholar"):
        async with FakeScholarAPI(works) as fake:
            started = time.perf_counter()
            tally, _ = await run(fake_settings(fake, service), refs)
            elapsed = time.perf_counter() - started
            print(
                f"   {service:16} {len(fake.calls):4d} requests, {elapsed * 1000:7.0f} ms, {tally.resolved} resolved"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    pure_steps(args.entries, args.runs)
    shipped_load(args.runs)
    asyncio.run(start_up(args.runs))
    asyncio.run(resolution_runs())


if __name__ == "__main__":
    main()
