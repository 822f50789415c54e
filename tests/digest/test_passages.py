"""What a highlight says: its quote about the work, its title, tag and source, its date claims."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calendar import Edition, load_calendar
from bot.digest.claims import date_claim_problems
from bot.digest.labels import source, tag
from bot.digest.model import Anniversary, Digest
from bot.digest.passages import heading_title, names_work, quote_window, titled_passage
from bot.digest.text import topic_pattern
from bot.digest.topics import TopicIndex
from bot.models import Mention, Paper, Report

RIGL = Paper(id="t:rigl", title="Rigging the Lottery", aliases=["RigL"])
LTH = Paper(id="a:lth", title="The Lottery Ticket Hypothesis")
PASSAGE = (
    "While the lottery ticket papers require less and less training cycles, we also see "
    "improvements in sparse training. The Lottery Ticket Hypothesis started it all. "
    "Rigging the Lottery (RigL) grows and prunes connections during training. It reaches "
    "dense accuracy at 90% sparsity. The Lottery Ticket Hypothesis cannot do that."
)


def _report(**fields: object) -> Report:
    values: dict[str, object] = {
        "id": "r.md",
        "file": "r.md",
        "form": "markdown",
        "encoding": "utf-8",
        "title": "ICML 2019 – Reviews, Highlights and Takeaways",
        "conference": "ICML",
        "year": 2019,
    }
    values.update(fields)
    return Report(**values)  # type: ignore[arg-type]


def test_a_quote_starts_at_the_sentence_naming_the_work_and_stops_before_another() -> None:
    quote = quote_window(PASSAGE, RIGL, [LTH])
    assert quote == (
        "Rigging the Lottery (RigL) grows and prunes connections during training. "
        "It reaches dense accuracy at 90% sparsity."
    )
    assert quote_window(PASSAGE, LTH, [RIGL]) == "The Lottery Ticket Hypothesis started it all."


def test_a_work_named_only_by_its_heading_is_quoted_from_the_start_unless_that_is_another() -> None:
    talk = Paper(id="t:theory", title="It is time for a Theory of Deep Learning")
    other = Paper(
        id="t:zhou", title="Quantifying the Interpretability of Deep Visual Representations"
    )
    glued = "Invited Talk by Zhou Bolei: Quantifying the Interpretability of Deep Visual Representations. It was CVPR's best paper."
    assert quote_window(glued, talk, [other]) == ""
    own = "Tomaso believes a theory is emerging. Three questions remain."
    assert quote_window(own, talk, [other]) == own


def test_a_long_quote_stays_within_the_budget_and_ends_cleanly() -> None:
    text = "Rigging the Lottery is great. " + "It grows connections again and again. " * 40
    quote = quote_window(text, RIGL, [], budget=200)
    assert len(quote) <= 200 and quote.startswith("Rigging the Lottery") and quote.endswith(".")


def test_only_a_titled_work_with_a_quote_naming_it_gets_a_titled_passage() -> None:
    mention = Mention("r.md", "ICLR", 2020, "r.md#1", PASSAGE, ("Pruning and Sparsity",))
    elsewhere = Mention("r.md", "ICLR", 2020, "r.md#2", "Sparse training is everywhere.", ())

    def score(m: Mention) -> float:
        return 0.9 if m is elsewhere else 0.5

    rigl = Paper(id="t:rigl", title="Rigging the Lottery", mentions=[elsewhere, mention])
    chosen = titled_passage(rigl, score, lambda m: [LTH])
    assert chosen is not None and chosen[0] is mention
    untitled = Paper(id="arxiv:1", title="arXiv 1911.11134", untitled=True, mentions=[mention])
    assert titled_passage(untitled, score, lambda m: []) is None
    topic = Paper(id="t:bn", title="Batch Normalization", kind="topic", mentions=[mention])
    assert titled_passage(topic, score, lambda m: []) is None


def test_a_heading_naming_the_work_counts_as_naming_it() -> None:
    wgan = Paper(id="t:wgan", title="Wasserstein GAN")
    assert names_work(wgan, "Clip weights! It kind of works.", ("Day 2", "Wasserstein GAN"))
    assert not names_work(wgan, "Clip weights! It kind of works.", ("Day 2",))
    assert not names_work(Paper(id="x", title="GAN"), "GANs are hard to train.")


def test_a_passage_about_no_titled_work_is_titled_by_a_heading_that_names_a_subject() -> None:
    assert heading_title(("Robustness",)) == "Robustness"
    assert heading_title(("Day 2 - Conference", "Session 3 - Deep Generative Models 3")) == (
        "Deep Generative Models"
    )
    assert heading_title(("Uncertainty (Our favourite subject!)",)) == "Uncertainty"
    for generic in ["Papers I Liked", "General impressions", "Day 5 - Workshops", "Main themes"]:
        assert heading_title((generic,)) is None
    assert heading_title(()) is None


def test_tags_say_where_a_work_is_from_and_where_it_was_discussed() -> None:
    icml = _report()
    imagenet_p = Paper(id="a", title="ImageNet-P", venue="ICLR", venue_year=2019)
    assert tag(imagenet_p, icml) == "ICLR 2019 paper, discussed at ICML 2019"
    assert tag(Paper(id="b", title="SET"), icml) == "discussed at ICML 2019"
    own = Paper(id="c", title="X", venue="ICML", venue_year=2019)
    assert tag(own, icml) == "ICML 2019 paper"
    assert tag(Paper(id="d", title="Y", kind="tutorial"), icml) == "ICML 2019 tutorial"
    assert tag(None, icml) == "ICML 2019"
    assert tag(Paper(id="e", title="Z"), _report(conference=None)) == ""


def test_sources_name_whose_notes_they_are() -> None:
    assert source(_report(site="Numenta")) == "Numenta’s ICML 2019 trip report"
    assert source(_report(authors=["Tobias Hinz"])) == "Tobias Hinz’s ICML 2019 trip report"
    two = _report(authors=["Inbar Naor", "Ofri Mann"])
    assert source(two) == "Inbar Naor and Ofri Mann’s ICML 2019 trip report"
    assert source(_report(authors=["A", "B", "C"])) == "A et al.’s ICML 2019 trip report"
    assert source(_report()) == "an ICML 2019 attendee’s trip report"
    assert source(_report(conference="NeurIPS")) == "a NeurIPS 2019 attendee’s trip report"
    subtitle = _report(site="Personal Impressions and Paper Highlights from the ICLR 2019")
    assert source(subtitle) == "an ICML 2019 attendee’s trip report"  # a subtitle is no site
    assert source(_report(authors=["Lucas Souza"], conference=None)) == (
        "Lucas Souza’s “ICML 2019 – Reviews, Highlights and Takeaways”"
    )


def _digest(week: str, headline: str, edition: Edition | None) -> Digest:
    anniversary = Anniversary(edition, 7, 0, ("r",)) if edition else None
    return Digest(week, headline, anniversary, [], edition)


ICLR_2019 = load_calendar().get("ICLR", 2019)


def test_headline_date_claims_are_checked_against_the_calendar() -> None:
    assert ICLR_2019 is not None  # 6-9 May 2019
    assert date_claim_problems(_digest("2026-W19", "ICLR 2019 opened this week", ICLR_2019)) == []
    assert date_claim_problems(_digest("2026-W20", "last week, ICLR 2019 closed", ICLR_2019)) == []
    assert date_claim_problems(_digest("2026-W18", "next week, ICLR 2019 opened", ICLR_2019)) == []
    assert date_claim_problems(_digest("2026-W02", "From the archive: ICLR 2019", ICLR_2019)) == []
    off = date_claim_problems(_digest("2026-W23", "ICLR 2019 opened this week", ICLR_2019))
    assert off and "this week" in off[0]
    month = date_claim_problems(_digest("2026-W40", "7 years ago in May, ICLR 2019 met", ICLR_2019))
    assert month == ["names May in the week of 28 September"]
    number = date_claim_problems(_digest("2026-W40", "Flashback for week 12 of 2026", None))
    assert number == ["names week 12 in week 40"]


def test_this_week_allows_three_days_either_side() -> None:
    weekend = Edition("X", 2019, "Y", "", date(2019, 1, 10), date(2019, 1, 11))  # Thu-Fri
    # 2026-W03 is 12-18 January; 10-11 January is the Saturday-Sunday before.
    assert date_claim_problems(_digest("2026-W03", "X 2019 was this week", weekend)) == []
    assert date_claim_problems(_digest("2026-W04", "X 2019 was this week", weekend)) != []


words = st.sampled_from(["gan", "GANs", "pruning", "prune", "pruned", "sparse", "nets", "c++"])
texts = st.lists(st.lists(words, max_size=8).map(" ".join), min_size=1, max_size=12)
topics = st.lists(st.one_of(words, st.just("sparse nets"), st.just("  ")), max_size=3)


@settings(max_examples=200, deadline=None)
@given(texts, topics)
def test_the_topic_index_matches_what_the_topic_regex_matches(
    candidates: list[str], wanted: list[str]
) -> None:
    pattern = topic_pattern(wanted)
    expected = {i for i, t in enumerate(candidates) if pattern is not None and pattern.search(t)}
    assert TopicIndex(candidates).matching(wanted) == expected
