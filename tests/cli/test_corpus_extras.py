"""`flashback corpus resolve|papers|check` with metadata and curation: counts, the exported
file read back without network, the JSON fields, curation problems listed."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from typer.testing import CliRunner, Result

from bot.cli import app as cli
from tests.catalog.test_corpus_extras import CATALOG_YAML, REPORT
from tests.fakes.scholar_api import ARXIV_PATH, LTH, FakeScholarAPI


def _corpus(tmp_path: Path, catalog: bool = False) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    (folder / "iclr-2019.md").write_text(REPORT, "utf-8")
    if catalog:
        (folder / "catalog.yaml").write_text(CATALOG_YAML, "utf-8")
    return folder


def _env(tmp_path: Path, url: str, service: str = "arxiv") -> dict[str, str]:
    return {
        "FLASHBACK_CORPUS_DIR": str(tmp_path / "corpus"),
        "FLASHBACK_DATA_DIR": str(tmp_path / "data"),
        "FLASHBACK_METADATA": service,
        "FLASHBACK_METADATA_API_URL": url,
        "FLASHBACK_METADATA_INTERVAL_SECONDS": "0",
        "FLASHBACK_METADATA_BACKOFF_SECONDS": "0.01",
        "FLASHBACK_METADATA_ATTEMPTS": "2",
    }


async def _invoke(args: list[str], env: dict[str, str]) -> Result:
    # In a thread: the command runs its own event loop, the fake server runs on ours.
    return await asyncio.to_thread(CliRunner().invoke, cli, args, env=env)


async def test_resolve_fills_the_cache_reports_counts_and_exports(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    async with FakeScholarAPI() as fake:
        env = _env(tmp_path, fake.url + ARXIV_PATH)
        first = await _invoke(["corpus", "resolve", "--export", str(folder / "metadata.json")], env)
        assert first.exit_code == 0, first.output
        assert "to look up with arxiv" in first.output
        # Two arXiv links and three quoted titles, of which arXiv knows one.
        assert "5 entries: 0 described already, 5 to look up with arxiv" in first.output
        assert "resolved 3, not found 2, failed 0" in first.output
        assert "wrote 3 works to" in first.output
        asked = len(fake.calls_to(ARXIV_PATH))

        again = await _invoke(["corpus", "resolve"], env)
        assert again.exit_code == 0 and "resolved 0, not found 0, failed 0" in again.output
        assert len(fake.calls_to(ARXIV_PATH)) == asked  # each work is looked up once

    exported = json.loads((folder / "metadata.json").read_text("utf-8"))
    assert exported["format"] == "conference-flashback/metadata" and exported["version"] == 1
    assert exported["works"]["arxiv:1803.03635"]["title"] == LTH.title

    # With metadata off and no database, the exported file alone describes the works.
    offline = {"FLASHBACK_CORPUS_DIR": str(folder), "FLASHBACK_DATA_DIR": str(tmp_path / "other")}
    result = await _invoke(["corpus", "papers", "--json"], offline)
    assert result.exit_code == 0, result.output
    papers = {p["id"]: p for p in json.loads(result.output)["papers"]}
    lth = papers["arxiv:1803.03635"]
    assert lth["title"] == LTH.title and lth["abstract"] == LTH.abstract
    assert lth["venue"] == "ICLR 2019" and lth["venue_year"] == 2019
    assert lth["changes"][0]["action"] == "resolved"
    memorization = papers["t:closer-look-at-memorization-in-deep-networks"]
    assert memorization["authors"] == ["Devansh Arpit", "Stanisław Jastrzębski", "Nicolas Ballas"]


async def test_resolve_with_the_service_down_exits_1_and_keeps_the_bot_usable(
    tmp_path: Path,
) -> None:
    _corpus(tmp_path)
    async with FakeScholarAPI() as fake:
        env = _env(tmp_path, fake.url + ARXIV_PATH)
    result = await _invoke(["corpus", "resolve"], env)  # nothing listens any more
    assert result.exit_code == 1
    assert "resolved 0, not found 0, failed 5" in result.output
    assert "stopped early" in result.output and "Traceback" not in result.output


def test_resolve_needs_a_service(tmp_path: Path) -> None:
    _corpus(tmp_path)
    env = {"FLASHBACK_CORPUS_DIR": str(tmp_path / "corpus"), "FLASHBACK_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(cli, ["corpus", "resolve"], env=env)
    assert result.exit_code == 2 and "choose a metadata service" in result.output
    result = CliRunner().invoke(cli, ["corpus", "resolve", "--service", "crossref"], env=env)
    assert result.exit_code == 2


def test_papers_shows_what_curation_changed_and_check_lists_its_problems(tmp_path: Path) -> None:
    env = {"FLASHBACK_CORPUS_DIR": str(_corpus(tmp_path, catalog=True))}
    text = CliRunner().invoke(cli, ["corpus", "papers"], env=env)
    assert text.exit_code == 0, text.output
    assert "renamed: 'arXiv 1810.09536' -> 'Ordered Neurons" in text.output
    assert "hidden: t:closer-look-at-memorization-in-deep-networks" in text.output
    assert "aliased: also known as 'LTH'" in text.output

    data = json.loads(CliRunner().invoke(cli, ["corpus", "papers", "--json"], env=env).output)
    actions = {(c["entry"], c["action"]) for c in data["changes"]}
    assert ("t:closer-look-at-memorization-in-deep-networks", "hidden") in actions
    assert "t:adamw-or-sgdw" not in {p["id"] for p in data["papers"]}
    paper = data["papers"][0]
    # The stable shape: the old fields all there, new ones added.
    assert list(paper)[:8] == [
        "id",
        "title",
        "aliases",
        "authors",
        "arxiv",
        "url",
        "kind",
        "mentions",
    ]
    assert {"venue", "venue_year", "abstract", "changes"} <= set(paper)

    check = CliRunner().invoke(cli, ["corpus", "check", "--json"], env=env)
    problems = json.loads(check.output)["problems"]
    assert problems == [
        {
            "file": "catalog.yaml",
            "reason": "line 7: no entry has the id, title or alias 'Not In This Corpus'",
            "skipped": False,
        }
    ]
    plain = CliRunner().invoke(cli, ["corpus", "check"], env=env)
    assert "catalog.yaml: line 7: no entry has the id" in plain.output
