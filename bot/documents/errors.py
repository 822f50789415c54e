"""The one error a reader raises for a file that is not a report it can read."""

from __future__ import annotations


class UnreadableReport(Exception):
    """A file that is not a readable report; the message says why in plain words."""
