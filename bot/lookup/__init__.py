"""The `/paper` lookup: the works (or passages) a query means, with what the reports said.

``LookupIndex.build(corpus)`` once at start-up, then ``index.answer("lottery ticket")``.
"""

from __future__ import annotations

from bot.lookup.answer import LookupAnswer, MentionView, PaperResult, answer_to_json
from bot.lookup.index import LookupIndex

__all__ = ["LookupAnswer", "LookupIndex", "MentionView", "PaperResult", "answer_to_json"]
