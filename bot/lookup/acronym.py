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


def matches(nickname: str, words: tuple[str, ...]) -> bool:
    """Whether ``nickname`` spells consecutive title words, stopwords optional: an initial
    from each (once, a longer prefix or a whole word instead), either from the start of the
    title (two words or more) or up to its end (three or more: "GNN", "kWTA")."""
    if _match(nickname, words, 0, False, 0, False):
        return True
    return any(
        _match(nickname, words, start, False, 0, True)
        for start in range(1, len(words))
        if words[start][:1] == nickname[0]
    )


def _match(
    rest: str, words: tuple[str, ...], i: int, long_used: bool, used: int, to_end: bool
) -> bool:
    if not rest:
        if to_end:
            return used >= 3 and all(w.startswith("~") for w in words[i:])
        return used >= 2
    if i >= len(words):
        return False
    word = words[i]
    if word.startswith("~"):
        # A stopword may be skipped, or give its initial like any other word.
        word = word[1:]
        if _match(rest, words, i + 1, long_used, used, to_end):
            return True
    if not word or rest[0] != word[0]:
        return False
    if _match(rest[1:], words, i + 1, long_used, used + 1, to_end):
        return True
    if long_used:
        return False
    for size in range(2, len(word) + 1):
        if size > LONG_PIECE and size != len(word):
            continue
        piece_fits = rest.startswith(word[:size])
        if piece_fits and _match(rest[size:], words, i + 1, True, used + 1, to_end):
            return True
    return False


class NicknameIndex:
    """Which titles a nickname could spell, found by dictionary look-ups rather than a scan:
    the first two letters of a start-of-title nickname, the initials ending a title."""

    def __init__(self, titles: list[list[str]]) -> None:
        self._words = [nickname_words(words) for words in titles]
        self._starts: dict[str, list[int]] = {}
        self._ends: dict[str, list[int]] = {}
        for i, words in enumerate(self._words):
            for key in _start_keys(words):
                self._starts.setdefault(key, []).append(i)
            for key in _end_keys(words):
                self._ends.setdefault(key, []).append(i)

    def find(self, nickname: str) -> list[int]:
        """The titles ``nickname`` spells (see ``matches``)."""
        found = set(self._ends.get(nickname, ()))
        for i in self._starts.get(nickname[:2], ()):
            if i not in found and matches(nickname, self._words[i]):
                found.add(i)
        return sorted(found)


def _start_keys(words: tuple[str, ...]) -> set[str]:
    """Two-letter starts of a nickname from the title's start: 'ri' or 'rl' for Rigging the
    Lottery (leading stopwords optional)."""
    keys = set()
    plain = [w.lstrip("~") for w in words]
    for first in range(len(words)):
        head = plain[first]
        keys.add(head[:2])
        for second in range(first + 1, len(words)):
            keys.add(head[:1] + plain[second][:1])
            if not words[second].startswith("~"):
                break
        if not words[first].startswith("~"):
            break
    return {k for k in keys if len(k) == 2}


def _end_keys(words: tuple[str, ...]) -> set[str]:
    """Initials of the title's last three to MAX_LENGTH words, each stopword kept or left out."""
    keys = {""}
    found = set()
    for word in reversed(words):
        initial = word.lstrip("~")[:1]
        grown = {initial + k for k in keys}
        keys = grown | keys if word.startswith("~") else grown
        keys = {k for k in keys if len(k) <= MAX_LENGTH}
        found |= {k for k in keys if len(k) >= 3}
        if not keys:
            break
    return found
