"""Report files -> Documents: one model (metadata + blocks with inline spans) for every form.

``read_document`` is the one entry point; see ``bot.documents.model`` for the model.
"""

from __future__ import annotations

from bot.documents.errors import UnreadableReport
from bot.documents.model import Block, Document, Meta, Span
from bot.documents.read import Budget, read_document

__all__ = ["Block", "Budget", "Document", "Meta", "Span", "UnreadableReport", "read_document"]
