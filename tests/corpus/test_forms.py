"""Corpora the tests write themselves: every form the ingester reads, and every bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from bot.corpus import load_corpus

YAML_REPORT = """---
title: "NeurIPS 2018 notes"
author: Ada Example
date: 2018-12-10
---

# Highlights

The [Neural Ordinary Differential Equations](https://arxiv.org/abs/1806.07366){:target="_blank"}
paper won a best paper award. It treats a residual network as a continuous-time model, $$dz/dt$$ style.

![a photo](photo.png)

> *Figure 1: the poster hall*

Contact me at ada@example.org for the slides.
"""

TOML_REPORT = """+++
title = "CVPR 2019 trip report"
authors = ["Grace Example"]
date = 2019-06-25
+++

## Generative models

We liked "A Style-Based Generator Architecture for Generative Adversarial Networks" by Karras et al.,
which proposes a generator that learns an unsupervised separation of high-level attributes.
"""

HTML_REPORT = """<!DOCTYPE html>
<html><head><title>EMNLP 2019 recap | My Blog</title>
<meta property="og:title" content="EMNLP 2019 recap">
<meta name="author" content="Lin Example">
<script>var tracking = 1;</script></head>
<body>
<nav class="menu"><a href="/">Home</a> <a href="/about">About</a></nav>
<div class="cookie-banner">We use cookies. Accept all cookies?</div>
<article>
<h1>EMNLP 2019 recap</h1>
<p>EMNLP 2019 took place in Hong Kong. The best paper,
<a href="https://arxiv.org/abs/1909.00001">Specializing Word Embeddings for Parsing</a>,
shows that a variational information bottleneck compresses contextual embeddings.</p>
<h2>Retrieval</h2>
<ul><li>Dense retrieval was everywhere.</li><li>Sparse methods fought back.</li></ul>
<blockquote class="twitter-tweet"><p>Best paper: a tweet's words stay
<a href="https://t.co/AbC">pic.twitter.com/AbC</a></p>&mdash; Someone (@someone)
<a href="https://twitter.com/someone/status/1">May 1, 2019</a></blockquote>
<div id="comments"><h3>Leave a Reply</h3><p>Great post! -- a commenter</p></div>
</article>
<aside class="sidebar"><p>Related posts you may like</p></aside>
<footer><p>Copyright 2019 My Blog</p></footer>
</body></html>
"""

TEXT_REPORT = """AAAI 2020 Highlights

Posted: 14 February 2020

Day 1 - Tutorials

Graph Neural Networks in Practice

The tutorial covered message passing and its limits:
  • oversmoothing in deep stacks
  • expressivity bounded by the Weisfeiler-Lehman test

Leave a Reply
Your email address will not be published. Required fields are marked *
"""


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_every_form_is_read_by_content_not_extension(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", YAML_REPORT)  # Markdown behind a .txt name
    write(tmp_path, "b.md", TOML_REPORT)
    write(tmp_path, "c.dat", HTML_REPORT)
    write(tmp_path, "d.html", TEXT_REPORT)  # plain text behind an .html name
    corpus = load_corpus(tmp_path)
    forms = {r.id: r.form for r in corpus.reports}
    assert forms == {"a.txt": "markdown", "b.md": "markdown", "c.dat": "html", "d.html": "text"}
    assert corpus.problems == []


def test_yaml_front_matter_and_markdown_cleaning(tmp_path: Path) -> None:
    write(tmp_path, "neurips.md", YAML_REPORT)
    report = load_corpus(tmp_path).reports[0]
    assert (report.title, report.authors, report.conference, report.year) == (
        "NeurIPS 2018 notes",
        ["Ada Example"],
        "NeurIPS",
        2018,
    )
    assert report.city == "Montréal" or report.city  # from the calendar
    text = " ".join(s.text for s in report.snippets)
    assert "target" not in text and "$$" not in text and "photo" not in text
    assert "Figure 1" not in text and "ada@example.org" not in text
    assert "dz/dt" in text


def test_toml_front_matter_and_by_author_titles(tmp_path: Path) -> None:
    write(tmp_path, "cvpr.md", TOML_REPORT)
    corpus = load_corpus(tmp_path)
    report = corpus.reports[0]
    assert (report.conference, report.year, report.authors) == ("CVPR", 2019, ["Grace Example"])
    titles = {p.title: p for p in corpus.papers}
    style = titles["A Style-Based Generator Architecture for Generative Adversarial Networks"]
    assert style.authors == ["Karras"]


def test_html_article_without_page_chrome(tmp_path: Path) -> None:
    write(tmp_path, "emnlp.html", HTML_REPORT)
    corpus = load_corpus(tmp_path)
    report = corpus.reports[0]
    assert (report.title, report.authors, report.conference, report.year) == (
        "EMNLP 2019 recap",
        ["Lin Example"],
        "EMNLP",
        2019,
    )
    text = " ".join(s.text for s in report.snippets)
    for chrome in (
        "Home",
        "cookies",
        "tracking",
        "pic.twitter.com",
        "@someone",
        "May 1, 2019",
        "Leave a Reply",
        "commenter",
        "Related posts",
        "Copyright",
    ):
        assert chrome not in text
    assert "Dense retrieval was everywhere." in text
    assert "Best paper: a tweet's words stay" in text  # an embedded tweet is the report's quote
    paper = next(p for p in corpus.papers if p.arxiv == "1909.00001")
    assert paper.title == "Specializing Word Embeddings for Parsing"


def test_plain_text_headings_bullets_and_boilerplate(tmp_path: Path) -> None:
    write(tmp_path, "aaai.txt", TEXT_REPORT)
    corpus = load_corpus(tmp_path)
    report = corpus.reports[0]
    assert (report.title, report.conference, report.year) == ("AAAI 2020 Highlights", "AAAI", 2020)
    assert str(report.published) == "2020-02-14"
    [snippet] = report.snippets
    assert snippet.section == ("Day 1 - Tutorials", "Graph Neural Networks in Practice")
    assert "oversmoothing in deep stacks" in snippet.text and "•" not in snippet.text
    assert "Leave a Reply" not in snippet.text and "Required fields" not in snippet.text
    assert [p.title for p in corpus.papers] == ["Graph Neural Networks in Practice"]


def test_legacy_8bit_text_and_crlf(tmp_path: Path) -> None:
    text = "ICML 2018 notes\r\n\r\nThe caf\u00e9 talk on \u201cDeep Sets\u201d was great \u2013 really.\r\n"
    write(tmp_path, "legacy.txt", text.encode("cp1252"))
    report = load_corpus(tmp_path).reports[0]
    assert report.encoding == "cp1252"
    body = report.snippets[0].text
    assert "café" in body and "“Deep Sets”" in body and "\r" not in body


def test_utf8_read_as_mac_roman_is_repaired(tmp_path: Path) -> None:
    good = "ICLR 2021 notes\n\nThis year’s best paper was “great”, and I’m glad.\n"
    broken = good.encode("utf-8").decode("mac_roman")
    write(tmp_path, "mojibake.md", broken)
    report = load_corpus(tmp_path).reports[0]
    assert "This year’s best paper" in report.snippets[0].text
    assert any("mojibake" in r for r in report.repairs)


def test_bad_files_are_named_and_the_rest_is_served(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", TEXT_REPORT)
    write(tmp_path, "empty.md", "")
    write(tmp_path, "binary.bin", bytes(range(256)) * 64)
    write(tmp_path, "picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    write(tmp_path, "open-front-matter.md", "---\ntitle: never closed\n\nICML 2019 text\n")
    write(tmp_path, "bad-yaml.md", "---\ntitle: [unclosed\n---\nbody text here\n")
    write(tmp_path, "nul.txt", "ICLR 2019 notes\n\nA paragraph with a stray\x00 NUL byte in it.\n")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # 30 MB, sparse: the ingester must refuse it unread
        handle.seek(30 * 1024 * 1024)
        handle.write(b"x")
    write(
        tmp_path,
        "legacy.txt",
        "NeurIPS 2019 notes\n\nNa\u00efve caf\u00e9 talk.\n".encode("cp1252"),
    )
    corpus = load_corpus(tmp_path, max_bytes=5_000_000)
    reasons = {p.file: p.reason for p in corpus.problems}
    assert sorted(r.id for r in corpus.reports) == ["good.txt", "legacy.txt", "nul.txt"]
    assert reasons["empty.md"] == "file is empty"
    assert "binary" in reasons["binary.bin"] and "binary" in reasons["picture.png"]
    assert "never closed" in reasons["open-front-matter.md"]
    assert "not valid YAML" in reasons["bad-yaml.md"]
    assert (
        "5,000,000" in reasons["huge.txt"] and "FLASHBACK_MAX_REPORT_BYTES" in reasons["huge.txt"]
    )
    nul = corpus.report("nul.txt")
    assert "removed NUL characters" in nul.repairs and "\x00" not in nul.snippets[0].text


def test_readme_and_hidden_files_are_not_reports(tmp_path: Path) -> None:
    write(tmp_path, "report.txt", TEXT_REPORT)
    write(tmp_path, "README.md", "# The corpus\n\nThese files are trip reports.\n")
    write(tmp_path, ".DS_Store", b"\x00\x01binary")
    corpus = load_corpus(tmp_path)
    assert [r.id for r in corpus.reports] == ["report.txt"]
    assert [(p.file, p.fatal) for p in corpus.problems] == [("README.md", False)]


def test_data_files_beside_reports_are_refused(tmp_path: Path) -> None:
    report = Path(__file__).parents[1] / "data" / "wild2" / "acl-2019-notes.md"
    (tmp_path / "report.md").write_bytes(report.read_bytes())
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


def test_missing_directory_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    corpus = load_corpus(tmp_path / "nope")
    assert corpus.reports == [] and "does not exist" in corpus.problems[0].reason


def test_corpus_check_cli_json_and_exit_status(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", TEXT_REPORT)
    write(tmp_path, "empty.md", "")
    runner = CliRunner()
    result = runner.invoke(app, ["corpus", "check", "--json", "--corpus", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"reports", "papers", "snippets", "problems"}
    [report] = data["reports"]
    assert {
        "file",
        "form",
        "encoding",
        "conference",
        "year",
        "start_date",
        "end_date",
        "city",
        "author",
        "title",
        "sections",
        "snippets",
        "papers",
        "problems",
    } <= set(report)
    assert data["problems"] == [{"file": "empty.md", "reason": "file is empty", "skipped": True}]

    only_bad = tmp_path / "bad"
    only_bad.mkdir()
    write(only_bad, "empty.md", "")
    result = runner.invoke(app, ["corpus", "check", "--corpus", str(only_bad)])
    assert result.exit_code == 1
    assert "empty.md" in result.output and "file is empty" in result.output


def test_snippets_and_papers_cli_json(tmp_path: Path) -> None:
    write(tmp_path, "cvpr.md", TOML_REPORT)
    runner = CliRunner()
    result = runner.invoke(app, ["corpus", "snippets", "--json", "--corpus", str(tmp_path)])
    snippets = json.loads(result.output)["snippets"]
    assert set(snippets[0]) == {"id", "report", "section", "text", "links", "score", "papers"}
    result = runner.invoke(app, ["corpus", "papers", "--json", "--corpus", str(tmp_path)])
    papers = json.loads(result.output)["papers"]
    keys = {"id", "title", "aliases", "authors", "arxiv", "url", "mentions", "quote", "section"}
    assert keys <= set(papers[0])
    mention = papers[0]["mentions"][0]
    assert set(mention) == {"report", "conference", "year", "snippet_id", "quote", "section"}
    assert papers[0]["quote"] and papers[0]["quote"] in {m["quote"] for m in papers[0]["mentions"]}
    result = runner.invoke(
        app, ["corpus", "snippets", "--file", "nope.md", "--corpus", str(tmp_path)]
    )
    assert result.exit_code == 2 and "cvpr.md" in result.output


UNLISTED_TEXT = """KDD 2019 in Anchorage: my notes

By Jane Smith

KDD 2019 took place in Anchorage, Alaska, August 4-8, 2019. Here is what I saw.

1. Graph Learning
=================

The paper "Graph Convolutional Networks for Web-Scale Recommender Systems" by Ying et al. was
presented again in the applied track, and it remains the reference for PinSage recommenders.

2. Fairness

Several talks covered fairness in ranking.
"""

BLOG_MARKDOWN = """# My NeurIPS 2019 highlights

*by Sam Doe, December 20, 2019*

NeurIPS 2019 in Vancouver was huge. The outstanding paper award went to
[Distribution-Independent PAC Learning of Halfspaces with Massart Noise](https://arxiv.org/abs/1906.10075v2).

## Favourite posters

- **Weight Agnostic Neural Networks** by Gaier and Ha: networks that perform without training.
- [Deep Equilibrium Models](https://arxiv.org/pdf/1909.01377.pdf) solve for a fixed point.
"""


def test_conference_missing_from_calendar_uses_the_reports_own_dates(tmp_path: Path) -> None:
    write(tmp_path, "kdd.txt", UNLISTED_TEXT)
    corpus = load_corpus(tmp_path)
    report = corpus.reports[0]
    assert (report.conference, report.year, report.authors) == ("KDD", 2019, ["Jane Smith"])
    assert (str(report.start_date), str(report.end_date), report.city) == (
        "2019-08-04",
        "2019-08-08",
        "Anchorage",
    )
    assert {s.path for s in report.sections} >= {("Graph Learning",), ("Fairness",)}
    [paper] = corpus.papers
    assert paper.title == "Graph Convolutional Networks for Web-Scale Recommender Systems"
    assert paper.authors == ["Ying"]


def test_markdown_without_front_matter(tmp_path: Path) -> None:
    write(tmp_path, "blog.md", BLOG_MARKDOWN)
    corpus = load_corpus(tmp_path)
    report = corpus.reports[0]
    assert (report.title, report.authors, str(report.published)) == (
        "My NeurIPS 2019 highlights",
        ["Sam Doe"],
        "2019-12-20",
    )
    assert (report.conference, report.year, report.city) == ("NeurIPS", 2019, "Vancouver")
    papers = {p.title: p for p in corpus.papers}
    assert set(papers) == {
        "Distribution-Independent PAC Learning of Halfspaces with Massart Noise",
        "Weight Agnostic Neural Networks",
        "Deep Equilibrium Models",
    }
    assert papers["Deep Equilibrium Models"].arxiv == "1909.01377"
    assert papers["Weight Agnostic Neural Networks"].authors == ["Gaier", "Ha"]
    assert not any("Sam Doe" in s.text for s in report.snippets)


def test_one_paragraph_per_line_without_blank_lines(tmp_path: Path) -> None:
    """Text copied from a web page often drops the blank lines between paragraphs."""
    import re

    from bot.paths import shipped_corpus_dir

    original = (shipped_corpus_dir() / "iclr-2020-numenta.txt").read_text("utf-8")
    write(tmp_path, "spaced.txt", original)
    write(tmp_path, "squeezed.txt", re.sub(r"\n\s*\n+", "\n", original))
    corpus = load_corpus(tmp_path)
    spaced, squeezed = corpus.report("spaced.txt"), corpus.report("squeezed.txt")
    assert [s.path for s in squeezed.sections] == [s.path for s in spaced.sections]
    assert [s.text for s in squeezed.snippets] == [s.text for s in spaced.snippets]
