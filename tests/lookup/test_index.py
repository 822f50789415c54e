"""The /paper lookup on a small hand-made corpus: what people type, and what they get."""

from __future__ import annotations

import pytest

from bot.lookup import LookupIndex, answer_to_json
from bot.models import Corpus, Mention, Paper, Report, Section, Snippet

# (report id, conference, year, snippets as (paper ids, text))
_REPORTS: list[tuple[str, str, int, list[tuple[list[str], str]]]] = [
    (
        "iclr-2019.md",
        "ICLR",
        2019,
        [
            (
                ["lt"],
                "The Lottery Ticket Hypothesis by Frankle and Carbin won a best paper award. "
                "Dense networks contain sparse subnetworks that, trained in isolation from "
                "their original initialization, reach the accuracy of the full network. "
                "Iterative magnitude pruning finds these winning tickets.",
            ),
            (
                ["rethinking"],
                "Rethinking the Value of Network Pruning argues that training a pruned model "
                "from scratch is as good as fine-tuning it, questioning the usual pipeline.",
            ),
            (
                ["snip"],
                "SNIP prunes connections at initialization, before training, using a saliency "
                "criterion based on connection sensitivity: pruning before training works.",
            ),
            (
                ["wgan"],
                "Many GAN papers still build on the Wasserstein GAN and its gradient penalty.",
            ),
        ],
    ),
    (
        "icml-2019.md",
        "ICML",
        2019,
        [
            (
                ["dsr"],
                "Mostafa and Wang showed dynamic sparse reparameterization trains sparse "
                "networks from the start without a dense phase.",
            ),
            (
                ["lt", "set"],
                "Sparse evolutionary training (SET) rewires connections during training; it "
                "is an alternative to the lottery ticket approach of pruning after training.",
            ),
            (
                ["ewc"],
                "Continual learning suffers from catastrophic forgetting; elastic weight "
                "consolidation slows learning on weights important for earlier tasks.",
            ),
            (
                [],
                "The poster session was crowded and the coffee was excellent. We need more "
                "attention to the schedule next year, all of you.",
            ),
        ],
    ),
    (
        "iclr-2020.txt",
        "ICLR",
        2020,
        [
            (
                ["rigl"],
                "RigL (Rigging the Lottery) grows and prunes connections using gradient "
                "magnitude, training sparse networks that beat dense-to-sparse pruning.",
            ),
            (
                ["grasp"],
                "GraSP prunes at initialization by preserving gradient flow, another take on "
                "pruning before training.",
            ),
            (
                ["ewc"],
                "Catastrophic forgetting again: several posters compared replay buffers with "
                "regularisation such as EWC.",
            ),
        ],
    ),
]

_PAPERS: dict[str, tuple[str, list[str], list[str], str | None]] = {
    "lt": (
        "The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks",
        ["LT", "LTH"],
        ["Jonathan Frankle", "Michael Carbin"],
        "1803.03635",
    ),
    "rethinking": ("Rethinking the Value of Network Pruning", [], ["Zhuang Liu"], "1810.05270"),
    "snip": (
        "SNIP: Single-shot Network Pruning based on Connection Sensitivity",
        ["SNIP"],
        ["Namhoon Lee"],
        "1810.02340",
    ),
    "wgan": ("Wasserstein GAN", ["WGAN"], ["Martin Arjovsky"], "1701.07875"),
    "dsr": (
        "Parameter Efficient Training of Deep Convolutional Neural Networks by Dynamic Sparse "
        "Reparameterization",
        ["DSR"],
        ["Hesham Mostafa", "Xin Wang"],
        "1902.05967",
    ),
    "set": (
        "Scalable training of artificial neural networks with adaptive sparse connectivity",
        ["SET", "Sparse Evolutionary Training"],
        ["Decebal Constantin Mocanu"],
        None,
    ),
    "ewc": (
        "Overcoming catastrophic forgetting in neural networks",
        ["EWC", "Elastic Weight Consolidation"],
        ["James Kirkpatrick"],
        "1612.00796",
    ),
    "rigl": ("Rigging the Lottery: Making All Tickets Winners", ["RigL"], [], "1911.11134"),
    "grasp": (
        "Picking Winning Tickets Before Training by Preserving Gradient Flow",
        ["GraSP"],
        ["Chaoqi Wang"],
        "2002.07376",
    ),
}


def toy_corpus() -> Corpus:
    """Three small reports and nine catalog entries, shaped like the real ingestion's."""
    reports: list[Report] = []
    mentions: dict[str, list[Mention]] = {key: [] for key in _PAPERS}
    for report_id, conference, year, snippets in _REPORTS:
        report = Report(
            id=report_id,
            file=report_id,
            form="markdown",
            encoding="utf-8",
            title=f"{conference} {year} trip report",
            conference=conference,
            year=year,
        )
        section = Section(path=("Papers",))
        for position, (paper_keys, text) in enumerate(snippets):
            snippet_id = f"{report_id}#{position}"
            report.snippets.append(
                Snippet(
                    id=snippet_id,
                    report=report_id,
                    section=section.path,
                    text=text,
                    papers=[f"t:{key}" for key in paper_keys],
                    position=position,
                )
            )
            section.snippet_ids.append(snippet_id)
            for key in paper_keys:
                mentions[key].append(Mention(report_id, conference, year, snippet_id))
        report.sections.append(section)
        reports.append(report)
    papers = [
        Paper(
            id=f"t:{key}",
            title=title,
            aliases=aliases,
            authors=authors,
            arxiv=arxiv,
            mentions=mentions[key],
        )
        for key, (title, aliases, authors, arxiv) in _PAPERS.items()
    ]
    return Corpus(reports=reports, papers=papers)


@pytest.fixture(scope="module")
def index() -> LookupIndex:
    return LookupIndex.build(toy_corpus())


def titles(index: LookupIndex, query: str, limit: int = 3) -> list[str]:
    return [r.paper.title for r in index.answer(query, limit).results]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lottery ticket", "The Lottery Ticket Hypothesis"),
        ("The Lottery Ticket Hypothesis", "The Lottery Ticket Hypothesis"),
        ("rethinking the value of pruning", "Rethinking the Value of Network Pruning"),
        ("wgan", "Wasserstein GAN"),
        ("rigl", "Rigging the Lottery"),
        ("LT", "The Lottery Ticket Hypothesis"),
        ("SET", "Scalable training of artificial neural networks"),
        ("GraSP", "Picking Winning Tickets Before Training"),
        ("frankle", "The Lottery Ticket Hypothesis"),
        ("mostafa and wang", "Parameter Efficient Training"),
        ("lotery tiket", "The Lottery Ticket Hypothesis"),
        ("wasserstien gan", "Wasserstein GAN"),
        ("catastrophic forgetting", "Overcoming catastrophic forgetting"),
        ("1803.03635", "The Lottery Ticket Hypothesis"),
        ("https://arxiv.org/abs/1803.03635v2", "The Lottery Ticket Hypothesis"),
        ("*lottery* <b>ticket</b>", "The Lottery Ticket Hypothesis"),
        ("<b>lottery</b> ticket @everyone", "The Lottery Ticket Hypothesis"),
        ("[lottery ticket](https://example.org/x)", "The Lottery Ticket Hypothesis"),
    ],
)
def test_first_result(index: LookupIndex, query: str, expected: str) -> None:
    found = titles(index, query)
    assert found, f"nothing for {query!r}"
    assert found[0].startswith(expected), found


def test_topic_query_returns_several_right_papers(index: LookupIndex) -> None:
    # Both passages hold "pruning before training" word for word; Rethinking's title has
    # "Pruning" but its passage does not say it.
    found = titles(index, "pruning before training")
    assert {found[0][:4], found[1][:4]} == {"SNIP", "Pick"}


def test_title_match_outranks_passing_mention(index: LookupIndex) -> None:
    # SET's snippet mentions "lottery ticket" in passing; the LT paper names it.
    found = titles(index, "lottery ticket", limit=5)
    assert found[0].startswith("The Lottery Ticket")
    assert found.index("Rigging the Lottery: Making All Tickets Winners") < len(found)


@pytest.mark.parametrize(
    "query", ["alphafold", "attention is all you need", "bert", "protein structure prediction"]
)
def test_nothing_about_it_is_said_plainly(index: LookupIndex, query: str) -> None:
    answer = index.answer(query)
    assert answer.results == []
    assert answer.message and "Nothing in the reports" in answer.message


def test_suggestions_offer_closest_titles(index: LookupIndex) -> None:
    answer = index.answer("lottery hypothesis of everything")
    assert answer.results == [] or answer.results[0].paper.id == "t:lt"
    assert index.answer("alphafold").suggestions == [] or all(
        isinstance(s, str) for s in index.answer("alphafold").suggestions
    )


@pytest.mark.parametrize("query", ["", "   ", "\n\t", "<b></b>", "***"])
def test_empty_queries_get_help(index: LookupIndex, query: str) -> None:
    answer = index.answer(query)
    assert answer.results == []
    assert answer.message and "/paper" in answer.message


def test_very_long_query_is_answered(index: LookupIndex) -> None:
    answer = index.answer("lottery ticket " + "x" * 10_000)
    assert answer.message and "long" in answer.message
    assert len(answer.query) <= 300
    answer = index.answer("lottery ticket " * 700)
    assert answer.results[0].paper.id == "t:lt"


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        "<@U123> <!channel> lottery",
        "[lottery](http://x) ```code``` __init__",
        "\x00\x1b[31m lottery \u202e",
        "((((((((((",
        'title:"lottery" AND -ticket^3 ~2',
        "🎟️🎟️ lottery 🎟️",
    ],
)
def test_markup_never_raises(index: LookupIndex, query: str) -> None:
    answer = index.answer(query)
    assert answer.message != "Sorry, that lookup went wrong; try fewer or simpler words."
    answer_to_json(answer)


def test_result_carries_paper_facts_and_trimmed_snippets(index: LookupIndex) -> None:
    answer = index.answer("lottery ticket")
    top = answer.results[0]
    assert top.paper.link == "https://arxiv.org/abs/1803.03635"
    assert {m.report_id for m in top.mentions} == {"iclr-2019.md", "icml-2019.md"}
    assert top.mentions[0].conference in {"ICLR", "ICML"}
    assert all(len(m.snippet) <= 280 for m in top.mentions)
    assert [e for e in top.editions] in (["ICLR 2019", "ICML 2019"], ["ICML 2019", "ICLR 2019"])


def test_corrected_query_says_what_it_searched(index: LookupIndex) -> None:
    answer = index.answer("lotery tiket")
    assert answer.message == 'Showing results for "lottery ticket".'


def test_json_shape_is_stable(index: LookupIndex) -> None:
    data = answer_to_json(index.answer("wgan", limit=1))
    assert list(data) == ["query", "results", "suggestions"]
    (result,) = data["results"]
    # Issue 3's keys in their order; issue 13 added "kind" (and a mention's "section").
    assert list(result) == [
        "title",
        "aliases",
        "authors",
        "url",
        "arxiv",
        "score",
        "mentions",
        "kind",
    ]
    assert list(result["mentions"][0]) == ["report", "conference", "year", "snippet", "section"]
    assert result["url"] == "https://arxiv.org/abs/1701.07875"
    assert result["kind"] == "paper"
    assert result["mentions"][0] == {
        "report": "ICLR 2019 trip report",
        "conference": "ICLR",
        "year": 2019,
        "snippet": "Many GAN papers still build on the Wasserstein GAN and its gradient penalty.",
        "section": ["Papers"],
    }


def test_a_passage_about_no_work_is_a_result_of_its_own(index: LookupIndex) -> None:
    answer = index.answer("crowded poster session coffee")
    (result,) = answer.results
    assert result.kind == "passage" and result.is_passage
    assert result.paper.id.startswith("passage:icml-2019.md#3")
    (mention,) = result.mentions
    assert (mention.report, mention.conference, mention.year) == (
        "ICML 2019 trip report",
        "ICML",
        2019,
    )
    assert mention.snippet.startswith("The poster session was crowded")
    data = answer_to_json(answer)["results"][0]
    assert data["kind"] == "passage" and data["mentions"][0]["conference"] == "ICML"


def test_results_show_the_passage_that_matched(index: LookupIndex) -> None:
    # The lottery ticket paper is also named in the SET snippet; asked about rewiring
    # connections, that is the passage to show, not the paper's first one.
    answer = index.answer("lottery ticket sparse evolutionary rewires connections")
    quoted = [m.snippet for r in answer.results for m in r.mentions]
    assert any(s.startswith("Sparse evolutionary training (SET) rewires") for s in quoted)
    assert not any("winning tickets" in s for s in quoted)


def test_a_description_finds_the_work_its_passage_describes(index: LookupIndex) -> None:
    found = titles(index, "saliency criterion of connection sensitivity at initialization")
    assert found[0].startswith("SNIP")


def test_a_word_is_not_split_unless_both_halves_stand_together(index: LookupIndex) -> None:
    # "lottery" and "ticket" stand side by side in the reports; "spar" + "seset" do not.
    assert titles(index, "lotteryticket")[0].startswith("The Lottery Ticket")
    assert index.answer("sparseset").results == []


def test_common_words_alone_are_no_evidence(index: LookupIndex) -> None:
    # "need more attention ... all of you" has every content word of the title.
    assert index.answer("attention is all you need").results == []
    assert index.answer("need attention").results == []


def test_limit_is_respected(index: LookupIndex) -> None:
    assert len(index.answer("sparse", limit=1).results) == 1
    assert len(index.answer("sparse", limit=50).results) > 1
    assert len(index.answer("sparse", limit=0).results) == 1


def test_empty_catalog_answers_plainly() -> None:
    empty = LookupIndex.build(Corpus(reports=[], papers=[]))
    answer = empty.answer("lottery ticket")
    assert answer.results == [] and answer.suggestions == []
    assert answer.message


def test_a_resolved_abstract_is_evidence_for_its_work() -> None:
    corpus = toy_corpus()
    wgan = corpus.paper("t:wgan")
    wgan.abstract = (
        "We minimize an approximation of the Earth Mover distance and show that the "
        "critic's weights are clipped to a compact space to enforce a Lipschitz constraint."
    )
    index = LookupIndex.build(corpus)
    assert titles(index, "earth mover distance with clipped critic weights")[0] == "Wasserstein GAN"
    # The abstract finds the work; what is shown is still what a report said.
    (result,) = index.answer("earth mover distance with clipped critic weights", 1).results
    assert result.mentions[0].snippet.startswith("Many GAN papers still build on")
