"""British and American spellings of one word: "optimiser" and "optimizer", "colour" and
"color". Reports and queries mix them; the stemmer keeps them apart."""

from __future__ import annotations

# (British ending, American ending); a word ending in one may be spelt with the other.
_ENDINGS = (
    ("isation", "ization"),
    ("isations", "izations"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("iser", "izer"),
    ("isers", "izers"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("ysing", "yzing"),
    ("our", "or"),
    ("ours", "ors"),
    ("ogue", "og"),
    ("elling", "eling"),
    ("elled", "eled"),
    ("tre", "ter"),
)
# Shorter words are left alone ("rise", "wise", "tour" have no other spelling).
MIN_CHARS = 5


def variants(word: str) -> list[str]:
    """The other spellings ``word`` may have (whether they are words is the caller's call)."""
    if len(word) < MIN_CHARS:
        return []
    found = []
    for british, american in _ENDINGS:
        if word.endswith(british):
            found.append(word[: -len(british)] + american)
        elif word.endswith(american):
            found.append(word[: -len(american)] + british)
    return found
