"""Which reader a report needs, told from its content (never from its file name).

Binary containers are told by their bytes (DOCX, ODT); text forms by the signals each form
writes and the others do not: Org's ``#+TITLE:`` and ``[[url][title]]``, LaTeX's ``\\section{``,
reStructuredText's directives and ``\\`title <url>\\`_``, AsciiDoc's ``= Title`` and
``link:url[text]``, MediaWiki's ``== H ==`` and ``'''bold'''``, Textile's ``h2.`` and
``"text":url``, Markdown's ``[text](url)`` and ``## H``, MDX's ``import`` lines and JSX
components, mail headers, HTML tags. Each form's signals are counted over the first 64 KB,
each signal at most ``_CAP`` times, and the best-scoring form above its threshold wins;
anything else is plain text.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass

from bot.documents.errors import UnreadableReport

_HEAD = 65_536
_CAP = 6
_M = re.MULTILINE
_MI = re.MULTILINE | re.IGNORECASE

# (pattern, weight) per form. Weights: 3 = only this form writes it, 1 = a hint.
_SIGNALS: dict[str, list[tuple[re.Pattern[str], float]]] = {
    "org": [
        (re.compile(r"^#\+[A-Z_]{2,30}:", _MI), 3),
        (re.compile(r"^#\+(?:begin|end)_\w{1,20}", _MI), 3),
        (re.compile(r"\[\[[^\[\]\n]{1,500}\]\[[^\[\]\n]{1,500}\]\]"), 3),
        (re.compile(r"^\s{0,10}:(?:PROPERTIES|END|LOGBOOK):\s*$", _M), 3),
        (re.compile(r"^\*{1,8} (?:TODO|DONE) ", _M), 3),
        (re.compile(r"^\*{1,8} \S.{0,200}?\s:[\w@:]{1,80}:\s*$", _M), 2),
        (re.compile(r"^\*{1,8} \S", _M), 0.5),
    ],
    "latex": [
        (re.compile(r"\\documentclass|\\begin\{document\}|\\maketitle"), 3),
        (re.compile(r"\\(?:sub){0,2}section\*?\{"), 3),
        (re.compile(r"\\(?:cite[tp]?|citep|emph|textbf|textit|href|bibitem|paragraph)\{"), 2),
        (re.compile(r"\\begin\{(?:itemize|enumerate|thebibliography|abstract|quote)\}"), 3),
    ],
    "rst": [
        (re.compile(r"^\.\. [a-z][\w-]{0,30}::", _M), 3),
        (re.compile(r"`[^`\n]{1,300} <https?://[^>\n]{1,500}>`__?"), 3),
        (re.compile(r"^\.\. _[^:\n]{1,100}:", _M), 3),
        (re.compile(r"\[[\w.-]{1,40}\]_"), 2),
        (re.compile(r"^([=\-~^\"'`#*+])\1{2,200}\n.{1,200}\n\1{3,200}$", _M), 3),
    ],
    "asciidoc": [
        (re.compile(r"\A(?:\s*//[^\n]*\n){0,5}= \S[^\n]{0,300}\n(?:[^\n=]{1,300}\n)?:[\w-]"), 3),
        (re.compile(r"^={2,5} \S(?!.*=\s*$)", _M), 1),
        (re.compile(r"\blink:[^\s\[]{1,1000}\[[^\[\]\n]{0,300}\]"), 3),
        (re.compile(r"^(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION): ", _M), 2),
        (re.compile(r"^(?:\[source(?:,[\w+-]{1,20})?\]|\|===|include::|image::)", _M), 3),
        (re.compile(r"^(?:_{4}|\*{4}|={4}|-{4}|\.{4})\s*$", _M), 1),
        (re.compile(r"https?://[^\s\[\]]{1,1000}\[[^\[\]\n]{1,300}\]"), 2),
    ],
    "mediawiki": [
        (re.compile(r"^(={1,5}) ?[^=\n]{1,200}? ?\1\s*$", _M), 2),
        (re.compile(r"'''[^'\n]{1,300}'''"), 2),
        (re.compile(r"\[https?://\S{1,1000} [^\]\n]{1,300}\]"), 3),
        (re.compile(r"<ref(?:\s[^>\n]{0,200})?>|<references\s?/>|\{\{[Cc]ite\b"), 3),
        (re.compile(r"^\{\||^\|\}|\[\[Category:", _M), 3),
    ],
    "textile": [
        (re.compile(r"^h[1-6]\. \S", _M), 3),
        (re.compile(r"^(?:bq|fn\d{1,3}|p)\. \S", _M), 3),
        (re.compile(r"\"[^\"\n]{1,300}\":https?://"), 3),
    ],
    "markdown": [
        (re.compile(r"^#{1,6} \S", _M), 2),
        (re.compile(r"\[[^\[\]\n]{1,500}\]\([^()\s]{1,2000}\)"), 2),
        (re.compile(r"^(?:```|~~~)", _M), 2),
        (re.compile(r"(?<![*\w])\*\*[^*\n]{1,300}\*\*(?!\*)"), 1),
        (re.compile(r"^\[[^\[\]\n]{1,200}\]: \S", _M), 2),
        (re.compile(r"^\|?\s{0,3}:?-{3,}:?\s{0,3}\|", _M), 2),
        (re.compile(r"^> \S", _M), 0.5),
    ],
}
_THRESHOLD = {
    "org": 3,
    "latex": 5,
    "rst": 5,
    "asciidoc": 5,
    "mediawiki": 5,
    "textile": 5,
    "markdown": 3,
}
_MDX = re.compile(
    r"^(?:import\s[^\n]{1,300}\sfrom\s['\"]|export\s(?:const|default|function)\s)", _M
)
_JSX = re.compile(r"^\s{0,8}<[A-Z][A-Za-z0-9]{1,40}[\s/>]", _M)
_HTML_START = re.compile(
    r"\A\s*(?:<!doctype\s+html|<html\b|<head\b|<\?xml[^>]{0,200}>\s*<html)", re.I
)
_HTML_BLOCK = re.compile(r"<(?:p|div|article|section|h[1-6]|ul|li|table|span|br)\b", re.I)
_MAIL_HEADER = re.compile(
    r"^(?:From|To|Cc|Subject|Date|Message-I[dD]|MIME-Version|Received|Return-Path|Reply-To|"
    r"Delivered-To|Content-Type|List-Id|X-[\w-]{1,40}):[ \t]",
    _M,
)
_DIGEST = re.compile(
    r"^(?:Today's Topics(?: \(\d{1,4} messages\))?:|Message: \d{1,4}$|"
    r"Send [^\n]{1,100} mailing list submissions to)",
    _M,
)


@dataclass(frozen=True, slots=True)
class Sniffed:
    """The form a report is written in, and why (for `corpus check`)."""

    form: str
    reason: str


def sniff_bytes(data: bytes) -> Sniffed | None:
    """Forms told by their bytes (ZIP containers); None for text."""
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist()[:2000])
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, KeyError, OSError):
        raise UnreadableReport("a damaged ZIP archive, not a report") from None
    if "word/document.xml" in names:
        return Sniffed("docx", "a Word document (word/document.xml)")
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return Sniffed("odt", "an OpenDocument text (mimetype)")
    raise UnreadableReport("a ZIP archive that is not a Word or OpenDocument text")


def sniff_text(text: str) -> Sniffed:
    """The form of a decoded text report; refuses data files with a plain reason."""
    head = text[:_HEAD]
    stripped = head.lstrip("\ufeff \t\r\n")
    json_form = _json_form(text, stripped)
    if json_form:
        return json_form
    _refuse_tables(head)
    if len(_DIGEST.findall(head)) >= 2:
        return Sniffed("email-digest", "a mailing-list digest (Today's Topics, Message: N)")
    if _is_email(stripped):
        return Sniffed("email", "starts with mail headers (From:, Subject:, Date:)")
    if _HTML_START.match(stripped) or _mostly_html(head):
        return Sniffed("html", "an HTML page")
    if stripped.startswith(("---\n", "+++\n", "---\r\n", "+++\r\n")):
        return Sniffed(_markdown_flavour(head), "front matter, then Markdown")
    scores = {form: _score(head, signals) for form, signals in _SIGNALS.items()}
    form, score = max(scores.items(), key=lambda item: item[1])
    if score < _THRESHOLD[form]:
        if _MDX.search(head) and _JSX.search(head):
            return Sniffed("mdx", "import lines and JSX components")
        return Sniffed("text", "no markup signals: plain text")
    if form == "markdown":
        form = _markdown_flavour(head)
    return Sniffed(form, f"{form} markup ({score:.0f} points)")


def _score(head: str, signals: list[tuple[re.Pattern[str], float]]) -> float:
    total = 0.0
    for pattern, weight in signals:
        hits = 0
        for _ in pattern.finditer(head):
            hits += 1
            if hits >= _CAP:
                break
        total += weight * hits
    return total


def _markdown_flavour(head: str) -> str:
    return "mdx" if _MDX.search(head) and _JSX.search(head) else "markdown"


def _json_form(text: str, stripped: str) -> Sniffed | None:
    if not stripped.startswith(("{", "[")):
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if isinstance(data, dict) and "cells" in data and "nbformat" in data:
        return Sniffed("ipynb", "a Jupyter notebook (cells, nbformat)")
    raise UnreadableReport("JSON data, not a report")


def _refuse_tables(head: str) -> None:
    """Tables sit beside reports (query lists, exports): not prose."""
    lines = [line for line in head.splitlines()[:200] if line.strip()]
    if len(lines) < 3:
        return
    if sum(1 for line in lines if "\t" in line.strip()) / len(lines) > 0.5:
        raise UnreadableReport("tab-separated data, not a report")
    commas = [line.count(",") for line in lines[:50]]
    if min(commas) >= 2 and len(set(commas)) == 1 and len(lines[0]) < 300:
        raise UnreadableReport("comma-separated data, not a report")


def _is_email(stripped: str) -> bool:
    first_block = stripped.split("\n\n", 1)[0][:8000]
    headers = {m.group(0).split(":")[0].lower() for m in _MAIL_HEADER.finditer(first_block)}
    starts = stripped.startswith("From ") or bool(_MAIL_HEADER.match(stripped))
    return starts and len(headers) >= 3 and bool(headers & {"from", "subject"})


def _mostly_html(head: str) -> bool:
    """Many block tags, and most lines begin inside markup: a page without a doctype."""
    if len(_HTML_BLOCK.findall(head)) < 5:
        return False
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    return sum(1 for line in lines if line.startswith("<")) > 0.5 * len(lines)
