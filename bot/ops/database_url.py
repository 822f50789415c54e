"""A database URL as people may write it: shown without any part of a secret, checked for
the mistakes that make a driver misread it.

A password with an unescaped ``@`` is the common one: the URL parser then takes the text after
the first ``@`` for the host, so the rest of the password would be shown (and dialled) as a
host name. Everything here works on the raw text and never parses the password itself.
"""

from __future__ import annotations

HIDDEN = "***"
_ESCAPES = "write it percent-encoded: @ as %40, : as %3A, / as %2F, # as %23, ? as %3F"


def _split(raw: str) -> tuple[str, str, str] | None:
    """(scheme, user information, the rest after the last '@'), or None without '@'."""
    scheme, sep, rest = raw.partition("://")
    if not sep:
        return None
    userinfo, at, hosts = rest.rpartition("@")
    if not at:
        return None
    return scheme, userinfo, hosts


def display_url(raw: str) -> str:
    """The URL with its whole password replaced by ***, however the password is written."""
    parts = _split(raw)
    if parts is None:
        return raw if "://" in raw else "(not a URL)"
    scheme, userinfo, hosts = parts
    user, colon, _ = userinfo.partition(":")
    if "@" in user:  # an unescaped '@' before any ':': the user part cannot be told apart
        user = HIDDEN
    return f"{scheme}://{user}{':' + HIDDEN if colon else ''}@{hosts}"


def url_problem(raw: str) -> str | None:
    """What makes the URL's user or password unreadable to a driver; None when fine."""
    parts = _split(raw)
    if parts is None:
        return None
    _, userinfo, _ = parts
    if "@" in userinfo:
        return f"the user name or password contains an unescaped @; {_ESCAPES}"
    _, _, password = userinfo.partition(":")
    if any(ch in password for ch in "/#?"):
        return f"the password contains / # or ?; {_ESCAPES}"
    return None
