"""Logging for the bot: one line per event, JSON when configured, secrets always redacted.

``configure_logging(settings)`` installs one handler on the root logger and a
``RedactingFilter`` that sees every record, from the bot and from every library (slack_sdk,
discord.py, SQLAlchemy, APScheduler): the values of every ``SecretStr`` setting, the password
of the database URL, and anything shaped like a Slack or Discord token or an Authorization
header are replaced by ``[redacted]``. The filter runs twice: when a record is created (the
log record factory, so even a handler some library adds for itself never sees a secret) and
on our handler (for ``extra=`` fields, which are attached after creation).
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TextIO
from urllib.parse import urlsplit

from pydantic import SecretStr

from bot.settings import Settings

REDACTED = "[redacted]"

# Shapes redacted even when the value is not one of this bot's settings: a token pasted into
# a command, a library's debug line of request headers, a webhook URL.
TOKEN_PATTERNS = (
    r"xox[a-z]-[A-Za-z0-9-]+",  # Slack bot (xoxb-), user (xoxp-) and other OAuth tokens
    r"xapp-[A-Za-z0-9-]+",  # Slack app-level token (Socket Mode)
    # Discord bot token: base64 user id, base64 timestamp, HMAC.
    r"[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}",
)
# Secrets recognised by what stands before them; the prefix (group 1) is kept.
CONTEXT_PATTERNS = (
    r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?(?:bearer\s+|bot\s+)?)[^\s'\",}]+",
    # The password in user:password@host, up to the last '@' (a password may hold an
    # unescaped one: a driver then misreads it, but no part of it may reach the log).
    r"(://[^/@\s:]+:)\S*(?=@)",
    r"(hooks\.slack\.com/services/)[A-Za-z0-9/]+",
)

# Secrets shorter than this are not redacted literally: replacing every "abc" in every line
# would hide more than it protects (real tokens and secrets are far longer).
_MIN_LITERAL = 8

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}


def secret_values(settings: Settings) -> list[str]:
    """Every secret the settings hold: SecretStr values and the database URL's password."""
    values = []
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            values.append(value.get_secret_value())
    if settings.database_url:
        password = urlsplit(settings.database_url).password
        if password:
            values.append(password)
    return [v for v in values if len(v) >= _MIN_LITERAL]


class RedactingFilter(logging.Filter):
    """Replaces secrets and token-shaped strings in a record's message, extras and traceback."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        literals = sorted({s for s in secrets if len(s) >= _MIN_LITERAL}, key=len, reverse=True)
        self._pattern = re.compile("|".join([*map(re.escape, literals), *TOKEN_PATTERNS]))
        self._context = [re.compile(pattern) for pattern in CONTEXT_PATTERNS]

    def redact(self, text: str) -> str:
        """The text with every secret replaced by [redacted]."""
        text = self._pattern.sub(REDACTED, text)
        for pattern in self._context:
            text = pattern.sub(rf"\g<1>{REDACTED}", text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place (it is then safe for every handler); never drop it."""
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not turn a log call into a crash
            message = f"{record.msg!s} {record.args!r}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        for key, value in _extras(record).items():
            if isinstance(value, str):
                setattr(record, key, self.redact(value))
            elif not isinstance(value, int | float | bool | None) and (
                (text := str(value)) != (clean := self.redact(text))
            ):
                setattr(record, key, clean)
        return True


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in vars(record).items() if k not in _STANDARD_ATTRS}


def _timestamp(record: logging.LogRecord) -> str:
    moment = datetime.fromtimestamp(record.created, tz=UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _one_line(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")


class TextFormatter(logging.Formatter):
    """`2026-05-04T09:00:00.123Z INFO bot.scheduler: posted digest channel=C1 week=2026-W19`."""

    def format(self, record: logging.LogRecord) -> str:
        """One line: time, level, logger, message, extras as key=value, escaped traceback."""
        parts = [_timestamp(record), record.levelname, f"{record.name}:", record.getMessage()]
        parts += [f"{key}={value}" for key, value in _extras(record).items()]
        if record.exc_text:
            parts.append(f"exc={record.exc_text}")
        if record.stack_info:
            parts.append(f"stack={record.stack_info}")
        return _one_line(" ".join(parts))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, message, extras, exc."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a compact JSON object (non-JSON extras become strings)."""
        payload: dict[str, Any] = {
            "ts": _timestamp(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        payload.update(_extras(record))
        if record.exc_text:
            payload["exc"] = record.exc_text
        if record.stack_info:
            payload["stack"] = record.stack_info
        return json.dumps(payload, default=str, ensure_ascii=False)


_original_factory = logging.getLogRecordFactory()


def install_record_redaction(redacting: RedactingFilter) -> None:
    """Redact every record as it is created, whichever handler later writes it."""

    def make_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = _original_factory(*args, **kwargs)
        redacting.filter(record)
        return record

    logging.setLogRecordFactory(make_record)


def build_handler(settings: Settings, stream: TextIO | None = None) -> logging.Handler:
    """A stream handler with the redacting filter and the configured format."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    redacting = RedactingFilter(secret_values(settings))
    handler.addFilter(redacting)
    install_record_redaction(redacting)
    handler.setFormatter(JsonFormatter() if settings.log_json else TextFormatter())
    handler.set_name("flashback")
    return handler


def configure_logging(settings: Settings, stream: TextIO | None = None) -> logging.Handler:
    """Route every logger through one redacting handler at the configured level.

    Safe to call again (tests, `flashback run` after `doctor`): the previous handler this
    function installed is replaced, other handlers are left alone.
    """
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "flashback"]:
        root.removeHandler(old)
    handler = build_handler(settings, stream)
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    # These log every statement / every parsing rule at DEBUG, drowning the bot's own lines.
    for chatty in ("aiosqlite", "markdown_it"):
        logging.getLogger(chatty).setLevel(max(logging.INFO, root.level))
    logging.captureWarnings(True)
    return handler
