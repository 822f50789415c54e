"""`flashback doctor`: each check finds its problem and says how to fix it, without secrets."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from bot.adapters.discord.tokens import discord_shape
from bot.adapters.slack.tokens import slack_shape
from bot.cli import app
from bot.ops.doctor import check_corpus, check_data_dir, check_database, online_findings
from bot.ops.findings import Finding
from bot.settings import Settings, load_settings
from bot.store.database import create_engine, head_revision, upgrade
from tests.fakes.discord_api import FakeDiscordAPI
from tests.fakes.slack_api import FakeSlackAPI
from tests.support.databases import Database

BOT_TOKEN = "xoxb-1111111111-2222222222222-AbCdEfGhIjKlMnOpQrStUvWx"
APP_TOKEN = "xapp-1-A0123456789-3333333333333-0f0e0d0c0b0a09080706050403020100"
DISCORD_TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.Zyxwvutsrqponmlkjihgfedcba0123456789AB"


def _failures(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.status == "fail"]


def _doctor(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["doctor", *args])
    return result.exit_code, result.output


# --- the whole command ----------------------------------------------------------------------


def test_embedded_defaults_pass(tmp_path: Path) -> None:
    code, output = _doctor()
    assert code == 0, output
    assert "All checks passed" in output
    assert "console adapter" in output
    assert "creates it at first start" in output
    assert not (tmp_path / "data" / "flashback.db").exists()  # the doctor only looks


def test_a_configuration_error_is_a_finding_without_the_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FLASHBACK_HTTP_PORT", BOT_TOKEN)
    code, output = _doctor()
    assert code == 1
    assert "FAIL  configuration" in output and "FLASHBACK_HTTP_PORT" in output
    assert BOT_TOKEN not in output


def test_problems_are_listed_with_fixes_and_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASHBACK_SLACK_BOT_TOKEN", "xoxp-" + BOT_TOKEN[5:])
    monkeypatch.setenv("FLASHBACK_SLACK_APP_TOKEN", APP_TOKEN)
    code, output = _doctor()
    assert code == 1
    assert "user token (xoxp-)" in output and "fix: copy the" in output
    assert "1 problem(s) to fix" in output
    code, output = _doctor("--json")
    findings = json.loads(output)
    assert {"check": "slack", "status": "fail"}.items() <= _failures_json(findings)[0].items()
    assert BOT_TOKEN[5:] not in output and APP_TOKEN not in output


def _failures_json(findings: list[dict[str, str]]) -> list[dict[str, str]]:
    return [f for f in findings if f["status"] == "fail"]


# --- data directory, corpus ------------------------------------------------------


def test_data_dir_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("not a directory")
    (finding,) = check_data_dir(load_settings(data_dir=tmp_path / "taken"))
    assert finding.status == "fail" and "not writable" in finding.message
    assert "named volume" in finding.fix


def test_corpus_missing_empty_and_partly_broken(tmp_path: Path) -> None:
    (finding,) = check_corpus(load_settings(corpus_dir=tmp_path / "nowhere"))
    assert finding.status == "fail" and "not a directory" in finding.message
    (tmp_path / "empty").mkdir()
    (finding,) = check_corpus(load_settings(corpus_dir=tmp_path / "empty"))
    assert finding.status == "fail" and "no report" in finding.message

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text(
        "# ICLR 2019 notes\n\nThe lottery ticket hypothesis paper was the talk of the week, "
        "and everyone discussed pruning at initialisation over coffee.\n",
        "utf-8",
    )
    (corpus / "huge.txt").write_text("x" * 2_000, "utf-8")
    findings = check_corpus(load_settings(corpus_dir=corpus, max_report_bytes=1_000))
    assert findings[0].status == "ok" and findings[0].message.startswith("1 reports")
    assert any(f.status == "warn" and "huge.txt" in f.message for f in findings)


# --- database -------------------------------------------------------------------------------


async def test_database_current_missing_tables_and_newer_schema(database: Database) -> None:
    settings = database.settings()
    engine = create_engine(database.url, schema=database.schema)
    try:
        if database.kind == "sqlite":  # an existing file without tables
            async with engine.begin() as conn:
                await conn.execute(text("CREATE TABLE unrelated (id INTEGER)"))
            findings = await check_database(settings)
            assert findings[1].status == "warn" and "no tables yet" in findings[1].message
            assert "flashback db upgrade" in findings[1].fix

        await upgrade(engine, schema=database.schema)
        findings = await check_database(settings)
        assert [f.status for f in findings] == ["ok", "ok"]
        assert f"revision {head_revision()}" in findings[1].message

        async with engine.begin() as conn:
            await conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed9999'"))
        findings = await check_database(settings)
        assert findings[1].status == "fail" and "newer version" in findings[1].message
    finally:
        await engine.dispose()


async def test_unreachable_database_hides_the_password() -> None:
    settings = load_settings(database_url="postgresql+asyncpg://bot:s3cr3t-pass@127.0.0.1:1/fb")
    (finding,) = await check_database(settings)
    assert finding.status == "fail" and "cannot use" in finding.message
    assert "s3cr3t-pass" not in finding.message
    assert "FLASHBACK_DATABASE_URL" in finding.fix


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("foo+bar://bot:Zq9-secret-Xy@db/fb", "unknown database driver: foo+bar"),
        ("mysql+aiomysql://bot:Zq9-secret-Xy@db/fb", "not installed (aiomysql)"),
        ("postgresql://bot:Zq9-secret-Xy@127.0.0.1:1/fb", "without asyncio support"),
        ("postgresql+asyncpg://bot:Zq9@secret-Xy@127.0.0.1:1/fb", "unescaped @"),
        ("postgresql+asyncpg://bot:Zq9@secret@Xy@127.0.0.1:1/fb", "unescaped @"),
        ("postgresql+asyncpg://bot:Zq9/secret-Xy@127.0.0.1:1/fb", "percent-encoded"),
        ("postgresql+asyncpg://bot:Zq9-secret-Xy@db:port/fb", "not a database URL"),
        ("Zq9-secret-Xy", "not a database URL"),
    ],
)
async def test_odd_database_urls_are_findings_without_any_part_of_the_password(
    url: str, says: str
) -> None:
    (finding,) = await check_database(load_settings(database_url=url))
    assert finding.status == "fail" and says in finding.message, finding
    for part in ("Zq9", "secret", "Xy"):
        assert part not in finding.message + finding.fix


def test_the_doctor_command_survives_an_unknown_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASHBACK_DATABASE_URL", "foo+bar://bot:Zq9-secret@db/fb")
    code, output = _doctor()
    assert code == 1 and "unknown database driver" in output
    assert "Traceback" not in output and "Zq9" not in output


# --- token shapes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"slack_bot_token": BOT_TOKEN, "slack_app_token": APP_TOKEN}, None),
        ({"slack_bot_token": "xoxp-1-2-3", "slack_app_token": APP_TOKEN}, "user token"),
        ({"slack_bot_token": APP_TOKEN, "slack_app_token": BOT_TOKEN}, "swap them"),
        ({"slack_bot_token": "hello", "slack_app_token": APP_TOKEN}, "does not look like"),
        ({"slack_bot_token": BOT_TOKEN}, "Socket Mode needs"),
        ({"slack_bot_token": BOT_TOKEN, "slack_app_token": "xoxb-1"}, "app-level token (xapp"),
        ({"slack_bot_token": f" {BOT_TOKEN}", "slack_app_token": APP_TOKEN}, "spaces or quotes"),
        ({"slack_bot_token": BOT_TOKEN, "slack_mode": "http"}, "HTTP mode needs"),
        ({"slack_app_token": APP_TOKEN}, "Slack is off"),
    ],
)
def test_slack_token_shapes(values: dict[str, str], expected: str | None) -> None:
    findings = slack_shape(Settings(**values))  # type: ignore[arg-type]
    problems = [f for f in findings if f.status != "ok"]
    if expected is None:
        assert not problems, problems
        return
    assert any(expected in f.message or expected in f.fix for f in problems), findings
    assert all(f.fix for f in problems)
    text_out = " ".join(f.message + f.fix for f in findings)
    assert BOT_TOKEN not in text_out and APP_TOKEN not in text_out


def test_http_mode_signing_secret_shape() -> None:
    good = Settings(
        slack_bot_token=BOT_TOKEN,
        slack_mode="http",  # type: ignore[arg-type]
        slack_signing_secret="8f14e45fceea167a5a36dedd4bea2543",
    )
    assert all(f.status == "ok" for f in slack_shape(good))
    odd = Settings(
        slack_bot_token=BOT_TOKEN,
        slack_mode="http",  # type: ignore[arg-type]
        slack_signing_secret="not-hex",
    )
    assert any(f.status == "warn" and "32 hex" in f.message for f in slack_shape(odd))


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        (DISCORD_TOKEN, None),
        (f"Bot {DISCORD_TOKEN}", 'starts with "Bot "'),
        ("123456789012345678", "numeric id"),
        ("AbCdEfGhIjKlMnOpQrStUvWxYz012345", "client secret"),
        ("not-a-token", "does not look like"),
    ],
)
def test_discord_token_shapes(token: str, expected: str | None) -> None:
    (finding,) = discord_shape(Settings(discord_token=token))  # type: ignore[arg-type]
    if expected is None:
        assert finding.status == "ok"
    else:
        assert finding.status == "fail" and expected in finding.message and finding.fix
        assert token not in finding.message


# --- online ---------------------------------------------------------------------------------


async def test_online_checks_ask_the_platforms() -> None:
    async with FakeSlackAPI() as slack, FakeDiscordAPI() as discord:
        settings = Settings(
            slack_bot_token=BOT_TOKEN,  # type: ignore[arg-type]
            slack_app_token=APP_TOKEN,  # type: ignore[arg-type]
            slack_api_url=slack.api_url,
            discord_token=DISCORD_TOKEN,  # type: ignore[arg-type]
            discord_api_url=discord.base,
        )
        findings = await online_findings(settings)
        assert [f.status for f in findings] == ["ok", "ok", "ok", "ok"], findings
        assert "@flashback in Fake Team" in findings[0].message
        assert "every scope it needs" in findings[1].message
        assert "bot flashback" in findings[3].message
        (auth,) = slack.calls_to("auth.test")
        assert auth.headers["Authorization"] == f"Bearer {BOT_TOKEN}"
        (connect,) = slack.calls_to("apps.connections.open")
        assert connect.headers["Authorization"] == f"Bearer {APP_TOKEN}"
        (me,) = discord.calls_to("/users/@me")
        assert me.headers["Authorization"] == f"Bot {DISCORD_TOKEN}"

        slack.fail("auth.test", status=200, body={"ok": False, "error": "invalid_auth"})
        slack.fail("apps.connections", status=200, body={"ok": False, "error": "token_revoked"})
        discord.fail("/users/@me", status=401, body={"message": "401: Unauthorized", "code": 0})
        findings = await online_findings(settings)
        assert [f.status for f in findings] == ["fail", "fail", "fail"]
        assert "Slack does not know this token" in findings[0].message
        assert "revoked" in findings[1].message
        assert "401" in findings[2].message and "Reset" in findings[2].fix


async def test_online_checks_report_an_unreachable_platform() -> None:
    settings = Settings(
        slack_bot_token=BOT_TOKEN,  # type: ignore[arg-type]
        slack_app_token=APP_TOKEN,  # type: ignore[arg-type]
        slack_api_url="http://127.0.0.1:1/api/",
        discord_token=DISCORD_TOKEN,  # type: ignore[arg-type]
        discord_api_url="http://127.0.0.1:1/api/v10",
    )
    findings = await online_findings(settings)
    assert all(f.status == "fail" and "cannot reach" in f.message for f in findings)
    assert "FLASHBACK_SLACK_API_URL" in findings[0].fix
    # One line per platform: the app token goes to the same unreachable Slack API.
    assert [f.check for f in findings] == ["slack online", "discord online"]


def test_doctor_says_which_settings_it_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.ops.doctor import check_env_file

    for name in [n for n in os.environ if n.startswith("FLASHBACK_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    [nothing] = check_env_file()
    assert nothing.status == "warn" and str(tmp_path) in nothing.message
    (tmp_path / ".env").write_text("FLASHBACK_LOG_LEVEL=INFO\n")
    [found] = check_env_file()
    assert found.status == "ok" and str(tmp_path / ".env") in found.message
