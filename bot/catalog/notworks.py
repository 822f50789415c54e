"""What a report names that is no work: people, places, organisations, awards, topics, quotes.

A naming that a paper link backs (arXiv, OpenReview, the ACL Anthology, ...) is kept whatever
it looks like; everything else that reads as one of these is not a catalog entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.catalog.authors import looks_like_author_list
from bot.catalog.orgs import is_organisation
from bot.catalog.words import NOT_TITLES
from bot.documents.people import is_person_name

# "Yoshua Bengio (Mila)", "Kate Crawford (Microsoft Research / AI Now)"
_PERSON_WITH_PLACE = re.compile(r"^(?P<name>[^()]{3,60}?)\s*\([^()]{2,80}\)$")
_PLACE_WORDS = re.compile(
    r"\b(?:convention\s+cent(?:er|re)|conference\s+cent(?:er|re)|cent(?:er|re)|hotel|hilton|"
    r"hyatt|marriott|sheraton|westin|street|avenue|boulevard|square|beach|park|mall|palace|"
    r"museum|caf[eé]|restaurant|pub|brewery|airport|station|stadium|village|shore|pier|"
    r"island|bridge|harbou?r|plaza|quarter|district|fortezza|cathedral|campus|"
    r"ballroom|auditorium|arena|stores?)\b",
    re.IGNORECASE,
)
_ORG_WORDS = re.compile(
    r"\b(?:university|universit[eéà]|institute|institut|labs?|laboratory|research|group|inc|"
    r"ltd|corp(?:oration)?|team|foundation|department|school|college|academy)\.?$",
    re.IGNORECASE,
)
# "a class called “Data Science to Save the World”": named, but not a work a report discusses.
_OTHER_THING = re.compile(
    r"\b(?:class|course|seminar|company|startup|start-up|team|lab|podcast|song|film|movie|"
    r"show|bar|restaurant|band|app)\s+(?:called|named|titled)\W*$",
    re.IGNORECASE,
)


def names_something_else(before: str) -> bool:
    """The words before a naming say it names a course, a company, a film, ...: no work."""
    return _OTHER_THING.search(before[-40:]) is not None


_AWARDS = re.compile(
    r"^(?:the\s+)?(?:[a-z]{2,8}\s+(?:\d{4}\s+)?)?(?:best|outstanding|distinguished)\s+"
    r"(?:\w+\s+){0,3}(?:paper|student paper|demo|reviewer)s?(?:\s+awards?|\s+runner[- ]up)?(?:\s+\d{1,2})?$|\b(?:award|prize|"
    r"honou?rable mentions?|test[- ]of[- ]time)(?:\s+\d{1,2})?$|^proceedings\b|^(?:poster|oral|spotlight)\s+sessions?\b",
    re.IGNORECASE,
)
_LOGISTICS = re.compile(
    r"\b(?:dinner|lunch|breakfast|coffee|food|party|parties|reception|banquet|badge|"
    r"registration|queue|hotel|flight|visa|social|happy hour|drinks|beer|tacos?|poke|"
    r"pizza|burgers?)\b",
    re.IGNORECASE,
)
# A sentence in quotes ("All models are wrong, but some are useful."), not a title; a
# question may well be one ("Do Deep Generative Models Know What They Don't Know?").
_SENTENCE = re.compile(
    r"\b(?:is|are|was|were|am|be|shall|will|would|can|could|should|must|keeps|know|think|"
    r"sat|said)\b[^.!?]{0,200}[.!,]$"
)
_PRONOUNS = re.compile(r"^(?:i|we|you|he|she|it|they|this|that|all|everything)\b", re.IGNORECASE)
_BY_TAIL = re.compile(r"\s+by\s+[A-Z][\w.' -]{1,60}$")
_REPORT_ABOUT = re.compile(
    r"\b(?:recap|trip report|notes|highlights|summary|impressions|review|takeaways)\s+(?:of|from)"
    r"\s+(?:the\s+)?[A-Z][A-Za-z]{2,8}\b|['’]s\s+(?:recap|review|notes|summary)\b",
    re.IGNORECASE,
)
# "... graph isomorphism test", "... descent algorithm": a classical method, not a work.
_CONCEPT = re.compile(
    r"^(?:[A-Z][\w-]*\s+)?(?:[a-z][\w-]*\s+){1,4}(?:test|algorithm|theorem|lemma|trick|"
    r"distance|divergence|inequality|estimator|operator|kernel|loss|regularizer|heuristic)s?$"
)
_TOPIC_LIST = re.compile(r"^[^:,]{3,40}(?:,\s[^,:]{2,40}){1,6},?\s(?:and|&)\s[^,:]{2,40}$")


def non_work(title: str, cities: frozenset[str] = frozenset()) -> str | None:
    """Why ``title`` names no work (a short reason), or None when it may be one."""
    raw = " ".join(title.split())
    text = raw.strip(" .,:;")
    if not text:
        return "empty"
    for reason, check in _CHECKS:
        if check(text, raw, cities):
            return reason
    return None


_CHECKS: list[tuple[str, Callable[[str, str, frozenset[str]], bool]]] = [
    # "Conclusion by Surya", "Logistics"
    ("a section heading", lambda t, r, c: bool(NOT_TITLES.match(_BY_TAIL.sub("", t)))),
    ("a report about a conference", lambda t, r, c: bool(_REPORT_ABOUT.search(t))),
    ("a concept", lambda t, r, c: bool(_CONCEPT.match(t))),
    ("a place", lambda t, r, c: t.casefold() in c or bool(_PLACE_WORDS.search(t))),
    ("an organisation", lambda t, r, c: _organisation(t)),
    ("an award or session", lambda t, r, c: bool(_AWARDS.search(t))),
    ("logistics", lambda t, r, c: len(t.split()) <= 5 and bool(_LOGISTICS.search(t))),
    ("a quotation", lambda t, r, c: _quotation(r)),
    ("a list of topics", lambda t, r, c: bool(_TOPIC_LIST.match(t)) and not _has_digit(t)),
    ("a person", lambda t, r, c: _person(t)),
]


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _person(text: str) -> bool:
    return is_person_name(text) or looks_like_author_list(text) or _person_with_place(text)


def _person_with_place(text: str) -> bool:
    match = _PERSON_WITH_PLACE.match(text)
    return match is not None and is_person_name(match.group("name").strip())


def _organisation(text: str) -> bool:
    if is_organisation(text):
        return True  # "Google Brain", "Facebook AI Research", "Cornell, Google and Berkeley"
    if "/" in text and len(text.split()) <= 6:
        return True  # "DLR / TU Munich", "Megvii/Tsinghua/Peking University"
    return len(text.split()) <= 5 and bool(_ORG_WORDS.search(text))


def _quotation(text: str) -> bool:
    words = text.split()
    return len(words) >= 5 and (
        bool(_SENTENCE.search(text))
        or (bool(_PRONOUNS.match(text)) and text[-1:] in ".!?")
        or (bool(_PRONOUNS.match(text)) and ", but " in text)  # "All models are wrong, but ..."
    )
