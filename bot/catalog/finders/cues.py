"""Works named after a cue ("the paper", "titled") or opening a sentence."""

from __future__ import annotations

import re

from bot.catalog.authors import first_author_list, title_run
from bot.catalog.found import Candidate
from bot.catalog.kinds import TALK_PREFIX
from bot.catalog.notworks import names_something_else
from bot.catalog.words import CLAUSE_END, OPENERS, SENTENCE_END, looks_coined, title_case_ratio
from bot.documents.people import is_person_name
from bot.models import Snippet

_CUE = re.compile(
    r"\b(?:the\s+paper|a\s+paper|paper\s+(?:titled|called|named|entitled)|titled|entitled|"
    r"called|named|article\s+is|papers?\s+(?:was|is)|work\s+(?:titled|called)|"
    r"(?:talk|presentation|poster)\s+(?:titled|called|on)|"
    r"(?:paper|presentation|talk|poster|article|work|library|tool|toolkit|dataset|package|"
    r"framework|favou?rite)[^.;:]{0,40}?\b(?:was|is)|library\s+called|"
    r"(?:best|outstanding)\s+(?:student\s+)?paper(?:\s+awards?)?(?:\s+\d{1,2})?\s*:)\s+",
    re.IGNORECASE,
)


def from_cues(snippet: Snippet) -> list[Candidate]:
    """A title after 'the paper', 'titled', 'called': up to ', by' or where title case ends."""
    out = []
    text = snippet.text
    for match in _CUE.finditer(text):
        if names_something_else(text[max(0, match.start() - 30) : match.end()]):
            continue
        rest = text[match.end() :]
        sentence_end = CLAUSE_END.search(rest)
        by = first_author_list(rest[: sentence_end.start() if sentence_end else 300])
        if by is not None:
            cut, authors = by
            title = rest[:cut].strip(" ,")
        elif (
            sentence_end
            and len(rest[: sentence_end.start()].split()) <= 14
            and ":" in rest[: sentence_end.start()]
        ):
            title = rest[: sentence_end.start()].strip(" ,")  # "K for the price of 1: ..."
            authors = []
        else:
            title = title_run(rest)
            authors = []
        if title and len(title.split()) >= 2 and title[0].isupper():
            out.append(Candidate(title, snippet, "cued", authors=authors, at=match.end()))
    return out


_TITLE_THEN_VERB = re.compile(
    r"^(?P<title>[A-Z][^,:.;!?]{8,140}?)(?:,\s+(?:by\s+[A-Z][^,]*,\s+)?(?P<verb>[a-z]+s)\b|:\s+(?=[A-Z]))"
)


_NOT_VERBS = frozenset(
    "this thus is was has does its as us yes less unless always perhaps across whereas "
    "besides also plus".split()
)


_ENUMERATION = re.compile(r",|\s+(?:and|or)\s")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|we|We|my|My|our|Our|me)\b")


def from_sentence_starts(snippet: Snippet) -> list[Candidate]:
    """'Bias-reduced uncertainty estimation for Deep Neural Networks, shows ...' and
    'Modeling Uncertainty with Hedge Instance Embedding: What if ...' at a sentence start."""
    out = []
    text = snippet.text
    starts = [0, *(m.end() for m in SENTENCE_END.finditer(text))]
    for start in starts:
        match = _TITLE_THEN_VERB.match(text[start:])
        if not match:
            continue
        title = match.group("title").strip()
        talk = TALK_PREFIX.match(title)
        if talk and not talk.group("title") and match.group("verb") is None:
            # "Keynote by Kathleen McKeown: Rewriting the Past covered ..." - keep the title.
            named = _talk_line(snippet, start + match.end()) or title_run(
                text[start + match.end() :]
            )
            title = f"{title}: {named}" if named else title
        words = title.split()
        if len(words) < 3 or words[0].lower() in OPENERS or is_person_name(title):
            continue
        if (match.group("verb") or "") in _NOT_VERBS or _FIRST_PERSON.search(title):
            continue  # "Combined with DDIM, this is ...", "Workshops I dropped into: ..."
        if match.group("verb") and _ENUMERATION.match(text, start + match.end()):
            continue  # "... in cameras, phones, and camcorders": a list of nouns, no verb
        if title_case_ratio(title) < 0.4 and not any(looks_coined(w) for w in words):
            continue
        out.append(Candidate(title, snippet, "cued", at=start))
    return out


_TALK_LINE_WORDS = 30


def _talk_line(snippet: Snippet, at: int) -> str | None:
    """The rest of a short block that opens with a talk's prefix is the talk's title, commas
    and question marks included ('Invited Talk: Genomics, Big Data, and ..., Peter Donnelly')."""
    for part in snippet.parts:
        if part.start <= at < part.end:
            rest = snippet.text[at : part.end].strip().rstrip(".")
            return rest if len(rest.split()) <= _TALK_LINE_WORDS and "\n" not in rest else None
    return None


def from_colon_lists(snippet: Snippet) -> list[Candidate]:
    """'three papers worth mentioning: A Mean Field Theory of ..., and Theoretical ...'."""
    out = []
    text = snippet.text
    for match in re.finditer(r"\b(?:papers?|works|talks)\b[a-z ,]{0,80}:\s+(?P<list>[^.]+)", text):
        offset = match.start("list")
        for item in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+(?=[A-Z])", match.group("list")):
            title = item.strip(" ,")
            if len(title.split()) >= 3 and title_case_ratio(title) >= 0.6:
                out.append(Candidate(title, snippet, "cued", at=offset + text[offset:].find(title)))
    return out
