"""The weekly conference flashback: choosing highlights (select) and rendering them (render)."""

from __future__ import annotations

from bot.digest.select import Anniversary, Digest, Highlight, choose_digest
from bot.digest.weeks import iso_week_for

__all__ = ["Anniversary", "Digest", "Highlight", "choose_digest", "iso_week_for"]
