"""Author lists as reports write them ("by Renda, Frankle and Carbin", "(Zhou et al.)")."""

from __future__ import annotations

import re

from bot.catalog.found import Candidate
from bot.catalog.words import SMALL, looks_coined, previous_sentence_start, sentence_start
from bot.documents.people import is_person_name
from bot.models import Snippet

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


NAMES = rf"{_PERSON}(?:(?:\s*[,·]\s*(?:and\s+)?|\s+and\s+|\s*&\s*){_PERSON})*(?:,?\s+et\s+al\b\.?)?"


_BY_AUTHORS = re.compile(rf",?\s+by\s+(?P<names>{NAMES})")


_DASH_AUTHORS = re.compile(rf"\s+[-–—]\s+(?P<names>{NAMES})")


_PAREN_AUTHORS = re.compile(
    rf"\s*\((?P<names>{NAMES})(?:,?\s*(?:[A-Z][A-Za-z]+\s*['’]?)?(?:19|20)\d{{2}}[a-z]?)?"
    r"(?:;\s{0,4}[^()]{1,300})?\)"  # "(Zhang, Lucas, Hinton, Ba; https://arxiv.org/...)"
)


_DASH_END = re.compile(r"\s*(?:$|[.;(]|[-–—]\s)")


# What may follow a list of authors: the end of a clause, or a verb of reporting.
_AFTER_NAMES = re.compile(
    r"\s*(?:$|[.,;:)(\]]|[-–—]\s|(?:was|were|is|are|won|got|has|have|shows?|showed|"
    r"propos\w*|present\w*|introduc\w*|received|gave|explain\w*|demonstrat\w*|which|"
    r"who|that|both|also|all|each|argu\w*|[a-z]{3,}(?<!ss)(?<!ous)(?<!is)s|"
    r"and\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}(?:colleagues|others|co-?authors|team|group|lab))\b)"
)


def author_names(text: str) -> list[str]:
    """'Mostafa and Wang', 'Louizos et al', 'Löwe et al.' -> surnames; [] otherwise."""
    match = re.fullmatch(r"(?P<a>[A-Z][\w'’-]+)\s+et\s+al\.?", text)
    if match:
        return [match.group("a")]
    match = re.fullmatch(r"(?P<a>[A-Z][\w'’-]+)\s+(?:and|&)\s+(?P<b>[A-Z][\w'’-]+)", text)
    if match and not looks_coined(match.group("a")) and not looks_coined(match.group("b")):
        return [match.group("a"), match.group("b")]
    return []


# "IMPALA: ... Architectures from DeepMind (Espeholt et al.)": the lab is not in the title.
ORG_TAIL = re.compile(
    r"\s+(?:from|at|by)\s+(?:DeepMind|Google(?: Brain| Research| AI)?|OpenAI|Facebook(?: AI)?|"
    r"FAIR|Meta(?: AI)?|Microsoft(?: Research)?|NVIDIA|Nvidia|Amazon|Apple|Baidu|Alibaba|"
    r"Tencent|IBM|Intel|Uber|Berkeley|Stanford|MIT|CMU|Oxford|Cambridge|Mila|Vector)$"
)


def first_author_list(text: str) -> tuple[int, list[str]] | None:
    """Where the first author list in ``text`` starts, and its names."""
    for match in re.finditer(r",?\s+by\s+|\s*\((?=[A-ZÀ-Þ])", text):
        found = authors_after(text, match.start())
        if found:
            return match.start(), found[0]
    return None


def _names_in(text: str) -> list[str]:
    text = re.sub(r",?\s+et\s+al\b\.?", "", text)
    names = re.split(r"\s{0,4}[,·]\s{0,4}(?:and\s{1,4})?|\s{1,4}and\s{1,4}|\s{0,4}&\s{0,4}", text)
    return [
        n.strip(" .") if not n.rstrip().endswith(".") or " " not in n else n.strip()
        for n in names
        if n.strip(" .")
    ]


def plausible_authors(raw: str) -> list[str] | None:
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
    return bool(re.fullmatch(NAMES, text.strip(" ,;—–-"))) and plausible_authors(text) is not None


def authors_after(text: str, pos: int) -> tuple[list[str], int] | None:
    """'... by Anish Athalye, Nicholas Carlini and David Wagner.' or '... (Zhou et al.)' at
    ``pos``: the authors and where the list ends; None when no author list stands there."""
    for pattern in (_BY_AUTHORS, _PAREN_AUTHORS, _DASH_AUTHORS):
        match = pattern.match(text, pos)
        if not match:
            continue
        names = plausible_authors(match.group("names"))
        if not names:
            continue
        if pattern is _DASH_AUTHORS and not _DASH_END.match(text, match.end()):
            continue  # "Title - Name Name - note": the list must end the item or a clause
        if pattern is _PAREN_AUTHORS or _AFTER_NAMES.match(text, match.end()):
            return names, match.end()
    return None


# "Kaushik and Lipton, How Much Reading ...", "Zhou et al., Deconstructing ...": a citation
# opening the sentence or item, then a comma, then the title.
_CITED_BEFORE = re.compile(
    r"(?:^|[.;:!?]\s{1,3}|\n|[-*•]\s{1,3})(?P<names>[A-Z][\w'’-]{1,30}(?:\s{1,3}et\s{1,3}al\.?"
    r"|\s{1,3}(?:and|&)\s{1,3}[A-Z][\w'’-]{1,30})),\s{1,3}[\"“]?$"
)


def authors_before(text: str, at: int) -> list[str]:
    """The authors a citation right before a title names ('Kaushik and Lipton, Title')."""
    match = _CITED_BEFORE.search(text[max(0, at - 80) : at])
    if match is None or (at - 80 > 0 and match.start() == 0 and not match.group(0)[0].isspace()):
        return []
    return _names_in(match.group("names"))


def lend_authors(snippet: Snippet, found: list[Candidate]) -> None:
    """'Zhou et al. extends ...' names the authors of the work named just before."""
    text = snippet.text
    named = sorted((c for c in found if c.at >= 0), key=lambda c: c.at)
    for candidate in found:
        if candidate.title and candidate.at >= 0 and not candidate.authors:
            # "**Weight Agnostic Neural Networks** by Gaier and Ha: ..."
            listed = authors_after(text, candidate.at + len(candidate.title))
            if listed:
                candidate.authors = listed[0]
            else:
                candidate.authors = authors_before(text, candidate.at)
    link_starts = {c.at for c in found if c.source == "link"}
    for match in _AUTHOR_REF.finditer(text):
        if match.start() in link_starts:
            continue  # "[Löwe et al.](...)" names its own link, not the work before it
        names = _names_in(match.group("names") or match.group("pair") or "")
        before = [c for c in named if c.at <= match.start() and not c.authors]
        start = sentence_start(text, match.start())
        if before and before[-1].at >= previous_sentence_start(text, start):
            before[-1].authors = names


def title_run(text: str) -> str:
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
