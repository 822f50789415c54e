"""Reports as blogs publish them (tests/data/wild/): a WordPress page, a Jekyll post with
Liquid tags and footnotes, plain-text notes on a conference the calendar does not list."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.corpus import load_corpus
from bot.models import Corpus

WILD = Path(__file__).parent.parent / "data" / "wild"


@pytest.fixture(scope="module")
def wild() -> Corpus:
    return load_corpus(WILD)


def test_wordpress_page(wild: Corpus) -> None:
    report = wild.report("neurips-2018-wordpress.html")
    assert (report.form, report.title, report.authors) == (
        "html",
        "NeurIPS 2018: a recap",
        ["Kim Lee"],
    )
    assert (report.conference, report.year, str(report.published)) == (
        "NeurIPS",
        2018,
        "2018-12-12",
    )
    text = " ".join(s.text for s in report.snippets)
    for chrome in (
        "The ML Blog",
        "Archive",
        "poster hall",
        "Share this",
        "Twitter",
        "Posted in",
        "thoughts on",
        "Nice write-up",
        "Leave a Reply",
        "Recent Posts",
        "WordPress",
        "cookies",
        "window.ga",
    ):
        assert chrome not in text, chrome
    papers = {p.title: p for p in wild.papers}
    assert papers["Neural Ordinary Differential Equations"].authors == ["Chen"]
    assert "Isolating Sources of Disentanglement in Variational Autoencoders" in papers
    logistics = next(s for s in report.snippets if "queue for registration" in s.text)
    best = next(s for s in report.snippets if "best paper award" in s.text)
    assert logistics.score < 0.2 < 0.8 < best.score


def test_jekyll_post_with_liquid_and_footnotes(wild: Corpus) -> None:
    report = wild.report("acl-2020-jekyll.md")
    assert (report.title, report.authors, report.conference, report.year, report.city) == (
        "ACL 2020 (virtual): what I learned",
        ["Rui Costa"],
        "ACL",
        2020,
        "online",
    )
    text = " ".join(s.text for s in report.snippets)
    assert "{%" not in text and "{{" not in text and "[^1]" not in text and "<!--" not in text
    checklist = next(p for p in wild.papers if p.arxiv == "2005.04118")
    assert checklist.title == "Beyond Accuracy: Behavioral Testing of NLP Models with CheckList"
    assert checklist.authors == ["Ribeiro"]
    talk = next(p for p in wild.papers if p.title == "Rewriting the Past")
    assert (talk.kind, talk.authors) == ("talk", ["Kathleen McKeown"])


def test_unlisted_conference_notes(wild: Corpus) -> None:
    report = wild.report("kdd-2019-notes.txt")
    assert (report.conference, report.year, report.city) == ("KDD", 2019, "Anchorage")


def test_list_of_papers_with_resource_labels(wild: Corpus) -> None:
    report = wild.report("cvpr-2022-list.md")
    text = " ".join(s.text for s in report.snippets)
    assert "[paper]" not in text and "[code]" not in text and "(arXiv)" not in text
    mae = next(p for p in wild.papers if p.arxiv == "2111.06377")
    assert (mae.title, mae.authors) == ("Masked Autoencoders Are Scalable Vision Learners", ["He"])
    convnext = next(p for p in wild.papers if p.arxiv == "2201.03545")
    assert (convnext.title, convnext.authors) == ("A ConvNet for the 2020s", ["Liu"])
    # Each bullet that is a paragraph about its own paper is its own snippet.
    about = [s.papers for s in report.snippets if s.section == ("Self-supervised learning",)]
    assert about == [["arxiv:2111.06377"], ["arxiv:2201.03545"]]
    assert not any(p.title.lower() in {"arxiv", "paper", "code"} for p in wild.papers)


def test_old_style_html_without_paragraph_tags(wild: Corpus) -> None:
    report = wild.report("icml-2016-old-style.html")
    assert (report.form, report.conference, report.year) == ("html", "ICML", 2016)
    assert [s.section for s in report.snippets] == [(), ("Deep Speech 2",)]
    assert any(p.title == "Deep Speech 2" for p in wild.papers)
