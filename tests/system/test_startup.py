"""`flashback run` as a container runs it: stopped at any moment, failing in one plain line.

A bot that is PID 1 of its own PID namespace (a container without an init) gets no signal it
has no handler for: the kernel drops it. Here the bot runs as PID 1 under
`unshare --pid --fork --mount-proc` (root only) and is sent one SIGTERM early in its start
(while Python still imports, where it used to be lost), while it reads the corpus, and once it
runs; each time it must exit promptly and cleanly. Start-up failures (a database that cannot
be reached, a Discord gateway that stays down) must end in one log line with the fix, a JSON
object when FLASHBACK_LOG_JSON=true, never a traceback or a secret.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support import flashback_process

pytestmark = pytest.mark.slow

EXIT_BOUND = 60  # seconds: bounds a bot that ignores its signal; not a claim about speed
SIGINT_BIT, SIGTERM_BIT = 1 << 1, 1 << 14


def _can_unshare() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "--pid", "--fork", "--mount-proc", "true"], capture_output=True, timeout=30
    )
    return probe.returncode == 0


needs_pid_namespace = pytest.mark.skipif(
    not _can_unshare(), reason="needs root and unshare --pid (a PID namespace of its own)"
)


def _caught(pid: int) -> int:
    """The signals ``pid`` has handlers for (SigCgt), as a bit mask; 0 when unreadable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("SigCgt:"):
                return int(line.split()[1], 16)
    except OSError:
        pass
    return 0


def _child_of(pid: int, deadline: float) -> int:
    """The process ``unshare --fork`` started: PID 1 inside, an ordinary pid out here."""
    while time.monotonic() < deadline:
        children = Path(f"/proc/{pid}/task/{pid}/children")
        found = children.read_text().split() if children.exists() else []
        if found:
            return int(found[0])
        time.sleep(0.005)
    raise AssertionError("unshare started no process")


@contextmanager
def pid_one(env: dict[str, str], cwd: Path) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """`flashback run` as PID 1 of a new PID namespace: (the unshare process, the bot's pid)."""
    command = ["unshare", "--pid", "--fork", "--mount-proc", "--kill-child"]
    command += [sys.executable, "-m", "bot", "run"]
    with flashback_process.running(command, env, cwd) as outer:
        yield outer, _child_of(outer.pid, time.monotonic() + 30)


def _wait_for_python(bot: int) -> None:
    """Until the interpreter runs Python code (its own SIGINT handler is in place)."""
    deadline = time.monotonic() + 30
    while not _caught(bot) & SIGINT_BIT:
        assert time.monotonic() < deadline, "the bot never started"
        time.sleep(0.002)


def _stopped(outer: subprocess.Popen[str], bot: int) -> flashback_process.Exited:
    os.kill(bot, 15)
    try:
        out, err = outer.communicate(timeout=EXIT_BOUND)
    except subprocess.TimeoutExpired:
        outer.kill()
        out, err = outer.communicate()
        raise AssertionError(f"the bot ignored SIGTERM as PID 1\n{err[-2000:]}") from None
    return flashback_process.Exited(outer.returncode, out, err)


@needs_pid_namespace
def test_sigterm_while_python_still_imports_stops_pid_1(tmp_path: Path) -> None:
    env = flashback_process.bot_env(tmp_path / "data")
    with pid_one(env, tmp_path) as (outer, bot):
        _wait_for_python(bot)
        # Importing the command line alone takes most of a second: a SIGTERM now used to be
        # dropped by the kernel, and `docker stop` then waited for its SIGKILL.
        time.sleep(0.3)
        assert _caught(bot) & SIGTERM_BIT, "no SIGTERM handler 0.3 s into the start"
        exited = _stopped(outer, bot)
    assert exited.returncode in (0, 143), exited.stderr[-2000:]
    assert "Traceback" not in exited.stderr


@needs_pid_namespace
def test_sigterm_while_reading_the_corpus_stops_pid_1_cleanly(tmp_path: Path) -> None:
    env = flashback_process.bot_env(tmp_path / "data")
    with pid_one(env, tmp_path) as (outer, bot):
        assert outer.stderr is not None
        for line in outer.stderr:  # the start-up log, line by line
            if "corpus: reading" in line:
                break
        exited = _stopped(outer, bot)
    assert exited.returncode == 0, exited.stderr[-2000:]
    assert "stopped while starting" in exited.stderr and "Traceback" not in exited.stderr


@needs_pid_namespace
def test_sigterm_stops_a_running_pid_1_cleanly(tmp_path: Path) -> None:
    from bot.ops.health import evaluate, heartbeat_path

    env = flashback_process.bot_env(tmp_path / "data")
    with pid_one(env, tmp_path) as (outer, bot):
        beat = heartbeat_path(tmp_path / "data")
        flashback_process.wait_until_healthy(outer, lambda: evaluate(beat, 60).healthy)
        exited = _stopped(outer, bot)
    assert exited.returncode == 0, exited.stderr[-2000:]
    assert "shutdown complete" in exited.stderr.splitlines()[-1]


def _run_until_exit(env: dict[str, str], cwd: Path) -> flashback_process.Exited:
    return flashback_process.run_to_end([sys.executable, "-m", "bot", "run"], env, cwd)


def test_an_unreachable_database_is_one_json_line_with_the_fix(tmp_path: Path) -> None:
    password = "Sekr3t-horse-staple"
    env = flashback_process.bot_env(
        tmp_path / "data",
        FLASHBACK_DATABASE_URL=f"postgresql+asyncpg://flashback:{password}@127.0.0.1:1/fb",
        FLASHBACK_LOG_JSON="true",
    )
    exited = _run_until_exit(env, tmp_path)
    assert exited.returncode == 1
    records = [json.loads(line) for line in exited.stderr.splitlines()]  # every line JSON
    last = records[-1]
    assert last["level"] == "CRITICAL"
    assert "cannot use postgresql+asyncpg://flashback:" in last["message"]
    assert "@127.0.0.1:1/fb: " in last["message"] and "Connect call failed" in last["message"]
    assert "FLASHBACK_DATABASE_URL" in last["fix"]
    assert password not in exited.stderr and "Traceback" not in exited.stderr
    assert len(records) < 10  # the corpus lines, then the reason; no 550-line traceback


def test_an_unknown_database_driver_is_one_plain_line(tmp_path: Path) -> None:
    env = flashback_process.bot_env(
        tmp_path / "data", FLASHBACK_DATABASE_URL="foo+bar://bot:Zq9-pw@db/fb"
    )
    exited = _run_until_exit(env, tmp_path)
    assert exited.returncode == 1
    last = exited.stderr.splitlines()[-1]
    assert " CRITICAL bot: cannot run:" in last and "unknown database driver: foo+bar" in last
    assert "fix=" in last and "Zq9" not in exited.stderr and "Traceback" not in exited.stderr


def test_a_discord_gateway_that_stays_down_exits_non_zero(tmp_path: Path) -> None:
    import asyncio

    from tests.fakes.discord_api import FakeDiscordAPI
    from tests.support.discord_bot import TOKEN

    async def scenario() -> flashback_process.Exited:
        async with FakeDiscordAPI() as fake:
            fake.gateway_refusals = 10_000  # a 503 at every handshake, as in an outage
            env = flashback_process.bot_env(
                tmp_path / "data",
                FLASHBACK_DISCORD_TOKEN=TOKEN,
                FLASHBACK_DISCORD_API_URL=fake.base,
                FLASHBACK_DISCORD_GATEWAY_URL=fake.gateway_url,
                FLASHBACK_CONNECT_TIMEOUT_SECONDS="5",
            )
            exited = await asyncio.to_thread(_run_until_exit, env, tmp_path)
            assert fake.gateway_handshakes >= 2  # retried before giving up
            return exited

    exited = asyncio.run(scenario())
    assert exited.returncode == 1  # so a restart policy starts it again
    last = exited.stderr.splitlines()[-1]
    assert "cannot run:" in last and "discord" in last.lower() and " 5 s" in last
    assert "shutdown complete" in exited.stderr
