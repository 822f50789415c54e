"""Text handling shared by the index and the queries: cleaning, words, stems, stopwords."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from tantivy import Filter, TextAnalyzer, TextAnalyzerBuilder, Tokenizer

from bot.catalog import normalise_title

# Longer queries are cut here: nobody types a 10,000-character title, and the cost of a
# query grows with its words.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 24

# Words that say nothing about which paper is meant. Kept short on purpose: "set", "value"
# or "first" can be part of what a person is looking for.
_STOPWORD_TEXT = """a an and are as at be been before being but by can do does did for from had has
    have how i if in into is it its me my of on or our so than that the their them then there
    these they this those to too was we were what when where which while who why will with
    you your all any about after via vs versus et al paper papers article talk please wrote
    written tell explain summary summarize summarise discussed mentioned said say says"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_TAG = re.compile(r"<[^<>]{0,2000}>")
_SLACK_LINK = re.compile(r"<([^<>|]{1,2000})\|([^<>]{1,2000})>")
_MD_LINK = re.compile(r"\[([^\[\]]{0,500})\]\([^()\s]{0,2000}\)")
_URL = re.compile(r"(?:https?://|www\.)\S{0,2000}")
_MENTION = re.compile(r"(?<![\w@])@\w{1,80}")  # @everyone, @here, @someone: never a title word
_MARKUP_CHARS = re.compile(r"[*_`~#>\[\](){}|\\]+")
_SPACE = re.compile(r"\s+")
_ARXIV = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])")


def make_word_analyzer() -> TextAnalyzer:
    """Lower-cased, accent-folded words: the vocabulary typos are corrected against."""
    return (
        TextAnalyzerBuilder(Tokenizer.simple())
        .filter(Filter.remove_long(40))
        .filter(Filter.lowercase())
        .filter(Filter.ascii_fold())
        .build()
    )


def make_stem_analyzer() -> TextAnalyzer:
    """Words as the index stores them: folded and stemmed, so 'pruned' finds 'pruning'."""
    return (
        TextAnalyzerBuilder(Tokenizer.simple())
        .filter(Filter.remove_long(40))
        .filter(Filter.lowercase())
        .filter(Filter.ascii_fold())
        .filter(Filter.stemmer("english"))
        .build()
    )


def make_raw_analyzer() -> TextAnalyzer:
    """Words as typed (accents folded, case kept), one for one with ``WORDS``' words."""
    return (
        TextAnalyzerBuilder(Tokenizer.simple())
        .filter(Filter.remove_long(40))
        .filter(Filter.ascii_fold())
        .build()
    )


def make_prestemmed_analyzer() -> TextAnalyzer:
    """Stems already made by ``STEMS``, space-joined: what the passage index is fed."""
    return TextAnalyzerBuilder(Tokenizer.whitespace()).build()


WORDS = make_word_analyzer()
STEMS = make_stem_analyzer()
PRESTEMMED = make_prestemmed_analyzer()
RAW = make_raw_analyzer()


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The index form of one already-lower-cased word."""
    stems = STEMS.analyze(word)
    return stems[0] if stems else word


@dataclass(frozen=True, slots=True)
class CleanQuery:
    """A query as typed, with the markup removed and the length capped."""

    text: str
    truncated: bool
    arxiv_ids: tuple[str, ...]


def clean_query(raw: str) -> CleanQuery:
    """Strip chat/HTML/markdown markup and entities, collapse spaces, cap the length."""
    arxiv_ids = tuple(dict.fromkeys(_ARXIV.findall(raw[:5_000])))
    text = _SLACK_LINK.sub(r" \2 ", raw)
    text = _MD_LINK.sub(r" \1 ", text)
    text = _TAG.sub(" ", text)
    text = _URL.sub(" ", text)  # the arXiv ids in links were collected above
    text = _MENTION.sub(" ", text)
    text = html.unescape(text)
    text = _MARKUP_CHARS.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    truncated = len(text) > MAX_QUERY_CHARS
    if truncated:
        cut = text[:MAX_QUERY_CHARS]
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return CleanQuery(text=text, truncated=truncated, arxiv_ids=arxiv_ids)


def normalized(text: str) -> str:
    """A comparison key for titles and aliases: folded words joined by single spaces."""
    return " ".join(WORDS.analyze(text))


def fold_accents(text: str) -> str:
    """``text`` without accents ("Schölkopf" -> "Scholkopf"), as people type names."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def title_key(text: str) -> str:
    """The catalog's normalised title key (``bot.catalog.normalise_title``), accents folded:
    the one key lookup compares titles, aliases and queries by."""
    return normalise_title(fold_accents(text))
