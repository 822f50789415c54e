"""Keeping every reader linear: degenerate runs are shortened before any parser sees them.

No prose repeats a punctuation or markup character more than a few dozen times; a file that
does (40-200 KB of '[' or '*') is built to make parsers backtrack, nest or recurse. Runs
longer than ``RUN_LIMIT`` are cut to that length (separator lines such as '=====' keep
their meaning), and over-long lines are wrapped at a space so that no parser or cleaner
ever scans one line of unbounded length for a closing mark.
"""

from __future__ import annotations

import re

RUN_LIMIT = 200
LINE_LIMIT = 20_000
# A character that is neither a letter, a digit nor white space (underscore included: it is a
# markup character, though regular expressions count it a word character), repeated.
_RUN = re.compile(rf"([^\w\s]|_)\1{{{RUN_LIMIT},}}")
# The same two-character unit ("[]", "*a", "<a") repeated beyond the limit; a unit whose
# markup character comes second ("a*a*...") is the same run seen one character later.
_PAIR_RUN = re.compile(rf"([^\w\s]|_)(.)(?:\1\2){{{RUN_LIMIT},}}", re.DOTALL)
# White space runs: 4 KB of spaces or blank lines says nothing more than 64 do.
_SPACE_RUN = re.compile(r"[ \t]{65,}|\n{9,}")


def bound_text(text: str) -> tuple[str, list[str]]:
    """The text with degenerate runs shortened, and a note of what was changed."""
    notes: list[str] = []
    shortened = _RUN.sub(lambda m: m.group(1) * RUN_LIMIT, text)
    shortened = _PAIR_RUN.sub(lambda m: (m.group(1) + m.group(2)) * RUN_LIMIT, shortened)
    if " " * 65 in shortened or "\t" in shortened or "\n" * 9 in shortened:  # rare: skip the scan
        shortened = _SPACE_RUN.sub(_shorter_space, shortened)
    if len(shortened) < len(text):
        notes.append(
            f"shortened runs of repeated characters ({len(text) - len(shortened):,} "
            "characters removed)"
        )
    wrapped = wrap_long_lines(shortened)
    if wrapped is not shortened:
        notes.append(f"wrapped lines longer than {LINE_LIMIT:,} characters")
    return wrapped, notes


def _shorter_space(match: re.Match[str]) -> str:
    return "\n" * 8 if match.group(0)[0] == "\n" else match.group(0)[:64]


def wrap_long_lines(text: str) -> str:
    """Break lines longer than LINE_LIMIT at a space (or hard, when there is none)."""
    if not any(len(line) > LINE_LIMIT for line in text.split("\n")):
        return text
    lines: list[str] = []
    for line in text.split("\n"):
        while len(line) > LINE_LIMIT:
            cut = line.rfind(" ", LINE_LIMIT // 2, LINE_LIMIT)
            cut = cut if cut > 0 else LINE_LIMIT
            lines.append(line[:cut])
            line = line[cut:].lstrip(" ")
        lines.append(line)
    return "\n".join(lines)
