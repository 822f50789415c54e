"""What the metadata tests share: settings pointing a service at the fake, and a run."""

from __future__ import annotations

from typing import Any

from bot.catalog.resolve.configured import open_resolver
from bot.catalog.resolve.model import Outcome, WorkRef
from bot.catalog.resolve.run import Tally, resolve_works
from bot.settings import Settings
from tests.fakes.scholar_api import ARXIV_PATH, S2_PATH, FakeScholarAPI

SERVICES = ("arxiv", "openalex", "semanticscholar")
_PATHS = {"arxiv": ARXIV_PATH, "openalex": "", "semanticscholar": S2_PATH}


def fake_settings(fake: FakeScholarAPI, service: str, **overrides: Any) -> Settings:
    """Settings that send ``service``'s requests to the fake, quickly."""
    values: dict[str, Any] = {
        "metadata": service,
        "metadata_api_url": fake.url + _PATHS[service],
        "metadata_interval_seconds": 0,
        "metadata_backoff_seconds": 0.01,
        "metadata_timeout_seconds": 2,
    }
    values.update(overrides)
    return Settings(**values)


async def run(settings: Settings, refs: list[WorkRef]) -> tuple[Tally, dict[str, Outcome]]:
    """Resolve ``refs`` with the settings' service; the tally and each ref's outcome."""
    outcomes: dict[str, Outcome] = {}

    async def sink(batch: list[Outcome]) -> None:
        outcomes.update((o.ref.key, o) for o in batch)

    async with open_resolver(settings, settings.metadata) as resolver:
        tally = await resolve_works(resolver, refs, sink)
    return tally, outcomes


def by_arxiv(arxiv: str, title: str | None = None, **more: Any) -> WorkRef:
    return WorkRef(f"arxiv:{arxiv}", title=title, arxiv=arxiv, **more)


def by_title(title: str, **more: Any) -> WorkRef:
    return WorkRef(f"title:{title.casefold()}", title=title, **more)
