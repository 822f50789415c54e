"""/paper answers on every platform: works as before, a passage about no work as "What the
reports said about …" with its report and conference, through the real templates."""

from __future__ import annotations

import json

import pytest

from bot.calendar import load_calendar
from bot.chat.paper import handle_paper, share_paper
from bot.chat.render import render_reply
from bot.chat.replies import PaperView, Reply
from bot.digest.render import make_environment
from bot.lookup import LookupIndex
from bot.service import Service
from bot.store import Store
from tests.lookup.test_index import toy_corpus
from tests.support.databases import Database

ENV = make_environment(None)


@pytest.fixture(scope="module")
def index() -> LookupIndex:
    return LookupIndex.build(toy_corpus())


def _reply(index: LookupIndex, query: str, shared_by: str | None = None) -> Reply:
    return Reply("paper", PaperView(index.answer(query), shared_by=shared_by))


@pytest.mark.parametrize("shared_by", [None, "U123"])
def test_slack_shows_a_passage_with_its_report_and_conference(
    index: LookupIndex, shared_by: str | None
) -> None:
    payload = render_reply(_reply(index, "crowded poster session coffee", shared_by), "slack", ENV)
    text = json.dumps(payload["blocks"])
    assert "What the reports said about" in text
    assert "The poster session was crowded" in text
    assert "ICML 2019 trip report, ICML 2019" in text
    assert len(payload["blocks"]) <= 50


def test_slack_work_results_are_unchanged(index: LookupIndex) -> None:
    payload = render_reply(_reply(index, "wgan"), "slack", ENV)
    text = json.dumps(payload["blocks"])
    assert "https://arxiv.org/abs/1701.07875|Wasserstein GAN" in text
    assert "What the reports said" not in text


def test_discord_titles_a_passage_and_gives_it_no_link(index: LookupIndex) -> None:
    payload = render_reply(_reply(index, "crowded poster session coffee"), "discord", ENV)
    (embed,) = payload["embeds"]
    assert embed["title"].startswith("1. What the reports said about “crowded poster")
    assert "url" not in embed
    assert "ICML 2019" in embed["description"]
    assert len(embed["description"]) <= 4096


def test_console_text_shows_a_passage_and_a_work_side_by_side(index: LookupIndex) -> None:
    text = render_reply(_reply(index, "crowded poster session coffee"), "text", ENV)
    assert 'What the reports said about "crowded poster session coffee"' in text
    assert "(ICML 2019 trip report, ICML 2019)" in text
    text = render_reply(_reply(index, "wgan"), "text", ENV)
    assert "1. Wasserstein GAN" in text


async def test_a_passage_result_can_be_shared(store: Store, database: Database) -> None:
    corpus = toy_corpus()
    service = Service(
        settings=database.settings(),
        store=store,
        corpus=corpus,
        calendar=load_calendar(),
        lookup=LookupIndex.build(corpus),
    )
    query = "crowded poster session coffee"
    private = await handle_paper(service, query)
    assert isinstance(private.view, PaperView) and private.ephemeral
    (result,) = private.view.answer.results
    shared = await share_paper(service, query, result.paper.id, "U123")
    assert not shared.ephemeral and isinstance(shared.view, PaperView)
    assert [r.paper.id for r in shared.view.answer.results] == [result.paper.id]
    text = render_reply(shared, "text", ENV)
    assert "Shared from /paper crowded poster session coffee" in text
    assert "What the reports said about" in text
