"""`flashback digest preview|year` on the shipped corpus, as a user would run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.adapters.discord.limits import validate_discord
from bot.adapters.slack.limits import validate_slack
from bot.cli import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["digest", *args])
    return result.exit_code, result.output


def test_preview_json_for_the_week_of_6_may_2026() -> None:
    code, output = _run("preview", "--date", "2026-05-06", "--platform", "text", "--json")
    assert code == 0, output
    data = json.loads(output)
    assert data["week"] == "2026-W19"
    assert data["headline"] == "ICLR 2019 opened in New Orleans this week, 7 years ago"
    assert len(data["highlights"]) == 4
    for highlight in data["highlights"]:
        assert set(highlight) == {"paper", "conference", "year", "report", "quote", "url"}
        assert (highlight["conference"], highlight["year"]) == ("ICLR", 2019)


@pytest.mark.parametrize("platform", ["slack", "discord"])
def test_preview_prints_a_valid_payload(platform: str) -> None:
    code, output = _run("preview", "--week", "2026-W19", "--platform", platform)
    assert code == 0, output
    payload = json.loads(output)
    validate = validate_slack if platform == "slack" else validate_discord
    assert validate(payload) == []


def test_preview_with_topics_and_count() -> None:
    code, output = _run(
        "preview", "--week", "2026-W19", "--topics", "gans", "--count", "3", "--platform", "discord"
    )
    assert code == 0, output
    payload = json.loads(output)
    assert len(payload["embeds"]) == 3
    assert "GAN" in json.dumps(payload["embeds"][0])


def test_preview_html_and_text() -> None:
    code, html = _run("preview", "--week", "2026-W19", "--platform", "html")
    assert code == 0 and html.startswith("<!DOCTYPE html>")
    code, text = _run("preview", "--week", "2026-W19", "--tz", "Asia/Tokyo")
    assert code == 0 and "ICLR 2019 opened in New Orleans" in text
    assert "/paper <words>" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "May"], "write it like 2026-W19"),
        (["--date", "6 May"], "write it like 2026-05-06"),
        (["--week", "2026-W19", "--date", "2026-05-06"], "not both"),
        (["--tz", "Mars/Olympus"], "not an IANA timezone"),
        (["--platform", "irc"], "choose one of slack, discord, text, html"),
    ],
)
def test_bad_arguments_get_a_clear_message(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["digest", "preview", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_user_templates_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "digest.txt.j2").write_text(
        '{% extends "default:text/digest.txt.j2" %}{% block footer %}-- our reading group\n'
        "{% endblock %}",
        encoding="utf-8",
    )
    monkeypatch.setenv("FLASHBACK_TEMPLATES_DIR", str(tmp_path))
    code, output = _run("preview", "--week", "2026-W19")
    assert code == 0, output
    assert output.rstrip().endswith("-- our reading group")
    assert "ICLR 2019 opened in New Orleans" in output


def test_year_has_no_empty_week() -> None:
    code, output = _run("year", "--year", "2026", "--platform", "discord", "--json")
    assert code == 0, output
    data = json.loads(output)
    assert len(data["weeks"]) == 53 and data["failing"] == 0
    assert all(week["highlights"] >= 3 and not week["problems"] for week in data["weeks"])
    w19 = data["weeks"][18]
    assert (w19["week"], w19["anniversary"], w19["gap_days"]) == ("2026-W19", "ICLR 2019", 0)
