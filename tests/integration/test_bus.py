"""The Redis bus: reconnecting subscriptions and the per-user replayable event stream."""

from __future__ import annotations

import asyncio
import uuid

from common import messages
from common.bus import Bus
from devtools.devstack import EmbeddedRedis
from jobmate.events.v1 import events_pb2
from tests.helpers import wait_for


def card_moved(user_id: str, to_status: str) -> events_pb2.Event:
    return messages.new_event(events_pb2.EVENT_TYPE_CARD_MOVED, user_id,
                              card_moved=events_pb2.CardMoved(application_id="a1", from_status="TO_APPLY",
                                                              to_status=to_status))


async def test_subscriber_keeps_receiving_after_redis_restart(restartable_redis: EmbeddedRedis) -> None:
    bus = Bus.from_url(restartable_redis.url)
    received: list[events_pb2.Command] = []
    reconnected = asyncio.Event()

    async def on_reconnect() -> None:
        reconnected.set()

    subscription = bus.subscribe(["CMD_ANALYZE_JOB"], on_reconnect=on_reconnect)

    async def consume() -> None:
        async for _channel, data in subscription:
            received.append(messages.command_from_json(data))

    task = asyncio.create_task(consume())
    try:
        await asyncio.wait_for(subscription.connected.wait(), 5)
        before = messages.new_command(events_pb2.COMMAND_TYPE_ANALYZE_JOB, "u1",
                                      analyze_job=events_pb2.AnalyzeJob(application_id="before"))
        await bus.publish_command(before)
        await wait_for(lambda: len(received) == 1)

        await asyncio.to_thread(restartable_redis.restart)
        await asyncio.wait_for(reconnected.wait(), 15)

        publisher = Bus.from_url(restartable_redis.url)
        after = messages.new_command(events_pb2.COMMAND_TYPE_ANALYZE_JOB, "u1",
                                     analyze_job=events_pb2.AnalyzeJob(application_id="after"))
        assert await publisher.publish_command(after) == 1, "the subscription is registered again"
        await wait_for(lambda: len(received) == 2)
        assert [c.analyze_job.application_id for c in received] == ["before", "after"]
        assert subscription.reconnects == 1
        await publisher.close()
    finally:
        subscription.close()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await bus.close()


async def test_user_stream_replays_from_a_given_id(redis_url: str) -> None:
    bus = Bus.from_url(redis_url)
    user_id = f"user-{uuid.uuid4()}"
    other_user = f"user-{uuid.uuid4()}"
    try:
        ids = [await bus.publish_event(card_moved(user_id, status)) for status in ("APPLIED", "INTERVIEW", "OFFER")]
        await bus.publish_event(card_moved(other_user, "HIRED"))

        everything = await bus.read_user_events(user_id)
        assert [e.event.card_moved.to_status for e in everything] == ["APPLIED", "INTERVIEW", "OFFER"]
        assert [e.id for e in everything] == ids

        missed = await bus.read_user_events(user_id, after_id=ids[0])
        assert [e.event.card_moved.to_status for e in missed] == ["INTERVIEW", "OFFER"]
        assert all(e.event.user_id == user_id for e in missed)
        assert await bus.read_user_events(user_id, after_id=ids[-1]) == []
    finally:
        await bus.close()


async def test_user_stream_is_capped(redis_url: str) -> None:
    bus = Bus.from_url(redis_url, stream_maxlen=10)
    user_id = f"user-{uuid.uuid4()}"
    try:
        for i in range(500):
            await bus.publish_event(card_moved(user_id, f"S{i}"))
        length = await bus.redis.xlen(f"events:user:{user_id}")
        assert 10 <= length < 500  # approximate trimming keeps at least the cap, far fewer than written
        latest = await bus.read_user_events(user_id)
        assert latest[-1].event.card_moved.to_status == "S499"
    finally:
        await bus.close()


async def test_event_is_announced_on_its_channel(redis_url: str) -> None:
    bus = Bus.from_url(redis_url)
    subscription = bus.subscribe(["EVENT_CARD_MOVED"])
    got: list[tuple[str, events_pb2.Event]] = []

    async def consume() -> None:
        async for channel, data in subscription:
            got.append((channel, messages.event_from_json(data)))

    task = asyncio.create_task(consume())
    try:
        await asyncio.wait_for(subscription.connected.wait(), 5)
        event = card_moved("u-chan", "APPLIED")
        await bus.publish_event(event)
        await wait_for(lambda: got)
        assert got[0][0] == "EVENT_CARD_MOVED"
        assert got[0][1].id == event.id and got[0][1].card_moved.to_status == "APPLIED"
    finally:
        subscription.close()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await bus.close()
