"""Corpus ingestion: files -> Documents -> Reports -> Sections -> Snippets, then the catalog.

``load_corpus`` is the one entry point the rest of the bot uses.
"""

from __future__ import annotations

from typing import Any

__all__ = ["load_corpus"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the loader needs the catalog, which needs corpus modules.
    if name == "load_corpus":
        from bot.corpus.loader import load_corpus

        return load_corpus
    raise AttributeError(name)
