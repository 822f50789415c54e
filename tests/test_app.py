"""The whole bot built from Settings (App), and `flashback db upgrade`, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from typer.testing import CliRunner

from bot.adapters.memory import InMemoryAdapter
from bot.app import App
from bot.cli import app as cli
from bot.ports import ChannelRef
from bot.store.database import head_revision
from tests.support.databases import Database


async def test_app_opens_serves_and_closes(database: Database) -> None:
    adapter = InMemoryAdapter()
    settings = database.settings(replica_id="app-test")
    app = await App.open(settings, adapters=[adapter])
    try:
        assert app.corpus.reports  # the shipped corpus
        channel = ChannelRef("memory", "W", "C")
        sub = await app.service.subscribe(channel, actor="U", weekday="wed", timezone="UTC")
        await app.start()
        assert app.scheduler.apscheduler.get_job(f"digest:{channel.key}") is not None
        outcome = await app.service.send_now(channel)
        assert outcome.status == "sent" and adapter.posts_to(channel)
        assert (await app.service.status(channel)).last_delivery is not None
        preview = await app.service.preview(channel, datetime.now(UTC) + timedelta(weeks=1))
        assert not set(preview.paper_ids) & set(outcome.paper_ids)  # no repeats next week
        assert sub.created_by == "U"
    finally:
        await app.close()
    assert not app.scheduler.apscheduler.running


def test_db_upgrade_command(database: Database) -> None:
    runner = CliRunner()
    env = database.env()
    result = runner.invoke(cli, ["db", "upgrade"], env=env)
    assert result.exit_code == 0, result.output
    assert f"revision {head_revision()}" in result.output
    assert "password" not in result.output
    current = runner.invoke(cli, ["db", "current"], env=env)
    assert current.exit_code == 0 and "current: 0002  head: 0002" in current.output


def test_db_upgrade_defaults_to_sqlite_in_the_data_dir(tmp_path: object) -> None:
    result = CliRunner().invoke(cli, ["db", "upgrade"], env={"FLASHBACK_DATA_DIR": "state"})
    assert result.exit_code == 0, result.output
    assert "state/flashback.db" in result.output


async def test_reports_dropped_into_the_corpus_are_picked_up(database: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    corpus_dir = tmp_path / "reports"
    corpus_dir.mkdir()
    (corpus_dir / "icml.md").write_text(
        "# ICML 2018 notes\n\nThe [Obfuscated Gradients Give a False Sense of Security]"
        "(https://arxiv.org/abs/1802.00420) paper won a best paper award.\n",
        "utf-8",
    )
    app = await App.open(database.settings(corpus_dir=corpus_dir, corpus_reload_seconds=60))
    try:
        await app.start()
        assert app.scheduler.apscheduler.get_job("corpus-watch") is not None
        assert not await app.reload_corpus_if_changed()  # nothing changed yet
        assert not (await app.service.paper("neural ordinary differential equations")).results

        (corpus_dir / "neurips.md").write_text(
            "# NeurIPS 2018 notes\n\n[Neural Ordinary Differential Equations]"
            "(https://arxiv.org/abs/1806.07366) won a best paper award at NeurIPS 2018.\n",
            "utf-8",
        )
        assert await app.reload_corpus_if_changed()
        answer = await app.service.paper("neural ordinary differential equations")
        assert answer.results[0].paper.arxiv == "1806.07366"
        assert app.service.corpus is app.corpus and len(app.corpus.reports) == 2

        (corpus_dir / "icml.md").unlink()
        assert await app.reload_corpus_if_changed()
        assert [r.id for r in app.corpus.reports] == ["neurips.md"]
    finally:
        await app.close()
