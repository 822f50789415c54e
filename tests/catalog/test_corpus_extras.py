"""catalog.yaml and metadata.json in a corpus folder: read at load (no network), applied to the
catalog, never taken for reports, and their problems named."""

from __future__ import annotations

import json
import os
from pathlib import Path

from bot.corpus import load_corpus
from bot.corpus.fingerprint import corpus_fingerprint

REPORT = """\
# ICLR 2019 notes

## Pruning

The [Lottery Ticket Hypothesis](https://arxiv.org/abs/1803.03635) won a best paper award: dense
networks contain sparse subnetworks that train to the same accuracy.

Another talk I liked was [arXiv 1810.09536](https://arxiv.org/abs/1810.09536), which builds tree
structures into recurrent networks.

## Optimisation

"Decoupled Weight Decay Regularization" by Loshchilov and Hutter showed that weight decay and L2
regularisation differ for Adam.

The poster "AdamW or SGDW" was the same work under another name.

## Vision

"A Closer Look at Memorization in Deep Networks" was discussed at length.
"""

CATALOG_YAML = """\
rename:
  arxiv:1810.09536: "Ordered Neurons: Integrating Tree Structures into Recurrent Neural Networks"
merge:
  - [Decoupled Weight Decay Regularization, AdamW or SGDW]
hide:
  - a closer look at memorization in deep networks
  - Not In This Corpus
aliases:
  arxiv:1803.03635: [LTH]
"""

LTH = {
    "title": "The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks",
    "authors": ["Jonathan Frankle", "Michael Carbin"],
    "year": 2019,
    "venue": "ICLR 2019",
    "abstract": "Neural network pruning techniques can reduce the parameter counts.",
    "url": "https://arxiv.org/abs/1803.03635",
    "arxiv": "1803.03635",
    "source": "arxiv",
}


def _corpus(tmp_path: Path, catalog: str | None = CATALOG_YAML, works: object = None) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "iclr-2019.md").write_text(REPORT, "utf-8")
    if catalog is not None:
        (folder / "catalog.yaml").write_text(catalog, "utf-8")
    if works is not None:
        text = works if isinstance(works, str) else json.dumps({"works": works})
        (folder / "metadata.json").write_text(text, "utf-8")
    return folder


def test_the_side_files_refine_the_catalog_and_are_no_reports(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, works={"arxiv:1803.03635": LTH, "arxiv:0000.00000": {"title": ""}})
    corpus = load_corpus(folder)
    assert [r.id for r in corpus.reports] == ["iclr-2019.md"]
    problems = {(p.file, p.reason) for p in corpus.problems}
    assert problems == {
        ("catalog.yaml", "line 7: no entry has the id, title or alias 'Not In This Corpus'"),
        (
            "metadata.json",
            "work 'arxiv:0000.00000': title: String should have at least 1 character; skipped",
        ),
    }
    assert not any(p.fatal for p in corpus.problems)

    lth = corpus.paper("arxiv:1803.03635")
    assert lth.title == LTH["title"] and lth.abstract == LTH["abstract"]
    assert lth.aliases[:2] == ["Lottery Ticket Hypothesis", "LTH"]
    assert lth.authors == ["Jonathan Frankle", "Michael Carbin"] and lth.venue == "ICLR 2019"
    assert corpus.paper("arxiv:1810.09536").title.startswith("Ordered Neurons")
    titles = {p.title for p in corpus.papers}
    assert "A Closer Look at Memorization in Deep Networks" not in titles
    assert "AdamW or SGDW" not in titles
    decoupled = next(p for p in corpus.papers if p.title == "Decoupled Weight Decay Regularization")
    assert "AdamW or SGDW" in decoupled.aliases

    # Snippets name only live entries: the merged one's through the entry that stays.
    live = {p.id for p in corpus.papers}
    named = {paper_id for snippet in corpus.snippets for paper_id in snippet.papers}
    assert named <= live and decoupled.id in named
    assert {c.action for c in corpus.changes} == {
        "renamed",
        "merged",
        "hidden",
        "aliased",
        "resolved",
    }


def test_without_side_files_nothing_changes(tmp_path: Path) -> None:
    plain = load_corpus(_corpus(tmp_path, catalog=None))
    assert plain.changes == [] and plain.problems == []
    assert any(p.title == "AdamW or SGDW" for p in plain.papers)


def test_a_metadata_file_that_is_not_json_is_named_and_unused(tmp_path: Path) -> None:
    corpus = load_corpus(_corpus(tmp_path, catalog=None, works='{"works": {"arxiv:1803.03635": '))
    [problem] = corpus.problems
    assert problem.file == "metadata.json" and problem.reason.startswith("not JSON (line 1, column")
    assert corpus.paper("arxiv:1803.03635").title == "Lottery Ticket Hypothesis"


def test_records_given_by_the_cache_apply_and_the_file_wins(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, catalog=None, works={"arxiv:1803.03635": LTH})
    from bot.catalog.resolve import WorkMetadata

    cached = {
        "arxiv:1803.03635": WorkMetadata(title="An older answer", source="arxiv"),
        "arxiv:1810.09536": WorkMetadata(title="Ordered Neurons", source="arxiv"),
    }
    corpus = load_corpus(folder, metadata=cached)
    assert corpus.paper("arxiv:1803.03635").title == LTH["title"]
    assert corpus.paper("arxiv:1810.09536").title == "Ordered Neurons"


def test_editing_a_side_file_changes_the_fingerprint(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    before = corpus_fingerprint(folder)
    path = folder / "catalog.yaml"
    path.write_text(CATALOG_YAML + "  arxiv:1810.09536: [ON-LSTM]\n", "utf-8")
    os.utime(path, ns=(1, 1))
    assert corpus_fingerprint(folder) != before
    (folder / "metadata.json").write_text("{}", "utf-8")
    assert len(corpus_fingerprint(folder)) == len(before) + 1


def test_side_files_in_subfolders_are_ordinary_data(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, catalog=None)
    (folder / "2019").mkdir()
    (folder / "2019" / "catalog.yaml").write_text(CATALOG_YAML, "utf-8")
    corpus = load_corpus(folder)
    assert corpus.changes == []
    assert [(p.file, p.reason) for p in corpus.problems] == [
        ("2019/catalog.yaml", "skipped: YAML data, not a report")
    ]
