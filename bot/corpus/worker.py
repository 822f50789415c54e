"""Reading report files in a child process, each file within a time and memory budget.

Parsing runs off the serving process's event loop and GIL: a regular expression or a parser
that runs long holds the GIL of the process it runs in, so a thread is not enough. The child
is a fresh interpreter (``python -m bot.corpus.worker``, so it shares nothing with the
parent's threads and needs nothing of its ``__main__``), started once and reading one file at
a time. A file that overruns its time budget gets the child's whole process group killed
(pandoc included) and the child restarted; the file is skipped with the reason. The child's
memory is capped (RLIMIT_DATA): a file that needs more fails with MemoryError in the child,
or kills it, and is skipped and named either way.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import pickle
import resource
import selectors
import signal
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from bot.catalog.found import Candidate
from bot.corpus.serial import read_from_dict, read_to_dict
from bot.models import Report

# What reading one file gives: the report, and the namings of works found in it.
Read = tuple[Report, list[Candidate]]

log = logging.getLogger(__name__)

# Time for the child to start (imports) and to hand a result back, on top of the budget.
_START_SECONDS = 60.0
_SLACK_SECONDS = 2.0
_HEADER = struct.Struct("!Q")


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """What one file may cost: bytes on disk, seconds, and megabytes of memory."""

    max_bytes: int = 5_000_000
    seconds: float = 10.0
    memory_mb: int = 1024


class _Timeout(Exception):
    pass


class IngestWorker:
    """A child process that turns report files into Reports (or skip reasons)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._memory_mb = 0

    def read(self, path: Path, report_id: str, limits: ReadLimits) -> Read | str:
        """The Report for a file and its namings, or the reason it was skipped."""
        with self._lock:
            try:
                process = self._ensure(limits.memory_mb)
            except OSError as exc:
                return f"could not be read: {exc}"
            try:
                assert process.stdin is not None and process.stdout is not None
                _send(process.stdin, (os.fsencode(path), report_id, limits))
                kind, payload = _receive(process.stdout, limits.seconds + _SLACK_SECONDS)
            except _Timeout:
                self._stop()
                return (
                    f"reading took longer than {limits.seconds:g} s "
                    "(FLASHBACK_INGEST_TIMEOUT_SECONDS); skipped"
                )
            except (BrokenPipeError, EOFError, OSError, pickle.UnpicklingError):
                return self._crashed(limits)
        return read_from_dict(payload) if kind == "report" else str(payload)

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs (for operators and tests)."""
        return self._process.pid if self._process and self._process.poll() is None else None

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _ensure(self, memory_mb: int) -> subprocess.Popen[bytes]:
        if (
            self._process is None
            or self._process.poll() is not None
            or memory_mb != self._memory_mb
        ):
            self._stop()
            self._process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                [sys.executable, "-m", "bot.corpus.worker", str(memory_mb)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                start_new_session=True,  # its own group: a timeout kills pandoc with it
            )
            self._memory_mb = memory_mb
            assert self._process.stdout is not None
            try:
                _receive(self._process.stdout, _START_SECONDS)  # "ready"
            except (_Timeout, EOFError, OSError) as exc:
                self._stop()
                raise OSError(f"the ingestion worker did not start ({exc})") from None
        return self._process

    def _crashed(self, limits: ReadLimits) -> str:
        code = self._process.poll() if self._process is not None else None
        self._stop()
        return (
            f"the reader stopped (exit code {code}) while reading it: probably more than "
            f"{limits.memory_mb} MB of memory (FLASHBACK_INGEST_MEMORY_MB); skipped"
        )

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(5)


def _send(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes], timeout: float) -> Any:
    """One message, or _Timeout when none arrives in time (the child is ours: pickle)."""
    deadline = time.monotonic() + timeout
    header = _read_exactly(stream, _HEADER.size, deadline)
    (size,) = _HEADER.unpack(header)
    return pickle.loads(_read_exactly(stream, size, deadline))  # noqa: S301 - our own child


def _read_exactly(stream: IO[bytes], size: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        while remaining:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(None if left == float("inf") else left):
                raise _Timeout
            chunk = os.read(stream.fileno(), min(remaining, 1 << 20))
            if not chunk:
                raise EOFError("the worker closed its output")
            chunks.append(chunk)
            remaining -= len(chunk)
    return b"".join(chunks)


def serve(memory_mb: int) -> None:
    """The child's loop: read files as the parent asks, answer with dicts (never raise)."""
    from bot.calendar import load_calendar
    from bot.corpus.loader import analyse_report, read_report
    from bot.documents import UnreadableReport

    _cap_memory(memory_mb)
    calendar = load_calendar()
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the answers
    _send(answers, "ready")
    while True:
        try:
            raw_path, report_id, limits = _receive(requests, float("inf"))
        except (EOFError, OSError):
            return
        answer: tuple[str, Any]
        try:
            report = read_report(
                Path(os.fsdecode(raw_path)),
                report_id,
                limits.max_bytes,
                calendar,
                limits.seconds,
                memory_mb,
            )
            answer = ("report", read_to_dict(report, analyse_report(report, calendar)))
        except UnreadableReport as exc:
            answer = ("skipped", str(exc))
        except MemoryError:
            answer = ("skipped", f"needs more than {memory_mb} MB of memory to read; skipped")
        except RecursionError:
            answer = ("skipped", "nested too deeply to read; skipped")
        except Exception as exc:  # a reader bug is one file's problem
            answer = ("skipped", f"could not be parsed ({type(exc).__name__}: {exc})")
        _send(answers, answer)


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


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 1024)
