"""People's names in report text: who is a person ('Lydia T. Liu', 'Jean-Luc van der Berg')."""

from __future__ import annotations

import re

_PARTICLES = frozenset(
    "de van von der den da di du le la del dos bin al Jr. Jr Sr. II III IV".split()
)


def _name_word(word: str) -> bool:
    """'Étienne', 'Jean-Luc', "O'Neil", an initial 'T.' or 'T.Q.', or a particle ('van')."""
    if word in _PARTICLES:
        return True
    if re.fullmatch(r"(?:[^\W\d_]\.){1,3}", word):
        return word[0].isupper()
    if re.fullmatch(r"(?:Mc|Mac|De|Di|La|Le)[A-Z][a-z]+", word):
        return True  # McCoy, MacKay, DeVries
    parts = word.replace("’", "'").split("-")
    return (
        all(
            (
                len(part) >= 2
                and part[0].isupper()
                and all(c.isalpha() or c == "'" for c in part)
                and part[1:].replace("'", "").islower()
            )
            or part[1:].startswith("'")
            for part in parts
        )
        and word[0].isupper()
    )


_NAME_SPLIT = re.compile(r"\s{0,4}(?:,\s{0,4}(?:and\s{1,4})?|\s{1,4}and\s{1,4}|&)\s{0,4}")


# Words that make "Data Science" or "Machine Learning" a category, not a person.
_NOT_NAME_WORDS = frozenset(
    "science learning data research machine ai blog news engineering team lab labs group "
    "university institute company deep neural vision language conference workshop report "
    "highlights notes review reviews and the of "
    # words of titles and topics, so "... by Batch Normalization" is no author
    "normalization batch network networks gradient gradients training model models "
    "adversarial optimization descent flow attention transformer transformers generative "
    "reinforcement representation representations inference estimation detection "
    "segmentation recognition translation image images speech robust robustness sparse "
    "sparsity pruning policy reward graph graphs convolution convolutional recurrent memory "
    "search text semantic supervised unsupervised self-supervised learned scale scaling "
    "efficient analysis theory approach method methods framework benchmark dataset "
    "datasets talk keynote tutorial panel session invited oral poster track day week "
    "information bottleneck parsing embedding embeddings word words knowledge transfer task "
    "tasks models objects object visual video audio pretraining fine-tuning networks "
    "adaptation alignment classification generation retrieval translation reasoning "
    "question answering summarization entailment inference regularization".split()
)


def split_names(text: str) -> list[str] | None:
    """'Lucas Souza and Michaelangelo Caporale' -> both names; None when not all are names."""
    parts = [p.strip(" .") for p in _NAME_SPLIT.split(text.strip()) if p.strip(" .")]
    if parts and all(is_person_name(p) for p in parts):
        return parts
    return None


# First words of two-word place names ("New Orleans", "Santa Fe"), which are no people.
_PLACE_STARTS = frozenset("new san santa los las long hong abu buenos st. saint rio".split())


def is_person_name(text: str) -> bool:
    """Two to four capitalised words (initials and particles allowed), nothing else."""
    words = text.split()
    if not 2 <= len(words) <= 4 or len(text) > 40 or words[0].lower() in _PLACE_STARTS:
        return False
    if any(w.lower() in _NOT_NAME_WORDS for w in words):
        return False
    return all(_name_word(w) for w in words) and words[0][0].isupper()
