"""The digest on the five shipped reports (needs the real ingestion: conference, year, papers)."""

from __future__ import annotations

from bot.calendar import load_calendar
from bot.digest.render import PLATFORMS, make_environment, render_digest
from bot.digest.select import choose_digest
from bot.digest.validate import problems_in
from bot.digest.weeks import format_week, weeks_in_year
from bot.models import Corpus

CALENDAR = load_calendar()


def test_the_week_of_6_may_2026_opens_with_iclr_2019_in_new_orleans(shipped_corpus: Corpus) -> None:
    digest = choose_digest(shipped_corpus, CALENDAR, "2026-W19")
    assert digest.headline == "ICLR 2019 opened in New Orleans this week, 7 years ago"
    assert all((h.conference, h.year) == ("ICLR", 2019) for h in digest.highlights)
    assert len({h.report_id for h in digest.highlights}) == 2  # both ICLR 2019 reports
    assert all(h.paper_id for h in digest.highlights)


def test_a_channel_never_sees_a_paper_twice_until_it_has_seen_them_all(
    shipped_corpus: Corpus,
) -> None:
    seen: list[str] = []
    for week in range(1, 11):
        digest = choose_digest(shipped_corpus, CALENDAR, format_week(2026, week), seen=set(seen))
        seen += digest.paper_ids
    assert len(seen) == len(set(seen)) == 40


def test_every_week_of_2026_has_a_valid_digest_on_every_platform(shipped_corpus: Corpus) -> None:
    env = make_environment(None)
    for week in range(1, weeks_in_year(2026) + 1):
        digest = choose_digest(shipped_corpus, CALENDAR, format_week(2026, week), size=5)
        assert len(digest.highlights) == 5, week
        for platform in PLATFORMS:
            assert problems_in(render_digest(digest, platform, env), platform) == [], (
                week,
                platform,
            )
