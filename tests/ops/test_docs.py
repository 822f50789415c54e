"""The configuration reference: every setting documented in README.md and .env.example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.ops.generated_docs import DocFiles, stale_docs
from bot.ops.settings_reference import (
    END_MARKER,
    START_MARKER,
    env_example,
    markdown_table,
    replace_section,
    setting_docs,
)
from bot.ops.usage_docs import COMMANDS_END, COMMANDS_START
from bot.settings import Settings, env_name, load_settings
from tests.conftest import REPO_ROOT

SETTINGS = [env_name(name) for name in Settings.model_fields]


def _readme_section() -> str:
    text = (REPO_ROOT / "README.md").read_text("utf-8")
    assert START_MARKER in text and END_MARKER in text, "README.md lost the settings markers"
    return text.split(START_MARKER, 1)[1].split(END_MARKER, 1)[0]


@pytest.mark.parametrize("variable", SETTINGS)
def test_every_setting_is_in_the_readme_reference(variable: str) -> None:
    assert f"`{variable}`" in _readme_section(), f"{variable} missing: run `make docs`"


@pytest.mark.parametrize("variable", SETTINGS)
def test_every_setting_is_in_env_example(variable: str) -> None:
    text = (REPO_ROOT / ".env.example").read_text("utf-8")
    assert re.search(rf"^# {variable}=", text, re.M), f"{variable} missing: run `make docs`"


def test_no_documented_setting_is_gone() -> None:
    documented = set(re.findall(r"FLASHBACK_[A-Z0-9_]+", _readme_section()))
    documented |= set(re.findall(r"^# (FLASHBACK_[A-Z0-9_]+)=", _env_text(), re.M))
    assert documented <= set(SETTINGS), "documented but not a setting: run `make docs`"


def test_the_generated_docs_are_up_to_date() -> None:
    # Catches a changed default, description or command usage too, not only a missing setting.
    files = DocFiles(
        REPO_ROOT / "README.md", REPO_ROOT / ".env.example", REPO_ROOT / "slack-manifest.yml"
    )
    stale = stale_docs(files)
    assert not stale, f"out of date: {', '.join(p.name for p in stale)}: run `make docs`"


def _env_text() -> str:
    return (REPO_ROOT / ".env.example").read_text("utf-8")


def test_the_table_has_a_row_per_setting_and_marks_secrets() -> None:
    table = markdown_table()
    rows = [line for line in table.splitlines() if line.startswith("| `FLASHBACK_")]
    assert len(rows) == len(SETTINGS)
    token_row = next(r for r in rows if "FLASHBACK_SLACK_BOT_TOKEN" in r)
    assert "(secret)" in token_row
    assert all(doc.description for doc in setting_docs()), "every Field needs a description"


def test_computed_defaults_are_described_not_machine_specific() -> None:
    table = markdown_table()
    assert "*the shipped corpus*" in table
    assert str(REPO_ROOT) not in table  # the checkout's path would differ on every machine


def test_env_example_leaves_everything_commented_so_defaults_apply() -> None:
    # Copied to .env as is, it must change nothing (an empty token would count as "set").
    settings_lines = [line for line in env_example().splitlines() if "FLASHBACK_" in line]
    assert all(line.startswith("#") for line in settings_lines)


def test_replace_section_rewrites_only_between_the_markers() -> None:
    text = f"intro\n{START_MARKER}\nold\n{END_MARKER}\noutro\n"
    assert replace_section(text, "new\n") == f"intro\n{START_MARKER}\nnew\n{END_MARKER}\noutro\n"
    with pytest.raises(ValueError, match="markers"):
        replace_section("no markers here", "x")


def test_settings_reference_command_prints_the_table_and_env_example() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["settings", "reference"])
    assert result.exit_code == 0
    assert result.output == markdown_table()
    result = runner.invoke(app, ["settings", "reference", "--env"])
    assert result.output == env_example()


def test_settings_docs_writes_and_then_checks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    readme, env_file = tmp_path / "README.md", tmp_path / ".env.example"
    manifest = tmp_path / "slack-manifest.yml"
    commands = f"{COMMANDS_START}\n{COMMANDS_END}\n"
    readme.write_text(f"# x\n{START_MARKER}\n{END_MARKER}\n{commands}", "utf-8")
    manifest.write_text(
        (REPO_ROOT / "slack-manifest.yml").read_text("utf-8").replace("[size=N] ", ""), "utf-8"
    )
    runner = CliRunner()
    args = ["settings", "docs", "--readme", str(readme), "--env-file", str(env_file)]
    args += ["--manifest", str(manifest)]
    assert runner.invoke(app, [*args, "--check"]).exit_code == 1
    assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, [*args, "--check"]).exit_code == 0
    assert "`FLASHBACK_DATA_DIR`" in readme.read_text("utf-8")
    assert "[size=N]" in readme.read_text("utf-8") and "[size=N]" in manifest.read_text("utf-8")


def test_settings_show_masks_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASHBACK_DISCORD_TOKEN", "very-secret-discord-token-value")
    monkeypatch.setenv("FLASHBACK_DATABASE_URL", "postgresql+asyncpg://bot:pa55word@db/fb")
    result = CliRunner().invoke(app, ["settings", "show"])
    assert result.exit_code == 0
    assert "very-secret-discord-token-value" not in result.output
    assert "pa55word" not in result.output
    assert re.search(r"FLASHBACK_DISCORD_TOKEN\s+\(set\)", result.output)


def test_env_example_with_every_line_uncommented_is_the_defaults(tmp_path: Path) -> None:
    # What a user gets from `sed 's/^# //' .env.example > .env`: every empty value means
    # "not set", and every other value is the default it documents.
    lines = [line[2:] for line in _env_text().splitlines() if re.match(r"# [A-Z_]+=", line)]
    (tmp_path / ".env").write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded, defaults = load_settings(), Settings(_env_file=None)
    for name in Settings.model_fields:
        if name != "replica_id":  # random per process
            assert getattr(loaded, name) == getattr(defaults, name), name
    assert loaded.slack_bot_token is None and loaded.discord_shards is None
    assert loaded.database_schema is None


def test_an_empty_variable_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_SCHEMA", "DISCORD_SHARDS", "SLACK_BOT_TOKEN", "DATA_DIR"):
        monkeypatch.setenv(f"FLASHBACK_{name}", "")
    settings = load_settings()
    assert settings.database_schema is None and settings.discord_shards is None
    assert settings.slack_bot_token is None and settings.data_dir == Path("data")


def test_replica_ids_differ_between_processes_on_one_host() -> None:
    import subprocess
    import sys

    script = "from bot.settings import Settings; print(Settings().replica_id)"
    ids = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True).stdout
        for _ in range(2)
    } | {Settings().replica_id, Settings().replica_id}
    assert len(ids) == 4
