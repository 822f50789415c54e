"""Find the names of papers, talks, libraries and datasets in a snippet.

Each finder looks for one way reports name work:
  links       link text to arXiv/OpenReview/a paper page, or a title-cased link text
  headings    a bare heading that names a paper (the segmenter passes these on)
  quoted      a title in quotes: “Knowledge Flow – Improve upon your teachers”
  by-author   a title followed by "by Renda, Frankle and Carbin" or "by Cueva et al."
  cued        a title after "the paper", "titled", "called", "article is"
  abbrev      a name with its abbreviation: Lottery Ticket Hypothesis (LT)
and "Zhou et al." style references lend authors to the work named just before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.documents.links import fold_space, is_homepage
from bot.documents.people import is_person_name
from bot.documents.text_reader import title_case_ratio
from bot.models import Link, Snippet

SMALL = frozenset(
    "a an and as at by for from in into of on or the to vs via with without before after "
    "through toward towards over under upon between beyond using more all is are be your "
    "what where when why how we you it its not no do does can our their one".split()
)
_PAPER_URL = re.compile(
    r"arxiv\.org|openreview\.net|doi\.org|aclanthology|aclweb\.org/anthology|proceedings\.|"
    r"papers\.nips\.cc|proceedings\.neurips|thecvf\.com|\.pdf(?:$|\?)|pmlr\.press|jmlr\.org|"
    r"semanticscholar|dl\.acm\.org|ieeexplore|eng\.uber\.com|research\.google|ai\.googleblog",
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
_IMPERATIVE = re.compile(
    r"^(?:download|view|click|watch|read|see|check|browse|visit|find|get|try|listen|follow)\b",
    re.IGNORECASE,
)
_GENERIC_TAIL = frozenset(
    "approach method methods issue issues work paper study way idea trick tricks result results "
    "analysis implementation version code here post talk".split()
)
_AUTHOR_REF = re.compile(
    r"(?P<names>[A-Z][\w'’-]+(?:(?:,\s*|\s+and\s+|\s*&\s*)[A-Z][\w'’-]+)*)\s+et\s+al\b\.?"
    r"|(?P<pair>[A-Z][\w'’-]+\s+(?:and|&)\s+[A-Z][\w'’-]+)(?=\s*[,(]?\s*(?:\(?\d{4}\)?|show|propose|present|find|found|extend|introduce|analy[sz]e|demonstrate))"
)
# Author names as reports write them: "Anish Athalye", "Lydia T. Liu", "Ricky T. Q. Chen",
# "van den Oord", "Renda, Frankle and Carbin", "Zhou et al.".
# A capitalised word (not an all-caps acronym such as NIPS) or initials.
_NAME_WORD = r"(?:[A-ZÀ-Þ][a-zà-ÿ'’][\w'’-]*|[A-Z]\.(?:\s?[A-Z]\.)*)"
_PERSON = (
    rf"{_NAME_WORD}(?:\s+(?:(?:van|von|de|der|den|da|di|du|le|la|del)\s+)*{_NAME_WORD}){{0,3}}"
)
_NAMES = rf"{_PERSON}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*){_PERSON})*(?:,?\s+et\s+al\b\.?)?"
_BY_AUTHORS = re.compile(rf",?\s+by\s+(?P<names>{_NAMES})")
_DASH_AUTHORS = re.compile(rf"\s+[-–—]\s+(?P<names>{_NAMES})")
_PAREN_AUTHORS = re.compile(
    rf"\s*\((?P<names>{_NAMES})(?:,?\s*(?:[A-Z][A-Za-z]+\s*['’]?)?(?:19|20)\d{{2}}[a-z]?)?\)"
)
_DASH_END = re.compile(r"\s*(?:$|[.;(]|[-–—]\s)")
# What may follow a list of authors: the end of a clause, or a verb of reporting.
_AFTER_NAMES = re.compile(
    r"\s*(?:$|[.,;:)(\]]|[-–—]\s|(?:was|were|is|are|won|got|has|have|shows?|showed|"
    r"propos\w*|present\w*|introduc\w*|received|gave|explain\w*|demonstrat\w*|which|"
    r"who|that|both|also|all|each|argu\w*|[a-z]{3,}(?<!ss)(?<!ous)(?<!is)s|"
    r"and\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}(?:colleagues|others|co-?authors|team|group|lab))\b)"
)
_ABBREV = re.compile(r"\((?P<abbr>[A-Za-z][A-Za-z0-9\-]{1,9})\)")
_QUOTED = re.compile(r"[“\"](?P<q>[^“”\"\n]{4,140}?)[”“\"]")
_CUE = re.compile(
    r"\b(?:the\s+paper|a\s+paper|paper\s+(?:titled|called|named|entitled)|titled|entitled|"
    r"called|named|article\s+is|papers?\s+(?:was|is)|work\s+(?:titled|called)|"
    r"(?:talk|presentation|poster)\s+(?:titled|called|on)|"
    r"(?:paper|presentation|talk|poster|article|work|library|tool|toolkit|dataset|package|"
    r"framework|favou?rite)[^.;:]{0,40}?\b(?:was|is)|library\s+called)\s+",
    re.IGNORECASE,
)
_TALK_PREFIX = re.compile(
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
_TALKS = re.compile(r"tutorial|keynote|invited|\btalks?\b|panel|workshop", re.IGNORECASE)
# A sentence (or list item) ends at . ! ? ; before a capital, but not after an initial
# ("Lydia T. Liu") or "et al.".
_SENTENCE_END = re.compile(r"(?<=[.!?;])(?<!\s[A-Z]\.)(?<!\bal\.)\s+(?=[A-Z“\"(])")
_CLAUSE_END = re.compile(r"(?<!\s[A-Z])(?<!\bal)[.;!?](?:\s|$)")


@dataclass(slots=True)
class Candidate:
    """One naming of a work in one snippet, before merging into the catalog."""

    title: str | None
    snippet: Snippet
    source: str
    aliases: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    arxiv: str | None = None
    url: str | None = None
    kind: str = "paper"
    descriptive: bool = False  # the title is a description ("contrastive predictive coding")
    # The link only names a resource ("[paper]", "arXiv", "2106.09685"): its work is the one
    # the text names around it.
    resource: bool = False
    at: int = -1  # character offset in the snippet where it is named


def find_candidates(snippet: Snippet) -> list[Candidate]:
    """Every naming of a work in the snippet."""
    found: list[Candidate] = []
    found.extend(_from_links(snippet))
    found.extend(_from_headings(snippet))
    found.extend(_from_quotes(snippet))
    found.extend(_from_by_authors(snippet))
    found.extend(_from_cues(snippet))
    found.extend(_from_abbreviations(snippet))
    found.extend(_from_sentence_starts(snippet))
    found.extend(_from_colon_lists(snippet))
    found.extend(_from_references(snippet))
    for candidate in found:
        if candidate.title:
            _apply_talk_prefix(candidate)
            candidate.title, abbreviation = _split_abbreviation(candidate.title)
            if abbreviation and abbreviation not in candidate.aliases:
                candidate.aliases.append(abbreviation)
    for candidate in found:
        if candidate.source == "heading" and candidate.at < 0 and not candidate.authors:
            _authors_leading(snippet.text, candidate)
    found = _fold_proposed_names(snippet.text, found)
    found = _give_urls_to_titles(snippet.text, found)
    for candidate in found:
        _inline_aliases(snippet.text, candidate)
    _lend_authors(snippet, found)
    for candidate in found:
        candidate.kind = _kind_near(snippet.text, candidate)
    return [c for c in found if c.title is None or _acceptable_title(c.title)]


_URL_LABEL = re.compile(r"^(?:https?://|www\.|arxiv[: ]\s*\d)", re.IGNORECASE)
_URL_REACH = 300
_TITLE_SOURCES = frozenset({"heading", "quoted", "by-author", "cued", "reference"})


def _give_urls_to_titles(text: str, found: list[Candidate]) -> list[Candidate]:
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
            before = [c for c in titled if 0 <= c.at < at and at - c.at < _URL_REACH]
            if len(titled) > 1 and before:
                # Among several works, only one named in the same sentence takes the link.
                before = [c for c in before if _sentence_start(text, at) <= c.at]
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


_NICKNAME = r"(?:[A-Za-z][\w-]*[A-Z][\w-]*|[A-Z]{2,}[\w-]*)"
_KNOWN_AS = re.compile(
    rf"^[^.;!?]{{0,120}}?\b(?:better known as|also known as|known as|a\.?k\.?a\.?|dubbed|"
    rf"nicknamed|which introduces|introducing|introduces|called)\s+(?:the\s+)?"
    rf"(?P<a>{_NICKNAME})(?:\s*(?:,|or|and|/)\s*(?P<b>{_NICKNAME}))?"
)
_PAREN_NICKNAME = re.compile(rf"\s*\(\s*(?P<a>{_NICKNAME})\s*\)")
_DASH_NICKNAME = re.compile(rf"\s*[-–—:]\s*(?P<a>{_NICKNAME})(?=[.;,:]|\s*$)")


def _inline_aliases(text: str, candidate: Candidate) -> None:
    """'..., better known as StyleGAN', 'also known as GauGAN or SPADE', '(VoteNet)' after
    the title or its author list: short names the work goes by."""
    if not candidate.title or candidate.at < 0:
        return
    found_at = text.find(candidate.title, candidate.at)
    if found_at < 0:
        return
    end = found_at + len(candidate.title)
    if text[end : end + 1] in {"”", '"'}:
        end += 1
    listed = authors_after(text, end)
    after = listed[1] if listed else end
    for match in (
        _PAREN_NICKNAME.match(text, after),
        _DASH_NICKNAME.match(text, after),
        _KNOWN_AS.match(text[after:]),
    ):
        if match:
            for alias in (match.group("a"), match.groupdict().get("b")):
                if alias and alias not in candidate.aliases and alias != candidate.title:
                    candidate.aliases.append(alias)


_LEAD_NICKNAME = re.compile(rf"(?P<nick>{_NICKNAME})(?=\s+by\s)")
_LEAD_NAMES = re.compile(rf"(?P<names>{_NAMES})(?:\s+(?=(?!and\b|or\b)[a-z]{{3,}})|\.(?:\s|$))")


def _authors_leading(text: str, candidate: Candidate) -> None:
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
        names = _plausible_authors(lead.group("names"))
        et_al = re.search(r"\bet\s+al\b", lead.group("names"))
        # A lone capitalised phrase opening a paragraph is too often not a person.
        if names and (len(names) > 1 or et_al):
            candidate.authors = names


def _apply_talk_prefix(candidate: Candidate) -> None:
    """'Invited Talk by Pedro Domingos - The Sum-Product Theorem' -> a talk, its speaker."""
    talk = _TALK_PREFIX.match(candidate.title or "")
    if not talk:
        return
    candidate.kind = "talk"
    who = talk.group("who")
    if who and who.strip() not in candidate.authors:
        candidate.authors.append(who.strip())
    if talk.group("title"):
        candidate.title = talk.group("title").strip()


_PROPOSES = re.compile(r"\b(?:propos\w*|introduc\w*|present\w*|call\w*|dub\w*|nam\w*)\s*$", re.I)


def _fold_proposed_names(text: str, found: list[Candidate]) -> list[Candidate]:
    """'... they propose Gradient Signal Preservation (GraSP)': the method's name is an alias
    of the paper named before it in the snippet, not a work of its own."""
    titled = sorted(
        (c for c in found if c.title and c.source != "abbrev" and c.at >= 0), key=lambda c: c.at
    )
    kept = []
    for candidate in found:
        if candidate.source == "abbrev" and candidate.at >= 0:
            before = [c for c in titled if c.at < candidate.at]
            if before and _PROPOSES.search(text[max(0, candidate.at - 30) : candidate.at]):
                owner = before[-1]
                owner.aliases.extend(a for a in [candidate.title or "", *candidate.aliases] if a)
                continue
        kept.append(candidate)
    return kept


# --- links ---------------------------------------------------------------------------------


def _from_links(snippet: Snippet) -> list[Candidate]:
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
    title, abbreviation = _split_abbreviation(text)
    if abbreviation:
        base.aliases.append(abbreviation)
    author_names = _author_names(title)
    if author_names:
        if not paper:
            return None
        base.authors = author_names
        return base
    if _generic_link_text(title) or _names_implementation(snippet.text, at, text):
        base.resource = all(w.strip("[]().,:") in _LABEL_WORDS for w in title.lower().split())
        return base if paper else None
    if is_homepage(link.url) or (is_person_name(title) and not paper):
        return None
    titled = _looks_titled(title)
    if not paper and not titled:
        return None
    base.title = title
    base.descriptive = not titled
    return base


def _name_before(text: str, at: int) -> str | None:
    """A bare URL's work is often named just before it: 'CycleGAN is ... https://arxiv...'."""
    if at <= 0:
        return None
    window = text[max(0, at - 160) : at]
    coined = [w.strip("()[],.:;?!“”\"'") for w in window.split() if _looks_coined(w)]
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
    if words[0] in SMALL - {"a", "an", "the"} and not _looks_titled(text):
        return True  # "using convolution", "how powerful ..." are phrases, not titles
    if words[-1] in _GENERIC_TAIL and not _looks_titled(text):
        return True
    generic_words = {"paper", "papers", "here", "this", "study", "work"}
    return any(w in generic_words for w in words) and len(words) <= 6 and not _looks_titled(text)


def _names_implementation(text: str, at: int, label: str) -> bool:
    """'a [PyTorch](repo) implementation': the link text qualifies the code, not a work."""
    if at < 0:
        return False
    after = text[at + len(label) : at + len(label) + 20].lower().split()
    return bool(after) and after[0].strip(",.") in {"implementation", "code", "version", "port"}


def _split_abbreviation(text: str) -> tuple[str, str | None]:
    match = re.match(r"^(?P<long>.+?)\s*\((?P<abbr>[A-Za-z][A-Za-z0-9\-+]{1,14})\)$", text)
    if match and (
        _abbreviates(match.group("abbr"), match.group("long")) or _looks_coined(match.group("abbr"))
    ):
        return match.group("long"), match.group("abbr")
    return text, None


def _author_names(text: str) -> list[str]:
    """'Mostafa and Wang', 'Louizos et al', 'Löwe et al.' -> surnames; [] otherwise."""
    match = re.fullmatch(r"(?P<a>[A-Z][\w'’-]+)\s+et\s+al\.?", text)
    if match:
        return [match.group("a")]
    match = re.fullmatch(r"(?P<a>[A-Z][\w'’-]+)\s+(?:and|&)\s+(?P<b>[A-Z][\w'’-]+)", text)
    if match and not _looks_coined(match.group("a")) and not _looks_coined(match.group("b")):
        return [match.group("a"), match.group("b")]
    return []


# --- headings, quotes, cues ------------------------------------------------------------------


def _from_headings(snippet: Snippet) -> list[Candidate]:
    out = []
    for heading in snippet.candidates:
        title, kind = heading, "paper"
        authors: list[str] = []
        title, tail_authors = _heading_authors(title.strip())
        authors = authors or tail_authors
        title, abbreviation = _split_abbreviation(title.strip())
        if any(_TALKS.search(part) for part in snippet.section[:-1]):
            kind = "talk"
        at = snippet.text.find(title)  # emphasised titles stand in the text, headings not
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


def _from_quotes(snippet: Snippet) -> list[Candidate]:
    out = []
    text = snippet.text
    for match in _QUOTED.finditer(text):
        quoted = match.group("q").strip(" .,")
        before = text[max(0, match.start() - 40) : match.start()].lower()
        cued = bool(re.search(r"(?:paper|talk|titled|called|workshop on|article|read)\W*$", before))
        after = authors_after(text, match.end())
        words = quoted.split()
        if len(words) < 2 or not (quoted[0].isupper() or after or cued):
            continue  # "mixup: Beyond Empirical Risk Minimization" (Zhang, ...) is a title
        if not (cued or after or (_title_case_ratio(quoted) >= 0.6 and len(words) >= 3)):
            continue
        candidate = Candidate(quoted, snippet, "quoted", at=match.start())
        if after:
            candidate.authors = after[0]
        out.append(candidate)
    return out


def _from_by_authors(snippet: Snippet) -> list[Candidate]:
    """'Comparing Rewinding and FineTuning in Neural Network Pruning, by Renda, Frankle and
    Carbin', 'Obfuscated Gradients Give a False Sense of Security by Anish Athalye, ...',
    'Sanity Checks for Saliency Maps (Adebayo et al.)'."""
    out = []
    text = snippet.text
    for match in re.finditer(r",?\s+by\s+|\s*\((?=[A-ZÀ-Þ])|\s+[-–—]\s+(?=[A-ZÀ-Þ])", text):
        found = authors_after(text, match.start())
        if not found:
            continue
        if text[: match.start()].endswith(("”", '"', "’")):
            continue  # a quoted title: the quote finder reads it whole
        start = title_start_before(text, match.start())
        title = _ORG_TAIL.sub("", text[start : match.start()].strip(" ,"))
        # Without a comma, "by" is often a verb phrase: only a clearly title-cased run counts.
        needed = 0.6 if match.group(0).strip() == "by" else 0.5
        if title and len(title.split()) >= 2 and _title_case_ratio(title) >= needed:
            out.append(Candidate(title, snippet, "by-author", authors=found[0], at=start))
    return out


def _from_cues(snippet: Snippet) -> list[Candidate]:
    """A title after 'the paper', 'titled', 'called': up to ', by' or where title case ends."""
    out = []
    text = snippet.text
    for match in _CUE.finditer(text):
        rest = text[match.end() :]
        sentence_end = _CLAUSE_END.search(rest)
        by = _first_author_list(rest[: sentence_end.start() if sentence_end else 300])
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
            title = _title_run(rest)
            authors = []
        if title and len(title.split()) >= 2 and title[0].isupper():
            out.append(Candidate(title, snippet, "cued", authors=authors, at=match.end()))
    return out


# "IMPALA: ... Architectures from DeepMind (Espeholt et al.)": the lab is not in the title.
_ORG_TAIL = re.compile(
    r"\s+(?:from|at|by)\s+(?:DeepMind|Google(?: Brain| Research| AI)?|OpenAI|Facebook(?: AI)?|"
    r"FAIR|Meta(?: AI)?|Microsoft(?: Research)?|NVIDIA|Nvidia|Amazon|Apple|Baidu|Alibaba|"
    r"Tencent|IBM|Intel|Uber|Berkeley|Stanford|MIT|CMU|Oxford|Cambridge|Mila|Vector)$"
)


def _first_author_list(text: str) -> tuple[int, list[str]] | None:
    """Where the first author list in ``text`` starts, and its names."""
    for match in re.finditer(r",?\s+by\s+|\s*\((?=[A-ZÀ-Þ])", text):
        found = authors_after(text, match.start())
        if found:
            return match.start(), found[0]
    return None


def _from_abbreviations(snippet: Snippet) -> list[Candidate]:
    """'Single-Shot Network Pruning (SNIP)' -> title with alias SNIP."""
    out = []
    text = snippet.text
    for match in _ABBREV.finditer(text):
        abbreviation = match.group("abbr")
        if not any(c.isupper() for c in abbreviation):
            continue
        start = title_start_before(text, match.start())
        words = text[start : match.start()].split()
        # Keep the shortest tail of the title run whose initials spell the abbreviation.
        for size in range(1, min(len(words), 8) + 1):
            tail = " ".join(words[-size:]).strip(" ,")
            if _abbreviates(abbreviation, tail) and tail[0].isupper():
                candidate = Candidate(
                    tail, snippet, "abbrev", at=text.rfind(tail, 0, match.start())
                )
                candidate.aliases.append(abbreviation)
                out.append(candidate)
                break
    return out


_OPENERS = frozenset(
    "the this that these those in on at a an we i it there our they he she one another for as "
    "while when although however finally furthermore moreover also but and so if after before "
    "since because with without here some many most all both each other such my his her their "
    "its you your what why how which who overall then still now today yesterday during".split()
)
_TITLE_THEN_VERB = re.compile(
    r"^(?P<title>[A-Z][^,:.;!?]{8,140}?)(?:,\s+(?:by\s+[A-Z][^,]*,\s+)?(?P<verb>[a-z]+s)\b|:\s+(?=[A-Z]))"
)


_NOT_VERBS = frozenset(
    "this thus is was has does its as us yes less unless always perhaps across whereas "
    "besides also plus".split()
)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|we|We|my|My|our|Our|me)\b")


def _from_sentence_starts(snippet: Snippet) -> list[Candidate]:
    """'Bias-reduced uncertainty estimation for Deep Neural Networks, shows ...' and
    'Modeling Uncertainty with Hedge Instance Embedding: What if ...' at a sentence start."""
    out = []
    text = snippet.text
    starts = [0, *(m.end() for m in _SENTENCE_END.finditer(text))]
    for start in starts:
        match = _TITLE_THEN_VERB.match(text[start:])
        if not match:
            continue
        title = match.group("title").strip()
        talk = _TALK_PREFIX.match(title)
        if talk and not talk.group("title") and match.group("verb") is None:
            # "Keynote by Kathleen McKeown: Rewriting the Past covered ..." - keep the title.
            named = _title_run(text[start + match.end() :])
            title = f"{title}: {named}" if named else title
        words = title.split()
        if len(words) < 3 or words[0].lower() in _OPENERS or is_person_name(title):
            continue
        if (match.group("verb") or "") in _NOT_VERBS or _FIRST_PERSON.search(title):
            continue  # "Combined with DDIM, this is ...", "Workshops I dropped into: ..."
        if _title_case_ratio(title) < 0.4 and not any(_looks_coined(w) for w in words):
            continue
        out.append(Candidate(title, snippet, "cued", at=start))
    return out


# A reference list entry: "Jeremy Howard and Sebastian Ruder. 2018. Universal Language Model
# Fine-tuning for Text Classification. In Proceedings of ACL." (ACL style) or "Howard, J., &
# Ruder, S. (2018). Universal Language Model Fine-tuning ... . In ..." (APA style).
_REFERENCE = re.compile(
    r"(?P<authors>[A-ZÀ-Þ][^.()]{1,300}?(?:\.[^.()]{1,40}?){0,6}?)"
    r"(?:\.\s+|\s+\()(?P<year>(?:19|20)\d{2})[a-z]?\)?\.\s+"
    r"(?P<title>[^\s].{6,300}?[^.\s])[.?!]\s+"
    r"(?=In\b|\*?Proceedings|Advances|Journal|Transactions|arXiv|CoRR|\*|[A-Z]{3,}|\d|$)"
)


def _from_references(snippet: Snippet) -> list[Candidate]:
    """Titles and authors from a reference list; the authors also serve as a short name
    ('Howard and Ruder'), which is how the body of such a report cites the work."""
    out = []
    text = snippet.text
    for match in _REFERENCE.finditer(text):
        people = _reference_authors(match.group("authors"))
        title = match.group("title").strip()
        if not people or len(title.split()) < 2:
            continue
        candidate = Candidate(title, snippet, "reference", authors=people, at=match.start("title"))
        candidate.aliases.append(_citation_name(people))
        out.append(candidate)
    return out


def _reference_authors(text: str) -> list[str]:
    """'Jeremy Howard and Sebastian Ruder' or 'Howard, J., & Ruder, S.' -> full names. The
    match may start inside the previous entry ('In Proceedings of ACL, pages 1-9. Jeremy
    Howard and ...'): the names are the last sentence-like part that parses as names."""
    pieces = re.split(r"(?<=[^A-Z])\.\s+", text)
    for start in range(len(pieces)):
        people = _names_from_reference(" ".join(pieces[start:]))
        if people:
            return people
    return []


def _names_from_reference(text: str) -> list[str]:
    text = text.strip(" ,;")
    apa = re.findall(r"([A-ZÀ-Þ][\w'’-]+),\s+((?:[A-Z]\.\s?)+)", text)
    if apa:
        return [f"{initials.strip()} {surname}" for surname, initials in apa]
    names = _plausible_authors(text)
    return names or []


def _citation_name(people: list[str]) -> str:
    """How a body text cites the work: 'Howard and Ruder', 'Khandelwal et al.'."""
    suffixes = {"Jr.", "Jr", "Sr.", "II", "III", "IV"}
    surnames = [[w for w in name.split() if w not in suffixes][-1] for name in people]
    if len(surnames) == 1:
        return surnames[0]
    if len(surnames) == 2:
        return f"{surnames[0]} and {surnames[1]}"
    return f"{surnames[0]} et al."


def _from_colon_lists(snippet: Snippet) -> list[Candidate]:
    """'three papers worth mentioning: A Mean Field Theory of ..., and Theoretical ...'."""
    out = []
    text = snippet.text
    for match in re.finditer(r"\b(?:papers?|works|talks)\b[a-z ,]{0,80}:\s+(?P<list>[^.]+)", text):
        offset = match.start("list")
        for item in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+(?=[A-Z])", match.group("list")):
            title = item.strip(" ,")
            if len(title.split()) >= 3 and _title_case_ratio(title) >= 0.6:
                out.append(Candidate(title, snippet, "cued", at=offset + text[offset:].find(title)))
    return out


# --- helpers -------------------------------------------------------------------------------


def title_start_before(text: str, end: int) -> int:
    """Walk back from ``end`` over title-like words to where the title starts."""
    words = list(re.finditer(r"\S+", text[:end]))
    start = end
    for word in reversed(words):
        raw = word.group(0)
        token = raw.strip("“”\"'(),;")
        if raw.endswith("?") and start != end:
            start = _question_head(text, word.end(), start)
            break
        if raw.endswith((".", "!", ";", ")", "]")) and start != end:
            break  # the previous sentence, list item or parenthesis ends here
        if not token:
            break
        if (
            token[0].isupper()
            or token[0].isdigit()
            or token.lower() in SMALL
            or token.endswith(":")
            or _looks_coined(token)
        ):
            start = word.start()
            if raw[0] in '“"(':
                break
            if raw.endswith(",") and not (token[0].isupper() or token[0].isdigit()):
                break  # "..., and" ends a clause; "Quality, Stability, and Variation" goes on
            continue
        break
    # A title does not begin with a small word ("the", "and") or an opener ("Finally,").
    head = text[start:end]
    question = "?" in " ".join(head.split()[:8])  # "Is BERT Really Robust? ..." keeps its "Is"
    while len(head.split()) > 1 and _leading_filler(head.split()[0], question, head.split()[1]):
        first = head.split()[0]
        start += head.index(first) + len(first)
        head = text[start:end]
    return start + (len(head) - len(head.lstrip()))


def _question_head(text: str, question_end: int, start: int) -> int:
    """'Is BERT Really Robust? A Strong Baseline ...': a short title-cased question opening
    a sentence is the first half of the title; any other question ends the sentence before."""
    sentence = _sentence_start(text, question_end - 1)
    head = text[sentence:question_end]
    words = head.split()
    if 2 <= len(words) <= 8 and _title_case_ratio(head) >= 0.75 and words[0][0].isupper():
        return sentence
    return start


def _leading_filler(word: str, question: bool = False, following: str = "") -> bool:
    if word.endswith(","):
        return True
    if word in {"A", "An"} and following[:1].isupper():
        return False  # "A Unified Approach to ...", "An Image is Worth 16x16 Words"
    return not question and (word.lower() in SMALL or word.lower() in _OPENERS)


def _title_run(text: str) -> str:
    """The title-cased words at the start of ``text`` (small words allowed inside), up to
    an author list ("... by Lydia T. Liu and Moritz Hardt")."""
    taken: list[str] = []
    for word in re.finditer(r"\S+", text):
        raw = word.group(0)
        if raw == "by" and word.start() > 0 and authors_after(text, word.start() - 1):
            break
        token = raw.strip("“”\"'()")
        if not token:
            break
        stop = raw.endswith((",", ".", ";", "!", "?", "”", '"')) and not raw.endswith(":")
        if token[0].isupper() or token[0].isdigit() or token.lower() in SMALL or "-" in token:
            taken.append(raw.rstrip(",.;!?"))
            if stop:
                break
            continue
        break
    while taken and taken[-1].lower().strip("“”\"'") in SMALL:
        taken.pop()
    return " ".join(taken).strip("“”\"' ")


def _abbreviates(abbreviation: str, phrase: str) -> bool:
    """Whether ``abbreviation`` abbreviates ``phrase``, allowing one letter of a long
    abbreviation that is no initial (SNIP: Single-shot Network Pruning)."""
    if _schwartz_hearst(abbreviation, phrase):
        return True
    letters = [c for c in abbreviation if c.isalnum()]
    if len(letters) < 4:
        return False
    return any(
        _schwartz_hearst("".join(letters[:i] + letters[i + 1 :]), phrase)
        for i in range(1, len(letters))
    )


def _schwartz_hearst(abbreviation: str, phrase: str) -> bool:
    """Schwartz-Hearst: the abbreviation's letters appear in order in the phrase, the first
    at the start of its first word, and the phrase is not much longer than the abbreviation."""
    short = [c.lower() for c in abbreviation if c.isalnum()]
    long = phrase.lower()
    words = [w for w in re.split(r"[\s\-]+", phrase) if w]
    if not short or not words or words[0][0].lower() != short[0]:
        return False
    if len(words) > min(len(short) + 5, len(short) * 2):
        return False
    position = len(long) - 1
    for index in range(len(short) - 1, -1, -1):
        letter = short[index]
        while position >= 0 and (
            long[position] != letter
            or (index == 0 and position > 0 and long[position - 1].isalnum())
        ):
            position -= 1
        if position < 0:
            return False
        position -= 1
    return True


def _names_in(text: str) -> list[str]:
    text = re.sub(r",?\s+et\s+al\b\.?", "", text)
    names = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text)
    return [
        n.strip(" .") if not n.rstrip().endswith(".") or " " not in n else n.strip()
        for n in names
        if n.strip(" .")
    ]


def _plausible_authors(raw: str) -> list[str] | None:
    """The people in a name list, or None when it is not one ("Preserving Gradient Flow")."""
    names = _names_in(raw)
    listed = len(names) >= 2 or bool(re.search(r"\bet\s+al\b", raw))
    for name in names:
        words = name.split()
        if len(words) == 1 and not (listed and _surname(words[0])):
            return None
        if len(words) > 1 and not is_person_name(name):
            return None
    return names or None


def _surname(word: str) -> bool:
    """'Renda', 'Veličković', 'Lopez-Paz'; not 'PixelCNN' or 'GAN'."""
    rest = word[1:].replace("-", "").replace("'", "").replace("’", "")
    return (
        len(word) >= 2 and word[0].isupper() and rest.isalpha() and (rest.islower() or "-" in word)
    )


def looks_like_author_list(text: str) -> bool:
    """'Nils Reimers, Iryna Gurevych': people, not a title."""
    return bool(re.fullmatch(_NAMES, text.strip(" ,;—–-"))) and _plausible_authors(text) is not None


def authors_after(text: str, pos: int) -> tuple[list[str], int] | None:
    """'... by Anish Athalye, Nicholas Carlini and David Wagner.' or '... (Zhou et al.)' at
    ``pos``: the authors and where the list ends; None when no author list stands there."""
    for pattern in (_BY_AUTHORS, _PAREN_AUTHORS, _DASH_AUTHORS):
        match = pattern.match(text, pos)
        if not match:
            continue
        names = _plausible_authors(match.group("names"))
        if not names:
            continue
        if pattern is _DASH_AUTHORS and not _DASH_END.match(text, match.end()):
            continue  # "Title - Name Name - note": the list must end the item or a clause
        if pattern is _PAREN_AUTHORS or _AFTER_NAMES.match(text, match.end()):
            return names, match.end()
    return None


def _lend_authors(snippet: Snippet, found: list[Candidate]) -> None:
    """'Zhou et al. extends ...' names the authors of the work named just before."""
    text = snippet.text
    named = sorted((c for c in found if c.at >= 0), key=lambda c: c.at)
    for candidate in found:
        if candidate.title and candidate.at >= 0 and not candidate.authors:
            # "**Weight Agnostic Neural Networks** by Gaier and Ha: ..."
            listed = authors_after(text, candidate.at + len(candidate.title))
            if listed:
                candidate.authors = listed[0]
    link_starts = {c.at for c in found if c.source == "link"}
    for match in _AUTHOR_REF.finditer(text):
        if match.start() in link_starts:
            continue  # "[Löwe et al.](...)" names its own link, not the work before it
        names = _names_in(match.group("names") or match.group("pair") or "")
        before = [c for c in named if c.at <= match.start() and not c.authors]
        sentence_start = _sentence_start(text, match.start())
        if before and before[-1].at >= _previous_sentence_start(text, sentence_start):
            before[-1].authors = names


def _sentence_start(text: str, at: int) -> int:
    starts = [m.end() for m in _SENTENCE_END.finditer(text[:at])]
    return starts[-1] if starts else 0


def _previous_sentence_start(text: str, sentence_start: int) -> int:
    return _sentence_start(text, max(0, sentence_start - 2))


def _kind_near(text: str, candidate: Candidate) -> str:
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


def _title_case_ratio(text: str) -> float:
    return title_case_ratio(text, SMALL)


def _looks_coined(word: str) -> bool:
    core = word.strip("()[],.:;“”\"'")
    if re.fullmatch(r"[A-Z]+s", core):
        return False  # plural acronyms (GANs, RNNs) are topics, not names
    if not any(c.isalpha() for c in core) or not core[:1].isalnum():
        return False
    has_inner_capital = any(c.isupper() for c in core[1:]) and any(c.islower() for c in core)
    return len(core) >= 3 and (
        has_inner_capital
        or (any(c.isdigit() for c in core) and any(c.isupper() for c in core))
        or ("-" in core and any(c.isupper() for c in core[1:]))
    )


def _looks_titled(text: str) -> bool:
    words = text.split()
    if len(words) == 1:
        core = words[0].strip("()[],.:;“”\"'")
        caps = core.isupper() and len(core) >= 3 and core.isalpha()
        return (
            _looks_coined(core)
            or caps
            or (core[:1].isupper() and len(core) >= 4 and core.isalpha())
        )
    return _title_case_ratio(text) >= 0.6 or any(_looks_coined(w) for w in words)


_NOT_TITLES = re.compile(
    r"^(?:main themes|other things we liked|papers i liked|general impressions|wrapping up|"
    r"introduction|conclusions?|summary|overview|highlights|key takeaways|takeaways|resources|"
    r"references|related work|acknowledg\w+|about( me| us)?|tl;?dr|q&a|questions from audience|"
    r"day \d+.*|session \d+.*|(?:invited )?talks?|keynotes?|tutorials?|orals?|spotlights?|"
    r"posters?|panels?|workshops?|(?:final|closing|concluding|some) (?:thoughts|remarks|words)|"
    r"about the authors?|conclusion and outlook|summary and outlook|"
    r"(?:random|misc|miscellaneous|other|general|some|more|assorted|final|closing|personal)"
    r" (?:thoughts|notes|papers|highlights|remarks|things|stuff|observations|takeaways|bits)|"
    r"honou?rable mentions|best papers?|logistics|venue|food|social events?|parties|recap|"
    r"misc(?:ellaneous)?|notes|links|resources|further reading|bibliography)$",
    re.IGNORECASE,
)


def _acceptable_title(title: str) -> bool:
    """Reject fragments that cannot be titles: too short, too long, sentence-like or chrome."""
    words = title.split()
    if not words or len(title) < 3 or len(words) > 24 or _NOT_TITLES.match(title.strip()):
        return False
    return not (len(words) == 1 and not _looks_titled(title))
