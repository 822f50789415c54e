"""Works named by links: the link text, or the title a resource label stands by."""

from __future__ import annotations

import re

from bot.catalog.authors import author_names, looks_like_author_list, plausible_authors
from bot.catalog.found import Candidate
from bot.catalog.nicknames import split_abbreviation
from bot.catalog.words import SMALL, looks_coined, looks_titled, sentence_start, title_case_ratio
from bot.documents.links import fold_space, is_homepage
from bot.documents.people import is_person_name
from bot.models import Link, Snippet

_PAPER_URL = re.compile(
    r"arxiv\.org|openreview\.net|doi\.org|aclanthology|aclweb\.org/anthology|proceedings\.|"
    r"papers\.nips\.cc|proceedings\.neurips|thecvf\.com|\.pdf(?:$|\?)|pmlr\.press|jmlr\.org|"
    r"semanticscholar|dl\.acm\.org|ieeexplore|research\.google|ai\.googleblog",
    re.IGNORECASE,
)


# Tag, category, author and search pages of a blog: navigation, not works.
_NAV_URL = re.compile(
    r"/(?:tags?|categor(?:y|ies)|topics?|search|authors?|archives?|labels?)/|[?&](?:tag|q)=|"
    r"medium\.com/@|/@[\w.-]+/?$",
    re.IGNORECASE,
)


_SOCIAL_URL = re.compile(
    r"twitter\.com|t\.co/|facebook\.com|youtube\.com|youtu\.be|slideshare|slideslive|"
    r"linkedin\.com|instagram\.com|reddit\.com|medium\.com/@",
    re.IGNORECASE,
)


_GENERIC = re.compile(
    r"^(?:(?:the|this|that|these|our|a|an|my|his|her|their|its|one|another|both|second|first|"
    r"last|same|concurrent|follow[- ]?up|recent|earlier|related|case|new)\s+)*"
    r"(?:paper|papers|work|works|study|studies|here|link|this|these|both|post|article|blog|"
    r"summary|video|slides|poster|code|website|page|talk|approach|method|implementation|"
    r"repo|repository|pdf|preprint|source|project|thread|tweet|results?|arxiv|openreview|"
    r"github|demo|doi|abs|html|project page)s?$",
    re.IGNORECASE,
)


# "David Abel's [summary](…/iclr_2019.pdf)", "[my notes](…)": someone's write-up of the
# conference or a talk, however its file looks, is no work the report discusses.
_WRITE_UP = re.compile(
    r"^(?:(?:the|this|that|a|an|my|his|her|their|great|nice|good|detailed|excellent|short|"
    r"full|other|own)\s+)*(?:summary|summaries|notes|recap|write-?up|overview|trip report|"
    r"report|impressions|highlights)$",
    re.IGNORECASE,
)
_IMPERATIVE = re.compile(
    r"^(?:download|view|click|watch|read|see|check|browse|visit|find|get|try|listen|follow)\b",
    re.IGNORECASE,
)


_GENERIC_TAIL = frozenset(
    "approach method methods issue issues work paper study way idea trick tricks result results "
    "analysis implementation version code here post talk".split()
)


_URL_LABEL = re.compile(r"^(?:https?://|www\.|arxiv[: ]\s*\d)", re.IGNORECASE)


_URL_REACH = 300


_TITLE_SOURCES = frozenset({"heading", "quoted", "by-author", "cued", "reference"})


def give_urls_to_titles(text: str, found: list[Candidate]) -> list[Candidate]:
    """A bare URL after a title ("... layer by layer. https://arxiv.org/abs/1710.10196") is
    that title's link: the named candidate before it takes the arXiv id and URL."""
    titled = sorted(
        (c for c in found if c.title and not c.descriptive and c.at >= 0 and c.source != "link"),
        key=lambda c: c.at,
    )
    kept = []
    for candidate in found:
        guessed = candidate.descriptive or candidate.title is None
        if candidate.source == "link" and candidate.arxiv and guessed:
            # Where the link stands: its URL or id in the text, else its label.
            at = text.find(candidate.arxiv)
            if at < 0 and candidate.at >= 0:
                at = candidate.at
            before = [
                c
                for c in titled
                if 0 <= c.at < at and at - c.at < _URL_REACH and _same_block(c, at)
            ]
            if len(titled) > 1 and before:
                # Among several works, only one named in the same sentence takes the link.
                before = [c for c in before if sentence_start(text, at) <= c.at]
            if not before and at >= 0 and candidate.url and candidate.url in text:
                # A list item naming one work and ending in its bare URL, however long the
                # item ('[Concurrent work](url)' in it names another work: not this rule).
                in_block = [c for c in titled if 0 <= c.at < at and _same_block(c, at)]
                named = {(c.title or "").casefold() for c in in_block}
                before = in_block if len(named) == 1 else []
            if candidate.resource and (at < 0 or not before):
                # "[paper]" or a bare id under a paper's heading, or whose place in the text is
                # lost: it goes to the snippet's only unlinked title.
                alone = [c for c in found if c.source in _TITLE_SOURCES and c.arxiv is None]
                before = alone if len(alone) == 1 else []
            owner = before[-1] if before else None
            if owner is not None and owner.arxiv is None:
                owner.arxiv, owner.url = candidate.arxiv, candidate.url
                continue
        kept.append(candidate)
    return kept


def _same_block(candidate: Candidate, at: int) -> bool:
    """A link names a title before it only within one block (a tweet's title above a
    paragraph does not own the paragraph's links)."""
    for part in candidate.snippet.parts:
        if part.start <= candidate.at < part.end:
            return at < part.end
    return True


# Link text that starts a clause rather than a title ("suffer from ...", "using ...").
_FRAGMENT = re.compile(
    r"^(?:[a-z]+(?:s|ed|ing)?\s+(?:from|with|by|to|as|the|a|an|that|in|on|of)\b|"
    r"(?:suffers?|shows?|uses?|using|we|is|are|can|was|were)\b)"
)
_FINITE_VERB = re.compile(r"\s(?:is|are|was|were|can|cannot|does|do|has|have)\s")


def _statement(text: str) -> bool:
    """'GANs are still hard to evaluate': a sentence in lower case, not a title."""
    return bool(_FINITE_VERB.search(f" {text} ")) and title_case_ratio(text) < 0.5


def is_paper_url(url: str) -> bool:
    """A link to a paper's own page (arXiv, OpenReview, a proceedings site, a PDF)."""
    return bool(_PAPER_URL.search(url))


def from_links(snippet: Snippet) -> list[Candidate]:
    out = []
    for link in snippet.links:
        candidate = _link_candidate(snippet, link)
        if candidate is not None:
            out.append(candidate)
    return out


def _link_candidate(snippet: Snippet, link: Link) -> Candidate | None:
    text = fold_space(link.text.strip(" .,:;"))
    paper = bool(link.arxiv or _PAPER_URL.search(link.url))
    at = snippet.text.find(text)
    base = Candidate(None, snippet, "link", arxiv=link.arxiv, url=link.url, at=at)
    if re.fullmatch(r"(?i)(?:arxiv:?\s*)?\d{4}\.\d{4,5}(?:v\d+)?", text):
        base.resource = True
        return base if paper else None
    if text.startswith("http") or "/" in text or not text:
        if paper:
            base.title = _name_before(snippet.text, snippet.text.find(link.url))
            base.descriptive = True  # a guess from the words before the URL
        return base if paper else None
    if _SOCIAL_URL.search(link.url) or _NAV_URL.search(link.url) or text[:1] in "#@":
        return None
    if link.url.startswith("#"):
        return None  # a table-of-contents jump within the page
    if text[:1] + text[-1:] in {"[]", "()"}:
        text = text[1:-1].strip()  # "[[arXiv]](...)" renders as "[arXiv]"
    title, abbreviation = split_abbreviation(text)
    if abbreviation:
        base.aliases.append(abbreviation)
    people = author_names(title) or _listed_authors(title)
    if people:
        if not paper:
            return None
        base.authors = people
        return base
    if _WRITE_UP.match(title) and not link.arxiv:
        return None
    if _generic_link_text(title) or _names_implementation(snippet.text, at, text):
        base.resource = all(w.strip("[]().,:") in _LABEL_WORDS for w in title.lower().split())
        return base if paper else None
    if is_homepage(link.url) or (is_person_name(title) and not paper):
        return None
    titled = looks_titled(title)
    if not paper and not (titled and _names_a_project(title, link.url)):
        return None
    if paper and (_FRAGMENT.match(title) or _statement(title)):
        base.aliases.append(title)  # "suffer from the same problem as ...": words, no title
        base.descriptive = True
        return base
    base.title = title
    base.descriptive = not titled
    return base


def _listed_authors(text: str) -> list[str]:
    """'Hruby, Duff, Leykin, Pajdla': a link text that lists three or more people."""
    if text.count(",") < 2 or not looks_like_author_list(text):
        return []
    return plausible_authors(text) or []


def _names_a_project(title: str, url: str) -> bool:
    """A link to a page that is no paper names a work when it names a code project (a
    repository) or reads as a full title; 'OpenReview explorer' or 'Paper Digest' linking a
    site's page are tools and sites, not works."""
    return "github.com/" in url or len(title.split()) >= 3


def _name_before(text: str, at: int) -> str | None:
    """A bare URL's work is often named just before it: 'CycleGAN is ... https://arxiv...'."""
    if at <= 0:
        return None
    window = text[max(0, at - 160) : at]
    coined = [w.strip("()[],.:;?!“”\"'") for w in window.split() if looks_coined(w)]
    return coined[-1] if coined else None


_LABEL_WORDS = frozenset(
    "arxiv pdf paper preprint version link full the code project page website openreview "
    "abs html official github repo slides video poster blog post".split()
)


def _generic_link_text(text: str) -> bool:
    """Link text that names no work: 'here', 'this study', 'download the poster', 'GANs'."""
    words = text.lower().split()
    if all(word.strip("[]().,:") in _LABEL_WORDS for word in words):
        return True  # "[arXiv]", "ArXiv version", "paper (PDF)"
    if _GENERIC.match(text) or _IMPERATIVE.match(text) or re.fullmatch(r"[A-Z]+s", text):
        return True
    if words[0] in SMALL - {"a", "an", "the"} and not looks_titled(text):
        return True  # "using convolution", "how powerful ..." are phrases, not titles
    if words[-1] in _GENERIC_TAIL and not looks_titled(text):
        return True
    generic_words = {"paper", "papers", "here", "this", "study", "work"}
    return any(w in generic_words for w in words) and len(words) <= 6 and not looks_titled(text)


def _names_implementation(text: str, at: int, label: str) -> bool:
    """'a [PyTorch](repo) implementation': the link text qualifies the code, not a work."""
    if at < 0:
        return False
    after = text[at + len(label) : at + len(label) + 20].lower().split()
    return bool(after) and after[0].strip(",.") in {"implementation", "code", "version", "port"}
