"""The last word of a bot that cannot start: one log line with the reason and the fix.

Through the configured logging, so it is a JSON object when FLASHBACK_LOG_JSON=true, and it
passes the secret filter like every other line. The traceback is logged only at DEBUG: a
person needs the reason and what to do (as `flashback doctor` says it), not 500 lines.
"""

from __future__ import annotations

import logging

log = logging.getLogger("bot")

UNEXPECTED_FIX = (
    "run `flashback doctor`; FLASHBACK_LOG_LEVEL=DEBUG logs the traceback of this error"
)


def report_fatal(message: str, fix: str = "") -> None:
    """Log why the bot stops, and what to do about it, on one line."""
    log.critical("cannot run: %s", message, extra={"fix": fix} if fix else None)


def report_unexpected(exc: BaseException) -> None:
    """An error nobody explained: its type and first line, the traceback only at DEBUG."""
    log.debug("start-up failed", exc_info=exc)
    text = str(exc).strip().splitlines()
    report_fatal(f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__, UNEXPECTED_FIX)
