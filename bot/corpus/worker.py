"""Reading report files in a child process, each file within a time and memory budget.

Parsing runs off the serving process's event loop and GIL: a regular expression or a parser
that runs long holds the GIL of the process it runs in, so a thread is not enough. The child
is started once (spawned, so it shares no locks with the parent's threads) and reads one file
at a time; a file that overruns its time budget gets the child killed and restarted, and is
skipped with the reason. The child's memory is capped (RLIMIT_DATA): a file that needs more
fails with MemoryError in the child, or kills it, and is skipped and named either way.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import resource
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from bot.corpus.serial import report_from_dict, report_to_dict
from bot.models import Report

log = logging.getLogger(__name__)

# Time for the child to start (imports) and to hand a result back, on top of the budget.
_START_SECONDS = 30.0
_SLACK_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """What one file may cost: bytes on disk, seconds, and megabytes of memory."""

    max_bytes: int = 5_000_000
    seconds: float = 10.0
    memory_mb: int = 1024


class IngestWorker:
    """A child process that turns report files into Reports (or skip reasons)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._memory_mb = 0

    def read(self, path: Path, report_id: str, limits: ReadLimits) -> Report | str:
        """The Report for a file, or the reason it was skipped."""
        with self._lock:
            conn = self._ensure(limits.memory_mb)
            try:
                conn.send((str(path), report_id, limits.max_bytes, limits.seconds))
                waited = conn.poll(limits.seconds + _SLACK_SECONDS)
            except (BrokenPipeError, EOFError, OSError):
                return self._crashed(limits)
            if not waited:
                self._stop()
                return (
                    f"reading took longer than {limits.seconds:g} s "
                    "(FLASHBACK_INGEST_TIMEOUT_SECONDS); skipped"
                )
            try:
                kind, payload = conn.recv()
            except (EOFError, OSError):
                return self._crashed(limits)
        return report_from_dict(payload) if kind == "report" else str(payload)

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _ensure(self, memory_mb: int) -> Connection:
        alive = self._process is not None and self._process.is_alive()
        if not alive or self._conn is None or memory_mb != self._memory_mb:
            self._stop()
            context = multiprocessing.get_context("spawn")
            parent, child = context.Pipe()
            process = context.Process(
                target=_serve, args=(child, memory_mb), name="flashback-ingest", daemon=True
            )
            process.start()
            child.close()
            if not parent.poll(_START_SECONDS):
                process.kill()
                raise RuntimeError("the ingestion worker did not start")
            parent.recv()  # "ready"
            self._process, self._conn, self._memory_mb = process, parent, memory_mb
        assert self._conn is not None
        return self._conn

    def _crashed(self, limits: ReadLimits) -> str:
        code = self._process.exitcode if self._process is not None else None
        self._stop()
        return (
            f"the reader stopped (exit code {code}) while reading it: probably more than "
            f"{limits.memory_mb} MB of memory (FLASHBACK_INGEST_MEMORY_MB); skipped"
        )

    def _stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join(5)
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn = None, None


def _serve(conn: Connection, memory_mb: int) -> None:
    """The child's loop: read files as the parent asks, answer with dicts (never raise)."""
    from bot.calendar import load_calendar
    from bot.corpus.loader import read_report
    from bot.documents import UnreadableReport

    _cap_memory(memory_mb)
    calendar = load_calendar()
    conn.send("ready")
    while True:
        try:
            path, report_id, max_bytes, seconds = conn.recv()
        except (EOFError, OSError):
            return
        answer: tuple[str, Any]
        try:
            report = read_report(Path(path), report_id, max_bytes, calendar, seconds, memory_mb)
            answer = ("report", report_to_dict(report))
        except UnreadableReport as exc:
            answer = ("skipped", str(exc))
        except MemoryError:
            answer = ("skipped", f"needs more than {memory_mb} MB of memory to read; skipped")
        except RecursionError:
            answer = ("skipped", "nested too deeply to read; skipped")
        except Exception as exc:  # a reader bug is one file's problem
            answer = ("skipped", f"could not be parsed ({type(exc).__name__}: {exc})")
        conn.send(answer)


def _cap_memory(memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (ValueError, OSError) as exc:  # not permitted here: the time budget still holds
        log.debug("cannot cap the ingestion worker's memory: %s", exc)


_shared: IngestWorker | None = None
_shared_lock = threading.Lock()


def shared_worker() -> IngestWorker:
    """The process's one ingestion worker, started on first use and stopped at exit."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = IngestWorker()
            atexit.register(_shared.close)
        return _shared


def elapsed(started: float) -> float:
    return time.monotonic() - started
