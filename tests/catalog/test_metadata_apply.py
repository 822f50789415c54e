"""The pure parts of metadata resolution: refs, strict title matching, applying records."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.catalog.resolve import WorkMetadata, apply_metadata, pending_refs, work_ref
from bot.catalog.resolve.matching import choose_match, same_title, short_name_of
from bot.models import Mention, Paper

LTH = WorkMetadata(
    title="The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks",
    authors=("Jonathan Frankle", "Michael Carbin"),
    year=2019,
    venue="ICLR 2019",
    abstract="Neural network pruning techniques can reduce the parameter counts.",
    url="https://arxiv.org/abs/1803.03635",
    arxiv="1803.03635",
    source="arxiv",
)


def _paper(title: str, **more: object) -> Paper:
    mention = Mention("r.md", "ICLR", 2019, "r.md#1")
    return Paper(id=more.pop("id", f"t:{title.lower()}"), title=title, mentions=[mention], **more)  # type: ignore[arg-type]


def test_work_refs_prefer_ids_and_search_titles_of_papers_only() -> None:
    ref = work_ref(_paper("Lottery Ticket Hypothesis", arxiv="1803.03635", authors=["Frankle"]))
    assert ref is not None and ref.key == "arxiv:1803.03635" and ref.latest_year == 2019
    assert ref.title == "Lottery Ticket Hypothesis" and ref.authors == ("Frankle",)
    doi = work_ref(_paper("Deep Residual Learning", url="https://doi.org/10.1109/CVPR.2016.90"))
    assert doi is not None and doi.key == "doi:10.1109/cvpr.2016.90"
    titled = work_ref(_paper("The Wasserstein GAN paper"))
    assert titled is not None and titled.key == "title:wasserstein gan paper"
    assert work_ref(_paper("Wasserstein GAN")) is None  # two words name too many things
    assert (
        work_ref(_paper("Deep Reinforcement Learning in Complex Environments", kind="talk")) is None
    )
    untitled = work_ref(_paper("arXiv 1810.09536", arxiv="1810.09536", untitled=True))
    assert untitled is not None and untitled.title is None


def test_pending_refs_skip_what_is_known_or_described() -> None:
    papers = [
        _paper("A", id="arxiv:1", arxiv="1"),
        _paper("B", id="arxiv:2", arxiv="2"),
        _paper("C", id="arxiv:3", arxiv="3"),
    ]
    pending = pending_refs(papers, known={"arxiv:2"}, resolved={"arxiv:3"})
    assert [r.key for r in pending] == ["arxiv:1"]


@pytest.mark.parametrize(
    ("wanted", "found", "same"),
    [
        ("Attention is all you need", "Attention Is All You Need", True),
        ("The Lottery Ticket Hypothesis", "Lottery ticket hypothesis.", True),
        (
            "Pre-training of deep bidirectional transformers",
            "Pretraining of Deep Bidirectional Transformers",
            True,
        ),
        ("Schölkopf kernels", "Scholkopf Kernels", True),
        (
            "A closer look at memorisation in deep networks",
            "A Closer Look at Memorization in Deep Networks",
            True,
        ),
        ("Attention is not explanation", "Attention is not not explanation", False),
        ("Deep learning", "Deep learning scaling is predictable, empirically", False),
        ("Neural networks", "Neural network", False),  # short titles get no typo allowance
    ],
)
def test_same_title_is_strict(wanted: str, found: str, same: bool) -> None:
    assert same_title(wanted, found) is same


def test_a_short_name_needs_three_words_and_a_subtitle() -> None:
    assert short_name_of("The Lottery Ticket Hypothesis", LTH.title)
    assert not short_name_of("SinGAN", "SinGAN: Learning a Generative Model from a Single Image")
    assert not short_name_of(
        "The Lottery Ticket Hypothesis", "The Lottery Ticket Hypothesis at Scale"
    )


def test_choose_match_refuses_doubt() -> None:
    from bot.catalog.resolve.model import WorkRef

    ref = WorkRef("title:x", title="Deep Double Descent", latest_year=2020)
    one = WorkMetadata(title="Deep Double Descent: Where Bigger Models Hurt", year=2019)
    two = WorkMetadata(title="Deep Double Descent: A Second Look", year=2020)
    assert choose_match(ref, [one]) == one
    assert choose_match(ref, [one, two]) is None  # two works with that short name
    exact = WorkMetadata(title="Deep Double Descent", year=2021)
    assert choose_match(ref, [one, two, exact]) == exact
    later = WorkMetadata(title="Deep Double Descent", year=2024)
    assert choose_match(ref, [later]) is None
    by_others = WorkRef("title:x", title="Deep Double Descent", authors=("Nakkiran et al.",))
    assert choose_match(
        by_others, [WorkMetadata(title="Deep double descent", authors=("Preetum Nakkiran",))]
    )
    assert (
        choose_match(by_others, [WorkMetadata(title="Deep double descent", authors=("B. Other",))])
        is None
    )


def test_apply_metadata_fills_in_and_keeps_the_reports_naming() -> None:
    paper = _paper(
        "Lottery Ticket Hypothesis",
        id="arxiv:1803.03635",
        arxiv="1803.03635",
        aliases=["LTH"],
        authors=["Frankle"],
    )
    papers, changes = apply_metadata([paper], {"arxiv:1803.03635": LTH})
    enriched = papers[0]
    assert enriched.title == LTH.title
    assert enriched.aliases == ["Lottery Ticket Hypothesis", "LTH"]
    assert enriched.authors == ["Jonathan Frankle", "Michael Carbin"]
    assert (enriched.venue, enriched.venue_year) == ("ICLR 2019", 2019)
    assert enriched.abstract == LTH.abstract and enriched.id == paper.id
    assert paper.title == "Lottery Ticket Hypothesis" and paper.abstract is None  # not mutated
    assert [(c.entry, c.action) for c in changes] == [("arxiv:1803.03635", "resolved")]
    assert "title, authors, venue, abstract from arxiv" in changes[0].detail


def test_apply_metadata_names_an_untitled_entry_and_respects_chosen_titles() -> None:
    untitled = _paper("arXiv 1803.03635", id="arxiv:1803.03635", arxiv="1803.03635", untitled=True)
    [named], _ = apply_metadata([untitled], {"arxiv:1803.03635": LTH})
    assert named.title == LTH.title and not named.untitled and named.aliases == []

    chosen = _paper("LTH paper", id="arxiv:1803.03635", arxiv="1803.03635")
    [kept], _ = apply_metadata([chosen], {"arxiv:1803.03635": LTH}, keep_titles={chosen.id})
    assert kept.title == "LTH paper" and kept.abstract == LTH.abstract


def test_apply_metadata_keeps_a_reported_venue_over_arxiv() -> None:
    preprint = LTH.model_copy(update={"venue": "arXiv", "year": 2018})
    paper = _paper("Lottery Ticket Hypothesis", arxiv="1803.03635", venue="ICLR", venue_year=2019)
    [kept], _ = apply_metadata([paper], {"arxiv:1803.03635": preprint})
    assert (kept.venue, kept.venue_year) == ("ICLR", 2019)
    bare = _paper("Lottery Ticket Hypothesis", arxiv="1803.03635")
    [filled], _ = apply_metadata([bare], {"arxiv:1803.03635": preprint})
    assert (filled.venue, filled.venue_year) == ("arXiv", 2018)


def test_records_are_validated_on_the_way_in() -> None:
    record = WorkMetadata.model_validate(
        {
            "title": "  A\n  title  ",
            "authors": ["X", "X", " "],
            "url": "javascript:alert(1)",
            "extra": 1,
        }
    )
    assert record.title == "A title" and record.authors == ("X",) and record.url is None
    with pytest.raises(ValidationError):
        WorkMetadata.model_validate({"title": ""})
    with pytest.raises(ValidationError):
        WorkMetadata.model_validate({"title": "x", "year": "soon"})
