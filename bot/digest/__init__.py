"""The weekly conference flashback: its shapes (model), choosing highlights (select), rendering."""

from __future__ import annotations

from bot.digest.model import Anniversary, Digest, Highlight
from bot.digest.select import choose_digest
from bot.digest.weeks import iso_week_for

__all__ = ["Anniversary", "Digest", "Highlight", "choose_digest", "iso_week_for"]
