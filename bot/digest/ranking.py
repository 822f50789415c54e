"""The ranking no channel changes: every highlight the corpus can give, ready to post, in the
order a channel takes them from each report, and each report's share of the slots.

A ``Pool`` is built once per corpus and a ``WeekPlan`` (the week's anniversary on top of it)
once per week; ``week_plan`` keeps both, so a fan-out to many channels pays for them once and
each channel only walks its history and the heads of a few reports' queues (``select``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from bot.calendar import Calendar, Edition
from bot.digest.anniversary import anniversaries, edition_for, is_near
from bot.digest.labels import source, tag
from bot.digest.model import Anniversary, Highlight
from bot.digest.passages import QUOTE_CHARS, heading_title, titled_passage
from bot.digest.substance import says_something
from bot.digest.text import squash, trim_text
from bot.digest.topics import TopicIndex
from bot.digest.weeks import parse_week, week_dates
from bot.models import Corpus, Mention, Paper, Report, Snippet

GOOD_SCORE = 0.5  # a passage scored lower is a weak highlight: used only when nothing else is
MIN_SCORE = 0.25  # below this a passage about no titled work is logistics or chatter
MIN_CHARS = 40
LINK_BONUS = 0.1
_SAME_NAME = 90  # rapidfuzz token-set similarity above which a link text names the work
MAX_SHARE = 0.45  # no report takes more of the slots than this (unless too few reports)
_POOLS = 2  # corpora kept: the served one, and one being swapped in
_PLANS = 64  # weeks kept


@dataclass(frozen=True, slots=True)
class Candidate:
    """One highlight the corpus can give, and what selection needs to know about it."""

    key: str  # what the posted history records: the work's id, or the passage's snippet id
    highlight: Highlight
    report: int  # index into Pool.reports
    quality: float
    good: bool  # a real title, a quote about it, and a passage worth reading
    theme: tuple[str, ...]  # report and top headings: two from one theme make a dull digest
    text: str  # what a channel's topics are matched against


@dataclass
class Pool:
    """The corpus's candidates, each report's queue and share; see the module docstring."""

    corpus: Corpus
    calendar: Calendar
    candidates: list[Candidate]
    queues: list[list[int]]  # per report: candidate indices, best theme-varied order first
    shares: list[float]  # per report: its target share of the slots
    order: list[int]  # reports with candidates, largest share first
    editions: list[tuple[Edition, tuple[int, ...]]]  # by date: each edition and its reports
    by_key: dict[str, int] = field(default_factory=dict)
    rank: list[int] = field(default_factory=list)  # position in one report-interleaved round
    # Candidates quoting the very same words (a passage naming several works in one
    # sentence): each one's siblings, so that a channel does not read it twice in 26 weeks.
    siblings: dict[int, tuple[int, ...]] = field(default_factory=dict)
    topics: TopicIndex = field(init=False)

    def __post_init__(self) -> None:
        self.by_key = {c.key: i for i, c in enumerate(self.candidates)}
        quotes: dict[str, list[int]] = defaultdict(list)
        for i, candidate in enumerate(self.candidates):
            quotes[" ".join(candidate.highlight.quote.casefold().split())].append(i)
        for group in quotes.values():
            for i in group:
                if len(group) > 1:
                    self.siblings[i] = tuple(j for j in group if j != i)
        self.topics = TopicIndex([c.text for c in self.candidates])
        self.rank = _round_rank(self.queues, len(self.candidates))

    @property
    def reports(self) -> list[Report]:
        return self.corpus.reports

    @property
    def good(self) -> int:
        """How many good highlights the corpus can give (a year needs 4 x 52 slots)."""
        return sum(1 for c in self.candidates if c.good)


@dataclass(frozen=True)
class WeekPlan:
    """A week's shared part of every channel's digest: the pool, the week and its anniversary."""

    pool: Pool
    week: str  # "2026-W19"
    year: int
    number: int
    index: int  # weeks since the epoch: history ages are differences of these
    anniversary: Anniversary | None  # an edition this week, last week or next week
    lead: tuple[int, ...]  # the anniversary edition's reports, which lead the digest


def week_index(year: int, number: int) -> int:
    """A running number for an ISO week: consecutive weeks differ by one."""
    monday, _ = week_dates(year, number)
    return monday.toordinal() // 7


def _score_of(corpus: Corpus) -> dict[str, Snippet]:
    return {s.id: s for s in corpus.snippets}


def _web(url: str | None) -> str | None:
    return url if url and url.startswith(("https://", "http://")) else None


def _names_paper(text: str, name: str) -> bool:
    """Whether a link text is the work's name, or at least half of it ("Comparing rewinding
    and fine-tuning" for "Comparing Rewinding and Fine-tuning in Neural Network Pruning")."""
    if fuzz.token_sort_ratio(text, name, processor=default_process) >= _SAME_NAME:
        return True
    words, name_words = len(text.split()), len(name.split())
    enough = words >= 2 and 2 * words >= name_words
    return enough and fuzz.token_set_ratio(text, name, processor=default_process) >= _SAME_NAME


def _work_url(paper: Paper, snippet: Snippet, report: Report) -> str | None:
    """The work's own link, else a link of the passage named like the work, else the
    report's own page. Another link of the passage is never used: it often points elsewhere
    (a passage comparing with the Lottery Ticket paper links to that one)."""
    if url := _web(paper.link):
        return url
    for link in snippet.links:
        names = (paper.title, *paper.aliases)
        if _web(link.url) and any(_names_paper(link.text, name) for name in names):
            return link.url
    return _web(report.url)


def _theme(report: Report, section: Sequence[str]) -> tuple[str, ...]:
    return (report.id, *section[:2])


def _titled(corpus: Corpus, snippets: dict[str, Snippet]) -> Iterator[tuple[Paper, Mention, str]]:
    def score(mention: Mention) -> float:
        found = snippets.get(mention.snippet_id)
        return found.score if found else 0.0

    def others(paper: Paper) -> Callable[[Mention], list[Paper]]:
        def of(mention: Mention) -> list[Paper]:
            found = snippets.get(mention.snippet_id)
            return _others_named(paper, found, corpus) if found else []

        return of

    for paper in corpus.papers:
        windows = frozenset(m.snippet_id for m in paper.mentions if m.quote)  # the catalog's
        if len(windows) < len(paper.mentions):
            paper = _with_quotes(paper, snippets)
        chosen = titled_passage(paper, score, others(paper), _quoted_in(windows))
        if chosen is not None and chosen[0].snippet_id in snippets:
            yield paper, *chosen


def _quoted_in(windows: frozenset[str]) -> Callable[[Mention], bool]:
    """Whether a mention's quote is the catalog's window (not a whole passage filled in)."""

    def trusted(mention: Mention) -> bool:
        return mention.snippet_id in windows

    return trusted


def _with_quotes(paper: Paper, snippets: dict[str, Snippet]) -> Paper:
    """The paper with a mention that has no quote (a catalog from before quotes) quoting its
    whole passage, as the catalog did then."""
    mentions = []
    for mention in paper.mentions:
        found = snippets.get(mention.snippet_id)
        if not mention.quote and found is not None:
            mention = replace(mention, quote=found.text, section=found.section)
        mentions.append(mention)
    return replace(paper, mentions=mentions)


@dataclass(frozen=True)
class _Byline:
    """What every highlight of one report says about it, worked out once per report."""

    at: int
    report: Report
    title: str
    source: str

    @classmethod
    def of(cls, at: int, report: Report) -> _Byline:
        return cls(at, report, squash(report.title) or report.id, source(report))


def _others_named(paper: Paper, snippet: Snippet, corpus: Corpus) -> list[Paper]:
    """The catalog's other works the passage names."""
    return [corpus.paper(p) for p in snippet.papers if p != paper.id and _known(corpus, p)]


def _names_of(paper: Paper, snippet: Snippet, corpus: Corpus) -> list[tuple[str, ...]]:
    """The names of the work and of the other works its passage names."""
    others = _others_named(paper, snippet, corpus)
    return [(p.title, *p.aliases) for p in (paper, *others)]


def _titled_candidate(
    paper: Paper,
    mention: Mention,
    quote: str,
    snippet: Snippet,
    byline: _Byline,
    corpus: Corpus,
) -> Candidate:
    report = byline.report
    url = _work_url(paper, snippet, report)
    highlight = Highlight(
        paper_id=paper.id,
        paper=squash(paper.title),
        url=url,
        conference=report.conference,
        year=report.year,
        report=byline.title,
        report_id=report.id,
        quote=quote,
        snippet_id=snippet.id,
        section=tuple(mention.section),
        tag=tag(paper, report),
        source=byline.source,
    )
    good = (
        snippet.score >= GOOD_SCORE
        and len(quote) >= MIN_CHARS
        and says_something(quote, _names_of(paper, snippet, corpus))
    )
    text = " ".join([quote, *mention.section, paper.title, *paper.aliases])
    quality = snippet.score + (LINK_BONUS if url else 0.0)
    theme = _theme(report, mention.section)
    return Candidate(paper.id, highlight, byline.at, quality, good, theme, text)


def _known(corpus: Corpus, paper_id: str) -> bool:
    try:
        corpus.paper(paper_id)
    except KeyError:
        return False
    return True


def _passage_candidate(byline: _Byline, snippet: Snippet) -> Candidate | None:
    """A passage about no titled work: titled by its heading; weak without a heading that can
    title it (it is then titled by whose notes it is, never by its own first words)."""
    text = squash(snippet.text)
    if len(text) < MIN_CHARS or snippet.score < MIN_SCORE:
        return None
    title = heading_title(snippet.section)
    report = byline.report
    highlight = Highlight(
        paper_id=None,
        paper=title or f"From {byline.source}",
        url=_web(report.url),
        conference=report.conference,
        year=report.year,
        report=byline.title,
        report_id=report.id,
        quote=trim_text(text, QUOTE_CHARS),
        snippet_id=snippet.id,
        section=tuple(snippet.section),
        tag=tag(None, report),
        source=byline.source,
    )
    good = title is not None and snippet.score >= GOOD_SCORE
    text_for_topics = " ".join([highlight.quote, *snippet.section])
    theme = _theme(report, snippet.section)
    return Candidate(snippet.id, highlight, byline.at, snippet.score, good, theme, text_for_topics)


def _candidates(corpus: Corpus) -> list[Candidate]:
    snippets = _score_of(corpus)
    bylines = {r.id: _Byline.of(at, r) for at, r in enumerate(corpus.reports)}
    found: list[Candidate] = []
    quoted: set[str] = set()
    for paper, mention, quote in _titled(corpus, snippets):
        snippet = snippets[mention.snippet_id]
        if snippet.report in bylines:
            byline = bylines[snippet.report]
            found.append(_titled_candidate(paper, mention, quote, snippet, byline, corpus))
            quoted.add(mention.snippet_id)
    titled = {c.key for c in found}
    for report in corpus.reports:
        best_per_theme: dict[tuple[str, ...], Candidate] = {}
        for snippet in report.snippets:
            if snippet.id in quoted or any(p in titled for p in snippet.papers):
                continue  # the passage is about a work that has a titled highlight
            made = _passage_candidate(bylines[report.id], snippet)
            if made is None:
                continue
            # One passage per heading: three highlights titled "Reinforcement Learning" read
            # as one highlight three times.
            kept = best_per_theme.get(made.theme)
            if kept is None or (made.good, made.quality) > (kept.good, kept.quality):
                best_per_theme[made.theme] = made
        found.extend(best_per_theme.values())
    return found


def _interleave(indices: list[int], candidates: list[Candidate]) -> list[int]:
    """A report's candidates, good before weak, best first, taking themes in turn so that
    consecutive weeks do not dwell on one session of the report."""

    def best_first(i: int) -> tuple[float, str]:
        return (-candidates[i].quality, candidates[i].key)

    ordered: list[int] = []
    for good in (True, False):
        themes: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i in sorted((i for i in indices if candidates[i].good is good), key=best_first):
            themes[candidates[i].theme].append(i)
        lanes = sorted(themes.values(), key=lambda lane: best_first(lane[0]))
        depth = max((len(lane) for lane in lanes), default=0)
        ordered += [lane[d] for d in range(depth) for lane in lanes if d < len(lane)]
    return ordered


def _shares(counts: list[int]) -> list[float]:
    """Each report's target share: proportional to its good candidates, none above MAX_SHARE
    (the excess goes to the others in proportion), unless there are too few reports for it."""
    total = sum(counts)
    if total == 0:
        return [0.0] * len(counts)
    cap = max(MAX_SHARE, 1.0 / sum(1 for c in counts if c))
    shares = [c / total for c in counts]
    for _ in range(len(counts)):
        over = [i for i, s in enumerate(shares) if s > cap + 1e-12]
        if not over:
            break
        excess = sum(shares[i] - cap for i in over)
        for i in over:
            shares[i] = cap
        free = [i for i, s in enumerate(shares) if 0 < s < cap]
        room = sum(shares[i] for i in free)
        for i in free:
            shares[i] += excess * shares[i] / room
    return shares


def _round_rank(queues: list[list[int]], size: int) -> list[int]:
    """Each candidate's place in one round that takes every report's queue evenly spread."""
    spread = sorted(
        ((k + 0.5) / len(queue), r, k) for r, queue in enumerate(queues) for k in range(len(queue))
    )
    rank = [0] * size
    for place, (_, r, k) in enumerate(spread):
        rank[queues[r][k]] = place
    return rank


def _editions(corpus: Corpus, calendar: Calendar) -> list[tuple[Edition, tuple[int, ...]]]:
    reports: dict[Edition, list[int]] = defaultdict(list)
    for at, report in enumerate(corpus.reports):
        edition = edition_for(report, calendar)
        if edition is not None:
            reports[edition].append(at)
    ordered = sorted(reports.items(), key=lambda item: (item[0].start, item[0].conference))
    return [(edition, tuple(ids)) for edition, ids in ordered]


def build_pool(corpus: Corpus, calendar: Calendar) -> Pool:
    """Every candidate of a corpus, each report's queue and share (no channel, no week)."""
    candidates = _candidates(corpus)
    by_report: list[list[int]] = [[] for _ in corpus.reports]
    for i, candidate in enumerate(candidates):
        by_report[candidate.report].append(i)
    queues = [_interleave(indices, candidates) for indices in by_report]
    good = [sum(1 for i in queue if candidates[i].good) for queue in queues]
    # A corpus with no good highlight at all still shares its weak ones.
    shares = _shares(good if any(good) else [len(queue) for queue in queues])
    order = sorted((r for r, queue in enumerate(queues) if queue), key=lambda r: (-shares[r], r))
    return Pool(corpus, calendar, candidates, queues, shares, order, _editions(corpus, calendar))


def _plan(pool: Pool, week: str) -> WeekPlan:
    year, number = parse_week(week)
    found = anniversaries(pool.corpus, pool.calendar, year, number)
    near = found[0] if found and is_near(found[0]) else None
    index = {report.id: i for i, report in enumerate(pool.reports)}
    lead = tuple(index[r] for r in near.report_ids) if near else ()
    return WeekPlan(pool, week, year, number, week_index(year, number), near, lead)


class _Plans:
    """The pools and week plans in use, kept by corpus identity (the corpus is held, so its
    id cannot be reused while it is kept)."""

    def __init__(self) -> None:
        self._pools: dict[tuple[int, int], Pool] = {}
        self._plans: dict[tuple[int, int, str], WeekPlan] = {}

    def pool(self, corpus: Corpus, calendar: Calendar) -> Pool:
        key = (id(corpus), id(calendar))
        found = self._pools.get(key)
        if found is None or found.corpus is not corpus or found.calendar is not calendar:
            found = build_pool(corpus, calendar)
            self._pools[key] = found
            while len(self._pools) > _POOLS:
                gone = self._pools.pop(next(iter(self._pools)))
                # Its week plans go with it, or they would keep the old corpus alive.
                self._plans = {k: v for k, v in self._plans.items() if v.pool is not gone}
        return found

    def plan(self, corpus: Corpus, calendar: Calendar, week: str) -> WeekPlan:
        pool = self.pool(corpus, calendar)
        key = (id(corpus), id(calendar), week)
        found = self._plans.get(key)
        if found is None or found.pool is not pool:
            found = _plan(pool, week)
            self._plans[key] = found
            while len(self._plans) > _PLANS:
                self._plans.pop(next(iter(self._plans)))
        return found


_shared = _Plans()


def shared_pool(corpus: Corpus, calendar: Calendar) -> Pool:
    """The shared candidates of a corpus, built on first use."""
    return _shared.pool(corpus, calendar)


def week_plan(corpus: Corpus, calendar: Calendar, week: str) -> WeekPlan:
    """The shared plan for a corpus and an ISO week ("2026-W19"), built on first use."""
    return _shared.plan(corpus, calendar, week)


__all__ = ["Candidate", "Pool", "WeekPlan", "build_pool", "shared_pool", "week_index", "week_plan"]
