"""Corpus ingestion: files -> Reports -> Sections -> Snippets, then the paper catalog.

``load_corpus`` is the one entry point the rest of the bot uses.
"""

from __future__ import annotations

from bot.corpus.loader import load_corpus

__all__ = ["load_corpus"]
