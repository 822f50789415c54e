"""Each metadata service against a fake of its API on localhost, real HTTP: what it resolves,
what it refuses to attach, and how it behaves when the service misbehaves."""

from __future__ import annotations

import time

import pytest

from bot.catalog.resolve.configured import open_resolver
from tests.catalog.resolve_kit import SERVICES, by_arxiv, by_title, fake_settings, run
from tests.fakes.scholar_api import (
    ARXIV_PATH,
    LTH,
    ORDERED_NEURONS,
    FakeScholarAPI,
    Work,
    dumps,
)

# The path of each service's requests, for programming failures.
REQUESTS = {"arxiv": ARXIV_PATH, "openalex": "/works", "semanticscholar": "/graph/v1/paper"}


@pytest.mark.parametrize("service", SERVICES)
async def test_ids_resolve_to_the_canonical_record(service: str) -> None:
    async with FakeScholarAPI() as fake:
        refs = [by_arxiv("1803.03635", "Lottery Ticket Hypothesis"), by_arxiv("1810.09536")]
        tally, outcomes = await run(fake_settings(fake, service), refs)
    assert (tally.resolved, tally.not_found, tally.failed) == (2, 0, 0)
    lth = outcomes["arxiv:1803.03635"].metadata
    assert lth is not None and lth.title == LTH.title  # arXiv's line break is gone
    assert lth.authors == LTH.authors and lth.arxiv == "1803.03635" and lth.source == service
    assert lth.abstract == LTH.abstract
    neurons = outcomes["arxiv:1810.09536"].metadata
    assert neurons is not None and neurons.title == ORDERED_NEURONS.title


async def test_arxiv_asks_for_a_batch_of_ids_in_one_request() -> None:
    async with FakeScholarAPI() as fake:
        refs = [by_arxiv("1803.03635"), by_arxiv("1810.09536"), by_arxiv("1911.11134")]
        tally, _ = await run(fake_settings(fake, "arxiv"), refs)
        calls = fake.calls_to(ARXIV_PATH)
    assert tally.resolved == 3 and len(calls) == 1
    assert calls[0].query["max_results"] == "3"  # the API's default of 10 would cut a batch


@pytest.mark.parametrize("service", SERVICES)
async def test_unknown_ids_are_not_found_and_fall_back_on_their_title(service: str) -> None:
    async with FakeScholarAPI() as fake:
        refs = [by_arxiv("9999.99999"), by_arxiv("9999.99998", "Rigging the Lottery")]
        tally, outcomes = await run(fake_settings(fake, service), refs)
    assert (tally.resolved, tally.not_found, tally.failed) == (1, 1, 0)
    assert outcomes["arxiv:9999.99999"].metadata is None
    found = outcomes["arxiv:9999.99998"].metadata
    assert found is not None and found.title == "Rigging the Lottery: Making All Tickets Winners"


@pytest.mark.parametrize("service", SERVICES)
async def test_titles_attach_only_the_same_work(service: str) -> None:
    refs = [
        # The report's short name for a subtitled paper, among near misses ("... at Scale").
        by_title("The Lottery Ticket Hypothesis", authors=("Frankle", "Carbin"), latest_year=2019),
        # A typo and different punctuation still name the work.
        by_title("A closer look at memorisation in deep networks", latest_year=2017),
        # Published six years after the report that discusses a talk of that name.
        by_title("Learned Optimizers that Scale and Generalize", latest_year=2017),
        # The same title by other people is another work.
        by_title("A Closer Look at Memorization in Deep Networks", authors=("Smith",)),
        # Shares words, but is not this work.
        by_title("Lottery Ticket Hypothesis at Scale for Transformers"),
    ]
    async with FakeScholarAPI() as fake:
        _, outcomes = await run(fake_settings(fake, service), refs)
    found = {key: o.metadata.title if o.metadata else None for key, o in outcomes.items()}
    assert found == {
        refs[0].key: LTH.title,
        refs[1].key: "A Closer Look at Memorization in Deep Networks",
        refs[2].key: None,
        refs[3].key: None,
        refs[4].key: None,
    }


async def test_a_doi_resolves_where_the_service_knows_dois() -> None:
    async with FakeScholarAPI() as fake:
        ref = by_title("Deep Residual Learning", doi="10.1109/CVPR.2016.90")
        for service in ("openalex", "semanticscholar"):
            _, outcomes = await run(fake_settings(fake, service), [ref])
            found = outcomes[ref.key].metadata
            assert found is not None and found.venue == "Computer Vision and Pattern Recognition"


@pytest.mark.parametrize("service", SERVICES)
async def test_a_429_is_waited_out_for_its_retry_after(service: str) -> None:
    async with FakeScholarAPI() as fake:
        fake.fail(REQUESTS[service], status=429, retry_after=0.4)
        started = time.monotonic()
        tally, _ = await run(fake_settings(fake, service), [by_arxiv("1803.03635")])
        waited = time.monotonic() - started
        tries = fake.calls_to(REQUESTS[service], include_failed=True)
    assert tally.resolved == 1 and len(tries) == 2
    assert waited >= 0.4


async def test_a_retry_after_too_long_to_wait_stops_the_run_at_once() -> None:
    async with FakeScholarAPI() as fake:
        fake.fail(ARXIV_PATH, status=429, retry_after=3600, times=10)
        settings = fake_settings(fake, "arxiv", metadata_max_wait_seconds=60)
        refs = [by_title("The Lottery Ticket Hypothesis"), by_title("Rigging the Lottery")]
        tally, outcomes = await run(settings, refs)
        tries = fake.calls_to(ARXIV_PATH, include_failed=True)
    assert len(tries) == 1  # neither retried nor the next ref asked
    assert tally.failed == 2 and tally.stopped and "3600" in tally.stopped
    assert all(o.failed for o in outcomes.values())


@pytest.mark.parametrize("service", SERVICES)
async def test_5xx_is_retried_a_bounded_number_of_times(service: str) -> None:
    async with FakeScholarAPI() as fake:
        fake.fail(REQUESTS[service], status=503, times=2)
        tally, _ = await run(fake_settings(fake, service), [by_arxiv("1803.03635")])
        assert tally.resolved == 1

        fake.fail(REQUESTS[service], status=500, times=100)
        settings = fake_settings(fake, service, metadata_attempts=3)
        before = len(fake.calls_to(REQUESTS[service], include_failed=True))
        tally, outcomes = await run(settings, [by_arxiv("1810.09536")])
        tries = len(fake.calls_to(REQUESTS[service], include_failed=True)) - before
    assert tally.failed == 1 and tries == 3
    assert "HTTP 500" in (outcomes["arxiv:1810.09536"].error or "")


@pytest.mark.parametrize("service", SERVICES)
async def test_a_timeout_is_retried_then_counted_as_failed(service: str) -> None:
    async with FakeScholarAPI() as fake:
        fake.stall(REQUESTS[service], 1.0)
        settings = fake_settings(fake, service, metadata_timeout_seconds=0.3)
        tally, _ = await run(settings, [by_arxiv("1803.03635")])
        assert tally.resolved == 1  # the second try answered at once

        fake.stall(REQUESTS[service], 1.0, times=2)
        settings = fake_settings(fake, service, metadata_timeout_seconds=0.3, metadata_attempts=2)
        tally, outcomes = await run(settings, [by_arxiv("1810.09536")])
    assert tally.failed == 1
    assert "did not answer within 0.3 s" in (outcomes["arxiv:1810.09536"].error or "")


MALFORMED = {
    "arxiv": [
        (b"<html><body>Service Unavailable</body></html", "application/atom+xml"),
        (b"<rss><channel/></rss>", "application/xml"),
        (b"<!DOCTYPE x [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]><x>&b;</x>", "text/xml"),
    ],
    "openalex": [
        (b"{not json", "application/json"),
        (dumps({"title": ["a", "list"]}), "application/json"),
        (dumps(["a list, not a work"]), "application/json"),
    ],
    "semanticscholar": [
        (b"", "application/json"),
        (dumps({"data": "nope"}), "application/json"),
        (dumps([{"title": 42, "authors": "x"}]), "application/json"),
    ],
}


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("case", range(3))
async def test_a_malformed_answer_is_a_failure_never_a_crash(service: str, case: int) -> None:
    body, content_type = MALFORMED[service][case]
    async with FakeScholarAPI() as fake:
        fake.garble(REQUESTS[service], body, content_type=content_type)
        refs = [by_arxiv("1803.03635"), by_arxiv("1810.09536", "Ordered Neurons")]
        tally, outcomes = await run(fake_settings(fake, service), refs)
    # The garbled answer fails what it was about (tried again next run); the rest resolves.
    assert tally.failed >= 1 and tally.failed + tally.resolved == 2
    assert not tally.stopped
    failed = [o for o in outcomes.values() if o.failed]
    assert all(service in (o.error or "") for o in failed)


async def test_one_unusable_entry_fails_alone() -> None:
    works = [
        LTH,
        Work(title="x" * 600, authors=("A",), year=2019, arxiv="1901.00001"),  # too long a title
    ]
    async with FakeScholarAPI(works) as fake:
        refs = [by_arxiv("1803.03635"), by_arxiv("1901.00001")]
        tally, outcomes = await run(fake_settings(fake, "arxiv"), refs)
    assert (tally.resolved, tally.failed) == (1, 1)
    assert "unusable" in (outcomes["arxiv:1901.00001"].error or "")


@pytest.mark.parametrize("service", SERVICES)
async def test_a_service_that_is_down_stops_the_run_after_three_failures(service: str) -> None:
    async with FakeScholarAPI() as fake:
        settings = fake_settings(fake, service, metadata_attempts=2)
    # The fake is closed: nothing listens on its port any more.
    refs = [by_title(f"A paper about topic number {n}") for n in range(10)]
    started = time.monotonic()
    tally, outcomes = await run(settings, refs)
    assert tally.failed == 10 and tally.stopped and "3 times in a row" in tally.stopped
    assert "could not be reached" in (outcomes[refs[0].key].error or "")
    assert "not asked" in (outcomes[refs[9].key].error or "")
    assert time.monotonic() - started < 5


async def test_requests_keep_the_services_pace() -> None:
    async with FakeScholarAPI() as fake:
        settings = fake_settings(fake, "arxiv", metadata_interval_seconds=0.25)
        refs = [by_title("The Lottery Ticket Hypothesis"), by_title("Rigging the Lottery")]
        refs.append(by_title("Ordered Neurons for trees"))
        started = time.monotonic()
        await run(settings, refs)
        elapsed = time.monotonic() - started
    assert elapsed >= 0.5  # three requests, 0.25 s apart


async def test_the_api_key_and_contact_are_sent_and_never_in_errors() -> None:
    async with FakeScholarAPI() as fake:
        settings = fake_settings(
            fake, "openalex", metadata_api_key="sk-secret-123", metadata_contact="me@example.org"
        )
        fake.fail("/works", status=403, times=1)
        _, outcomes = await run(settings, [by_arxiv("1803.03635")])
        call = fake.calls_to("/works", include_failed=True)[0]
        assert call.query["api_key"] == "sk-secret-123" and call.query["mailto"] == "me@example.org"
        assert "me@example.org" in call.headers["User-Agent"]
        assert "sk-secret-123" not in str(outcomes)

        s2 = fake_settings(fake, "semanticscholar", metadata_api_key="s2-secret")
        await run(s2, [by_arxiv("1803.03635")])
        assert fake.calls_to("/graph/v1")[-1].headers["x-api-key"] == "s2-secret"


async def test_a_resolver_has_one_protocol() -> None:
    async with FakeScholarAPI() as fake:
        for service in SERVICES:
            async with open_resolver(fake_settings(fake, service), service) as resolver:
                assert resolver.name == service and resolver.id_batch >= 1
                assert resolver.can_fetch(by_arxiv("1803.03635"))
