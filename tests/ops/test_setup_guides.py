"""docs/slack.md and docs/discord.md as a first-time self-hoster follows them.

Every command is shown as it runs after the README's set-up (`.venv/bin/flashback ...`) and
under Docker, exists with those arguments, and the steps come in an order that works.
"""

from __future__ import annotations

import re
import shlex

import pytest
from typer.testing import CliRunner

from bot.adapters.slack.scopes import REQUIRED_SCOPES
from bot.chat.subcommands import help_entries
from bot.chat.usage import Syntax
from bot.cli import app
from tests.conftest import REPO_ROOT

GUIDES = {"slack": REPO_ROOT / "docs/slack.md", "discord": REPO_ROOT / "docs/discord.md"}
_SH_BLOCK = re.compile(r"```sh\n(.*?)```", re.DOTALL)
_VENV = ".venv/bin/flashback "  # after the README's `make setup`
_EXEC = "docker compose exec bot flashback "  # in the running container
_RUN = "docker compose run --rm bot "  # a fresh container; the entrypoint adds `flashback`
_NO_TWIN = {"run", "console"}  # Docker runs the bot with `docker compose up -d`


def _text(guide: str) -> str:
    return GUIDES[guide].read_text("utf-8")


def _commands(guide: str) -> list[str]:
    """The shell lines of a guide, without comments or indentation."""
    lines = []
    for block in _SH_BLOCK.findall(_text(guide)):
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            if line and "=" not in line.split()[0]:  # not a .env line
                lines.append(line)
    return lines


def _flashback_args(line: str) -> list[str] | None:
    for prefix in (_VENV, _EXEC, _RUN):
        if line.startswith(prefix):
            return shlex.split(line[len(prefix) :].replace("<", "'<").replace(">", ">'"))
    return None


@pytest.mark.parametrize("guide", GUIDES)
def test_every_command_runs_as_installed(guide: str) -> None:
    for line in _commands(guide):
        assert not line.startswith("flashback "), f"{guide}: {line!r} needs .venv/bin/ or Docker"
        if "flashback" in line and _flashback_args(line) is None:
            pytest.fail(f"{guide}: {line!r} is neither the clone's nor Docker's form")


@pytest.mark.parametrize("guide", GUIDES)
def test_every_clone_command_has_its_docker_twin(guide: str) -> None:
    lines = _commands(guide)
    docker = {tuple(_flashback_args(line) or ()) for line in lines if "docker" in line}
    for line in lines:
        args = _flashback_args(line) or ["run"]
        # --client-id: a variant of the line above it
        if line.startswith(_VENV) and args[0] not in _NO_TWIN and "--client-id" not in args:
            assert tuple(args) in docker, f"{guide}: no Docker form of {line!r}"


@pytest.mark.parametrize("guide", GUIDES)
def test_every_documented_command_exists(guide: str) -> None:
    for line in _commands(guide):
        args = _flashback_args(line)
        if args:
            options = [a if not a.startswith("<") else "1" for a in args]
            result = CliRunner().invoke(app, [*options, "--help"])
            assert result.exit_code == 0, f"{guide}: {line!r}: {result.output}"


def test_discord_invites_before_it_syncs() -> None:
    lines = _commands("discord")
    first = {
        word: next(i for i, line in enumerate(lines) if word in line)
        for word in ("discord invite", "discord sync", "doctor --online")
    }
    assert first["doctor --online"] < first["discord invite"] < first["discord sync"]
    text = _text("discord")
    assert "Public Bot" in text and "--clear" in text and "up to an hour" not in text


def test_slack_says_what_a_first_time_user_needs() -> None:
    text = _text("slack")
    for needed in ("Copy member", "Reinstall to Workspace", '- "3000:3000"', "Channel Manager"):
        assert needed in text, needed
    for scope in REQUIRED_SCOPES:
        assert f"`{scope}`" in text, scope


@pytest.mark.parametrize(("guide", "syntax"), [("slack", "text"), ("discord", "options")])
def test_each_guide_shows_its_platforms_syntax(guide: str, syntax: Syntax) -> None:
    text = _text(guide)
    for entry in help_entries(syntax):
        assert f"`{entry.usage}`" in text, f"{guide} lacks {entry.usage}"
