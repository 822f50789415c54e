"""A group of namings -> one catalog entry: its canonical title, aliases, authors and kind.

The canonical title is the best well-formed title any report gives: a full title beats the
nickname or head it extends ('IMPALA: Scalable Distributed Deep-RL ...' over 'IMPALA'), and
then by source (a reference entry or link before a heading, a quote or a cue), by how often
reports use it, and by length. An id or an author string names a work only when no report
gives it a title.
"""

from __future__ import annotations

import re
from collections import Counter

from bot.catalog.found import Candidate
from bot.catalog.keys import head_key, head_of, normalise_title, slug
from bot.catalog.notworks import non_work
from bot.models import Paper

SOURCE_RANK = {
    "reference": 0,
    "link": 1,
    "row": 2,
    "heading": 3,
    "quoted": 4,
    "by-author": 5,
    "cued": 6,
    "cite": 7,
    "abbrev": 8,
}


def make_paper(group: list[Candidate]) -> Paper:
    """The catalog entry for one work's namings."""
    titled = [c for c in group if c.title]
    arxiv = next((c.arxiv for c in group if c.arxiv), None)
    title = canonical_title(titled) if titled else untitled_name(group, arxiv)
    urls = [c.url for c in group if c.url and not c.arxiv]
    return Paper(
        id=f"arxiv:{arxiv}" if arxiv else f"t:{slug(title)}",
        title=title,
        aliases=_aliases(group, title, _authors(group)),
        authors=_authors(group),
        arxiv=arxiv,
        url=f"https://arxiv.org/abs/{arxiv}" if arxiv else (urls[0] if urls else None),
        kind=_kind(group),
        untitled=not titled,
    )


def canonical_title(titled: list[Candidate]) -> str:
    """The most trusted naming (see the module docstring)."""
    counts = Counter(c.title for c in titled)
    heads = {normalise_title(c.title or "") for c in titled}

    def rank(c: Candidate) -> tuple[int, int, int, int, int]:
        title = c.title or ""
        extends = head_key(title) in heads and normalise_title(title) not in {head_key(title)}
        nickname = len(title.split()) == 1
        return (
            int(c.descriptive),
            int(nickname) - int(extends),
            SOURCE_RANK.get(c.source, 9),
            -counts[title],
            -len(title),
        )

    best = min(titled, key=rank).title or ""
    return best[0].upper() + best[1:] if best[:1].islower() else best


def untitled_name(group: list[Candidate], arxiv: str | None) -> str:
    """'Louizos et al. (arXiv 1712.01312)' for a work no report names by a title."""
    names = list(dict.fromkeys(a for c in group for a in c.authors))
    url = next((c.url for c in group if c.url), None)
    page = f"arXiv {arxiv}" if arxiv else page_name(url) if url else None
    if names:
        who = f"{names[0]} et al." if len(names) > 2 else " and ".join(names)
        return f"{who} ({page})" if page else f"{who} (paper)"
    return page or "an unnamed work"


_PAGE_IDS = (
    (re.compile(r"openreview\.net/(?:forum|pdf)\?id=([\w-]{1,40})"), "OpenReview {}"),
    (re.compile(r"doi\.org/(10\.\d{4,9}/[^\s?#]{1,100})"), "DOI {}"),
    (re.compile(r"aclanthology\.org/([\w.-]{1,40}?)(?:\.pdf)?/?$"), "ACL Anthology {}"),
)


def page_name(url: str) -> str:
    """'OpenReview HkxKH2AcFm' for a work known only by its page; else the page's host and
    last path part."""
    for pattern, name in _PAGE_IDS:
        match = pattern.search(url)
        if match:
            return name.format(match.group(1))
    host, _, path = url.split("://", 1)[-1].partition("/")
    last = path.rstrip("/").rsplit("/", 1)[-1][:60]
    return f"{host.removeprefix('www.')} {last}".strip()


def _aliases(group: list[Candidate], title: str, authors: list[str]) -> list[str]:
    """Other names of the work (its head, nicknames, other titles, how reports cite it: 'Howard
    and Ruder'), and no other person or place."""
    surnames = {name.split()[-1] for name in authors if name.split()}
    aliases: list[str] = []
    head = head_of(title) if head_key(title) else None
    if head and head != title:
        aliases.append(head)
    seen = {normalise_title(title), *(normalise_title(a) for a in aliases)}
    for candidate in group:
        for alias in [*candidate.aliases, candidate.title]:
            if not alias or normalise_title(alias) in seen:
                continue  # the title again, or an alias up to case and article
            seen.add(normalise_title(alias))
            reason = non_work(alias)
            if reason is None or (reason == "a person" and _cites_authors(alias, surnames)):
                aliases.append(alias)
    return aliases


def _cites_authors(alias: str, surnames: set[str]) -> bool:
    """'Howard and Ruder', 'Khandelwal et al.': the work's own authors, as reports cite it."""
    words = [w.strip(".,") for w in alias.replace(" et al", "").split() if w not in {"and", "&"}]
    return bool(words) and all(word in surnames for word in words)


def _authors(group: list[Candidate]) -> list[str]:
    """The fullest author list a report gives (full names before surnames)."""
    lists = [c.authors for c in group if c.authors]
    if not lists:
        return []
    return max(lists, key=lambda names: (len(names), sum(len(n) for n in names)))


def _kind(group: list[Candidate]) -> str:
    """The kind most namings give, a specific kind winning ties over 'paper'."""
    kinds = Counter(c.kind for c in group)
    return max(kinds, key=lambda kind: (kinds[kind], kind != "paper"))
