"""Works named by headings: a heading that is a title, and the authors under it."""

from __future__ import annotations

import re

from bot.catalog.authors import NAMES, authors_after, plausible_authors
from bot.catalog.found import Candidate
from bot.catalog.kinds import kind_of_section
from bot.catalog.nicknames import NICKNAME, split_abbreviation
from bot.catalog.notworks import names_something_else
from bot.models import Snippet

_VENUE_BEFORE = re.compile(r"\bIn\s{1,3}$")


def from_headings(snippet: Snippet) -> list[Candidate]:
    out = []
    for heading in snippet.candidates:
        title = heading
        authors: list[str] = []
        title, tail_authors = _heading_authors(title.strip())
        authors = authors or tail_authors
        title, abbreviation = split_abbreviation(title.strip())
        kind = kind_of_section(snippet.section[:-1])
        at = snippet.text.find(title)  # emphasised titles stand in the text, headings not
        if at > 0 and names_something_else(snippet.text[max(0, at - 40) : at]):
            continue
        if at > 0 and _VENUE_BEFORE.search(snippet.text[max(0, at - 8) : at]):
            continue  # "In *Proceedings of ACL*, 2019": a reference's venue
        candidate = Candidate(title, snippet, "heading", authors=authors, kind=kind, at=at)
        if abbreviation:
            candidate.aliases.append(abbreviation)
        out.append(candidate)
    return out


def _heading_authors(title: str) -> tuple[str, list[str]]:
    """'LoRA: Low-Rank Adaptation ... (Hu, Shen, Wallis, Chen)' -> the title and its authors;
    'Alias-Free GAN (StyleGAN3)' stays for the abbreviation rule."""
    match = re.search(r"\s*\([^()]+\)$", title)
    if match:
        listed = authors_after(title, match.start())
        if listed and listed[1] == len(title):
            return title[: match.start()].strip(), listed[0]
    return title, []


_LEAD_NICKNAME = re.compile(rf"(?P<nick>{NICKNAME})(?=\s+by\s)")
_LEAD_NAMES = re.compile(rf"(?P<names>{NAMES})(?:\s+(?=(?!and\b|or\b)[a-z]{{3,}})|\.(?:\s|$))")


def authors_leading(text: str, candidate: Candidate) -> None:
    """Under a paper's heading, 'MoCo by Kaiming He, ... treats ...' or 'Ilija Radosavovic
    and Piotr Dollar design ...': the paragraph opens with the work's name and authors."""
    nick = _LEAD_NICKNAME.match(text)
    if nick:
        listed = authors_after(text, nick.end())
        if listed:
            candidate.authors = listed[0]
            candidate.aliases.append(nick.group("nick"))
        return
    lead = _LEAD_NAMES.match(text)
    if lead:
        names = plausible_authors(lead.group("names"))
        et_al = re.search(r"\bet\s+al\b", lead.group("names"))
        # A lone capitalised phrase opening a paragraph is too often not a person.
        if names and (len(names) > 1 or et_al):
            candidate.authors = names
