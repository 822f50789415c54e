"""The running bot with FLASHBACK_METADATA: start-up never waits for the service, entries are
resolved in the background and swapped in, a service that is down changes nothing, and the
cache serves the next start without the network."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.app import App
from tests.catalog.resolve_kit import fake_settings
from tests.catalog.test_corpus_extras import REPORT
from tests.fakes.scholar_api import ARXIV_PATH, LTH, FakeScholarAPI
from tests.support.databases import Database


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "iclr-2019.md").write_text(REPORT, "utf-8")
    return folder


async def test_start_up_does_not_wait_and_the_enriched_corpus_is_swapped_in(
    database: Database, tmp_path: Path
) -> None:
    async with FakeScholarAPI() as fake:
        gate = fake.hold(ARXIV_PATH)
        settings = fake_settings(fake, "arxiv").model_copy(
            update={
                "corpus_dir": _corpus(tmp_path),
                "database_url": database.url,
                "database_schema": database.schema,
            }
        )
        app = await App.open(settings)
        try:
            await app.start()  # returns while the service holds its first answer
            before = app.service.corpus
            assert before.paper("arxiv:1803.03635").title == "Lottery Ticket Hypothesis"
            assert (await app.service.paper("lottery ticket")).results
            gate.set()
            await app.metadata_settled()
            after = app.service.corpus
            assert after is not before and after is app.corpus
            lth = after.paper("arxiv:1803.03635")
            assert lth.title == LTH.title and lth.abstract == LTH.abstract
            assert "Lottery Ticket Hypothesis" in lth.aliases
            answer = await app.service.paper("lottery ticket hypothesis finding sparse")
            assert answer.results[0].paper.id == "arxiv:1803.03635"
            asked = len(fake.calls_to(ARXIV_PATH))
        finally:
            await app.close()

        # The next start applies the cache before it serves, and asks nothing it knows.
        again = await App.open(settings)
        try:
            assert again.corpus.paper("arxiv:1803.03635").title == LTH.title
            await again.start()
            await again.metadata_settled()
            assert len(fake.calls_to(ARXIV_PATH)) == asked
        finally:
            await again.close()


@pytest.mark.parametrize("service", ["arxiv", "openalex", "semanticscholar"])
async def test_a_service_that_is_down_changes_nothing(
    service: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with FakeScholarAPI() as fake:
        settings = fake_settings(fake, service, metadata_attempts=2)
    settings = settings.model_copy(
        update={"corpus_dir": _corpus(tmp_path), "data_dir": tmp_path / "data"}
    )
    caplog.set_level(logging.INFO)
    app = await App.open(settings)
    try:
        await app.start()
        await app.metadata_settled()
        assert app.corpus.paper("arxiv:1803.03635").title == "Lottery Ticket Hypothesis"
        assert (await app.service.paper("lottery ticket")).results
        assert app.metadata.keys == set()  # failures are not cached: asked again next start
        assert "could not be reached" in caplog.text and "failed" in caplog.text
    finally:
        await app.close()


async def test_a_report_added_later_is_looked_up_after_the_reload(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.md").write_text(
        "# ICLR 2019 notes\n\nA talk on [this paper](https://arxiv.org/abs/1810.09536) about"
        " trees in recurrent networks.\n",
        "utf-8",
    )
    async with FakeScholarAPI() as fake:
        settings = fake_settings(fake, "arxiv").model_copy(
            update={"corpus_dir": folder, "data_dir": tmp_path / "data"}
        )
        app = await App.open(settings)
        try:
            await app.start()
            await app.metadata_settled()
            assert app.corpus.paper("arxiv:1810.09536").title.startswith("Ordered Neurons")
            (folder / "b.md").write_text(REPORT, "utf-8")
            assert await app.reload_corpus_if_changed()
            await app.metadata_settled()
            assert app.corpus.paper("arxiv:1803.03635").title == LTH.title
            assert app.corpus.paper("arxiv:1810.09536").title.startswith("Ordered Neurons")
        finally:
            await app.close()


async def test_closing_cancels_lookups_in_flight(tmp_path: Path) -> None:
    async with FakeScholarAPI() as fake:
        fake.hold(ARXIV_PATH)  # never answers
        settings = fake_settings(fake, "arxiv", metadata_timeout_seconds=30).model_copy(
            update={"corpus_dir": _corpus(tmp_path), "data_dir": tmp_path / "data"}
        )
        app = await App.open(settings)
        await app.start()
        await app.close()  # does not wait 30 s for the held request
        assert app._resolving is not None and app._resolving.done()
