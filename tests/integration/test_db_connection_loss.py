"""A dropped PostgreSQL connection is a transient failure, not an internal error.

Found by the fault suite (tests/faults): after `pg_terminate_backend` on the mesh's database, calls in
flight came back INTERNAL (the gateway showed INTERNAL_SERVER_ERROR and the client gave up), and the
tracker's outbox relay died on asyncpg's InternalClientError, which is not an InterfaceError, leaving
every later CMD_ANALYZE_JOB unpublished for good.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import grpc
import pytest

from common import messages
from common.auth import TokenVerifier
from common.bus import Bus
from common.db import create_pool, is_connection_lost, migrate
from common.grpc_server import PUBLIC, GrpcServer
from common.outbox import Outbox, outbox_migrations
from common.settings import get_settings
from jobmate.events.v1 import events_pb2
from tests.helpers import wait_for

SERVICE = "jobmate.test.v1.DbProbeService"


@pytest.fixture
async def pool(database_url: str, tmp_path: Path) -> AsyncIterator[asyncpg.Pool]:
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    await migrate(database_url, schema="svc", directory=migrations, before=outbox_migrations())
    pool = await create_pool(database_url, schema="svc")
    yield pool
    await pool.close()


async def terminate_backend(database_url: str, pid: int) -> None:
    admin = await asyncpg.connect(database_url)
    try:
        await admin.execute("SELECT pg_terminate_backend($1)", pid)
    finally:
        await admin.close()


async def test_a_call_whose_connection_is_terminated_is_unavailable_and_the_pool_recovers(
        pool: asyncpg.Pool, database_url: str) -> None:
    async def query_after_the_connection_is_killed(request: bytes, context: grpc.aio.ServicerContext) -> bytes:
        async with pool.acquire() as conn:
            await terminate_backend(database_url, await conn.fetchval("SELECT pg_backend_pid()"))
            await conn.fetchval("SELECT 1")
        return b"unreachable"

    async def query(request: bytes, context: grpc.aio.ServicerContext) -> bytes:
        return str(await pool.fetchval("SELECT 41 + 1")).encode()

    def handler(fn):
        return grpc.unary_unary_rpc_method_handler(fn)

    server = GrpcServer("db-probe", TokenVerifier.from_settings(get_settings()),
                        {f"/{SERVICE}/Killed": PUBLIC, f"/{SERVICE}/Query": PUBLIC}, [SERVICE])
    server.server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler(SERVICE, {
        "Killed": handler(query_after_the_connection_is_killed), "Query": handler(query)})])
    port = await server.start(0, host="127.0.0.1")
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            with pytest.raises(grpc.aio.AioRpcError) as info:
                await channel.unary_unary(f"/{SERVICE}/Killed")(b"", timeout=10)
            assert info.value.code() == grpc.StatusCode.UNAVAILABLE, info.value.details()
            assert "try again" in info.value.details()
            # The retry the status invites succeeds: the pool replaced the dead connection.
            assert await channel.unary_unary(f"/{SERVICE}/Query")(b"", timeout=10) == b"42"
    finally:
        await server.stop(0)


def test_connection_loss_is_told_apart_from_query_errors() -> None:
    assert is_connection_lost(asyncpg.ConnectionDoesNotExistError("connection was closed"))
    assert is_connection_lost(asyncpg.InterfaceError("the underlying connection is closed"))
    assert is_connection_lost(asyncpg.exceptions._base.InternalClientError("cannot switch to state 15"))
    assert is_connection_lost(ConnectionResetError())
    assert not is_connection_lost(asyncpg.UniqueViolationError("duplicate key"))
    assert not is_connection_lost(ValueError("bad input"))


class RelayWithOneBrokenPass(Outbox):
    """The outbox with its first relay pass failing as asyncpg fails when a connection is cut mid-query."""

    broken_passes = 0

    async def relay_once(self) -> int:
        if self.broken_passes == 0:
            self.broken_passes += 1
            raise asyncpg.exceptions._base.InternalClientError("cannot switch to state 15")
        return await super().relay_once()


async def test_outbox_relay_outlives_a_pass_that_fails_unexpectedly(pool: asyncpg.Pool, redis_url: str) -> None:
    bus = Bus.from_url(redis_url)
    outbox = RelayWithOneBrokenPass(pool, bus, result_timeout_s=60, max_attempts=3, poll_interval_s=0.05)
    command = messages.new_command(events_pb2.COMMAND_TYPE_ANALYZE_JOB, "u1",
                                   analyze_job=events_pb2.AnalyzeJob(application_id=str(uuid.uuid4())))
    async with pool.acquire() as conn, conn.transaction():
        await outbox.add_command(conn, command)
    relay = asyncio.create_task(outbox.run())
    try:
        async def published() -> bool:
            row = await outbox.status(command.id)
            return row["status"] == "PUBLISHED"

        await wait_for(published, timeout_s=10)
        assert outbox.broken_passes == 1 and not relay.done()
    finally:
        relay.cancel()
        await asyncio.gather(relay, return_exceptions=True)
        await bus.close()


async def test_outbox_relay_keeps_publishing_after_its_connections_are_terminated(
        pool: asyncpg.Pool, database_url: str, redis_url: str) -> None:
    bus = Bus.from_url(redis_url)
    outbox = Outbox(pool, bus, result_timeout_s=60, max_attempts=3, poll_interval_s=0.05)
    relay = asyncio.create_task(outbox.run())
    try:
        admin = await asyncpg.connect(database_url)
        try:
            for _ in range(5):
                await admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                    " WHERE datname = current_database() AND pid <> pg_backend_pid()")
                await asyncio.sleep(0.1)
        finally:
            await admin.close()
        command = messages.new_command(events_pb2.COMMAND_TYPE_ANALYZE_JOB, "u1",
                                       analyze_job=events_pb2.AnalyzeJob(application_id=str(uuid.uuid4())))

        async def written() -> bool:
            try:
                async with pool.acquire() as conn, conn.transaction():
                    await outbox.add_command(conn, command)
                return True
            except asyncpg.InterfaceError:  # a pooled connection that died idle: the next one is fresh
                return False
            except asyncpg.PostgresConnectionError:
                return False

        await wait_for(written, timeout_s=10)
        outbox.wake()

        async def published() -> bool:
            row = await outbox.status(command.id)
            return row["status"] == "PUBLISHED"

        await wait_for(published, timeout_s=10)
        assert not relay.done()
    finally:
        relay.cancel()
        await asyncio.gather(relay, return_exceptions=True)
        await bus.close()
