"""Loading the corpus the way Settings say: directory, limits, cache in the data directory."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from bot.catalog.resolve import WorkMetadata
from bot.corpus.loader import Progress, load_corpus
from bot.corpus.worker import ReadLimits
from bot.models import Corpus
from bot.settings import Settings


def read_limits(settings: Settings) -> ReadLimits:
    """What one report file may cost, from the settings."""
    return ReadLimits(
        max_bytes=settings.max_report_bytes,
        seconds=settings.ingest_timeout_seconds,
        memory_mb=settings.ingest_memory_mb,
    )


def report_cache_dir(settings: Settings) -> Path:
    return settings.data_dir / "cache" / "reports"


def load_configured_corpus(
    settings: Settings,
    directory: Path | None = None,
    progress: Progress | None = None,
    metadata: Mapping[str, WorkMetadata] | None = None,
) -> Corpus:
    """The corpus of ``directory`` (default: FLASHBACK_CORPUS_DIR), read within the limits
    and through the cache the settings give; ``metadata`` records refine its catalog."""
    return load_corpus(
        directory or settings.corpus_dir,
        limits=read_limits(settings),
        cache_dir=report_cache_dir(settings),
        progress=progress,
        metadata=metadata,
    )
