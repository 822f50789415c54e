"""Every naming of a work in a report: the finders, then what they lend each other.

Runs once per report (in the ingestion worker, cached with the report): it reads only the
report's own snippets, with their spans and parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.catalog.authors import lend_authors, looks_like_author_list, plausible_authors
from bot.catalog.embeds import bind_embedded_titles
from bot.catalog.finders.by_authors import (
    from_by_authors,
    from_reference_lines,
    one_coined_word,
)
from bot.catalog.finders.cues import from_colon_lists, from_cues, from_sentence_starts
from bot.catalog.finders.entries import from_citations, from_entries
from bot.catalog.finders.headings import authors_leading, from_headings
from bot.catalog.finders.leads import from_leads
from bot.catalog.finders.links import from_links, give_urls_to_titles, is_paper_url
from bot.catalog.finders.quoted import from_quotes
from bot.catalog.finders.references import from_references
from bot.catalog.finders.rows import from_rows
from bot.catalog.found import Candidate
from bot.catalog.keys import is_stop_title, normalise_title
from bot.catalog.kinds import apply_talk_prefix, kind_near
from bot.catalog.nicknames import (
    fold_proposed_names,
    from_abbreviations,
    inline_aliases,
    split_abbreviation,
)
from bot.catalog.notworks import non_work
from bot.catalog.words import (
    acceptable_title,
    clean_title,
    looks_coined,
    split_owner,
    title_case_ratio,
)
from bot.models import Part, Report, Snippet

_FINDERS = (
    from_links,
    from_headings,
    from_quotes,
    from_by_authors,
    from_reference_lines,
    from_cues,
    from_abbreviations,
    from_sentence_starts,
    from_colon_lists,
    from_references,
    from_entries,
    from_citations,
    from_rows,
    from_leads,
)
_TITLE_CASE = 0.6
_RESOURCE = re.compile(
    r"youtube\.com/watch|youtu\.be/|vimeo\.com/\d|facebook\.com/[^?]{0,80}/videos/|"
    r"slideslive\.com/\d|slideshare\.net/|speakerdeck\.com/|docs\.google\.com/presentation|"
    r"poster[^/?]{0,80}\.pdf"
)
_NICKNAME_REACH = 300  # a heading's nickname names the title written this close below it


def find_in_report(
    report: Report, not_titles: Iterable[str] = (), cities: Iterable[str] = ()
) -> list[Candidate]:
    """Every naming of a work in the report, none of them a non-work."""
    stop = {normalise_title(t) for t in not_titles}
    places = frozenset(c.casefold() for c in cities)
    found: list[Candidate] = []
    for snippet in report.snippets:
        kept = [c for c in find_candidates(snippet) if not c.title or _keep(c, stop, places)]
        _note_resources(snippet, kept)
        found.extend(kept)
    bind_embedded_titles(found, report.snippets)
    return _citations_named(found)


def _note_resources(snippet: Snippet, found: list[Candidate]) -> None:
    """The talk videos, slides and posters linked in the block of a block's only naming."""
    for part in snippet.parts:
        inside = [c for c in found if part.start <= c.at < part.end and (c.title or c.arxiv)]
        if len({c.arxiv or c.title for c in inside}) != 1:
            continue
        urls = [
            s.target
            for s in snippet.spans
            if s.kind == "link" and part.start <= s.start < part.end and _RESOURCE.search(s.target)
        ]
        for candidate in inside:
            candidate.resources = list(dict.fromkeys(urls))


def _keep(candidate: Candidate, stop: set[str], places: frozenset[str]) -> bool:
    title = candidate.title or ""
    if is_stop_title(title, stop):
        return False
    backed = bool(candidate.arxiv) or is_paper_url(candidate.url or "")
    return backed or (non_work(title, places) is None and not _bare_heading(candidate))


def _bare_heading(candidate: Candidate) -> bool:
    """One plain word ('Genomics'), a short heading in sentence case ('Questions to answer'),
    or a line that only leads into a list ('Reliability in training:') names a topic of
    the report, not a work."""
    title = candidate.title or ""
    words = title.split()
    if _leads_a_list(candidate):
        return True  # even with authors cited in the list under it
    if candidate.authors:
        return False
    if candidate.source != "heading":
        return False
    if len(words) == 1:
        return not (looks_coined(title) or title.isupper())
    return (
        len(words) <= 3
        and title_case_ratio(title) < _TITLE_CASE
        and not any(looks_coined(word) for word in words)
    )


def _leads_a_list(candidate: Candidate) -> bool:
    """The naming is a whole block that ends in a colon (the list follows in the next)."""
    text = candidate.snippet.text
    for part in candidate.snippet.parts:
        if part.start <= candidate.at < part.end:
            block = text[part.start : part.end].rstrip()
            extra = len(block.split()) - len((candidate.title or "").split())
            return block.endswith(":") and extra <= 1
    return False


def _citations_named(found: list[Candidate]) -> list[Candidate]:
    """A citation takes the title and authors of the entry it cites, where it stands."""
    entries = {c.key: c for c in found if c.source == "reference" and c.key}
    for candidate in found:
        if candidate.source != "cite" or candidate.title:
            continue
        for key in candidate.key.split():
            entry = entries.get(key)
            if entry is not None:
                candidate.title, candidate.authors = entry.title, list(entry.authors)
                candidate.aliases = list(entry.aliases)
                break
    return found


def find_candidates(snippet: Snippet) -> list[Candidate]:
    """Every naming of a work in the snippet."""
    found = [candidate for finder in _FINDERS for candidate in finder(snippet)]
    for candidate in found:
        if candidate.title:
            owner, title = split_owner(clean_title(candidate.title))
            candidate.title = title or None
            if owner and owner not in candidate.authors:
                candidate.authors.append(owner)
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
    found = _heading_nicknames(_links_into_entries(snippet, found))
    found = _heading_takes_its_lead(found)
    found = _code_of_the_paper(snippet, found)
    _authors_on_the_next_line(snippet, found)
    for candidate in found:
        candidate.kind = kind_near(snippet.text, candidate)
    return [c for c in found if c.title is None or acceptable_title(c.title)]


def _links_into_entries(snippet: Snippet, found: list[Candidate]) -> list[Candidate]:
    """A link inside a bibliography entry is that entry's: it gives it the arXiv id and URL,
    and makes no naming of its own (its words are not a title)."""
    entries = [
        (part.start, part.end, c)
        for part in snippet.parts
        if part.kind == "reference"
        for c in found
        if c.source == "reference" and part.start <= c.at < part.end
    ]
    if not entries:
        return found
    kept = []
    for candidate in found:
        owner = next(
            (
                c
                for start, end, c in entries
                if candidate.source == "link" and start <= candidate.at < end
            ),
            None,
        )
        if owner is None:
            kept.append(candidate)
        elif owner.arxiv is None and owner.url is None:
            owner.arxiv, owner.url = candidate.arxiv, candidate.url
    return kept


def _code_of_the_paper(snippet: Snippet, found: list[Candidate]) -> list[Candidate]:
    """A code link in a paragraph about one paper is that paper's code ('try using [AdamW or
    SGDW](github...)' after '[decoupled weight decay](arxiv...)'): an alias, not a work."""
    kept = []
    for candidate in found:
        part = _part_at(snippet, candidate.at)
        if candidate.source == "link" and "github.com/" in (candidate.url or "") and part:
            papers = [
                c for c in found if c is not candidate and c.arxiv and part.start <= c.at < part.end
            ]
            if len({c.arxiv for c in papers}) == 1:
                if candidate.title:
                    papers[0].aliases.append(candidate.title)
                continue
        kept.append(candidate)
    return kept


def _part_at(snippet: Snippet, at: int) -> Part | None:
    return next((p for p in snippet.parts if p.start <= at < p.end), None)


def _authors_on_the_next_line(snippet: Snippet, found: list[Candidate]) -> None:
    """'Title' on one line and 'Jonathan Frankle · Michael Carbin' alone on the next: the
    names are the authors of the work the line before names (or the heading above, for
    the passage's first line)."""
    if snippet.parts:
        first = snippet.text[snippet.parts[0].start : snippet.parts[0].end]
        headed = [c for c in found if c.source == "heading" and c.at < 0 and not c.authors]
        if len(headed) == 1 and looks_like_author_list(first):
            headed[0].authors = plausible_authors(first) or []
    for previous, part in zip(snippet.parts, snippet.parts[1:], strict=False):
        names = snippet.text[part.start : part.end]
        if not looks_like_author_list(names):
            continue
        before = [c for c in found if c.title and previous.start <= c.at < previous.end]
        last = max(before, key=lambda c: c.at, default=None)
        if last is not None and not last.authors:
            last.authors = plausible_authors(names) or []


def _heading_takes_its_lead(found: list[Candidate]) -> list[Candidate]:
    """Under '### Learning to Solve Hard Minimal Problems', a passage opening with
    '[Hruby, Duff, Leykin, Pajdla](paper page)': the link is the heading's work's page and
    its text that work's authors, not a second, untitled work."""
    headed = [c for c in found if c.source == "heading" and c.at < 0]
    if len(headed) != 1:
        return found
    heading = headed[0]
    link = next((c for c in found if c.source == "link" and not c.title and c.at == 0), None)
    if link is not None and link.url and not heading.url:
        heading.url, heading.arxiv = link.url, heading.arxiv or link.arxiv
        heading.authors = heading.authors or list(link.authors)
        found = [c for c in found if c is not link]
    # "### Analyzing and Improving the Image Quality of StyleGAN" over "StyleGAN2 from NVIDIA
    # (Tero Karras, ...)": the paragraph opens with the heading's work's nickname and authors.
    nick = next(
        (c for c in found if c.source == "by-author" and c.at == 0 and one_coined_word(c.title)),
        None,
    )
    if nick is not None and nick.title and len((heading.title or "").split()) >= 3:
        heading.authors = heading.authors or list(nick.authors)
        heading.aliases.append(nick.title)
        found = [c for c in found if c is not nick]
    return found


def _heading_nicknames(found: list[Candidate]) -> list[Candidate]:
    """A heading that is a one-word name ('BigGAN', 'AdamW') over a paragraph that opens with
    a full title: the heading is that title's nickname, not a work of its own."""
    kept = []
    for candidate in found:
        title = candidate.title or ""
        nickname = candidate.source == "heading" and candidate.at < 0 and len(title.split()) <= 2
        if nickname and (looks_coined(title) or title.isupper() or len(title.split()) == 1):
            full = [
                c
                for c in found
                if c is not candidate
                and c.title
                and 0 <= c.at < _NICKNAME_REACH
                and len(c.title.split()) >= 3
            ]
            if full:
                full[0].aliases.append(title)
                continue
        kept.append(candidate)
    return kept
