"""Where the shipped corpus and templates are, from a checkout or from an installed wheel."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_ROOT = PACKAGE_DIR.parent
_SHIPPED = PACKAGE_DIR / "_shipped"


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def shipped_corpus_dir() -> Path:
    """The corpus that ships with the bot: the checkout's corpus/, else the wheel's copy."""
    return _first_existing(_REPO_ROOT / "corpus", _SHIPPED / "corpus")


def shipped_templates_dir() -> Path:
    """The packaged default templates: the checkout's templates/, else the wheel's copy."""
    return _first_existing(_REPO_ROOT / "templates", _SHIPPED / "templates")


def data_file(name: str) -> Path:
    """A data file shipped inside the package (bot/data/)."""
    return PACKAGE_DIR / "data" / name
