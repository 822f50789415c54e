"""Bytes -> clean Unicode text: binary refusal, encoding detection, mojibake repair.

UTF-8 (with or without a byte-order mark) and UTF-16 (with a BOM, or without one when the
bytes show it: a NUL in every other byte) are decoded as such. Other bytes are mostly
English with a few typographic characters, which is cp1252; text that is mostly non-ASCII
is handed to charset-normalizer to name its encoding. ftfy then repairs mojibake (UTF-8
read as Mac Roman or cp1252 somewhere along the way).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import charset_normalizer
import ftfy
from ftfy.badness import is_bad

from bot.documents.errors import UnreadableReport

# C0 and C1 control characters other than tab and newline: never text.
_MOJIBAKE_HINT = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02c7\u02d8-\u02dd"
    "\u2013-\u2044\u20ac\u2122\u2202\u2206\u220f\u2211\u221a\u221e\u222b\u2248\u2260\u2264"
    "\u2265\u25ca\u03a9\u03c0\ufb01\ufb02][\u0080-\uffff]"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bytes that never appear in text files; a few of them in the first block means binary.
_CONTROL = bytes(range(0, 9)) + bytes([11, 12]) + bytes(range(14, 32))
_SNIFF_BYTES = 8192
_MAGIC = (b"\x89PNG", b"%PDF", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"\x1f\x8b", b"BZh")
# Encodings charset-normalizer may choose for mostly non-ASCII text (Latin text stays cp1252:
# its guesses among the Latin code pages are no better than chance on English prose).
_NON_LATIN = ["cp1252", "cp1251", "koi8_r", "iso8859_7", "shift_jis", "gb18030", "big5", "euc_kr"]
_NON_ASCII_SHARE = 0.3


@dataclass(slots=True)
class DecodedText:
    """A report's text after decoding and repair, with how it was done."""

    text: str
    encoding: str
    repairs: list[str] = field(default_factory=list)


def refuse_binary(data: bytes) -> None:
    """Raise for images, PDFs, archives, programs and other bytes that are not text."""
    head = data[:_SNIFF_BYTES]
    if head.startswith(_MAGIC):
        raise UnreadableReport("binary file (an image, PDF, archive or program), not text")
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    if controls > max(2, len(head) // 100):
        raise UnreadableReport(
            f"binary file: {controls} control bytes (NUL and similar) in the first "
            f"{len(head):,} bytes"
        )


def decode_bytes(data: bytes) -> DecodedText:
    """Decode a text file's bytes; see the module docstring for the order of attempts."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _utf16(data, "utf-16", "starts with a UTF-16 byte-order mark")
    bom_less = utf16_without_bom(data)
    if bom_less:
        return _utf16(data, bom_less, "has a NUL in every other byte (UTF-16 without a BOM)")
    refuse_binary(data)
    return _decode_8bit(data)


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the first bytes are ASCII text in UTF-16, else None."""
    head = data[: _SNIFF_BYTES - _SNIFF_BYTES % 2]
    if len(head) < 8:
        return None
    pairs = len(head) // 2
    even_zero = head[0::2].count(0)
    odd_zero = head[1::2].count(0)
    if odd_zero > 0.6 * pairs and even_zero < 0.05 * pairs:
        return "utf-16-le"
    if even_zero > 0.6 * pairs and odd_zero < 0.05 * pairs:
        return "utf-16-be"
    return None


def _utf16(data: bytes, codec: str, why: str) -> DecodedText:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise UnreadableReport(f"{why} but is not valid UTF-16: {exc.reason}") from None
    decoded = _decode_8bit(text.encode("utf-8"))
    decoded.encoding = codec
    return decoded


def _decode_8bit(data: bytes) -> DecodedText:
    repairs: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        repairs.append("removed UTF-8 byte-order mark")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        encoding = _legacy_encoding(data)
        text = data.decode(encoding, errors="replace")
        repairs.append(f"not UTF-8: decoded as {encoding}")
    return _repair(text, encoding, repairs)


def _legacy_encoding(data: bytes) -> str:
    sample = data[:65536]
    non_ascii = len(sample) - len(sample.translate(None, bytes(range(128, 256))))
    if non_ascii < _NON_ASCII_SHARE * len(sample):
        return "cp1252"
    best = charset_normalizer.from_bytes(sample, cp_isolation=_NON_LATIN).best()
    return best.encoding if best is not None else "cp1252"


def _repair(text: str, encoding: str, repairs: list[str]) -> DecodedText:
    if "\x00" in text:
        text = text.replace("\x00", "")
        repairs.append("removed NUL characters")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        repairs.append("normalised line endings")
    text, steps = _fix_mojibake(text)
    if steps:
        repairs.append(f"repaired mojibake ({steps})")
    text = unicodedata.normalize("NFC", _CONTROLS.sub("", text))
    return DecodedText(text=text, encoding=encoding, repairs=repairs)


def _fix_mojibake(text: str) -> tuple[str, str]:
    """ftfy's encoding repair, line by line and only where a line is not ASCII.

    Line by line because a report pasted together from several sources can be mojibake in
    one part only, and only on lines where two non-ASCII characters meet, the first of them
    one that UTF-8 bytes read as cp1252, Latin-1 or Mac Roman turn into (one accented letter
    becomes two characters, 'é' -> 'Ã©'): elsewhere ftfy has nothing to find, and on a 4.7 MB
    report this takes 0.01-0.4 s where ftfy over the whole text took 1.3-2.8 s.
    """
    if not _MOJIBAKE_HINT.search(text):
        return text, ""
    lines = text.split("\n")
    plans: dict[str, None] = {}
    for index, line in enumerate(lines):
        if not _MOJIBAKE_HINT.search(line) or not is_bad(line):
            continue
        fixed, explanation = ftfy.fix_encoding_and_explain(line)
        if explanation:
            lines[index] = fixed
            plans[" -> ".join(f"{op} {arg}" for op, arg in explanation)] = None
    return "\n".join(lines), "; ".join(plans)
