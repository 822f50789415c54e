"""Forms pandoc reads for us: Org, reStructuredText, LaTeX, AsciiDoc, MediaWiki, Textile,
DOCX and ODT.

Before pandoc runs, the few things that would make it fail or lose structure are adjusted in
the source: AsciiDoc ``include::`` lines (never resolved, and fatal to pandoc's reader),
LaTeX ``\\bibitem``s (pandoc merges a ``thebibliography`` into one paragraph and drops the
keys: each becomes an item that keeps its key, so ``\\cite{key}`` finds its entry), and a
BibTeX ``filecontents`` block, which is handed to pandoc's citeproc as the bibliography.
MediaWiki ``{{cite ...}}`` templates, which pandoc leaves raw, are written out as text.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from bot.documents.errors import UnreadableReport
from bot.documents.model import Document, Meta
from bot.documents.pandoc_ast import ast_to_document
from bot.documents.pandoc_run import pandoc_ast

PANDOC_FORMS = {
    "org": "org",
    "rst": "rst",
    "latex": "latex",
    "asciidoc": "asciidoc",
    "mediawiki": "mediawiki",
    "textile": "textile",
    "docx": "docx",
    "odt": "odt",
}
_ASCIIDOC_INCLUDE = re.compile(r"^include::[^\n]{0,500}$", re.MULTILINE)
_BIBITEM = re.compile(r"\\bibitem\s{0,4}(?:\[([^\]\n]{0,200})\])?\s{0,4}\{([^}\n]{1,200})\}")
_BIBLIOGRAPHY = re.compile(r"\\(begin|end)\{thebibliography\}(?:\{[^}\n]{0,20}\})?")
_FILECONTENTS_HEAD = re.compile(
    r"\\begin\{filecontents\*?\}(?:\[[^\]\n]{0,100}\])?\{[^}\n]{1,200}\}"
)
_NEWBLOCK = re.compile(r"\\newblock\b")
_WIKI_CITE = re.compile(r"\{\{\s{0,4}[Cc]ite[^{}|]{0,40}((?:\|[^{}|]{0,500}){0,30})\}\}")


def read_with_pandoc(source: str | bytes, form: str, *, timeout: float, memory_mb: int) -> Document:
    """Read a report in one of PANDOC_FORMS; ``source`` is bytes for DOCX and ODT."""
    args: list[str] = []
    with tempfile.TemporaryDirectory(prefix="flashback-pandoc-") as workdir:
        if isinstance(source, str):
            source, args = _prepare(source, form, Path(workdir))
        try:
            ast = pandoc_ast(
                source,
                PANDOC_FORMS[form],
                timeout=timeout,
                memory_mb=memory_mb,
                args=tuple(args),
                workdir=Path(workdir),
            )
        except RecursionError:
            raise UnreadableReport(f"the {form} document is nested too deeply") from None
    try:
        return ast_to_document(ast, form, Meta())
    except RecursionError:
        raise UnreadableReport(f"the {form} document is nested too deeply") from None


def _prepare(text: str, form: str, workdir: Path) -> tuple[str, list[str]]:
    if form == "asciidoc":
        return _ASCIIDOC_INCLUDE.sub("", text), []
    if form == "mediawiki":
        return _WIKI_CITE.sub(_wiki_citation, text), []
    if form == "latex":
        return _prepare_latex(text, workdir)
    return text, []


def _prepare_latex(text: str, workdir: Path) -> tuple[str, list[str]]:
    args: list[str] = []
    bibtex, text = _take_filecontents(text)
    if "@" in bibtex:
        path = workdir / "references.bib"
        path.write_text(bibtex, encoding="utf-8")
        args = ["--citeproc", f"--bibliography={path}", "--metadata=link-citations=false"]
    text = _BIBLIOGRAPHY.sub(
        lambda m: "\\begin{itemize}" if m.group(1) == "begin" else "\\end{itemize}", text
    )
    text = _BIBITEM.sub(lambda m: f"\\item[] \\label{{{m.group(2).strip()}}} ", text)
    return _NEWBLOCK.sub(" ", text), args


def _take_filecontents(text: str) -> tuple[str, str]:
    """The first filecontents block's text, and the source without it (one scan)."""
    head = _FILECONTENTS_HEAD.search(text)
    if head is None:
        return "", text
    end = text.find("\\end{filecontents", head.end())
    if end < 0:
        return "", text
    close = text.find("}", end)
    return text[head.end() : end], text[: head.start()] + text[close + 1 if close > 0 else end :]


def _wiki_citation(match: re.Match[str]) -> str:
    """'{{cite conference |title=T |author=A |year=Y |url=U}}' -> 'A (Y). [U "T"]'."""
    fields: dict[str, str] = {}
    for part in match.group(1).split("|"):
        key, _, value = part.partition("=")
        if value.strip():
            fields[key.strip().lower()] = value.strip()
    title = fields.get("title", "")
    people = fields.get("author") or fields.get("last") or fields.get("authors", "")
    year = fields.get("year") or fields.get("date", "")
    url = fields.get("url", "")
    quoted = f'"{title}"' if title else ""
    linked = f"[{url} {quoted}]" if url and quoted else quoted
    venue = fields.get("conference") or fields.get("journal") or fields.get("booktitle", "")
    pieces = [p for p in (people, f"({year})" if year else "", linked, venue) if p]
    return " ".join(pieces)
