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

import io
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from bot.documents.errors import UnreadableReport
from bot.documents.metadata import merge_meta
from bot.documents.model import Document, Meta
from bot.documents.pandoc_ast import ast_to_document
from bot.documents.pandoc_run import pandoc_ast

# pandoc reads Org and reStructuredText at about 300 KB a second here (LaTeX faster): text
# forms above this size would take more than two seconds, so they are refused at once.
PANDOC_MAX_CHARS = 600_000
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
_ASCIIDOC_PART = re.compile(r"^= (?=\S)", re.MULTILINE)
_ASCIIDOC_INCLUDE = re.compile(r"^include::[^\n]{0,500}$", re.MULTILINE)
_BIBITEM = re.compile(r"\\bibitem\s{0,4}(?:\[([^\]\n]{0,200})\])?\s{0,4}\{([^}\n]{1,200})\}")
_BIBLIOGRAPHY = re.compile(r"\\(begin|end)\{thebibliography\}(?:\{[^}\n]{0,20}\})?")
_FILECONTENTS_HEAD = re.compile(
    r"\\begin\{filecontents\*?\}(?:\[[^\]\n]{0,100}\])?\{[^}\n]{1,200}\}"
)
_INFOBOX = re.compile(
    r"\{\{\s{0,4}Infobox[^\n]{0,100}\n((?:\s{0,4}\|[^\n]{0,500}\n){1,60})\s{0,4}\}\}", re.I
)
_ODT_FIELDS = {"title": "title", "creator": "author", "initial-creator": "author", "date": "date"}
_VERBATIM = re.compile(r"\\(begin|end)\{(?:verbatim|lstlisting|minted|Verbatim)\}")
_VERB = re.compile(r"\\verb\*?(\S)[^\n]{0,500}?\1")
_LATEX_COMMENT = re.compile(r"(?<!\\)%.*$")
_NEWBLOCK = re.compile(r"\\newblock\b")
_WIKI_CITE = re.compile(r"\{\{\s{0,4}[Cc]ite[^{}|]{0,40}((?:\|[^{}|]{0,500}){0,30})\}\}")


def read_with_pandoc(source: str | bytes, form: str, *, timeout: float, memory_mb: int) -> Document:
    """Read a report in one of PANDOC_FORMS; ``source`` is bytes for DOCX and ODT."""
    if isinstance(source, str) and len(source) > PANDOC_MAX_CHARS:
        raise UnreadableReport(
            f"a {len(source) // 1000:,} KB {form} document is more than pandoc reads in two "
            f"seconds ({PANDOC_MAX_CHARS // 1000} KB); split it into smaller files"
        )
    args: list[str] = []
    meta = Meta()
    labels: dict[str, str] = {}
    if isinstance(source, bytes) and form == "odt":
        merge_meta(meta, odt_properties(source))  # pandoc does not read meta.xml
    with tempfile.TemporaryDirectory(prefix="flashback-pandoc-") as workdir:
        if isinstance(source, str):
            prepared = _prepare(source, form, Path(workdir))
            source, args = prepared.text, prepared.args
            merge_meta(meta, prepared.meta)
            labels = prepared.labels
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
        document = ast_to_document(ast, form, meta, labels)
    except RecursionError:
        raise UnreadableReport(f"the {form} document is nested too deeply") from None
    if form == "mediawiki" and not document.meta.title:
        document.meta.title = _wiki_subject(document)
    return document


def _wiki_subject(document: Document) -> str | None:
    """A wiki page names its subject in bold at the start of its first paragraph."""
    first = next((b for b in document.blocks if b.kind == "para"), None)
    if first is None:
        return None
    lead = next((s for s in first.spans if s.kind == "strong" and s.start == 0), None)
    return first.text[lead.start : lead.end] if lead else None


@dataclass(slots=True)
class _Prepared:
    text: str
    args: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)


def _prepare(text: str, form: str, workdir: Path) -> _Prepared:
    if form == "asciidoc":
        # include:: is never resolved (and fatal to pandoc's reader); a second "= Title" (a
        # book's part) is a section pandoc's reader refuses, so it becomes one.
        text = _ASCIIDOC_INCLUDE.sub("", text)
        head, newline, body = text.partition("\n")
        return _Prepared(head + newline + _ASCIIDOC_PART.sub("== ", body))
    if form == "mediawiki":
        meta = _infobox(text)
        return _Prepared(_WIKI_CITE.sub(_wiki_citation, text), meta=meta)
    if form == "latex":
        return _prepare_latex(text, workdir)
    return _Prepared(text)


def _prepare_latex(text: str, workdir: Path) -> _Prepared:
    unclosed = _unclosed_braces(text)
    if unclosed:
        # pandoc's LaTeX reader fails on these anyway, after time exponential in their number.
        raise UnreadableReport(
            f"LaTeX with {unclosed} unbalanced brace(s): close them so the document compiles"
        )
    args: list[str] = []
    bibtex, text = _take_filecontents(text)
    if "@" in bibtex:
        path = workdir / "references.bib"
        path.write_text(bibtex, encoding="utf-8")
        args = ["--citeproc", f"--bibliography={path}", "--metadata=link-citations=false"]
    labels = {
        m.group(2).strip(): _natbib_label(m.group(1)) for m in _BIBITEM.finditer(text) if m.group(1)
    }
    text = _BIBLIOGRAPHY.sub(
        lambda m: "\\begin{itemize}" if m.group(1) == "begin" else "\\end{itemize}", text
    )
    text = _BIBITEM.sub(lambda m: f"\\item[] \\label{{{m.group(2).strip()}}} ", text)
    return _Prepared(_NEWBLOCK.sub(" ", text), args, labels=labels)


def _unclosed_braces(text: str) -> int:
    """How far the braces are from balanced (escaped braces and % comments left out)."""
    depth = lowest = 0
    text = _without_verbatim(_VERB.sub("", text))  # code may hold braces of its own
    for line in text.split("\n"):
        cleaned = _LATEX_COMMENT.sub(
            "", line.replace("\\\\", "").replace("\\{", "").replace("\\}", "")
        )
        for char in cleaned:
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                lowest = min(lowest, depth)
    return depth - lowest if depth or lowest else 0


def _without_verbatim(text: str) -> str:
    """The text outside verbatim environments, in one pass over their markers."""
    kept: list[str] = []
    at = 0
    inside = False
    for marker in _VERBATIM.finditer(text):
        if marker.group(1) == "begin" and not inside:
            kept.append(text[at : marker.start()])
            inside = True
        elif marker.group(1) == "end" and inside:
            at = marker.end()
            inside = False
    if not inside:
        kept.append(text[at:])
    return "".join(kept)


def _natbib_label(label: str) -> str:
    """'Frankle and Carbin(2019)' -> 'Frankle and Carbin (2019)'."""
    return " ".join(re.sub(r"(?<=\S)\(", " (", label.replace("~", " ")).split())


def _infobox(text: str) -> dict[str, Any]:
    """'| author = X' lines of an infobox template at the top of a wiki page."""
    match = _INFOBOX.search(text[:5000])
    if not match:
        return {}
    fields: dict[str, Any] = {}
    for line in match.group(1).split("\n"):
        key, _, value = line.strip().lstrip("|").partition("=")
        value = re.sub(r"\[\[(?:[^|\]]{0,200}\|)?([^\]]{0,200})\]\]", r"\1", value).strip()
        if key.strip() and value:
            fields[key.strip().lower()] = value
    if "event" in fields and "title" not in fields:
        fields["description"] = fields["event"]
    return fields


def odt_properties(data: bytes) -> dict[str, Any]:
    """Title, author and date from an OpenDocument's meta.xml."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = etree.fromstring(archive.read("meta.xml")[:1_000_000])
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError):
        return {}
    found: dict[str, Any] = {}
    for element in root.iter():
        name = etree.QName(element).localname if isinstance(element.tag, str) else ""
        if name in _ODT_FIELDS and (element.text or "").strip():
            found.setdefault(_ODT_FIELDS[name], element.text.strip())
    return found


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
