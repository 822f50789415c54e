"""Command groups of the `flashback` CLI, each a small Typer app or function."""
