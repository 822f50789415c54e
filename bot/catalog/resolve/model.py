"""What metadata resolution works with: the reference it looks up, and what a service says.

A ``WorkRef`` is what the catalog knows of an entry, enough to look it up: its arXiv id, a
DOI, its title and authors, under a stable ``key`` ("arxiv:1803.03635", "doi:10.1145/...",
"title:lottery ticket hypothesis"). The key is what the cache and the exported file are keyed
by. A ``WorkMetadata`` is one service's description of the work, validated on the way in,
whether it comes from the network, the database or a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

MAX_TITLE = 500
MAX_ABSTRACT = 20_000
MAX_AUTHORS = 200


class ServiceError(Exception):
    """A lookup that failed (timeout, refusal, a malformed answer): not cached, tried later.

    The message never holds a URL (an API key may ride in its query string).
    """


class Unavailable(ServiceError):
    """The service says not now (a Retry-After longer than we wait): stop asking it."""


@dataclass(frozen=True, slots=True)
class WorkRef:
    """What we know of a catalog entry to look it up by."""

    key: str
    title: str | None = None
    arxiv: str | None = None
    doi: str | None = None
    authors: tuple[str, ...] = ()
    # The latest year a report discusses the work: a work published later is another work.
    latest_year: int | None = None


def first_error(exc: ValidationError) -> str:
    """The first thing wrong in a validation error, in a few words (never the input)."""
    error = exc.errors(include_input=False, include_url=False)[0]
    where = ".".join(str(part) for part in error["loc"]) or "value"
    return f"{where}: {error['msg']}"


def _clean(text: str) -> str:
    """One line, single spaces (arXiv titles and abstracts carry hard line breaks)."""
    return " ".join(text.split())


class WorkMetadata(BaseModel):
    """What a service (or the exported file) says about one work."""

    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=MAX_TITLE)
    authors: tuple[str, ...] = Field(default=(), max_length=MAX_AUTHORS)
    year: int | None = Field(default=None, ge=1900, le=2200)
    venue: str | None = Field(default=None, max_length=300)
    abstract: str | None = Field(default=None, max_length=MAX_ABSTRACT)
    url: str | None = Field(default=None, max_length=2000)
    arxiv: str | None = Field(default=None, max_length=40)
    source: str = Field(default="file", max_length=40)

    @field_validator("title", mode="after")
    @classmethod
    def _title_line(cls, value: str) -> str:
        return _clean(value)

    @field_validator("venue", "abstract", mode="after")
    @classmethod
    def _text_line(cls, value: str | None) -> str | None:
        return (_clean(value) or None) if value else None

    @field_validator("authors", mode="after")
    @classmethod
    def _names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        names = [_clean(name) for name in value]
        return tuple(dict.fromkeys(name for name in names if name and len(name) <= 200))

    @field_validator("url", mode="after")
    @classmethod
    def _web_url(cls, value: str | None) -> str | None:
        return value if value and value.startswith(("https://", "http://")) else None

    def as_json(self) -> dict[str, Any]:
        """The record as the cache table and the exported file keep it."""
        return self.model_dump(mode="json")


@dataclass(slots=True)
class Fetched:
    """One answer about many refs: what it describes, and refs whose part was unusable."""

    found: dict[str, WorkMetadata] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)  # ref key -> why

    def add(self, key: str, answer: WorkMetadata | str) -> None:
        """Record the answer about ``key``: metadata, or why the service's record is unusable."""
        if isinstance(answer, WorkMetadata):
            self.found[key] = answer
        else:
            self.failed[key] = answer


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one lookup came to: metadata, known unknown (None), or a failure to retry later."""

    ref: WorkRef
    metadata: WorkMetadata | None = None
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None


class Resolver(Protocol):
    """One metadata service: fetch works by id in batches, or find candidates by title."""

    name: str
    # How many refs one ``by_ids`` call may take.
    id_batch: int

    def can_fetch(self, ref: WorkRef) -> bool:
        """True when the service can look ``ref`` up by an id it has."""
        ...

    async def by_ids(self, refs: Sequence[WorkRef]) -> Fetched:
        """What the service knows of ``refs`` (by ref key; a ref in neither map is unknown
        to it); raises ServiceError when the whole answer is unusable."""
        ...

    async def by_title(self, ref: WorkRef) -> list[WorkMetadata]:
        """The service's best candidates for ``ref.title`` (the caller picks strictly)."""
        ...
