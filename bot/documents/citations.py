"""Short author-year labels for reference entries ('Frankle and Carbin (2019)').

A citation written as ``\\citet{key}`` or ``\\cite{key}`` shows no text once its markup is gone;
the label made from the entry it names stands in for it, so the sentence keeps its subject.
"""

from __future__ import annotations

import re

_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
# The author part of an entry ends at the first period that follows a word of two or more
# letters ("Carbin. The lottery ..."), not at an initial ("J. Frankle").
_AUTHORS_END = re.compile(r"(?<=[a-z\u00e0-\u024f]{2})\.\s|[“\"(]")
_SEPARATORS = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*")


def label_from_entry(entry: str) -> str:
    """'Chen et al. (2018)' from 'R. T. Q. Chen, Y. Rubanova, ... Neural ODEs. NeurIPS 2018.'"""
    year = _YEAR.findall(entry)
    end = _AUTHORS_END.search(entry)
    authors = entry[: end.start()] if end else entry[:80]
    many = "et al" in authors
    authors = authors.replace("et al.", "").replace("et al", "")
    surnames = [name.split()[-1] for name in _SEPARATORS.split(authors) if name.split()]
    surnames = [s.strip(".,;") for s in surnames if s[:1].isupper() and len(s) > 1]
    if not surnames:
        return ""
    who = f"{surnames[0]} et al." if len(surnames) > 2 or many else " and ".join(surnames)
    return f"{who} ({year[-1]})" if year else who
