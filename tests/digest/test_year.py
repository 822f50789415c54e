"""A channel's year: no repeats while unseen works remain, report shares, determinism, targets."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.calendar import load_calendar
from bot.digest.ranking import build_pool, shared_pool
from bot.digest.select import REPEAT_WEEKS, choose_digest
from bot.digest.year import simulate_year, summarize
from bot.models import Corpus
from tests.support.digest_corpus import many_works

CALENDAR = load_calendar()


def _posts(corpus: Corpus, year: int = 2026, size: int = 4) -> list[list[str]]:
    return [d.paper_ids for d in simulate_year(corpus, CALENDAR, year, size=size).digests]


def _repeats_while_unseen(corpus: Corpus, weeks: list[list[str]]) -> list[tuple[int, str]]:
    """(week, key) for each repeat within 26 weeks made while some work had never been posted."""
    everything = {c.key for c in shared_pool(corpus, CALENDAR).candidates}
    last: dict[str, int] = {}
    bad = []
    for number, keys in enumerate(weeks):
        for key in keys:
            unseen = everything - set(last) - set(keys)
            if key in last and number - last[key] < REPEAT_WEEKS and unseen:
                bad.append((number, key))
        for key in keys:
            last[key] = number
    return bad


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(1, 40), min_size=1, max_size=6), st.integers(1, 6))
def test_no_work_comes_back_within_26_weeks_while_unseen_works_remain(
    counts: list[int], size: int
) -> None:
    works = many_works(counts)
    assert _repeats_while_unseen(works, _posts(works, size=size)) == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(60, 120), min_size=2, max_size=6))
def test_with_enough_works_nothing_repeats_within_26_weeks(counts: list[int]) -> None:
    weeks = _posts(many_works(counts))
    last: dict[str, int] = {}
    for number, keys in enumerate(weeks):
        assert len(keys) == 4
        for key in keys:
            assert key not in last or number - last[key] >= REPEAT_WEEKS, (number, key)
            last[key] = number


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(110, 300), min_size=2, max_size=6))
def test_reports_share_the_slots_in_proportion_to_their_good_highlights(
    counts: list[int],
) -> None:
    # Undated reports: no anniversary and no archive edition leads, only the shares count.
    # Each report holds more works than a year takes from it, so none runs dry.
    works = many_works(counts, dated=False)
    pool = shared_pool(works, CALENDAR)
    posts = [key for week in _posts(works) for key in week]
    per_report = Counter(pool.candidates[pool.by_key[key]].report for key in posts)
    for report, share in enumerate(pool.shares):
        assert abs(per_report[report] - share * len(posts)) <= 2, (report, share, per_report)
    assert max(pool.shares) <= max(0.45, 1 / len(counts)) + 1e-9


def test_no_report_takes_more_than_45_percent_when_others_can_fill() -> None:
    works = many_works([300, 20, 20, 20, 20], dated=False)
    posts = [key for week in _posts(works) for key in week]
    pool = shared_pool(works, CALENDAR)
    top = Counter(pool.candidates[pool.by_key[key]].report for key in posts)[0]
    assert top / len(posts) <= 0.45 + 1 / len(posts)


def test_a_corpus_like_the_shipped_one_with_140_good_works_meets_the_year_targets() -> None:
    # The shipped corpus's shape: one report with 55% of the works (the ICML 2017 notes).
    works = many_works([77, 28, 12, 11, 12])
    run = simulate_year(works, CALENDAR, 2026)
    summary = summarize(works, run, shared_pool(works, CALENDAR).good)
    assert summary["good_candidates"] == 140
    assert summary["distinct_works"] >= 140
    assert summary["repeats_within_26_weeks"] == 0
    assert summary["max_report_share"] <= 0.45
    assert summary["headlines_off"] == []


def test_weak_highlights_only_when_the_good_ones_are_all_recent() -> None:
    works = many_works([10], weak=5)
    weeks = _posts(works)
    weak = {f"p:0-{w}" for w in range(5)}
    first_weak = min(n for n, keys in enumerate(weeks) if weak & set(keys))
    assert first_weak >= 2  # the ten good works fill weeks 0 and 1 (and half of 2) first
    assert not weak & {k for keys in weeks[:2] for k in keys}


def test_the_same_history_gives_the_same_digest_even_from_a_fresh_ranking() -> None:
    works = many_works([15, 9, 4])
    history = {"p:0-1": "2026-W10", "p:1-2": "2025-W40", "p:2-0": None}
    shared = choose_digest(works, CALENDAR, "2026-W30", seen=history, topics=["topic3"])
    again = choose_digest(works, CALENDAR, "2026-W30", seen=dict(history), topics=["topic3"])
    assert shared == again
    assert build_pool(works, CALENDAR).candidates == shared_pool(works, CALENDAR).candidates


def test_a_history_with_weeks_brings_back_the_least_recently_posted_first() -> None:
    works = many_works([8], dated=False)
    keys = [f"p:0-{w}" for w in range(8)]
    history = {key: f"2025-W{10 + i:02d}" for i, key in enumerate(keys)}  # all posted, in order
    digest = choose_digest(works, CALENDAR, "2026-W30", seen=history, size=2)
    assert digest.paper_ids == keys[:2]
