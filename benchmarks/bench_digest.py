"""Benchmark: the digest step of a weekly fan-out, per channel, on a 500-report corpus.

A synthetic corpus of 500 reports (about 15,000 passages and 10,000 works over the calendar's
editions) and many channels, each with a history of its own (0 to 2 years of weekly posts,
with the week of each post) and topics of its own (none, a common set, or its own words).
Measured: building the shared ranking once per corpus (``build_pool``) and once per week
(``week_plan``), then ``choose_digest`` per channel with the ranking shared, as the deliverer
calls it; then the same week again for the next channel set (warm topic answers).

Run: `python benchmarks/bench_digest.py [--reports 500] [--channels 2000] [--seed 7]`.
Prints medians, p99 and ratios against the 1 ms per channel target. Never fails on a number.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from bot.calendar import load_calendar
from bot.digest.ranking import build_pool, week_plan
from bot.digest.select import choose_digest
from bot.digest.weeks import week_of
from bot.models import Corpus, Link, Mention, Paper, Report, Snippet

TARGET_MS = 1.0
WORDS = (
    "sparse pruning lottery tickets attention transformers gans diffusion robustness "
    "adversarial calibration uncertainty meta learning reinforcement graphs kernels "
    "optimization momentum normalization distillation retrieval language vision speech "
    "fairness privacy federated causal bayesian variational quantization hardware"
).split()
COMMON_TOPICS = [["pruning"], ["gans"], ["reinforcement", "graphs"], ["fairness"], ["sparse"]]


def _sentence(rng: random.Random, title: str) -> str:
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30)))
    return f"{title} studies {body}. The authors report that {rng.choice(WORDS)} helps."


def _report(rng: random.Random, at: int, editions: list, papers: list[Paper]) -> Report:
    edition = rng.choice(editions)
    rid = f"r{at:04d}.md"
    report = Report(
        id=rid,
        file=rid,
        form="markdown",
        encoding="utf-8",
        title=f"Notes from {edition.conference} {edition.year} ({at})",
        authors=[f"Author {at}"],
        conference=edition.conference,
        year=edition.year,
        city=edition.city,
    )
    for s in range(rng.randint(20, 40)):
        section = ("Papers", f"{rng.choice(WORDS).title()} {s % 6}")
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7))).title()
        sid = f"{rid}#{s}"
        text = _sentence(rng, title) + " " + _sentence(rng, "This")
        snippet = Snippet(sid, rid, section, text, score=rng.uniform(0.2, 1.0), position=s)
        if rng.random() < 0.7:
            pid = f"t:{at}-{s}"
            snippet.papers = [pid]
            snippet.links = [Link(title, f"https://example.org/{pid}")]
            mention = Mention(rid, edition.conference, edition.year, sid, text, section)
            papers.append(Paper(pid, title, mentions=[mention]))
        report.snippets.append(snippet)
    return report


def synthetic_corpus(reports: int, seed: int) -> Corpus:
    """Reports over the calendar's editions up to 2025, passages and works made of WORDS."""
    rng = random.Random(seed)
    editions = [e for e in load_calendar().editions if e.year <= 2025]
    papers: list[Paper] = []
    made = [_report(rng, at, editions, papers) for at in range(reports)]
    return Corpus(reports=made, papers=papers)


def _history(rng: random.Random, keys: list[str], monday: date) -> dict[str, str]:
    """Up to two years of weekly posts of four works, each with the week it was posted."""
    weeks = rng.choice([0, 4, 26, 52, 104])
    history: dict[str, str] = {}
    for back in range(weeks, 0, -1):
        period = week_of(monday - timedelta(weeks=back))
        for key in rng.sample(keys, 4):
            history[key] = period
    return history


def _topics(rng: random.Random) -> list[str]:
    roll = rng.random()
    if roll < 0.6:
        return []
    if roll < 0.9:
        return rng.choice(COMMON_TOPICS)
    return rng.sample(WORDS, 2)  # a channel's own set


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def _line(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    median = statistics.median(ordered)
    return (
        f"{name:38} median {median:7.3f} ms  p99 {p99:7.3f} ms  "
        f"median/target {median / TARGET_MS:5.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--channels", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    start = time.perf_counter()
    corpus = synthetic_corpus(args.reports, args.seed)
    print(
        f"corpus: {len(corpus.reports)} reports, {len(corpus.snippets)} passages, "
        f"{len(corpus.papers)} works (made in {time.perf_counter() - start:.1f} s)"
    )
    calendar = load_calendar()
    builds = [_timed(lambda: build_pool(corpus, calendar)) for _ in range(3)]
    print(f"shared ranking per corpus (build_pool): median {statistics.median(builds):.0f} ms")
    weeks = ["2026-W19", "2026-W33", "2026-W45"]
    plans = [_timed(lambda w=w: week_plan(corpus, calendar, w)) for w in weeks]
    print(f"shared plan per week (week_plan, first call): median {statistics.median(plans):.1f} ms")

    rng = random.Random(args.seed)
    keys = [c.key for c in week_plan(corpus, calendar, weeks[0]).pool.candidates]
    monday = date(2026, 5, 4)
    channels = [(_history(rng, keys, monday), _topics(rng)) for _ in range(args.channels)]
    for label, week in [("first fan-out of the week", weeks[0]), ("same week, warm", weeks[0])]:
        times = [
            _timed(lambda h=h, t=t, w=week: choose_digest(corpus, calendar, w, seen=h, topics=t))
            for h, t in channels
        ]
        print(_line(f"per channel, {label}", times))
        for name, wanted in [("no topics", False), ("with topics", True)]:
            part = [x for x, (_, t) in zip(times, channels, strict=True) if bool(t) is wanted]
            print(_line(f"  {name} ({len(part)})", part))
    long = [(h, t) for h, t in channels if len(h) >= 400]
    times = [
        _timed(lambda h=h, t=t: choose_digest(corpus, calendar, weeks[2], seen=h, topics=t))
        for h, t in long
    ]
    print(_line(f"per channel, 2-year histories ({len(long)})", times))
    total = statistics.median(builds) + statistics.median(plans)
    print(
        f"shared cost spread over 10,000 channels: {total / 10_000:.3f} ms per channel "
        f"(target {TARGET_MS:.0f} ms for the whole digest step)"
    )


if __name__ == "__main__":
    main()
