"""`flashback health`: is the running bot alive? (the Docker HEALTHCHECK)."""

from __future__ import annotations

import json

import typer

from bot.cli.common import settings_or_exit
from bot.ops.health import evaluate, heartbeat_path


def health(
    json_output: bool = typer.Option(False, "--json", help="Print the heartbeat as JSON."),
) -> None:
    """Exit 0 when the bot's heartbeat is fresh and every component is healthy, else 1."""
    settings = settings_or_exit()
    path = heartbeat_path(settings.data_dir)
    verdict = evaluate(path, settings.heartbeat_max_age_seconds)
    if json_output:
        beat = verdict.heartbeat.to_json() if verdict.heartbeat else None
        document = {"healthy": verdict.healthy, "problems": verdict.problems, "heartbeat": beat}
        typer.echo(json.dumps(document, indent=2))
    else:
        if verdict.heartbeat:
            for name, state in sorted(verdict.heartbeat.components.items()):
                mark = "ok" if state.healthy else "FAIL"
                typer.echo(f"{mark:4} {name}" + (f": {state.detail}" if state.detail else ""))
        for problem in verdict.problems:
            typer.echo(f"unhealthy: {problem}")
        if verdict.healthy:
            typer.echo(f"healthy ({verdict.heartbeat.replica if verdict.heartbeat else '?'})")
    raise typer.Exit(0 if verdict.healthy else 1)
