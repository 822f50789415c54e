"""`flashback digest preview|year`: the weekly flashback as a channel would get it."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer

from bot.cli.common import CorpusOption, corpus_settings, err_console
from bot.digest.platforms import PLATFORMS, profile

app = typer.Typer(help="Preview the weekly conference flashback.", no_args_is_help=True)

PlatformOption = typer.Option(
    "text", "--platform", help=" | ".join(PLATFORMS), case_sensitive=False
)
TopicsOption = typer.Option(None, "--topics", help="Comma-separated topics, e.g. pruning,gans.")
CountOption = typer.Option(None, "--count", min=1, max=10, help="Highlights per digest.")


def _fail(message: str) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(2)


def _week(week: str | None, on: str | None, tz: str) -> str:
    """The ISO week asked for: --week, else the week of --date, else this week in --tz."""
    from bot.digest.weeks import format_week, iso_week_for, parse_week, week_of

    if week and on:
        raise _fail("give --week or --date, not both")
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail(f"--tz {tz!r} is not an IANA timezone such as Europe/Berlin") from None
    if week:
        try:
            return format_week(*parse_week(week))
        except ValueError as exc:
            raise _fail(f"--week: {exc}") from None
    if on:
        try:
            return week_of(date.fromisoformat(on))
        except ValueError:
            raise _fail(f"--date {on!r} is not a date; write it like 2026-05-06") from None
    return iso_week_for(datetime.now(ZoneInfo("UTC")), tz)


def _platform(name: str) -> str:
    """The --platform asked for, among the registered ones (bot.digest.platforms)."""
    if name.lower() not in PLATFORMS:
        raise _fail(f"--platform {name!r}: choose one of {', '.join(PLATFORMS)}")
    return name.lower()


def _topics(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()]


def digest_json(digest: Any) -> dict[str, Any]:
    """The stable --json shape: week, headline and the highlights' plain fields."""
    return {
        "week": digest.week,
        "headline": digest.headline,
        "highlights": [
            {
                "paper": h.paper,
                "conference": h.conference,
                "year": h.year,
                "report": h.report,
                "quote": h.quote,
                "url": h.url,
            }
            for h in digest.highlights
        ],
    }


def _print(output: dict[str, Any] | str) -> None:
    if isinstance(output, str):
        typer.echo(output, nl=not output.endswith("\n"))
    else:
        typer.echo(json.dumps(output, indent=2, ensure_ascii=False))


@app.command()
def preview(
    week: str | None = typer.Option(None, "--week", help="ISO week, e.g. 2026-W19."),
    on: str | None = typer.Option(None, "--date", help="A date in the week, e.g. 2026-05-06."),
    tz: str | None = typer.Option(None, "--tz", help="Timezone for 'this week' (IANA name)."),
    platform: str = PlatformOption,
    topics: str | None = TopicsOption,
    count: int | None = CountOption,
    corpus: Path | None = CorpusOption,
    json_output: bool = typer.Option(False, "--json", help="The stable JSON of the digest."),
) -> None:
    """Print this week's (or another week's) digest as the platform would get it."""
    from bot.calendar import load_calendar
    from bot.corpus.configured import load_configured_corpus
    from bot.digest.render import make_environment, render_digest
    from bot.digest.select import choose_digest

    settings = corpus_settings(corpus)
    chosen_week = _week(week, on, tz or settings.default_timezone)
    chosen_platform = _platform(platform)
    loaded = load_configured_corpus(settings)
    digest = choose_digest(
        loaded,
        load_calendar(),
        chosen_week,
        size=count or settings.digest_size,
        topics=_topics(topics),
    )
    if json_output and not profile(chosen_platform).structured:  # a payload is JSON already
        _print(digest_json(digest))
        return
    _print(render_digest(digest, chosen_platform, make_environment(settings.templates_dir)))


def _year_rows(
    loaded: Any, target: int, platform: str, size: int, topics: list[str], env: Any
) -> list[dict[str, Any]]:
    """Plain `digest year`: every week rendered and checked, the history carried along."""
    from bot.calendar import load_calendar
    from bot.digest.claims import date_claim_problems
    from bot.digest.render import render_digest
    from bot.digest.validate import problems_in
    from bot.digest.year import simulate_year

    run = simulate_year(loaded, load_calendar(), target, size=size, topics=topics)
    rows: list[dict[str, Any]] = []
    for digest in run.digests:
        rows.append(
            {
                "week": digest.week,
                "anniversary": digest.anniversary.label if digest.anniversary else None,
                "gap_days": digest.anniversary.gap_days if digest.anniversary else None,
                "headline": digest.headline,
                "highlights": len(digest.highlights),
                "problems": problems_in(render_digest(digest, platform, env), platform),
                "date_problems": date_claim_problems(digest),
            }
        )
    return rows


def _print_year(rows: list[dict[str, Any]], platform: str, bad: int) -> None:
    for row in rows:
        status = "ok" if row["highlights"] and not row["problems"] else "FAIL"
        if row["date_problems"]:
            status += " DATE"
        typer.echo(f"{row['week']}  {row['highlights']} highlights  {status}  {row['headline']}")
        for problem in row["problems"] + row["date_problems"]:
            typer.echo(f"    {problem}")
    off = sum(1 for row in rows if row["date_problems"])
    typer.echo(
        f"{len(rows)} weeks, {len(rows) - bad} ok, {bad} failing ({platform}); "
        f"{off} headlines claim a date that is off"
    )


@app.command()
def year(
    platform: str = PlatformOption,
    year_: int | None = typer.Option(None, "--year", help="ISO year (default: this year)."),
    topics: str | None = TopicsOption,
    count: int | None = CountOption,
    size: int | None = typer.Option(None, "--size", min=1, max=10, help="Same as --count."),
    history: bool = typer.Option(
        False, "--history", help="Simulate one channel's year: highlights and a summary."
    ),
    channel: str | None = typer.Option(
        None,
        "--channel",
        help="With --history: start from this channel's delivered history, "
        "topics and size (its key, e.g. slack:T1:C1).",
    ),
    corpus: Path | None = CorpusOption,
    json_output: bool = typer.Option(False, "--json"),
) -> None:
    """Render every week of a year as one channel would get them; fail if a week is empty.

    The channel's history carries from week to week, so repeats show when the corpus cycles.
    Weeks whose headline claims a date the calendar contradicts are reported too. With
    --history: each week's headline and highlights, then a summary of the year.
    """
    from bot.corpus.configured import load_configured_corpus
    from bot.digest.render import make_environment

    settings = corpus_settings(corpus)
    chosen_platform = _platform(platform)
    target = year_ or date.today().isocalendar().year
    if channel and not history:
        raise _fail("--channel needs --history")
    loaded = load_configured_corpus(settings)
    chosen_size = size or count or settings.digest_size
    if history:
        given = size or count  # a channel's own size counts unless one is given here
        _history_year(
            loaded, target, given, settings.digest_size, _topics(topics), channel, json_output
        )
        return
    rows = _year_rows(
        loaded,
        target,
        chosen_platform,
        chosen_size,
        _topics(topics),
        make_environment(settings.templates_dir),
    )
    bad = sum(1 for row in rows if not row["highlights"] or row["problems"])
    if json_output:
        _print({"year": target, "platform": chosen_platform, "weeks": rows, "failing": bad})
    else:
        _print_year(rows, chosen_platform, bad)
    if bad:
        raise typer.Exit(1)


def _history_year(
    loaded: Any,
    target: int,
    size: int | None,
    default_size: int,
    topics: list[str],
    channel: str | None,
    as_json: bool,
) -> None:
    """`digest year --history`: one channel's simulated year with its summary."""
    from bot.calendar import load_calendar
    from bot.cli.digest_history import delivered_history, year_json, year_text
    from bot.digest.ranking import shared_pool
    from bot.digest.year import simulate_year, summarize

    calendar = load_calendar()
    start: dict[str, str | None] = {}
    if channel:
        try:
            start, topics, size = delivered_history(channel, target, topics, size)
        except ValueError as exc:
            raise _fail(str(exc)) from None
    size = size or default_size
    run = simulate_year(loaded, calendar, target, size=size, topics=topics, history=start)
    summary = summarize(loaded, run, shared_pool(loaded, calendar).good)
    if as_json:
        _print(year_json(run, summary))
    else:
        typer.echo(year_text(run, summary), nl=False)
