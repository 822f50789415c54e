"""What `flashback doctor` reports: one finding per thing checked, in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["ok", "warn", "fail"]


@dataclass(frozen=True, slots=True)
class Finding:
    """The outcome of one check: what was checked, what was found, and how to fix it."""

    check: str
    status: Status
    message: str
    fix: str = ""


def ok(check: str, message: str) -> Finding:
    """A check that passed."""
    return Finding(check, "ok", message)


def warn(check: str, message: str, fix: str = "") -> Finding:
    """Something the bot survives but the operator should know about."""
    return Finding(check, "warn", message, fix)


def fail(check: str, message: str, fix: str = "") -> Finding:
    """Something that stops the bot from doing its job."""
    return Finding(check, "fail", message, fix)
