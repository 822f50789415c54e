"""Running the bot: the enabled chat platforms (or the console) around one App.

Every chat platform whose token is set (see ``platforms.py``) shares the App's one store and
scheduler. With no token set the console adapter stands in, so the bot still does its whole
job locally.
Start order: app (store, corpus) -> adapters registered -> scheduler -> connections; shutdown
runs the other way: connections closed, then the app (scheduler, then store).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, TextIO

from bot.adapters.console import ConsoleAdapter, run_console
from bot.adapters.platforms import Connection, enabled_platforms
from bot.app import App
from bot.digest.render import make_environment
from bot.ops.health import HealthRegistry, heartbeat_path, run_heartbeat, scheduler_probe

if TYPE_CHECKING:
    from jinja2 import Environment

    from bot.settings import Settings

__all__ = ["Connection", "StartupError", "connections_for", "describe", "serve", "stop_on_signals"]

log = logging.getLogger(__name__)


def describe(settings: Settings) -> str:
    """The log line saying which platforms run."""
    enabled = enabled_platforms(settings)
    if not enabled:
        return "no chat token set: running with the console adapter (digests print here)"
    return "chat platforms enabled: " + ", ".join(p.label(settings) for p in enabled)


async def connections_for(app: App, env: Environment) -> list[Connection]:
    """A Connection per enabled platform."""
    return [await platform.connect(app, env) for platform in enabled_platforms(app.settings)]


class StartupError(Exception):
    """A chat platform refused the bot at start-up (bad token, no network), said plainly."""


async def start_connection(connection: Connection) -> None:
    """Start one platform; its failure becomes a StartupError naming the platform."""
    try:
        await connection.start()
    except Exception as exc:
        raise StartupError(f"{connection.name} could not start: {exc}") from exc


def preflight(settings: Settings) -> None:
    """Refuse to start (SettingsError) when an enabled platform is missing what it needs."""
    for platform in enabled_platforms(settings):
        platform.check_settings(settings)


def stop_on_signals(stop: asyncio.Event) -> None:
    """SIGTERM and SIGINT ask for a graceful shutdown instead of killing the loop."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)


async def serve(
    settings: Settings,
    stop: asyncio.Event,
    *,
    console_lines: AsyncIterator[str] | None = None,
    out: TextIO | None = None,
) -> App:
    """Run the bot until ``stop`` is set (or console input ends); return the closed App."""
    preflight(settings)
    env = make_environment(settings.templates_dir)
    app = await App.open(settings)
    health = HealthRegistry()
    beat: asyncio.Task[None] | None = None
    connections: list[Connection] = []
    try:
        connections = await connections_for(app, env)
        console = ConsoleAdapter(env, out) if not connections else None
        for connection in connections:
            app.add_adapter(connection.adapter)
        if console is not None:
            app.add_adapter(console)
        log.info(describe(settings))
        # The corpus, catalog and index live as long as the process: move them out of the
        # collector's sight, so a full collection does not walk them (a pause every command
        # could land in).
        gc.collect()
        gc.freeze()
        # Connections before the scheduler, so a digest caught up at start-up can be posted.
        for connection in connections:
            await start_connection(connection)
            health.register(connection.name, connection.healthy)
        await app.start()
        health.register("scheduler", scheduler_probe(app.scheduler, settings.sync_interval_seconds))
        beat = asyncio.create_task(
            run_heartbeat(
                health,
                heartbeat_path(settings.data_dir),
                settings.heartbeat_interval_seconds,
                settings.replica_id,
            )
        )
        await _wait(stop, app, console, console_lines)
    finally:
        log.info("shutting down: finishing or releasing the deliveries in flight")
        # The scheduler first, while the connections are still open: posts in flight get
        # shutdown_grace_seconds to finish, the rest give their claims back.
        await app.scheduler.shutdown()
        for connection in reversed(connections):
            with contextlib.suppress(Exception):
                await connection.close()
        await app.close()
        if beat is not None:
            beat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beat
        log.info("shutdown complete")
    return app


async def _wait(
    stop: asyncio.Event,
    app: App,
    console: ConsoleAdapter | None,
    lines: AsyncIterator[str] | None,
) -> None:
    """Until stop is set; with console input, also until it ends."""
    if console is None or lines is None:
        await stop.wait()
        return
    reader = asyncio.create_task(run_console(app.service, console, lines, prompt=True))
    stopper = asyncio.create_task(stop.wait())
    await asyncio.wait({reader, stopper}, return_when=asyncio.FIRST_COMPLETED)
    for task in (reader, stopper):
        task.cancel()
    await asyncio.gather(reader, stopper, return_exceptions=True)
