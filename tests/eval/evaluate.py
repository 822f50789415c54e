"""Score the /paper lookup on evaluation sets: hit@1 and hit@3 per kind of query.

    python -m tests.eval.evaluate [SET ...] [--all] [--misses]

A SET is ``shipped`` (the shipped corpus with tests/eval/cases.yaml, the default), ``wild2``
... ``wild4`` (tests/data/wildN with tests/eval/wildN_queries.tsv), ``forms`` or ``pages``
(tests/data/<name>), or any folder of reports holding a truth.yaml with ``queries`` (see
tests/data/README.md). ``--all`` runs every named set.

A case with expected titles is a hit@k when a work among the first k results is one of them
(same title key, or for a truth.yaml set one of the work's other names or its arXiv id). A
"none" case (nothing in the reports is about it) is a hit when nothing at all is answered,
passages included. A "passage" case (the reports discuss it, but it is no work: "Gather.Town")
is a hit when a passage result among the first k names it. Each miss is put down to the catalog when no catalog entry is the
expected work (lookup could not have answered it), else to lookup.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from bot.catalog import normalise_title
from bot.lookup import LookupIndex
from bot.models import Corpus, Paper

HERE = Path(__file__).parent
DATA = HERE.parent / "data"
CASES = HERE / "cases.yaml"
NAMED_SETS = ("shipped", "wild2", "wild3", "wild4", "forms", "pages")


@dataclass(frozen=True)
class Case:
    """One evaluation query and its right answers (titles, plus other names of those works)."""

    kind: str
    query: str
    expect: tuple[str, ...]
    names: tuple[str, ...] = ()
    arxiv: tuple[str, ...] = ()


@dataclass
class Score:
    """Hits of one kind of query, and whose fault the misses at 3 are."""

    cases: int = 0
    at1: int = 0
    at3: int = 0
    catalog_misses: int = 0  # the expected work is not in the catalog at all
    passage_rescues: int = 0  # missed as a work, but a passage result names it

    def rate(self, hits: int) -> float:
        return hits / self.cases if self.cases else 0.0


@dataclass
class SetScores:
    """An evaluated set: scores per kind (and "all") and one line per case missed at 1."""

    name: str
    scores: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    misses: list[str] = field(default_factory=list)


def same_title(a: str, b: str) -> bool:
    """One work's title written two ways (case, punctuation, a small typo in a long title)."""
    x, y = normalise_title(a), normalise_title(b)
    return x == y or (min(len(x), len(y)) >= 12 and fuzz.ratio(x, y) >= 90)


def same_work(name: str, want: str) -> bool:
    """A catalog name for an expected title: the same title, or one of them is the other's
    part before a colon ("HotpotQA" for "HotpotQA: A Dataset for ...")."""
    heads = (name, name.split(":")[0]), (want, want.split(":")[0])
    return any(same_title(a, b) for a in heads[0] for b in heads[1])


def load_cases(path: Path = CASES) -> list[Case]:
    """The cases of a YAML evaluation file (a list of {kind, query, expect})."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Case(r["kind"], r["query"], tuple(r["expect"])) for r in rows]


def load_tsv_cases(path: Path) -> list[Case]:
    """Cases of a tab-separated file: kind, query, expected titles."""
    rows = [line.split("\t") for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [Case(kind, query, tuple(e for e in expect if e)) for kind, query, *expect in rows]


def load_truth_cases(folder: Path) -> list[Case]:
    """The ``queries`` of a set's truth.yaml, each with the other names of its works."""
    truth = yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8"))
    works: dict[str, dict[str, Any]] = {}
    for report in (truth.get("reports") or {}).values():
        for work in report.get("works") or []:
            works.setdefault(normalise_title(work["title"]), work)
    cases = []
    for row in truth.get("queries") or []:
        expect = tuple(row.get("expect") or ())
        known = [works.get(normalise_title(title), {}) for title in expect]
        names = tuple(str(n) for w in known for n in w.get("names") or [])
        arxiv = tuple(str(w["arxiv"]) for w in known if w.get("arxiv"))
        cases.append(Case(row["kind"], str(row["query"]), expect, names, arxiv))
    return cases


def is_expected(case: Case, paper: Paper) -> bool:
    """Whether a catalog entry is one of the works the case expects."""
    if paper.arxiv and paper.arxiv in case.arxiv:
        return True
    wanted = (*case.expect, *case.names)
    return any(same_work(name, want) for name in (paper.title, *paper.aliases) for want in wanted)


def names_work(case: Case, text: str) -> bool:
    """Whether a passage names one of the expected works (title or other name, as words)."""
    padded = f" {normalise_title(text)} "
    return any(f" {normalise_title(n)} " in padded for n in (*case.expect, *case.names))


def judge(index: LookupIndex, case: Case) -> tuple[bool, bool, list[str], bool]:
    """(hit@1, hit@3, labels of what was returned, a passage names the work) for one case."""
    results = index.answer(case.query, limit=3).results
    labels = [_label(r) for r in results]
    if not case.expect:
        return not results, not results, labels, False
    passages = [r for r in results if _is_passage(r)]
    if case.kind == "passage":  # discussed, but no work: a passage that names it answers
        hits = [_is_passage(r) and names_work(case, r.mentions[0].snippet) for r in results]
        return bool(hits[:1]) and hits[0], any(hits[:3]), labels, False
    hits = [not _is_passage(r) and is_expected(case, r.paper) for r in results]
    rescued = any(names_work(case, m.snippet) for r in passages for m in r.mentions)
    return bool(hits[:1]) and hits[0], any(hits[:3]), labels, rescued


def _is_passage(result: Any) -> bool:
    return getattr(result, "kind", "") == "passage"


def _label(result: Any) -> str:
    prefix = "[passage] " if _is_passage(result) else ""
    return prefix + result.paper.title


def evaluate(
    index: LookupIndex, cases: Iterable[Case], name: str = "", catalog: Corpus | None = None
) -> SetScores:
    """Score every case; ``catalog`` (the corpus) lets misses be put down to the catalog."""
    report = SetScores(name)
    for case in cases:
        at1, at3, labels, rescued = judge(index, case)
        in_catalog = (
            catalog is None
            or case.kind == "passage"
            or any(is_expected(case, p) for p in catalog.papers)
        )
        for kind in (case.kind, "all"):
            score = report.scores[kind]
            score.cases += 1
            score.at1 += at1
            score.at3 += at3
            score.catalog_misses += not at3 and bool(case.expect) and not in_catalog
            score.passage_rescues += not at3 and rescued
        if not at1:
            blame = "" if in_catalog or not case.expect else " [not in catalog]"
            report.misses.append(
                f"{case.kind:11s} {case.query!r}: got {labels[:3]}, "
                f"want {list(case.expect)[:2]}{blame}"
            )
    return report


def load_set(name: str) -> tuple[str, Path, Callable[[], list[Case]]]:
    """A set's label, its report folder and how to read its cases."""
    if name == "shipped":
        from bot.paths import shipped_corpus_dir

        return name, shipped_corpus_dir(), load_cases
    if name.startswith("wild") and (HERE / f"{name}_queries.tsv").exists():
        return name, DATA / name, lambda: load_tsv_cases(HERE / f"{name}_queries.tsv")
    folder = DATA / name if (DATA / name / "truth.yaml").exists() else Path(name)
    if not (folder / "truth.yaml").exists():
        raise SystemExit(f"{name}: not a named set, and no truth.yaml in that folder")
    return folder.name, folder, lambda: load_truth_cases(folder)


def run_set(name: str) -> SetScores:
    """Ingest a set's reports, index them and score its cases."""
    from bot.corpus import load_corpus

    label, folder, cases = load_set(name)
    corpus = load_corpus(folder)
    return evaluate(LookupIndex.build(corpus), cases(), label, corpus)


def print_report(report: SetScores, misses: bool = False) -> None:
    """The per-kind table of one set, negatives answered, and the misses with ``misses``."""
    print(f"== {report.name}")
    print(
        f"{'kind':11s} {'cases':>5s} {'hit@1':>6s} {'hit@3':>6s} "
        f"{'miss@3':>6s} {'catalog':>7s} {'passage':>7s}"
    )
    scores = report.scores
    for kind in sorted(scores, key=lambda k: (k == "all", k == "none", k)):
        s = scores[kind]
        missed = s.cases - s.at3
        print(
            f"{kind:11s} {s.cases:5d} {s.rate(s.at1):6.2f} {s.rate(s.at3):6.2f} "
            f"{missed:6d} {s.catalog_misses:7d} {s.passage_rescues:7d}"
        )
    none = scores.get("none")
    if none:
        print(f"negatives answered: {none.cases - none.at1} of {none.cases}")
    if misses:
        print("\n".join(["missed at 1:", *report.misses]))
    print()


def main() -> None:
    """Print the tables of the sets asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="named sets or folders with truth.yaml")
    parser.add_argument("--all", action="store_true", help="every named set")
    parser.add_argument("--misses", action="store_true", help="list the cases missed at 1")
    args = parser.parse_args()
    names = list(NAMED_SETS) if args.all else args.sets or ["shipped"]
    print("miss@3: cases missed at 3; catalog: of those, the work is not in the catalog;")
    print("passage: of those, a passage result names the work\n")
    for name in names:
        print_report(run_set(name), args.misses)


if __name__ == "__main__":
    main()
