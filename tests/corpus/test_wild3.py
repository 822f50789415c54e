"""A second set of unseen-style reports (tests/data/wild3): a Medium export, a PDF text
export, an e-mail, a BOM + CRLF file, a Markdown table, a reference list, an h3-per-paper
page, and "NIPS 2017" notes with an all-caps header block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.catalog import normalise_title
from bot.corpus import load_corpus
from bot.models import Corpus, Paper

WILD3 = Path(__file__).parent.parent / "data" / "wild3"

EXPECTED = {
    "2018-07-28-acl-2018-melbourne.md": ("ACL", 2018, "Melbourne", "Sofia Marchetti"),
    "aaai-2019-email.txt": ("AAAI", 2019, "Honolulu", "Kenji Watanabe"),
    "cvpr-2020-virtual.html": ("CVPR", 2020, "online", "Hannah Lindqvist"),
    "eccv-2018-windows.txt": ("ECCV", 2018, "Munich", "Lukas Hoffmann"),
    "iclr-2021-hugo.md": ("ICLR", 2021, "online", "Tobias Brenner"),
    "icml-2019-pdfexport.txt": ("ICML", 2019, "Long Beach", "Daniel Fischer"),
    "neurips-2019-medium.md": ("NeurIPS", 2019, "Vancouver", "Maya Okafor"),
    "nips-2017-notes.txt": ("NeurIPS", 2017, "Long Beach", "Rahul Mehta"),
}


@pytest.fixture(scope="module")
def wild3() -> Corpus:
    return load_corpus(WILD3)


def paper(corpus: Corpus, title: str) -> Paper:
    found = [p for p in corpus.papers if normalise_title(p.title) == normalise_title(title)]
    assert len(found) == 1, [p.title for p in corpus.papers if title[:10] in p.title]
    return found[0]


@pytest.mark.parametrize("report_id", sorted(EXPECTED))
def test_metadata(wild3: Corpus, report_id: str) -> None:
    conference, year, city, author = EXPECTED[report_id]
    report = wild3.report(report_id)
    assert (report.conference, report.year, report.city) == (conference, year, city)
    assert report.authors[:1] == [author]
    assert not report.title.endswith(("Page 1 of 3", ".txt", ".md"))


def test_email_report_title_and_no_salutations(wild3: Corpus) -> None:
    email = wild3.report("aaai-2019-email.txt")
    assert email.title == "AAAI-19 quick notes"
    texts = [s.text for s in email.snippets]
    assert not any(t.startswith(("Hi all", "Cheers")) for t in texts)


def test_pdf_export_is_rejoined(wild3: Corpus) -> None:
    text = " ".join(s.text for s in wild3.report("icml-2019-pdfexport.txt").snippets)
    assert "Page 2 of 3" not in text and not re.search(r"[a-z]- [a-z]", text)
    assert (
        "Challenging Common Assumptions in the Unsupervised Learning of Disentangled "
        "Representations" in {p.title for p in wild3.papers}
    )


@pytest.mark.parametrize(
    ("title", "author"),
    [
        ("Group Normalization", "Yuxin Wu"),  # "1) Title - Authors - comment"
        ("Denoising Diffusion Implicit Models", "Jiaming Song"),  # a Markdown table row
        ("Designing Network Design Spaces", "Ilija Radosavovic"),  # <h3>, then "A and B design"
        ("Universal Language Model Fine-tuning for Text Classification", "Jeremy Howard"),
        ("Random Features for Large-Scale Kernel Machines", "Rahimi"),
    ],
)
def test_lists_tables_headings_and_references(wild3: Corpus, title: str, author: str) -> None:
    assert author in paper(wild3, title).authors


def test_reference_list_names_the_citation(wild3: Corpus) -> None:
    ulmfit = paper(wild3, "Universal Language Model Fine-tuning for Text Classification")
    assert "Howard and Ruder" in ulmfit.aliases


def test_no_navigation_or_label_links_as_papers(wild3: Corpus) -> None:
    titles = {p.title.lower() for p in wild3.papers}
    assert not titles & {"deep learning", "machine learning", "[arxiv]", "arxiv version"}
    assert not any(re.match(r"^\d+\.\s", p.title) for p in wild3.papers)
    deq = paper(wild3, "Deep Equilibrium Models")
    assert deq.arxiv == "1909.01377"


def test_third_set_of_unseen_reports() -> None:
    """tests/data/wild4: a <div>/<br> page, reStructuredText, a thread export, a Substack page."""
    corpus = load_corpus(WILD3.parent / "wild4")
    assert sorted(r.id for r in corpus.reports) == [
        "acl2020-blog.html",
        "awesome-emnlp-2019.md",
        "cvpr2018-report.txt",
        "iclr-2022-notes.md",
        "icml2020-notes-to-self.txt",
        "neurips-2021-substack.html",
        "neurips2020-thread.txt",
    ]
    rst = corpus.report("cvpr2018-report.txt")
    assert not rst.title.startswith("=")
    texts = " ".join(s.text for s in corpus.snippets)
    assert ".. note::" not in texts and "``" not in texts and "t.co/" not in texts
    titles = {p.title for p in corpus.papers}
    assert "Beyond Accuracy: Behavioral Testing of NLP Models with CheckList" in titles
    assert "LoRA: Low-Rank Adaptation of Large Language Models" in titles
    assert not any(t.startswith(("**", "(", "1. ", "2. ")) for t in titles)
    assert not any(re.fullmatch(r"[A-Z][a-z]+(?:, [A-Z][a-z]+)+", t) for t in titles)
    assert rst.title not in titles
