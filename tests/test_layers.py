"""The layers hold in the imports: chat SDKs only under bot/adapters/, the core never above it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

BOT = Path(__file__).resolve().parents[1] / "bot"
CHAT_SDKS = ("slack_bolt", "slack_sdk", "discord")
# The core: what the adapters, the CLI and operations are built on, and never the reverse.
CORE = ("calendar", "catalog", "chat", "corpus", "digest", "lookup", "models", "ports")
CORE += ("schedule", "service", "settings", "store")
OUTER = ("bot.adapters", "bot.cli", "bot.ops", "bot.app")


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def _modules() -> list[Path]:
    return sorted(p for p in BOT.rglob("*.py") if "migrations" not in p.parts)


def _under(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def _offenders(paths: list[Path], forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    found = {str(p.relative_to(BOT)): sorted(_imports(p)) for p in paths}
    return {
        path: [m for m in names if _under(m, forbidden)]
        for path, names in found.items()
        if any(_under(m, forbidden) for m in names)
    }


def test_chat_sdks_are_imported_only_by_adapters() -> None:
    outside = [p for p in _modules() if p.relative_to(BOT).parts[0] != "adapters"]
    assert _offenders(outside, CHAT_SDKS) == {}


def test_the_core_imports_no_outer_layer() -> None:
    core = [p for p in _modules() if p.relative_to(BOT).parts[0].removesuffix(".py") in CORE]
    assert _offenders(core, OUTER) == {}


def test_rendering_for_a_chat_platform_loads_no_chat_sdk() -> None:
    script = (
        "import sys\n"
        "from bot.digest.model import Digest\n"
        "from bot.digest.render import render_digest\n"
        "for platform in ('slack', 'discord'):\n"
        "    render_digest(Digest('2026-W19', 'headline', None), platform)\n"
        f"print([m for m in {CHAT_SDKS!r} if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_ingestion_layers_point_down() -> None:
    """documents knows nothing above it; the catalog reads reports, never the corpus loader
    (the corpus ⇄ catalog import cycle is gone)."""
    documents = [p for p in _modules() if p.relative_to(BOT).parts[0] == "documents"]
    above = ("bot.corpus", "bot.catalog", "bot.lookup", "bot.digest", "bot.models")
    assert _offenders(documents, above) == {}
    catalog = [p for p in _modules() if p.relative_to(BOT).parts[0] == "catalog"]
    assert _offenders(catalog, ("bot.corpus", "bot.lookup", "bot.digest")) == {}
