"""Short names a work goes by: abbreviations ("(SNIP)"), "better known as StyleGAN"."""

from __future__ import annotations

import re

from bot.catalog.authors import authors_after
from bot.catalog.found import Candidate
from bot.catalog.words import looks_coined, title_start_before
from bot.models import Snippet

_ABBREV = re.compile(r"\((?P<abbr>[A-Za-z][A-Za-z0-9\-]{1,9})\)")


NICKNAME = r"(?:[A-Za-z][\w-]*[A-Z][\w-]*|[A-Z]{2,}[\w-]*)"


_KNOWN_AS = re.compile(
    rf"^[^.;!?]{{0,120}}?\b(?:better known as|also known as|known as|a\.?k\.?a\.?|dubbed|"
    rf"nicknamed|which introduces|introducing|introduces|called)\s+(?:the\s+)?"
    rf"(?P<a>{NICKNAME})(?:\s*(?:,|or|and|/)\s*(?P<b>{NICKNAME}))?"
)


_PAREN_NICKNAME = re.compile(rf"\s*\(\s*(?P<a>{NICKNAME})\s*\)")


_DASH_NICKNAME = re.compile(rf"\s*[-–—:]\s*(?P<a>{NICKNAME})(?=[.;,:]|\s*$|\s[-–—]\s)")
# "RETRO — Borgeaud et al., “Improving Language Models by ...”": the name opens the block.
_LEADING_NICKNAME = re.compile(
    rf"\s{{0,4}}(?P<a>{NICKNAME})\s{{0,4}}[-–—:]\s{{1,4}}(?:[^\"“”]{{0,80}}?,\s{{0,4}})?[“\"]?"
)


def inline_aliases(text: str, candidate: Candidate) -> None:
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
    block = next((p for p in candidate.snippet.parts if p.start <= found_at < p.end), None)
    for match in (
        _PAREN_NICKNAME.match(text, after),
        _DASH_NICKNAME.match(text, after),
        _KNOWN_AS.match(text[after:]),
        _LEADING_NICKNAME.fullmatch(text, block.start, found_at) if block else None,
    ):
        if match:
            for alias in (match.group("a"), match.groupdict().get("b")):
                if alias and alias not in candidate.aliases and alias != candidate.title:
                    candidate.aliases.append(alias)


_PROPOSES = re.compile(r"\b(?:propos\w*|introduc\w*|present\w*|call\w*|dub\w*|nam\w*)\s*$", re.I)


def fold_proposed_names(text: str, found: list[Candidate]) -> list[Candidate]:
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


def split_abbreviation(text: str) -> tuple[str, str | None]:
    match = re.match(r"^(?P<long>.+?)\s*\((?P<abbr>[A-Za-z][A-Za-z0-9\-+]{1,14})\)$", text)
    if match and (
        _abbreviates(match.group("abbr"), match.group("long")) or looks_coined(match.group("abbr"))
    ):
        return match.group("long"), match.group("abbr")
    return text, None


def from_abbreviations(snippet: Snippet) -> list[Candidate]:
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


# Acronyms of ideas and fields, not of one work.
_CONCEPT_ACRONYMS = frozenset(
    """BN LN GN NAS GAN GANS CNN CNNS RNN RNNS LSTM GRU RL DRL SGD NLP CV ML AI DL MLP GNN
    KD LM LLM LLMS MT NMT QA NER POS MDP IID OOD SOTA SSL VAE AE MCMC EM PCA SVM KNN HMM
    CRF DNN DNNS NN FL TTA IR ASR TTS""".split()
)
_METHOD_CUE = re.compile(
    r"\b(?:algorithm|method|model|approach|technique|framework|architecture|called|dubbed|"
    r"named|propos\w*|introduc\w*|their|paper|which\s+(?:prunes|learns|uses))\b",
    re.IGNORECASE,
)
_CUE_REACH = 60


def presented_as_method(candidate: Candidate) -> bool:
    """An abbreviated name the text presents as a work's method or model (see build)."""
    acronyms = [a for a in candidate.aliases if a.upper() not in _CONCEPT_ACRONYMS]
    if not acronyms or len((candidate.title or "").split()) < 2 or candidate.at < 0:
        return False
    text = candidate.snippet.text
    end = candidate.at + len(candidate.title or "") + len(acronyms[0]) + 4
    window = text[max(0, candidate.at - _CUE_REACH) : end + _CUE_REACH]
    return bool(_METHOD_CUE.search(window))
