"""Markup of any form that must never reach a snippet, a title or a catalog entry."""

from __future__ import annotations

import re

MARKUP = re.compile(
    r"\\(?:cite|emph|textbf|section|paragraph|href|item|begin|end|label)\b|"  # LaTeX
    r"#\+(?:BEGIN|END|TITLE|AUTHOR)|\[\[[^\]]*\]\[|:PROPERTIES:|:END:|"  # Org
    r"^\s*=+\s|\blink:\S+\[|^\s*\|===|____|"  # AsciiDoc
    r"'''|\{\{|\}\}|<ref\b|\[\[Category|"  # MediaWiki
    r"\bh[1-6]\.\s|\bbq\.\s|\"\S[^\"]*\":https?|"  # Textile
    r"`[^`]+ <https?://|\.\. \w+::|\]_\b|"  # reStructuredText
    r"\]\(https?://|\*\*\S|^#{1,6}\s|^import\s.+from\s|<[A-Z]\w+[\s/>]|:::|"  # Markdown/MDX
    r"</?(?:p|div|span|a|br|img|script|style)\b|&(?:nbsp|amp|lt|gt|mdash);|"  # HTML
    r"~[A-Za-z]|\$\$",
    re.MULTILINE,
)
