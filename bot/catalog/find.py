"""Every naming of a work in a snippet: the finders, then what they lend each other."""

from __future__ import annotations

from bot.catalog.authors import lend_authors
from bot.catalog.finders.by_authors import from_by_authors
from bot.catalog.finders.cues import from_colon_lists, from_cues, from_sentence_starts
from bot.catalog.finders.headings import authors_leading, from_headings
from bot.catalog.finders.links import from_links, give_urls_to_titles
from bot.catalog.finders.quoted import from_quotes
from bot.catalog.finders.references import from_references
from bot.catalog.found import Candidate
from bot.catalog.kinds import apply_talk_prefix, kind_near
from bot.catalog.nicknames import (
    fold_proposed_names,
    from_abbreviations,
    inline_aliases,
    split_abbreviation,
)
from bot.catalog.words import acceptable_title
from bot.models import Snippet


def find_candidates(snippet: Snippet) -> list[Candidate]:
    """Every naming of a work in the snippet."""
    found: list[Candidate] = []
    found.extend(from_links(snippet))
    found.extend(from_headings(snippet))
    found.extend(from_quotes(snippet))
    found.extend(from_by_authors(snippet))
    found.extend(from_cues(snippet))
    found.extend(from_abbreviations(snippet))
    found.extend(from_sentence_starts(snippet))
    found.extend(from_colon_lists(snippet))
    found.extend(from_references(snippet))
    for candidate in found:
        if candidate.title:
            apply_talk_prefix(candidate)
            candidate.title, abbreviation = split_abbreviation(candidate.title)
            if abbreviation and abbreviation not in candidate.aliases:
                candidate.aliases.append(abbreviation)
    for candidate in found:
        if candidate.source == "heading" and candidate.at < 0 and not candidate.authors:
            authors_leading(snippet.text, candidate)
    found = fold_proposed_names(snippet.text, found)
    found = give_urls_to_titles(snippet.text, found)
    for candidate in found:
        inline_aliases(snippet.text, candidate)
    lend_authors(snippet, found)
    for candidate in found:
        candidate.kind = kind_near(snippet.text, candidate)
    return [c for c in found if c.title is None or acceptable_title(c.title)]
