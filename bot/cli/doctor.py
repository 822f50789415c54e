"""`flashback doctor`: check configuration, corpus, database and tokens; explain each problem."""

from __future__ import annotations

import asyncio
import json
from dataclasses import asdict

import typer

from bot.ops.findings import Finding, fail
from bot.settings import SettingsError, load_settings

_LABEL = {"ok": "ok", "warn": "WARN", "fail": "FAIL"}


def doctor(
    online: bool = typer.Option(
        False,
        "--online",
        help="Also ask Slack (auth.test) and Discord (/users/@me) about the tokens.",
    ),
    json_output: bool = typer.Option(False, "--json", help="Print the findings as JSON."),
) -> None:
    """Check everything the bot needs; exit 1 when something must be fixed."""
    try:
        settings = load_settings()
    except SettingsError as exc:
        findings = [
            fail("configuration", str(exc), "correct these variables in the environment or .env")
        ]
    else:
        from bot.ops.doctor import run_doctor

        findings = [Finding("configuration", "ok", "settings loaded")]
        findings += asyncio.run(run_doctor(settings, online=online))
    _print(findings, json_output)
    raise typer.Exit(1 if any(f.status == "fail" for f in findings) else 0)


def _print(findings: list[Finding], json_output: bool) -> None:
    if json_output:
        typer.echo(json.dumps([asdict(f) for f in findings], indent=2))
        return
    width = max(len(f.check) for f in findings)
    indent = " " * (6 + width + 2)
    for finding in findings:
        message = finding.message.replace("\n", "\n" + indent)
        typer.echo(f"{_LABEL[finding.status]:<6}{finding.check:<{width}}  {message}")
        if finding.fix and finding.status != "ok":
            typer.echo(f"{indent}fix: {finding.fix}")
    failures = sum(f.status == "fail" for f in findings)
    warnings = sum(f.status == "warn" for f in findings)
    if failures:
        typer.echo(f"\n{failures} problem(s) to fix, {warnings} warning(s).")
    else:
        typer.echo(f"\nAll checks passed ({warnings} warning(s)).")
