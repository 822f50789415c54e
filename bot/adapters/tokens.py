"""What every platform's token checks share: reading a secret, and the padding mistake.

Each platform checks its own tokens (``bot/adapters/<platform>/tokens.py``): their shape
without a network, and (``flashback doctor --online``) whether the platform accepts them.
"""

from __future__ import annotations

from pydantic import SecretStr

from bot.ops.findings import Finding, fail


def secret_value(secret: SecretStr | None) -> str | None:
    """The secret's text, or None when it is not set."""
    return secret.get_secret_value() if secret is not None else None


def padding_problem(name: str, value: str) -> Finding | None:
    """The finding for a value pasted with spaces or quotes around it; None when clean."""
    if value != value.strip() or value[:1] in "\"'":
        return fail(
            "tokens",
            f"{name} has spaces or quotes around it",
            f"remove them: write {name}=value in .env, without quotes",
        )
    return None
