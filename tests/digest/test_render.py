"""Rendering digests: one environment with overrides, typed context, escaping, valid payloads."""

from __future__ import annotations

import ast
import inspect
import json
from dataclasses import fields
from pathlib import Path

import pytest

from bot.adapters.discord.limits import validate_discord
from bot.adapters.slack.limits import validate_slack
from bot.calendar import load_calendar
from bot.digest import context as context_module
from bot.digest.context import DigestContext, HighlightContext, build_context, format_dates
from bot.digest.model import Digest, Highlight
from bot.digest.render import PLATFORMS, make_environment, render_digest
from bot.digest.safety import find_pings
from bot.digest.select import choose_digest
from tests.support.digest_corpus import sample_corpus

ENV = make_environment(None)


def _digest(**highlight: object) -> Digest:
    values: dict[str, object] = {
        "paper_id": "arxiv:1803.03635",
        "paper": "The Lottery Ticket Hypothesis",
        "url": "https://arxiv.org/abs/1803.03635",
        "conference": "ICLR",
        "year": 2019,
        "report": "Notes from ICLR 2019",
        "report_id": "notes.md",
        "quote": "Sparse subnetworks train to full accuracy.",
        "snippet_id": "notes.md#1",
    }
    values.update(highlight)
    return Digest(
        week="2026-W19",
        headline="ICLR 2019 opened in New Orleans this week, 7 years ago",
        anniversary=None,
        highlights=[Highlight(**values)],  # type: ignore[arg-type]
    )


def _all_text(payload: object) -> str:
    return json.dumps(payload, ensure_ascii=False)


def test_slack_digest_opens_with_the_flashback_and_links_each_paper() -> None:
    digest = choose_digest(sample_corpus(), load_calendar(), "2026-W19")
    payload = render_digest(digest, "slack", ENV)
    assert isinstance(payload, dict)
    blocks = payload["blocks"]
    assert blocks[0]["type"] == "header"
    assert blocks[1]["text"]["text"] == "*ICLR 2019 opened in New Orleans this week, 7 years ago*"
    assert "New Orleans, USA · May 6–9, 2019" in blocks[2]["elements"][0]["text"]
    first = blocks[4]["text"]["text"]
    assert first.startswith("*<https://arxiv.org/abs/1803.03635|The Lottery Ticket Hypothesis>*")
    assert "discussed at ICLR 2019 · from _Tobias Hinz’s ICLR 2019 trip report_" in first
    assert "/paper &lt;words&gt;" in blocks[-1]["elements"][0]["text"]
    assert validate_slack(payload) == []


def test_discord_digest_has_one_embed_per_highlight_and_allows_no_mentions() -> None:
    digest = choose_digest(sample_corpus(), load_calendar(), "2026-W19")
    payload = render_digest(digest, "discord", ENV)
    assert isinstance(payload, dict)
    assert payload["content"].startswith("**ICLR 2019 opened in New Orleans this week")
    assert len(payload["embeds"]) == 4
    assert payload["embeds"][0]["url"] == "https://arxiv.org/abs/1803.03635"
    assert payload["embeds"][-1]["footer"]["text"].startswith("Look a paper up with /paper")
    assert payload["allowed_mentions"] == {"parse": []}
    assert validate_discord(payload) == []


def test_text_and_html_digests() -> None:
    digest = choose_digest(sample_corpus(), load_calendar(), "2026-W19")
    text = render_digest(digest, "text", ENV)
    html = render_digest(digest, "html", ENV)
    assert isinstance(text, str) and isinstance(html, str)
    assert text.splitlines()[1] == "ICLR 2019 opened in New Orleans this week, 7 years ago"
    assert "1. The Lottery Ticket Hypothesis — discussed at ICLR 2019" in text
    assert "   from Tobias Hinz’s ICLR 2019 trip report" in text
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert '<a href="https://arxiv.org/abs/1803.03635">The Lottery Ticket Hypothesis</a>' in html
    assert "<link" not in html and "<script" not in html and "src=" not in html  # self-contained


HOSTILE = (
    "Ping <!channel> <!here|here> <!everyone> <@U123ABC> @everyone @here <@123> <@!45> <@&67>"
    ' & <b>"x"</b> *bold* _i_ `c` ~s~ || [link](http://x) # h'
)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_corpus_text_can_never_ping(platform: str) -> None:
    digest = _digest(paper=HOSTILE, quote=HOSTILE, report=HOSTILE)
    output = render_digest(digest, platform, ENV)  # type: ignore[arg-type]
    assert find_pings(_all_text(output) if isinstance(output, dict) else output) == []


def test_slack_escapes_ampersand_and_angle_brackets() -> None:
    payload = render_digest(_digest(quote="a < b && c > d"), "slack", ENV)
    assert isinstance(payload, dict)
    assert ">a &lt; b &amp;&amp; c &gt; d" in payload["blocks"][3]["text"]["text"]
    assert all(
        b["text"].get("verbatim")
        for b in payload["blocks"]
        if b.get("text", {}).get("type") == "mrkdwn"
    )


def test_discord_escapes_markdown() -> None:
    payload = render_digest(_digest(quote="*bold* and [x](http://evil)"), "discord", ENV)
    assert isinstance(payload, dict)
    assert payload["embeds"][0]["description"] == r"> \*bold\* and \[x\]\(http://evil\)"


def test_html_is_autoescaped_and_keeps_only_web_links() -> None:
    digest = _digest(quote="<script>alert(1)</script>", url="javascript:alert(1)")
    html = render_digest(digest, "html", ENV)
    assert isinstance(html, str)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html


@pytest.mark.parametrize("platform", ["slack", "discord"])
def test_json_templates_give_valid_json_for_any_text(platform: str) -> None:
    tricky = 'quote " backslash \\ newline \n tab \t nul \x00 emoji 🧙\u200d♂️ rtl שלום عربي'
    payload = render_digest(_digest(quote=tricky, paper=tricky), platform, ENV)  # type: ignore[arg-type]
    assert isinstance(payload, dict)
    assert "🧙" in _all_text(payload) and "שלום" in _all_text(payload)


def test_a_user_template_directory_overrides_and_can_extend_the_default(tmp_path: Path) -> None:
    (tmp_path / "slack").mkdir()
    (tmp_path / "slack" / "digest.json.j2").write_text(
        '{% extends "default:slack/digest.json.j2" %}'
        "{% block footer_text %}Questions? Ask in #reading-group & <friends>{% endblock %}",
        encoding="utf-8",
    )
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "digest.txt.j2").write_text("Only: {{ headline }}\n", encoding="utf-8")
    env = make_environment(tmp_path)
    payload = render_digest(_digest(), "slack", env)
    assert isinstance(payload, dict)
    footer = payload["blocks"][-1]["elements"][0]["text"]
    assert footer == "Questions? Ask in #reading-group &amp; &lt;friends&gt;"
    assert payload["blocks"][0]["type"] == "header"  # the rest is the default's
    assert render_digest(_digest(), "text", env) == (
        "Only: ICLR 2019 opened in New Orleans this week, 7 years ago\n"
    )
    assert render_digest(_digest(), "html", env) == render_digest(_digest(), "html", ENV)


def test_templates_dir_setting_is_used_when_no_environment_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "digest.txt.j2").write_text("custom {{ week }}", encoding="utf-8")
    monkeypatch.setenv("FLASHBACK_TEMPLATES_DIR", str(tmp_path))
    assert render_digest(_digest(), "text") == "custom 2026-W19"


def test_the_template_context_is_typed_and_every_field_documented() -> None:
    source = ast.parse(inspect.getsource(context_module))
    lines = inspect.getsource(context_module).splitlines()
    for cls in (DigestContext, HighlightContext):
        node = next(
            n for n in source.body if isinstance(n, ast.ClassDef) and n.name == cls.__name__
        )
        documented = {
            stmt.target.id
            for stmt in node.body
            if isinstance(stmt, ast.AnnAssign)
            and isinstance(stmt.target, ast.Name)
            and "#:" in lines[stmt.lineno - 1]
        }
        assert documented == {f.name for f in fields(cls)}, cls.__name__


def test_the_context_carries_plain_ping_free_text_and_clean_links() -> None:
    context = build_context(_digest(quote="hi @everyone", url="ftp://x"), "slack")
    assert context.highlights[0].quote == "hi @\u200deveryone"
    assert context.highlights[0].url is None
    assert context.highlights[0].label == "ICLR 2019"
    assert context.title == "Conference Flashback · week 19, 2026"
    assert set(context.variables()) == {f.name for f in fields(DigestContext)}


def test_dates_read_naturally() -> None:
    from datetime import date

    assert format_dates(date(2019, 5, 6), date(2019, 5, 9)) == "May 6–9, 2019"
    assert format_dates(date(2018, 4, 30), date(2018, 5, 3)) == "April 30 – May 3, 2018"


def test_an_empty_digest_still_renders_everywhere() -> None:
    empty = Digest(week="2026-W19", headline="Nothing yet", anniversary=None)
    for platform in PLATFORMS:
        output = render_digest(empty, platform, ENV)
        assert (
            "no highlights" in (_all_text(output) if isinstance(output, dict) else output).lower()
        )
