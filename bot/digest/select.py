"""Choosing a week's highlights for a channel: anniversary first, then quality and variety.

The order of preference, strongest first:

1. topics: snippets matching the channel's topics, when it set any (the rest still fill up);
2. anniversary: the headline edition's reports, then editions by distance from this week;
3. quality: the snippet's highlight score, plus a bonus for naming a paper and for a link,
   minus a penalty for each highlight already taken from the same report or section, so a
   digest spreads across reports and themes;
4. a tie-break hashed from (channel, week, snippet), so equal candidates rotate per channel.

No two highlights share a paper, and papers the channel has seen are skipped until it has
seen them all; then the cycle starts again. The same inputs always give the same digest.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from bot.calendar import Calendar
from bot.digest.anniversary import anniversaries, headline
from bot.digest.model import Anniversary, Digest, Highlight
from bot.digest.text import matches_topic, squash, topic_pattern, trim_text
from bot.digest.weeks import format_week, parse_week
from bot.models import Corpus, Paper, Report, Snippet

QUOTE_CHARS = 400  # a quote is a taste of the passage; the report has the rest
MIN_SCORE = 0.25  # below this a snippet is logistics or chatter, unless it names a paper
MIN_CHARS = 40
PAPER_BONUS = 0.25
LINK_BONUS = 0.15
SAME_REPORT_PENALTY = 0.2
SAME_SECTION_PENALTY = 0.1
_SAME_NAME = 90  # rapidfuzz token-set similarity above which a link text names the paper
_UNPLACED_TIER = 1_000  # reports without dates, or from the digest's own year or later

__all__ = ["Anniversary", "Digest", "Highlight", "choose_digest"]


@dataclass(frozen=True)
class _Candidate:
    snippet: Snippet
    report: Report
    key: str
    papers: frozenset[str]
    tier: int
    quality: float
    topical: bool
    tiebreak: str


def _papers_of(corpus: Corpus, snippet: Snippet) -> list[Paper]:
    found = []
    for paper_id in snippet.papers:
        try:
            found.append(corpus.paper(paper_id))
        except KeyError:
            continue  # a dangling id is the catalog's problem, not a reason to fail a digest
    # A passage is presented under the work it names best: a titled paper before an untitled
    # one ("arXiv 1810.09536") or a named idea ("Batch Normalization").
    return sorted(found, key=lambda p: (p.untitled, p.kind == "topic"))


def _web_url(url: str | None) -> str | None:
    return url if url and url.startswith(("https://", "http://")) else None


def _names_paper(text: str, name: str) -> bool:
    """Whether a link text is the paper's name, or at least half of it ("Comparing rewinding
    and fine-tuning" for "Comparing Rewinding and Fine-tuning in Neural Network Pruning")."""
    if fuzz.token_sort_ratio(text, name, processor=default_process) >= _SAME_NAME:
        return True
    words, name_words = len(text.split()), len(name.split())
    enough = words >= 2 and 2 * words >= name_words
    return enough and fuzz.token_set_ratio(text, name, processor=default_process) >= _SAME_NAME


def _best_url(snippet: Snippet, papers: Sequence[Paper]) -> str | None:
    """Where to read more: the paper's own link, a snippet link named like the paper, or,
    for a passage about no named paper, its first link (arXiv and OpenReview first).

    Another link of the passage is not used for a named paper: it often points elsewhere
    (a passage comparing with the Lottery Ticket paper links to that one).
    """
    links = [link for link in snippet.links if _web_url(link.url)]
    if papers:
        paper = papers[0]
        if url := _web_url(paper.link):
            return url
        for link in links:
            if any(_names_paper(link.text, name) for name in (paper.title, *paper.aliases)):
                return link.url
        return None
    links.sort(key=lambda link: not (link.arxiv or "openreview.net" in link.url))
    return links[0].url if links else None


def _quality(snippet: Snippet, papers: Sequence[Paper]) -> float:
    """Highlight score, plus bonuses for discussing a named paper and for having a link."""
    bonus = PAPER_BONUS if any(not p.untitled for p in papers) else 0.0
    if _best_url(snippet, papers):
        bonus += LINK_BONUS
    return snippet.score + bonus


def _tiers(found: Sequence[Anniversary]) -> dict[str, int]:
    """Report id -> tier: 0 for the headline edition, then one tier per distance."""
    tiers: dict[str, int] = {}
    distances = sorted({abs(a.gap_days) for a in found[1:]})
    for index, anniversary in enumerate(found):
        tier = 0 if index == 0 else 1 + distances.index(abs(anniversary.gap_days))
        for report_id in anniversary.report_ids:
            tiers.setdefault(report_id, tier)
    return tiers


def _candidates(
    corpus: Corpus, tiers: dict[str, int], topics: Sequence[str], salt: str, size: int
) -> list[_Candidate]:
    pattern = topic_pattern(topics)
    found: list[_Candidate] = []
    for report in corpus.reports:
        for snippet in report.snippets:
            if len(squash(snippet.text)) < MIN_CHARS:
                continue
            papers = _papers_of(corpus, snippet)
            texts = [snippet.text, " ".join(snippet.section)]
            texts += [name for p in papers for name in (p.title, *p.aliases)]
            digest = hashlib.sha256(f"{salt}|{snippet.id}".encode()).hexdigest()
            found.append(
                _Candidate(
                    snippet=snippet,
                    report=report,
                    key=papers[0].id if papers else snippet.id,
                    papers=frozenset(p.id for p in papers) or frozenset({snippet.id}),
                    tier=tiers.get(report.id, _UNPLACED_TIER),
                    quality=_quality(snippet, papers),
                    topical=matches_topic(pattern, texts),
                    tiebreak=digest,
                )
            )
    good = [c for c in found if c.snippet.score >= MIN_SCORE or c.key != c.snippet.id]
    # A tiny or unscored corpus still gets a digest, from whatever passages it has.
    return good if len(good) >= size else found


def _pick(pool: list[_Candidate], size: int, picked: list[_Candidate]) -> None:
    """Greedily add the best remaining candidates to ``picked``, keeping papers distinct."""
    used = {paper for c in picked for paper in c.papers}
    per_report = Counter(c.report.id for c in picked)
    per_section = Counter((c.report.id, c.snippet.section) for c in picked)
    pool = [c for c in pool if not c.papers & used]
    while pool and len(picked) < size:

        def rank(c: _Candidate) -> tuple[bool, int, float, str]:
            spread = SAME_REPORT_PENALTY * per_report[c.report.id]
            spread += SAME_SECTION_PENALTY * per_section[(c.report.id, c.snippet.section)]
            return (not c.topical, c.tier, -round(c.quality - spread, 6), c.tiebreak)

        best = min(pool, key=rank)
        picked.append(best)
        per_report[best.report.id] += 1
        per_section[(best.report.id, best.snippet.section)] += 1
        pool = [c for c in pool if not c.papers & best.papers]


def _highlight(corpus: Corpus, candidate: _Candidate) -> Highlight:
    snippet, report = candidate.snippet, candidate.report
    papers = _papers_of(corpus, snippet)
    if papers:
        title = papers[0].title
    elif snippet.section:
        title = snippet.section[-1]
    else:
        title = trim_text(snippet.text, 80)
    return Highlight(
        paper_id=papers[0].id if papers else None,
        paper=squash(title),
        url=_best_url(snippet, papers),
        conference=report.conference,
        year=report.year,
        report=squash(report.title) or report.id,
        report_id=report.id,
        quote=trim_text(snippet.text, QUOTE_CHARS),
        snippet_id=snippet.id,
    )


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
    """The digest a channel gets for an ISO week ("2026-W19"); see the module docstring."""
    year, number = parse_week(week)
    week = format_week(year, number)
    size = max(1, size)
    found = anniversaries(corpus, calendar, year, number)
    candidates = _candidates(corpus, _tiers(found), topics, f"{channel_key}|{week}", size)
    fresh = [c for c in candidates if c.key not in seen]
    picked: list[_Candidate] = []
    _pick(fresh, size, picked)
    if len(picked) < size:
        # Everything unseen is in; the channel starts a new round through the corpus.
        _pick(candidates, size, picked)
    anniversary = found[0] if found else None
    return Digest(
        week=week,
        headline=headline(anniversary, year, number),
        anniversary=anniversary,
        highlights=[_highlight(corpus, c) for c in picked],
    )
