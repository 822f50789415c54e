"""The highlight score of a snippet: how good a passage is to show people in a digest.

The score is in [0, 1] and is a weighted sum of what makes a good highlight, less what
makes a poor one:

  + 0.25 length      a passage of 200-1000 characters says something whole; very short
                     ones (a bare remark) and very long ones (a wall of notes) score less
  + 0.25 named       it discusses a named paper, talk, library or dataset (the catalog
                     links it to at least one entry)
  + 0.10 linked      it links to the work (arXiv, OpenReview, a proceedings page or code)
  + 0.30 research    density of research vocabulary (propose, results, training, ...)
  + 0.10 award       it tells of a best paper, an award or a test-of-time prize: the
                     moments a flashback is made of
  - up to 0.5        logistics: catering, queues, registration, parties, venue, travel
  - 0.25             blog chrome: "in this blog post", "leave a comment", "thanks for reading"
  - 0.1              opens mid-thought ("They show ...", "It is ..."): it needs the passage
                     before it, so it is less self-contained

Logistics and chrome are penalised rather than dropped, so a digest can still use them when a
report has nothing else, but they never outrank a passage about a paper.
"""

from __future__ import annotations

import re

from bot.models import Snippet

_PAPER_HOSTS = re.compile(
    r"arxiv\.org|openreview\.net|doi\.org|aclanthology|aclweb|proceedings\.|papers\.nips|"
    r"neurips\.cc|thecvf\.com|ijcai|aaai\.org|github\.com|pmlr|jmlr|semanticscholar",
    re.IGNORECASE,
)
_RESEARCH = re.compile(
    r"\b(?:paper|propos\w*|show\w*|model\w*|network\w*|train\w*|learn\w*|result\w*|method\w*|"
    r"algorithm\w*|dataset\w*|accura\w*|performance|generali[sz]\w*|optimi[sz]\w*|gradient\w*|"
    r"loss|architectur\w*|benchmark\w*|theor\w*|experiment\w*|represent\w*|infer\w*|"
    r"approach\w*|prun\w*|spars\w*|adversarial|robust\w*|gan|gans|reinforcement|attention|"
    r"transformer\w*|embedding\w*|neural|weights?|state.of.the.art)\b",
    re.IGNORECASE,
)
_LOGISTICS = re.compile(
    r"\b(?:coffee|catering|lunch|breakfast|dinner|food|snacks?|drinks?|open bar|part(?:y|ies)|"
    r"reception|badges?|registration|registered|queue|hotel|flights?|visas?|massages?|"
    r"booths?|sponsors?|venue|convention cent(?:er|re)|wi-?fi|seats?|shuttle|jazz|"
    r"pralines|pudding|decaf|yogurt|fruit|amenities|food court|starbucks)\b",
    re.IGNORECASE,
)
_CHROME = re.compile(
    r"\b(?:in this (?:blog )?post|this blog post|leave (?:a|your) (?:comment|reply)|"
    r"thanks for reading|stay tuned|subscribe|let me know in the comments|"
    r"if you liked (?:our|this)|drop us an email|check out our research meeting)\b",
    re.IGNORECASE,
)


_AWARD = re.compile(
    r"\b(?:best (?:paper|student paper|demo)|outstanding paper|test[- ]of[- ]time|"
    r"award(?:s|ed)?|prize)\b",
    re.IGNORECASE,
)
_DANGLING = re.compile(r"^(?:They|Their|It|Its|This|These|Those|He|She|His|Her)\b")


def text_score(snippet: Snippet) -> float:
    """Everything of the score that the snippet's own text decides (all but 'named'): it is
    worked out once, when the report is read, and cached with it."""
    text = snippet.text
    words = max(1, len(text.split()))
    length = _length_factor(len(text))
    linked = 1.0 if any(_PAPER_HOSTS.search(link.url) for link in snippet.links) else 0.0
    research_hits = len(_RESEARCH.findall(text))
    research = min(1.0, research_hits / max(3.0, words / 25))
    logistics_hits = len(_LOGISTICS.findall(text))
    logistics = 0.5 * logistics_hits / (logistics_hits + research_hits + 1)
    chrome = 0.25 if _CHROME.search(text) else 0.0
    dangling = 0.1 if _DANGLING.match(text) else 0.0
    award = 1.0 if _AWARD.search(text) else 0.0
    score = 0.25 * length + 0.10 * linked + 0.30 * research + 0.10 * award
    return round(score - logistics - chrome - dangling, 4)


def highlight_score(snippet: Snippet, text_part: float | None = None) -> float:
    """Score a snippet once the catalog has linked it to papers (see the module docstring);
    ``text_part`` is its cached ``text_score``."""
    base = text_score(snippet) if text_part is None else text_part
    named = 1.0 if snippet.papers else 0.0
    return round(max(0.0, min(1.0, base + 0.25 * named)), 4)


def _length_factor(chars: int) -> float:
    if chars < 60:
        return 0.1
    if chars < 200:
        return 0.1 + 0.9 * (chars - 60) / 140
    if chars <= 1000:
        return 1.0
    return max(0.5, 1.0 - (chars - 1000) / 2000)
