"""The command usage outside the bot: slack-manifest.yml's usage hints, the README's table.

Both are made from ``bot.chat.usage`` and the subcommands' docstrings, the source of the
in-chat help, so none can drift from what the bot accepts (``make docs`` rewrites them).
"""

from __future__ import annotations

import json
import re

from bot.chat.subcommands import SUBCOMMANDS, paper_entry
from bot.chat.usage import PAPER_ARGUMENT, PAPER_EXAMPLE, PAPER_SUMMARY, example, usage

COMMANDS_START = "<!-- commands:start -->"
COMMANDS_END = "<!-- commands:end -->"
_WHO = {True: "channel managers", False: "everyone"}


def usage_hints() -> dict[str, str]:
    """The manifest's usage hint of each slash command (Slack's text syntax)."""
    return {
        "/paper": f"{PAPER_ARGUMENT.typed}, e.g. {PAPER_EXAMPLE}",
        "/flashback": " | ".join(usage(name, "text") for name in SUBCOMMANDS),
    }


def with_usage_hints(manifest: str) -> str:
    """The manifest's text with each command's usage_hint line rewritten (comments kept)."""
    for command, hint in usage_hints().items():
        manifest = _set_hint(manifest, command, hint)
    return manifest


def _set_hint(manifest: str, command: str, hint: str) -> str:
    pattern = re.compile(
        rf"(- command: {re.escape(command)}\n(?:[ ]+(?!usage_hint:)\w+: .*\n)*?"
        r"[ ]+usage_hint: ).*$",
        re.MULTILINE,
    )
    if not pattern.search(manifest):
        raise ValueError(f"no usage_hint for {command} in the manifest")
    # A JSON string is a YAML double-quoted string; a function keeps backslashes literal.
    return pattern.sub(lambda match: match[1] + json.dumps(hint), manifest, count=1)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def command_table() -> str:
    """The README's command table: both syntaxes, who may run it, what it does; examples."""
    lines = [
        _row(["Slack and the console", "Discord", "Who", "What it does"]),
        "| --- | --- | --- | --- |",
        _row(
            [
                f"`{paper_entry('text').usage}`",
                f"`{paper_entry('options').usage}`",
                "everyone",
                f"{PAPER_SUMMARY}; only you see the answer.",
            ]
        ),
    ]
    for sub in SUBCOMMANDS.values():
        cells = [f"`{sub.usage('text')}`", f"`{sub.usage('options')}`", _WHO[sub.manager_only]]
        lines.append(_row([*cells, sub.summary]))
    examples = [
        f"`/flashback {example(name, 'text')}` on Slack, "
        f"`/flashback {example(name, 'options')}` on Discord"
        for name in SUBCOMMANDS
        if example(name, "text")
    ]
    return "\n".join(lines) + "\n\nFor example: " + "; ".join(examples) + ".\n"
