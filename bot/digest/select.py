"""Choosing a week's highlights for a channel, over its year: its history and topics filter the
shared ranking (``ranking``), which no channel changes.

Each slot goes to a report, then to that report's next highlight:

1. lead: a week with an anniversary (the edition this week, last week or next week) opens with
   that edition's reports; a week without one opens with an edition taken in turn by week;
2. topics: highlights matching the channel's topics come before the rest;
3. no repeat: a work posted in the last 26 weeks, or a passage quoted for another work in the
   last 13, waits while anything else can be posted;
4. shares: among the reports with a highlight that need not wait, the one furthest below its
   share of the channel's last year of slots wins (shares follow the reports' good
   highlights, none above 45%); within it, a work never posted comes first, then the least
   recently posted one, in the report's theme-varied order;
5. weak highlights (no real title, a low score) only when nothing good is left.

``seen`` is the channel's history: a mapping of history key to the ISO week it was last posted
in (None when unknown), or just the keys. A work posted at an unknown time may have been
posted last week: it waits until every other work has been posted, and then rounds go on in
the shared order from where the week number points, so consecutive weeks do not repeat.
The same inputs always give the same digest.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache

from bot.calendar import Calendar
from bot.digest.anniversary import archive_headline, empty_headline, headline
from bot.digest.model import Anniversary, Digest, Highlight
from bot.digest.ranking import WeekPlan, week_index, week_plan
from bot.digest.weeks import format_week, parse_week
from bot.models import Corpus

REPEAT_WEEKS = 26  # a work is not posted twice within this many weeks while others remain
SHARE_WEEKS = 52  # shares are counted over the channel's last year
SIBLING_WEEKS = 13  # a passage quoted for another work is not quoted again within this
_FRESH, _RESTED, _WEAK, _RECENT = 0, 1, 2, 3  # classes of a candidate, best first

__all__ = ["Anniversary", "Digest", "Highlight", "choose_digest", "choose_for_plan"]


@lru_cache(maxsize=4096)
def _index_of(period: str) -> int | None:
    try:
        return week_index(*parse_week(period))
    except ValueError:
        return None


class _Channel:
    """One channel's view of a week plan while its digest is chosen."""

    def __init__(
        self, plan: WeekPlan, seen: Collection[str], topics: Sequence[str], size: int
    ) -> None:
        self.plan, self.pool, self.size = plan, plan.pool, size
        self.now = plan.index
        self.ages: dict[int, int | None] = {}  # candidate -> weeks since last posted (None: ?)
        self.used: Counter[int] = Counter()  # report -> slots in the channel's last year
        self._read(seen)
        self.n = sum(self.used.values())
        self.topical = self.pool.topics.matching(topics) if topics else frozenset()
        self.picked: list[int] = []
        self._best: dict[tuple[int, bool], tuple[int, tuple[float, ...], int] | None] = {}

    def _read(self, seen: Collection[str]) -> None:
        by_key, candidates = self.pool.by_key, self.pool.candidates
        periods = seen if isinstance(seen, Mapping) else None
        for key in seen:
            at = by_key.get(key)
            if at is None:
                continue  # a work of an older corpus
            period = periods.get(key) if periods is not None else None
            posted = _index_of(period) if isinstance(period, str) else None
            age = None if posted is None else self.now - posted
            self.ages[at] = age
            if age is None or 0 <= age < SHARE_WEEKS:
                self.used[candidates[at].report] += 1

    def _sibling_age(self, at: int) -> int | None:
        """Weeks since a candidate quoting the same words was posted, when that is recent."""
        ages = [self.ages.get(j) for j in self.pool.siblings.get(at, ())]
        recent = [age for age in ages if age is not None and 0 <= age < SIBLING_WEEKS]
        return min(recent, default=None)

    def _class(self, at: int) -> tuple[int, tuple[float, ...]]:
        """The candidate's class and its order within the class (smaller first)."""
        candidate = self.pool.candidates[at]
        if (sibling := self._sibling_age(at)) is not None:
            return _RECENT, (-sibling,)
        if at not in self.ages:
            return (_FRESH if candidate.good else _WEAK), ()
        age = self.ages[at]
        if age is None:  # posted, when unknown: maybe last week; rotate through by week
            rounds = max(1, len(self.pool.candidates))
            place = (self.pool.rank[at] - self.now * self.size) % rounds
            return _RECENT, (float(not candidate.good), place)
        if age >= REPEAT_WEEKS:
            return (_RESTED if candidate.good else _WEAK), (1.0, -age)
        return _RECENT, (-age,)

    def best_in(self, report: int, topical: bool) -> tuple[int, tuple[float, ...], int] | None:
        """The report's next highlight for this channel: (class, order, candidate)."""
        memo = (report, topical)
        if memo not in self._best:
            self._best[memo] = self._scan(report, topical)
        return self._best[memo]

    def _scan(self, report: int, topical: bool) -> tuple[int, tuple[float, ...], int] | None:
        picked_themes = {self.pool.candidates[at].theme for at in self.picked}
        taken = set(self.picked)
        taken.update(j for at in self.picked for j in self.pool.siblings.get(at, ()))
        best: tuple[int, tuple[float, ...], int] | None = None
        for place, at in enumerate(self.pool.queues[report]):
            if at in taken or (topical and at not in self.topical):
                continue
            klass, order = self._class(at)
            if self.pool.candidates[at].theme in picked_themes:
                order = (2.0, *order)  # the same session twice in a digest: only if need be
            entry = (klass, (*order, place), at)
            if best is None or entry[:2] < best[:2]:
                best = entry
            if klass == _FRESH and not order:
                break  # queue order is best order among fresh, theme-distinct candidates
        return best

    def deficit(self, report: int) -> float:
        return self.pool.shares[report] * (self.n + 1) - self.used[report]

    def pick(self, reports: Sequence[int] | None, topical: bool, worst: int) -> int | None:
        """The next highlight from ``reports`` (None: any report) of class ``worst`` or
        better, or None when there is none."""
        best: tuple[tuple[object, ...], int] | None = None
        for report in self._reports(reports, topical):
            found = self.best_in(report, topical)
            if found is None or found[0] > worst:
                continue
            klass, order, at = found
            # Fresh and rested highlights compete on the report's deficit; weak ones come
            # only when nothing better is left, and repeats last, the least recent first.
            rank: tuple[object, ...] = (max(klass, _RESTED), -self.deficit(report), klass, order)
            if klass == _RECENT:
                rank = (klass, order, -self.deficit(report))
            if best is None or rank < best[0]:
                best = (rank, at)
        if best is None:
            return None
        at = best[1]
        self.picked.append(at)
        report = self.pool.candidates[at].report
        self.used[report] += 1
        self.n += 1
        self._best = {k: v for k, v in self._best.items() if k[0] != report}
        return at

    def _reports(self, reports: Sequence[int] | None, topical: bool) -> list[int]:
        """The reports worth looking at: all given ones; else those the channel used this
        year, plus unused ones by share until one has a fresh or rested highlight (the
        unused ones after it have no larger deficit)."""
        if reports is not None:
            return list(reports)
        found = [r for r in self.used if self.pool.queues[r]]
        for report in self.pool.order:
            if report in self.used:
                continue
            found.append(report)
            best = self.best_in(report, topical)
            if best is not None and best[0] <= _RESTED:
                break
        return found


def _lead_slots(plan: WeekPlan, size: int) -> int:
    anniversary = plan.anniversary
    if anniversary is None:
        return 1
    return size if anniversary.this_week else math.ceil(size / 2)


def _archive_lead(channel: _Channel) -> tuple[int, ...]:
    """A week without an anniversary opens with an edition taken in turn by week number."""
    editions = [e for e in channel.pool.editions if e[0].year < channel.plan.year]
    for step in range(len(editions)):
        _, reports = editions[(channel.now + step) % len(editions)]
        if any((b := channel.best_in(r, False)) is not None and b[0] <= _RESTED for r in reports):
            return reports
    return ()


def _fill(channel: _Channel, size: int) -> None:
    """Lead, topics, the rest: each pass takes what it can, the last one anything left."""
    plan = channel.plan
    lead = plan.lead if plan.anniversary is not None else _archive_lead(channel)
    slots = min(size, _lead_slots(plan, size)) if lead else 0
    passes: list[tuple[Sequence[int] | None, bool, int, int]] = []
    if channel.topical:
        passes += [(lead, True, slots, _RESTED), (None, True, size, _RESTED)]
    passes += [(lead, False, slots, _RESTED), (None, False, size, _WEAK)]
    # Only when everything waits: repeats, the lead's first.
    passes += [(lead, False, slots, _RECENT), (None, False, size, _RECENT)]
    for reports, topical, upto, worst in passes:
        while len(channel.picked) < upto and channel.pick(reports, topical, worst) is not None:
            pass


def choose_for_plan(
    plan: WeekPlan,
    *,
    size: int = 4,
    topics: Sequence[str] = (),
    seen: Collection[str] = frozenset(),
) -> Digest:
    """A channel's digest from the week's shared plan; see the module docstring."""
    size = max(1, size)
    channel = _Channel(plan, seen, topics, size)
    _fill(channel, size)
    highlights = [plan.pool.candidates[at].highlight for at in channel.picked]
    return _digest(plan, channel, highlights)


def _digest(plan: WeekPlan, channel: _Channel, highlights: list[Highlight]) -> Digest:
    anniversary = plan.anniversary
    if anniversary is not None:
        line = headline(anniversary, plan.year, plan.number)
        return Digest(plan.week, line, anniversary, highlights, anniversary.edition)
    if not highlights:
        return Digest(plan.week, empty_headline(plan.year, plan.number), None, [])
    first = channel.pool.candidates[channel.picked[0]].report
    edition = next((e for e, reports in channel.pool.editions if first in reports), None)
    if edition is None:
        return Digest(plan.week, empty_headline(plan.year, plan.number), None, highlights)
    return Digest(plan.week, archive_headline(edition), None, highlights, edition)


def choose_digest(
    corpus: Corpus,
    calendar: Calendar,
    week: str,
    *,
    size: int = 4,
    topics: Sequence[str] = (),
    seen: Collection[str] = frozenset(),
    channel_key: str = "",
) -> Digest:
    """The digest a channel gets for an ISO week ("2026-W19"); see the module docstring.

    ``channel_key`` is accepted for callers that pass it; the choice depends only on the
    channel's history and topics, so two channels with the same ones get the same digest.
    """
    del channel_key
    year, number = parse_week(week)
    return choose_for_plan(
        week_plan(corpus, calendar, format_week(year, number)), size=size, topics=topics, seen=seen
    )
