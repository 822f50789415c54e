"""Platform profiles: what rendering needs to know about a platform, registered by its adapter.

A profile names the platform's templates (``templates/<name>/<template>.<suffix>``), the Jinja
filter that escapes plain text for its markup, and how a rendered payload is fitted into the
platform's limits and checked against them. Plain text and HTML are built in; the chat
platforms register theirs from ``bot/adapters/``, which the registry imports by name on first
use, so rendering needs no platform list of its own and adding a platform touches only
``adapters/`` and ``templates/``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from bot.digest.safety import defuse, find_pings

# The package whose import registers the chat platforms (see bot/adapters/__init__.py).
ADAPTERS_PACKAGE = "bot.adapters"


@dataclass(frozen=True)
class PlatformProfile:
    """How digests and replies are rendered, fitted and checked for one platform."""

    name: str  # "slack": the template folder and the name commands and settings use
    suffix: str  # "json.j2": JSON templates' output is parsed before it is fitted
    escape: Callable[[str], str]  # plain text -> safe text in the platform's markup
    fit: Callable[[Any], Any]  # a rendered payload -> the same trimmed into every limit
    validate: Callable[[Any], list[str]]  # what in a payload breaks a limit or could ping
    escape_filter: str | None = None  # the Jinja filter name templates escape with ("mrkdwn")

    @property
    def structured(self) -> bool:
        """Whether the templates write JSON (a payload) rather than text."""
        return self.suffix.startswith("json.")


def _text_pings(output: str) -> list[str]:
    return [f"ping survives: {ping!r}" for ping in find_pings(output)]


TEXT = PlatformProfile("text", "txt.j2", escape=defuse, fit=defuse, validate=_text_pings)
# HTML templates are autoescaped and their context is already defused; the page is kept whole.
HTML = PlatformProfile(
    "html", "html.j2", escape=defuse, fit=lambda page: page, validate=lambda _: []
)
_BUILT_IN = {profile.name: profile for profile in (TEXT, HTML)}
_registered: dict[str, PlatformProfile] = {}


def register(profile: PlatformProfile) -> PlatformProfile:
    """Make ``profile`` known to rendering (a chat platform's adapter calls this)."""
    if profile.name in _BUILT_IN:
        raise ValueError(f"{profile.name!r} is built in")
    _registered[profile.name] = profile
    return profile


def unregister(name: str) -> None:
    """Forget a registered platform (tests that register a platform of their own)."""
    _registered.pop(name, None)


def _load_adapters() -> None:
    importlib.import_module(ADAPTERS_PACKAGE)


def platform_names() -> tuple[str, ...]:
    """Every platform a digest can be rendered for: the chat platforms, then text and html."""
    _load_adapters()
    return (*_registered, *_BUILT_IN)


def get_profile(name: str) -> PlatformProfile | None:
    """The profile of ``name``, or None when no platform of that name is registered."""
    _load_adapters()
    return _registered.get(name) or _BUILT_IN.get(name)


def profile(name: str) -> PlatformProfile:
    """The profile of ``name``; ValueError naming the known platforms otherwise."""
    found = get_profile(name)
    if found is None:
        raise ValueError(f"unknown platform {name!r}; use one of {', '.join(platform_names())}")
    return found


def all_profiles() -> list[PlatformProfile]:
    """Every profile, in ``platform_names`` order."""
    return [profile(name) for name in platform_names()]


class _PlatformNames(Sequence[str]):
    """The platform names, read at each use: a platform registered later is listed too."""

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return platform_names()[index]

    def __len__(self) -> int:
        return len(platform_names())

    def __iter__(self) -> Iterator[str]:
        return iter(platform_names())

    def __repr__(self) -> str:
        return repr(platform_names())


PLATFORMS: Sequence[str] = _PlatformNames()
