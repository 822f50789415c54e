"""What reading a text will cost, estimated before reading it.

Reading is linear, but not cheap: on the reference machine (2 cores) the whole path of a
report through the worker (parse, document, snippets, namings) takes about a second per
megabyte of prose, and each inline mark (a link, an emphasis, a code span) or line costs as
much as some tens of characters more. A report whose estimate is over its share of the time
budget is refused at once, with the numbers, instead of after the timeout: a self-hoster
learns in a second what to split, and the worker is not held for seconds on one file.
"""

from __future__ import annotations

from bot.documents.errors import UnreadableReport

# Characters per second the worker's whole path reads (measured with benchmarks/bench_ingest).
CHARACTERS_PER_SECOND = 1_000_000
MARK_COST = 10  # characters' worth per inline mark ("[", "*", "_", "`", "<")
LINE_COST = 30  # characters' worth per line (list items, table rows, short lines)
# The share of FLASHBACK_INGEST_TIMEOUT_SECONDS a file may be expected to take: with the
# default of 10 s, any file that is read is read in about 2 s.
BUDGET_SHARE = 0.2
_MARKS = "[*_`<"


def refuse_costly(text: str, form: str, seconds: float) -> None:
    """Raise UnreadableReport when reading ``text`` would take more than its share of
    ``seconds``; every count here is a C-speed scan of the text."""
    marks = sum(text.count(mark) for mark in _MARKS)
    lines = text.count("\n")
    units = len(text) + MARK_COST * marks + LINE_COST * lines
    allowed = CHARACTERS_PER_SECOND * seconds * BUDGET_SHARE
    if units <= allowed:
        return
    raise UnreadableReport(
        f"a {len(text) // 1000:,} KB {form} report with {marks:,} inline marks and "
        f"{lines:,} lines would take about {units / CHARACTERS_PER_SECOND:.1f} s to read, "
        f"more than {seconds * BUDGET_SHARE:g} s (a fifth of FLASHBACK_INGEST_TIMEOUT_SECONDS); "
        "split it into smaller files or raise the timeout"
    )
