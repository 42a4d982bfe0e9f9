"""Outbox direct delivery: commands handed to a handler (an owner's RPC) instead of pub/sub, durably."""

from __future__ import annotations

import asyncio

import asyncpg

from common import messages
from common.bus import Bus
from common.outbox import Outbox
from jobmate.events.v1 import events_pb2
from tests.helpers import wait_for


def archive_command(user_id: str = "u1") -> events_pb2.Command:
    return messages.new_command(events_pb2.COMMAND_TYPE_ARCHIVE_SEARCH_CONFIGS, user_id,
                                archive_search_configs=events_pb2.ArchiveSearchConfigs(reason="hired"))


class FlakyDownstream:
    """Stands in for another service's RPC: fails the first `failures` calls, then succeeds."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls: list[events_pb2.Command] = []

    async def __call__(self, command: events_pb2.Command) -> None:
        self.calls.append(command)
        if len(self.calls) <= self.failures:
            raise ConnectionError("downstream unavailable")


async def add(outbox_pool: asyncpg.Pool, outbox: Outbox, command: events_pb2.Command) -> None:
    async with outbox_pool.acquire() as conn, conn.transaction():
        await outbox.add_command(conn, command)


async def test_direct_command_is_delivered_to_its_handler_not_published(outbox_pool: asyncpg.Pool, bus: Bus) -> None:
    downstream = FlakyDownstream(failures=0)
    published: list[bytes] = []
    subscription = bus.subscribe(["CMD_ARCHIVE_SEARCH_CONFIGS"])

    async def collect() -> None:
        async for _channel, data in subscription:
            published.append(data)

    collector = asyncio.create_task(collect())
    await asyncio.wait_for(subscription.connected.wait(), 5)
    outbox = Outbox(outbox_pool, bus, direct_handlers={events_pb2.COMMAND_TYPE_ARCHIVE_SEARCH_CONFIGS: downstream})
    command = archive_command()
    await add(outbox_pool, outbox, command)
    try:
        assert await outbox.relay_once() == 1
        assert [c.id for c in downstream.calls] == [command.id]
        assert downstream.calls[0].attempt == 1
        assert downstream.calls[0].archive_search_configs.reason == "hired"
        row = await outbox.status(command.id)
        assert row["status"] == "DONE" and row["attempts"] == 1
        assert await outbox.relay_once() == 0  # done: never delivered again
        await asyncio.sleep(0.2)
        assert published == []  # the handler replaced pub/sub
    finally:
        subscription.close()
        collector.cancel()
        await asyncio.gather(collector, return_exceptions=True)


async def test_failed_direct_delivery_is_retried_with_backoff_until_it_succeeds(outbox_pool: asyncpg.Pool, bus: Bus) -> None:
    downstream = FlakyDownstream(failures=2)
    outbox = Outbox(outbox_pool, bus, max_attempts=5, poll_interval_s=0.05, direct_retry_backoff_s=0.1,
                    direct_handlers={events_pb2.COMMAND_TYPE_ARCHIVE_SEARCH_CONFIGS: downstream})
    command = archive_command()
    await add(outbox_pool, outbox, command)

    assert await outbox.relay_once() == 1
    row = await outbox.status(command.id)
    assert row["status"] == "PENDING" and row["attempts"] == 1
    assert "downstream unavailable" in row["last_error"]
    assert await outbox.relay_once() == 0  # backing off: not due yet

    relay = asyncio.create_task(outbox.run())
    try:
        await wait_for(lambda: _status_is(outbox, command.id, "DONE"), timeout_s=10)
    finally:
        relay.cancel()
        await asyncio.gather(relay, return_exceptions=True)
    assert [c.attempt for c in downstream.calls] == [1, 2, 3]
    assert (await outbox.status(command.id))["attempts"] == 3


async def test_direct_delivery_gives_up_after_max_attempts_with_a_stored_failure(outbox_pool: asyncpg.Pool, bus: Bus) -> None:
    downstream = FlakyDownstream(failures=100)

    async def store_failure(conn: asyncpg.Connection, command: events_pb2.Command, reason: str) -> None:
        await conn.execute("INSERT INTO failures (command_id, reason) VALUES ($1, $2)", command.id, reason)

    outbox = Outbox(outbox_pool, bus, max_attempts=3, poll_interval_s=0.05, direct_retry_backoff_s=0.05,
                    on_give_up=store_failure,
                    direct_handlers={events_pb2.COMMAND_TYPE_ARCHIVE_SEARCH_CONFIGS: downstream})
    command = archive_command()
    await add(outbox_pool, outbox, command)
    relay = asyncio.create_task(outbox.run())
    try:
        reason = await wait_for(
            lambda: outbox_pool.fetchval("SELECT reason FROM failures WHERE command_id = $1", command.id), timeout_s=10)
    finally:
        relay.cancel()
        await asyncio.gather(relay, return_exceptions=True)
    assert reason.startswith("delivery failed after 3 attempts")
    assert "downstream unavailable" in reason
    assert len(downstream.calls) == 3
    row = await outbox.status(command.id)
    assert row["status"] == "FAILED" and row["attempts"] == 3
    assert await outbox.relay_once() == 0


async def test_other_commands_still_go_through_pub_sub(outbox_pool: asyncpg.Pool, bus: Bus) -> None:
    downstream = FlakyDownstream(failures=0)
    outbox = Outbox(outbox_pool, bus, direct_handlers={events_pb2.COMMAND_TYPE_ARCHIVE_SEARCH_CONFIGS: downstream})
    command = messages.new_command(events_pb2.COMMAND_TYPE_ANALYZE_JOB, "u1",
                                   analyze_job=events_pb2.AnalyzeJob(application_id="a1"))
    await add(outbox_pool, outbox, command)
    assert await outbox.relay_once() == 1
    assert downstream.calls == []
    row = await outbox.status(command.id)
    assert row["status"] == "PUBLISHED"  # awaiting its result, as before


async def _status_is(outbox: Outbox, command_id: str, status: str) -> bool:
    row = await outbox.status(command_id)
    return row is not None and row["status"] == status
