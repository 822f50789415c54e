"""Organisations that publish research, named before a work ('Google's Big Transfer',
'Microsoft: UNITER') or on their own (an affiliation is no work)."""

from __future__ import annotations

import re

ORGS = frozenset(
    """google deepmind openai facebook meta microsoft nvidia apple amazon ibm baidu tencent
    alibaba uber intel huawei samsung salesforce mila berkeley stanford mit cmu oxford
    cambridge eth epfl tsinghua megvii sensetime bytedance anthropic cohere hugging face
    huggingface allen ai2 fair""".split()
)
_UNIT_WORDS = frozenset({"ai", "brain", "research", "labs", "lab"})


def is_organisation(text: str) -> bool:
    """'Google Brain', 'Facebook AI Research', 'Cornell, Google and Berkeley'."""
    words = [w.strip("(),").casefold() for w in re.split(r"[\s/]+|,\s*|\s+and\s+", text) if w]
    return bool(words) and all(w in ORGS or w in _UNIT_WORDS for w in words)
