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


def test_year_reports_headlines_claiming_a_date_that_is_off() -> None:
    code, output = _run("year", "--year", "2026", "--json")
    assert code == 0, output
    data = json.loads(output)
    assert all(week["date_problems"] == [] for week in data["weeks"])
    code, text = _run("year", "--year", "2026")
    assert text.rstrip().endswith("0 headlines claim a date that is off")


def test_year_with_history_gives_the_issue_14_json_shape_and_a_summary() -> None:
    code, output = _run("year", "--history", "--year", "2026", "--size", "4", "--json")
    assert code == 0, output
    data = json.loads(output)
    assert set(data) == {"year", "weeks", "summary"} and data["year"] == 2026
    assert len(data["weeks"]) == 53
    w19 = data["weeks"][18]
    assert set(w19) == {"week", "headline", "anniversary", "highlights"}
    assert w19["anniversary"] == {
        "conference": "ICLR",
        "year": 2019,
        "city": "New Orleans",
        "start": "2019-05-06",
        "end": "2019-05-09",
    }
    for week in data["weeks"]:
        for highlight in week["highlights"]:
            assert set(highlight) == {
                "paper_id", "paper", "url", "conference", "year", "report_id", "report",
                "section", "quote", "snippet_id",
            }  # fmt: skip
    assert data["weeks"][44]["anniversary"] is None
    summary = data["summary"]
    assert summary["repeats_within_26_weeks"] == 0
    assert summary["max_report_share"] <= 0.53  # see tests/digest/test_shipped.py
    assert summary["headlines_off"] == []


def test_year_with_history_as_text_ends_with_the_summary() -> None:
    code, output = _run("year", "--history", "--year", "2026", "--topics", "gans")
    assert code == 0, output
    assert "2026-W19  ICLR 2019 opened in New Orleans this week, 7 years ago" in output
    assert "repeats within 26 weeks: 0" in output
    assert "share per report:" in output


def test_channel_needs_history_and_a_well_formed_key() -> None:
    code, output = _run("year", "--channel", "slack:T1:C1")
    assert code == 2 and "--channel needs --history" in output
    code, output = _run("year", "--history", "--channel", "nonsense")
    assert code == 2 and "platform:workspace:channel" in output


def test_year_with_history_starts_from_a_channels_delivered_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio
    from datetime import UTC, datetime

    from bot.ports import ChannelRef
    from bot.store import Store
    from bot.store.records import Subscription

    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    channel = ChannelRef("slack", "T1", "C1")
    now = datetime(2025, 12, 1, 9, tzinfo=UTC)

    async def fill() -> None:
        store = await Store.open(url)
        try:
            sub = Subscription(channel, "mon", "09:00", "UTC", topics=("pruning",), size=3)
            await store.save_subscription(sub, now)
            assert await store.claim(channel, "2025-W49", "test", now)
            await store.mark_sent(channel, "2025-W49", "test", "m1", ["arxiv:1803.03635"], now)
        finally:
            await store.close()

    asyncio.run(fill())
    monkeypatch.setenv("FLASHBACK_DATABASE_URL", url)
    code, output = _run("year", "--history", "--year", "2026", "--channel", "slack:T1:C1", "--json")
    assert code == 0, output
    data = json.loads(output)
    assert all(len(week["highlights"]) == 3 for week in data["weeks"])  # the channel's size
    first_weeks = [h["paper_id"] for week in data["weeks"][:20] for h in week["highlights"]]
    assert "arxiv:1803.03635" not in first_weeks  # posted in December 2025: waits 26 weeks
    monkeypatch.setenv("FLASHBACK_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'no' / 'x.db'}")
    code, output = _run("year", "--history", "--channel", "slack:T1:C1")
    assert code == 2 and "no database at" in output
