"""`flashback settings reference|show|docs`: the configuration reference and what is in force.

`docs` (`make docs`) also writes the other generated documentation: see bot/ops/generated_docs.py.
"""

from __future__ import annotations

from pathlib import Path

import typer

from bot.cli.common import settings_or_exit
from bot.ops.generated_docs import DocFiles, stale_docs, write_docs
from bot.ops.settings_reference import effective_values, env_example, markdown_table

app = typer.Typer(help="The configuration reference and the values in force.", no_args_is_help=True)


@app.command()
def reference(
    env: bool = typer.Option(False, "--env", help="Print .env.example instead of Markdown."),
) -> None:
    """Every setting: environment variable, default, description (secrets say "(secret)")."""
    typer.echo(env_example() if env else markdown_table(), nl=False)


@app.command()
def show() -> None:
    """The configuration in force here (environment and .env), secrets only as set/not set."""
    settings = settings_or_exit()
    rows = effective_values(settings)
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        typer.echo(f"{name:<{width}}  {value}")


@app.command()
def docs(
    readme: Path = typer.Option(Path("README.md"), help="README with the settings markers."),
    env_file: Path = typer.Option(Path(".env.example"), help="The .env.example to rewrite."),
    manifest: Path = typer.Option(Path("slack-manifest.yml"), help="The Slack app manifest."),
    check: bool = typer.Option(False, "--check", help="Change nothing; exit 1 if out of date."),
) -> None:
    """Regenerate the README's configuration reference and command table, .env.example and
    the manifest's usage hints (`make docs`)."""
    files = DocFiles(readme, env_file, manifest)
    if check:
        stale = stale_docs(files)
        for path in stale:
            typer.echo(f"out of date: {path} (run `make docs`)")
        raise typer.Exit(1 if stale else 0)
    for path in write_docs(files):
        typer.echo(f"rewrote {path}")
