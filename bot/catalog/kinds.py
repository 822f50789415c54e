"""What kind of work a naming is: paper, talk, tutorial, workshop, dataset, library."""

from __future__ import annotations

import re

from bot.catalog.found import Candidate

TALK_PREFIX = re.compile(
    r"^(?:invited\s+talk|keynote|talk|tutorial|oral|spotlight|poster)"
    r"(?:\s+by\s+(?P<who>.+?))?(?:(?::|\s[-–]\s)\s*(?P<title>.+))?$",
    re.IGNORECASE,
)


_KIND_WORDS = (
    ("dataset", re.compile(r"\bdata\s?sets?\b|\bbenchmark\b", re.I)),
    ("library", re.compile(r"\blibrary\b|\bpackage\b|\btoolkit\b|\bframework\b", re.I)),
    (
        "talk",
        re.compile(r"\btalk\b|\bkeynote\b|\btutorial\b|\binvited\b|\bpanel\b", re.I),
    ),
)


TALKS = re.compile(r"tutorial|keynote|invited|\btalks?\b|panel|workshop", re.IGNORECASE)


def apply_talk_prefix(candidate: Candidate) -> None:
    """'Invited Talk by Pedro Domingos - The Sum-Product Theorem' -> a talk, its speaker."""
    talk = TALK_PREFIX.match(candidate.title or "")
    if not talk:
        return
    candidate.kind = "talk"
    who = talk.group("who")
    if who and who.strip() not in candidate.authors:
        candidate.authors.append(who.strip())
    if talk.group("title"):
        candidate.title = talk.group("title").strip()


def kind_near(text: str, candidate: Candidate) -> str:
    if candidate.kind != "paper":
        return candidate.kind
    if candidate.at < 0:
        window = text[:200]
    else:
        end = candidate.at + len(candidate.title or "")
        window = text[max(0, candidate.at - 80) : end + 60]
        # "the workshop on “X”", "the “X” workshop": a workshop's name, not a paper presented there
        if re.search(r"workshop\s+on\W*$", text[max(0, candidate.at - 20) : candidate.at], re.I):
            return "talk"
        if re.match(r"\W{0,3}\s*workshop\b", text[end : end + 15], re.I):
            return "talk"
    for kind, pattern in _KIND_WORDS:
        if pattern.search(window):
            return kind
    return "paper"
