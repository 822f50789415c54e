"""`flashback paper`: the human answer, the stable --json shape and --batch, on the shipped corpus."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from bot.paths import shipped_corpus_dir

runner = CliRunner()
CORPUS = ["--corpus", str(shipped_corpus_dir())]


def test_json_answer_has_the_stable_shape() -> None:
    result = runner.invoke(app, ["paper", "lottery ticket", "--json", *CORPUS])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["query", "results", "suggestions"]
    top = data["results"][0]
    assert (
        top["title"] == "The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks"
    )
    assert top["url"] == "https://arxiv.org/abs/1803.03635"
    assert {m["year"] for m in top["mentions"]} >= {2019, 2020}
    assert all(len(m["snippet"]) <= 280 for m in top["mentions"])


def test_unquoted_words_and_limit() -> None:
    result = runner.invoke(
        app, ["paper", "batch", "normalization", "--limit", "1", "--json", *CORPUS]
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["results"]) == 1


def test_human_answer_reads_plainly() -> None:
    result = runner.invoke(app, ["paper", "wasserstien gan", *CORPUS])
    assert result.exit_code == 0, result.output
    assert 'Showing results for "wasserstein gan".' in result.output
    assert "1. Wasserstein GAN" in result.output
    assert "ICML 2017" in result.output
    assert all(line == line.rstrip() for line in result.output.splitlines())


def test_nothing_found_says_so_and_suggests_only_close_titles() -> None:
    result = runner.invoke(app, ["paper", "alphafold", "--json", *CORPUS])
    data = json.loads(result.output)
    assert data["results"] == [] and data["suggestions"] == []  # nothing close to it
    result = runner.invoke(app, ["paper", "mean field theory of transformers", *CORPUS])
    assert "Nothing in the reports is about" in result.output
    assert "Did you mean:" in result.output
    assert "A Mean Field Theory of Batch Normalization" in result.output


def test_a_passage_about_no_work_reads_as_what_the_reports_said() -> None:
    query = "coffee breaks and receptions in a big hall with sponsors"
    result = runner.invoke(app, ["paper", query, *CORPUS])
    assert result.exit_code == 0, result.output
    assert '1. What the reports said about "coffee breaks' in result.output
    assert "ICLR 2019 - Impressions and Highlights" in result.output
    data = json.loads(runner.invoke(app, ["paper", query, "--json", *CORPUS]).output)
    assert data["results"][0]["kind"] == "passage"


def test_batch_answers_every_line_in_order(tmp_path: Path) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text("rigl\n\nmostafa and wang\n<b>alphafold</b>\n" + "x" * 10_000 + "\n")
    result = runner.invoke(app, ["paper", "--batch", str(queries), *CORPUS])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [d["query"][:20] for d in lines] == [
        "rigl",
        "",
        "mostafa and wang",
        "<b>alphafold</b>",
        "x" * 20,
    ]
    assert lines[0]["results"][0]["title"].startswith("Rigging the Lottery")
    assert lines[1]["results"] == []
    assert lines[2]["results"][0]["title"].startswith("Mostafa and Wang")
    assert lines[3]["results"] == []


def test_bad_invocations_exit_2_with_a_message(tmp_path: Path) -> None:
    assert runner.invoke(app, ["paper", *CORPUS]).exit_code == 2
    missing = runner.invoke(app, ["paper", "x", "--corpus", str(tmp_path / "nope")])
    assert missing.exit_code == 2
    assert "not found" in missing.output
    both = runner.invoke(app, ["paper", "x", "--batch", str(tmp_path / "q.txt"), *CORPUS])
    assert both.exit_code == 2
    unreadable = runner.invoke(app, ["paper", "--batch", str(tmp_path / "q.txt"), *CORPUS])
    assert unreadable.exit_code == 2
