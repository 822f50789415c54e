"""Choosing a week's flashback: anniversary first, quality, variety, no repeats, topics."""

from __future__ import annotations

from datetime import date

import pytest

from bot.calendar import load_calendar
from bot.digest.model import Digest
from bot.digest.select import choose_digest
from bot.digest.weeks import format_week, week_of, weeks_in_year
from bot.models import Link, Paper, Report
from tests.support.digest_corpus import Passage, corpus, report, sample_corpus

CALENDAR = load_calendar()


def test_the_week_of_6_may_2026_opens_with_iclr_2019_in_new_orleans() -> None:
    week = week_of(date(2026, 5, 6))
    digest = choose_digest(sample_corpus(), CALENDAR, week)
    assert week == "2026-W19"
    assert digest.headline == "ICLR 2019 opened in New Orleans this week, 7 years ago"
    assert digest.anniversary is not None and digest.anniversary.this_week
    assert [(h.conference, h.year) for h in digest.highlights] == [("ICLR", 2019)] * 4


def test_the_best_passage_about_a_named_paper_with_a_link_comes_first() -> None:
    digest = choose_digest(sample_corpus(), CALENDAR, "2026-W19")
    first = digest.highlights[0]
    assert first.paper == "The Lottery Ticket Hypothesis"
    assert first.url == "https://arxiv.org/abs/1803.03635"
    assert first.report == "Impressions and Highlights from the ICLR 2019 in New Orleans"


def test_an_online_edition_is_called_online() -> None:
    digest = choose_digest(sample_corpus(), CALENDAR, "2026-W18")
    assert digest.headline == "ICLR 2020 was held online this week, 6 years ago"


def test_no_two_highlights_are_about_the_same_paper() -> None:
    # The Lottery Ticket Hypothesis is discussed in both ICLR 2019 reports.
    digest = choose_digest(sample_corpus(), CALENDAR, "2026-W19", size=5)
    assert len(digest.highlights) == 5
    assert len(set(digest.paper_ids)) == 5


def test_highlights_spread_across_reports() -> None:
    digest = choose_digest(sample_corpus(), CALENDAR, "2026-W19", size=2)
    assert {h.report_id for h in digest.highlights} == {
        "iclr-2019-hinz.md",
        "iclr-2019-taboola.txt",
    }


def test_logistics_are_not_highlights() -> None:
    digest = choose_digest(sample_corpus(), CALENDAR, "2026-W19", size=8)
    assert all("coffee ran out" not in h.quote for h in digest.highlights)


def test_a_channel_that_has_seen_a_paper_does_not_get_it_again() -> None:
    first = choose_digest(sample_corpus(), CALENDAR, "2026-W19", channel_key="slack:T1:C1")
    again = choose_digest(
        sample_corpus(), CALENDAR, "2026-W19", seen=set(first.paper_ids), channel_key="slack:T1:C1"
    )
    assert "arxiv:1803.03635" in first.paper_ids
    assert not set(first.paper_ids) & set(again.paper_ids)
    assert len(again.highlights) == 4


def test_a_channel_sees_every_paper_before_any_repeats_then_starts_over() -> None:
    sample = sample_corpus()
    seen: list[str] = []
    for number in range(1, 5):
        digest = choose_digest(sample, CALENDAR, format_week(2026, 18 + number), seen=set(seen))
        seen += digest.paper_ids
    distinct = len({p.id for p in sample.papers}) + 1  # + the virtual-sessions passage
    assert len(seen) == 16
    assert len(set(seen[:distinct])) == distinct  # nothing repeats within the first round
    assert set(seen[distinct:]) <= set(seen[:distinct])


def test_when_everything_was_seen_the_cycle_restarts() -> None:
    sample = sample_corpus()
    everything = {p.id for p in sample.papers} | {s.id for s in sample.snippets}
    digest = choose_digest(sample, CALENDAR, "2026-W19", seen=everything)
    assert len(digest.highlights) == 4
    assert (digest.highlights[0].conference, digest.highlights[0].year) == ("ICLR", 2019)
    # Without weeks in the history, the round moves on by week number.
    weeks = [choose_digest(sample, CALENDAR, f"2026-W{n}", seen=everything) for n in (44, 45)]
    assert not set(weeks[0].paper_ids) & set(weeks[1].paper_ids)


def test_a_topic_filter_puts_matching_highlights_first() -> None:
    digest = choose_digest(sample_corpus(), CALENDAR, "2026-W19", topics=["pruning"])
    papers = [h.paper for h in digest.highlights]
    # Three passages mention pruning (prune, pruning); they lead, the rest fill up.
    assert set(papers[:3]) == {
        "Rethinking the Value of Network Pruning",
        "Rigging the Lottery",
        "The Lottery Ticket Hypothesis",
    }
    assert len(papers) == 4


def test_topics_match_plurals_and_abbreviations() -> None:
    digest = choose_digest(sample_corpus(), CALENDAR, "2026-W19", topics=["GANs"], size=2)
    assert {h.paper for h in digest.highlights} == {"GAN Dissection", "Wasserstein GAN"}


def test_a_topic_nobody_wrote_about_does_not_empty_the_digest() -> None:
    plain = choose_digest(sample_corpus(), CALENDAR, "2026-W19")
    topical = choose_digest(sample_corpus(), CALENDAR, "2026-W19", topics=["quantum annealing"])
    assert topical.highlights == plain.highlights


def test_the_same_inputs_give_the_same_digest() -> None:
    def digest() -> Digest:
        return choose_digest(
            sample_corpus(),
            CALENDAR,
            "2026-W30",
            topics=["gans"],
            seen={"arxiv:1803.03635"},
            channel_key="discord:1:2",
        )

    assert digest() == digest()


@pytest.mark.parametrize("year", [2026, 2027])
def test_every_week_of_the_year_has_a_digest_and_names_an_edition(year: int) -> None:
    sample = sample_corpus()
    for number in range(1, weeks_in_year(year) + 1):
        digest = choose_digest(sample, CALENDAR, format_week(year, number))
        assert digest.featured is not None, number
        assert len(digest.highlights) == 4, number


def test_near_anniversaries_say_last_week_or_next_week_and_other_weeks_no_date() -> None:
    sample = sample_corpus()
    # ICLR 2019 ran 6-9 May; in 2026 that is Wednesday to Saturday of week 19.
    assert choose_digest(sample, CALENDAR, "2026-W20").headline == (
        "7 years ago last week, ICLR 2019 closed in New Orleans"
    )
    # ICML 2019 ran 9-15 June: Tuesday of week 24 to Monday of week 25 in 2026.
    assert choose_digest(sample, CALENDAR, "2026-W23").headline == (
        "7 years ago next week, ICML 2019 opened in Long Beach"
    )
    assert choose_digest(sample, CALENDAR, "2026-W24").headline == (
        "ICML 2019 opened in Long Beach this week, 7 years ago"
    )
    assert choose_digest(sample, CALENDAR, "2026-W25").headline == (
        "ICML 2019 was in Long Beach this week, 7 years ago"
    )
    archive = choose_digest(sample, CALENDAR, "2026-W45")
    assert archive.anniversary is None
    assert archive.headline.startswith("From the archive: ")
    assert not any(month in archive.headline for month in ("August", "November", "week"))


def test_a_week_without_an_anniversary_features_the_edition_of_its_first_highlight() -> None:
    sample = sample_corpus()
    headlines = set()
    for number in range(40, 48):
        digest = choose_digest(sample, CALENDAR, format_week(2026, number))
        first = digest.highlights[0]
        assert digest.featured is not None
        assert (digest.featured.conference, digest.featured.year) == (first.conference, first.year)
        assert digest.headline == f"From the archive: {first.conference} {first.year}, " + (
            "held online" if digest.featured.virtual else digest.featured.city
        )
        headlines.add(digest.headline)
    assert len(headlines) >= 3  # editions take turns


def test_a_conference_across_new_year_is_this_week_in_the_first_week_of_january() -> None:
    winter = report(
        "winter-2018.md",
        "WinterConf",  # not in the calendar: the report's own dates count
        2018,
        [Passage("Neural Ordinary Differential Equations won a best paper award.", score=0.9)],
        start=date(2018, 12, 30),
        end=date(2019, 1, 2),
    )
    digest = choose_digest(corpus(winter, *_iclr_2019()), CALENDAR, "2026-W01")
    assert digest.anniversary is not None and digest.anniversary.this_week
    assert digest.anniversary.edition.conference == "WinterConf"
    assert digest.headline.startswith("WinterConf 2018 ")


def test_a_conference_missing_from_the_calendar_uses_the_reports_own_dates() -> None:
    kdd = report(
        "kdd-2018.md",
        "KDD",
        2018,
        [Passage("Graph convolutional networks for web-scale recommender systems.", score=0.8)],
        start=date(2018, 8, 19),
        end=date(2018, 8, 23),
    )
    digest = choose_digest(corpus(kdd, *_iclr_2019()), CALENDAR, week_of(date(2026, 8, 19)))
    assert digest.anniversary is not None and digest.anniversary.label == "KDD 2018"
    assert digest.headline.startswith("KDD 2018 ")
    assert digest.highlights[0].report_id == "kdd-2018.md"


def test_a_reports_own_year_is_not_an_anniversary() -> None:
    digest = choose_digest(sample_corpus(), CALENDAR, "2019-W19")
    assert digest.anniversary is None
    assert digest.headline == "From the archive: ICML 2017, Sydney"


def test_an_empty_corpus_gives_a_headline_and_no_highlights() -> None:
    digest = choose_digest(corpus(), CALENDAR, "2026-W19")
    assert digest.highlights == []
    assert digest.anniversary is None
    assert "week 19 of 2026" in digest.headline


def test_a_bad_week_is_refused_with_an_example() -> None:
    with pytest.raises(ValueError, match="2026-W19"):
        choose_digest(sample_corpus(), CALENDAR, "May 2026")
    with pytest.raises(ValueError, match="weeks 1 to 53"):
        choose_digest(sample_corpus(), CALENDAR, "2026-W54")


def _iclr_2019() -> list[tuple[Report, list[Paper]]]:
    return [
        report(
            "iclr.md",
            "ICLR",
            2019,
            [Passage("Ordered Neurons won a best paper award at ICLR in New Orleans.", score=0.9)],
        )
    ]


def test_a_named_paper_is_linked_only_to_itself() -> None:
    rewinding = (
        "t:rewinding",
        "Comparing Rewinding and Fine-tuning in Neural Network Pruning",
        None,
    )
    unrelated = Link("Lottery Ticket Hypothesis", "https://arxiv.org/abs/1803.03635")
    own = Link("Comparing rewinding and fine-tuning", "https://openreview.net/forum?id=S1gSj0NKvB")
    text = (
        "Comparing Rewinding and Fine-tuning in Neural Network Pruning, by Renda, Frankle and "
        "Carbin, compares rewinding with fine-tuning after pruning."
    )
    for links, expected in [([unrelated], None), ([unrelated, own], own.url)]:
        sample = corpus(report("r.md", "ICLR", 2020, [Passage(text, rewinding, links=links)]))
        digest = choose_digest(sample, CALENDAR, "2026-W18")
        assert digest.highlights[0].url == expected
