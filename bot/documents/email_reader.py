"""E-mails and mailing-list digests -> Document.

The standard ``email`` package reads headers and MIME parts (quoted-printable, base64,
multipart/alternative: the text part is preferred, the HTML part is read when it is the
only one). What no mail parser decides is whose prose a line is: quoted replies ("> ...",
"On Tue, ... wrote:"), forwarded headers and signatures (after "-- ") are not the author's
and are cut. A Mailman digest is split into its messages; the messages of the author who
wrote most of it are the report.
"""

from __future__ import annotations

import email
import email.policy
import os
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from typing import Any

from bot.documents.bound import bound_text
from bot.documents.builder import DocumentBuilder
from bot.documents.html_reader import parse_html
from bot.documents.html_walk import HtmlWalker
from bot.documents.model import Document, Meta
from bot.documents.text_reader import read_text

_QUOTED = re.compile(r"^\s{0,4}>")
_ATTRIBUTION = re.compile(
    r"^(?:On\s.{0,200}\swrote:|.{0,120}\s(?:schrieb|a écrit|escribió)\s?:|"
    r"-{2,10}\s?(?:Original Message|Forwarded message)\s?-{2,10}|_{10,}|From:\s.{0,200}Sent:)",
    re.IGNORECASE,
)
_PART_SUFFIX = re.compile(r"[\s,;:(–—-]{0,4}(?:part|pt\.?|day)?\s{0,2}\d{0,3}\s{0,2}$", re.I)
_SIGNATURE = re.compile(r"^(?:-- ?|—|Sent from my \w+.{0,40})$")
_SUBJECT_TAGS = re.compile(r"^\s*(?:(?:re|fwd?|aw|tr)\s?:\s*|\[[^\]\n]{1,60}\]\s*)+", re.I)
_DIGEST_SPLIT = re.compile(r"^-{20,}\s*$", re.MULTILINE)
_DIGEST_HEADER = re.compile(
    r"^(Message|Date|From|Subject|To|Cc|Message-ID|Reply-To|Content-Type|MIME-Version|"
    r"Content-Transfer-Encoding|In-Reply-To|References):\s?(.{0,500})$"
)
_DIGEST_FOOTER = re.compile(
    r"^(?:End of .{1,100} Digest|_{10,}|.{0,60}mailing list\s*$|Send .{1,100} submissions to)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Message:
    sender: str
    subject: str
    date: str
    body: str


def read_email(text: str, form: str = "email") -> Document:
    """Read one e-mail (headers, MIME parts) into a Document."""
    message = email.message_from_string(text, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    meta = Meta(
        title=clean_subject(str(message.get("subject", ""))) or None,
        authors=_sender_names(str(message.get("from", ""))),
        published=_date(str(message.get("date", ""))),
        site=str(message.get("list-id", "")).strip("<> ") or None,
    )
    out = DocumentBuilder(form)
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return out.finish(meta)
    content = part.get_content()
    if part.get_content_subtype() == "html":
        HtmlWalker(out).walk(_html_body(str(content)))
        out.blocks = [b for b in out.blocks if not _QUOTED.match(b.text)]
        return out.finish(meta)
    prose = author_prose(str(content))
    document = read_text(bound_text(prose)[0], form)
    document.meta = meta
    return document


def read_digest(text: str, form: str = "email-digest") -> Document:
    """Read a Mailman-style digest: the main author's messages, in order."""
    messages = [
        m
        for m in (_digest_message(chunk) for chunk in _DIGEST_SPLIT.split(text))
        if m and not _list_envelope(m)
    ]
    if not messages:
        return read_text(text, form)
    weight = Counter[str]()
    for message in messages:
        weight[message.sender] += len(message.body)
    author = weight.most_common(1)[0][0]
    own = [m for m in messages if m.sender == author]
    subjects = {clean_subject(m.subject) for m in own}
    parts: list[str] = []
    for message in own:
        if len(subjects) > 1:
            parts.append(clean_subject(message.subject))
        parts.append(author_prose(message.body))
    document = read_text(bound_text("\n\n".join(parts))[0], form)
    document.meta = Meta(
        title=_common_subject([clean_subject(m.subject) for m in own]) or None,
        authors=[author] if "@" not in author else [],
        published=_date(own[0].date),
    )
    return document


def _common_subject(subjects: list[str]) -> str:
    """'ECCV 2018 trip report, part 1/2' and '..., part 2/2' -> 'ECCV 2018 trip report'."""
    subjects = [s for s in subjects if s]
    if not subjects:
        return ""
    # A character-wise common prefix is the point here (subjects, not paths).
    common = os.path.commonprefix(subjects) if len(subjects) > 1 else subjects[0]  # noqa: RUF071
    if len(subjects) > 1:
        common = _PART_SUFFIX.sub("", common)
    return common.strip(" ,;:-–—(") or subjects[0]


def author_prose(body: str) -> str:
    """The lines the sender wrote: quoted replies, attributions and the signature cut."""
    kept: list[str] = []
    for line in body.split("\n"):
        if _SIGNATURE.match(line.rstrip()) or _ATTRIBUTION.match(line.strip()):
            break
        if _QUOTED.match(line):
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def clean_subject(subject: str) -> str:
    """'Re: [ml-reading] NeurIPS 2019 notes' -> 'NeurIPS 2019 notes'."""
    return " ".join(_SUBJECT_TAGS.sub("", subject).split())


def _digest_message(chunk: str) -> _Message | None:
    headers: dict[str, str] = {}
    lines = chunk.strip("\n").split("\n")
    index = 0
    while index < len(lines):
        match = _DIGEST_HEADER.match(lines[index])
        if not match:
            break
        headers[match.group(1).lower()] = match.group(2).strip()
        index += 1
    if "from" not in headers:
        return None
    body_lines = []
    for line in lines[index:]:
        if _DIGEST_FOOTER.match(line.strip()):
            break
        body_lines.append(line)
    sender = _sender_names(headers["from"])
    return _Message(
        sender=sender[0] if sender else headers["from"],
        subject=headers.get("subject", ""),
        date=headers.get("date", ""),
        body="\n".join(body_lines),
    )


def _list_envelope(message: _Message) -> bool:
    """The digest's own cover message (from the list's -request address)."""
    sender = message.sender.lower()
    return "-request@" in sender or "-owner@" in sender or "digest, vol" in message.subject.lower()


def _sender_names(value: str) -> list[str]:
    """Display names of a From header ('Jane Doe <jane@x.org>', 'jane at x.org (Jane Doe)')."""
    names = []
    for name, address in getaddresses([value]):
        display = name.strip() or _parenthesised(value) or ""
        if display and "@" not in display and " at " not in display:
            names.append(" ".join(display.split()))
        elif address and not names:
            continue
    return names


def _parenthesised(value: str) -> str | None:
    match = re.search(r"\(([^()@]{2,80})\)", value)
    return match.group(1) if match else None


def _date(value: str) -> date | None:
    try:
        return parsedate_to_datetime(value).date() if value else None
    except (TypeError, ValueError, IndexError):
        return None


def _html_body(content: str) -> Any:
    tree = parse_html(content)
    body = tree.find("body")
    return body if body is not None else tree
