"""Signals from a process's first moment: a bot that runs as PID 1 must handle SIGTERM itself.

The kernel delivers no signal to a PID namespace's init (a container's PID 1) unless it has a
handler for it: a SIGTERM that arrives before the bot installs one is silently dropped, and
`docker stop` then waits out its grace period and kills the bot (exit 137). So the `flashback`
command installs ``exit_on_signals`` before it imports anything else; the running bot later
replaces it with the event loop's graceful stop (``bot/adapters/runtime.py``).
"""

from __future__ import annotations

import signal
import sys
from types import FrameType

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def _exit(signum: int, frame: FrameType | None) -> None:
    # Nothing is open yet that needs closing: leave at once, as the default action would.
    sys.exit(128 + signum)


def exit_on_signals() -> None:
    """Until the bot takes over, SIGTERM and SIGINT end the process (even as PID 1)."""
    for sig in STOP_SIGNALS:
        signal.signal(sig, _exit)
