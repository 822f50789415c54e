"""Hostile entries in a corpus folder: each is read or skipped, and every skip is named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.corpus import load_corpus
from bot.models import Corpus

REPORT = (
    "ICML 2019 notes\n\nThe conference in Long Beach was busy. The best paper was about "
    "disentangled representations and we discussed it for days.\n"
)


def reasons(corpus: Corpus) -> dict[str, str]:
    return {problem.file: problem.reason for problem in corpus.problems}


def test_a_symlink_that_leaves_the_corpus_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("ICML 2019 private notes, not to be served.\n" * 5)
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "good.txt").write_text(REPORT)
    (corpus_dir / "leak.txt").symlink_to(secret)
    (corpus_dir / "inside.txt").symlink_to(corpus_dir / "good.txt")
    corpus = load_corpus(corpus_dir)
    assert "outside the corpus folder" in reasons(corpus)["leak.txt"]
    assert {r.id for r in corpus.reports} == {"good.txt", "inside.txt"}
    assert not any("private" in s.text for s in corpus.snippets)


def test_fifos_devices_and_folders_named_like_reports_are_named(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(REPORT)
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "notes.md").mkdir()
    (tmp_path / "notes.md" / "inner.txt").write_text(REPORT)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deeper.txt").write_text(REPORT)
    corpus = load_corpus(tmp_path)
    found = reasons(corpus)
    assert "FIFO" in found["pipe.md"]
    assert "folder named like a report" in found["notes.md"]
    assert {r.id for r in corpus.reports} == {"good.txt", "sub/deeper.txt"}


def test_a_file_name_that_is_not_utf8_gets_a_safe_id(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/notes-\xff\xfe.txt"
    with open(raw, "w") as handle:
        handle.write(REPORT)
    corpus = load_corpus(tmp_path)
    [report] = corpus.reports
    report.id.encode("utf-8")  # would raise for a surrogate-escaped name
    report.file.encode("utf-8")
    assert report.id.startswith("notes-") and "~" in report.id
    assert any(p.file == report.id and not p.fatal for p in corpus.problems)


def test_utf16_without_a_bom_is_read_when_the_bytes_say_so(tmp_path: Path) -> None:
    (tmp_path / "utf16.txt").write_bytes(REPORT.encode("utf-16-le"))
    (tmp_path / "utf16be.txt").write_bytes(REPORT.encode("utf-16-be"))
    corpus = load_corpus(tmp_path)
    assert {r.encoding for r in corpus.reports} == {"utf-16-le", "utf-16-be"}
    assert all(r.conference == "ICML" for r in corpus.reports)


def test_broken_utf16_is_named(tmp_path: Path) -> None:
    (tmp_path / "odd.txt").write_bytes(b"\xff\xfe" + b"\x00\xd8" * 50)  # lone surrogates
    corpus = load_corpus(tmp_path)
    assert "UTF-16" in reasons(corpus)["odd.txt"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("data.json", b'{"a": 1, "b": [1, 2]}', "JSON data"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "binary"),
        ("empty.md", b"   \n", "empty"),
        ("table.tsv", b"a\tb\tc\n1\t2\t3\n4\t5\t6\n", "tab-separated"),
        ("broken.zip", b"PK\x03\x04broken", "ZIP"),
        (
            "unclosed.tex",
            b"\\documentclass{article}\\begin{document}\\section{A}\n" + b"{" * 40,
            "unbalanced brace",
        ),
    ],
)
def test_files_that_are_not_reports_are_skipped_with_the_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(REPORT)
    corpus = load_corpus(tmp_path)
    assert reason in reasons(corpus)[name]
    assert [r.id for r in corpus.reports] == ["good.txt"]


def test_a_report_too_dense_to_read_in_its_budget_is_refused_up_front(tmp_path: Path) -> None:
    """5 MB of links and emphasis would hold the worker for seconds: it is refused before
    any parser sees it, with the numbers and what to do."""
    paragraph = "We saw [a paper](https://arxiv.org/abs/1803.03635) on *pruning* today. " * 8
    (tmp_path / "huge.md").write_text("# ICML 2019\n\n" + (paragraph + "\n\n") * 8_000)
    (tmp_path / "good.txt").write_text(REPORT)
    corpus = load_corpus(tmp_path)
    reason = reasons(corpus)["huge.md"]
    assert "inline marks" in reason and "FLASHBACK_INGEST_TIMEOUT_SECONDS" in reason
    assert "split it into smaller files" in reason
    assert [r.id for r in corpus.reports] == ["good.txt"]
    # A longer budget reads it (a self-hoster's choice).
    from bot.documents import Budget, read_document

    data = (tmp_path / "huge.md").read_bytes()[:400_000]
    assert read_document(data, Budget(seconds=10.0), ".md").blocks
