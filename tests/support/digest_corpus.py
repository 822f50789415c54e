"""Small hand-made corpora for the digest tests, built from bot.models like ingestion would."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.models import Corpus, Link, Mention, Paper, Report, Section, Snippet


@dataclass
class Passage:
    """A snippet to put in a report: text, optional paper (id, title, url), score, section."""

    text: str
    paper: tuple[str, str, str | None] | None = None
    score: float = 0.7
    section: tuple[str, ...] = ("Papers",)
    links: list[Link] = field(default_factory=list)


def report(
    report_id: str,
    conference: str | None,
    year: int | None,
    passages: Sequence[Passage],
    *,
    title: str = "",
    start: date | None = None,
    end: date | None = None,
    authors: Sequence[str] = (),
    site: str | None = None,
) -> tuple[Report, list[Paper]]:
    """A report with its snippets, and the papers those snippets name."""
    result = Report(
        id=report_id,
        file=f"corpus/{report_id}",
        form="markdown",
        encoding="utf-8",
        title=title or f"Notes from {conference} {year}",
        conference=conference,
        year=year,
        start_date=start,
        end_date=end,
        authors=list(authors),
        site=site,
    )
    papers: list[Paper] = []
    for position, passage in enumerate(passages):
        snippet = Snippet(
            id=f"{report_id}#{position}",
            report=report_id,
            section=passage.section,
            text=passage.text,
            links=list(passage.links),
            score=passage.score,
            position=position,
        )
        if passage.paper:
            paper_id, paper_title, url = passage.paper
            snippet.papers = [paper_id]
            if url:
                snippet.links.append(Link(paper_title, url))
            arxiv = paper_id.removeprefix("arxiv:") if paper_id.startswith("arxiv:") else None
            papers.append(
                Paper(
                    id=paper_id,
                    title=paper_title,
                    arxiv=arxiv,
                    url=url,
                    mentions=[
                        Mention(
                            report_id, conference, year, snippet.id, passage.text, passage.section
                        )
                    ],
                )
            )
        result.snippets.append(snippet)
    result.sections = [Section(path=("Papers",), snippet_ids=[s.id for s in result.snippets])]
    return result, papers


def corpus(*reports: tuple[Report, list[Paper]]) -> Corpus:
    """A Corpus from reports, merging papers that several reports name (one entry each)."""
    merged: dict[str, Paper] = {}
    for _, papers in reports:
        for paper in papers:
            if paper.id in merged:
                merged[paper.id].mentions.extend(paper.mentions)
            else:
                merged[paper.id] = paper
    return Corpus(reports=[r for r, _ in reports], papers=list(merged.values()))


LOTTERY = ("arxiv:1803.03635", "The Lottery Ticket Hypothesis", None)
GAN_DISSECTION = (
    "arxiv:1811.10597",
    "GAN Dissection",
    "https://openreview.net/forum?id=Hyg_X2C5FX",
)


def sample_corpus() -> Corpus:
    """Five reports shaped like the shipped ones: ICLR 2019 (two), ICLR 2020, ICML 2017/2019."""
    iclr_2019 = report(
        "iclr-2019-hinz.md",
        "ICLR",
        2019,
        [
            Passage(
                "The Lottery Ticket Hypothesis shows that dense networks contain sparse "
                "subnetworks that train to the same accuracy when reset to their initial weights.",
                LOTTERY,
                score=0.9,
            ),
            Passage(
                "GAN Dissection visualises which units of a GAN generator draw trees, doors and "
                "domes, and lets you switch them off.",
                GAN_DISSECTION,
                score=0.8,
            ),
            Passage(
                "The queue for badges on Monday morning was long and the coffee ran out early.",
                score=0.05,
                section=("General impressions",),
            ),
        ],
        title="Impressions and Highlights from the ICLR 2019 in New Orleans",
        authors=["Tobias Hinz"],
    )
    taboola = report(
        "iclr-2019-taboola.txt",
        "ICLR",
        2019,
        [
            Passage(
                "Pay Less Attention with Lightweight and Dynamic Convolutions replaces "
                "self-attention with convolutions whose kernels are predicted per time step.",
                (
                    "arxiv:1901.10430",
                    "Pay Less Attention with Lightweight and Dynamic Convolutions",
                    None,
                ),
                score=0.75,
            ),
            Passage(
                "Frankle and Carbin's lottery tickets were the talk of the poster hall: prune, "
                "rewind, retrain, and the small network keeps up.",
                LOTTERY,
                score=0.6,
            ),
            Passage(
                "Ordered Neurons integrates tree structures into recurrent networks with a new "
                "activation, the cumax, and won a best paper award.",
                ("arxiv:1810.09536", "Ordered Neurons", "https://arxiv.org/abs/1810.09536"),
                score=0.85,
            ),
        ],
        title="ICLR 2019: what we learned",
    )
    iclr_2020 = report(
        "iclr-2020-numenta.txt",
        "ICLR",
        2020,
        [
            Passage(
                "Sparse networks came back again: rigging the lottery makes every ticket a "
                "winner by growing and pruning connections during training.",
                ("arxiv:1911.11134", "Rigging the Lottery", None),
                score=0.8,
            ),
            Passage(
                "The virtual poster sessions worked better than expected, with video chats per "
                "poster and time zones handled by repeating each session twice.",
                score=0.4,
                section=("The virtual conference",),
            ),
        ],
        title="ICLR 2020: a neuroscience perspective",
    )
    icml_2017 = report(
        "icml-2017-notes.txt",
        "ICML",
        2017,
        [
            Passage(
                "Understanding Black-box Predictions via Influence Functions won the best paper: "
                "trace a prediction back to the training points responsible for it.",
                (
                    "arxiv:1703.04730",
                    "Understanding Black-box Predictions via Influence Functions",
                    None,
                ),
                score=0.9,
            ),
            Passage(
                "Wasserstein GAN training was everywhere, with gradient penalties replacing "
                "weight clipping.",
                ("arxiv:1701.07875", "Wasserstein GAN", None),
                score=0.7,
            ),
        ],
        title="ICML 2017 notes",
    )
    icml_2019 = report(
        "icml-2019-numenta.md",
        "ICML",
        2019,
        [
            Passage(
                "Rethinking the Value of Network Pruning argues that fine-tuning a pruned model "
                "is no better than training it from scratch.",
                ("arxiv:1810.05270", "Rethinking the Value of Network Pruning", None),
                score=0.8,
            ),
            Passage(
                "EfficientNet scales depth, width and resolution together with one coefficient.",
                ("arxiv:1905.11946", "EfficientNet", "https://arxiv.org/abs/1905.11946"),
                score=0.75,
            ),
        ],
        title="ICML 2019 from a neuroscience angle",
        site="Numenta",
    )
    return corpus(iclr_2019, taboola, iclr_2020, icml_2017, icml_2019)


_CONFERENCES = [("ICML", 2017), ("ICLR", 2019), ("ICLR", 2019), ("ICLR", 2020), ("ICML", 2019)]


def many_works(counts: Sequence[int], *, weak: int = 0, dated: bool = True) -> Corpus:
    """Reports holding ``counts[i]`` good titled works each (plus ``weak`` low-scored ones),
    every work quoted in its own words; conferences like the shipped ones when ``dated``."""
    reports = []
    for r, count in enumerate(counts):
        conference, year = _CONFERENCES[r % len(_CONFERENCES)] if dated else (None, None)
        passages = [
            Passage(
                f"Work {r}-{w} on topic{w % 7} is described here: it trains model {r}.{w} "
                f"and reports result number {w}.",
                (f"p:{r}-{w}", f"Work {r}-{w}", None),
                score=0.9 if w >= weak else 0.3,
                section=("Papers", f"Session {w % 5}"),
            )
            for w in range(count + weak)
        ]
        reports.append(report(f"r{r}.md", conference, year, passages, authors=[f"Author {r}"]))
    return corpus(*reports)
