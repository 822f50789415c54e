"""Running the bot: the enabled chat platforms (or the console) around one App.

Every chat platform whose token is set (see ``platforms.py``) shares the App's one store and
scheduler. With no token set the console adapter stands in, so the bot still does its whole
job locally.
Start order: app (store, corpus) -> adapters registered -> connections -> scheduler; shutdown
runs the other way: connections closed, then the app (scheduler, then store).

Every step of the start races the stop signal: a SIGTERM while the corpus loads or while a
platform is still connecting (a revoked token retried forever, an unreachable address) stops
the bot at once. A platform that cannot connect within FLASHBACK_CONNECT_TIMEOUT_SECONDS, or
that loses its connection for longer than that and cannot get it back, ends ``serve`` with a
StartupError, so `flashback run` exits non-zero and a restart policy acts.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from collections.abc import AsyncIterator, Awaitable
from typing import TYPE_CHECKING, TextIO, TypeVar

from bot.adapters.console import ConsoleAdapter, run_console
from bot.adapters.platforms import Connection, enabled_platforms
from bot.app import App, StartupError
from bot.digest.render import make_environment
from bot.ops.health import HealthRegistry, heartbeat_path, run_heartbeat, scheduler_probe

if TYPE_CHECKING:
    from jinja2 import Environment

    from bot.settings import Settings

__all__ = ["Connection", "StartupError", "connections_for", "describe", "serve", "stop_on_signals"]

log = logging.getLogger(__name__)
T = TypeVar("T")


def describe(settings: Settings) -> str:
    """The log line saying which platforms run."""
    enabled = enabled_platforms(settings)
    if not enabled:
        return "no chat token set: running with the console adapter (digests print here)"
    return "chat platforms enabled: " + ", ".join(p.label(settings) for p in enabled)


async def connections_for(app: App, env: Environment) -> list[Connection]:
    """A Connection per enabled platform."""
    return [await platform.connect(app, env) for platform in enabled_platforms(app.settings)]


class Stopped(Exception):
    """The stop signal came while the bot was still starting."""


async def until_stopped(work: Awaitable[T], stop: asyncio.Event) -> T:
    """``work``'s result, unless ``stop`` is set first: then ``work`` is cancelled (Stopped)."""
    task = asyncio.ensure_future(work)
    stopper = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopper.cancel()
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
        raise Stopped
    return task.result()


async def start_connection(connection: Connection, seconds: float) -> None:
    """Start one platform within ``seconds``; a failure is a StartupError naming it."""
    try:
        async with asyncio.timeout(seconds):
            await connection.start()
    except TimeoutError:
        raise StartupError(
            f"{connection.name} could not connect within {seconds:g} s",
            "check the network and the platform's tokens (`flashback doctor --online`); "
            "FLASHBACK_CONNECT_TIMEOUT_SECONDS sets how long to try",
        ) from None
    except StartupError:
        raise
    except Exception as exc:
        raise StartupError(
            f"{connection.name} could not start: {exc}",
            "`flashback doctor --online` checks the tokens and the connection",
        ) from exc


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
) -> App | None:
    """Run the bot until ``stop`` is set (or console input ends); return the closed App
    (None when stopped before the App was open)."""
    preflight(settings)
    env = make_environment(settings.templates_dir)
    if stop.is_set():  # stopped before anything was opened: open nothing to cancel halfway
        log.info("stopped while starting: nothing was open yet")
        return None
    try:
        app = await until_stopped(App.open(settings), stop)
    except Stopped:
        log.info("stopped while starting: nothing was open yet")
        return None
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
            await until_stopped(
                start_connection(connection, settings.connect_timeout_seconds), stop
            )
            health.register(connection.name, connection.healthy)
        await until_stopped(app.start(), stop)
        health.register("scheduler", scheduler_probe(app.scheduler, settings.sync_interval_seconds))
        beat = asyncio.create_task(
            run_heartbeat(
                health,
                heartbeat_path(settings.data_dir),
                settings.heartbeat_interval_seconds,
                settings.replica_id,
            )
        )
        await _wait(stop, app, console, console_lines, connections)
    except Stopped:
        log.info("stopped while starting")
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
    connections: list[Connection],
) -> None:
    """Until stop is set, console input ends, or a platform's connection is lost for good
    (which raises its StartupError)."""
    waits: set[asyncio.Future[object]] = {asyncio.ensure_future(stop.wait())}
    if console is not None and lines is not None:
        waits.add(asyncio.ensure_future(run_console(app.service, console, lines, prompt=True)))
    watches: set[asyncio.Future[None]] = {
        asyncio.ensure_future(c.watch()) for c in connections if c.watch is not None
    }
    try:
        while True:
            done, _ = await asyncio.wait(waits | watches, return_when=asyncio.FIRST_COMPLETED)
            for task in done & watches:
                task.result()  # raises the platform's StartupError
            if done & waits:
                return
            watches -= done  # a watch that ended quietly: its platform was closed
    finally:
        for task in waits | watches:
            task.cancel()
        await asyncio.gather(*waits, *watches, return_exceptions=True)
