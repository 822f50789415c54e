"""The lookup's parts: snippet trimming, typo correction, nicknames, the benchmark's data."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from bot.lookup import LookupIndex
from bot.lookup.acronym import NicknameIndex
from bot.lookup.text import WORDS, clean_query
from bot.lookup.trim import trim_snippet
from bot.lookup.vocab import Vocabulary

LONG = (
    "The first sentence is about something else entirely and goes on for a while. "
    "Then the lottery ticket hypothesis appears, which is what the reader wanted to see. "
    "A third sentence follows with more detail about pruning, et al. and so on, and it "
    "keeps going well past any reasonable length for a chat message snippet."
)


def test_short_snippets_are_kept_whole() -> None:
    assert trim_snippet("  A short   snippet.\n", None) == "A short snippet."


def test_trim_starts_at_the_matching_sentence() -> None:
    start = LONG.index("lottery")
    trimmed = trim_snippet(LONG, (start, start + 7), max_chars=160)
    assert trimmed.startswith("Then the lottery ticket hypothesis")
    assert len(trimmed) <= 160


def test_trim_cuts_between_words_with_an_ellipsis() -> None:
    text = "word " * 200
    trimmed = trim_snippet(text, (500, 504), max_chars=100)
    assert len(trimmed) <= 100
    assert trimmed.startswith("…") and trimmed.endswith("…")
    assert "wor…" not in trimmed and " …" not in trimmed


def test_markup_is_stripped_from_queries() -> None:
    cleaned = clean_query("<https://arxiv.org/abs/1803.03635|*lottery* ticket> &amp; `x`")
    assert cleaned.text == "lottery ticket & x"
    assert cleaned.arxiv_ids == ("1803.03635",)
    assert clean_query("a " * 5_000).truncated
    assert clean_query("[wgan](https://example.org/wgan) @everyone @here").text == "wgan"
    assert clean_query("see www.example.org/x lottery").text == "see lottery"


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    body = Counter({"lottery": 5, "ticket": 4, "best": 50, "generated": 9, "wasserstein": 2})
    return Vocabulary.from_words(body, {"lottery", "ticket", "wasserstein", "gan"})


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("lotery", "lottery"), ("tiket", "ticket"), ("wasserstien", "wasserstein"), ("gna", None)],
)
def test_typos_are_corrected_against_the_vocabulary(
    vocabulary: Vocabulary, typed: str, meant: str | None
) -> None:
    fix = vocabulary.correct(typed)
    assert (fix.words[0] if fix else None) == meant


def test_short_words_only_become_title_words(vocabulary: Vocabulary) -> None:
    assert vocabulary.correct("bert") is None  # not "best"
    assert vocabulary.correct("federated") is None  # two edits must keep the first letter


def test_run_together_words_may_be_split(vocabulary: Vocabulary) -> None:
    assert vocabulary.splits("lotteryticket") == [("lottery", "ticket")]
    assert vocabulary.splits("lotteryxyz") == []


@pytest.mark.parametrize(
    ("nickname", "title"),
    [
        ("rigl", "Rigging the Lottery: Making all Tickets Winners"),
        ("wgan", "Wasserstein GAN"),
        ("lth", "The Lottery Ticket Hypothesis"),
        ("gnn", "How Powerful are Graph Neural Networks"),
        ("kwta", "Enhancing Adversarial Defense by k-Winners-Take-All"),
    ],
)
def test_nicknames_spell_title_words(nickname: str, title: str) -> None:
    index = NicknameIndex([WORDS.analyze(title), WORDS.analyze("Something Else Entirely")])
    assert index.find(nickname) == [0]


@pytest.mark.parametrize("nickname", ["llm", "nn", "bert"])
def test_nicknames_do_not_match_the_middle_of_a_title(nickname: str) -> None:
    title = "Relative Fisher Information and Natural Gradient for Learning Large Modular Models"
    assert NicknameIndex([WORDS.analyze(title)]).find(nickname) == []


def _bench_module():  # type: ignore[no-untyped-def]
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_lookup.py"
    spec = importlib.util.spec_from_file_location("bench_lookup", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_benchmark_generator_is_seeded_and_findable() -> None:
    bench = _bench_module()
    corpus = bench.make_corpus(n_snippets=300, n_titles=60, n_reports=5)
    again = bench.make_corpus(n_snippets=300, n_titles=60, n_reports=5)
    assert [p.title for p in corpus.papers] == [p.title for p in again.papers]
    assert len(corpus.snippets) == 300 and len(corpus.papers) == 60
    queries = bench.make_queries(corpus, n=50)
    assert 0 < sum(q.typo for q in queries) < 50
    index = LookupIndex.build(corpus)
    found = sum(
        q.paper_id in [r.paper.id for r in index.answer(q.text, 10).results] for q in queries
    )
    assert found >= 45
