"""`flashback digest year --history`: a channel's delivered history in, its year out (text, JSON)."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from bot.digest.model import Digest, Highlight
from bot.digest.weeks import format_week, week_dates
from bot.digest.year import YearRun

HISTORY_WEEKS = 104  # how far back a channel's delivered history is read


def _channel_ref(key: str) -> Any:
    from bot.ports import ChannelRef

    parts = key.split(":")
    if len(parts) != 3 or not parts[0] or not parts[2]:
        raise ValueError(
            f"--channel {key!r}: write it like slack:T1:C1 (platform:workspace:channel)"
        )
    return ChannelRef(*parts)


def _periods_before(year: int) -> list[str]:
    monday, _ = week_dates(year, 1)
    found = []
    for back in range(1, HISTORY_WEEKS + 1):
        iso = (monday - timedelta(weeks=back)).isocalendar()
        found.append(format_week(iso.year, iso.week))
    return found


def _database_exists(url: str) -> None:
    """Refuse a SQLite file that is not there (opening it would leave an empty one behind)."""
    from pathlib import Path

    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    file = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if file and file != ":memory:" and not Path(file).is_file():
        raise ValueError(f"no database at {file}: nothing was delivered yet")


async def _read(key: str, year: int) -> tuple[dict[str, str | None], Any]:
    from bot.settings import load_settings
    from bot.store import Store

    settings = load_settings()
    channel = _channel_ref(key)
    _database_exists(settings.resolved_database_url)
    store = await Store.open(
        settings.resolved_database_url, schema=settings.database_schema, migrate=False
    )
    try:
        sub = await store.subscription(channel)
        records = await store.deliveries_for({(channel, p) for p in _periods_before(year)})
        seen = await store.seen_papers(channel)
    finally:
        await store.close()
    history: dict[str, str | None] = dict.fromkeys(seen)
    for (_, period), record in sorted(records.items(), key=lambda item: item[0][1]):
        if record.status == "sent":
            history.update(dict.fromkeys(record.paper_ids, period))
    return history, sub


def delivered_history(
    key: str, year: int, topics: list[str], size: int | None
) -> tuple[dict[str, str | None], list[str], int | None]:
    """The channel's history before ``year`` (key -> week last posted; None when only the
    history table knows it was posted), and its topics and size unless given on the command
    line. ValueError with a clear message when the database cannot be read."""
    try:
        history, sub = asyncio.run(_read(key, year))
    except ValueError:
        raise
    except Exception as exc:  # the database is the user's: say what failed, keep the trace out
        raise ValueError(f"could not read {key}'s history from the database: {exc}") from None
    if sub is not None:
        topics = topics or list(sub.topics)
        size = size or sub.size
    return history, topics, size


def _anniversary_json(digest: Digest) -> dict[str, Any] | None:
    if digest.anniversary is None:
        return None
    edition = digest.anniversary.edition
    return {
        "conference": edition.conference,
        "year": edition.year,
        "city": edition.city,
        "start": edition.start.isoformat(),
        "end": edition.end.isoformat(),
    }


def _highlight_json(h: Highlight) -> dict[str, Any]:
    return {
        "paper_id": h.paper_id,
        "paper": h.paper,
        "url": h.url,
        "conference": h.conference,
        "year": h.year,
        "report_id": h.report_id,
        "report": h.report,
        "section": list(h.section),
        "quote": h.quote,
        "snippet_id": h.snippet_id,
    }


def year_json(run: YearRun, summary: dict[str, Any]) -> dict[str, Any]:
    """The --json shape: {"year", "weeks": [{"week", "headline", "anniversary", "highlights"}],
    "summary"}."""
    return {
        "year": run.year,
        "weeks": [
            {
                "week": d.week,
                "headline": d.headline,
                "anniversary": _anniversary_json(d),
                "highlights": [_highlight_json(h) for h in d.highlights],
            }
            for d in run.digests
        ],
        "summary": summary,
    }


def year_text(run: YearRun, summary: dict[str, Any]) -> str:
    """Each week's headline and highlights, then the summary, as plain text."""
    lines: list[str] = []
    for digest in run.digests:
        lines.append(f"{digest.week}  {digest.headline}")
        for h in digest.highlights:
            tag = f" — {h.tag}" if h.tag else ""
            lines.append(f"    {h.paper}{tag}  [{h.source or h.report}]")
    lines += ["", f"Summary of {run.year}:"]
    lines += [
        f"  {summary['slots']} slots over {summary['weeks']} weeks, "
        f"{summary['distinct_works']} distinct works "
        f"({summary['distinct_titled_works']} titled; the corpus has "
        f"{summary['good_candidates']} good highlights)",
        f"  repeats within 26 weeks: {summary['repeats_within_26_weeks']}",
        f"  weeks without an anniversary: {summary['weeks_without_anniversary']}",
        f"  headlines claiming a date that is off: {len(summary['headlines_off'])}",
        f"  titled highlights quoting a passage that names the work: "
        f"{summary['titled_quotes_naming_work']:.0%} of {summary['titled_highlights']}",
        f"  highlights with a link: {summary['highlights_with_link']:.0%}",
        "  share per report:",
    ]
    lines += [
        f"    {share:6.1%}  {report}" for report, share in summary["share_per_report"].items()
    ]
    return "\n".join(lines) + "\n"
