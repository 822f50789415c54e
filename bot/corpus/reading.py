"""Bytes on disk -> clean Unicode text: size limit, binary check, decoding, mojibake repair."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import ftfy

# Keep typographic quotes: they mark titles ("Knowledge Flow") for the catalog.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=True)

# Bytes that never appear in text files; a few of them in the first block means binary.
_CONTROL = bytes(range(0, 9)) + bytes([11, 12]) + bytes(range(14, 32))
_SNIFF_BYTES = 8192


class UnreadableReport(Exception):
    """A file that is not a report; the message says why in plain words."""


@dataclass(slots=True)
class DecodedText:
    """A report's text after decoding and repair, with how it was done."""

    text: str
    encoding: str
    repairs: list[str] = field(default_factory=list)


def read_report_text(path: Path, max_bytes: int) -> DecodedText:
    """Read ``path`` as text, refusing files too big, empty or binary before decoding."""
    size = path.stat().st_size
    if size > max_bytes:
        # Refused from the size alone: a 30 MB file is never read into memory.
        raise UnreadableReport(
            f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes "
            "(FLASHBACK_MAX_REPORT_BYTES)"
        )
    if size == 0:
        raise UnreadableReport("file is empty")
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_utf16(data)
    _refuse_binary(data)
    return decode_text(data)


def _decode_utf16(data: bytes) -> DecodedText:
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise UnreadableReport(
            f"starts with a UTF-16 byte-order mark but is not UTF-16: {exc.reason}"
        ) from None
    decoded = decode_text(text.encode("utf-8"))
    decoded.encoding = "utf-16"
    return decoded


def _refuse_binary(data: bytes) -> None:
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")):
        raise UnreadableReport("binary file (an image, PDF, archive or program), not text")
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    if controls > max(2, len(head) // 100):
        raise UnreadableReport(
            f"binary file: {controls} control bytes (NUL and similar) in the first "
            f"{len(head):,} bytes"
        )


def decode_text(data: bytes) -> DecodedText:
    """Decode UTF-8 (with or without BOM), else cp1252; repair mojibake; normalise lines."""
    repairs: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        repairs.append("removed UTF-8 byte-order mark")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        # Legacy 8-bit text: cp1252 is what such files almost always are; latin-1 never fails.
        try:
            text = data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "latin-1"
        repairs.append(f"not UTF-8: decoded as {encoding}")
    if "\x00" in text:
        text = text.replace("\x00", "")
        repairs.append("removed NUL characters")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        repairs.append("normalised line endings")
    fixed, explanation = ftfy.fix_and_explain(text, config=_FTFY)
    steps = [step for step in (explanation or []) if step[0] in {"encode", "decode"}]
    if steps:
        chain = " -> ".join(f"{op} {arg}" for op, arg in steps)
        repairs.append(f"repaired mojibake ({chain})")
    return DecodedText(text=fixed, encoding=encoding, repairs=repairs)
