"""A report file's bytes -> Document: decode, sniff the form, bound the text, read it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.documents.bound import bound_text
from bot.documents.cost import refuse_costly
from bot.documents.decode import decode_bytes
from bot.documents.email_reader import read_digest, read_email
from bot.documents.errors import UnreadableReport
from bot.documents.html_reader import read_html
from bot.documents.markdown_reader import read_markdown
from bot.documents.model import Document
from bot.documents.notebook_reader import read_notebook
from bot.documents.pandoc_reader import PANDOC_FORMS, read_with_pandoc
from bot.documents.sniff import sniff_bytes, sniff_text
from bot.documents.text_reader import read_text

# Readers of decoded text, by sniffed form (pandoc's forms are dispatched separately).
_TEXT_READERS: dict[str, Callable[[str, str], Document]] = {
    "markdown": read_markdown,
    "mdx": read_markdown,
    "html": read_html,
    "ipynb": read_notebook,
    "email": read_email,
    "email-digest": read_digest,
    "text": read_text,
}
# Forms whose readers get the raw decoded text: JSON and MIME must stay byte-exact, and
# their readers bound the prose they take out themselves; HTML parsing is linear C.
_UNBOUNDED = frozenset({"ipynb", "email", "email-digest", "html"})


@dataclass(frozen=True, slots=True)
class Budget:
    """Limits for reading one file: wall-clock seconds and pandoc's heap."""

    seconds: float = 10.0
    memory_mb: int = 512

    def remaining(self, started: float) -> float:
        return self.seconds - (time.monotonic() - started)


def read_document(data: bytes, budget: Budget | None = None, suffix: str = "") -> Document:
    """Read a report's bytes; raise UnreadableReport with a plain reason when it is not one.

    The form comes from the content; the file's ``suffix`` (".md") only breaks a tie when the
    content shows that markup too faintly to tell by itself."""
    budget = budget or Budget()
    started = time.monotonic()
    if not data.strip():
        raise UnreadableReport("file is empty")
    container = sniff_bytes(data)
    if container is not None:
        return read_with_pandoc(
            data,
            container.form,
            timeout=budget.remaining(started),
            memory_mb=budget.memory_mb,
            budget=budget.seconds,
        )
    decoded = decode_bytes(data)
    sniffed = sniff_text(decoded.text, suffix)
    refuse_costly(decoded.text, sniffed.form, budget.seconds)
    text, bound_notes = (
        (decoded.text, []) if sniffed.form in _UNBOUNDED else bound_text(decoded.text)
    )
    if sniffed.form in PANDOC_FORMS:
        document = read_with_pandoc(
            text,
            sniffed.form,
            timeout=budget.remaining(started),
            memory_mb=budget.memory_mb,
            budget=budget.seconds,
        )
    else:
        document = _TEXT_READERS[sniffed.form](text, sniffed.form)
    document.notes = [*decoded.repairs, *bound_notes, *document.notes]
    document.encoding = decoded.encoding
    return document
