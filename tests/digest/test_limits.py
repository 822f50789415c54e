"""Platform limits: validators name what is over, fitters trim instead of failing."""

from __future__ import annotations

from typing import Any

from bot.adapters.discord.limits import fit_discord, validate_discord
from bot.adapters.slack.limits import fit_slack, validate_slack
from bot.digest.limits import clip, units
from bot.digest.text import topic_pattern, trim_text


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def test_slack_validator_names_each_problem() -> None:
    payload = {
        "text": "x",
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": "h" * 151}},
            _section("s" * 3001),
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11},
            {"type": "section", "fields": [{"type": "mrkdwn", "text": "f" * 2001}] * 11},
            _section("<!channel> look"),
        ]
        + [{"type": "divider"}] * 46,
    }
    problems = validate_slack(payload)
    assert "51 blocks, limit 50" in problems
    assert any("header" in p and "151" in p for p in problems)
    assert any("section" in p and "3001" in p for p in problems)
    assert any("11 elements" in p for p in problems)
    assert any("11 fields" in p for p in problems)
    assert any("2001" in p for p in problems)
    assert any("<!channel>" in p for p in problems)


def test_fit_slack_trims_into_every_limit() -> None:
    payload = {
        "text": "t" * 50_000,
        "blocks": [{"type": "header", "text": {"type": "plain_text", "text": "word " * 100}}]
        + [_section("a &amp; b " * 500)] * 60
        + [{"type": "context", "elements": [{"type": "mrkdwn", "text": "footer"}] * 12}],
    }
    fitted = fit_slack(payload)
    assert validate_slack(fitted) == []
    assert len(fitted["blocks"]) == 50
    assert fitted["blocks"][-1]["elements"][0]["text"] == "footer"
    assert fitted["blocks"][0]["text"]["text"].endswith("word…")


def test_discord_validator_and_fitter() -> None:
    embed = {
        "title": "t" * 300,
        "description": "d" * 5000,
        "url": "javascript:alert(1)",
        "fields": [{"name": "n" * 300, "value": "v" * 2000}] * 26 + [{"name": "", "value": ""}],
        "footer": {"text": "f" * 3000},
    }
    payload = {"content": "@everyone " + "c" * 2100, "embeds": [embed] * 11}
    problems = validate_discord(payload)
    for expected in (
        "content",
        "11 embeds",
        "title",
        "description",
        "27 fields",
        "footer",
        "empty name",
        "embeds total",
        "url",
        "ping survives",
    ):
        assert any(expected in p for p in problems), expected
    fitted = fit_discord(payload)
    assert validate_discord(fitted) == []
    assert fitted["embeds"], "trimming keeps what fits rather than dropping everything"


def test_discord_total_is_met_by_shortening_descriptions_first() -> None:
    embeds = [{"title": f"paper {i}", "description": "word " * 400} for i in range(5)]
    fitted = fit_discord({"content": "hi", "embeds": embeds})
    assert len(fitted["embeds"]) == 5
    assert sum(units(e["title"]) + units(e["description"]) for e in fitted["embeds"]) <= 6000


def test_clip_never_leaves_half_an_escape_or_link() -> None:
    assert clip("abc &amp; def", 7) == "abc…"
    assert clip("see <https://example.org/long|the paper> now", 20) == "see…"
    assert clip("a \\* b", 4) == "a…"
    assert clip("short", 10) == "short"
    assert units(clip("🧙" * 100, 11)) <= 11  # emoji count twice (UTF-16), as the platforms do


def test_quotes_are_trimmed_at_a_sentence_or_word_boundary() -> None:
    text = "GANs were everywhere. The best poster, e.g. on dissection, drew crowds all day long."
    assert trim_text(text, 40) == "GANs were everywhere."
    assert trim_text(text, 70) == "GANs were everywhere. The best poster, e.g. on dissection, drew…"
    assert trim_text("x" * 50, 10) == "x" * 9 + "…"


def test_topic_pattern_words() -> None:
    pattern = topic_pattern(["pruning", "GANs"])
    assert pattern is not None
    for text in ("we prune", "pruned nets", "a GAN", "two GANs", "Pruning!"):
        assert pattern.search(text), text
    for text in ("organs", "gangs", "prunella"):
        assert not pattern.search(text), text
