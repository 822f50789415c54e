"""Jupyter notebooks -> Document: the markdown cells are the report.

Read with the standard json module rather than pandoc's ipynb reader: the cells' Markdown then
goes through the same Markdown reader as any .md report (linear, with front matter and MDX
handling), and code cells and their outputs (tables, plots, tracebacks) never become prose.
The notebook's metadata (title, authors) fills the report's metadata.
"""

from __future__ import annotations

import json
from typing import Any

from bot.documents.bound import bound_text
from bot.documents.errors import UnreadableReport
from bot.documents.markdown_reader import read_markdown
from bot.documents.metadata import merge_meta
from bot.documents.model import Document


def read_notebook(text: str, form: str = "ipynb") -> Document:
    """Read an nbformat 4 (or 3) notebook's markdown cells."""
    try:
        notebook = json.loads(text)
    except (ValueError, RecursionError):
        raise UnreadableReport("a notebook that is not valid JSON") from None
    cells = notebook.get("cells")
    if cells is None:  # nbformat 3 keeps cells inside worksheets
        cells = [c for sheet in notebook.get("worksheets", []) for c in sheet.get("cells", [])]
    markdown = [_source(cell) for cell in cells if isinstance(cell, dict)]
    markdown = [m for m in markdown if m]
    if not markdown:
        raise UnreadableReport("a notebook without markdown cells (only code)")
    body, notes = bound_text("\n\n".join(markdown))
    document = read_markdown(body, form=form)
    document.notes = [f"read {len(markdown)} markdown cells of {len(cells)}", *notes]
    merge_meta(document.meta, _metadata(notebook.get("metadata")))
    return document


def _source(cell: dict[str, Any]) -> str:
    if cell.get("cell_type") != "markdown":
        return ""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _metadata(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        return {}
    found = {k: v for k, v in raw.items() if k in {"title", "authors", "author", "date"}}
    for nested in ("jupytext", "colab", "document"):
        inner = raw.get(nested)
        if isinstance(inner, dict) and "name" in inner and "title" not in found:
            found.setdefault("name", inner["name"])
    return found
