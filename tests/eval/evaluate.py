"""Score the /paper lookup on the evaluation set: hit@1 and hit@3 per kind of query.

    python -m tests.eval.evaluate [--corpus DIR] [--cases FILE] [--misses]

A case with expected titles is a hit@k when one of them is among the first k results. A
"none" case (nothing in the corpus is about it) is a hit when there are no results at all.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.lookup import LookupIndex

CASES = Path(__file__).with_name("cases.yaml")


@dataclass(frozen=True)
class Case:
    """One evaluation query and its right answers."""

    kind: str
    query: str
    expect: tuple[str, ...]


@dataclass
class Score:
    """Hits of one kind of query."""

    cases: int = 0
    at1: int = 0
    at3: int = 0

    def rate(self, hits: int) -> float:
        return hits / self.cases if self.cases else 0.0


def load_cases(path: Path = CASES) -> list[Case]:
    """The cases of a YAML evaluation file."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Case(r["kind"], r["query"], tuple(r["expect"])) for r in rows]


def judge(index: LookupIndex, case: Case) -> tuple[bool, bool, list[str]]:
    """(hit@1, hit@3, titles returned) for one case."""
    titles = [r.paper.title for r in index.answer(case.query, limit=3).results]
    if not case.expect:
        return not titles, not titles, titles
    return (
        bool(titles) and titles[0] in case.expect,
        any(t in case.expect for t in titles[:3]),
        titles,
    )


def evaluate(index: LookupIndex, cases: list[Case]) -> tuple[dict[str, Score], list[str]]:
    """Scores per kind (and "all"), and one line per case that missed at 1."""
    scores: dict[str, Score] = defaultdict(Score)
    misses = []
    for case in cases:
        at1, at3, titles = judge(index, case)
        for kind in (case.kind, "all"):
            scores[kind].cases += 1
            scores[kind].at1 += at1
            scores[kind].at3 += at3
        if not at1:
            misses.append(
                f"{case.kind:8s} {case.query!r}: got {titles[:3]}, want {list(case.expect)[:2]}"
            )
    return dict(scores), misses


def main() -> None:
    """Print the per-kind table (and the misses with --misses)."""
    from bot.corpus import load_corpus
    from bot.paths import shipped_corpus_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=shipped_corpus_dir())
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--misses", action="store_true", help="list the cases missed at 1")
    args = parser.parse_args()
    index = LookupIndex.build(load_corpus(args.corpus))
    scores, misses = evaluate(index, load_cases(args.cases))
    print(f"{'kind':10s} {'cases':>5s} {'hit@1':>6s} {'hit@3':>6s}")
    for kind in sorted(scores, key=lambda k: (k == "all", k)):
        s = scores[kind]
        print(f"{kind:10s} {s.cases:5d} {s.rate(s.at1):6.2f} {s.rate(s.at3):6.2f}")
    if args.misses:
        print("\n".join(["", "missed at 1:", *misses]))


if __name__ == "__main__":
    main()
