"""Works named as "Title, by Authors", "Title (Authors)", "Title - Authors"."""

from __future__ import annotations

import re

from bot.catalog.authors import ORG_TAIL, authors_after
from bot.catalog.found import Candidate
from bot.catalog.words import title_case_ratio, title_start_before
from bot.models import Snippet


def from_by_authors(snippet: Snippet) -> list[Candidate]:
    """'Comparing Rewinding and FineTuning in Neural Network Pruning, by Renda, Frankle and
    Carbin', 'Obfuscated Gradients Give a False Sense of Security by Anish Athalye, ...',
    'Sanity Checks for Saliency Maps (Adebayo et al.)'."""
    out = []
    text = snippet.text
    for match in re.finditer(r",?\s+by\s+|\s*\((?=[A-ZÀ-Þ])|\s+[-–—]\s+(?=[A-ZÀ-Þ])", text):
        found = authors_after(text, match.start())
        if not found:
            continue
        if text[: match.start()].endswith(("”", '"', "’")):
            continue  # a quoted title: the quote finder reads it whole
        start = title_start_before(text, match.start())
        title = ORG_TAIL.sub("", text[start : match.start()].strip(" ,"))
        # Without a comma, "by" is often a verb phrase: only a clearly title-cased run counts.
        needed = 0.6 if match.group(0).strip() == "by" else 0.5
        if title and len(title.split()) >= 2 and title_case_ratio(title) >= needed:
            out.append(Candidate(title, snippet, "by-author", authors=found[0], at=start))
    return out
