"""Lookups on reports the engine was not tuned on (tests/data/wild2), with the queries a
researcher would type (tests/eval/wild2_queries.tsv): a floor under hit@1 and hit@3."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bot.catalog import normalise_title
from bot.corpus import load_corpus
from bot.lookup import LookupIndex

HERE = Path(__file__).parent
CASES = [
    line.rstrip("\n").split("\t")
    for line in (HERE / "eval" / "wild2_queries.tsv").read_text("utf-8").splitlines()
    if line.strip()
]


def test_hit_rates_on_unseen_reports() -> None:
    index = LookupIndex.build(load_corpus(HERE / "data" / "wild2"))
    at1: Counter[str] = Counter()
    at3: Counter[str] = Counter()
    cases: Counter[str] = Counter()
    for kind, query, expected in CASES:
        titles = [normalise_title(r.paper.title) for r in index.answer(query, limit=3).results]
        cases[kind] += 1
        if kind == "none":
            at1[kind] += not titles
            at3[kind] += not titles
            continue
        at1[kind] += titles[:1] == [normalise_title(expected)]
        at3[kind] += normalise_title(expected) in titles
    total = sum(cases.values())
    assert total >= 60
    assert at1["none"] == cases["none"], "a query about nothing got an answer"
    assert sum(at1.values()) / total >= 0.88, dict(at1)
    assert sum(at3.values()) / total >= 0.93, dict(at3)
