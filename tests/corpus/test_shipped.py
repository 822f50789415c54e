"""The five shipped reports: metadata, clean snippets, and the catalog's key merges."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.catalog import normalise_title
from bot.models import Corpus

EXPECTED = {
    "icml-2019-numenta.md": ("markdown", "ICML", 2019, "Long Beach", date(2019, 6, 20)),
    "iclr-2020-numenta.txt": ("text", "ICLR", 2020, "online", None),
    "iclr-2019-taboola.txt": ("text", "ICLR", 2019, "New Orleans", date(2019, 5, 16)),
    "iclr-2019-hinz.md": ("markdown", "ICLR", 2019, "New Orleans", date(2019, 5, 15)),
    "icml-2017-notes.txt": ("text", "ICML", 2017, "Sydney", date(2017, 8, 6)),
}

# What must never survive into a snippet: markup, page furniture, addresses, mojibake.
FORBIDDEN = [
    (r"<[a-zA-Z/][^>]*>", "an HTML tag"),
    (r"\{:\s*target", "a kramdown attribute"),
    (r"!\[[^\]]*\]\(", "a Markdown image"),
    (r"\]\(https?://", "a Markdown link"),
    (r"\$\$", "a MathJax delimiter"),
    (r"[\w.+-]+@[\w-]+\.[\w.]+", "an e-mail address"),
    (r"‚Äô|‚Äú|Ã©|â€™|ü§", "mojibake"),
    (r"(?i)leave a reply|required fields are marked|will not be published", "comment-form text"),
    (r"pic\.twitter\.com|twitter-tweet|&mdash;", "an embedded tweet"),
    (r"(?i)^figure \d+:", "a figure caption"),
    (r"^---|^\+\+\+|^layout:|^hideImage:", "front matter"),
    (r"\r", "a carriage return"),
]


def test_every_report_is_read(shipped_corpus: Corpus) -> None:
    assert sorted(r.id for r in shipped_corpus.reports) == sorted(EXPECTED)
    assert [p for p in shipped_corpus.problems if p.fatal] == []


@pytest.mark.parametrize("report_id", sorted(EXPECTED))
def test_report_metadata(shipped_corpus: Corpus, report_id: str) -> None:
    form, conference, year, city, published = EXPECTED[report_id]
    report = shipped_corpus.report(report_id)
    assert (report.form, report.conference, report.year, report.city) == (
        form,
        conference,
        year,
        city,
    )
    assert report.published == published
    assert report.start_date and report.end_date and report.start_date <= report.end_date


def test_iclr_2019_dates_and_authors(shipped_corpus: Corpus) -> None:
    hinz = shipped_corpus.report("iclr-2019-hinz.md")
    assert (hinz.start_date, hinz.end_date) == (date(2019, 5, 6), date(2019, 5, 9))
    assert hinz.authors == ["Tobias Hinz"]
    taboola = shipped_corpus.report("iclr-2019-taboola.txt")
    assert taboola.authors[0] == "Inbar Naor"
    assert "Data Science" not in taboola.authors  # a byline category, not a person
    numenta = shipped_corpus.report("iclr-2020-numenta.txt")
    assert numenta.authors == ["Lucas Souza", "Michaelangelo Caporale"]


def test_mojibake_is_repaired(shipped_corpus: Corpus) -> None:
    hinz = shipped_corpus.report("iclr-2019-hinz.md")
    assert any("mojibake" in r for r in hinz.repairs)
    text = " ".join(s.text for s in hinz.snippets)
    assert "this year’s" in text and "Léon Bottou" in text


@pytest.mark.parametrize(("pattern", "what"), FORBIDDEN)
def test_no_markup_or_boilerplate_in_snippets(
    shipped_corpus: Corpus, pattern: str, what: str
) -> None:
    offenders = [s.id for s in shipped_corpus.snippets if re.search(pattern, s.text, re.MULTILINE)]
    assert offenders == [], f"{what} in {offenders}"


def test_bylines_and_bios_are_not_snippets(shipped_corpus: Corpus) -> None:
    texts = [s.text for s in shipped_corpus.snippets]
    assert not any(t.startswith("Inbar is a Data Scientist") for t in texts)
    assert not any("Inbar Naor | 16 May 2019" in t for t in texts)
    assert not any(t.startswith("Numenta • ") for t in texts)
    assert not any(t.startswith("Tags:") for t in texts)


def test_headings_become_sections(shipped_corpus: Corpus) -> None:
    notes = shipped_corpus.report("icml-2017-notes.txt")
    paths = {s.path for s in notes.sections}
    assert (
        "Day 2 - Conference",
        "Session 2 - Deep Generative Models 2",
        "Wasserstein GAN",
    ) in paths
    numenta = shipped_corpus.report("iclr-2020-numenta.txt")
    assert ("Pruning and Sparsity",) in {s.path for s in numenta.sections}


def test_bullets_join_their_lead_line(shipped_corpus: Corpus) -> None:
    wgan = [s for s in shipped_corpus.snippets if s.section[-1:] == ("Wasserstein GAN",)]
    joined = " ".join(s.text for s in wgan)
    assert "Enforce a Lipschitz constraint" in joined
    assert "•" not in joined


def test_logistics_score_below_paper_discussion(shipped_corpus: Corpus) -> None:
    snippets = shipped_corpus.snippets
    catering = next(s for s in snippets if "catering for the coffee breaks" in s.text)
    lottery = next(s for s in snippets if "received a best paper award" in s.text)
    assert catering.score < 0.2 < 0.7 < lottery.score


def test_links_keep_arxiv_ids(shipped_corpus: Corpus) -> None:
    lottery = next(s for s in shipped_corpus.snippets if "received a best paper award" in s.text)
    assert "1803.03635" in {link.arxiv for link in lottery.links}


def test_lottery_ticket_is_one_entry_with_three_mentions(shipped_corpus: Corpus) -> None:
    entries = [
        p
        for p in shipped_corpus.papers
        if "lottery ticket hypothesis" in {normalise_title(n) for n in (p.title, *p.aliases)}
    ]
    assert len(entries) == 1
    lottery = entries[0]
    assert normalise_title(lottery.title).startswith("lottery ticket hypothesis")
    assert lottery.arxiv == "1803.03635"
    assert "LT" in lottery.aliases
    assert sorted(m.report for m in lottery.mentions) == [
        "iclr-2019-hinz.md",
        "iclr-2020-numenta.txt",
        "icml-2019-numenta.md",
    ]
    assert {(m.conference, m.year) for m in lottery.mentions} == {
        ("ICLR", 2019),
        ("ICLR", 2020),
        ("ICML", 2019),
    }


def test_same_arxiv_id_merges_across_reports(shipped_corpus: Corpus) -> None:
    rethinking = [p for p in shipped_corpus.papers if p.arxiv == "1810.05270"]
    assert len(rethinking) == 1
    assert rethinking[0].title == "Rethinking the Value of Network Pruning"
    # hinz links it as "Concurrent work": the title comes from the numenta report.
    assert {m.report for m in rethinking[0].mentions} == {
        "iclr-2019-hinz.md",
        "icml-2019-numenta.md",
    }


def _paper(corpus: Corpus, title: str):  # type: ignore[no-untyped-def]
    matches = [p for p in corpus.papers if normalise_title(p.title) == normalise_title(title)]
    assert matches, f"no catalog entry titled {title!r}"
    return matches[0]


@pytest.mark.parametrize(
    ("title", "alias", "author"),
    [
        ("Sparse Evolutionary Training", "SET", None),
        ("Picking Winning Tickets before Training by Preserving Gradient Flow", "GraSP", None),
        ("Comparing Rewinding and FineTuning in Neural Network Pruning", None, "Frankle"),
        ("Deconstructing the Lottery Ticket Hypothesis", None, "Zhou"),
        ("Rigging the Lottery: Making all Tickets Winners", None, None),
        ("Wasserstein GAN", None, None),
        ("Knowledge Flow – Improve upon your teachers", None, None),
        ("Fantastic Generalization Measures and Where to Find Them", None, None),
        ("Enhancing Adversarial Defense by k-Winners-Take-All", None, "Xiao"),
        ("Neural Tangents", None, None),
        ("A Mean Field Theory of Batch Normalization", None, None),
    ],
)
def test_catalog_finds_titles(
    shipped_corpus: Corpus, title: str, alias: str | None, author: str | None
) -> None:
    paper = _paper(shipped_corpus, title)
    if alias:
        assert alias in paper.aliases
    if author:
        assert author in paper.authors


def test_author_style_links_are_papers(shipped_corpus: Corpus) -> None:
    mostafa = next(p for p in shipped_corpus.papers if p.arxiv == "1902.05967")
    assert mostafa.authors == ["Mostafa", "Wang"]


def test_conference_names_are_not_papers(shipped_corpus: Corpus) -> None:
    titles = {normalise_title(p.title) for p in shipped_corpus.papers}
    assert not titles & {"iclr", "icml", "iclr website", "gans", "pytorch"}


def test_snippet_ids_are_stable(shipped_corpus: Corpus) -> None:
    from bot.corpus import load_corpus
    from bot.paths import shipped_corpus_dir

    again = load_corpus(shipped_corpus_dir())
    assert [s.id for s in again.snippets] == [s.id for s in shipped_corpus.snippets]
    assert [p.id for p in again.papers] == [p.id for p in shipped_corpus.papers]
