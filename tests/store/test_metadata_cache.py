"""The metadata cache table on SQLite and PostgreSQL: many records in, many out, expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from bot.catalog.resolve import Outcome, WorkMetadata, WorkRef
from bot.catalog.resolve.cache import Known, cached_works, load_known
from bot.store import CachedWork, Store
from tests.support.databases import Database

NOW = datetime(2026, 5, 6, 12, 0, tzinfo=UTC)
LTH = WorkMetadata(
    title="The Lottery Ticket Hypothesis", authors=("Jonathan Frankle",), source="arxiv"
)


async def test_records_go_in_and_come_out_by_service_and_key(store: Store) -> None:
    works = [
        CachedWork("arxiv", f"arxiv:{n}", {"title": f"Paper {n}", "authors": ["Ü. Name"]}, NOW)
        for n in range(1200)  # more than one statement's worth of parameters
    ]
    await store.put_cached_works(works)
    await store.put_cached_works(
        [CachedWork("openalex", "arxiv:1", None, NOW, NOW + timedelta(days=1))]
    )
    everything = await store.cached_works("arxiv", NOW)
    assert len(everything) == 1200
    some = await store.cached_works("arxiv", NOW, keys=[f"arxiv:{n}" for n in range(0, 1200, 2)])
    assert len(some) == 600 and some[0].record and some[0].record["authors"] == ["Ü. Name"]
    [other] = await store.cached_works("openalex", NOW)
    assert other.record is None and other.expires_at == NOW + timedelta(days=1)
    assert other.fetched_at == NOW


async def test_a_new_answer_replaces_the_old_and_not_found_expires(store: Store) -> None:
    key = "title:lottery ticket hypothesis"
    await store.put_cached_works([CachedWork("arxiv", key, None, NOW, NOW + timedelta(days=30))])
    assert len(await store.cached_works("arxiv", NOW + timedelta(days=29))) == 1
    assert await store.cached_works("arxiv", NOW + timedelta(days=31)) == []
    later = NOW + timedelta(days=31)
    await store.put_cached_works([CachedWork("arxiv", key, LTH.as_json(), later)])
    [found] = await store.cached_works("arxiv", later + timedelta(days=3650))
    assert found.record == LTH.as_json() and found.expires_at is None and found.fetched_at == later


async def test_outcomes_round_trip_through_the_cache(store: Store) -> None:
    outcomes = [
        Outcome(WorkRef("arxiv:1803.03635", arxiv="1803.03635"), LTH),
        Outcome(WorkRef("arxiv:9999.99999", arxiv="9999.99999")),
        Outcome(WorkRef("arxiv:1111.11111", arxiv="1111.11111"), error="timed out"),
    ]
    rows = cached_works(outcomes, "arxiv", NOW, timedelta(days=30))
    assert [r.key for r in rows] == ["arxiv:1803.03635", "arxiv:9999.99999"]  # failures aren't
    await store.put_cached_works(rows)
    known = await load_known(store, "arxiv", NOW)
    assert known.records == {"arxiv:1803.03635": LTH} and known.missing == {"arxiv:9999.99999"}
    assert known.keys == {"arxiv:1803.03635", "arxiv:9999.99999"}
    assert await load_known(store, "arxiv", NOW + timedelta(days=31)) != known  # forgot the miss
    assert (await load_known(store, "openalex", NOW)) == Known()


async def test_a_record_gone_bad_is_asked_again_not_fatal(database: Database) -> None:
    store = await database.open_store()
    try:
        await store.put_cached_works([CachedWork("arxiv", "arxiv:1", {"title": ""}, NOW)])
        await store.put_cached_works([CachedWork("arxiv", "arxiv:2", LTH.as_json(), NOW)])
        async with store.engine.begin() as connection:
            await connection.execute(
                text("UPDATE work_metadata SET record = '[1, 2]' WHERE key = 'arxiv:2'")
            )
        known = await load_known(store, "arxiv", NOW)
        assert known.records == {} and known.keys == set()
    finally:
        await store.close()
