"""The paper catalog: every work the reports discuss, one entry per work.

``build_catalog`` makes the entries; ``normalise_title`` is the one title key the catalog and
lookup share.
"""

from __future__ import annotations

from bot.catalog.build import build_catalog, normalise_title

__all__ = ["build_catalog", "normalise_title"]
