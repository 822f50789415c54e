"""`/flashback subscribe` answers: subscribed, updated (naming what changed), resumed."""

from __future__ import annotations

from pathlib import Path

from bot.chat.commands import handle_flashback
from bot.chat.replies import ReplyView
from bot.ports import ChannelRef
from bot.store import Store
from tests.support.databases import Database
from tests.support.delivery_kit import WEDNESDAY, Clock, make_service

CHANNEL = ChannelRef("memory", "W", "C")
REPO = Path(__file__).resolve().parents[2]


async def subscribe(service: object, text: str) -> ReplyView:
    reply = await handle_flashback(service, CHANNEL, "U1", True, f"subscribe {text}")  # type: ignore[arg-type]
    assert isinstance(reply.view, ReplyView) and not reply.ephemeral
    return reply.view


async def test_running_subscribe_again_says_what_changed_and_keeps_the_rest(
    store: Store, database: Database
) -> None:
    service = make_service(store, database, Clock(WEDNESDAY))
    first = await subscribe(service, "fri 09:00 UTC topics=networks size=3")
    assert first.title == "Subscribed: a flashback will be posted here"

    updated = await subscribe(service, "17:00")
    assert updated.title == "Updated: time 09:00 → 17:00"
    assert updated.lines[0] == "Every Friday at 17:00 (UTC), 3 highlights, topics: networks"
    assert updated.hint is not None and "leave out are kept" in updated.hint

    several = await subscribe(service, "mon topics=gans,pruning")
    assert several.title == "Updated: day Friday → Monday, topics networks → gans, pruning"

    same = await subscribe(service, "mon 17:00")
    assert same.title == "Already subscribed: nothing changed"


async def test_subscribing_a_paused_channel_says_it_resumed(
    store: Store, database: Database
) -> None:
    service = make_service(store, database, Clock(WEDNESDAY))
    await subscribe(service, "mon 09:00 UTC")
    await store.pause(CHANNEL, "the channel is archived", WEDNESDAY)
    assert (await subscribe(service, "")).title == "Resumed: posting here again"
    await store.pause(CHANNEL, "the channel is archived", WEDNESDAY)
    assert (await subscribe(service, "size=2")).title == "Resumed and updated: size 4 → 2"


def test_the_setup_guides_describe_the_same_answers() -> None:
    # The titles asserted above, as both guides quote them.
    for guide in ("slack.md", "discord.md"):
        text = (REPO / "docs" / guide).read_text()
        assert '"Updated: time 09:00 → 17:00"' in text, guide
        assert '"Already subscribed: nothing changed"' in text, guide


async def test_a_topic_no_highlight_mentions_is_noted(store: Store, database: Database) -> None:
    # The small corpus's highlights are all about "deep networks".
    service = make_service(store, database, Clock(WEDNESDAY))
    none = await subscribe(service, "mon topics=quantum")
    assert none.lines[-1] == (
        "No highlight mentions `quantum` yet, so digests draw on all topics for now."
    )
    digest = await service.preview(CHANNEL)
    assert len(digest.highlights) == 4  # the fallback: all topics
    some = await subscribe(service, "topics=networks,quantum")
    assert (
        some.lines[-1] == "No highlight mentions `quantum` yet; digests lead with the other topics."
    )
    fine = await subscribe(service, "topics=network")
    assert not any("No highlight" in line for line in fine.lines)
