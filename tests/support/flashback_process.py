"""Running the real bot as a separate process, the way a container runs it, for slow tests."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

# Generous: a cold start ingests the corpus and builds the lookup index. This bounds how long
# a broken start can hang the test; it is not an assertion about speed.
START_DEADLINE_SECONDS = 120


@dataclass
class Exited:
    """How a bot process ended."""

    returncode: int
    stdout: str
    stderr: str


def bot_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a console-adapter bot on SQLite in ``data_dir``, fast heartbeats."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASHBACK_")}
    env.update(
        FLASHBACK_DATA_DIR=str(data_dir),
        FLASHBACK_HEARTBEAT_INTERVAL_SECONDS="1",
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


def start(command: Sequence[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    """Start the bot with no terminal on stdin (as under Docker)."""
    return subprocess.Popen(
        list(command),
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_to_end(
    command: Sequence[str], env: dict[str, str], cwd: Path, timeout: float = 120
) -> Exited:
    """Run a command with no terminal on stdin until it ends (a bounded wait)."""
    done = subprocess.run(
        list(command),
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Exited(done.returncode, done.stdout, done.stderr)


@contextlib.contextmanager
def running(
    command: Sequence[str], env: dict[str, str], cwd: Path
) -> Iterator[subprocess.Popen[str]]:
    """``start``, and whatever happens in the test, never leave the bot running behind it."""
    process = start(command, env, cwd)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def wait_until_healthy(process: subprocess.Popen[str], is_healthy: Callable[[], bool]) -> None:
    """Poll ``is_healthy`` until it says yes; fail with the bot's output if it dies first."""
    deadline = time.monotonic() + START_DEADLINE_SECONDS
    while not is_healthy():
        if process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(f"bot exited with {process.returncode}\n{out}\n{err}")
        if time.monotonic() > deadline:
            stop(process)
            raise AssertionError("bot did not become healthy")
        time.sleep(0.2)


def stop(process: subprocess.Popen[str], sig: int = signal.SIGTERM) -> Exited:
    """Send ``sig`` (as `docker stop` does) and collect the exit code and output."""
    process.send_signal(sig)
    try:
        out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        raise AssertionError(f"bot ignored signal {sig}\n{out}\n{err}") from None
    return Exited(process.returncode, out, err)
