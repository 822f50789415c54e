"""Optional metadata resolution: canonical titles, authors, venues and abstracts for catalog
entries from arXiv, OpenAlex or Semantic Scholar, cached in the database.

Off unless FLASHBACK_METADATA names a service. The pieces: ``model`` (WorkRef, WorkMetadata,
the Resolver protocol), ``refs`` (what to look an entry up by), one module per service over
``http`` (pace, timeouts, retries), ``matching`` (strict title matching), ``run`` (one
resolution run), ``apply`` (records onto entries, a pure function), ``cache`` and ``file``
(the database cache and the metadata.json beside the corpus), ``configured`` (from Settings).
"""

from __future__ import annotations

from bot.catalog.resolve.apply import apply_metadata
from bot.catalog.resolve.file import read_metadata_file, write_metadata_file
from bot.catalog.resolve.model import Outcome, Resolver, ServiceError, WorkMetadata, WorkRef
from bot.catalog.resolve.refs import pending_refs, work_ref
from bot.catalog.resolve.run import Tally, resolve_works
from bot.catalog.side_files import METADATA_FILE

__all__ = [
    "METADATA_FILE",
    "Outcome",
    "Resolver",
    "ServiceError",
    "Tally",
    "WorkMetadata",
    "WorkRef",
    "apply_metadata",
    "pending_refs",
    "read_metadata_file",
    "resolve_works",
    "work_ref",
    "write_metadata_file",
]
