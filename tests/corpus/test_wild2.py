"""Eight more reports as people publish them (tests/data/wild2/), written to find where the
ingester fails: web copies, WordPress and Hugo pages, notes with bullets, cp1252 with CRLF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.catalog import normalise_title
from bot.corpus import load_corpus
from bot.models import Corpus, Paper

WILD2 = Path(__file__).parent.parent / "data" / "wild2"

EXPECTED = {
    "aaai-2020-short.txt": ("text", "AAAI", 2020, "New York City", None),
    "acl-2019-notes.md": ("markdown", "ACL", 2019, "Florence", "Lukas Brenner"),
    "cvpr-2019-wordpress.html": ("html", "CVPR", 2019, "Long Beach", "Sofia Reyes"),
    "emnlp-2020-hugo.md": ("markdown", "EMNLP", 2020, "online", "Chiara Benedetti"),
    "iccv-2019-cp1252.txt": ("text", "ICCV", 2019, "Seoul", "Étienne Moreau"),
    "iclr-2018-notes.txt": ("text", "ICLR", 2018, "Vancouver", None),
    "icml-2018-webcopy.txt": ("text", "ICML", 2018, "Stockholm", "Daniel Okafor"),
    "neurips-2018-jekyll.md": ("markdown", "NeurIPS", 2018, "Montreal", "Maya Lindqvist"),
}


@pytest.fixture(scope="module")
def wild2() -> Corpus:
    return load_corpus(WILD2)


def paper(corpus: Corpus, title: str) -> Paper:
    found = [p for p in corpus.papers if normalise_title(p.title) == normalise_title(title)]
    assert len(found) == 1, (
        f"{title!r}: {[p.title for p in corpus.papers if title[:12] in p.title]}"
    )
    return found[0]


@pytest.mark.parametrize("report_id", sorted(EXPECTED))
def test_metadata(wild2: Corpus, report_id: str) -> None:
    form, conference, year, city, author = EXPECTED[report_id]
    report = wild2.report(report_id)
    assert (report.form, report.conference, report.year, report.city) == (
        form,
        conference,
        year,
        city,
    )
    assert (report.authors[0] if report.authors else None) == author
    assert report.start_date is not None


def test_no_page_furniture_in_snippets(wild2: Corpus) -> None:
    furniture = re.compile(
        r"(?i)about the author|share this|like this|like loading|thoughts on|says:|"
        r"leave a reply|post comment|\bReply\b|at \d{1,2}:\d{2} [ap]m"
    )
    assert [s.id for s in wild2.snippets if furniture.search(s.text)] == []


@pytest.mark.parametrize(
    ("title", "authors", "arxiv"),
    [
        # "Title by A, B and C." in plain prose, with middle initials
        (
            "Obfuscated Gradients Give a False Sense of Security: Circumventing Defenses to "
            "Adversarial Examples",
            ["Anish Athalye", "Nicholas Carlini", "David Wagner"],
            None,
        ),
        ("Delayed Impact of Fair Machine Learning", ["Lydia T. Liu"], None),
        ("Neural Ordinary Differential Equations", ["Ricky T. Q. Chen"], "1806.07366"),
        (
            "WinoGrande: An Adversarial Winograd Schema Challenge at Scale",
            ["Keisuke Sakaguchi"],
            None,
        ),
        # "Title (A, B, C)" and "Title (A et al.)", in bullets
        ("On the Convergence of Adam and Beyond", ["Reddi", "Kale", "Kumar"], None),
        ("Sanity Checks for Saliency Maps", ["Adebayo"], None),
        # commas inside a title, and a bare arXiv URL at the end of its item
        (
            "Progressive Growing of GANs for Improved Quality, Stability, and Variation",
            ["Karras"],
            "1710.10196",
        ),
        # a quoted title, its authors, then "(https://arxiv...)"
        (
            "SinGAN: Learning a Generative Model from a Single Natural Image",
            ["Tamar Rott Shaham"],
            "1905.01164",
        ),
        # an opening question is part of the title
        (
            "Is BERT Really Robust? A Strong Baseline for Natural Language Attack on Text "
            "Classification and Entailment",
            ["Jin"],
            None,
        ),
    ],
)
def test_titles_authors_and_links(
    wild2: Corpus, title: str, authors: list[str], arxiv: str | None
) -> None:
    found = paper(wild2, title)
    for author in authors:
        assert author in found.authors
    assert found.arxiv == arxiv


@pytest.mark.parametrize(
    ("title", "alias"),
    [
        ("A Style-Based Generator Architecture for Generative Adversarial Networks", "StyleGAN"),
        ("Semantic Image Synthesis with Spatially-Adaptive Normalization", "GauGAN"),
        ("Semantic Image Synthesis with Spatially-Adaptive Normalization", "SPADE"),
        ("Graph Attention Networks", "GAT"),
        ("SinGAN: Learning a Generative Model from a Single Natural Image", "SinGAN"),
        (
            "Is BERT Really Robust? A Strong Baseline for Natural Language Attack on Text "
            "Classification and Entailment",
            "TextFooler",
        ),
    ],
)
def test_inline_nicknames(wild2: Corpus, title: str, alias: str) -> None:
    assert alias in paper(wild2, title).aliases


def test_no_author_names_or_boilerplate_as_titles(wild2: Corpus) -> None:
    bad = [
        p.title
        for p in wild2.papers
        if re.search(
            r"\bby [A-Z][a-z]+ [A-Z]\b|\(\s*[A-Z][a-z]+$|^(?:Reply|Reddit|About the author)$",
            p.title,
        )
    ]
    assert bad == []


def test_data_files_beside_reports_are_refused(tmp_path: Path) -> None:
    (tmp_path / "report.md").write_bytes((WILD2 / "acl-2019-notes.md").read_bytes())
    (tmp_path / "queries.tsv").write_text(
        "alias\tBERT\tBERT: Pre-training\nauthor\tliu\tX\nnone\tfoo\t\n"
    )
    (tmp_path / "export.json").write_text('{"papers": [1, 2, 3]}')
    corpus = load_corpus(tmp_path)
    assert [r.id for r in corpus.reports] == ["report.md"]
    reasons = {p.file: p.reason for p in corpus.problems}
    assert reasons == {
        "queries.tsv": "tab-separated data, not a report",
        "export.json": "JSON data, not a report",
    }
