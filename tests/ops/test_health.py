"""The heartbeat file and `flashback health`."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.ops.health import (
    ComponentState,
    HealthRegistry,
    Heartbeat,
    evaluate,
    heartbeat_path,
    read_heartbeat,
    run_heartbeat,
    scheduler_probe,
    write_heartbeat,
)

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def _beat(*, age: float = 0, state: str = "running", **components: ComponentState) -> Heartbeat:
    comps = components or {"scheduler": ComponentState(True), "console": ComponentState(True)}
    return Heartbeat(NOW - timedelta(seconds=age), 4242, "replica-a", state, comps)


def test_registry_asks_probes_and_reports_broken_ones() -> None:
    registry = HealthRegistry()
    registry.register("scheduler", lambda: True)
    registry.register("slack", lambda: ComponentState(False, "socket closed"))
    registry.register("discord", lambda: 1 / 0 > 0)
    registry.set("console", True, "stdin")
    states = registry.snapshot()
    assert states["scheduler"] == ComponentState(True)
    assert states["slack"] == ComponentState(False, "socket closed")
    assert not states["discord"].healthy and "ZeroDivisionError" in states["discord"].detail
    assert states["console"] == ComponentState(True, "stdin")
    registry.unregister("discord")
    assert "discord" not in registry.snapshot()


def test_heartbeat_round_trips_through_the_file(tmp_path: Path) -> None:
    path = heartbeat_path(tmp_path / "data")
    write_heartbeat(path, _beat(slack=ComponentState(False, "reconnecting")))
    assert read_heartbeat(path) == _beat(slack=ComponentState(False, "reconnecting"))
    assert [p.name for p in path.parent.iterdir()] == ["heartbeat.json"]  # no temp files left


@pytest.mark.parametrize(
    ("heartbeat", "problem"),
    [
        (_beat(age=5), None),
        (_beat(age=61), "61 s old"),
        (_beat(state="stopped"), "the bot stopped"),
        (_beat(slack=ComponentState(False, "socket closed")), "slack is unhealthy: socket closed"),
    ],
)
def test_evaluate(tmp_path: Path, heartbeat: Heartbeat, problem: str | None) -> None:
    path = tmp_path / "heartbeat.json"
    write_heartbeat(path, heartbeat)
    verdict = evaluate(path, max_age_seconds=60, now=NOW)
    assert verdict.healthy is (problem is None)
    if problem:
        assert any(problem in p for p in verdict.problems), verdict.problems


def test_missing_or_garbled_heartbeat_is_unhealthy_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "heartbeat.json"
    verdict = evaluate(path, 60, now=NOW)
    assert not verdict.healthy and "not running" in verdict.problems[0]
    path.write_text("{not json", "utf-8")
    verdict = evaluate(path, 60, now=NOW)
    assert not verdict.healthy and "cannot be read" in verdict.problems[0]


def test_a_bot_with_no_components_yet_is_not_healthy(tmp_path: Path) -> None:
    path = tmp_path / "heartbeat.json"
    write_heartbeat(path, Heartbeat(NOW, 1, "r", "running", {}))
    assert not evaluate(path, 60, now=NOW).healthy


async def test_run_heartbeat_writes_until_cancelled_then_says_stopped(tmp_path: Path) -> None:
    path = tmp_path / "heartbeat.json"
    registry = HealthRegistry()
    registry.set("scheduler", True)
    task = asyncio.create_task(run_heartbeat(registry, path, 0.01, "replica-a"))
    while not path.exists():
        await asyncio.sleep(0.01)
    first = read_heartbeat(path)
    assert first is not None and first.state == "running"
    assert evaluate(path, 60).healthy
    registry.set("scheduler", False, "stopped running jobs")
    while (beat := read_heartbeat(path)) is None or beat.components["scheduler"].healthy:
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    last = read_heartbeat(path)
    assert last is not None and last.state == "stopped"
    assert not evaluate(path, 60).healthy


def test_health_command_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASHBACK_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    result = runner.invoke(app, ["health"])
    assert result.exit_code == 1 and "no heartbeat" in result.output

    fresh = Heartbeat(datetime.now(UTC), 1, "replica-a", "running", _beat().components)
    write_heartbeat(heartbeat_path(tmp_path), fresh)
    result = runner.invoke(app, ["health"])
    assert result.exit_code == 0, result.output
    assert "ok   scheduler" in result.output and "healthy (replica-a)" in result.output

    result = runner.invoke(app, ["health", "--json"])
    document = json.loads(result.output)
    assert document["healthy"] is True and document["heartbeat"]["replica"] == "replica-a"

    stale = Heartbeat(
        datetime.now(UTC) - timedelta(hours=1), 1, "replica-a", "running", _beat().components
    )
    write_heartbeat(heartbeat_path(tmp_path), stale)
    result = runner.invoke(app, ["health"])
    assert result.exit_code == 1 and "stuck or gone" in result.output


def test_scheduler_probe_wants_a_running_scheduler_that_keeps_syncing() -> None:
    scheduler = SimpleNamespace(apscheduler=SimpleNamespace(running=True), last_sync=None)
    probe = scheduler_probe(scheduler, sync_interval_seconds=30)
    assert probe() == ComponentState(False, "has not read the subscriptions yet")
    scheduler.last_sync = time.monotonic()
    assert probe() == ComponentState(True)
    scheduler.last_sync = time.monotonic() - 600  # ten minutes of failed syncs
    state = probe()
    assert not state.healthy and "database down?" in state.detail
    scheduler.apscheduler.running = False
    assert probe() == ComponentState(False, "not running")
