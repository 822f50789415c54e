"""Property tests: any corpus, any week -> every payload within limits and no ping survives."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.adapters.discord.limits import validate_discord
from bot.adapters.slack.limits import validate_slack
from bot.calendar import load_calendar
from bot.digest.render import make_environment, render_digest
from bot.digest.safety import find_pings
from bot.digest.select import choose_digest
from bot.digest.weeks import format_week, weeks_in_year
from bot.models import Corpus, Link, Paper, Report, Snippet

CALENDAR = load_calendar()
ENV = make_environment(None)
NASTY = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U123ABC>",
    "@everyone",
    "@here",
    "<@123>",
    "<@!456>",
    "<@&789>",
    "&",
    "<",
    ">",
    "*",
    "_",
    "~",
    "`",
    "|",
    "\\",
    '"',
    "[x](y)",
    "#",
    "\n",
    "🧙\u200d♂️",
    "👍🏽",
    "שלום עולם",
    "مرحبا",
    "\u202e",
    "e.g.",
    ". ",
    "x" * 300,
]
fragment = st.one_of(st.sampled_from(NASTY), st.text(min_size=1, max_size=40))
prose = st.lists(fragment, min_size=1, max_size=40).map(" ".join)
long_prose = st.one_of(prose, prose.map(lambda s: (s + " ") * 60))
conference = st.sampled_from(["ICLR", "ICML", "NeurIPS", "CVPR", "ICCV", "ECCV", "ACL", "AAAI"])


@st.composite
def corpora(draw: st.DrawFn) -> Corpus:
    reports, papers = [], {}
    for r in range(draw(st.integers(0, 4))):
        rid = f"r{r}"
        report = Report(
            id=rid,
            file=rid,
            form="text",
            encoding="utf-8",
            title=draw(long_prose),
            conference=draw(conference),
            year=draw(st.integers(2015, 2025)),
        )
        for s in range(draw(st.integers(1, 8))):
            snippet = Snippet(
                id=f"{rid}#{s}",
                report=rid,
                section=(draw(prose),),
                text=draw(long_prose),
                score=draw(st.floats(0, 1)),
                links=[Link(draw(prose), draw(prose))],
            )
            if draw(st.booleans()):
                pid = f"p{draw(st.integers(0, 6))}"
                url = draw(
                    st.sampled_from(
                        [None, "https://arxiv.org/abs/1803.03635", "http://a/<|>", "javascript:x"]
                    )
                )
                papers.setdefault(pid, Paper(id=pid, title=draw(long_prose), url=url))
                snippet.papers = [pid]
            report.snippets.append(snippet)
        reports.append(report)
    return Corpus(reports=reports, papers=list(papers.values()))


def _check(digest_corpus: Corpus, week: str, size: int, topics: list[str]) -> None:
    digest = choose_digest(digest_corpus, CALENDAR, week, size=size, topics=topics)
    slack = render_digest(digest, "slack", ENV)
    discord = render_digest(digest, "discord", ENV)
    text = render_digest(digest, "text", ENV)
    assert isinstance(slack, dict) and isinstance(discord, dict) and isinstance(text, str)
    assert validate_slack(slack) == []
    assert validate_discord(discord) == []
    assert find_pings(text) == []
    json.dumps(slack), json.dumps(discord)
    render_digest(digest, "html", ENV)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    corpora(),
    st.integers(2016, 2030),
    st.integers(1, 53),
    st.integers(1, 10),
    st.lists(prose, max_size=2),
)
def test_any_corpus_any_week_renders_within_limits(
    digest_corpus: Corpus, year: int, week: int, size: int, topics: list[str]
) -> None:
    _check(digest_corpus, format_week(year, min(week, weeks_in_year(year))), size, topics)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(), st.sampled_from([2026, 2027]))
def test_every_week_of_a_year_renders_within_limits(digest_corpus: Corpus, year: int) -> None:
    for week in range(1, weeks_in_year(year) + 1):
        _check(digest_corpus, format_week(year, week), 5, [])
