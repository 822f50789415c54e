"""What kind of work a naming is: paper, talk, tutorial, workshop, dataset, library."""

from __future__ import annotations

import re

from bot.catalog.found import Candidate
from bot.documents.people import is_person_name

TALK_PREFIX = re.compile(
    r"^(?:invited\s+talk|keynote|talk|tutorial|oral|spotlight|poster)"
    r"(?:\s+by\s+(?P<who>.+?))?(?:(?::|\s[-–]\s)\s*(?P<title>.+))?$",
    re.IGNORECASE,
)


# What a naming is called right next to it: "the X dataset", "X, a library for ...",
# "X (keynote)", "the tutorial on X". Looked for in a few words either side, not a sentence.
_KIND_WORDS = (
    ("tutorial", re.compile(r"\btutorials?\b", re.I)),
    ("workshop", re.compile(r"\bworkshops?\b", re.I)),
    ("panel", re.compile(r"\bpanels?\b", re.I)),
    ("talk", re.compile(r"\b(?:talk|keynote|invited|plenary)s?\b", re.I)),
    ("dataset", re.compile(r"\b(?:data\s?sets?|benchmarks?|corpus|corpora)\b", re.I)),
    ("library", re.compile(r"\b(?:library|package|toolkit|toolbox)\b", re.I)),
)
_REACH_BEFORE = 30
_REACH_AFTER = 25


# A section that holds talks: the works under "Day 1 - Tutorials" are tutorials, those under
# "Invited Talks" talks; those under "Workshops" are workshop papers, still papers.
_SECTION_KINDS = (
    ("tutorial", re.compile(r"\btutorials?\b", re.I)),
    ("talk", re.compile(r"\b(?:keynotes?|invited|talks?|panels?|plenary)\b", re.I)),
)


def kind_of_section(section: list[str] | tuple[str, ...]) -> str:
    """The kind the headings above a work give it, innermost first ('paper' if none)."""
    for heading in reversed(section):
        for kind, words in _SECTION_KINDS:
            if words.search(heading):
                return kind
    return "paper"


def apply_talk_prefix(candidate: Candidate) -> None:
    """'Invited Talk by Pedro Domingos - The Sum-Product Theorem' -> a talk, its speaker;
    'Invited Talk: Genomics, Big Data, ... Revolution, Peter Donnelly' -> the title and its
    speaker after the last comma."""
    talk = TALK_PREFIX.match(candidate.title or "")
    if not talk:
        return
    prefix = talk.group(0)[: talk.start("who") if talk.group("who") else len(talk.group(0))]
    candidate.kind = "tutorial" if prefix.lower().startswith("tutorial") else "talk"
    who = talk.group("who")
    if who and who.strip() not in candidate.authors:
        candidate.authors.append(who.strip())
    if talk.group("title"):
        title = talk.group("title").strip()
        head, comma, speaker = title.rpartition(", ")
        if comma and is_person_name(speaker.strip(" .")):
            title = head
            candidate.authors.append(speaker.strip(" ."))
        candidate.title = title


def kind_near(text: str, candidate: Candidate) -> str:
    """The kind the words right around a naming give it ('paper' when they give none)."""
    if candidate.kind != "paper":
        return candidate.kind
    title = candidate.title or ""
    if candidate.at < 0:
        window = title  # a heading: only its own words ("Tutorial: ...", "... Panel")
    else:
        end = candidate.at + len(title)
        window = text[max(0, candidate.at - _REACH_BEFORE) : end + _REACH_AFTER]
        # "the workshop on “X”", "the “X” workshop": a workshop's name, not a paper presented there
        if re.search(r"workshop\s+on\W*$", text[max(0, candidate.at - 20) : candidate.at], re.I):
            return "workshop"
        if re.match(r"\W{0,3}\s*workshop\b", text[end : end + 15], re.I):
            return "workshop"
    for kind, pattern in _KIND_WORDS:
        if pattern.search(window):
            return kind
    return "paper"
