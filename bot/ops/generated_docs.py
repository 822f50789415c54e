"""The files `make docs` writes: each generated part from its one source.

README.md holds two generated sections (the configuration reference from bot/settings.py,
the command table from bot/chat/usage.py); .env.example is generated whole; slack-manifest.yml
gets its usage hints. tests/ops/test_docs.py fails when any is out of date.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.ops.settings_reference import env_example, markdown_table, replace_section
from bot.ops.usage_docs import COMMANDS_END, COMMANDS_START, command_table, with_usage_hints


@dataclass(frozen=True)
class DocFiles:
    """Where the generated documentation lives (the repository's files by default)."""

    readme: Path = Path("README.md")
    env_file: Path = Path(".env.example")
    manifest: Path = Path("slack-manifest.yml")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def wanted(files: DocFiles) -> dict[Path, str]:
    """What each generated file should hold."""
    readme = replace_section(_read(files.readme), markdown_table())
    readme = replace_section(readme, command_table(), COMMANDS_START, COMMANDS_END)
    return {
        files.readme: readme,
        files.env_file: env_example(),
        files.manifest: with_usage_hints(_read(files.manifest)),
    }


def stale_docs(files: DocFiles) -> dict[Path, str]:
    """The generated files whose content is out of date, with what they should hold."""
    return {
        path: content
        for path, content in wanted(files).items()
        if not path.exists() or _read(path) != content
    }


def write_docs(files: DocFiles) -> list[Path]:
    """Regenerate every generated file; return those that changed."""
    stale = stale_docs(files)
    for path, content in stale.items():
        path.write_text(content, encoding="utf-8")
    return list(stale)
