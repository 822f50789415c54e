"""Judge what ingestion and the catalog make of a set of reports against its truth.yaml.

    python -m tests.eval.corpus_eval tests/data/forms [--verbose]

A set is a folder of reports plus truth.yaml (see tests/data/README.md): per report its
conference, year, city, author, title and every work it discusses. Printed per report and
in total: metadata right, markup in snippets or titles, works found (recall), canonical
titles right, catalog entries that are no work (listed not_works, or matching no truth work).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from bot.catalog import normalise_title
from bot.corpus import load_corpus
from bot.models import Corpus, Paper
from tests.support.markup import MARKUP


@dataclass
class Tally:
    reports: int = 0
    metadata: dict[str, int] = field(default_factory=dict)
    markup: list[str] = field(default_factory=list)
    works: int = 0
    found: int = 0
    titled: int = 0
    non_works: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong_titles: list[str] = field(default_factory=list)


def same_title(a: str, b: str) -> bool:
    x, y = normalise_title(a), normalise_title(b)
    return x == y or (min(len(x), len(y)) >= 12 and fuzz.ratio(x, y) >= 90)


def names_of(paper: Paper) -> list[str]:
    return [paper.title, *paper.aliases]


def matches(paper: Paper, work: dict[str, Any]) -> bool:
    names = [work["title"], *(work.get("names") or [])]
    if work.get("arxiv") and paper.arxiv == str(work["arxiv"]):
        return True
    return any(same_title(n, m) for n in names for m in names_of(paper))


def judge(folder: Path, verbose: bool = False, corpus: Corpus | None = None) -> Tally:
    """The tally of a set against its truth; ``corpus`` is the set already loaded, if it is."""
    truth = yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8"))
    corpus = corpus or load_corpus(folder)
    tally = Tally()
    for problem in corpus.problems:
        if problem.file != "truth.yaml":
            tally.markup.append(f"{problem.file}: skipped: {problem.reason}")
    for file, expected in truth["reports"].items():
        try:
            report = corpus.report(file)
        except KeyError:
            tally.missed.extend(f"{file}: {w['title']}" for w in expected.get("works", []))
            tally.works += len(expected.get("works", []))
            continue
        tally.reports += 1
        judge_metadata(tally, file, report, expected, verbose)
        judge_markup(tally, corpus, file)
        judge_works(tally, corpus, file, expected)
    return tally


def judge_metadata(
    tally: Tally, file: str, report: Any, expected: dict[str, Any], verbose: bool
) -> None:
    got = {
        "conference": report.conference,
        "year": report.year,
        "city": report.city,
        "author": report.authors[0] if report.authors else None,
        "title": report.title,
    }
    for key, value in got.items():
        want = expected.get(key)
        if want is None and key in {"author", "title"}:
            ok = True
        elif key == "title":
            ok = normalise_title(str(value)) == normalise_title(str(want))
        elif key == "city":
            ok = str(want).casefold() in str(value).casefold()  # "New York City" for "New York"
        else:
            ok = str(value).casefold() == str(want).casefold()
        tally.metadata[key] = tally.metadata.get(key, 0) + ok
        if not ok and verbose:
            print(f"  {file}: {key} {value!r} != {want!r}")


def judge_markup(tally: Tally, corpus: Corpus, file: str) -> None:
    report = corpus.report(file)
    texts = [s.text for s in report.snippets] + [report.title]
    texts += [p.title for p in corpus.papers if any(m.report == file for m in p.mentions)]
    for text in texts:
        match = MARKUP.search(text)
        if match:
            tally.markup.append(f"{file}: {match.group(0)!r} in {text[:80]!r}")


def judge_works(tally: Tally, corpus: Corpus, file: str, expected: dict[str, Any]) -> None:
    papers = [p for p in corpus.papers if any(m.report == file for m in p.mentions)]
    works = expected.get("works", [])
    used: set[str] = set()
    for work in works:
        tally.works += 1
        hit = next((p for p in papers if matches(p, work)), None)
        if hit is None:
            tally.missed.append(f"{file}: {work['title']}")
            continue
        used.add(hit.id)
        tally.found += 1
        if same_title(hit.title, work["title"]):
            tally.titled += 1
        else:
            tally.wrong_titles.append(f"{file}: {hit.title!r} for {work['title']!r}")
    not_works = [str(n) for n in expected.get("not_works") or []]
    for paper in papers:
        if paper.id in used:
            continue
        if any(_is_listed(paper.title, n) for n in not_works):
            tally.non_works.append(f"{file}: {paper.title!r}")
        else:
            tally.unmatched.append(f"{file}: {paper.title!r}")


def _is_listed(title: str, not_work: str) -> bool:
    """The entry is the listed non-work, or mostly it ('DATASETS DROP' for 'DATASETS'); a
    title that only contains one of its words ('... Reducing Bias in Bios') is not."""
    if same_title(title, not_work):
        return True
    words, listed = normalise_title(title).split(), normalise_title(not_work).split()
    padded = f" {' '.join(words)} "
    return bool(listed) and f" {' '.join(listed)} " in padded and 2 * len(listed) >= len(words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    for folder in args.folders:
        tally = judge(folder, args.verbose)
        n = max(1, tally.reports)
        meta = ", ".join(f"{k} {v}/{n}" for k, v in tally.metadata.items())
        print(f"== {folder}: {tally.reports} reports; metadata: {meta}")
        print(
            f"   works {tally.found}/{tally.works} (recall {tally.found / max(1, tally.works):.2f}),"
            f" titles right {tally.titled}/{tally.found}, listed non-works {len(tally.non_works)},"
            f" entries matching no work {len(tally.unmatched)}, markup {len(tally.markup)}"
        )
        if args.verbose:
            for label, items in (
                ("markup", tally.markup),
                ("missed", tally.missed),
                ("wrong title", tally.wrong_titles),
                ("non-work", tally.non_works),
                ("unmatched", tally.unmatched),
            ):
                for item in items:
                    print(f"   {label}: {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
