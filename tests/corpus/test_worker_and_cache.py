"""Files are read in a worker process within a time budget, and cached by their bytes."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

from bot.corpus import load_corpus
from bot.corpus.cache import ReportCache
from bot.corpus.worker import IngestWorker, ReadLimits
from bot.models import Corpus
from bot.paths import shipped_corpus_dir

REPORT = (
    "ICML 2019 notes\n\nThe conference in Long Beach was busy. The best paper was about "
    "disentangled representations and we discussed it for days.\n"
)


def slow_org(path: Path) -> Path:
    """An Org report pandoc needs about a second for (just under the size it refuses)."""
    section = "* A heading\nSome text with [[https://x.org][a link]] and *bold* words.\n"
    path.write_text("#+TITLE: ICML 2019\n" + section * 7_000)
    return path


def slow_docx(path: Path) -> Path:
    """A Word document pandoc needs over a second for. Its cost cannot be told from its
    (zipped) bytes, so only the time budget stops it."""
    import pypandoc

    section = "## A heading\n\nSome text with [a link](https://x.org) and **bold** words.\n\n"
    markdown = "# ICML 2019\n\n" + section * 2_000
    pypandoc.convert_text(markdown, "docx", format="markdown", outputfile=str(path))
    return path


def test_a_file_over_its_time_budget_is_skipped_and_named(tmp_path: Path) -> None:
    slow_docx(tmp_path / "slow.docx")
    (tmp_path / "good.txt").write_text(REPORT)
    worker = IngestWorker()
    try:
        corpus = load_corpus(tmp_path, limits=ReadLimits(seconds=0.2), worker=worker)
    finally:
        worker.close()
    [problem] = [p for p in corpus.problems if p.file == "slow.docx"]
    assert "took longer than 0.2 s" in problem.reason
    assert [r.id for r in corpus.reports] == ["good.txt"]  # the worker came back for the rest


def test_a_worker_that_dies_mid_file_is_replaced_and_the_file_named(tmp_path: Path) -> None:
    path = slow_org(tmp_path / "slow.org")
    worker = IngestWorker()
    results: list[object] = []
    reader = threading.Thread(
        target=lambda: results.append(worker.read(path, "slow.org", ReadLimits(seconds=30)))
    )
    try:
        (tmp_path / "good.txt").write_text(REPORT)
        # Started and ready first, so the kill lands mid-file however loaded the machine is.
        assert not isinstance(worker.read(tmp_path / "good.txt", "good.txt", ReadLimits()), str)
        reader.start()
        time.sleep(0.3)  # the worker is reading the slow file
        assert worker.pid is not None
        os.kill(worker.pid, signal.SIGKILL)
        reader.join(30)
        assert isinstance(results[0], str) and "stopped" in results[0]
        again = worker.read(tmp_path / "good.txt", "good.txt", ReadLimits())
        assert not isinstance(again, str)
    finally:
        worker.close()


def test_an_unchanged_corpus_is_read_from_the_cache(tmp_path: Path) -> None:
    corpus_dir, cache_dir = tmp_path / "corpus", tmp_path / "cache"
    corpus_dir.mkdir()
    for source in shipped_corpus_dir().iterdir():
        (corpus_dir / source.name).write_bytes(source.read_bytes())
    first = load_corpus(corpus_dir, cache_dir=cache_dir)
    assert len(_entries(cache_dir)) == len(first.reports)
    worker = IngestWorker()  # never started when every file comes from the cache
    second = load_corpus(corpus_dir, cache_dir=cache_dir, worker=worker)
    assert worker.pid is None
    assert [s.text for s in second.snippets] == [s.text for s in first.snippets]
    assert _catalog(second) == _catalog(first)  # from the saved catalog, the same one


def _entries(cache_dir: Path) -> list[Path]:
    """The report entries of a cache (the saved catalog aside)."""
    return [p for p in cache_dir.glob("*.json") if p.name != "catalog.json"]


def _catalog(corpus: Corpus) -> list[object]:
    """Everything the catalog says: entries, mentions with quotes, each passage's works."""
    papers = [
        (p.id, p.title, p.aliases, p.authors, p.link, p.kind, p.untitled,
         [(m.report, m.snippet_id, m.quote, m.section) for m in p.mentions])
        for p in corpus.papers
    ]  # fmt: skip
    return [papers, [(s.id, s.papers) for s in corpus.snippets]]


def test_the_saved_catalog_is_used_only_for_the_reports_it_was_built_for(
    tmp_path: Path,
) -> None:
    corpus_dir, cache_dir = tmp_path / "corpus", tmp_path / "cache"
    corpus_dir.mkdir()
    for source in shipped_corpus_dir().iterdir():
        (corpus_dir / source.name).write_bytes(source.read_bytes())
    first = load_corpus(corpus_dir, cache_dir=cache_dir)
    saved = cache_dir / "catalog.json"
    assert saved.is_file()
    # A report that names a new work: the saved catalog does not hold it, so it is rebuilt.
    (corpus_dir / "extra.md").write_text(
        "# ICML 2019 notes\n\nNotes from ICML 2019 in Long Beach.\n\n"
        "I liked [Deep Sets for Graphs](https://arxiv.org/abs/1703.06114): it pools nodes.\n"
    )
    grown = load_corpus(corpus_dir, cache_dir=cache_dir)
    assert "Deep Sets for Graphs" in {p.title for p in grown.papers}
    (corpus_dir / "extra.md").unlink()
    assert _catalog(load_corpus(corpus_dir, cache_dir=cache_dir)) == _catalog(first)
    saved.write_text('{"key": "', encoding="utf-8")  # truncated: never trusted
    assert _catalog(load_corpus(corpus_dir, cache_dir=cache_dir)) == _catalog(first)


def test_a_changed_file_is_read_again_and_a_corrupt_entry_rebuilt(tmp_path: Path) -> None:
    corpus_dir, cache_dir = tmp_path / "corpus", tmp_path / "cache"
    corpus_dir.mkdir()
    (corpus_dir / "a.txt").write_text(REPORT)
    load_corpus(corpus_dir, cache_dir=cache_dir)
    [entry] = _entries(cache_dir)
    entry.write_text('{"version": "', encoding="utf-8")  # truncated: never trusted
    again = load_corpus(corpus_dir, cache_dir=cache_dir)
    assert again.reports[0].conference == "ICML"
    assert json.loads(entry.read_text("utf-8"))["read"]["report"]["id"] == "a.txt"
    (corpus_dir / "a.txt").write_text(REPORT.replace("ICML 2019", "ICLR 2019"))
    changed = load_corpus(corpus_dir, cache_dir=cache_dir)
    assert changed.reports[0].conference == "ICLR"


def test_a_skipped_file_is_remembered_with_its_reason(tmp_path: Path) -> None:
    cache = ReportCache(tmp_path)
    cache.put("k", "JSON data, not a report")
    assert cache.get("k") == "JSON data, not a report"
    (tmp_path / "k.json").write_text(json.dumps({"version": "an older reader", "skipped": "x"}))
    assert cache.get("k") is None  # another version of the readers: read again
