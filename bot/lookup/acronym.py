"""Recognising made-up short names: "wgan" for Wasserstein GAN, "rigl" for Rigging the Lottery.

Papers are nicknamed by the initials of their title words, sometimes keeping the start of
one word ("RigL": RIGging the Lottery) or a whole short word ("WGAN": W + GAN). The catalog
records the nicknames the reports spell out; this catches the ones they do not.
"""

from __future__ import annotations

from bot.lookup.text import STOPWORDS

# One piece of the nickname may be longer than an initial: up to this many letters, or a
# whole word.
LONG_PIECE = 4
MIN_LENGTH, MAX_LENGTH = 2, 6


def could_be_acronym(word: str) -> bool:
    """Whether a query word is shaped like a nickname (short, letters only)."""
    return MIN_LENGTH <= len(word) <= MAX_LENGTH and word.isalpha()


def nickname_words(words: list[str]) -> tuple[str, ...]:
    """The words a nickname is built from: the title's words, stopwords marked by a leading
    '~' so the matcher may skip them."""
    return tuple(f"~{w}" if w in STOPWORDS else w for w in words)


def initials(words: tuple[str, ...]) -> set[str]:
    """The letters a nickname of these words can start with."""
    found = set()
    for word in words:
        found.add(word.lstrip("~")[:1])
        if not word.startswith("~"):
            break
    found.discard("")
    return found


def matches(nickname: str, words: tuple[str, ...]) -> bool:
    """Whether ``nickname`` spells the start of ``words``: an initial (or, once, a longer
    prefix or a whole word) from each of at least two consecutive title words, stopwords
    optional."""
    return _match(nickname, words, 0, False, 0)


def _match(rest: str, words: tuple[str, ...], i: int, long_used: bool, used: int) -> bool:
    if not rest:
        return used >= 2
    if i >= len(words):
        return False
    word = words[i]
    if word.startswith("~"):
        # A stopword may be skipped, or give its initial like any other word.
        word = word[1:]
        if _match(rest, words, i + 1, long_used, used):
            return True
    if not word or rest[0] != word[0]:
        return False
    if _match(rest[1:], words, i + 1, long_used, used + 1):
        return True
    if long_used:
        return False
    for size in range(2, len(word) + 1):
        if size > LONG_PIECE and size != len(word):
            continue
        if rest.startswith(word[:size]) and _match(rest[size:], words, i + 1, True, used + 1):
            return True
    return False
