"""The `flashback` command's entry point: signals first, then everything else.

Importing the command line (typer, rich, pydantic, the bot's modules) takes a second or two;
a bot running as PID 1 must not spend that second deaf to SIGTERM (see bot/ops/signals.py).
"""

from bot.ops.signals import exit_on_signals


def main() -> None:
    """The console script `flashback` and `python -m bot`."""
    exit_on_signals()
    from bot.cli import main as cli_main

    cli_main()
