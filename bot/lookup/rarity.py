"""How much a word says: its rarity in the corpus and in general English (wordfreq).

"covariate" weighs more than "shift" even in a corpus of five reports, where the corpus alone
cannot tell: both occur once. Only the words of the corpus are looked up, once, at build
time; the English list is read from wordfreq's data and dropped afterwards.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable

from bot.lookup.weights import CORPUS_DISCOUNT, MIN_WEIGHT, ZIPF_COMMON, ZIPF_RARE

log = logging.getLogger(__name__)

# English words kept whatever the corpus: about 30,000 words, 3 MB.
KEEP_ZIPF = 3.0
# wordfreq stores words in buckets of one centibel; bucket i holds words of Zipf 9 - i/100.
_ZIPF_TOP = 9.0
_BUCKETS_PER_ZIPF = 100


def english_zipf(corpus_words: Iterable[str]) -> dict[str, float]:
    """Zipf frequencies in general English: every word at least as common as KEEP_ZIPF (so
    query words the reports never use are weighed too), and the corpus words of any
    frequency. A word absent from the table is rarer than KEEP_ZIPF or not English.

    Reads wordfreq's large English list (about 320,000 words) without keeping it.
    """
    wanted = set(corpus_words)
    try:
        from wordfreq import DATA_PATH, read_cBpack
    except ImportError:  # pragma: no cover - declared in pyproject; corpus rarity still works
        log.warning("wordfreq is not installed: words are weighed by the corpus alone")
        return {}
    found: dict[str, float] = {}
    for bucket, bucket_words in enumerate(read_cBpack(str(DATA_PATH / "large_en.msgpack.gz"))):
        zipf = _ZIPF_TOP - bucket / _BUCKETS_PER_ZIPF
        for word in bucket_words:
            if (zipf >= KEEP_ZIPF or word in wanted) and word not in found:
                found[word] = zipf
    return found


def english_rarity(zipf: float) -> float:
    """0 for the commonest words, 1 for rare ones and words English does not have."""
    share = (ZIPF_COMMON - zipf) / (ZIPF_COMMON - ZIPF_RARE)
    return min(1.0, max(0.0, share))


def corpus_rarity(doc_freq: int, docs: int) -> float:
    """BM25's idf of a word over ``docs`` passages, scaled so a word in one passage is 1."""
    if docs <= 0:
        return 1.0
    idf = math.log(1 + (docs - doc_freq + 0.5) / (doc_freq + 0.5))
    top = math.log(1 + (docs - 0.5) / 1.5)
    return min(1.0, max(0.0, idf / top)) if top > 0 else 1.0


def word_weight(doc_freq: int, docs: int, zipf: float) -> float:
    """A query word's weight: its English rarity, tempered by its rarity in the corpus.

    English decides ("must" is light even when the corpus has it once); the corpus lowers a
    word every report uses ("network" in an ML corpus) to at most CORPUS_DISCOUNT less.
    """
    corpus = corpus_rarity(doc_freq, docs)
    return max(MIN_WEIGHT, english_rarity(zipf) * (1 - CORPUS_DISCOUNT * (1 - corpus)))
