"""The transactional outbox: durable delivery across Redis outages, re-publication, bounded give-up."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
import pytest

from common import messages
from common.bus import Bus
from common.outbox import Outbox
from devtools.devstack import EmbeddedRedis
from jobmate.events.v1 import events_pb2
from tests.helpers import wait_for


def analyze_command(user_id: str = "u1") -> events_pb2.Command:
    return messages.new_command(events_pb2.COMMAND_TYPE_ANALYZE_JOB, user_id,
                                analyze_job=events_pb2.AnalyzeJob(application_id=str(uuid.uuid4())))


class Collector:
    """Subscribes to a channel and keeps what arrives."""

    def __init__(self, bus: Bus, channel: str) -> None:
        self.items: list[events_pb2.Command] = []
        self.subscription = bus.subscribe([channel])
        self.task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        async for _channel, data in self.subscription:
            self.items.append(messages.command_from_json(data))

    async def close(self) -> None:
        self.subscription.close()
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)


async def test_command_written_while_redis_is_down_is_delivered_when_it_is_back(
        outbox_pool: asyncpg.Pool, restartable_redis: EmbeddedRedis) -> None:
    bus = Bus.from_url(restartable_redis.url)
    outbox = Outbox(outbox_pool, bus, result_timeout_s=60, max_attempts=3, poll_interval_s=0.05)
    restartable_redis.stop()

    command = analyze_command()
    async with outbox_pool.acquire() as conn, conn.transaction():
        await outbox.add_command(conn, command)

    # Redis is down: the relay tries, fails, and keeps the command without using up an attempt.
    await outbox.relay_once()
    row = await outbox.status(command.id)
    assert row["status"] == "PENDING" and row["attempts"] == 0
    assert "publish failed" in (await outbox_pool.fetchval("SELECT last_error FROM outbox WHERE id = $1", command.id))

    await asyncio.to_thread(restartable_redis.start)
    collector = Collector(bus, "CMD_ANALYZE_JOB")
    relay = asyncio.create_task(outbox.run())
    try:
        await asyncio.wait_for(collector.subscription.connected.wait(), 10)
        await wait_for(lambda: collector.items, timeout_s=15)
        delivered = collector.items[0]
        assert delivered.id == command.id
        assert delivered.analyze_job.application_id == command.analyze_job.application_id
        assert delivered.attempt == 1
        row = await outbox.status(command.id)
        assert row["status"] == "PUBLISHED" and row["attempts"] == 1
    finally:
        relay.cancel()
        await asyncio.gather(relay, return_exceptions=True)
        await collector.close()
        await bus.close()


async def test_unanswered_command_is_republished_then_given_up_with_a_stored_failure(
        outbox_pool: asyncpg.Pool, redis_url: str) -> None:
    bus = Bus.from_url(redis_url)

    async def store_failure(conn: asyncpg.Connection, command: events_pb2.Command, reason: str) -> None:
        await conn.execute("INSERT INTO failures (command_id, reason) VALUES ($1, $2)", command.id, reason)

    outbox = Outbox(outbox_pool, bus, result_timeout_s=0.2, max_attempts=3, poll_interval_s=0.05,
                    on_give_up=store_failure)
    collector = Collector(bus, "CMD_ANALYZE_JOB")
    await asyncio.wait_for(collector.subscription.connected.wait(), 5)
    command = analyze_command()
    async with outbox_pool.acquire() as conn, conn.transaction():
        await outbox.add_command(conn, command)
    relay = asyncio.create_task(outbox.run())
    try:
        reason = await wait_for(
            lambda: outbox_pool.fetchval("SELECT reason FROM failures WHERE command_id = $1", command.id), timeout_s=20)
        assert reason == "no result after 3 attempts"
        mine = [c for c in collector.items if c.id == command.id]
        assert [c.attempt for c in mine] == [1, 2, 3]
        row = await outbox.status(command.id)
        assert row["status"] == "FAILED"
        # A result arriving after the give-up is not current any more.
        async with outbox_pool.acquire() as conn:
            assert await outbox.complete(conn, command.id) is False
    finally:
        relay.cancel()
        await asyncio.gather(relay, return_exceptions=True)
        await collector.close()
        await bus.close()


async def test_completed_command_is_not_republished(outbox_pool: asyncpg.Pool, redis_url: str) -> None:
    bus = Bus.from_url(redis_url)
    outbox = Outbox(outbox_pool, bus, result_timeout_s=0.2, max_attempts=3, poll_interval_s=0.05)
    command = analyze_command()
    async with outbox_pool.acquire() as conn, conn.transaction():
        await outbox.add_command(conn, command)
    assert await outbox.relay_once() == 1
    async with outbox_pool.acquire() as conn:
        assert await outbox.complete(conn, command.id) is True
        assert await outbox.complete(conn, command.id) is False  # idempotent: second result is a no-op
    await asyncio.sleep(0.3)  # past the result timeout: nothing may be due any more
    assert await outbox.relay_once() == 0
    row = await outbox.status(command.id)
    assert row["status"] == "DONE" and row["attempts"] == 1
    await bus.close()


async def test_event_lands_in_the_user_stream_once(outbox_pool: asyncpg.Pool, redis_url: str) -> None:
    bus = Bus.from_url(redis_url)
    outbox = Outbox(outbox_pool, bus, poll_interval_s=0.05)
    user_id = f"user-{uuid.uuid4()}"
    event = messages.new_event(events_pb2.EVENT_TYPE_FOLLOW_UP_DUE, user_id,
                               follow_up_due=events_pb2.FollowUpDue(application_id="a1", title="Engineer"))
    async with outbox_pool.acquire() as conn, conn.transaction():
        await outbox.add_event(conn, event)
    assert await outbox.relay_once() == 1
    assert await outbox.relay_once() == 0
    entries = await bus.read_user_events(user_id)
    assert [e.event.id for e in entries] == [event.id]
    assert entries[0].event.follow_up_due.title == "Engineer"
    assert (await outbox.status(event.id))["status"] == "DONE"
    await bus.close()


async def test_rolled_back_transaction_publishes_nothing(outbox_pool: asyncpg.Pool, redis_url: str) -> None:
    bus = Bus.from_url(redis_url)
    outbox = Outbox(outbox_pool, bus)
    command = analyze_command()
    with pytest.raises(RuntimeError):
        async with outbox_pool.acquire() as conn, conn.transaction():
            await outbox.add_command(conn, command)
            raise RuntimeError("the state change failed")
    assert await outbox.status(command.id) is None
    assert await outbox.relay_once() == 0
    await bus.close()


async def test_a_given_up_command_goes_to_the_hook_of_its_type_else_to_the_hook_for_all(
        outbox_pool: asyncpg.Pool, redis_url: str) -> None:
    bus = Bus.from_url(redis_url)
    outbox = Outbox(outbox_pool, bus, result_timeout_s=0.01, max_attempts=1, poll_interval_s=0.05)

    def store(label: str):
        async def hook(conn: asyncpg.Connection, command: events_pb2.Command, reason: str) -> None:
            await conn.execute("INSERT INTO failures (command_id, reason) VALUES ($1, $2)", command.id,
                               f"{label}: {reason}")
        return hook

    outbox.on_give_up(store("analysis"), command_type=events_pb2.COMMAND_TYPE_ANALYZE_JOB)
    outbox.on_give_up(store("any other"))
    with pytest.raises(ValueError, match="already registered"):
        outbox.on_give_up(store("again"), command_type=events_pb2.COMMAND_TYPE_ANALYZE_JOB)
    analysis = analyze_command()
    parse = messages.new_command(events_pb2.COMMAND_TYPE_PARSE_CV, "u1", parse_cv=events_pb2.ParseCv(cv_id="cv-1"))
    async with outbox_pool.acquire() as conn, conn.transaction():
        await outbox.add_command(conn, analysis)
        await outbox.add_command(conn, parse)
    relay = asyncio.create_task(outbox.run())
    try:
        rows = await wait_for(lambda: _failures_when(outbox_pool, 2), timeout_s=20)
        assert rows == {analysis.id: "analysis: no result after 1 attempts",
                        parse.id: "any other: no result after 1 attempts"}
        with pytest.raises(RuntimeError, match="before the relay starts"):
            outbox.on_give_up(store("late"), command_type=events_pb2.COMMAND_TYPE_PARSE_CV)
    finally:
        relay.cancel()
        await asyncio.gather(relay, return_exceptions=True)
        await bus.close()


async def _failures_when(pool: asyncpg.Pool, count: int) -> dict[str, str] | None:
    rows = await pool.fetch("SELECT command_id::text AS id, reason FROM failures")
    return {row["id"]: row["reason"] for row in rows} if len(rows) >= count else None


class ProbedOutbox(Outbox):
    """An outbox that says when a relay pass has finished (the relay then goes straight to its wait)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.passed = asyncio.Event()

    async def relay_once(self) -> int:
        handled = await super().relay_once()
        self.passed.set()
        return handled


async def test_the_relay_stops_when_cancelled_just_after_a_wake(outbox_pool: asyncpg.Pool, bus: Bus) -> None:
    # asyncio.wait_for (Python 3.11) swallows a cancellation that lands as the awaited wake arrives; the
    # relay then ran on forever and a service's shutdown, which awaits it, hung (seen as a flaky teardown).
    outbox = ProbedOutbox(outbox_pool, bus, poll_interval_s=60)
    relay = asyncio.create_task(outbox.run())
    await outbox.passed.wait()  # the relay is idle now, waiting for a wake or its next poll

    outbox.wake()  # a commit lands...
    relay.cancel()  # ...just as the service shuts down
    for _ in range(10):  # a few turns of the event loop, not a wait on the clock
        await asyncio.sleep(0)

    stopped = relay.done()
    if not stopped:
        relay.cancel()
    await asyncio.gather(relay, return_exceptions=True)
    assert stopped and relay.cancelled()
