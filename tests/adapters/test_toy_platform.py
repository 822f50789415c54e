"""A third platform touches adapters and templates only: a toy platform, registered from here.

Everything the toy needs is in this file, the way a package under bot/adapters/ would hold
it (a profile with its escaping, limits and checks; an adapter; a ChatPlatform), plus its
templates, written to a FLASHBACK_TEMPLATES_DIR. Nothing in bot/ names it, yet the runtime
connects it, the real delivery posts a digest through its templates and fitter, the chat
commands answer on it, and `flashback digest preview --platform toy` renders for it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment
from typer.testing import CliRunner

from bot.adapters.platforms import (
    ChatPlatform,
    Connection,
    chat_platforms,
    register_platform,
    unregister_platform,
)
from bot.adapters.runtime import connections_for, describe
from bot.app import App
from bot.chat.commands import run_flashback
from bot.chat.parse import parse_flashback
from bot.chat.render import render_digest_payload, render_reply
from bot.chat.replies import Reply
from bot.cli import app as cli
from bot.digest.limits import check_count, check_length, clip, ping_problems
from bot.digest.model import Digest, Highlight
from bot.digest.platforms import PLATFORMS, PlatformProfile
from bot.digest.render import make_environment, render_digest
from bot.digest.safety import defuse, defuse_payload, find_pings
from bot.digest.validate import problems_in
from bot.ports import ChannelRef, Invocation
from bot.settings import load_settings

# --- what bot/adapters/toy/ would hold ------------------------------------------------------

TOY_LINES = 6  # the toy platform shows at most six lines of at most 80 characters
TOY_LINE = 80


def escape_toy(text: str) -> str:
    """Toy markup: '|' separates cells, so a literal one is doubled."""
    return defuse(text).replace("|", "||")


def fit_toy(payload: dict[str, Any]) -> dict[str, Any]:
    lines = [clip(str(line), TOY_LINE) for line in payload.get("lines", [])]
    return defuse_payload({"lines": lines[:TOY_LINES]})


def validate_toy(payload: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    lines = payload.get("lines", [])
    check_count(problems, "", lines, "lines", TOY_LINES)
    for i, line in enumerate(lines):
        check_length(problems, f"line {i}", str(line), TOY_LINE)
    return problems + ping_problems(payload)


TOY_PROFILE = PlatformProfile(
    "toy",
    suffix="json.j2",
    escape=escape_toy,
    escape_filter="toy",
    fit=fit_toy,
    validate=validate_toy,
)


class ToyAdapter:
    """Every ChatAdapter method, over lists in memory."""

    platform = "toy"
    manager_hint = "toy admins"

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.posted: list[tuple[ChannelRef, str, dict[str, Any]]] = []
        self.answers: list[dict[str, Any]] = []
        self.closed = False

    async def post_digest(self, channel: ChannelRef, digest: Digest) -> str:
        payload = render_digest_payload(digest, "toy", self.env)
        self.posted.append((channel, digest.week, payload))
        return f"toy-{len(self.posted)}"

    async def find_digest(self, channel: ChannelRef, week: str) -> str | None:
        found = [i for i, (c, w, _) in enumerate(self.posted, 1) if (c, w) == (channel, week)]
        return f"toy-{found[0]}" if found else None

    async def is_manager(self, invocation: Invocation) -> bool:
        return invocation.user == "admin"

    async def respond(self, invocation: Invocation, reply: Reply) -> None:
        self.answers.append(render_reply(reply, "toy", self.env))

    async def posting_problem(self, invocation: Invocation) -> str | None:
        return None

    async def close(self) -> None:
        self.closed = True


async def connect_toy(app: App, env: Environment) -> Connection:
    adapter = ToyAdapter(env)

    async def start() -> None:
        return None

    return Connection("toy", adapter, start, adapter.close, lambda: True)


TOY = ChatPlatform(TOY_PROFILE, enabled=lambda settings: True, connect=connect_toy)

# --- what templates/toy/ would hold ---------------------------------------------------------

TEMPLATES = {
    "digest.json.j2": """{"lines": [{{ title | toy | json }}, {{ headline | toy | json }}
{%- for h in highlights %}, {{ (h.number ~ ". " ~ (h.title | toy) ~ " | " ~ (h.quote | toy)) | json }}
{%- endfor %}, {{ footer | toy | json }}]}
""",
    "reply.json.j2": """{"lines": [{{ view.title | toy | json }}
{%- for line in view.lines %}, {{ line | inline("toy") | json }}{% endfor %}]}
""",
}


@pytest.fixture
def toy_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    (folder / "toy").mkdir(parents=True)
    for name, text in TEMPLATES.items():
        (folder / "toy" / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def toy_platform() -> Iterator[ChatPlatform]:
    register_platform(TOY)
    try:
        yield TOY
    finally:
        unregister_platform("toy")


def _digest(highlights: int, text: str = "Sparse subnetworks train well.") -> Digest:
    return Digest(
        week="2026-W19",
        headline="ICLR 2019 opened in New Orleans this week, 7 years ago",
        anniversary=None,
        highlights=[
            Highlight(
                paper_id=f"p{i}",
                paper=f"Paper {i} | {text}",
                url=None,
                conference="ICLR",
                year=2019,
                report="Notes",
                report_id="notes.md",
                quote=text,
                snippet_id=f"notes.md#{i}",
            )
            for i in range(1, highlights + 1)
        ],
    )


# --- the tests ------------------------------------------------------------------------------


def test_rendering_finds_the_toy_through_its_profile(
    toy_platform: ChatPlatform, toy_templates: Path
) -> None:
    assert "toy" in PLATFORMS and toy_platform in chat_platforms()
    env = make_environment(toy_templates)
    payload = render_digest(_digest(8, "Ping <!channel> and @everyone " + "x" * 100), "toy", env)
    assert isinstance(payload, dict)
    lines = payload["lines"]
    assert len(lines) == TOY_LINES  # fitted: eight highlights do not fit in six lines
    assert lines[2].startswith("1. Paper 1 || Ping")  # escaped with the toy's filter
    assert all(len(line) <= TOY_LINE for line in lines)
    assert find_pings(json.dumps(payload)) == []
    assert problems_in(payload, "toy") == []
    assert problems_in({"lines": ["x"] * 7}, "toy") == ["7 lines, limit 6"]


async def test_the_bot_runs_delivers_and_answers_on_the_toy(
    toy_platform: ChatPlatform, toy_templates: Path, tmp_path: Path
) -> None:
    settings = load_settings(data_dir=tmp_path / "data", templates_dir=toy_templates)
    assert describe(settings) == "chat platforms enabled: toy"
    app = await App.open(settings)
    try:
        [connection] = await connections_for(app, make_environment(settings.templates_dir))
        adapter = connection.adapter
        assert isinstance(adapter, ToyAdapter)
        app.add_adapter(adapter)
        await connection.start()
        channel = ChannelRef("toy", "W1", "C1")
        await app.service.subscribe(channel, actor="admin", weekday="wed", timezone="UTC")

        outcome = await app.service.send_now(channel)
        assert outcome.status == "sent" and outcome.message_id == "toy-1"
        [(posted_to, week, payload)] = adapter.posted
        assert posted_to == channel and payload["lines"][0].startswith("Conference Flashback")
        assert problems_in(payload, "toy") == []
        assert await adapter.find_digest(channel, week) == "toy-1"

        for user, expected in (("admin", "already posted"), ("guest", "Only toy admins")):
            invocation = Invocation(channel, user)
            command = parse_flashback("now")
            manager = await adapter.is_manager(invocation)
            reply = await run_flashback(
                app.service, channel, user, manager, command, manager_hint=adapter.manager_hint
            )
            await adapter.respond(invocation, reply)
            assert expected in adapter.answers[-1]["lines"][0]
    finally:
        await connection.close()
        await app.close()
    assert adapter.closed


def test_the_cli_previews_for_the_toy(
    toy_platform: ChatPlatform, toy_templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLASHBACK_TEMPLATES_DIR", str(toy_templates))
    result = CliRunner().invoke(
        cli, ["digest", "preview", "--week", "2026-W19", "--platform", "toy"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["lines"][1] == "ICLR 2019 opened in New Orleans this week, 7 years ago"
    assert problems_in(payload, "toy") == []
