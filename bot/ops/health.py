"""The running bot's heartbeat file, and the verdict `flashback health` draws from it.

While the bot runs, ``run_heartbeat`` rewrites ``<FLASHBACK_DATA_DIR>/heartbeat.json`` every
few seconds with the state of each component (the scheduler, each chat adapter's connection),
asked of the probes registered on a ``HealthRegistry``. The Docker HEALTHCHECK runs
``flashback health`` in the same container, which reads the file back: healthy means the file
is fresh (so the event loop is not stuck) and every component says it is healthy. On a clean
shutdown the last heartbeat says "stopped", so a stopped bot is never reported alive.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from bot.atomic import write_atomically

HEARTBEAT_FILE = "heartbeat.json"

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ComponentState:
    """One component's health as its probe reports it; ``detail`` is for people."""

    healthy: bool
    detail: str = ""


# A probe answers "are you alive?": True/False, or a ComponentState with a reason.
Probe = Callable[[], "bool | ComponentState"]


class HealthRegistry:
    """The components of the running bot and how to ask each whether it is healthy.

    Pull style: ``register("slack", lambda: adapter.connected)``. Push style, for code that
    learns its state from events: ``set("discord", False, "gateway reconnecting")``.
    """

    def __init__(self) -> None:
        self._probes: dict[str, Probe] = {}

    def register(self, name: str, probe: Probe) -> None:
        """Ask ``probe`` for ``name``'s state at every heartbeat (replaces an earlier probe)."""
        self._probes[name] = probe

    def set(self, name: str, healthy: bool, detail: str = "") -> None:
        """Record ``name``'s state until the next ``set`` or ``register``."""
        state = ComponentState(healthy, detail)
        self._probes[name] = lambda: state

    def unregister(self, name: str) -> None:
        """Forget a component (an adapter that was shut down on purpose)."""
        self._probes.pop(name, None)

    def snapshot(self) -> dict[str, ComponentState]:
        """Every component's state now; a probe that raises counts as unhealthy."""
        states = {}
        for name, probe in self._probes.items():
            try:
                answer = probe()
            except Exception as exc:  # a broken probe is itself a health problem to report
                answer = ComponentState(False, f"probe failed: {type(exc).__name__}: {exc}")
            states[name] = answer if isinstance(answer, ComponentState) else ComponentState(answer)
        return states


class _Scheduler(Protocol):
    apscheduler: Any  # has .running
    last_sync: float | None  # time.monotonic() of the last sync that read the table


def scheduler_probe(scheduler: _Scheduler, sync_interval_seconds: float) -> Probe:
    """Healthy while the scheduler runs and keeps reading the subscriptions table.

    A sync that keeps failing (the database is down) means no digest can be claimed or
    posted, so after three missed intervals the scheduler counts as unhealthy.
    """
    limit = 3 * sync_interval_seconds + 30

    def probe() -> ComponentState:
        if not scheduler.apscheduler.running:
            return ComponentState(False, "not running")
        if scheduler.last_sync is None:
            return ComponentState(False, "has not read the subscriptions yet")
        age = time.monotonic() - scheduler.last_sync
        if age > limit:
            return ComponentState(
                False, f"could not read the subscriptions for {age:.0f} s (database down?)"
            )
        return ComponentState(True)

    return probe


@dataclass(slots=True)
class Heartbeat:
    """What the heartbeat file holds."""

    written_at: datetime
    pid: int
    replica: str
    state: str  # "running" | "stopped"
    components: dict[str, ComponentState] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The JSON document written to disk (and printed by `flashback health --json`)."""
        return {
            "written_at": self.written_at.isoformat(),
            "pid": self.pid,
            "replica": self.replica,
            "state": self.state,
            "components": {name: asdict(state) for name, state in self.components.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Heartbeat:
        """Parse what ``to_json`` wrote; raises KeyError/ValueError/TypeError when malformed."""
        return cls(
            written_at=datetime.fromisoformat(data["written_at"]),
            pid=int(data["pid"]),
            replica=str(data["replica"]),
            state=str(data["state"]),
            components={
                str(name): ComponentState(bool(c["healthy"]), str(c.get("detail", "")))
                for name, c in data["components"].items()
            },
        )


def heartbeat_path(data_dir: Path) -> Path:
    """Where the heartbeat of a bot using ``data_dir`` lives."""
    return data_dir / HEARTBEAT_FILE


def write_heartbeat(path: Path, heartbeat: Heartbeat) -> None:
    """Replace the heartbeat file atomically, so a reader never sees half a file."""
    write_atomically(path, (json.dumps(heartbeat.to_json(), indent=2) + "\n").encode("utf-8"))


def read_heartbeat(path: Path) -> Heartbeat | None:
    """The heartbeat in ``path``, or None when there is none or it cannot be read."""
    try:
        return Heartbeat.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


@dataclass(frozen=True, slots=True)
class Verdict:
    """`flashback health`'s answer: healthy or not, and why, in plain words."""

    healthy: bool
    problems: list[str]
    heartbeat: Heartbeat | None


def evaluate(path: Path, max_age_seconds: float, now: datetime | None = None) -> Verdict:
    """Judge the heartbeat in ``path``: fresh, running, and every component healthy."""
    heartbeat = read_heartbeat(path)
    if heartbeat is None:
        problem = (
            f"no heartbeat at {path}: the bot is not running, has not finished starting, "
            "or uses another FLASHBACK_DATA_DIR"
            if not path.exists()
            else f"the heartbeat file {path} cannot be read"
        )
        return Verdict(False, [problem], None)
    now = now or datetime.now(UTC)
    problems = []
    age = (now - heartbeat.written_at).total_seconds()
    if heartbeat.state != "running":
        problems.append(f"the bot {heartbeat.state} at {heartbeat.written_at:%Y-%m-%d %H:%M:%S}")
    elif age > max_age_seconds:
        problems.append(
            f"the last heartbeat is {age:.0f} s old (limit {max_age_seconds:.0f} s): "
            "the bot is stuck or gone"
        )
    if not heartbeat.components and heartbeat.state == "running":
        problems.append("the bot reports no components yet (still starting)")
    for name, state in sorted(heartbeat.components.items()):
        if not state.healthy:
            problems.append(f"{name} is unhealthy" + (f": {state.detail}" if state.detail else ""))
    return Verdict(not problems, problems, heartbeat)


async def run_heartbeat(
    registry: HealthRegistry, path: Path, interval_seconds: float, replica: str
) -> None:
    """Write a heartbeat every ``interval_seconds`` until cancelled, then a final "stopped".

    Run it as a task next to the scheduler and the adapters; cancel it at shutdown.
    """

    def beat(state: str) -> None:
        heartbeat = Heartbeat(datetime.now(UTC), os.getpid(), replica, state, registry.snapshot())
        try:
            write_heartbeat(path, heartbeat)
        except OSError as exc:  # a full disk must not stop the bot; health will notice
            log.warning("cannot write heartbeat %s: %s", path, exc)

    try:
        while True:
            beat("running")
            await asyncio.sleep(interval_seconds)
    finally:
        with contextlib.suppress(Exception):
            beat("stopped")
